import { useTranslation } from 'react-i18next';
import { useWizard } from '../store/wizard';
import { pick } from '../lib/localize';

/** Hot-plug notices and core errors, announced to screen readers without moving focus. */
export function ReaderBanner() {
  const { t } = useTranslation();
  const notice = useWizard((s) => s.notice);
  const error = useWizard((s) => s.error);
  const lang = useWizard((s) => s.lang);
  const dismiss = useWizard((s) => s.dismissNotice);
  return (
    <div aria-live="polite" className="banners">
      {notice && (
        <div className={`banner banner-${notice.tone}`} data-testid="reader-notice" data-reader={notice.reader}>
          <span className="banner-icon" aria-hidden="true">{notice.tone === 'problem' ? '!' : 'i'}</span>
          <p>{t(notice.messageKey)}</p>
          <button type="button" onClick={dismiss}>{t('reader.dismiss')}</button>
        </div>
      )}
      {error && (
        <div className="banner banner-problem" role="alert" data-testid="core-error">
          <span className="banner-icon" aria-hidden="true">!</span>
          <p>{pick(error, lang)}</p>
        </div>
      )}
    </div>
  );
}
