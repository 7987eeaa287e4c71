import type { Localized } from './localized';
import type { FactName } from './facts';

export type Severity = 'blocker' | 'warning' | 'info';

/** One recovery step, shown as a checklist item. */
export interface RecoveryStep {
  id: string;
  title: Localized;
  detail?: Localized;
  /** File name under assets/ (an SVG drawn for this step), if a picture helps. */
  asset?: string;
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
