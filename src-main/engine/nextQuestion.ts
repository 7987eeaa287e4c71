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
  const info = FACT_INFO[q.fact];
  const offered = q.options?.map((o) => o.value) ?? [];
  if (info.kind === 'boolean') return [true, false];
  if (info.kind !== 'date') return offered;
  const anchors = [ev.nowMs];
  for (const [name, v] of Object.entries(ev.facts)) {
    if (typeof v === 'string' && name !== q.fact && FACT_INFO[name as FactName]?.kind === 'date') anchors.push(parseInstant(v));
  }
  const samples: unknown[] = info.nullable ? [null, ...offered] : offered;
  for (const a of anchors) {
    for (const off of OFFSETS_MS) samples.push(formatJstDateTime(a - off), formatJstDateTime(a + off));
  }
  return samples;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** 1: the answer can change which diagnoses fire. 2: it can only settle a rule that is still undetermined. 0: irrelevant. */
function relevance(q: Question, ev: Evaluation, rules: RuleSet): 0 | 1 | 2 {
  let best: 0 | 2 = 0;
  for (const answer of sampleAnswers(q, ev)) {
    const hypo: Facts = { ...ev.facts, now: formatJstDateTime(ev.nowMs), [q.fact]: answer };
    const h = evaluateRules(hypo, rules);
    if (!sameList(h.fired, ev.fired)) return 1;
    if (best === 0 && [...ev.status].some(([id, v]) => v === undefined && h.status.get(id) !== undefined)) best = 2;
  }
  return best;
}

/**
 * The first askable fact (in questions.yaml order) that is still unknown and
 * whose answer would change which diagnoses fire; failing that, the first whose
 * answer would settle a rule left undetermined only for want of it (e.g. "do
 * you live abroad?" before "did you arrange continued use?"). Facts that can
 * change nothing are never asked.
 */
export function nextQuestion(ev: Evaluation, rules: RuleSet, declined: readonly FactName[] = []): Question | null {
  let fallback: Question | null = null;
  for (const q of rules.questions) {
    if (ev.facts[q.fact] !== undefined || declined.includes(q.fact)) continue;
    const r = relevance(q, ev, rules);
    if (r === 1) return q;
    if (r === 2 && !fallback) fallback = q;
  }
  return fallback;
}
