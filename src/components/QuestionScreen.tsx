import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FactName, Lang, Localized, Question } from '../../src-main/contract';
import { pendingQuestion, questionFacts, useWizard } from '../store/wizard';
import { answerRows, chosenEventOption } from '../lib/eventAnswer';
import { answerToFacts, type AnswerDraft } from '../lib/answerValue';
import { pick } from '../lib/localize';
import { formatDate } from '../lib/certValidity';
import { readDateInput } from '../lib/dateInput';
import { CardUnreadNote } from './CardUnreadNote';
import { EventQuestion } from './EventQuestion';
import { DontKnowButton, FieldProblem, problemAria } from './FieldProblem';

export function QuestionScreen() {
  const { t } = useTranslation();
  const question = useWizard((s) => pendingQuestion(s));
  const busy = useWizard((s) => s.busy);
  const goto = useWizard((s) => s.goto);
  return (
    <section aria-labelledby="q-h" className="screen">
      <h2 id="q-h">{t('question.heading')}</h2>
      <p>{t('question.intro')}</p>
      <CardUnreadNote where="questions" />
      {question ? (
        <QuestionForm key={question.id ?? question.fact} question={question} />
      ) : (
        <div className="panel">
          <p>{t('question.noMore')}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => goto('result')}>
            {t('question.toResult')}
          </button>
        </div>
      )}
      <AnsweredList />
    </section>
  );
}

function QuestionForm({ question }: { question: Question }) {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const busy = useWizard((s) => s.busy);
  const answer = useWizard((s) => s.answer);
  const skip = useWizard((s) => s.skip);
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<Localized | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Each new question takes focus so keyboard and screen-reader users know it changed.
  useEffect(() => headingRef.current?.focus(), []);

  const send = (draft: AnswerDraft) => {
    const result = answerToFacts(question, draft);
    if (!result.ok) {
      setProblem(result.message);
      return;
    }
    setProblem(null);
    void answer(result.patch);
  };

  const options =
    question.options && question.options.length > 0
      ? question.options
      : question.kind === 'boolean'
        ? [
            { value: true, label: { ja: 'はい', en: 'Yes' } },
            { value: false, label: { ja: 'いいえ', en: 'No' } },
          ]
        : [];
  const isDate = question.kind === 'date' || question.kind === 'date-or-never';
  // When the engine offers its own "not sure" answer, "I don't know" gives it (a known
  // answer the engine can reason with); otherwise the fact stays unknown.
  const unsure = options.find((o) => o.value === 'unsure');
  const shownOptions = options.filter((o) => o !== unsure);

  if (question.kind === 'event') {
    return (
      <div className="panel question" data-testid="question" data-fact={question.fact} data-question={question.id ?? question.fact} data-kind="event">
        <h3 ref={headingRef} tabIndex={-1} id="q-text">{pick(question.text, lang)}</h3>
        {question.help && <p className="note">{pick(question.help, lang)}</p>}
        <EventQuestion question={question} />
      </div>
    );
  }

  return (
    <div className="panel question" data-testid="question" data-fact={question.fact} data-question={question.id ?? question.fact} data-kind={question.kind}>
      <h3 ref={headingRef} tabIndex={-1} id="q-text">{pick(question.text, lang)}</h3>
      {question.help && <p className="note">{pick(question.help, lang)}</p>}
      <div className="answers" role="group" aria-labelledby="q-text">
        {!isDate &&
          shownOptions.map((o) => (
            <button
              key={String(o.value)}
              type="button"
              data-testid="q-option"
              data-value={String(o.value)}
              disabled={busy}
              onClick={() => send({ kind: 'option', value: o.value })}
            >
              {pick(o.label, lang)}
            </button>
          ))}
        {isDate && (
          <form
            className="inline"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              // One text field (one Tab stop); the typed date is read strictly before it becomes an answer.
              const read = readDateInput(date);
              if (!read.ok) {
                setProblem(read.message);
                return;
              }
              send({ kind: 'date', value: read.date });
            }}
          >
            <label htmlFor="q-date">{t('question.date')}</label>
            <input
              id="q-date"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder={t('question.datePlaceholder')}
              value={date}
              onChange={(e) => setDate(e.target.value)}
              {...problemAria(problem)}
            />
            <button type="submit" data-testid="q-date-submit" disabled={busy}>{t('question.answer')}</button>
          </form>
        )}
        {question.kind === 'date-or-never' && (
          <button type="button" data-testid="q-never" disabled={busy} onClick={() => send({ kind: 'never' })}>
            {neverLabel(question, lang) ?? t('question.never')}
          </button>
        )}
        <DontKnowButton onClick={() => (unsure ? send({ kind: 'option', value: unsure.value }) : void skip(question.fact))} />
      </div>
      <FieldProblem problem={problem} />
    </div>
  );
}

const ANSWER_FACTS: FactName[] = [
  'errorCode',
  'plannedSigningDate',
  'cardExpiresAt',
  'faceAuthCard',
  'abroad',
  'overseasContinuation',
  'overseasSigningCert',
  'movedAt',
  'moveOutFiledAt',
  'cardSuspendedAt',
  'nameChangedAt',
  'certRenewedAt',
  'enteredPinKind',
  'macKeychainPrompt',
  'signingTool',
  'jpkiSoftware',
  'multipleCardLibraries',
];

/** The question's own label for "never" (e.g. 「引越ししていない」), when the engine gave one. */
function neverLabel(question: Question | undefined, lang: Lang): string | undefined {
  const option = question?.options?.find((o) => o.value === null);
  return option ? pick(option.label, lang) : undefined;
}

/** What a question is about, in a few words: a one-fact question's fact name, or an event question's own name. */
export function questionName(q: Question, lang: Lang, t: (key: string, options?: Record<string, unknown>) => string): string {
  const key = q.id ?? q.fact;
  return t(`facts.${key}`, { defaultValue: pick(q.text, lang) });
}

/** The label the question itself gave to an answer value, if it offered that value. */
export function optionLabel(question: Question | undefined, value: unknown, lang: Lang): string | undefined {
  const option = question?.options?.find((o) => o.value === value);
  return option ? pick(option.label, lang) : undefined;
}

/** The facts a person answers (in the order the sheet lists them). */
export { ANSWER_FACTS };

/** An answer in words, by the question's own labels where it gave them; declined = わからない. */
export function useAnswerText(): (f: FactName) => string {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const answers = useWizard((s) => s.answers);
  const questions = useWizard((s) => s.questions);
  return (f) => {
    if (!(f in answers)) return t('question.unknownAnswer');
    const v = answers[f];
    const own = optionLabel(questions[f], v, lang);
    if (own !== undefined) return own;
    if (v === null) return f === 'errorCode' ? t('start.none') : t('question.never');
    if (typeof v === 'boolean') return v ? t('question.yes') : t('question.no');
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return formatDate(v, lang);
    return t(`facts.values.${String(v)}`, { defaultValue: String(v) });
  };
}

/** `includeDeclined: false` where declined questions are already listed on their own. */
export function AnsweredList({ includeDeclined = true }: { includeDeclined?: boolean }) {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const answers = useWizard((s) => s.answers);
  const skipped = useWizard((s) => s.skipped);
  const reopen = useWizard((s) => s.reopen);
  const questions = useWizard((s) => s.questions);
  const items = ANSWER_FACTS.filter((f) => f in answers || (includeDeclined && skipped.includes(f)));
  const show = useAnswerText();
  if (items.length === 0) return null;
  // One row per question: an event question's several facts are one answer.
  const rows = answerRows(items, questions).map((row) => {
    if (row.kind === 'fact') return { key: row.fact, name: t(`facts.${row.fact}`), text: show(row.fact), facts: [row.fact] };
    const q = row.question;
    const option = chosenEventOption(q, answers);
    const text = row.facts.every((f) => skipped.includes(f))
      ? t('question.unknownAnswer')
      : option
        ? `${pick(option.label, lang)}${option.dateFact ? ` / ${q.dateLabel ? pick(q.dateLabel, lang) : t('question.date')}: ${formatDate(String(answers[option.dateFact]), lang)}` : ''}`
        : row.facts.map((f) => `${t(`facts.${f}`)}: ${show(f)}`).join(lang === 'ja' ? '、' : '; ');
    return { key: q.id ?? q.fact, name: questionName(q, lang, t), text, facts: questionFacts(q) };
  });
  return (
    <div className="panel answered" data-testid="answered">
      <h3>{t('question.answered')}</h3>
      <dl>
        {rows.map((r) => (
          <div key={r.key} className="answered-row" data-fact={r.key}>
            <dt>{r.name}</dt>
            <dd>
              {r.text}{' '}
              <button type="button" className="link" onClick={() => reopen(r.facts)} aria-label={`${t('question.change')}: ${r.name}`}>
                {t('question.change')}
              </button>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
