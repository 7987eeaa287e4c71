import { useEffect, useRef, useState } from 'react';
import { needsLowTriesConsent } from '../../src-main/contract/pinPolicy';
import { useTranslation } from 'react-i18next';
import { checkSigningPinFormat } from '../../src-main/jpki/pinFormat';
import type { Localized } from '../../src-main/contract';
import { getApi } from '../bridge';
import { useWizard } from '../store/wizard';
import { pick } from '../lib/localize';
import { TriesMeter } from './TriesMeter';
import { SignatureTestSteps } from './SignatureTestSteps';
import type { SignatureTestResult } from '../../src-main/contract';

type Outcome = { tone: 'ok' | 'problem'; text: string } | null;

/**
 * The only place a PIN try can be spent. Tries left are shown first, the format is
 * checked as the person types, and nothing leaves this screen until they press send.
 */
export function PinScreen() {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const left = useWizard((s) => s.probeFacts.signPinTriesLeft);
  const reader = useWizard((s) => s.snapshot?.reader);
  const applyPinResult = useWizard((s) => s.applyPinResult);
  const probe = useWizard((s) => s.probe);
  const busy = useWizard((s) => s.busy);
  const goto = useWizard((s) => s.goto);
  const [pin, setPin] = useState('');
  const [show, setShow] = useState(false);
  const [lowConfirmed, setLowConfirmed] = useState(false);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [needsRecheck, setNeedsRecheck] = useState(false);
  // Test signature after a correct password (issue #11): on by default, costs no try.
  const [doSignTest, setDoSignTest] = useState(true);
  const [signTest, setSignTest] = useState<SignatureTestResult | undefined>(undefined);
  const pinRef = useRef('');
  pinRef.current = pin;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  // Opening the screen puts keyboard and screen-reader users at its heading.
  useEffect(() => headingRef.current?.focus(), []);
  // Each result takes focus so it is read out at once, whatever it says.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  // Leaving the screen drops the PIN from memory as far as JavaScript allows.
  useEffect(() => () => {
    pinRef.current = '';
  }, []);

  const format = pin.length > 0 ? checkSigningPinFormat(pin) : null;
  const hasLower = /[a-z]/.test(pin);
  const low = left !== undefined && needsLowTriesConsent(left);
  const canSend = !sending && left !== undefined && left > 0 && format?.ok === true && (!low || lowConfirmed);

  const send = async () => {
    const checked = checkSigningPinFormat(pinRef.current);
    if (!checked.ok || !canSend || left === undefined) return;
    setSending(true);
    setPin('');
    pinRef.current = '';
    setShow(false);
    try {
      const result = await getApi().verifySigningPin({
        pin: checked.normalized,
        reader,
        allowLowTries: low ? lowConfirmed : undefined,
        // The count on screen is what the person agreed to risk; the core refuses if the card says otherwise.
        expectedTriesLeft: left,
        signatureTest: doSignTest,
      });
      setSignTest(result.ok ? result.signatureTest : undefined);
      setLowConfirmed(false);
      const code = result.error?.code;
      if (result.ok) {
        const note = result.error ? ` ${pick(result.error.message, lang)}` : '';
        setOutcome({ tone: 'ok', text: `${t('pin.success')}${note}` });
      } else if (code === 'tries-changed') {
        // Nothing was sent; the card's own count replaces the one on screen.
        setOutcome({
          tone: 'problem',
          text: typeof result.triesLeft === 'number' ? t('pin.triesChanged', { left: result.triesLeft }) : t('pin.triesChangedUnknown'),
        });
        if (typeof result.triesLeft !== 'number') setNeedsRecheck(true);
      } else if (code === 'pin-outcome-unknown') {
        // Sent, but the answer was lost: never say "wrong" or give a count.
        setOutcome({ tone: 'problem', text: t('pin.outcomeUnknown') });
        setNeedsRecheck(true);
      } else if (!result.sent) {
        setOutcome({ tone: 'problem', text: `${result.error ? pick(result.error.message, lang) : ''} ${t('pin.notSent')}`.trim() });
      } else if (result.error && code !== 'pin-locked') {
        // Sent, with a failure that is not a counted miss: say what the core said, no count.
        setOutcome({ tone: 'problem', text: pick(result.error.message, lang) });
      } else {
        setOutcome({
          tone: 'problem',
          text: result.triesLeft === 0 ? t('pin.locked') : t('pin.wrong', { left: result.triesLeft ?? '?' }),
        });
      }
      await applyPinResult(result);
    } catch (error) {
      const message = (error as { localized?: Localized }).localized;
      setOutcome({ tone: 'problem', text: message ? pick(message, lang) : t('errors.generic') });
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="p-h" className="screen">
      <h2 id="p-h" ref={headingRef} tabIndex={-1}>{t('pin.heading')}</h2>
      <TriesMeter name={t('card.signTries')} left={left} max={5} />
      <p>{t('pin.intro')}</p>
      {left === undefined && <p className="field-problem">{t('pin.unknownTries')}</p>}
      {left === 0 && <p className="field-problem" data-testid="pin-locked">{t('pin.locked')}</p>}
      <form
        className="panel pin-form"
        autoComplete="off"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor="pin">{t('pin.label')}</label>
        <input
          id="pin"
          name="jpki-sign-password"
          type={show ? 'text' : 'password'}
          value={pin}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={32}
          disabled={left === undefined || left === 0 || sending}
          aria-invalid={format && !format.ok ? true : undefined}
          aria-describedby="pin-format pin-case"
          onChange={(e) => {
            setPin(e.target.value);
            setOutcome(null);
          }}
        />
        <div className="inline">
          <input id="pin-show" type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          <label htmlFor="pin-show">{t('pin.show')}</label>
        </div>
        <p id="pin-format" className={format && !format.ok ? 'field-problem' : 'note'} data-testid="pin-format" aria-live="polite">
          {format ? (format.ok ? `✓ ${t('pin.formatOk')}` : `✕ ${pick(format.message, lang)}`) : ''}
        </p>
        <p id="pin-case" className="note" data-testid="pin-case">{hasLower ? t('pin.caseNote') : ''}</p>
        {low && (
          <div className="low-confirm">
            <p className="field-problem">{t('pin.lowWarning', { left })}</p>
            <div className="inline">
              <input id="pin-low" type="checkbox" checked={lowConfirmed} onChange={(e) => setLowConfirmed(e.target.checked)} />
              <label htmlFor="pin-low">{t('pin.lowConfirm')}</label>
            </div>
          </div>
        )}
        <div className="inline">
          <input id="pin-sign-test" type="checkbox" checked={doSignTest} onChange={(e) => setDoSignTest(e.target.checked)} data-testid="pin-sign-test" />
          <label htmlFor="pin-sign-test">{t('pin.signTest.toggle')}</label>
        </div>
        <button type="submit" className="primary" disabled={!canSend}>
          {t('pin.send')}
        </button>
      </form>
      <div aria-live="polite">
        {outcome && (
          <p
            ref={outcomeRef}
            tabIndex={-1}
            className={outcome.tone === 'ok' ? 'banner banner-info' : 'banner banner-problem'}
            data-testid="pin-outcome"
          >
            <span aria-hidden="true">{outcome.tone === 'ok' ? '✓ ' : '! '}</span>
            {outcome.text} {t('pin.cleared')}
          </p>
        )}
        {outcome && signTest && <SignatureTestSteps test={signTest} />}
      </div>
      {needsRecheck && (
        <button
          type="button"
          data-testid="pin-recheck"
          disabled={busy}
          onClick={async () => {
            await probe(reader);
            setNeedsRecheck(false);
          }}
        >
          {t('pin.recheck')}
        </button>
      )}
      <div className="actions">
        <button type="button" onClick={() => goto('result')}>{t('pin.back')}</button>
      </div>
    </section>
  );
}
