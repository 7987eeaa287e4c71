import { useTranslation } from 'react-i18next';
import type { SignatureTestResult } from '../../src-main/contract';

/** The test signature's steps after a correct password: key, signature, chain, dates, result. */
export function SignatureTestSteps({ test }: { test: SignatureTestResult }) {
  const { t } = useTranslation();
  const mark = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? '✓' : '✕');
  const good = test.outcome === 'verified';
  return (
    <div className={good ? 'banner banner-info' : 'banner banner-problem'} data-testid="sign-test" data-outcome={test.outcome}>
      {/* One child: the banner lays its children out in a row. */}
      <div>
      <p>
        <strong>{t(`pin.signTest.outcome.${test.outcome}`)}</strong>
      </p>
      <ul>
        <li data-testid="sign-test-key">{t('pin.signTest.key', { ef: test.keyEf })}</li>
        {test.outcome === 'refused' ? (
          <li data-testid="sign-test-refused">✕ {t('pin.signTest.refused', { sw: test.sw ?? '?' })}</li>
        ) : (
          <>
            <li data-testid="sign-test-signature">
              {mark(test.signatureValid)} {t('pin.signTest.signature', { bits: test.modulusBits ?? '?' })}
            </li>
            <li data-testid="sign-test-chain">
              {mark(test.chainValid)} {t('pin.signTest.chain')}
            </li>
            {test.certDates && (
              <li data-testid="sign-test-dates">
                {mark(test.certDates === 'valid')} {t(`pin.signTest.dates.${test.certDates}`, { from: test.notBefore?.slice(0, 10), to: test.notAfter?.slice(0, 10) })}
              </li>
            )}
          </>
        )}
      </ul>
      <p className="note">{t('pin.signTest.nothingKept')}</p>
      </div>
    </div>
  );
}
