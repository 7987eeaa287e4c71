import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnosis, RecoveryStep } from '../../src-main/contract';
import { questionFacts, useWizard } from '../store/wizard';
import { answerRows } from '../lib/eventAnswer';
import { pick } from '../lib/localize';
import { assetAltKey, assetUrl } from '../lib/assetUrls';
import { describeEarliest } from '../lib/earliestSigning';
import { AnsweredList, questionName } from './QuestionScreen';
import { OFFICE_OWN_STEPS } from '../lib/reportModel';
import { groupSteps } from '../lib/stepGroups';
import { SourceList } from './SourceList';
import { CardUnreadNote } from './CardUnreadNote';
import { cardUnreadReason } from '../lib/cardUnread';

export function ResultScreen() {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const result = useWizard((s) => s.result);
  const busy = useWizard((s) => s.busy);
  const goto = useWizard((s) => s.goto);
  const checkCard = useWizard((s) => s.checkCard);
  const probed = useWizard((s) => s.probed);
  const cardUnread = useWizard((s) => cardUnreadReason(s.probeFacts, s.probed) !== null);
  // A locked password cannot be checked: the entry point is offered only while tries remain.
  const canCheckPin = useWizard((s) => (s.probeFacts.signPinTriesLeft ?? 0) > 0 && s.probeFacts.signCert !== 'absent');
  const reopen = useWizard((s) => s.reopen);
  const skipped = useWizard((s) => s.skipped);
  const questions = useWizard((s) => s.questions);
  const staffMode = useWizard((s) => s.staffMode);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const primary = result?.diagnoses[0];
  const earliestText = (iso: string | undefined) => {
    const view = iso ? describeEarliest(iso, new Date().toISOString(), lang) : null;
    if (!view) return t('result.earliestUnknown');
    return view.kind === 'now' ? t('result.earliestNow') : view.text;
  };
  return (
    <section aria-labelledby="r-h" className="screen">
      <h2 id="r-h" ref={headingRef} tabIndex={-1}>{t('result.heading')}</h2>
      {!primary && <p>{t('result.none')}</p>}
      <CardUnreadNote where="result" />
      {primary && (
        <article className={`diagnosis primary sev-${primary.severity}`} data-testid="primary-diagnosis" data-diagnosis={primary.id}>
          <p className="eyebrow">
            {t('result.primary')} — <span className="severity">{t(`result.severity.${primary.severity}`)}</span>
          </p>
          <h3>{pick(primary.title, lang)}</h3>
          {/* The date people plan around comes first, above the fold even on a small laptop. */}
          <div className="earliest" data-testid="earliest-signing">
            <h4>{t('result.earliest')}</h4>
            <p>{earliestText(primary.earliestSigning)}</p>
          </div>
          <p className="summary">{pick(primary.summary, lang)}</p>
          {primary.evidence.length > 0 && (
            <>
              <h4>{t('result.evidence')}</h4>
              <ul className="evidence">
                {primary.evidence.map((e, i) => (
                  <li key={i}>{pick(e, lang)}</li>
                ))}
              </ul>
            </>
          )}
          <SourceList sources={primary.sources} basis={primary.basis} />
          <h4>{t('result.steps')}</h4>
          <StepChecklist diagnosis={primary} />
        </article>
      )}

      {result && result.diagnoses.length > 1 && (
        <>
          <h3>{t('result.others')}</h3>
          {result.diagnoses.slice(1).map((d) => (
            <details key={d.id} className={`diagnosis secondary sev-${d.severity}`} data-diagnosis={d.id}>
              <summary>
                <span className="severity">{t(`result.severity.${d.severity}`)}</span>: {pick(d.title, lang)}
              </summary>
              <p>{pick(d.summary, lang)}</p>
              <SourceList sources={d.sources} basis={d.basis} />
              <StepChecklist diagnosis={d} />
            </details>
          ))}
        </>
      )}

      {skipped.length > 0 && (
        <div className="panel open-question" data-testid="open-question">
          <h3>{t('question.openQuestions')}</h3>
          <ul>
            {answerRows(skipped, questions).map((row) => {
              // A declined event question is one open question, not one per fact it would settle.
              const name = row.kind === 'fact' ? t(`facts.${row.fact}`) : questionName(row.question, lang, t);
              const facts = row.kind === 'fact' ? [row.fact] : questionFacts(row.question);
              return (
                <li key={facts[0]}>
                  {name}{' '}
                  <button type="button" onClick={() => reopen(facts)} aria-label={`${t('question.answerNow')}: ${name}`}>
                    {t('question.answerNow')}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {/* The office reading this is the professional: no advice to go and find one. */}
      {!staffMode && (
        <aside className="panel fallback" aria-labelledby="fb-h">
          <h3 id="fb-h">{t('result.fallbackHeading')}</h3>
          <p>{t('result.fallback')}</p>
        </aside>
      )}

      {/* Declined questions are listed once, above, under the open questions. */}
      <AnsweredList includeDeclined={false} />

      <div className="actions">
        <button type="button" onClick={() => goto('flow')}>{t('steps.flow')}</button>
        {/* Also after a check that found no card: the steps may say to check it again. */}
        {(!probed || cardUnread) && (
          <button type="button" data-testid="result-check-card" disabled={busy} onClick={() => void checkCard()}>{t('start.checkCard')}</button>
        )}
        {canCheckPin && <button type="button" data-testid="result-to-pin" onClick={() => goto('pin')}>{t('card.pinCheck')}</button>}
        <button type="button" className={staffMode ? 'primary' : undefined} onClick={() => goto('report')}>{t('steps.report')}</button>
      </div>
    </section>
  );
}

function StepChecklist({ diagnosis }: { diagnosis: Diagnosis }) {
  const staffMode = useWizard((s) => s.staffMode);
  // In office mode the reader is the scrivener: no step telling them to go and find one.
  const steps = staffMode ? diagnosis.steps.filter((s) => !OFFICE_OWN_STEPS.includes(s.id)) : diagnosis.steps;
  return (
    <ol className="steps">
      {groupSteps(steps).map((item) =>
        item.kind === 'step' ? (
          <StepItem key={item.step.id} step={item.step} scope={diagnosis.id} />
        ) : (
          <AlternativeSteps key={item.steps[0].id} steps={item.steps} scope={diagnosis.id} />
        ),
      )}
    </ol>
  );
}

/** One of these, not all: each is its own choice, marked A, B… (never numbered as a sequence). */
function AlternativeSteps({ steps, scope }: { steps: RecoveryStep[]; scope: string }) {
  const { t } = useTranslation();
  return (
    <li className="step step-alternatives" data-testid="step-alternatives">
      <p className="alternatives-lead"><strong>{t('result.alternatives')}</strong></p>
      <ul className="alternatives">
        {steps.map((step, i) => (
          <li key={step.id} className="alternative">
            <span className="alt-mark" aria-hidden="true">{String.fromCharCode(65 + i)}</span>
            <span className="sr-only">{t('result.alternativeN', { n: i + 1 })}</span>
            <StepBody step={step} scope={scope} />
          </li>
        ))}
      </ul>
    </li>
  );
}

function StepItem({ step, scope }: { step: RecoveryStep; scope: string }) {
  return (
    <li className="step">
      <StepBody step={step} scope={scope} />
    </li>
  );
}

function StepBody({ step, scope }: { step: RecoveryStep; scope: string }) {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const [done, setDone] = useState(false);
  const id = `step-${scope}-${step.id}`;
  const url = assetUrl(step.asset);
  return (
    <div className={done ? 'step-body done' : 'step-body'} data-step={step.id}>
      <div className="step-head">
        <input id={id} type="checkbox" checked={done} onChange={(e) => setDone(e.target.checked)} />
        <label htmlFor={id}>{pick(step.title, lang)}</label>
      </div>
      {step.detail && <p className="step-detail">{pick(step.detail, lang)}</p>}
      <SourceList sources={step.sources} basis={step.basis} />
      {url && step.asset && (
        <figure className="step-picture">
          <img src={url} alt={t(assetAltKey(step.asset))} width={360} />
        </figure>
      )}
    </div>
  );
}
