import type { Facts, FactName } from '../contract/facts';
import type { Severity } from '../contract/diagnosis';
import type { Condition, DateOperand, NumberRange } from './condition';
import { HOUR_MS, jstCalendarDays, parseInstant } from './time';

/** Three-valued truth: `undefined` is "unknown" — a real state, not false. */
export type Tri = boolean | undefined;

export interface EvalContext {
  facts: Facts;
  nowMs: number;
  /** Outcome of another rule (already evaluated: rules run in dependency order). */
  diagnosis(id: string): Tri;
  /** True when no rule of these severities definitely fired. */
  noneFiredWithSeverity(severities: Severity[]): boolean;
}

export function triNot(v: Tri): Tri {
  return v === undefined ? undefined : !v;
}

/** Kleene conjunction: any false wins, else any unknown makes it unknown. */
export function triAll(values: Iterable<Tri>): Tri {
  let unknown = false;
  for (const v of values) {
    if (v === false) return false;
    if (v === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

export function triAny(values: Iterable<Tri>): Tri {
  let unknown = false;
  for (const v of values) {
    if (v === true) return true;
    if (v === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

function inRange(n: number, r: NumberRange): boolean {
  return (
    (r.lt === undefined || n < r.lt) &&
    (r.lte === undefined || n <= r.lte) &&
    (r.gt === undefined || n > r.gt) &&
    (r.gte === undefined || n >= r.gte)
  );
}

/** undefined = unknown, null = "never" (a known answer), else epoch ms. */
function operandMs(o: DateOperand, ctx: EvalContext): number | null | undefined {
  if ('now' in o) return ctx.nowMs;
  if ('literal' in o) return parseInstant(o.literal);
  return factMs(o.fact, ctx);
}

function factMs(fact: FactName, ctx: EvalContext): number | null | undefined {
  const v = ctx.facts[fact];
  if (v === undefined) return undefined;
  if (v === null) return null;
  return parseInstant(String(v));
}

function* lazyMap<T>(items: T[], f: (t: T) => Tri): Iterable<Tri> {
  for (const item of items) yield f(item);
}

export function evaluate(c: Condition, ctx: EvalContext): Tri {
  switch (c.kind) {
    case 'all':
      return triAll(lazyMap(c.items, (i) => evaluate(i, ctx)));
    case 'any':
      return triAny(lazyMap(c.items, (i) => evaluate(i, ctx)));
    case 'not':
      return triNot(evaluate(c.item, ctx));
    case 'diagnosis': {
      // Two-valued on purpose: rules refer to other rules to suppress or follow them,
      // which needs "did it fire", not "might it fire".
      const fired = ctx.diagnosis(c.id) === true;
      return c.negate ? !fired : fired;
    }
    case 'noDiagnosisWithSeverity':
      return ctx.noneFiredWithSeverity(c.severities);
    case 'fact':
      break;
  }
  const value = ctx.facts[c.fact];
  if (c.op === 'known') return value !== undefined;
  if (c.op === 'unknown') return value === undefined;
  if (value === undefined) return undefined;
  switch (c.op) {
    case 'eq':
      return value === c.value;
    case 'ne':
      return value !== c.value;
    case 'in':
      return c.values.includes(value);
    case 'notIn':
      return !c.values.includes(value);
    case 'lt':
      return typeof value === 'number' && value < c.value;
    case 'lte':
      return typeof value === 'number' && value <= c.value;
    case 'gt':
      return typeof value === 'number' && value > c.value;
    case 'gte':
      return typeof value === 'number' && value >= c.value;
    case 'before':
    case 'after': {
      const a = factMs(c.fact, ctx);
      const b = operandMs(c.operand, ctx);
      if (a === undefined || b === undefined) return undefined;
      // "never" is neither before nor after anything: a person who never moved did not move after issuance.
      if (a === null || b === null) return false;
      return c.op === 'before' ? a < b : a > b;
    }
    case 'hoursSince':
    case 'daysSince':
    case 'daysUntil': {
      const t = factMs(c.fact, ctx);
      if (t === undefined) return undefined;
      if (t === null) return false;
      // Days are Japan calendar days, the same count the evidence prints.
      const span = c.op === 'hoursSince' ? (ctx.nowMs - t) / HOUR_MS : c.op === 'daysSince' ? jstCalendarDays(t, ctx.nowMs) : jstCalendarDays(ctx.nowMs, t);
      return inRange(span, c.range);
    }
  }
}
