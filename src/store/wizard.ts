import { create } from 'zustand';
import { signatureTestFacts } from '../../src-main/card/signTestFacts';
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
import { cardUnreadReason } from '../lib/cardUnread';

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
  /**
   * The error-code start found no card to read (no service, reader or card): the wizard
   * asks instead, and that empty reading is not given to the engine as a fact about the
   * failure the person saw. Cleared by an explicit card check and by a card being read.
   */
  cardNotAtHand: boolean;
  /** The card screen shows a check made because an error code was picked, before any question. */
  cardCheckedForCode: boolean;
  result: DiagnosisResult | null;
  flow: FlowGraph | null;
  notice: ReaderNotice | null;
  busy: boolean;
  error: Localized | null;
  staffMode: boolean;
  /** Whose card this intake is about (typed by office staff); kept for the whole intake, never persisted. */
  clientName: string;
  /** The card this intake is bound to (CardSnapshot.cardId, opaque). Another card means another client. */
  intakeCardId: string | null;
  /** What a successful signing-password check established (signPinVerified, signPinTriesBeforeVerify). */
  pinFacts: Facts;
  /** A different card was read while this intake holds data: kept aside until staff decide. */
  pendingSwap: { snapshot: CardSnapshot; facts: Facts } | null;
  /** CSS selector of what should take focus after the last action (see App). */
  focusTarget: string | null;
  /** Bumped with every focus request, so the same target can be focused again. */
  focusSeq: number;

  goto(step: Step): void;
  setLang(lang: Lang): Promise<void>;
  chooseErrorCode(code: string | null): Promise<void>;
  checkCard(): Promise<void>;
  /** `reader`: read that reader only (after an event about it); otherwise the core picks. */
  probe(reader?: string): Promise<void>;
  answer(patch: Facts): Promise<void>;
  /** "I don't know": one fact, or every fact of a question that settles several (kind 'event'). */
  skip(fact: FactName | readonly FactName[]): Promise<void>;
  reopen(fact: FactName | readonly FactName[]): void;
  diagnose(): Promise<void>;
  loadFlow(): Promise<void>;
  applyPinResult(result: PinAttemptResult): Promise<void>;
  handleReaderEvent(event: ReaderEvent): Promise<void>;
  dismissNotice(): void;
  setStaffMode(on: boolean): void;
  setClientName(name: string): void;
  /** Forgets everything about the current client and card (language and staff mode stay). */
  newIntake(): void;
  /** The prompt after another card: start a new intake with it, or keep the current one. */
  acceptSwap(): Promise<void>;
  rejectSwap(): void;
  focus(target: string): void;
}

/** Heading each screen opens with; focus goes there when the screen changes. */
export const STEP_HEADINGS: Record<Step, string> = {
  start: '#start-h',
  card: '#card-h',
  questions: '#q-text|#q-h',
  result: '#r-h',
  flow: '#f-h',
  pin: '#p-h',
  report: '#rep-first',
};

/** Whether the intake holds anything about the client that must not pass to another card. */
export function intakeHasData(s: Pick<WizardState, 'answers' | 'skipped' | 'clientName' | 'pinFacts' | 'errorCode'>): boolean {
  return Object.keys(s.answers).length > 0 || s.skipped.length > 0 || s.clientName.trim() !== '' || Object.keys(s.pinFacts).length > 0 || s.errorCode !== undefined;
}

/** The facts sent to the engine: probe, then answers, then context. Answers never overwrite card facts they do not name. */
export function currentFacts(s: Pick<WizardState, 'probeFacts' | 'answers' | 'errorCode' | 'platform'> & { pinFacts?: Facts }): Facts {
  // Whole seconds: nothing here depends on less, and the engine compares moments at second precision.
  const facts: Facts = { ...s.probeFacts, ...s.pinFacts, ...s.answers, now: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString() };
  if (s.platform) facts.platform = s.platform;
  if (s.errorCode !== undefined) facts.errorCode = s.errorCode;
  return facts;
}

/** The facts sent to the engine: currentFacts, without the empty reading of a card not at hand (see cardNotAtHand). */
export function engineFacts(s: Pick<WizardState, 'probeFacts' | 'answers' | 'errorCode' | 'platform' | 'cardNotAtHand' | 'probed'> & { pinFacts?: Facts }): Facts {
  const asking = s.cardNotAtHand && cardUnreadReason(s.probeFacts, s.probed) !== null;
  return currentFacts(asking ? { ...s, probeFacts: {} } : s);
}

/** Every fact a question settles: its own, or all of a kind 'event' question's. */
export function questionFacts(q: Question): FactName[] {
  return q.facts && q.facts.length > 0 ? q.facts : [q.fact];
}

/** The question to show now, or null when none is left (declined questions are never offered again by the engine). */
export function pendingQuestion(s: Pick<WizardState, 'result' | 'skipped'>) {
  const q = s.result?.nextQuestion ?? null;
  if (!q || questionFacts(q).some((f) => s.skipped.includes(f))) return null;
  return q;
}

function toLocalized(error: unknown): Localized {
  if (error && typeof error === 'object' && 'localized' in error) {
    const l = (error as { localized: Localized }).localized;
    if (l && typeof l.ja === 'string') return l;
  }
  return { ja: '処理できませんでした。もう一度お試しください。', en: 'Something could not be done. Please try again.' };
}

/**
 * Everything that belongs to one client's intake, empty. The start state and 「新しい受付」 both
 * use it, so nothing said or read for one client can carry over to the next.
 * (Machine state — readers, platform, language, office mode, the flowchart — is kept.)
 */
function emptyIntake(): Pick<WizardState, IntakeField> {
  return {
    errorCode: undefined,
    probeFacts: {},
    answers: {},
    skipped: [],
    questions: {},
    snapshot: null,
    signCert: null,
    probed: false,
    cardNotAtHand: false,
    cardCheckedForCode: false,
    result: null,
    notice: null,
    error: null,
    clientName: '',
    intakeCardId: null,
    pinFacts: {},
    pendingSwap: null,
  };
}

type IntakeField =
  | 'errorCode' | 'probeFacts' | 'answers' | 'skipped' | 'questions' | 'snapshot' | 'signCert' | 'probed' | 'cardNotAtHand'
  | 'cardCheckedForCode' | 'result' | 'notice' | 'error' | 'clientName' | 'intakeCardId' | 'pinFacts' | 'pendingSwap';

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

  /** After an answer: ask the next question, or show the result (staff: the intake sheet) when nothing is left to ask. */
  function advanceFromQuestions(): void {
    const s = get();
    if (s.step === 'questions' || s.step === 'start' || s.step === 'card') {
      const next: Step = pendingQuestion(s) ? 'questions' : s.staffMode ? 'report' : 'result';
      set({ step: next });
      get().focus(STEP_HEADINGS[next]);
    }
  }

  /** Takes a probe's reading as the card of this intake. */
  function applySnapshot(snapshot: CardSnapshot, facts: Facts): void {
    set((s) => ({
      snapshot,
      readers: snapshot.readers,
      probeFacts: facts,
      probed: true,
      signCert: null,
      intakeCardId: snapshot.cardId ?? s.intakeCardId,
    }));
  }

  return {
    step: 'start',
    lang: 'ja',
    ...emptyIntake(),
    readers: [],
    flow: null,
    busy: false,
    staffMode: false,
    focusTarget: null,
    focusSeq: 0,

    goto(step) {
      set({ step, error: null });
      get().focus(STEP_HEADINGS[step]);
      if (step === 'flow') void get().loadFlow();
    },

    focus(target) {
      set((s) => ({ focusTarget: target, focusSeq: s.focusSeq + 1 }));
    },

    async setLang(lang) {
      set({ lang });
      if (get().result) await get().diagnose();
    },

    async chooseErrorCode(code) {
      set({ errorCode: code });
      // Card check first (no PIN, no try spent): what the card says answers or makes moot
      // most questions. A card found is shown before anything is asked; without one the
      // questions say why they are asked (CardUnreadNote).
      set({ cardNotAtHand: false });
      await get().probe();
      if (get().pendingSwap || !get().result) return;
      if (cardUnreadReason(get().probeFacts, get().probed) !== null) {
        set({ cardNotAtHand: true });
        await get().diagnose();
      }
      const next: Step = get().probeFacts.cardPresent === true ? 'card' : pendingQuestion(get()) ? 'questions' : 'result';
      set({ step: next, cardCheckedForCode: next === 'card' });
      get().focus(STEP_HEADINGS[next]);
    },

    async checkCard() {
      // Asked for by the person: what the reader shows now is a fact again, even "no card".
      set({ step: 'card', cardNotAtHand: false, cardCheckedForCode: false });
      await get().probe();
    },

    async probe(reader) {
      await run(async () => {
        await ensurePlatform();
        const { snapshot, facts } = await getApi().probe(reader ? { reader } : undefined);
        const s = get();
        // Another client's card: nothing of this intake may reach it. Staff decide first.
        if (snapshot.cardId && s.intakeCardId && snapshot.cardId !== s.intakeCardId && intakeHasData(s)) {
          set({ pendingSwap: { snapshot, facts } });
          get().focus('#swap-h');
          return;
        }
        if (snapshot.cardId && s.intakeCardId && snapshot.cardId !== s.intakeCardId) {
          // A different card before anything was recorded: just start over with it.
          get().newIntake();
        }
        applySnapshot(snapshot, facts);
      });
      if (get().pendingSwap) return;
      // After a read (or a failed one) the card screen's heading takes focus: the button pressed was disabled while reading.
      if (get().step === 'card') get().focus('#card-h');
      await get().diagnose();
    },

    async answer(patch) {
      const names = Object.keys(patch) as FactName[];
      // (an answer to a kind 'event' question is the patch of all the facts it settles)
      set((s) => ({ answers: { ...s.answers, ...patch }, skipped: s.skipped.filter((f) => !names.includes(f)) }));
      await get().diagnose();
      advanceFromQuestions();
    },

    async skip(fact) {
      const facts: FactName[] = typeof fact === 'string' ? [fact] : [...fact];
      set((s) => {
        const answers = { ...s.answers };
        for (const f of facts) delete answers[f];
        return { answers, skipped: [...s.skipped, ...facts.filter((f) => !s.skipped.includes(f))] };
      });
      await get().diagnose();
      advanceFromQuestions();
    },

    reopen(fact) {
      const facts: FactName[] = typeof fact === 'string' ? [fact] : [...fact];
      set((s) => {
        const answers = { ...s.answers };
        for (const f of facts) delete answers[f];
        return { answers, skipped: s.skipped.filter((f) => !facts.includes(f)), step: 'questions' };
      });
      void get().diagnose();
    },

    async diagnose() {
      await run(async () => {
        await ensurePlatform();
        const s = get();
        const result = await getApi().diagnose(engineFacts(s), s.lang, { declined: s.skipped });
        const q = result.nextQuestion;
        // Kept under every fact it settles, so its own labels can name any of those answers later.
        const asked = q ? Object.fromEntries(questionFacts(q).map((f) => [f, q])) : {};
        set((prev) => ({ result, questions: { ...prev.questions, ...asked } }));
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
        // The check the person asked for is a fact: the password is right, and how many tries were left before.
        const before = s.probeFacts.signPinTriesLeft;
        const pinFacts: Facts = result.ok
          ? { signPinVerified: true, ...(typeof before === 'number' ? { signPinTriesBeforeVerify: before } : {}), ...signatureTestFacts(result) }
          : s.pinFacts;
        if (typeof result.triesLeft === 'number') probeFacts.signPinTriesLeft = result.triesLeft;
        // Sent but unanswered: the count on screen may be wrong, so nothing more is sent until the card is read again.
        if (result.error?.code === 'pin-outcome-unknown') delete probeFacts.signPinTriesLeft;
        if (result.ok && result.signCert) {
          probeFacts.signCert = 'present';
          probeFacts.signCertNotBefore = result.signCert.notBefore;
          probeFacts.signCertNotAfter = result.signCert.notAfter;
        }
        return { probeFacts, pinFacts, signCert: result.ok && result.signCert ? result.signCert : s.signCert };
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
      const step: Step = on ? (get().probed ? get().step : 'report') : get().step === 'report' ? (get().result && get().probed ? 'result' : 'start') : get().step;
      set({ staffMode: on, step });
      get().focus(STEP_HEADINGS[step]);
    },

    setClientName(name) {
      set({ clientName: name });
    },

    newIntake() {
      set((s) => ({
        step: s.staffMode ? 'report' : 'start',
        ...emptyIntake(),
      }));
      get().focus(STEP_HEADINGS[get().step]);
    },

    async acceptSwap() {
      const pending = get().pendingSwap;
      if (!pending) return;
      get().newIntake();
      applySnapshot(pending.snapshot, pending.facts);
      // Office: the new client's name comes first (the card is already read); otherwise the card as read.
      const staff = get().staffMode;
      set({ step: staff ? 'report' : 'card' });
      await get().diagnose();
      get().focus(staff ? '#client' : '#card-h');
    },

    rejectSwap() {
      // Keep this intake; the other card's reading is dropped and this card's facts are unknown until it is back.
      set((s) => ({
        pendingSwap: null,
        probeFacts: { ...keepContext(s.probeFacts), cardPresent: false },
        snapshot: s.snapshot ? { ...s.snapshot, signCert: undefined, authCert: undefined } : null,
        notice: { messageKey: 'intake.putBack', tone: 'info', factsPatch: {}, reprobe: false },
      }));
      void get().diagnose();
      get().focus('#main');
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
