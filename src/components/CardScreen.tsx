import { useTranslation } from 'react-i18next';
import type { Facts } from '../../src-main/contract/facts';
import { pendingQuestion, useWizard } from '../store/wizard';
import { TriesMeter } from './TriesMeter';
import { CertLine, StatusMark } from './CertLine';
import { authCertStatus, signCertStatus } from '../lib/cardStatus';

type Mark = 'ok' | 'ng' | 'unknown';
/** What the reader said about the card, in the words the card screen uses (i18n keys under card.). */
const cardPresence = (facts: Facts): 'unknown' | 'notDetected' | 'ok' | 'unreadable' =>
  facts.cardPresent === undefined ? 'unknown' : !facts.cardPresent ? 'notDetected' : facts.cardReadable !== false ? 'ok' : 'unreadable';
const mark = (v: boolean | undefined): Mark => (v === undefined ? 'unknown' : v ? 'ok' : 'ng');

export function CardScreen() {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const busy = useWizard((s) => s.busy);
  const facts = useWizard((s) => s.probeFacts);
  const snapshot = useWizard((s) => s.snapshot);
  const readers = useWizard((s) => s.readers);
  const probed = useWizard((s) => s.probed);
  const probe = useWizard((s) => s.probe);
  const goto = useWizard((s) => s.goto);
  const diagnose = useWizard((s) => s.diagnose);
  const staffMode = useWizard((s) => s.staffMode);
  const result = useWizard((s) => s.result);
  const errorCode = useWizard((s) => s.errorCode);
  // "Checked before any questions" is true only while nothing has been asked yet.
  const nothingAskedYet = useWizard((s) => s.cardCheckedForCode && Object.keys(s.answers).length === 0 && s.skipped.length === 0);
  // Where "next" leads, said on the button: a question, or straight to the result / sheet.
  const asksNext = useWizard((s) => pendingQuestion(s) !== null);
  const diagnosisIds = result?.diagnoses.map((d) => d.id) ?? [];
  const now = snapshot?.takenAt ?? new Date().toISOString();
  const canCheckPin = facts.signPinTriesLeft !== undefined && facts.signPinTriesLeft > 0 && facts.signCert !== 'absent';

  const presence = cardPresence(facts);
  const rows: { key: string; label: string; mark: Mark; value: string }[] = [
    {
      key: 'service',
      label: t('card.service'),
      mark: facts.pcscService === undefined ? 'unknown' : facts.pcscService === 'ok' ? 'ok' : 'ng',
      value: facts.pcscService === undefined ? t('card.unknown') : facts.pcscService === 'ok' ? t('card.ok') : t('card.ng'),
    },
    {
      key: 'reader',
      label: t('card.reader'),
      mark: facts.readerCount === undefined ? 'unknown' : facts.readerCount > 0 ? 'ok' : 'ng',
      value: facts.readerCount === undefined ? t('card.unknown') : t('card.readers', { count: facts.readerCount }),
    },
    {
      key: 'present',
      label: t('card.present'),
      mark: presence === 'unknown' || presence === 'ok' ? presence : 'ng',
      value: t(`card.${presence}`),
    },
    {
      key: 'applet',
      label: t('card.applet'),
      mark: mark(facts.jpkiApplet),
      value: facts.jpkiApplet === undefined ? t('card.unknown') : facts.jpkiApplet ? t('card.ok') : t('card.ng'),
    },
    {
      key: 'token',
      label: t('card.token'),
      mark: facts.token === undefined ? 'unknown' : facts.token === 'mynumber' ? 'ok' : 'ng',
      value:
        facts.token === 'mynumber' ? t('card.tokenMynumber') : facts.token === 'juki' ? t('card.tokenJuki') : facts.token === 'other' ? t('card.tokenOther') : t('card.unknown'),
    },
  ];

  const continueOn = async () => {
    await diagnose();
    const s = useWizard.getState();
    goto(s.result?.nextQuestion && !s.skipped.includes(s.result.nextQuestion.fact) ? 'questions' : staffMode ? 'report' : 'result');
  };

  return (
    <section aria-labelledby="card-h" className="screen">
      <h2 id="card-h" tabIndex={-1}>{t('card.heading')}</h2>
      <p>{t('card.intro')}</p>
      {errorCode !== undefined && probed && (
        <p data-testid="card-from-code">{t(nothingAskedYet ? 'card.fromCode' : 'start.chosen', { code: errorCode ?? t('start.none') })}</p>
      )}
      {!probed && !busy && <p>{t('card.notProbed')}</p>}
      {/* Our own PC/SC binding did not load: every row below stays unknown, so say why here (reinstall, and which file for staff). */}
      {snapshot?.error?.code === 'pcsc-binding-missing' && (
        <div className="panel" role="alert" data-testid="card-binding-missing">
          <p>{snapshot.error.message[lang]}</p>
          {snapshot.error.detail && (
            <p className="note">
              {t('card.technicalDetail')}
              {lang === 'ja' ? '' : ' '}
              <code>{snapshot.error.detail}</code>
            </p>
          )}
        </div>
      )}
      {/* The next step comes first, so it is one Tab away from the heading that takes focus after a read. */}
      <div className="actions actions-top">
        {probed ? (
          <button type="button" className="primary" data-testid="card-continue" onClick={() => void continueOn()} disabled={busy}>
            {t(asksNext ? 'card.continue' : staffMode ? 'card.toReport' : 'card.toResult')}
          </button>
        ) : (
          <button type="button" className="primary" data-testid="card-read" onClick={() => void probe()} disabled={busy}>
            {t('card.read')}
          </button>
        )}
        {probed && (
          <button type="button" data-testid="card-recheck" onClick={() => void probe()} disabled={busy}>{t('card.recheck')}</button>
        )}
        {canCheckPin && (
          <button type="button" data-testid="to-pin" onClick={() => goto('pin')} disabled={busy}>{t('card.pinCheck')}</button>
        )}
        {!probed && (
          <button type="button" data-testid="card-skip" onClick={() => void continueOn()} disabled={busy}>{t('card.skip')}</button>
        )}
      </div>
      <ul className="checks" aria-busy={busy}>
        {rows.map((r) => (
          <li key={r.key} className={`check check-${r.mark}`} data-testid={`check-${r.key}`}>
            <StatusMark mark={r.mark} />
            <span className="check-label">{r.label}</span>
            <span className="check-value">{r.value}</span>
          </li>
        ))}
      </ul>

      <dl className="reader-info">
        <div>
          <dt>{t('card.readReader')}</dt>
          <dd data-testid="read-reader">{snapshot?.reader ?? t('card.noReaderRead')}</dd>
        </div>
        {readers.length > 1 && (
          <div>
            <dt>{t('card.otherReaders')}</dt>
            <dd>
              <ul className="reader-list" data-testid="reader-list">
                {readers.map((r) => (
                  <li key={r.name}>
                    {r.name} — {r.cardPresent ? t('card.readerHasCard') : t('card.readerNoCard')}
                    {r.name === snapshot?.reader ? ` (${t('card.readerInUse')})` : ''}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>

      <h3>{t('card.triesHeading')}</h3>
      <div className="tries-list">
        <TriesMeter name={t('card.signTries')} left={facts.signPinTriesLeft} max={5} />
        <TriesMeter name={t('card.authTries')} left={facts.authPinTriesLeft} max={3} />
      </div>

      <h3>{t('card.certHeading')}</h3>
      <ul className="checks">
        <CertLine label={t('card.signCert')} status={signCertStatus(facts, snapshot, diagnosisIds, now)} lang={lang} testId="cert-sign" />
        <CertLine label={t('card.authCert')} status={authCertStatus(facts, snapshot, diagnosisIds, now)} lang={lang} testId="cert-auth" />
      </ul>
      {snapshot?.signCert?.status === 'not-read' && <p className="note">{t('card.certNeedsPin')}</p>}
      <p className="note">{t('card.birthdayRule')}</p>

    </section>
  );
}
