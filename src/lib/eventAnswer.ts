import type { FactName, Facts, Question, QuestionOption } from '../../src-main/contract';

/** The option of a kind 'event' question that the answers given match (its `sets`, and its date fact given), if any. */
export function chosenEventOption(question: Question, answers: Facts): QuestionOption | undefined {
  if (question.kind !== 'event') return undefined;
  return question.options?.find(
    (o) =>
      Object.entries(o.sets ?? {}).every(([k, v]) => answers[k as FactName] === v) &&
      (o.dateFact === undefined || typeof answers[o.dateFact] === 'string'),
  );
}

/** A row in a list of answers: one fact, or one question that settled several (kind 'event'). */
export type AnswerRow = { kind: 'fact'; fact: FactName } | { kind: 'event'; question: Question; facts: FactName[] };

/**
 * Facts in list order, with the facts of each event question asked folded into one row
 * where the first of them was. `questions`: every question asked, by fact.
 */
export function answerRows(facts: readonly FactName[], questions: Partial<Record<FactName, Question>>): AnswerRow[] {
  const rows: AnswerRow[] = [];
  const placed = new Set<string>();
  for (const fact of facts) {
    const q = questions[fact];
    if (q?.kind === 'event' && q.facts) {
      const key = q.id ?? q.fact;
      if (placed.has(key)) continue;
      placed.add(key);
      rows.push({ kind: 'event', question: q, facts: facts.filter((f) => q.facts!.includes(f)) });
    } else {
      rows.push({ kind: 'fact', fact });
    }
  }
  return rows;
}
