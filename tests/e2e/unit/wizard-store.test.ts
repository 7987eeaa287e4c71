import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JpkiDoctorApi } from '../../../src-preload/api';
import type { Facts } from '../../../src-main/contract';
import { diagnose, flowGraph, loadRules } from '../../../src-main/engine';
import ja from '../../../src/i18n/ja.json';
import en from '../../../src/i18n/en.json';
import { cardUnreadReason } from '../../../src/lib/cardUnread';

// The store runs against the real engine; only the card is simulated, as the probe's facts.
const rules = loadRules();
const healthyCard: Facts = {
  pcscService: 'ok',
  readerCount: 1,
  cardPresent: true,
  cardReadable: true,
  jpkiApplet: true,
  token: 'mynumber',
  signCert: 'present',
  authCertNotBefore: '2024-06-15T00:00:00+09:00',
  authCertNotAfter: '2029-06-15T23:59:59+09:00',
  signPinTriesLeft: 5,
  authPinTriesLeft: 3,
};
let probeCount = 0;
let cardFacts: Facts = healthyCard;
/** The card in the simulated reader: its opaque identity, as the core computes it. */
let cardId: string | undefined = 'card-A';

const api: JpkiDoctorApi = {
  shell: 'web',
  platform: async () => 'linux',
  diagnose: async (facts, _lang, options) => diagnose(facts, rules, options),
  flowchart: async () => flowGraph(rules),
  listReaders: async () => ({ pcscService: 'ok', readers: [{ name: 'Virtual', cardPresent: true }] }),
  probe: async () => {
    probeCount++;
    return {
      snapshot: { takenAt: new Date().toISOString(), pcscService: 'ok', readers: [{ name: 'Virtual', cardPresent: true }, { name: 'Other', cardPresent: false }], reader: 'Virtual', apduCount: 0, ...(cardId ? { cardId } : {}) },
      facts: cardFacts,
    };
  },
  verifySigningPin: async () => ({ ok: false, sent: true, triesLeft: 4 }),
  onReaderEvent: () => () => undefined,
  saveReportPdf: async () => null,
};

type Store = typeof import('../../../src/store/wizard');
let store: Store;

beforeAll(async () => {
  (globalThis as unknown as { window: { jpkiDoctor: JpkiDoctorApi } }).window = { jpkiDoctor: api };
  store = await import('../../../src/store/wizard');
});

beforeEach(() => {
  cardFacts = healthyCard;
  cardId = 'card-A';
  probeCount = 0;
  store.useWizard.setState({
    step: 'start', errorCode: undefined, probeFacts: {}, answers: {}, skipped: [], questions: {}, readers: [], snapshot: null, signCert: null, probed: false, result: null, notice: null, error: null,
    staffMode: false, clientName: '', intakeCardId: null, pinFacts: {}, pendingSwap: null,
  });
});

describe('wizard store with the real engine', () => {
  it('an error code with a card in the reader: the card is checked (no PIN) and shown before any question', async () => {
    await store.useWizard.getState().chooseErrorCode('ICF4031');
    const s = store.useWizard.getState();
    expect(probeCount).toBe(1);
    expect(s.step).toBe('card');
    expect(s.probeFacts.signPinTriesLeft).toBe(5);
    expect(s.errorCode).toBe('ICF4031');
    expect(s.result?.diagnoses.length).toBeGreaterThan(0);
    expect(cardUnreadReason(s.probeFacts, s.probed)).toBeNull();
  });

  it('an error code with no card, or no reader: the check is tried, then the questions (or result) say why they ask', async () => {
    for (const [facts, reason] of [
      [{ pcscService: 'ok', readerCount: 1, cardPresent: false }, 'no-card'],
      [{ pcscService: 'ok', readerCount: 0 }, 'no-reader'],
      [{ pcscService: 'unavailable' }, 'no-service'],
    ] as const) {
      cardFacts = facts;
      cardId = undefined;
      probeCount = 0;
      store.useWizard.setState({ step: 'start', errorCode: undefined, probeFacts: {}, answers: {}, skipped: [], questions: {}, probed: false, result: null, intakeCardId: null });
      await store.useWizard.getState().chooseErrorCode('ICF4032');
      const s = store.useWizard.getState();
      expect(probeCount).toBe(1);
      expect(['questions', 'result'], reason).toContain(s.step);
      expect(cardUnreadReason(s.probeFacts, s.probed)).toBe(reason);
      expect(s.result?.diagnoses.length).toBeGreaterThan(0);
    }
  });

  it('sends "now" at whole seconds (milliseconds once made the engine think every answer mattered)', () => {
    const facts = store.currentFacts({ probeFacts: {}, answers: {}, errorCode: undefined, platform: undefined });
    expect(facts.now).toMatch(/T\d{2}:\d{2}:\d{2}\.000Z$/);
  });

  it('a card not at hand: its empty reading is kept for the screen but not sent; a read card is sent again', () => {
    const empty = { pcscService: 'ok' as const, readerCount: 1, cardPresent: false };
    const base = { answers: {}, errorCode: 'ICF4031', platform: undefined, probed: true };
    expect(store.engineFacts({ ...base, probeFacts: empty, cardNotAtHand: true }).cardPresent).toBeUndefined();
    expect(store.engineFacts({ ...base, probeFacts: empty, cardNotAtHand: false }).cardPresent).toBe(false);
    expect(store.engineFacts({ ...base, probeFacts: healthyCard, cardNotAtHand: true }).signPinTriesLeft).toBe(5);
  });

  it('a failed check (the core threw) is "not checked", never mistaken for a read card', () => {
    expect(cardUnreadReason({}, false)).toBe('not-checked');
    expect(cardUnreadReason({ pcscBinding: 'missing' }, true)).toBe('no-service');
    expect(cardUnreadReason({ pcscBinding: 'ok', pcscService: 'ok', readerCount: 1, cardPresent: true }, true)).toBeNull();
  });

  it('"I don\'t know" is never asked again and leads on to the result', async () => {
    await store.useWizard.getState().checkCard();
    const first = store.useWizard.getState().result?.nextQuestion;
    expect(first).toBeTruthy();
    await store.useWizard.getState().skip(first!.fact);
    const s = store.useWizard.getState();
    expect(s.skipped).toContain(first!.fact);
    expect(store.pendingQuestion(s)?.fact).not.toBe(first!.fact);
    expect(first!.fact in s.answers).toBe(false);
  });

  it('a pulled card clears card facts, keeps answers, and an inserted card is read again', async () => {
    const w = () => store.useWizard.getState();
    await w().checkCard();
    await w().answer({ movedAt: null, abroad: false });
    // App subscribes api.onReaderEvent to this handler.
    await w().handleReaderEvent({ type: 'card-removed', reader: 'Virtual' });
    expect(w().probeFacts.cardPresent).toBe(false);
    expect(w().probeFacts.signPinTriesLeft).toBeUndefined();
    expect(w().answers).toMatchObject({ movedAt: null, abroad: false });
    expect(w().notice?.messageKey).toBe('reader.cardRemoved');
    expect(w().result?.diagnoses[0].id).toBe('no-card');
    const before = probeCount;
    await w().handleReaderEvent({ type: 'card-inserted', reader: 'Virtual' });
    expect(probeCount).toBe(before + 1);
    expect(w().probeFacts.signPinTriesLeft).toBe(5);
    expect(w().answers).toMatchObject({ movedAt: null, abroad: false });
  });

  it('the watcher announcing the card just read (no removal in between) is not a new insertion', async () => {
    const w = () => store.useWizard.getState();
    await w().checkCard();
    const before = probeCount;
    await w().handleReaderEvent({ type: 'card-inserted', reader: 'Virtual' });
    expect(w().notice).toBeNull();
    expect(probeCount).toBe(before);
    expect(w().probeFacts.signPinTriesLeft).toBe(5);
  });

  it('events from another reader neither alarm nor clear the card facts; they only update the reader list', async () => {
    const w = () => store.useWizard.getState();
    await w().checkCard();
    const before = probeCount;
    await w().handleReaderEvent({ type: 'card-inserted', reader: 'Other' });
    await w().handleReaderEvent({ type: 'card-removed', reader: 'Other' });
    await w().handleReaderEvent({ type: 'reader-detached', reader: 'Other' });
    expect(w().notice).toBeNull();
    expect(probeCount).toBe(before);
    expect(w().probeFacts.signPinTriesLeft).toBe(5);
    expect(w().probeFacts.cardPresent).toBe(true);
    expect(w().readers).toEqual([{ name: 'Virtual', cardPresent: true }]);
  });

  it('remembers each question asked, so its own option labels can name the answer later', async () => {
    const w = () => store.useWizard.getState();
    await w().chooseErrorCode('ICF4032');
    const q = w().result?.nextQuestion;
    expect(q).toBeTruthy();
    expect(w().questions[q!.fact]).toEqual(q);
  });

  it('a PIN answer lost in transit makes the tries unknown until the card is read again', async () => {
    const w = () => store.useWizard.getState();
    await w().checkCard();
    await w().applyPinResult({ ok: false, sent: true, error: { code: 'pin-outcome-unknown', message: { ja: 'x', en: 'x' } } });
    expect(w().probeFacts.signPinTriesLeft).toBeUndefined();
    await w().applyPinResult({ ok: false, sent: false, triesLeft: 3, error: { code: 'tries-changed', message: { ja: 'x', en: 'x' } } });
    expect(w().probeFacts.signPinTriesLeft).toBe(3);
  });

  it('a wrong password result lowers the tries left the engine sees', async () => {
    const w = () => store.useWizard.getState();
    await w().checkCard();
    await w().applyPinResult({ ok: false, sent: true, triesLeft: 4 });
    expect(w().probeFacts.signPinTriesLeft).toBe(4);
  });
});

describe('translations', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
  it('Japanese and English have the same keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(ja).sort());
    for (const [lang, dict] of [['ja', ja], ['en', en]] as const) {
      const empty = keys(dict).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict) === '');
      expect(empty, lang).toEqual([]);
    }
  });
  it('every picture the rules name has alt text', () => {
    const named = new Set(JSON.stringify(rules).match(/[a-z0-9-]+\.svg/g) ?? []);
    for (const file of named) expect(ja.assets, file).toHaveProperty(file.replace(/\.svg$/, ''));
  });
});

describe('one intake per card', () => {
  const w = () => store.useWizard.getState();

  it('another card after answers is held back behind the prompt; starting anew carries nothing over', async () => {
    w().setStaffMode(true);
    w().setClientName('山田商事');
    await w().checkCard();
    await w().answer({ movedAt: null, nameChangedAt: null });
    await w().applyPinResult({ ok: true, sent: true, triesLeft: 5 });
    expect(w().pinFacts).toEqual({ signPinVerified: true, signPinTriesBeforeVerify: 5 });
    cardId = 'card-B';
    cardFacts = { ...healthyCard, signPinTriesLeft: 2 };
    await w().handleReaderEvent({ type: 'card-removed', reader: 'Virtual' });
    await w().handleReaderEvent({ type: 'card-inserted', reader: 'Virtual' });
    // Nothing of card B is mixed into the intake of card A while the prompt is open.
    expect(w().pendingSwap?.snapshot.cardId).toBe('card-B');
    expect(w().intakeCardId).toBe('card-A');
    expect(w().clientName).toBe('山田商事');
    await w().acceptSwap();
    expect(w().pendingSwap).toBeNull();
    expect(w().intakeCardId).toBe('card-B');
    expect(w().clientName).toBe('');
    expect(w().answers).toEqual({});
    expect(w().pinFacts).toEqual({});
    expect(w().probeFacts.signPinTriesLeft).toBe(2);
    expect(w().step).toBe('report');
    expect(w().result?.diagnoses.some((d) => d.id === 'sign-pin-verified')).toBe(false);
  });

  it('keeping the intake drops the other card\'s reading; the same card again needs no prompt', async () => {
    w().setClientName('佐藤');
    await w().checkCard();
    await w().answer({ movedAt: null });
    cardId = 'card-B';
    await w().probe();
    expect(w().pendingSwap).not.toBeNull();
    w().rejectSwap();
    expect(w().pendingSwap).toBeNull();
    expect(w().answers).toEqual({ movedAt: null });
    expect(w().clientName).toBe('佐藤');
    expect(w().probeFacts.signPinTriesLeft).toBeUndefined();
    cardId = 'card-A';
    await w().probe();
    expect(w().pendingSwap).toBeNull();
    expect(w().probeFacts.signPinTriesLeft).toBe(5);
    expect(w().answers).toEqual({ movedAt: null });
  });

  it('the same card read again keeps the password check; 新しい受付 forgets everything but the language and mode', async () => {
    w().setStaffMode(true);
    w().setClientName('鈴木');
    await w().checkCard();
    cardFacts = { ...healthyCard, signPinTriesLeft: 2 };
    await w().probe();
    await w().applyPinResult({ ok: true, sent: true, triesLeft: 5 });
    await w().probe();
    expect(w().pinFacts).toEqual({ signPinVerified: true, signPinTriesBeforeVerify: 2 });
    expect(w().result?.diagnoses[0].id).toBe('sign-pin-verified');
    w().newIntake();
    expect(w()).toMatchObject({ clientName: '', answers: {}, pinFacts: {}, probed: false, result: null, intakeCardId: null, staffMode: true, step: 'report' });
  });

  it('the client name survives leaving the intake sheet', async () => {
    w().setStaffMode(true);
    w().setClientName('高橋');
    w().goto('pin');
    w().goto('report');
    expect(w().clientName).toBe('高橋');
  });
});
