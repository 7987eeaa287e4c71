import { useTranslation } from 'react-i18next';
import { useWizard } from '../store/wizard';
import { CARD_UNREAD_DIAGNOSES, cardUnreadReason } from '../lib/cardUnread';

/**
 * Says plainly why the wizard asks instead of reading the card (questions), or that a
 * result rests on the code and answers alone (result), with the way to read the card.
 */
export function CardUnreadNote({ where }: { where: 'questions' | 'result' }) {
  const { t } = useTranslation();
  const reason = useWizard((s) => cardUnreadReason(s.probeFacts, s.probed));
  const primary = useWizard((s) => s.result?.diagnoses[0]?.id);
  const busy = useWizard((s) => s.busy);
  const lang = useWizard((s) => s.lang);
  // What the result rests on instead: the code, the answers, or both.
  const basis = useWizard((s) => {
    const code = typeof s.errorCode === 'string';
    const answers = Object.keys(s.answers).length > 0;
    return code && answers ? 'resultFromCodeAnswers' : code ? 'resultFromCode' : 'resultFromAnswers';
  });
  const checkCard = useWizard((s) => s.checkCard);
  if (!reason) return null;
  // The primary diagnosis already explains a missing reader or card: no second note.
  if (where === 'result' && primary !== undefined && CARD_UNREAD_DIAGNOSES.includes(primary)) return null;
  return (
    <div className="panel card-unread" data-testid="card-unread" data-reason={reason}>
      <p>
        {/* Japanese sentences follow each other without a space. */}
        {[t(`cardUnread.${reason}`), t(where === 'questions' ? 'cardUnread.asking' : `cardUnread.${basis}`)].join(lang === 'ja' ? '' : ' ')}
      </p>
      <button type="button" data-testid="card-unread-check" disabled={busy} onClick={() => void checkCard()}>
        {t('cardUnread.check')}
      </button>
    </div>
  );
}
