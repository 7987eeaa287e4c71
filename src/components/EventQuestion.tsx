import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Localized, Question, QuestionOption } from '../../src-main/contract';
import { answerToFacts } from '../lib/answerValue';
import { pick } from '../lib/localize';
import { questionFacts, useWizard } from '../store/wizard';
import { DontKnowButton, FieldProblem, problemAria } from './FieldProblem';

/**
 * One question that settles several facts (kind 'event'): the person picks the one
 * option that applies (radio buttons, arrow keys move between them) and, when that
 * option needs it, the date; 「わからない」 leaves every one of those facts unknown.
 */
export function EventQuestion({ question }: { question: Question }) {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const busy = useWizard((s) => s.busy);
  const answer = useWizard((s) => s.answer);
  const skip = useWizard((s) => s.skip);
  const [chosen, setChosen] = useState<QuestionOption['value'] | undefined>(undefined);
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<Localized | null>(null);
  const option = question.options?.find((o) => o.value === chosen);
  const needsDate = option?.dateFact !== undefined;

  return (
    <form
      className="event-question"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const result = answerToFacts(question, { kind: 'event', value: chosen, date });
        if (!result.ok) {
          setProblem(result.message);
          return;
        }
        setProblem(null);
        void answer(result.patch);
      }}
    >
      <fieldset aria-describedby={problemAria(problem)['aria-describedby']}>
        <legend>{t('question.pickOne')}</legend>
        {(question.options ?? []).map((o, i) => (
          <div key={String(o.value)} className="choice">
            <input
              type="radio"
              id={`q-choice-${i}`}
              name="q-event"
              data-testid="q-choice"
              data-value={String(o.value)}
              data-needs-date={o.dateFact ? 'true' : undefined}
              checked={chosen === o.value}
              onChange={() => {
                setChosen(o.value);
                setProblem(null);
              }}
            />
            <label htmlFor={`q-choice-${i}`}>{pick(o.label, lang)}</label>
          </div>
        ))}
      </fieldset>
      {needsDate && (
        <div className="inline event-date">
          <label htmlFor="q-event-date">{question.dateLabel ? pick(question.dateLabel, lang) : t('question.date')}</label>
          <input
            id="q-event-date"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('question.datePlaceholder')}
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              // A message about what was there before is stale once the person types.
              setProblem(null);
            }}
            {...problemAria(problem)}
          />
        </div>
      )}
      <div className="answers">
        <button type="submit" className="primary" data-testid="q-event-submit" disabled={busy}>
          {t('question.answer')}
        </button>
        <DontKnowButton onClick={() => void skip(questionFacts(question))} />
      </div>
      <FieldProblem problem={problem} />
    </form>
  );
}
