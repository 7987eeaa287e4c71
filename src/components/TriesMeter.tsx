import { useTranslation } from 'react-i18next';

interface Props {
  name: string;
  left: number | undefined;
  max: number;
}

/** Tries left as boxes plus words, so the count never depends on colour. */
export function TriesMeter({ name, left, max }: Props) {
  const { t } = useTranslation();
  if (left === undefined) {
    return (
      <div className="tries">
        <span className="tries-name">{name}</span>
        <span className="tries-text">{t('tries.unknown')}</span>
      </div>
    );
  }
  const text = left === 0 ? `${name}: ${t('tries.locked')}` : t('tries.label', { name, left, max });
  return (
    <div className="tries" data-testid={`tries-${max}`}>
      <div
        className="tries-boxes"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={left}
        aria-label={text}
      >
        {Array.from({ length: max }, (_, i) => (
          <span key={i} className={i < left ? 'box box-left' : 'box box-used'} aria-hidden="true">
            {i < left ? '●' : '×'}
          </span>
        ))}
      </div>
      <span className="tries-text">
        {text}
        {left > 0 && left < 2 ? ` — ${t('tries.low')}` : ''}
      </span>
    </div>
  );
}
