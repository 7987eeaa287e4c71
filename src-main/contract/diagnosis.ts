import type { Localized } from './localized';
import type { FactName, Facts } from './facts';

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
  /**
   * kind 'event' only: the facts choosing this option settles (null = "never",
   * false = no). Merge them into the facts as they are.
   */
  sets?: Partial<Facts>;
  /**
   * kind 'event' only: choosing this option also needs a date from the person,
   * which goes into this (date) fact. The answer is incomplete without it.
   */
  dateFact?: FactName;
}

/**
 * The next thing to ask: a missing fact whose answer would change the result.
 *
 * kind 'event' (one question for several related facts, e.g. "since the
 * certificate was issued, did you report a move, a move abroad, a name change,
 * or none?"): the person picks one option; the answer is that option's `sets`
 * plus, when it has a `dateFact`, `{ [dateFact]: the date they give }`
 * (eventAnswerFacts does exactly this). Declining it ("わからない") declines
 * every fact in `facts`. See /work/team/CONTRACT-9.md and rules/README.md.
 */
export interface Question {
  /**
   * Stable id, always set by the engine: the fact's name for a one-fact
   * question, the question's own id (e.g. 'lifeEvents') for kind 'event'.
   * `diagnose --declined` accepts it.
   */
  id?: string;
  /** The fact asked. For kind 'event': the first of `facts` (so readers that know only one-fact questions still see a valid name). */
  fact: FactName;
  kind: 'boolean' | 'date' | 'date-or-never' | 'choice' | 'event';
  text: Localized;
  help?: Localized;
  options?: QuestionOption[];
  /** kind 'event' only: every fact an answer to it can settle, in a stable order. */
  facts?: FactName[];
  /** kind 'event' only: label for the date input shown for an option with `dateFact`. */
  dateLabel?: Localized;
}

/**
 * The facts an answer to a kind 'event' question adds: the option's `sets`,
 * plus `{ [dateFact]: date }` when the option has a `dateFact`. Returns null
 * when the option is unknown or its date is missing (an incomplete answer).
 */
export function eventAnswerFacts(question: Question, value: QuestionOption['value'], date?: string): Partial<Facts> | null {
  const option = question.options?.find((o) => o.value === value);
  if (!option) return null;
  if (option.dateFact === undefined) return { ...option.sets };
  if (date === undefined || date.trim() === '') return null;
  return { ...option.sets, [option.dateFact]: date };
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
