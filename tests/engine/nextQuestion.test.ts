import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import { eventAnswerFacts, type Question } from '../../src-main/contract/diagnosis';
import { diagnose } from '../../src-main/engine';
import { NOW, healthyAnswered as a, healthyProbe as p, rules } from './scenario';

// The question policy (issue 9) on the real rules: a question is asked only if some
// answer to it changes the primary diagnosis, its steps or its earliest-signing date;
// the card's own facts are never asked; environment blockers end the conversation;
// questions.yaml order decides. Each rule: a case where it asks and a near miss where it does not.
// (Hand-made rule sets for the same policy: boundaries.test.ts.)

const next = (facts: Facts, declined: string[] = []) => diagnose(facts, rules, { declined }).nextQuestion;
const nextId = (facts: Facts, declined: string[] = []) => next(facts, declined)?.id ?? null;

/** Every question asked in turn when the person answers "I don't know" to each (by id, as the CLI can). */
function askedInTurn(facts: Facts): string[] {
  const declined: string[] = [];
  for (;;) {
    const q = next(facts, declined);
    if (!q) return declined;
    expect(declined, `${q.id} asked twice`).not.toContain(q.id);
    declined.push(q.id!);
  }
}

const lifeEvents = (): Question => {
  const q = next({ ...p, errorCode: 'ICF4031' })!;
  expect(q.id).toBe('lifeEvents');
  return q;
};

describe('the question policy', () => {
  it('asks for the error code first when nothing is known', () => {
    const q = next({ now: NOW })!;
    expect(q.id).toBe('errorCode');
    expect(q.fact).toBe('errorCode');
    expect(q.text.ja).toMatch(/エラーコード/);
    expect(q.options!.map((o) => o.value)).toContain('ICF4031');
  });

  it('primary diagnosis: a move would revoke the certificate, so a healthy card + ICF4032 is asked about life events', () => {
    expect(nextId({ ...p, errorCode: 'ICF4032' })).toBe('lifeEvents');
    // Near miss: an expired certificate already needs the counter; only a mid-move (move-in first) or abroad would change that.
    const expired = diagnose({ ...p, errorCode: 'ICF4032', authCertNotAfter: '2025-12-01', cardExpiresAt: '2030-01-01' }, rules);
    expect(expired.diagnoses[0]!.id).toBe('cert-expired');
    expect(next({ ...p, errorCode: 'ICF4032', authCertNotAfter: '2025-12-01', cardExpiresAt: '2030-01-01', abroad: false, moveOutFiledAt: null })?.id ?? null).toBe('cardSuspendedAt');
  });

  it('steps: "is it a face-auth card?" only decides a step, and is asked for a card without a signing certificate', () => {
    expect(askedInTurn({ ...p, signCert: 'absent', errorCode: 'ICF4031' })).toEqual(['faceAuthCard']);
    // Near miss: the card check found a signing certificate, so no face-auth card: never asked.
    expect(askedInTurn({ ...p, errorCode: 'ICF4031', signPinTriesLeft: 3 })).not.toContain('faceAuthCard');
  });

  it('warnings alone do not count: the planned date is asked only when it could make the certificate expire first', () => {
    // Valid for 2 more years: no plausible date (within a year) changes anything.
    expect(askedInTurn({ ...p, errorCode: null })).not.toContain('plannedSigningDate');
    // Near miss: valid for 4 more months, and nothing else fired: a date past it makes "renew first" the primary diagnosis.
    const ending = { ...a, authCertNotAfter: '2026-05-14T23:59:59+09:00' } as Facts;
    delete ending.plannedSigningDate;
    expect(nextId(ending)).toBe('plannedSigningDate');
  });

  it('warnings below the primary diagnosis do not count: after "4-digit PIN" the planned date and other card software are not asked', () => {
    const typed4 = { ...p, errorCode: 'ICF4031', abroad: false, moveOutFiledAt: null, movedAt: null, nameChangedAt: null, enteredPinKind: 'four-digit' } as Facts;
    expect(diagnose(typed4, rules).diagnoses[0]!.id).toBe('pin-kind-confusion');
    expect(nextId(typed4)).toBeNull();
    // Near miss: typed the password: software-setup is first, and other card software would replace it.
    expect(nextId({ ...typed4, enteredPinKind: 'alphanumeric' })).toBe('multipleCardLibraries');
  });

  it('the card answers "when did you renew?": never asked after a card check', () => {
    for (const facts of [{ ...p, errorCode: 'ICF4031' }, { ...p, errorCode: null }, { ...p, errorCode: 'ICF4032' }] as Facts[]) {
      expect(askedInTurn(facts)).not.toContain('certRenewedAt');
    }
    // Near miss: no card check (no reader): it is asked, after the questions the card cannot answer.
    expect(askedInTurn({ now: NOW, errorCode: 'ICF4031' })).toContain('certRenewedAt');
  });

  it('a certificate issued this morning is seen on the card: wait, with nothing asked about renewing', () => {
    const fresh = { ...p, errorCode: 'ICF4031', authCertNotBefore: '2026-01-14T09:00:00+09:00', authCertNotAfter: '2031-01-10T23:59:59+09:00' } as Facts;
    expect(diagnose(fresh, rules).diagnoses[0]!.id).toBe('wait-after-renewal');
    expect(askedInTurn(fresh)).toEqual(['lifeEvents']);
  });

  it.each([
    ['no reader', { now: NOW, platform: 'win32', errorCode: 'ICF4010', pcscService: 'ok', readerCount: 0 }, 'no-reader'],
    ['no card', { now: NOW, platform: 'win32', errorCode: 'ICF4013', pcscService: 'ok', readerCount: 1, cardPresent: false }, 'no-card'],
    ['service down', { now: NOW, platform: 'win32', errorCode: 'ICF4031', pcscService: 'unavailable' }, 'pcsc-service-down'],
    ['binding missing', { now: NOW, platform: 'win32', errorCode: 'ICF4031', pcscBinding: 'missing' }, 'pcsc-binding-missing'],
    ['card held by another program', { now: NOW, platform: 'win32', errorCode: 'ICF4031', pcscService: 'ok', readerCount: 1, cardPresent: true, cardInUse: true }, 'card-in-use'],
  ] as [string, Facts, string][])('environment blocker ends the conversation: %s', (_n, facts, id) => {
    const r = diagnose(facts, rules);
    expect(r.diagnoses[0]!.id).toBe(id);
    expect(r.nextQuestion).toBeNull();
  });

  it('near miss for the environment blockers: the same error code with the card read asks about life events', () => {
    expect(nextId({ ...p, errorCode: 'ICF4031' })).toBe('lifeEvents');
    // Without any card check at all the conversation goes on too (the wizard says why it asks).
    expect(nextId({ now: NOW, platform: 'win32', errorCode: 'ICF4031' })).toBe('lifeEvents');
  });

  it('declined questions are not asked again, and declining changes no diagnosis', () => {
    const facts = { ...p, errorCode: 'ICF4031' } as Facts;
    expect(nextId(facts)).toBe('lifeEvents');
    for (const declined of [['lifeEvents'], ['abroad', 'moveOutFiledAt', 'movedAt', 'nameChangedAt'], ['movedAt']]) {
      expect(nextId(facts, declined)).toBe('enteredPinKind');
      expect(diagnose(facts, rules, { declined }).diagnoses.map((d) => d.id)).toEqual(diagnose(facts, rules).diagnoses.map((d) => d.id));
    }
    // Near miss: declining an unrelated question leaves it first.
    expect(nextId(facts, ['plannedSigningDate'])).toBe('lifeEvents');
  });

  it('the same questions whatever the clock\'s milliseconds, or with no "now" at all (a real card check)', () => {
    const card = { ...p, errorCode: 'ICF4031' } as Facts;
    const order = askedInTurn(card);
    expect(askedInTurn({ ...card, now: '2026-01-14T01:00:00.537Z' })).toEqual(order);
    const { now: _n, ...noClock } = card;
    // At the current time (certificate dates far enough out that the test does not age).
    expect(askedInTurn({ ...noClock, authCertNotAfter: '2099-01-01T23:59:59+09:00' })).toEqual(order);
    expect(order).toEqual(['lifeEvents', 'enteredPinKind', 'multipleCardLibraries']);
  });

  it('asks nothing when every answer is in', () => {
    expect(nextId(a)).toBeNull();
    expect(nextId({ ...a, errorCode: 'ICF4031' })).toBeNull();
  });

  it('pin-kind confusion needs a failed signing with a code: with "no code shown" the 4-digit answer changes nothing', () => {
    const base = { ...a, errorCode: null } as Facts;
    expect(diagnose({ ...base, enteredPinKind: 'four-digit' }, rules).diagnoses.map((d) => d.id)).not.toContain('pin-kind-confusion');
    expect(diagnose({ ...base, errorCode: 'ICF4031', enteredPinKind: 'four-digit' }, rules).diagnoses[0]!.id).toBe('pin-kind-confusion');
  });

  it('the Mac keychain question only on a Mac', () => {
    const facts = { ...a, errorCode: 'ICF4031' } as Facts;
    delete facts.macKeychainPrompt;
    expect(nextId(facts)).toBeNull();
    expect(nextId({ ...facts, platform: 'darwin' })).toBe('signingTool');
    expect(nextId({ ...facts, platform: 'darwin', signingTool: 'pdf-plugin' })).toBe('macKeychainPrompt');
  });
});

describe('question order (questions.yaml), asserted as sequences', () => {
  it.each([
    ['healthy card, code not given', p, ['errorCode', 'lifeEvents', 'cardSuspendedAt', 'enteredPinKind', 'jpkiSoftware']],
    ['healthy card, no code shown', { ...p, errorCode: null }, ['lifeEvents', 'enteredPinKind', 'jpkiSoftware']],
    ['healthy card + ICF4031', { ...p, errorCode: 'ICF4031' }, ['lifeEvents', 'enteredPinKind', 'multipleCardLibraries']],
    ['healthy card + ICF4032', { ...p, errorCode: 'ICF4032' }, ['lifeEvents', 'cardSuspendedAt']],
    ['3 tries left + ICF4031', { ...p, errorCode: 'ICF4031', signPinTriesLeft: 3 }, ['lifeEvents', 'enteredPinKind']],
    ['Mac + ICF4031', { ...p, platform: 'darwin', errorCode: 'ICF4031' }, ['lifeEvents', 'signingTool', 'macKeychainPrompt', 'enteredPinKind']],
    ['expired certificates + ICF4032', { ...p, errorCode: 'ICF4032', authCertNotAfter: '2025-12-01' }, ['cardExpiresAt', 'lifeEvents', 'cardSuspendedAt']],
    // No card check: what the card would answer (renewal, card end date, face-auth) waits behind the rest.
    ['no card check + ICF4031', { now: NOW, errorCode: 'ICF4031' }, ['lifeEvents', 'macKeychainPrompt', 'enteredPinKind', 'cardExpiresAt', 'faceAuthCard', 'certRenewedAt']],
  ] as [string, Facts, string[]][])('%s', (_n, facts, order) => {
    expect(askedInTurn(facts)).toEqual(order);
  });
});

describe('the combined life-events question', () => {
  it('names the date the card shows: the signing certificate when read, else the card\'s certificates, else no date', () => {
    expect(lifeEvents().text.ja).toBe('カードの電子証明書が発行された2023年4月1日(土)より後に、次のどれかを市区町村に届け出ましたか？');
    expect(lifeEvents().text.en).toMatch(/^Since the certificates on this card were issued \(Sat 1 Apr 2023\)/);
    const read = next({ ...p, errorCode: 'ICF4032', signCertNotBefore: '2024-06-03T10:00:00+09:00', signCertNotAfter: '2029-06-01T23:59:59+09:00' })!;
    expect(read.text.ja).toMatch(/^署名用電子証明書が発行された2024年6月3日\(月\)より後に/);
    const none = next({ now: NOW, errorCode: 'ICF4031' })!;
    expect(none.id).toBe('lifeEvents');
    expect(none.text.ja).toBe('署名用電子証明書を受け取った後に、次のどれかを市区町村に届け出ましたか？');
  });

  it('lists its facts and a date input label; fact is the first of them', () => {
    const q = lifeEvents();
    expect(q.kind).toBe('event');
    expect(q.facts).toEqual(['abroad', 'moveOutFiledAt', 'movedAt', 'nameChangedAt']);
    expect(q.fact).toBe('abroad');
    expect(q.dateLabel).toEqual({ ja: '届け出た日', en: 'Date reported' });
    expect(q.options!.map((o) => o.value)).toEqual(['abroad', 'move-out-pending', 'moved', 'name-changed', 'none']);
  });

  it.each([
    ['abroad', undefined, { abroad: true }],
    ['move-out-pending', '2026-01-05', { abroad: false, moveOutFiledAt: '2026-01-05' }],
    ['moved', '2025-08-01', { abroad: false, moveOutFiledAt: null, movedAt: '2025-08-01' }],
    ['name-changed', '2025-03-10', { abroad: false, moveOutFiledAt: null, movedAt: null, nameChangedAt: '2025-03-10' }],
    ['none', undefined, { abroad: false, moveOutFiledAt: null, movedAt: null, nameChangedAt: null }],
  ] as const)('answer %s (date %s) -> facts', (value, date, facts) => {
    expect(eventAnswerFacts(lifeEvents(), value, date)).toEqual(facts);
  });

  it('an answer needing a date is incomplete without one; an unknown option is no answer', () => {
    expect(eventAnswerFacts(lifeEvents(), 'moved')).toBeNull();
    expect(eventAnswerFacts(lifeEvents(), 'moved', ' ')).toBeNull();
    expect(eventAnswerFacts(lifeEvents(), 'divorced', '2025-01-01')).toBeNull();
  });

  it.each([
    ['moved after the certificate', 'moved', '2025-08-01', 'cert-revoked-relocation'],
    ['moved before the certificate', 'moved', '2022-08-01', 'software-setup'],
    ['name changed after it', 'name-changed', '2025-03-10', 'cert-revoked-relocation'],
    ['move-out filed, move-in not yet', 'move-out-pending', '2026-01-05', 'moving-in-progress'],
    ['none', 'none', undefined, 'software-setup'],
  ] as const)('%s: each answer leads where the facts it sets lead', (_n, value, date, primary) => {
    const facts = { ...p, errorCode: 'ICF4031', enteredPinKind: 'alphanumeric', multipleCardLibraries: false, ...eventAnswerFacts(lifeEvents(), value, date) } as Facts;
    const r = diagnose(facts, rules);
    expect(r.diagnoses[0]!.id).toBe(primary);
    // Once answered it is never asked again.
    expect(r.nextQuestion?.id ?? null).not.toBe('lifeEvents');
  });

  it('abroad leads to the one question about arrangements made before leaving', () => {
    const abroad = { ...p, errorCode: 'ICF4032', ...eventAnswerFacts(lifeEvents(), 'abroad') } as Facts;
    const q = next(abroad)!;
    expect(q.id).toBe('overseasArrangements');
    expect(eventAnswerFacts(q, 'no-continuation')).toEqual({ overseasContinuation: false });
    expect(eventAnswerFacts(q, 'continuation-only')).toEqual({ overseasContinuation: true, overseasSigningCert: false });
    expect(eventAnswerFacts(q, 'continuation-and-cert')).toEqual({ overseasContinuation: true, overseasSigningCert: true });
    expect(diagnose({ ...abroad, ...eventAnswerFacts(q, 'no-continuation') }, rules).diagnoses[0]!.id).toBe('abroad-without-continuation');
    expect(diagnose({ ...abroad, ...eventAnswerFacts(q, 'continuation-only') }, rules).diagnoses[0]!.id).toBe('abroad-with-continuation');
    // Near miss: living in Japan, the arrangements question is never asked.
    expect(askedInTurn({ ...p, errorCode: 'ICF4032', abroad: false } as Facts)).not.toContain('overseasArrangements');
  });

  it('old-style facts (one of its facts known) still get it, without the options they rule out', () => {
    // movedAt: null is known, so "moved" is impossible; the others can still add something.
    expect(nextId({ ...p, errorCode: 'ICF4032', movedAt: null, nameChangedAt: null })).toBe('lifeEvents');
    // All four known: answered.
    expect(nextId({ ...p, errorCode: 'ICF4032', movedAt: null, nameChangedAt: null, abroad: false, moveOutFiledAt: null })).toBe('cardSuspendedAt');
  });
});
