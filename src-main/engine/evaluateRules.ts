import type { Facts } from '../contract/facts';
import type { Severity } from '../contract/diagnosis';
import { evaluate, type EvalContext, type Tri } from './evaluate';
import { deriveFacts } from './deriveFacts';
import { normalizeErrorCode } from './normalizeErrorCode';
import type { RuleSet } from './ruleSet';
import { parseInstant } from './time';

export interface Evaluation {
  /** Facts as the rules see them (error code normalised). */
  facts: Facts;
  nowMs: number;
  /** Outcome of every rule: true fired, false ruled out, undefined undetermined. */
  status: Map<string, Tri>;
  ctx: EvalContext;
  /** Ids of fired rules, most decisive first. */
  fired: string[];
}

export function normalizeFacts(facts: Facts): Facts {
  if (facts.errorCode === undefined) return facts;
  return { ...facts, errorCode: normalizeErrorCode(facts.errorCode) };
}

/**
 * Pure evaluation of all rules for one set of facts; no text is produced here.
 * Implied facts (deriveFacts) are filled in first, so leaving them out changes nothing.
 */
export function evaluateRules(rawFacts: Facts, rules: RuleSet): Evaluation {
  const facts = deriveFacts(normalizeFacts(rawFacts));
  const nowMs = facts.now !== undefined ? parseInstant(facts.now) : Date.now();
  const status = new Map<string, Tri>();
  const ctx: EvalContext = {
    facts,
    nowMs,
    diagnosis: (id) => status.get(id),
    noneFiredWithSeverity: (severities: Severity[]) =>
      ![...status].some(([id, v]) => v === true && severities.includes(rules.byId.get(id)!.severity)),
  };
  for (const rule of rules.diagnoses) status.set(rule.id, evaluate(rule.when, ctx));
  const rank = new Map(rules.diagnoses.map((r, i) => [r.id, i]));
  const fired = rules.diagnoses
    .filter((r) => status.get(r.id) === true)
    .sort((a, b) => a.priority - b.priority || rank.get(a.id)! - rank.get(b.id)!)
    .map((r) => r.id);
  return { facts, nowMs, status, ctx, fired };
}
