import type { FactName } from '../contract/facts';
import type { Severity } from '../contract/diagnosis';
import { FACT_INFO, factAccepts, isFactName } from './factKinds';
import { isoDateProblemText, parseIsoDate } from '../contract/isoDate';

/** Right-hand side of a date comparison. */
export type DateOperand = { now: true } | { fact: FactName } | { literal: string };

export interface NumberRange {
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
}

export type FactTest =
  | { op: 'eq' | 'ne'; value: unknown }
  | { op: 'in' | 'notIn'; values: unknown[] }
  | { op: 'lt' | 'lte' | 'gt' | 'gte'; value: number }
  | { op: 'known' | 'unknown' }
  | { op: 'before' | 'after'; operand: DateOperand }
  | { op: 'hoursSince' | 'daysSince' | 'daysUntil'; range: NumberRange };

export type Condition =
  | { kind: 'all' | 'any'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | ({ kind: 'fact'; fact: FactName } & FactTest)
  | { kind: 'diagnosis'; id: string; negate: boolean }
  | { kind: 'noDiagnosisWithSeverity'; severities: Severity[] };

/** A problem at a path inside a rule, e.g. `when.all[1].fact`. */
export class ConditionError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

const FACT_OPS = ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'known', 'unknown', 'before', 'after', 'hoursSince', 'daysSince', 'daysUntil'] as const;
const RANGE_KEYS = ['lt', 'lte', 'gt', 'gte'] as const;
const SEVERITIES: Severity[] = ['blocker', 'warning', 'info'];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function parseFactName(v: unknown, path: string): FactName {
  if (!isFactName(v)) throw new ConditionError(path, `unknown fact ${JSON.stringify(v)}`);
  return v;
}

function parseDateOperand(v: unknown, path: string): DateOperand {
  if (v === 'now') return { now: true };
  if (isPlainObject(v) && Object.keys(v).length === 1 && 'fact' in v) {
    const fact = parseFactName(v.fact, `${path}.fact`);
    if (FACT_INFO[fact].kind !== 'date') throw new ConditionError(`${path}.fact`, `fact "${fact}" is not a date`);
    return { fact };
  }
  if (typeof v === 'string') {
    const r = parseIsoDate(v);
    if (r.ok) return { literal: v };
    throw new ConditionError(path, `${JSON.stringify(v.slice(0, 40))} is not a date: ${isoDateProblemText(r.problem).en}`);
  }
  throw new ConditionError(path, 'expected "now", {fact: <date fact>} or an ISO date');
}

function parseRange(v: unknown, path: string): NumberRange {
  if (!isPlainObject(v) || Object.keys(v).length === 0) {
    throw new ConditionError(path, 'expected a range such as {lt: 24} or {gte: 0, lte: 90}');
  }
  const range: NumberRange = {};
  for (const [k, n] of Object.entries(v)) {
    if (!(RANGE_KEYS as readonly string[]).includes(k)) throw new ConditionError(`${path}.${k}`, `unknown range bound (use ${RANGE_KEYS.join('/')})`);
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new ConditionError(`${path}.${k}`, 'expected a number');
    range[k as keyof NumberRange] = n;
  }
  return range;
}

function checkValue(fact: FactName, value: unknown, path: string): unknown {
  if (!factAccepts(fact, value)) {
    throw new ConditionError(path, `${JSON.stringify(value)} is not a possible value of fact "${fact}"`);
  }
  return value;
}

function parseFactCondition(raw: Record<string, unknown>, path: string): Condition {
  const fact = parseFactName(raw.fact, `${path}.fact`);
  const ops = Object.keys(raw).filter((k) => k !== 'fact');
  if (ops.length !== 1) {
    throw new ConditionError(path, `a fact condition needs exactly one operator (${FACT_OPS.join(', ')}), got ${ops.length ? ops.join(', ') : 'none'}`);
  }
  const op = ops[0]!;
  const arg = raw[op];
  const at = `${path}.${op}`;
  const info = FACT_INFO[fact];
  switch (op) {
    case 'eq':
    case 'ne':
      return { kind: 'fact', fact, op, value: checkValue(fact, arg, at) };
    case 'in':
    case 'notIn':
      if (!Array.isArray(arg) || arg.length === 0) throw new ConditionError(at, 'expected a non-empty list');
      return { kind: 'fact', fact, op, values: arg.map((v, i) => checkValue(fact, v, `${at}[${i}]`)) };
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (info.kind !== 'number') throw new ConditionError(at, `fact "${fact}" is not a number; use before/after/hoursSince/daysUntil for dates`);
      if (typeof arg !== 'number') throw new ConditionError(at, 'expected a number');
      return { kind: 'fact', fact, op, value: arg };
    case 'known':
    case 'unknown':
      if (arg !== true) throw new ConditionError(at, 'expected true');
      return { kind: 'fact', fact, op };
    case 'before':
    case 'after':
      if (info.kind !== 'date') throw new ConditionError(at, `fact "${fact}" is not a date`);
      return { kind: 'fact', fact, op, operand: parseDateOperand(arg, at) };
    case 'hoursSince':
    case 'daysSince':
    case 'daysUntil':
      if (info.kind !== 'date') throw new ConditionError(at, `fact "${fact}" is not a date`);
      return { kind: 'fact', fact, op, range: parseRange(arg, at) };
    default:
      throw new ConditionError(at, `unknown operator "${op}" (use ${FACT_OPS.join(', ')})`);
  }
}

/** Parses one condition from YAML, naming the exact path of any mistake. */
export function parseCondition(raw: unknown, path: string): Condition {
  if (!isPlainObject(raw)) throw new ConditionError(path, 'expected a condition object');
  if ('fact' in raw) return parseFactCondition(raw, path);
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    throw new ConditionError(path, `expected exactly one of fact/all/any/not/diagnosis/notDiagnosis/noDiagnosisWithSeverity, got ${keys.join(', ') || 'nothing'}`);
  }
  const key = keys[0]!;
  const arg = raw[key];
  const at = `${path}.${key}`;
  switch (key) {
    case 'all':
    case 'any':
      if (!Array.isArray(arg) || arg.length === 0) throw new ConditionError(at, 'expected a non-empty list of conditions');
      return { kind: key, items: arg.map((c, i) => parseCondition(c, `${at}[${i}]`)) };
    case 'not':
      return { kind: 'not', item: parseCondition(arg, at) };
    case 'diagnosis':
    case 'notDiagnosis':
      if (typeof arg !== 'string' || arg === '') throw new ConditionError(at, 'expected a diagnosis id');
      return { kind: 'diagnosis', id: arg, negate: key === 'notDiagnosis' };
    case 'noDiagnosisWithSeverity': {
      const list = Array.isArray(arg) ? arg : [arg];
      list.forEach((s, i) => {
        if (!SEVERITIES.includes(s as Severity)) throw new ConditionError(`${at}[${i}]`, `unknown severity ${JSON.stringify(s)} (use ${SEVERITIES.join('/')})`);
      });
      return { kind: 'noDiagnosisWithSeverity', severities: list as Severity[] };
    }
    default:
      throw new ConditionError(at, `unknown condition "${key}"`);
  }
}

/** Diagnosis ids a condition depends on (for evaluation order and cross-checks). */
export function referencedDiagnoses(c: Condition): string[] {
  switch (c.kind) {
    case 'all':
    case 'any':
      return c.items.flatMap(referencedDiagnoses);
    case 'not':
      return referencedDiagnoses(c.item);
    case 'diagnosis':
      return [c.id];
    default:
      return [];
  }
}

export function referencedSeverities(c: Condition): Severity[] {
  switch (c.kind) {
    case 'all':
    case 'any':
      return c.items.flatMap(referencedSeverities);
    case 'not':
      return referencedSeverities(c.item);
    case 'noDiagnosisWithSeverity':
      return c.severities;
    default:
      return [];
  }
}
