import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from './bridge';
import { setLanguage } from './i18n';
import { useWizard } from './store/wizard';
import { StepNav } from './components/StepNav';
import { ReaderBanner } from './components/ReaderBanner';
import { StartScreen } from './components/StartScreen';
import { CardScreen } from './components/CardScreen';
import { QuestionScreen } from './components/QuestionScreen';
import { ResultScreen } from './components/ResultScreen';
import { FlowchartScreen } from './components/FlowchartScreen';
import { PinScreen } from './components/PinScreen';
import { ReportScreen } from './components/ReportScreen';

export function App() {
  const { t } = useTranslation();
  const step = useWizard((s) => s.step);
  const lang = useWizard((s) => s.lang);
  const setLang = useWizard((s) => s.setLang);
  const staffMode = useWizard((s) => s.staffMode);
  const setStaffMode = useWizard((s) => s.setStaffMode);
  const busy = useWizard((s) => s.busy);
  const handleReaderEvent = useWizard((s) => s.handleReaderEvent);

  useEffect(() => {
    setLanguage(lang);
  }, [lang]);

  useEffect(() => {
    try {
      return getApi().onReaderEvent((event) => void handleReaderEvent(event));
    } catch {
      return undefined;
    }
  }, [handleReaderEvent]);

  return (
    <div className="app" data-step={step} data-ready="true">
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="subtitle">{t('app.subtitle')}</p>
        </div>
        <div className="header-actions">
          <button
            type="button"
            aria-pressed={staffMode}
            onClick={() => setStaffMode(!staffMode)}
          >
            {t('app.staffMode')}
          </button>
          <button
            type="button"
            lang={lang === 'ja' ? 'en' : 'ja'}
            title={t('app.languageLabel')}
            data-testid="lang-switch"
            onClick={() => void setLang(lang === 'ja' ? 'en' : 'ja')}
          >
            {t('app.language')}
          </button>
        </div>
      </header>
      <StepNav />
      <ReaderBanner />
      <main id="main" aria-busy={busy}>
        {busy && <p className="busy" role="status">{t('app.busy')}</p>}
        {step === 'start' && <StartScreen />}
        {step === 'card' && <CardScreen />}
        {step === 'questions' && <QuestionScreen />}
        {step === 'result' && <ResultScreen />}
        {step === 'flow' && <FlowchartScreen />}
        {step === 'pin' && <PinScreen />}
        {step === 'report' && <ReportScreen />}
      </main>
    </div>
  );
}
