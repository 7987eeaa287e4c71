import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../bridge';
import { currentFacts, useWizard } from '../store/wizard';
import { buildIntakeReport, holderView } from '../lib/reportModel';
import { formatDate } from '../lib/certValidity';
import { describeEarliest } from '../lib/earliestSigning';
import { pick } from '../lib/localize';
import type { Localized } from '../../src-main/contract';

/** One printable A4 page for a scrivener office's intake; holder data masked unless switched on. */
export function ReportScreen() {
  const { t } = useTranslation();
  const state = useWizard();
  const { lang, result, snapshot, signCert } = state;
  const [client, setClient] = useState('');
  const [showPersonal, setShowPersonal] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const pageRef = useRef<HTMLDivElement>(null);
  const facts = currentFacts(state);
  const report = buildIntakeReport(facts, result, snapshot, lang);
  const holder = holderView(signCert ?? undefined, showPersonal, t('report.masked'));
  const na = t('report.notChecked');
  const date = (iso?: string) => (iso ? formatDate(iso, lang) : na);
  // undefined: never asked or declined, which staff must see as "not checked", not as "no change".
  const change = (v: string | null | undefined) => (v === undefined ? na : v === null ? t('report.changeNone') : formatDate(v, lang));
  const earliest = report.earliestSigning ? describeEarliest(report.earliestSigning, report.date, lang) : null;

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

  const cardState = [
    report.cardPresent === undefined ? null : `${t('card.present')}: ${report.cardPresent ? t('card.ok') : t('card.ng')}`,
    report.jpkiApplet === undefined ? null : `${t('card.applet')}: ${report.jpkiApplet ? t('card.ok') : t('card.ng')}`,
    report.token === undefined
      ? null
      : `${t('card.token')}: ${report.token === 'mynumber' ? t('card.tokenMynumber') : report.token === 'juki' ? t('card.tokenJuki') : t('card.tokenOther')}`,
  ].filter((x): x is string => x !== null);

  return (
    <section aria-labelledby="rep-h" className="screen report-screen">
      <div className="report-controls no-print panel">
        <label htmlFor="client">{t('report.client')}</label>
        <input id="client" value={client} autoComplete="off" onChange={(e) => setClient(e.target.value)} />
        <div className="inline">
          <input id="show-personal" type="checkbox" checked={showPersonal} onChange={(e) => setShowPersonal(e.target.checked)} />
          <label htmlFor="show-personal">{t('report.showPersonal')}</label>
        </div>
        <button type="button" className="primary" onClick={() => void print()}>{t('report.print')}</button>
        {message && <p role="status">{message}</p>}
      </div>

      <div className="report-page" ref={pageRef} data-testid="report-page">
        <h2 id="rep-h">{t('report.heading')}</h2>
        <table className="report-table">
          <tbody>
            <tr><th scope="row">{t('report.client')}</th><td>{client || '—'}</td></tr>
            <tr><th scope="row">{t('report.date')}</th><td>{date(report.date)}</td></tr>
            <tr><th scope="row">{t('report.reader')}</th><td data-testid="report-reader">{report.reader ?? na}</td></tr>
            <tr><th scope="row">{t('report.cardState')}</th><td>{cardState.length ? cardState.join(' / ') : na}</td></tr>
            <tr>
              <th scope="row">{t('report.tries')}</th>
              <td>
                {t('card.signTries')}: {report.signPinTriesLeft ?? na} / 5<br />
                {t('card.authTries')}: {report.authPinTriesLeft ?? na} / 3
              </td>
            </tr>
            <tr>
              <th scope="row">{t('report.validity')}</th>
              <td>
                {t('card.signCert')}: {date(report.signCertNotAfter)}<br />
                {t('card.authCert')}: {date(report.authCertNotAfter)}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('report.revocation')}</th>
              <td data-testid="report-revocation">
                {t('report.moved')}: {change(report.movedAt)}<br />
                {t('report.nameChanged')}: {change(report.nameChangedAt)}
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
        <h3>{t('report.findings')}</h3>
        <ul>
          {report.findings.map((f) => (
            <li key={f.id} data-diagnosis={f.id}>
              <strong>[{t(`result.severity.${f.severity}`, { defaultValue: f.severity })}] {f.title}</strong> — {f.summary}
            </li>
          ))}
        </ul>
        <h3>{t('report.next')}</h3>
        <ol>
          {report.nextSteps.map((s, i) => (
            <li key={i}><span aria-hidden="true">☐ </span>{s}</li>
          ))}
        </ol>
        <p><strong>{t('report.earliest')}:</strong> {earliest ? (earliest.kind === 'now' ? t('result.earliestNow') : earliest.text) : t('result.earliestUnknown')}</p>
        <p className="report-footer">{t('report.footer')}</p>
      </div>
    </section>
  );
}

function printCss(): string {
  return 'body{font-family:"Noto Sans CJK JP",sans-serif;font-size:10.5pt;color:#111}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}th{width:28%;background:#eef3fa}@page{size:A4;margin:12mm}';
}
