import { useTranslation } from 'react-i18next';
import type { Localized } from '../../src-main/contract';
import { pick } from '../lib/localize';
import { useWizard } from '../store/wizard';

/** The one id a question's refused-answer message has; its field points to it. */
const PROBLEM_ID = 'q-problem';

/**
 * Why an answer was not taken (a date that does not exist, no option picked),
 * announced at once (role="alert"); nothing while there is no problem.
 */
export function FieldProblem({ problem }: { problem: Localized | null }) {
  const lang = useWizard((s) => s.lang);
  if (!problem) return null;
  return (
    <p id={PROBLEM_ID} className="field-problem" role="alert">
      {pick(problem, lang)}
    </p>
  );
}

/** What ties a field to its FieldProblem: marked invalid and described by the message while there is one. */
export function problemAria(problem: Localized | null): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return problem ? { 'aria-invalid': true, 'aria-describedby': PROBLEM_ID } : {};
}

/** 「わからない」: every question offers it; what it records is the caller's (unknown, or the engine's own "not sure"). */
export function DontKnowButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  const busy = useWizard((s) => s.busy);
  return (
    <button type="button" className="secondary" data-testid="q-dont-know" disabled={busy} onClick={onClick}>
      {t('question.dontKnow')}
    </button>
  );
}
