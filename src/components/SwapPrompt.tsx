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
  // The office speaks of clients; a founder swapping cards is starting over with another card.
  const staff = useWizard((s) => s.staffMode);
  const key = (k: string) => (staff ? `intake.${k}` : `intake.${k}Self`);
  return (
    <section className="screen panel swap-prompt" role="alertdialog" aria-labelledby="swap-h" aria-describedby="swap-d" data-testid="swap-prompt">
      <h2 id="swap-h" tabIndex={-1}>{t(key('swapHeading'))}</h2>
      <p id="swap-d">
        {t(key('swapText'))} {staff && clientName.trim() ? t('intake.swapClient', { name: clientName.trim() }) : ''}
      </p>
      <div className="actions">
        <button type="button" className="primary" data-testid="swap-accept" disabled={busy} onClick={() => void acceptSwap()}>
          {t(key('swapAccept'))}
        </button>
        <button type="button" data-testid="swap-reject" disabled={busy} onClick={() => rejectSwap()}>
          {t(key('swapReject'))}
        </button>
      </div>
    </section>
  );
}
