import { useTranslation } from 'react-i18next';
import { useWizard, type Step } from '../store/wizard';

const ORDER: Step[] = ['start', 'card', 'questions', 'result', 'flow', 'report'];

export function StepNav() {
  const { t } = useTranslation();
  const step = useWizard((s) => s.step);
  const goto = useWizard((s) => s.goto);
  const hasResult = useWizard((s) => s.result !== null);
  return (
    <nav aria-label={t('app.nav')} className="stepnav">
      <ol>
        {ORDER.map((s, i) => {
          const disabled = (s === 'questions' || s === 'result' || s === 'report') && !hasResult;
          return (
            <li key={s}>
              <button
                type="button"
                className={s === step ? 'stepnav-item current' : 'stepnav-item'}
                aria-current={s === step ? 'step' : undefined}
                disabled={disabled}
                onClick={() => goto(s)}
              >
                <span className="stepnav-num" aria-hidden="true">{i + 1}</span> <span className="stepnav-label">{t(`steps.${s}`)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
