import type { FactName, Facts } from '../../src-main/contract/facts';
import type { Question, Severity } from '../../src-main/contract/diagnosis';
import { parseCondition, type Condition } from '../../src-main/engine/condition';
import { loadRules } from '../../src-main/engine/loadRules';
import type { Route } from '../../src-main/engine/schedule';
import type { RuleSet } from '../../src-main/engine/ruleSet';

/**
 * Small hand-made rule sets for the engine's mutation tests (independent of
 * rules/, which changes): only what evaluateRules, nextQuestion and diagnose read.
 */
export const cond = (raw: unknown): Condition => parseCondition(raw, 'test');

export interface RuleSpec {
  id: string;
  severity?: Severity;
  priority?: number;
  when: unknown;
  steps?: { value: string; when?: unknown }[];
  routes?: { value: Route; when?: unknown }[];
}

export interface Extras {
  plausibleDays?: [string, { from: number; to: number }][];
  askAfter?: [string, FactName[]][];
  endConversationOn?: string[];
}

export function ruleSet(rules: RuleSpec[], questions: Question[] = [], extras: Extras = {}): RuleSet {
  const diagnoses = rules.map((r) => ({
    id: r.id,
    severity: r.severity ?? 'blocker',
    priority: r.priority ?? 50,
    file: 'test.yaml',
    title: { ja: r.id, en: r.id },
    summary: { ja: r.id, en: r.id },
    when: cond(r.when),
    evidence: [],
    steps: (r.steps ?? []).map((s) => ({ value: s.value, ...(s.when ? { when: cond(s.when) } : {}) })),
    earliestSigning: (r.routes ?? []).map((s) => ({ value: s.value, ...(s.when ? { when: cond(s.when) } : {}) })),
    grounds: { sources: [], practice: true },
  }));
  return {
    diagnoses,
    byId: new Map(diagnoses.map((d) => [d.id, d])),
    questions,
    timing: loadRules().timing,
    ...(extras.plausibleDays ? { plausibleDays: new Map(extras.plausibleDays) } : {}),
    ...(extras.askAfter ? { askAfter: new Map(extras.askAfter) } : {}),
    ...(extras.endConversationOn ? { endConversationOn: new Set(extras.endConversationOn) } : {}),
  } as unknown as RuleSet;
}

export const q = (fact: FactName, kind: Question['kind'] = 'boolean', options?: Question['options']): Question => ({
  fact,
  kind,
  text: { ja: fact, en: fact },
  ...(options ? { options } : {}),
});

/** An event question: options as [value, sets, dateFact?]. */
export const eventQ = (id: string, options: [string, Partial<Facts>, FactName?][]): Question => {
  const facts: FactName[] = [];
  for (const [, sets, d] of options) for (const f of [...Object.keys(sets), ...(d ? [d] : [])] as FactName[]) if (!facts.includes(f)) facts.push(f);
  return {
    id,
    fact: facts[0]!,
    kind: 'event',
    text: { ja: id, en: id },
    facts,
    options: options.map(([value, sets, dateFact]) => ({ value, label: { ja: value, en: value }, sets, ...(dateFact ? { dateFact } : {}) })),
  };
};
