import { FACT_NAMES, type FactName, type Facts } from '../contract/facts';
import type { Basis, Diagnosis, DiagnosisResult, RecoveryStep, SourceRef } from '../contract/diagnosis';
import { evaluate } from './evaluate';
import { evaluateRules, type Evaluation } from './evaluateRules';
import { flowPath } from './flowPath';
import { nextQuestion } from './nextQuestion';
import { humanEarliest } from './humanDate';
import type { DiagnosisRule, Grounds, RuleSet } from './ruleSet';
import { earliestSigningMs } from './schedule';
import { renderText } from './template';
import { formatJstDateTime } from './time';

/** The catalogue entries behind a rule or step, and its basis, for display. */
function expandGrounds(g: Grounds, rules: RuleSet): { sources: SourceRef[]; basis: Basis } {
  return { sources: g.sources.map((id) => ({ ...rules.sources.get(id)! })), basis: g.practice ? 'practice' : 'sources' };
}

function buildDiagnosis(rule: DiagnosisRule, ev: Evaluation, rules: RuleSet): Diagnosis {
  const render = (t: { ja: string; en: string }) => renderText(t, ev.facts, ev.nowMs);
  const evidence = rule.evidence.filter((e) => !e.when || evaluate(e.when, ev.ctx) === true).map((e) => render(e.value));
  const steps: RecoveryStep[] = rule.steps
    .filter((s) => !s.when || evaluate(s.when, ev.ctx) !== false)
    .map((s) => {
      const def = rules.steps.get(s.value)!;
      return {
        id: def.id,
        title: render(def.title),
        ...(def.detail ? { detail: render(def.detail) } : {}),
        ...(def.asset ? { asset: def.asset } : {}),
        ...(def.alternativeGroup ? { alternativeGroup: def.alternativeGroup } : {}),
        ...expandGrounds(def.grounds, rules),
      };
    });
  const route = rule.earliestSigning.find((r) => !r.when || evaluate(r.when, ev.ctx) === true);
  const ms = route ? earliestSigningMs(route.value, ev.facts, ev.nowMs, rules.timing) : undefined;
  return {
    id: rule.id,
    severity: rule.severity,
    title: render(rule.title),
    summary: render(rule.summary),
    evidence,
    steps,
    ...(ms !== undefined
      ? {
          earliestSigning: formatJstDateTime(ms),
          earliestSigningAt: formatJstDateTime(ms),
          earliestSigningText: { ja: humanEarliest(ms, ev.nowMs, 'ja'), en: humanEarliest(ms, ev.nowMs, 'en') },
        }
      : {}),
    ...expandGrounds(rule.grounds, rules),
  };
}

/**
 * Pure: the same facts and rules always give the same result. A missing `now`
 * means the current time. `declined` lists questions the person chose not to
 * answer ("I don't know"), by fact or by question id (an event question such
 * as 'lifeEvents' is declined by its id or by any of its facts): they stay
 * unknown and are not asked again, so the next relevant question comes instead.
 */
export function diagnose(facts: Facts, rules: RuleSet, options: { declined?: readonly (FactName | string)[] } = {}): DiagnosisResult {
  const ev = evaluateRules(facts, rules);
  return {
    diagnoses: ev.fired.map((id) => buildDiagnosis(rules.byId.get(id)!, ev, rules)),
    nextQuestion: nextQuestion(ev, rules, options.declined ?? []),
    path: flowPath(ev, rules),
    checked: FACT_NAMES.map((fact) => ({ fact, known: facts[fact] !== undefined })),
  };
}
