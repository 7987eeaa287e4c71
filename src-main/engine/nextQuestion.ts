import type { Facts, FactName } from '../contract/facts';
import type { Question } from '../contract/diagnosis';
import { evaluateRules, type Evaluation } from './evaluateRules';
import { FACT_INFO } from './factKinds';
import type { RuleSet } from './ruleSet';
import { DAY_MS, HOUR_MS, formatJstDateTime, parseInstant } from './time';

const OFFSETS_MS = [1, 12, 23, 25, 48].map((h) => h * HOUR_MS).concat([7, 30, 89, 91, 180, 365, 3 * 365, 6 * 365, 11 * 365].map((d) => d * DAY_MS));

/**
 * Candidate answers to try for a fact. Dates are sampled densely around now and
 * around every known date, so any threshold a rule uses (24 h, 90 days, "after
 * issuance") is crossed by some sample without the engine knowing the rules.
 */
function sampleAnswers(q: Question, ev: Evaluation): unknown[] {
  if (q.options?.length) return q.options.map((o) => o.value);
  const info = FACT_INFO[q.fact];
  if (info.kind === 'boolean') return [true, false];
  if (info.kind !== 'date') return [];
  const anchors = [ev.nowMs];
  for (const [name, v] of Object.entries(ev.facts)) {
    if (typeof v === 'string' && name !== q.fact && FACT_INFO[name as FactName]?.kind === 'date') anchors.push(parseInstant(v));
  }
  const samples: unknown[] = info.nullable ? [null] : [];
  for (const a of anchors) {
    for (const off of OFFSETS_MS) samples.push(formatJstDateTime(a - off), formatJstDateTime(a + off));
  }
  return samples;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The first askable fact (in questions.yaml order) that is still unknown and
 * whose answer would change which diagnoses fire. Facts that cannot change the
 * outcome are never asked, so the person is not bothered for nothing.
 */
export function nextQuestion(ev: Evaluation, rules: RuleSet): Question | null {
  for (const q of rules.questions) {
    if (ev.facts[q.fact] !== undefined) continue;
    for (const answer of sampleAnswers(q, ev)) {
      const hypo: Facts = { ...ev.facts, now: formatJstDateTime(ev.nowMs), [q.fact]: answer };
      if (!sameList(evaluateRules(hypo, rules).fired, ev.fired)) return q;
    }
  }
  return null;
}
