import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useWizard } from '../store/wizard';
import { KNOWN_ERROR_CODES, readErrorCodeInput } from '../lib/errorCodeInput';
import { pick } from '../lib/localize';
import type { Localized } from '../../src-main/contract';

export function StartScreen() {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const busy = useWizard((s) => s.busy);
  const chooseErrorCode = useWizard((s) => s.chooseErrorCode);
  const checkCard = useWizard((s) => s.checkCard);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<Localized | null>(null);

  const submitTyped = (e: FormEvent) => {
    e.preventDefault();
    const read = readErrorCodeInput(typed);
    if (!read.ok) {
      setProblem(read.message);
      return;
    }
    setProblem(null);
    void chooseErrorCode(read.code);
  };

  return (
    <section aria-labelledby="start-h" className="screen">
      <h2 id="start-h" tabIndex={-1}>{t('start.heading')}</h2>
      <p>{t('start.intro')}</p>
      <div className="start-grid">
        {/* The card check comes first: it is the main action, one Tab from the heading. */}
        <div className="panel start-card">
          <h3>{t('start.checkCard')}</h3>
          <p>{t('start.checkCardHint')}</p>
          <button type="button" className="primary" data-testid="check-card" disabled={busy} onClick={() => void checkCard()}>
            {t('start.checkCard')}
          </button>
        </div>
        <fieldset className="panel">
          <legend>{t('start.codeGroup')}</legend>
          <div className="code-buttons">
            {KNOWN_ERROR_CODES.map((code) => (
              <button key={code} type="button" className="code-button" data-testid={`code-${code}`} disabled={busy} onClick={() => void chooseErrorCode(code)}>
                {code}
              </button>
            ))}
            <button type="button" className="code-button secondary" data-testid="code-none" disabled={busy} onClick={() => void chooseErrorCode(null)}>
              {t('start.noCode')}
            </button>
          </div>
          <form onSubmit={submitTyped} className="other-code" noValidate>
            <label htmlFor="other-code">{t('start.otherCodeLabel')}</label>
            <div className="inline">
              <input
                id="other-code"
                value={typed}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? 'other-code-problem' : undefined}
                onChange={(e) => setTyped(e.target.value)}
              />
              <button type="submit" disabled={busy}>{t('start.useCode')}</button>
            </div>
            {problem && (
              <p id="other-code-problem" className="field-problem" role="alert">
                {pick(problem, lang)}
              </p>
            )}
          </form>
        </fieldset>
      </div>
    </section>
  );
}
