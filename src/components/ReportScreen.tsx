import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../bridge';
import { currentFacts, pendingQuestion, useWizard } from '../store/wizard';
import { buildIntakeReport, holderView } from '../lib/reportModel';
import { formatDate } from '../lib/certValidity';
import { describeEarliest } from '../lib/earliestSigning';
import { authCertStatus, certStatusKind, signCertStatus, triesState } from '../lib/cardStatus';
import { readDateInput } from '../lib/dateInput';
import { pick } from '../lib/localize';
import { groupSteps } from '../lib/stepGroups';
import type { FactName, Localized } from '../../src-main/contract';
import { humanDate, humanDateTime } from '../../src-main/engine/humanDate';
import { useCertWords } from './CertLine';
import { StatusIcon } from './StatusIcon';
import { ANSWER_FACTS, useAnswerText } from './QuestionScreen';

/** Statements listed on the sheet even when never asked (「未確認」), because they revoke the certificate. */
const ALWAYS_LISTED: FactName[] = ['movedAt', 'nameChangedAt'];
/** Shown in their own rows above, not among the statements. */
const OWN_ROWS: FactName[] = ['errorCode', 'plannedSigningDate'];

/**
 * The office's intake: client name and planned signing date, then the card check and the
 * questions that matter, then one printable A4 sheet (受付票). Holder data masked unless
 * switched on. Nothing to print until the card was read.
 */
export function ReportScreen() {
  const { t } = useTranslation();
  const state = useWizard();
  const { lang, result, snapshot, signCert, probed, busy, clientName, setClientName, checkCard, goto, answers, skipped } = state;
  const [showPersonal, setShowPersonal] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [planned, setPlanned] = useState(answers.plannedSigningDate ?? '');
  const [plannedProblem, setPlannedProblem] = useState<Localized | null>(null);
  const pageRef = useRef<HTMLDivElement>(null);
  const certWords = useCertWords();
  const answerText = useAnswerText();
  const facts = currentFacts(state);
  const report = buildIntakeReport(facts, result, snapshot, lang);
  const holder = holderView(signCert ?? undefined, showPersonal, t('report.masked'));
  const na = t('report.notChecked');
  const date = (iso?: string) => (iso ? formatDate(iso, lang) : na);
  const nowIso = report.date;
  const earliest = report.earliestSigning ? describeEarliest(report.earliestSigning, nowIso, lang) : null;
  const diagnosisIds = result?.diagnoses.map((d) => d.id) ?? [];
  const question = pendingQuestion(state);
  const readyToPrint = probed && result !== null && result.diagnoses.length > 0;
  // Buttons here stay enabled while the engine works (aria-disabled, clicks ignored): a disabled
  // button would drop the keyboard focus to the page body after typing the planned date.

  const savePlanned = (raw: string) => {
    if (raw.trim() === '') {
      setPlannedProblem(null);
      return;
    }
    const read = readDateInput(raw);
    if (!read.ok) {
      setPlannedProblem(read.message);
      return;
    }
    setPlannedProblem(null);
    setPlanned(read.date);
    if (answers.plannedSigningDate !== read.date) void state.answer({ plannedSigningDate: read.date });
  };

  const print = async () => {
    const api = getApi();
    if (api.shell === 'electron' && pageRef.current) {
      try {
        const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>${printCss()}</style></head><body>${pageRef.current.outerHTML}</body></html>`;
        const saved = await api.saveReportPdf({ html, suggestedName: `jpki-intake-${report.date.slice(0, 10)}.pdf` });
        // null: the person cancelled the save dialog; nothing more to do.
        if (saved) setMessage(t('report.saved', { path: saved.path }));
      } catch (error) {
        const l = (error as { localized?: Localized }).localized;
        setMessage(l ? pick(l, lang) : t('errors.generic'));
      }
      return;
    }
    window.print();
  };

  const tries = (left: number | undefined, max: number) => {
    const s = triesState(left);
    if (s === 'unknown') return na;
    if (s === 'locked') return t('report.triesLocked', { max });
    return s === 'low' ? t('report.triesLow', { left, max }) : t('report.triesOk', { left, max });
  };
  const signStatus = signCertStatus(facts, snapshot, diagnosisIds, nowIso);
  const authStatus = authCertStatus(facts, snapshot, diagnosisIds, nowIso);
  const signTriesState = triesState(report.signPinTriesLeft);
  const authTriesState = triesState(report.authPinTriesLeft);
  const statements = ANSWER_FACTS.filter((f) => !OWN_ROWS.includes(f) && (ALWAYS_LISTED.includes(f) || f in answers || skipped.includes(f)));
  const statementText = (f: FactName) => (f in answers || skipped.includes(f) ? answerText(f) : na);
  const errorCodeText =
    report.errorCode === undefined ? (skipped.includes('errorCode') ? t('question.unknownAnswer') : na) : report.errorCode === null ? t('report.noCode') : report.errorCode;
  const plannedText = report.plannedSigningDate ? humanDate(Date.parse(`${report.plannedSigningDate}T12:00:00+09:00`), Date.parse(nowIso), lang) : na;
  const token =
    report.token === undefined ? null : report.token === 'mynumber' ? t('card.tokenMynumber') : report.token === 'juki' ? t('card.tokenJuki') : t('card.tokenOther');

  return (
    <section aria-labelledby="rep-first" className="screen report-screen">
      <div className="report-controls no-print panel">
        <h2 id="rep-first" tabIndex={-1}>{t('report.intakeHeading')}</h2>
        <p className="note">{t('report.intakeIntro')}</p>
        <div className="field">
          <label htmlFor="client">{t('report.clientField')}</label>
          <input id="client" value={clientName} autoComplete="off" onChange={(e) => setClientName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="planned">{t('report.plannedField')}</label>
          <input
            id="planned"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('question.datePlaceholder')}
            value={planned}
            aria-invalid={plannedProblem ? true : undefined}
            aria-describedby={plannedProblem ? 'planned-problem' : undefined}
            onChange={(e) => setPlanned(e.target.value)}
            onBlur={(e) => savePlanned(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') savePlanned((e.target as HTMLInputElement).value);
            }}
          />
          {plannedProblem && (
            <p id="planned-problem" className="field-problem" role="alert">
              {pick(plannedProblem, lang)}
            </p>
          )}
        </div>
        <div className="actions">
          {!probed ? (
            <button type="button" className="primary" data-testid="report-check-card" aria-disabled={busy || undefined} onClick={() => !busy && void checkCard()}>
              {t('report.checkCard')}
            </button>
          ) : question ? (
            <button type="button" className="primary" data-testid="report-questions" aria-disabled={busy || undefined} onClick={() => !busy && goto('questions')}>
              {t('report.toQuestions')}
            </button>
          ) : (
            <button type="button" className="primary" data-testid="report-print" aria-disabled={busy || undefined} onClick={() => !busy && readyToPrint && void print()}>
              {t('report.print')}
            </button>
          )}
          {probed && question && readyToPrint && (
            <button type="button" data-testid="report-print" aria-disabled={busy || undefined} onClick={() => !busy && void print()}>
              {t('report.printAnyway')}
            </button>
          )}
        </div>
        {readyToPrint && (
          <div className="inline">
            <input id="show-personal" type="checkbox" checked={showPersonal} onChange={(e) => setShowPersonal(e.target.checked)} />
            <label htmlFor="show-personal">{t('report.showPersonal')}</label>
          </div>
        )}
        {message && <p role="status">{message}</p>}
      </div>

      {!readyToPrint ? (
        <p className="panel no-print" data-testid="report-empty">{t('report.emptyNote')}</p>
      ) : (
        <div className="report-page" ref={pageRef} data-testid="report-page">
          <h2 id="rep-h">{t('report.heading')}</h2>
          <table className="report-table">
            <tbody>
              <tr><th scope="row">{t('report.client')}</th><td data-testid="report-client">{clientName.trim() || '—'}</td></tr>
              <tr><th scope="row">{t('report.date')}</th><td data-testid="report-date">{humanDate(Date.parse(report.date), 0, lang) /* a record: always with the year */}</td></tr>
              <tr><th scope="row">{t('report.planned')}</th><td data-testid="report-planned">{plannedText}</td></tr>
              <tr><th scope="row">{t('report.errorCode')}</th><td data-testid="report-error-code">{errorCodeText}</td></tr>
            </tbody>
          </table>

          <h3>{t('report.cardFacts')}</h3>
          <table className="report-table" data-testid="report-card">
            <tbody>
              <tr><th scope="row">{t('report.reader')}</th><td data-testid="report-reader">{report.reader ?? na}</td></tr>
              <tr>
                <th scope="row">{t('report.cardState')}</th>
                <td>
                  {report.cardPresent === undefined ? na : report.cardPresent ? t('report.cardRead') : t('report.cardNotRead')}
                  {token ? ` / ${token}` : ''}
                  {report.jpkiApplet === false ? ` / ${t('card.applet')}: ${t('card.ng')}` : ''}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('card.signTries')}</th>
                <td data-testid="report-sign-tries" className={`state-${signTriesState}`}>
                  {signTriesState !== 'unknown' && <StatusIcon kind={signTriesState === 'locked' ? 'locked' : signTriesState === 'low' ? 'low' : 'ok'} label={t(`tries.state.${signTriesState}`)} />}
                  {tries(report.signPinTriesLeft, 5)}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('card.authTries')}</th>
                <td data-testid="report-auth-tries" className={`state-${authTriesState}`}>
                  {authTriesState !== 'unknown' && <StatusIcon kind={authTriesState === 'locked' ? 'locked' : authTriesState === 'low' ? 'low' : 'ok'} label={t(`tries.state.${authTriesState}`)} />}
                  {tries(report.authPinTriesLeft, 3)}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('card.signCert')}</th>
                <td data-testid="report-sign-cert">
                  <StatusIcon kind={certStatusKind(signStatus.state)} label={t(`status.${certStatusKind(signStatus.state)}`)} />
                  {certWords(signStatus, lang)}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('card.authCert')}</th>
                <td data-testid="report-auth-cert">
                  <StatusIcon kind={certStatusKind(authStatus.state)} label={t(`status.${certStatusKind(authStatus.state)}`)} />
                  {certWords(authStatus, lang)}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('report.pinCheck')}</th>
                <td data-testid="report-pin-check">
                  {report.signPinVerified
                    ? report.signPinTriesBeforeVerify !== undefined
                      ? t('report.pinVerifiedFrom', { before: report.signPinTriesBeforeVerify })
                      : t('report.pinVerified')
                    : t('report.pinNotChecked')}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('report.signTest')}</th>
                <td data-testid="report-sign-test">
                  {report.signatureTest
                    ? t('report.signTestDone', { date: report.signatureTest.at ? humanDateTime(Date.parse(report.signatureTest.at), 0, lang) : '', outcome: t(`pin.signTest.outcome.${report.signatureTest.outcome}`) })
                    : t('report.signTestNone')}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('report.personal')}</th>
                <td data-testid="report-personal">
                  {holder ? (
                    <>
                      {t('report.name')}: {holder.name}<br />
                      {t('report.birth')}: {holder.birthDate}<br />
                      {t('report.address')}: {holder.address}
                    </>
                  ) : (
                    t('report.noPersonal')
                  )}
                </td>
              </tr>
            </tbody>
          </table>

          <h3>{t('report.statements')}</h3>
          <table className="report-table" data-testid="report-statements">
            <tbody>
              {statements.map((f) => (
                <tr key={f} data-fact={f}>
                  <th scope="row">{t(`facts.${f}`)}</th>
                  <td>{statementText(f)}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>{t('report.findings')}</h3>
          <ul className="report-findings">
            {report.findings.map((f) => (
              <li key={f.id} data-diagnosis={f.id}>
                <strong>[{t(`result.severity.${f.severity}`, { defaultValue: f.severity })}] {f.title}</strong> — {f.summary}
              </li>
            ))}
          </ul>
          <p className="report-earliest" data-testid="report-earliest">
            <strong>{t('report.earliest')}:</strong> {earliest ? (earliest.kind === 'now' ? t('result.earliestNow') : earliest.text) : t('result.earliestUnknown')}
          </p>
          <h3>{t('report.next')}</h3>
          <ol className="report-steps" data-testid="report-steps">
            {groupSteps(report.steps).map((item) =>
              item.kind === 'step' ? (
                <li key={item.step.id} data-step={item.step.id}>
                  <span aria-hidden="true">☐ </span>
                  <strong>{item.step.title}</strong>
                  {item.step.detail && <span className="report-step-detail"> — {item.step.detail}</span>}
                </li>
              ) : (
                <li key={item.steps[0].id} data-step-alternatives="true">
                  <strong>{t('result.alternatives')}</strong>
                  {item.steps.map((s, i) => (
                    <div key={s.id} data-step={s.id}>
                      {String.fromCharCode(65 + i)}. <strong>{s.title}</strong>
                      {s.detail && <span className="report-step-detail"> — {s.detail}</span>}
                    </div>
                  ))}
                </li>
              ),
            )}
          </ol>
          <p className="report-footer">{t('report.footer')}</p>
        </div>
      )}
    </section>
  );
}

function printCss(): string {
  return [
    'body{font-family:"Noto Sans CJK JP",sans-serif;font-size:9pt;line-height:1.4;color:#111}',
    'h2{font-size:13pt;margin:0 0 4px}h3{font-size:10pt;margin:8px 0 3px}',
    'table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:2px 5px;text-align:left;vertical-align:top}th{width:28%;background:#eef3fa}',
    'ul,ol{margin:2px 0;padding-left:1.4em}li{margin:1px 0}.report-step-detail{font-size:8pt}.report-footer{font-size:7.5pt;color:#444}',
    '.status-icon{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}.status-icon svg{width:12px;height:12px}',
    '@page{size:A4;margin:10mm}',
  ].join('');
}
