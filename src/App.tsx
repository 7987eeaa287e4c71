import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from './bridge';
import { setLanguage } from './i18n';
import { STEP_HEADINGS, useWizard } from './store/wizard';
import { SwapPrompt } from './components/SwapPrompt';
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
  const newIntake = useWizard((s) => s.newIntake);
  const focusTarget = useWizard((s) => s.focusTarget);
  const focusSeq = useWizard((s) => s.focusSeq);
  const pendingSwap = useWizard((s) => s.pendingSwap);

  // After every action, focus goes to the new content (never left on a disabled button or the page body).
  // Runs after the screens' own effects, so an action's request wins over a screen's default.
  useEffect(() => {
    const target = focusTarget ?? STEP_HEADINGS[useWizard.getState().step];
    // 'a|b': the first of these that exists (querySelector('a, b') would take document order instead).
    const el = target
      .split('|')
      .map((sel) => document.querySelector<HTMLElement>(sel))
      .find((e): e is HTMLElement => e !== null);
    if (el) {
      if (!el.hasAttribute('tabindex') && !/^(BUTTON|INPUT|SELECT|TEXTAREA|A)$/.test(el.tagName)) el.setAttribute('tabindex', '-1');
      el.focus();
    }
  }, [focusTarget, focusSeq]);

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
        <div className="app-title">
          <h1>{t('app.title')}</h1>
          <p className="subtitle">{t('app.subtitle')}</p>
        </div>
        <div className="header-actions">
          <button type="button" data-testid="new-intake" onClick={() => newIntake()}>
            {t('intake.new')}
          </button>
          <button
            type="button"
            aria-pressed={staffMode}
            data-testid="staff-mode"
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
      <main id="main" tabIndex={-1} aria-busy={busy}>
        {busy && <p className="busy" role="status">{t('app.busy')}</p>}
        {pendingSwap && <SwapPrompt />}
        {!pendingSwap && step === 'start' && <StartScreen />}
        {!pendingSwap && step === 'card' && <CardScreen />}
        {!pendingSwap && step === 'questions' && <QuestionScreen />}
        {!pendingSwap && step === 'result' && <ResultScreen />}
        {!pendingSwap && step === 'flow' && <FlowchartScreen />}
        {!pendingSwap && step === 'pin' && <PinScreen />}
        {!pendingSwap && step === 'report' && <ReportScreen />}
      </main>
    </div>
  );
}
