import { useTranslation } from 'react-i18next';
import { useWizard } from '../store/wizard';

/**
 * Another card was read while this intake holds a client's data. Nothing of that data
 * may reach the new card, so staff choose: a new intake with it, or keep the current one.
 */
export function SwapPrompt() {
  const { t } = useTranslation();
  const acceptSwap = useWizard((s) => s.acceptSwap);
  const rejectSwap = useWizard((s) => s.rejectSwap);
  const clientName = useWizard((s) => s.clientName);
  const busy = useWizard((s) => s.busy);
  return (
    <section className="screen panel swap-prompt" role="alertdialog" aria-labelledby="swap-h" aria-describedby="swap-d" data-testid="swap-prompt">
      <h2 id="swap-h" tabIndex={-1}>{t('intake.swapHeading')}</h2>
      <p id="swap-d">
        {t('intake.swapText')} {clientName.trim() ? t('intake.swapClient', { name: clientName.trim() }) : ''}
      </p>
      <div className="actions">
        <button type="button" className="primary" data-testid="swap-accept" disabled={busy} onClick={() => void acceptSwap()}>
          {t('intake.swapAccept')}
        </button>
        <button type="button" data-testid="swap-reject" disabled={busy} onClick={() => rejectSwap()}>
          {t('intake.swapReject')}
        </button>
      </div>
    </section>
  );
}
