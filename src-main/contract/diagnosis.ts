import type { Localized } from './localized';
import type { FactName } from './facts';

export type Severity = 'blocker' | 'warning' | 'info';

/** A page a rule or step rests on (rules/sources.yaml), expanded for display. */
export interface SourceRef {
  id: string;
  /** https only; opened in the system browser, and only when the person clicks it. */
  url: string;
  title: string;
  publisher: string;
  /** The day the page was read (YYYY-MM-DD). */
  checked: string;
}

/**
 * What guidance rests on: 'sources' = the pages listed; 'practice' = (also)
 * practitioners' experience, which the text itself then says ("in practice…").
 */
export type Basis = 'sources' | 'practice';

/** One recovery step, shown as a checklist item. */
export interface RecoveryStep {
  id: string;
  title: Localized;
  detail?: Localized;
  /** File name under assets/ (an SVG drawn for this step), if a picture helps. */
  asset?: string;
  /**
   * Steps of one diagnosis sharing this name are alternatives, not a sequence: exactly
   * one of them applies (rules/steps.yaml `alternativeGroup`), shown as "one of these".
   */
  alternativeGroup?: string;
  /** Pages this step rests on (empty when basis is 'practice' only). Always set by the engine. */
  sources?: SourceRef[];
  basis?: Basis;
}

/** Diagnosis ids are a contract: the renderer, the report and outside checks depend on them. */
export interface Diagnosis {
  id: string;
  severity: Severity;
  title: Localized;
  /** The diagnosis in one sentence. */
  summary: Localized;
  /** Which facts made it fire, in words. */
  evidence: Localized[];
  steps: RecoveryStep[];
  /** Earliest realistic moment the person can sign if they follow the steps (ISO), when it can be estimated. */
  earliestSigning?: string;
  /** The same moment, always ISO 8601 with the Japan offset (+09:00), for tools. */
  earliestSigningAt?: string;
  /** The same moment for people: 「1月15日(木)10時ごろ」 / "Thu 15 Jan, around 10:00", or 「いますぐ」 / "now". */
  earliestSigningText?: Localized;
  /** Pages this diagnosis rests on (empty when basis is 'practice' only). Always set by the engine. */
  sources?: SourceRef[];
  basis?: Basis;
}

export interface QuestionOption {
  value: string | boolean | null;
  label: Localized;
}

/** The next thing to ask: a missing fact whose answer would change the result. */
export interface Question {
  fact: FactName;
  kind: 'boolean' | 'date' | 'date-or-never' | 'choice';
  text: Localized;
  help?: Localized;
  options?: QuestionOption[];
}

export interface DiagnosisResult {
  /** Most decisive first; diagnoses[0] is the primary diagnosis. */
  diagnoses: Diagnosis[];
  nextQuestion: Question | null;
  /** Ids of flowchart nodes on the person's path, in order. */
  path: string[];
  /** What was and was not checked, for the report and ready-to-sign. */
  checked: { fact: FactName; known: boolean }[];
}

/** The decision flowchart, drawn by the renderer; nodes also explain their branch. */
export interface FlowNode {
  id: string;
  kind: 'start' | 'check' | 'question' | 'diagnosis';
  label: Localized;
  explain: Localized;
}
export interface FlowEdge {
  from: string;
  to: string;
  label?: Localized;
}
export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}
