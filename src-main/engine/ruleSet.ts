import type { FactName } from '../contract/facts';
import type { Localized } from '../contract/localized';
import type { Question, Severity, SourceRef } from '../contract/diagnosis';
import type { Condition } from './condition';
import type { Route, Timing } from './schedule';

/** What a rule, step or timing entry rests on: ids in rules/sources.yaml, and/or practitioners' experience. */
export interface Grounds {
  sources: string[];
  practice: boolean;
}

export interface Guarded<T> {
  when?: Condition;
  value: T;
}

export interface DiagnosisRule {
  id: string;
  severity: Severity;
  /** Lower is more decisive; ties keep file order. */
  priority: number;
  /** Where the rule came from, for messages. */
  file: string;
  title: Localized;
  summary: Localized;
  when: Condition;
  /** Each item is shown only when its condition is definitely true. */
  evidence: Guarded<Localized>[];
  /** Each step is shown unless its condition is definitely false. */
  steps: Guarded<string>[];
  /** The first route whose condition is definitely true gives earliestSigning. */
  earliestSigning: Guarded<Route>[];
  grounds: Grounds;
}

export interface StepDef {
  id: string;
  title: Localized;
  detail?: Localized;
  asset?: string;
  /** Steps.yaml `alternativeGroup`: steps sharing it are alternatives (exactly one applies). */
  alternativeGroup?: string;
  grounds: Grounds;
}

export interface FlowNodeDef {
  id: string;
  kind: 'start' | 'check' | 'question' | 'diagnosis';
  label: Localized;
  explain: Localized;
  fact?: FactName;
}

export interface FlowEdgeDef {
  from: string;
  to: string;
  label?: Localized;
  /** The walk follows the first edge (in file order) whose condition is true; no condition = always. */
  when?: Condition;
}

export interface RuleSet {
  dir: string;
  /** In evaluation order: a rule comes after every rule its condition depends on. */
  diagnoses: DiagnosisRule[];
  byId: ReadonlyMap<string, DiagnosisRule>;
  steps: ReadonlyMap<string, StepDef>;
  /** Askable questions, in priority order (questions.yaml order). Event questions carry `id`, `facts` and options with `sets`. */
  questions: Question[];
  /**
   * Questions the card check answers better (questions.yaml `askAfter`), by
   * question id (= the fact for one-fact questions): asked only once these
   * facts are known, or when nothing else is left to ask.
   */
  askAfter?: ReadonlyMap<string, readonly FactName[]>;
  /** questions.yaml `textWhen`, by question id: the first variant whose condition is true replaces the text (placeholders filled in). */
  questionTexts?: ReadonlyMap<string, readonly Guarded<Localized>[]>;
  /** questions.yaml `plausibleDays`, by question id: dates outside [now+from, now+to] days are not tried when judging whether to ask. */
  plausibleDays?: ReadonlyMap<string, { from: number; to: number }>;
  /** questions.yaml `endConversationOn`: with one of these diagnoses first, nothing is asked (what must be done first cannot change). */
  endConversationOn?: ReadonlySet<string>;
  flow: { nodes: FlowNodeDef[]; edges: FlowEdgeDef[] };
  timing: Timing;
  /** The source catalogue (rules/sources.yaml), by id. */
  sources: ReadonlyMap<string, SourceRef>;
}
