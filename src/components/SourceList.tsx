import { useTranslation } from 'react-i18next';
import type { Basis, SourceRef } from '../../src-main/contract';
import { humanDate } from '../../src-main/engine/humanDate';
import { useWizard } from '../store/wizard';

/**
 * The 「根拠(出典)」 / "Sources" line under a diagnosis or a step: each page's title,
 * publisher and the day it was read, or 「実務上の経験に基づく」 when the guidance rests on
 * practice. Links are plain https anchors: nothing is fetched until the person clicks one,
 * and then the system browser opens it (Electron's window-open handler; a new tab in a
 * browser). Anything not https is shown as text only.
 */
export function SourceList({ sources, basis }: { sources?: SourceRef[]; basis?: Basis }) {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const list = sources ?? [];
  if (list.length === 0 && basis !== 'practice') return null;
  const checked = (day: string) => {
    const ms = Date.parse(`${day}T00:00:00+09:00`);
    return t('sources.checked', { date: Number.isNaN(ms) ? day : humanDate(ms, Date.now(), lang) });
  };
  return (
    <p className="sources" data-testid="sources">
      <small>
        <span className="sources-label">{t('sources.label')}: </span>
        {list.map((s, i) => (
          <span key={s.id} className="source" data-source={s.id}>
            {i > 0 && (lang === 'ja' ? '/' : '; ')}
            {/^https:\/\//.test(s.url) ? (
              <a href={s.url} target="_blank" rel="noopener noreferrer" title={t('sources.opens')}>
                {s.title}
              </a>
            ) : (
              s.title
            )}
            {lang === 'ja' ? `(${s.publisher}、${checked(s.checked)})` : ` (${s.publisher}, ${checked(s.checked)})`}
          </span>
        ))}
        {basis === 'practice' && (
          <span className="source-practice" data-testid="source-practice">
            {list.length > 0 && (lang === 'ja' ? '/' : '; ')}
            {t('sources.practice')}
          </span>
        )}
      </small>
    </p>
  );
}
