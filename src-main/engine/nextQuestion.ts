import type { Facts, FactName } from '../contract/facts';
import type { Question } from '../contract/diagnosis';
import { evaluate } from './evaluate';
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

/**
 * What the result tells the person to do, as a comparable key:
 * - the primary diagnosis (the one the result screen leads with), and
 * - while a blocker stands: the recovery steps of the blockers. Nothing else can
 *   be done before they are fixed, so a warning appearing or vanishing, or a second
 *   blocker with the same remedy (expired AND revoked by a move: both mean the
 *   counter), changes nothing the person does;
 * - with no blocker: which warnings fired.
 * Info lines (ready-to-sign's remarks, "run the card check") never count by
 * themselves; they only matter when they are the primary diagnosis.
 */
function outcomeKey(ev: Evaluation, rules: RuleSet): string {
  const primary = ev.fired[0] ?? '-';
  const severity = (id: string) => rules.byId.get(id)!.severity;
  const blockers = ev.fired.filter((id) => severity(id) === 'blocker');
  if (blockers.length > 0) {
    const steps = new Set<string>();
    for (const id of blockers) {
      for (const s of rules.byId.get(id)!.steps) if (!s.when || evaluate(s.when, ev.ctx) !== false) steps.add(s.value);
    }
    return `${primary}|blocker-steps:${[...steps].sort().join(',')}`;
  }
  return `${primary}|warnings:${ev.fired.filter((id) => severity(id) === 'warning').sort().join(',')}`;
}

const withAnswer = (ev: Evaluation, fact: FactName, answer: unknown): Facts => ({ ...ev.facts, now: formatJstDateTime(ev.nowMs), [fact]: answer });

/** Some answer to q changes what the person is told to do. */
function changesOutcome(q: Question, ev: Evaluation, rules: RuleSet): boolean {
  const key = outcomeKey(ev, rules);
  return sampleAnswers(q, ev).some((answer) => outcomeKey(evaluateRules(withAnswer(ev, q.fact, answer), rules), rules) !== key);
}

/**
 * The worlds an answer to q leads to. Booleans and choices are few and all tried;
 * sampled dates are thinned to one per resulting rule state (fired / ruled out /
 * undetermined for every rule), which keeps the look-ahead cheap. The current
 * state is not skipped: "yes, I live abroad" settles nothing by itself yet is
 * exactly what makes the next question matter.
 */
function answerWorlds(q: Question, ev: Evaluation, rules: RuleSet): Evaluation[] {
  const thin = FACT_INFO[q.fact].kind === 'date';
  const sig = (e: Evaluation) => [...e.status].map(([id, v]) => `${id}=${v}`).join(';');
  const seen = new Set<string>();
  const out: Evaluation[] = [];
  for (const answer of sampleAnswers(q, ev)) {
    const h = evaluateRules(withAnswer(ev, q.fact, answer), rules);
    if (thin) {
      const s = sig(h);
      if (seen.has(s)) continue;
      seen.add(s);
    }
    out.push(h);
  }
  return out;
}

/**
 * The next question, or null when no answer could change what the person does.
 *
 * A question is worth asking when
 * 1. some answer to it changes the outcome (outcomeKey: the primary diagnosis,
 *    the blockers' remedy, or the warnings) — "direct"; or, failing every direct one,
 * 2. some answer to it makes another still-open question direct that was not
 *    before ("do you live abroad?" opens "did you arrange continued use?") — a
 *    step towards a change, not merely settling a rule that would stay off.
 * Within each tier questions.yaml order decides. A question whose `askAfter`
 * facts (the card check's findings) are still unknown waits behind all others:
 * the card check answers it without relying on memory. Declined questions
 * ("I don't know") and known facts are never asked.
 */
export function nextQuestion(ev: Evaluation, rules: RuleSet, declined: readonly FactName[] = []): Question | null {
  const open = rules.questions.filter((q) => ev.facts[q.fact] === undefined && !declined.includes(q.fact));
  const waiting = (q: Question) => (rules.askAfter?.get(q.fact) ?? []).some((f) => ev.facts[f] === undefined);
  const direct = new Set(open.filter((q) => changesOutcome(q, ev, rules)).map((q) => q.fact));
  const opensAnother = (q: Question) =>
    answerWorlds(q, ev, rules).some((h) => open.some((q2) => q2 !== q && !direct.has(q2.fact) && changesOutcome(q2, h, rules)));

  for (const deferred of [false, true]) {
    const tier = open.filter((q) => waiting(q) === deferred);
    const first = tier.find((q) => direct.has(q.fact)) ?? tier.find((q) => !direct.has(q.fact) && opensAnother(q));
    if (first) return first;
  }
  return null;
}
