import { useTranslation } from 'react-i18next';
import type { Lang } from '../../src-main/contract';
import { formatDate } from '../lib/certValidity';
import { certStatusKind, type CertStatus, type StatusKind } from '../lib/cardStatus';
import { StatusIcon } from './StatusIcon';

/** The words for one certificate's state, shared by the card screen and the intake sheet. */
export function useCertWords(): (status: CertStatus, lang: Lang) => string {
  const { t } = useTranslation();
  return (status, lang) => {
    const date = status.notAfter ? formatDate(status.notAfter, lang) : '';
    const days = status.days ?? 0;
    switch (status.state) {
      case 'valid':
        return status.inferred ? t('cert.validInferred', { date, days }) : t('cert.valid', { date, days });
      case 'expiring':
        return status.inferred ? t('cert.expiringInferred', { date, days }) : t('cert.expiring', { date, days });
      case 'expired':
        if (status.inferred) return status.notAfter ? t('cert.expiredInferred', { date, days }) : t('cert.expiredInferredNoDate');
        return t('cert.expired', { date, days });
      case 'revoked':
        return status.revokedBy === 'abroad' ? t('cert.revokedAbroad') : t('cert.revokedRelocation');
      case 'revoked-or-expired':
        return t('cert.revokedOrExpired');
      case 'absent':
        return t('cert.absent');
      case 'malformed':
        return t('cert.malformed');
      case 'present':
        return t('cert.present');
      default:
        return t('cert.unknown');
    }
  };
}

/** One certificate row: an icon named by its state, the label, and the state in words. */
export function CertLine({ label, status, lang, testId }: { label: string; status: CertStatus; lang: Lang; testId: string }) {
  const { t } = useTranslation();
  const words = useCertWords();
  const kind = certStatusKind(status.state);
  return (
    <li className={`check check-${kind}`} data-testid={testId} data-state={status.state}>
      <StatusIcon kind={kind} label={t(`status.${kind}`)} />
      <span className="check-label">{label}</span>
      <span className="check-value">{words(status, lang)}</span>
    </li>
  );
}

/** A symbol named in words, so the state is never carried by colour alone. */
export function StatusMark({ mark }: { mark: 'ok' | 'ng' | 'unknown' }) {
  const { t } = useTranslation();
  const kind: StatusKind = mark === 'ok' ? 'ok' : mark === 'ng' ? 'problem' : 'unknown';
  return <StatusIcon kind={kind} label={t(`card.${mark}`)} />;
}
