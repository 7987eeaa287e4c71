import { useTranslation } from 'react-i18next';
import type { CertSlot, Lang } from '../../src-main/contract';
import { certValidity, formatDate } from '../lib/certValidity';

interface Props {
  label: string;
  slot: CertSlot | undefined;
  notAfterFact: string | undefined;
  presence?: 'present' | 'absent' | 'unknown';
  now: string;
  lang: Lang;
}

export function CertLine({ label, slot, notAfterFact, presence, now, lang }: Props) {
  const { t } = useTranslation();
  const view = certValidity(slot, notAfterFact, now);
  let text: string;
  let mark: 'ok' | 'ng' | 'unknown';
  switch (view.state) {
    case 'valid':
      text = t('card.validUntil', { date: formatDate(view.notAfter, lang), days: view.daysLeft });
      mark = 'ok';
      break;
    case 'expired':
      text = t('card.expiredOn', { date: formatDate(view.notAfter, lang), days: view.daysAgo });
      mark = 'ng';
      break;
    case 'absent':
      text = t('card.certAbsent');
      mark = 'ng';
      break;
    case 'malformed':
      text = t('card.certMalformed');
      mark = 'ng';
      break;
    default:
      text = presence === 'absent' ? t('card.certAbsent') : presence === 'present' ? t('card.certPresent') : t('card.certUnknownPresence');
      mark = presence === 'absent' ? 'ng' : presence === 'present' ? 'ok' : 'unknown';
  }
  return (
    <li className={`check check-${mark}`}>
      <StatusMark mark={mark} />
      <span className="check-label">{label}</span>
      <span className="check-value">{text}</span>
    </li>
  );
}

/** A symbol plus hidden words, so the state is never carried by colour alone. */
export function StatusMark({ mark }: { mark: 'ok' | 'ng' | 'unknown' }) {
  const { t } = useTranslation();
  const symbol = mark === 'ok' ? '✓' : mark === 'ng' ? '✕' : '?';
  return (
    <span className={`mark mark-${mark}`}>
      <span aria-hidden="true">{symbol}</span>
      <span className="sr-only">{t(`card.${mark}`)}</span>
    </span>
  );
}
