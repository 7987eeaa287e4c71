import { eventAnswerFacts, type Facts, type Localized, type Question, type QuestionOption } from '../../src-main/contract';
import { isCalendarDate } from '../../src-main/contract/isoDate';
import { readDateInput } from './dateInput';

export type AnswerDraft =
  | { kind: 'option'; value: string | boolean | null }
  | { kind: 'date'; value: string }
  | { kind: 'never' }
  /** A kind 'event' question: the option chosen, and the date as typed when that option needs one. */
  | { kind: 'event'; value: QuestionOption['value'] | undefined; date: string };

export type AnswerResult = { ok: true; patch: Partial<Facts> } | { ok: false; message: Localized };

/** Turns what the person chose for one question into a fact patch, refusing incomplete dates. */
export function answerToFacts(question: Question, draft: AnswerDraft): AnswerResult {
  const fact = question.fact;
  if (draft.kind === 'event') return eventAnswer(question, draft);
  if (question.kind === 'event') return invalid();
  if (draft.kind === 'never') {
    if (question.kind !== 'date-or-never') return invalid();
    return { ok: true, patch: { [fact]: null } as Partial<Facts> };
  }
  if (draft.kind === 'date') {
    if (question.kind !== 'date' && question.kind !== 'date-or-never') return invalid();
    if (!draft.value) {
      return {
        ok: false,
        message: { ja: '日付を入力するか、「わからない」を選んでください。', en: 'Enter a date, or choose "I don\'t know".' },
      };
    }
    if (!isCalendarDate(draft.value)) {
      return {
        ok: false,
        message: {
          ja: '日付の形式が正しくありません。カレンダーから選んでください。',
          en: 'That date is not valid. Please pick it from the calendar.',
        },
      };
    }
    return { ok: true, patch: { [fact]: draft.value } as Partial<Facts> };
  }
  if (question.kind === 'boolean' && typeof draft.value !== 'boolean') return invalid();
  return { ok: true, patch: { [fact]: draft.value } as Partial<Facts> };
}

/** One option of a question that settles several facts, plus its date (read strictly) when it needs one. */
function eventAnswer(question: Question, draft: { value: QuestionOption['value'] | undefined; date: string }): AnswerResult {
  if (question.kind !== 'event') return invalid();
  const option = question.options?.find((o) => o.value === draft.value);
  if (draft.value === undefined || !option) {
    return { ok: false, message: { ja: '当てはまるものを一つ選ぶか、「わからない」を選んでください。', en: 'Choose the one that applies, or choose "I don\'t know".' } };
  }
  let date: string | undefined;
  if (option.dateFact) {
    const read = readDateInput(draft.date);
    if (!read.ok) return read;
    date = read.date;
  }
  const patch = eventAnswerFacts(question, option.value, date);
  return patch ? { ok: true, patch } : invalid();
}

function invalid(): AnswerResult {
  return {
    ok: false,
    message: { ja: 'この質問には使えない回答です。選び直してください。', en: 'That answer does not fit this question. Please choose again.' },
  };
}
