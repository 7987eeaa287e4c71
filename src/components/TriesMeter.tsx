import { useTranslation } from 'react-i18next';
import { triesState } from '../lib/cardStatus';
import { StatusIcon } from './StatusIcon';

interface Props {
  name: string;
  left: number | undefined;
  max: number;
}

/** Tries left as boxes, an icon and words (locked, low, fine), so the count never depends on colour. */
export function TriesMeter({ name, left, max }: Props) {
  const { t } = useTranslation();
  const state = triesState(left);
  if (left === undefined) {
    return (
      <div className="tries tries-unknown" data-testid={`tries-${max}`} data-state={state}>
        <StatusIcon kind="unknown" label={t('status.unknown')} />
        <span className="tries-name">{name}</span>
        <span className="tries-text">{t('tries.unknown')}</span>
      </div>
    );
  }
  const words = state === 'locked' ? t('tries.locked', { max }) : state === 'low' ? t('tries.lowLabel', { left, max }) : t('tries.label', { left, max });
  const text = `${name}: ${words}`;
  return (
    <div className={`tries tries-${state}`} data-testid={`tries-${max}`} data-state={state}>
      <StatusIcon kind={state === 'locked' ? 'locked' : state === 'low' ? 'low' : 'ok'} label={t(`tries.state.${state}`)} />
      <div className="tries-boxes" role="meter" aria-valuemin={0} aria-valuemax={max} aria-valuenow={left} aria-label={text}>
        {Array.from({ length: max }, (_, i) => (
          <span key={i} className={i < left ? 'box box-left' : 'box box-used'} aria-hidden="true">
            {i < left ? '●' : '×'}
          </span>
        ))}
      </div>
      <span className="tries-text">
        <span className="tries-name">{name}</span> <span className="tries-words">{words}</span>
      </span>
    </div>
  );
}
