import type { Facts, FactName } from '../contract/facts';
import type { Question } from '../contract/diagnosis';
import { evaluate } from './evaluate';
import { evaluateRules, type Evaluation } from './evaluateRules';
import { FACT_INFO } from './factKinds';
import type { RuleSet } from './ruleSet';
import { earliestSigningMs } from './schedule';
import { renderText } from './template';
import { DAY_MS, HOUR_MS, formatJstDateTime, parseInstant } from './time';

const OFFSETS_MS = [1, 12, 23, 25, 48].map((h) => h * HOUR_MS).concat([7, 30, 89, 91, 180, 365, 3 * 365, 6 * 365, 11 * 365].map((d) => d * DAY_MS));

const questionId = (q: Question): string => q.id ?? q.fact;
/** Every fact an answer to q can settle. */
export const questionFacts = (q: Question): readonly FactName[] => q.facts ?? [q.fact];

/**
 * Dates to try for a date fact: densely around now and around every known date,
 * so any threshold a rule uses (24 h, 90 days, "after issuance") is crossed by
 * some sample without the engine knowing the rules. `plausibleDays` (from
 * questions.yaml) drops dates no one would give ("I sign in 6 years").
 */
function sampleDates(fact: FactName, ev: Evaluation, window: { from: number; to: number } | undefined): string[] {
  const anchors = [ev.nowMs];
  for (const [name, v] of Object.entries(ev.facts)) {
    if (typeof v === 'string' && name !== fact && FACT_INFO[name as FactName]?.kind === 'date') anchors.push(parseInstant(v));
  }
  const out: string[] = [];
  for (const a of anchors) {
    for (const off of OFFSETS_MS) {
      for (const t of [a - off, a + off]) {
        if (window && (t < ev.nowMs + window.from * DAY_MS || t > ev.nowMs + window.to * DAY_MS)) continue;
        out.push(formatJstDateTime(t));
      }
    }
  }
  return out;
}

/**
 * The answers to q a person could give, each as the facts it adds. One-fact
 * questions: both booleans, every offered choice, or sampled dates (and "never").
 * Event questions: each option still possible with what is known (an option
 * contradicting a known fact is left out) that adds something, with sampled
 * dates for its `dateFact`.
 */
function answerPatches(q: Question, ev: Evaluation, rules: RuleSet): Facts[] {
  const window = rules.plausibleDays?.get(questionId(q));
  if (q.kind !== 'event') {
    const info = FACT_INFO[q.fact];
    const values: unknown[] =
      info.kind === 'boolean'
        ? [true, false]
        : info.kind === 'date'
          ? [...(info.nullable ? [null] : []), ...(q.options?.map((o) => o.value) ?? []), ...sampleDates(q.fact, ev, window)]
          : (q.options?.map((o) => o.value) ?? []);
    return [...new Set(values)].map((v) => ({ [q.fact]: v }) as Facts);
  }
  const known = ev.facts as Record<string, unknown>;
  const out: Facts[] = [];
  for (const o of q.options ?? []) {
    const sets = Object.entries(o.sets ?? {});
    if (sets.some(([f, v]) => known[f] !== undefined && known[f] !== v)) continue;
    if (o.dateFact && known[o.dateFact] === null) continue;
    const patch = Object.fromEntries(sets.filter(([f]) => known[f] === undefined)) as Facts;
    if (o.dateFact && known[o.dateFact] === undefined) {
      for (const d of sampleDates(o.dateFact, ev, window)) out.push({ ...patch, [o.dateFact]: d });
    } else if (Object.keys(patch).length > 0) out.push(patch);
  }
  return out;
}

/**
 * What the result tells the person to do, as a comparable key: the primary
 * diagnosis (the one the result screen leads with), its recovery steps, and its
 * earliest-signing moment. Nothing else: a warning or an info line further down
 * changes nothing the person does first.
 */
export function outcomeKey(ev: Evaluation, rules: RuleSet): string {
  const primary = ev.fired[0];
  if (primary === undefined) return '-';
  const rule = rules.byId.get(primary)!;
  const steps = rule.steps.filter((s) => !s.when || evaluate(s.when, ev.ctx) !== false).map((s) => s.value);
  const route = rule.earliestSigning.find((r) => !r.when || evaluate(r.when, ev.ctx) === true);
  const at = route ? earliestSigningMs(route.value, ev.facts, ev.nowMs, rules.timing) : undefined;
  return `${primary}|${steps.join(',')}|${at ?? '-'}`;
}

/** Some answer to q changes the primary diagnosis, its steps or its earliest-signing moment (baseKey: outcomeKey with no answer). */
function changesOutcome(q: Question, ev: Evaluation, rules: RuleSet, baseKey: string, now: string): boolean {
  return answerPatches(q, ev, rules).some((patch) => outcomeKey(evaluateRules({ ...ev.facts, now, ...patch }, rules), rules) !== baseKey);
}

/** Not yet answered (for an event question: some option could still add a fact), and not declined. */
function isOpen(q: Question, ev: Evaluation, rules: RuleSet, declined: readonly string[]): boolean {
  if (declined.includes(questionId(q)) || questionFacts(q).some((f) => declined.includes(f))) return false;
  if (q.kind !== 'event') return ev.facts[q.fact] === undefined;
  return questionFacts(q).some((f) => ev.facts[f] === undefined) && answerPatches(q, ev, rules).length > 0;
}

/** The question as the person sees it: the first `textWhen` variant that holds, with facts filled in. */
function present(q: Question, ev: Evaluation, rules: RuleSet): Question {
  const variant = rules.questionTexts?.get(questionId(q))?.find((v) => !v.when || evaluate(v.when, ev.ctx) === true);
  return { ...q, id: questionId(q), text: renderText(variant?.value ?? q.text, ev.facts, ev.nowMs) };
}

/**
 * The next question, or null when no answer could change what the person must do.
 *
 * Asked is the first question, in questions.yaml order, some answer to which
 * changes the primary diagnosis, its recovery steps or its earliest-signing
 * moment (outcomeKey). Facts the card answers (given, or derived by
 * deriveFacts) are never asked; declined questions ("I don't know") are not
 * asked again; with a diagnosis from `endConversationOn` first (no reader, no
 * card, …) nothing is asked at all. A question whose `askAfter` facts (the card
 * check's findings) are unknown waits behind all others: the card check answers
 * it without relying on memory.
 */
export function nextQuestion(ev: Evaluation, rules: RuleSet, declined: readonly string[] = []): Question | null {
  const primary = ev.fired[0];
  if (primary !== undefined && rules.endConversationOn?.has(primary)) return null;
  const waiting = (q: Question) => (rules.askAfter?.get(questionId(q)) ?? []).some((f) => ev.facts[f] === undefined);
  const open = rules.questions.filter((q) => isOpen(q, ev, rules, declined));
  // Every world, the one without an answer included, is evaluated at the same instant, written
  // the same way: "now" rounded to the second, so an earliest-signing time of "now" compares equal.
  const now = formatJstDateTime(ev.nowMs);
  const baseKey = outcomeKey(evaluateRules({ ...ev.facts, now }, rules), rules);
  for (const deferred of [false, true]) {
    const first = open.find((q) => waiting(q) === deferred && changesOutcome(q, ev, rules, baseKey, now));
    if (first) return present(first, ev, rules);
  }
  return null;
}
