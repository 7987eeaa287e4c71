import type {
  CardSnapshot,
  DiagnosisResult,
  FactName,
  Facts,
  FlowGraph,
  Lang,
  PinAttemptResult,
  ReaderEvent,
  ReaderInfo,
} from '../contract';
import { diagnose, flowGraph, loadRules } from '../engine';
import type { RuleSet } from '../engine';
import * as card from '../card';
import { currentPlatform } from './platform';
import { withCardDeadline, type CardDeadlineOptions } from './cardDeadline';
import { DiagnoseRequest, ProbeRequest, VerifyPinRequest, parseRequest } from './requests';

/** The card operations the core needs; the real ones talk PC/SC, tests may pass others. */
export interface CardAccess {
  listReaders(): Promise<{ pcscService: 'ok' | 'unavailable'; readers: ReaderInfo[] }>;
  probeCard(options?: { reader?: string; now?: Date }): Promise<CardSnapshot>;
  snapshotToFacts(snapshot: CardSnapshot): Facts;
  verifySigningPin(options: {
    pin: string;
    reader?: string;
    allowLowTries?: boolean;
    expectedTriesLeft?: number;
    /** Test signature after a correct PIN (default true). */
    signatureTest?: boolean;
    /** Called once the VERIFY has gone out (from then on a try may be spent). */
    onVerifySent?: () => void;
  }): Promise<PinAttemptResult>;
  watchReaders(listener: (event: ReaderEvent) => void): () => void;
}

/**
 * The shell-independent half of the bridge API: Electron's IPC handlers and the
 * localhost web server both delegate here, so the two shells cannot drift apart.
 * Every method takes unvalidated input and validates it.
 */
export interface DoctorCore {
  platform(): 'win32' | 'darwin' | 'linux';
  diagnose(input: unknown): DiagnosisResult;
  flowchart(): FlowGraph;
  listReaders(): Promise<{ pcscService: 'ok' | 'unavailable'; readers: ReaderInfo[] }>;
  probe(input: unknown): Promise<{ snapshot: CardSnapshot; facts: Facts }>;
  verifySigningPin(input: unknown): Promise<PinAttemptResult>;
  watchReaders(listener: (event: ReaderEvent) => void): () => void;
}

export interface DoctorCoreOptions {
  rulesDir?: string;
  cardAccess?: CardAccess;
  /** Overall bound on each card call (service/cardDeadline.ts); tests shorten it. */
  cardDeadlineMs?: number;
  /** Told when a card call outlives its deadline and when it returns (the shells log it). */
  onCardStuck?: CardDeadlineOptions['onStuck'];
  /** Injected clock, for deterministic tests. */
  now?: () => Date;
}

export function createDoctorCore(options: DoctorCoreOptions = {}): DoctorCore {
  // Loading fails loudly (file, rule and field named) at start-up, not on first use.
  const rules: RuleSet = loadRules(options.rulesDir);
  const graph = flowGraph(rules);
  // Every card call ends by its deadline, whatever the card or the PC/SC service does.
  const access: CardAccess = withCardDeadline(options.cardAccess ?? card, {
    ...(options.cardDeadlineMs !== undefined ? { deadlineMs: options.cardDeadlineMs } : {}),
    ...(options.onCardStuck ? { onStuck: options.onCardStuck } : {}),
  });
  const now = options.now ?? (() => new Date());

  return {
    platform: currentPlatform,
    diagnose(input) {
      const { facts, declined } = parseRequest(DiagnoseRequest, input);
      const withContext: Facts = { platform: currentPlatform(), ...facts, now: facts.now ?? now().toISOString() };
      return diagnose(withContext, rules, { declined: declined as FactName[] | undefined });
    },
    flowchart: () => graph,
    listReaders: () => access.listReaders(),
    async probe(input) {
      const { reader } = parseRequest(ProbeRequest, input);
      const snapshot = await access.probeCard({ reader, now: now() });
      return { snapshot, facts: access.snapshotToFacts(snapshot) };
    },
    async verifySigningPin(input) {
      const request = parseRequest(VerifyPinRequest, input);
      try {
        return await access.verifySigningPin(request);
      } finally {
        // Strings cannot be wiped in JS; drop our reference so it is not kept alive here.
        request.pin = '';
      }
    },
    watchReaders: (listener) => access.watchReaders(listener),
  };
}

export type { Lang };
