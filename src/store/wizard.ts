import { create } from 'zustand';
import type {
  CardSnapshot,
  CertificateInfo,
  DiagnosisResult,
  FactName,
  Facts,
  FlowGraph,
  Lang,
  Localized,
  PinAttemptResult,
  Question,
  ReaderEvent,
  ReaderInfo,
} from '../../src-main/contract';
import { getApi } from '../bridge';
import { eventConcernsReadReader, noticeForReaderEvent, readersAfterEvent, withoutProbeFacts, type ReaderNotice } from '../lib/readerNotice';

export type Step = 'start' | 'card' | 'questions' | 'result' | 'flow' | 'pin' | 'report';

export interface WizardState {
  step: Step;
  lang: Lang;
  /** undefined: not chosen yet; null: the person saw no code. */
  errorCode: string | null | undefined;
  platform?: Facts['platform'];
  probeFacts: Facts;
  answers: Facts;
  /** Questions answered "I don't know": not asked again. */
  skipped: FactName[];
  /** Every question the engine asked, by fact: its own option labels name the answers later. */
  questions: Partial<Record<FactName, Question>>;
  snapshot: CardSnapshot | null;
  /** All readers as last seen; events from readers other than the one read only update this list. */
  readers: ReaderInfo[];
  /** Read only after a correct signing password; kept in memory, never persisted or logged. */
  signCert: CertificateInfo | null;
  probed: boolean;
  result: DiagnosisResult | null;
  flow: FlowGraph | null;
  notice: ReaderNotice | null;
  busy: boolean;
  error: Localized | null;
  staffMode: boolean;

  goto(step: Step): void;
  setLang(lang: Lang): Promise<void>;
  chooseErrorCode(code: string | null): Promise<void>;
  checkCard(): Promise<void>;
  /** `reader`: read that reader only (after an event about it); otherwise the core picks. */
  probe(reader?: string): Promise<void>;
  answer(patch: Facts): Promise<void>;
  skip(fact: FactName): Promise<void>;
  reopen(fact: FactName): void;
  diagnose(): Promise<void>;
  loadFlow(): Promise<void>;
  applyPinResult(result: PinAttemptResult): Promise<void>;
  handleReaderEvent(event: ReaderEvent): Promise<void>;
  dismissNotice(): void;
  setStaffMode(on: boolean): void;
}

/** The facts sent to the engine: probe, then answers, then context. Answers never overwrite card facts they do not name. */
export function currentFacts(s: Pick<WizardState, 'probeFacts' | 'answers' | 'errorCode' | 'platform'>): Facts {
  const facts: Facts = { ...s.probeFacts, ...s.answers, now: new Date().toISOString() };
  if (s.platform) facts.platform = s.platform;
  if (s.errorCode !== undefined) facts.errorCode = s.errorCode;
  return facts;
}

/** The question to show now, or null when none is left (declined questions are never offered again by the engine). */
export function pendingQuestion(s: Pick<WizardState, 'result' | 'skipped'>) {
  const q = s.result?.nextQuestion ?? null;
  if (!q || s.skipped.includes(q.fact)) return null;
  return q;
}

function toLocalized(error: unknown): Localized {
  if (error && typeof error === 'object' && 'localized' in error) {
    const l = (error as { localized: Localized }).localized;
    if (l && typeof l.ja === 'string') return l;
  }
  return { ja: '処理できませんでした。もう一度お試しください。', en: 'Something could not be done. Please try again.' };
}

export const useWizard = create<WizardState>()((set, get) => {
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    set({ busy: true, error: null });
    try {
      return await work();
    } catch (error) {
      set({ error: toLocalized(error) });
      return undefined;
    } finally {
      set({ busy: false });
    }
  }

  async function ensurePlatform(): Promise<void> {
    if (get().platform) return;
    const platform = await getApi().platform();
    set({ platform });
  }

  /** After an answer: ask the next question, or show the result when nothing is left to ask. */
  function advanceFromQuestions(): void {
    const s = get();
    if (s.step === 'questions' || s.step === 'start' || s.step === 'card') {
      set({ step: pendingQuestion(s) ? 'questions' : 'result' });
    }
  }

  return {
    step: 'start',
    lang: 'ja',
    errorCode: undefined,
    probeFacts: {},
    answers: {},
    skipped: [],
    questions: {},
    snapshot: null,
    readers: [],
    signCert: null,
    probed: false,
    result: null,
    flow: null,
    notice: null,
    busy: false,
    error: null,
    staffMode: false,

    goto(step) {
      set({ step, error: null });
      if (step === 'flow') void get().loadFlow();
    },

    async setLang(lang) {
      set({ lang });
      if (get().result) await get().diagnose();
    },

    async chooseErrorCode(code) {
      set({ errorCode: code });
      await get().diagnose();
      if (get().result) set({ step: pendingQuestion(get()) ? 'questions' : 'result' });
    },

    async checkCard() {
      set({ step: 'card' });
      await get().probe();
    },

    async probe(reader) {
      await run(async () => {
        await ensurePlatform();
        const { snapshot, facts } = await getApi().probe(reader ? { reader } : undefined);
        set({ snapshot, readers: snapshot.readers, probeFacts: facts, probed: true, signCert: null });
      });
      await get().diagnose();
    },

    async answer(patch) {
      const names = Object.keys(patch) as FactName[];
      set((s) => ({ answers: { ...s.answers, ...patch }, skipped: s.skipped.filter((f) => !names.includes(f)) }));
      await get().diagnose();
      advanceFromQuestions();
    },

    async skip(fact) {
      set((s) => {
        const answers = { ...s.answers };
        delete answers[fact];
        return { answers, skipped: s.skipped.includes(fact) ? s.skipped : [...s.skipped, fact] };
      });
      await get().diagnose();
      advanceFromQuestions();
    },

    reopen(fact) {
      set((s) => {
        const answers = { ...s.answers };
        delete answers[fact];
        return { answers, skipped: s.skipped.filter((f) => f !== fact), step: 'questions' };
      });
      void get().diagnose();
    },

    async diagnose() {
      await run(async () => {
        await ensurePlatform();
        const s = get();
        const result = await getApi().diagnose(currentFacts(s), s.lang, { declined: s.skipped });
        const q = result.nextQuestion;
        set((prev) => ({ result, questions: q ? { ...prev.questions, [q.fact]: q } : prev.questions }));
      });
    },

    async loadFlow() {
      if (get().flow) return;
      await run(async () => {
        const flow = await getApi().flowchart();
        set({ flow });
      });
    },

    async applyPinResult(result) {
      set((s) => {
        const probeFacts: Facts = { ...s.probeFacts };
        if (typeof result.triesLeft === 'number') probeFacts.signPinTriesLeft = result.triesLeft;
        // Sent but unanswered: the count on screen may be wrong, so nothing more is sent until the card is read again.
        if (result.error?.code === 'pin-outcome-unknown') delete probeFacts.signPinTriesLeft;
        if (result.ok && result.signCert) {
          probeFacts.signCert = 'present';
          probeFacts.signCertNotBefore = result.signCert.notBefore;
          probeFacts.signCertNotAfter = result.signCert.notAfter;
        }
        return { probeFacts, signCert: result.ok && result.signCert ? result.signCert : s.signCert };
      });
      await get().diagnose();
    },

    async handleReaderEvent(event) {
      set((s) => ({ readers: readersAfterEvent(s.readers, event) }));
      // Before the first card check there is nothing on screen that a plug event changes.
      if (!get().probed && get().step !== 'card') return;
      const readReader = get().snapshot?.reader;
      // Another reader's card coming or going says nothing about the card being checked.
      if (!eventConcernsReadReader(event, readReader)) return;
      // The watcher also announces cards already in place when it starts: a card we
      // have just read, still known present, has not been inserted again.
      if (event.type === 'card-inserted' && event.reader === readReader && get().probeFacts.cardPresent === true) return;
      const notice = noticeForReaderEvent(event);
      // Answers stay; only what the card told us is replaced.
      set((s) => ({ notice, probeFacts: { ...s.probeFacts, ...notice.factsPatch } }));
      if (event.type === 'card-removed' || event.type === 'reader-detached') {
        set((s) => ({ probeFacts: { ...withoutProbeFacts(s.probeFacts), ...keepContext(s.probeFacts), ...notice.factsPatch } }));
      }
      if (notice.reprobe && get().probed) {
        await get().probe('reader' in event && event.type === 'card-inserted' ? event.reader : undefined);
      } else if (get().result) {
        await get().diagnose();
      }
    },

    dismissNotice() {
      set({ notice: null });
    },

    setStaffMode(on) {
      set({ staffMode: on, step: on ? 'report' : get().step === 'report' ? 'result' : get().step });
    },
  };
});

/** After a pull, the service and reader are still known; the card facts are not. */
function keepContext(facts: Facts): Facts {
  const kept: Facts = {};
  if (facts.pcscService) kept.pcscService = facts.pcscService;
  if (typeof facts.readerCount === 'number') kept.readerCount = facts.readerCount;
  return kept;
}
