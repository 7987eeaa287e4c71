import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src-main/engine';
import { NOW, healthyAnswered as a, healthyProbe as p, rules } from './scenario';

const next = (facts: Parameters<typeof diagnose>[0]) => diagnose(facts, rules).nextQuestion?.fact ?? null;

describe('nextQuestion', () => {
  it('asks for the error code first when nothing is known', () => {
    const q = diagnose({ now: NOW }, rules).nextQuestion!;
    expect(q.fact).toBe('errorCode');
    expect(q.text.ja).toMatch(/エラーコード/);
    expect(q.options!.map((o) => o.value)).toContain('ICF4031');
  });

  it('asks whether the person moved when the card reads fine', () => {
    expect(next({ ...p, errorCode: null, abroad: false })).toBe('movedAt');
  });

  it('moves on to the next relevant question when one is declined ("I don\'t know")', () => {
    const facts = { ...p, errorCode: null, abroad: false };
    expect(next(facts)).toBe('movedAt');
    const after = diagnose(facts, rules, { declined: ['movedAt'] }).nextQuestion;
    expect(after).not.toBeNull();
    expect(after!.fact).not.toBe('movedAt');
    // Declining changes only what is asked, never what is diagnosed.
    expect(diagnose(facts, rules, { declined: ['movedAt'] }).diagnoses.map((d) => d.id)).toEqual(diagnose(facts, rules).diagnoses.map((d) => d.id));
  });

  it('does not ask what is already known', () => {
    expect(next({ ...p, errorCode: null, abroad: false, movedAt: null })).not.toBe('movedAt');
  });

  it('asks nothing when every answer is in', () => {
    expect(next({ ...a, overseasContinuation: false })).toBeNull();
  });

  it('does not ask about the Mac keychain on Windows', () => {
    const { macKeychainPrompt: _omit, ...facts } = a;
    expect(next(facts)).toBeNull();
    expect(next({ ...facts, platform: 'darwin' })).toBe('macKeychainPrompt');
  });

  it('does not ask about moving when the card has no signing certificate', () => {
    const { movedAt: _m, nameChangedAt: _n, ...facts } = a;
    expect(next({ ...facts, signCert: 'absent' })).toBeNull();
    expect(next(facts)).toBe('movedAt');
  });

  it('asks about continued use abroad only for someone abroad', () => {
    expect(next({ ...a, abroad: true })).toBe('overseasContinuation');
    expect(next({ ...a, abroad: false })).toBeNull();
  });

  it('asks whether they renewed after the move when that would clear the revocation', () => {
    const { certRenewedAt: _r, ...facts } = a;
    expect(next({ ...facts, movedAt: '2025-06-01' })).toBe('certRenewedAt');
    // Still worth asking without a move: a renewal in the last 24 hours would change the result too.
    expect(next({ ...facts, movedAt: null })).toBe('certRenewedAt');
    expect(next({ ...facts, movedAt: null, certRenewedAt: '2025-01-01' })).toBeNull();
  });

  it('asks for the planned signing date only when it could matter', () => {
    const { plannedSigningDate: _d, ...facts } = a;
    expect(next(facts)).toBe('plannedSigningDate');
    // An expired certificate needs the counter whatever the date: only the card's own date still matters.
    expect(askedInTurn({ ...facts, authCertNotAfter: '2025-01-01' })).toEqual(['cardExpiresAt']);
  });
});

/** Every question asked in turn when the person answers "I don't know" to each. */
function askedInTurn(facts: Parameters<typeof diagnose>[0]): string[] {
  const declined: NonNullable<Parameters<typeof diagnose>[2]>['declined'] & string[] = [];
  for (;;) {
    const q = diagnose(facts, rules, { declined }).nextQuestion;
    if (!q) return declined;
    declined.push(q.fact);
  }
}

describe('nextQuestion asks only what could change what the person must do', () => {
  const expired = { ...p, errorCode: 'ICF4032', authCertNotAfter: '2025-12-01' };
  const cases: { name: string; facts: Parameters<typeof diagnose>[0]; asks: string[]; never: string[] }[] = [
    {
      // The counter is needed anyway: a move, a name change or a wrong PIN would not change that.
      name: 'expired certificate + ICF4032',
      facts: expired,
      asks: ['abroad'],
      never: ['movedAt', 'nameChangedAt', 'certRenewedAt', 'enteredPinKind', 'plannedSigningDate', 'faceAuthCard'],
    },
    {
      name: 'near miss: certificate valid + ICF4032 (a move would explain it)',
      facts: { ...p, errorCode: 'ICF4032' },
      asks: ['movedAt', 'nameChangedAt', 'certRenewedAt'],
      never: ['faceAuthCard'],
    },
    {
      // The card check says directly whether a signing certificate is there; asking waits for it.
      name: 'ICF4031, card not checked: face-auth comes last',
      facts: { now: NOW, errorCode: 'ICF4031' },
      asks: ['enteredPinKind', 'faceAuthCard'],
      never: ['overseasContinuation', 'plannedSigningDate'],
    },
    {
      name: 'near miss: ICF4031 on a checked card: face-auth is never asked',
      facts: { ...p, errorCode: 'ICF4031', signPinTriesLeft: 3 },
      asks: ['movedAt', 'enteredPinKind'],
      never: ['faceAuthCard'],
    },
    {
      // Face-auth still matters here: it decides whether "switch to a card with PINs" is a step.
      name: 'no signing certificate: nothing about the password or moving',
      facts: { ...p, signCert: 'absent', errorCode: 'ICF4031' },
      asks: ['faceAuthCard'],
      never: ['enteredPinKind', 'movedAt', 'nameChangedAt', 'certRenewedAt'],
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const asked = askedInTurn(c.facts);
    for (const f of c.asks) expect(asked, `should ask ${f}`).toContain(f);
    for (const f of c.never) expect(asked, `should not ask ${f}`).not.toContain(f);
  });

  it('with no card check yet, the face-auth question is not the first one for ICF4031', () => {
    expect(next({ now: NOW, errorCode: 'ICF4031' })).not.toBe('faceAuthCard');
    const asked = askedInTurn({ now: NOW, errorCode: 'ICF4031' });
    expect(asked[asked.length - 1]).toBe('faceAuthCard');
  });

  it('"do you live abroad?" is asked because it opens the continued-use question, and only after the direct ones', () => {
    const asked = askedInTurn({ ...p, errorCode: 'ICF4031', signPinTriesLeft: 3 });
    expect(asked[asked.length - 1]).toBe('abroad');
    // With continued use abroad the signing certificate still lapses on leaving, so "abroad?" matters directly then.
    expect(next({ ...a, abroad: undefined, overseasContinuation: true })).toBe('abroad');
  });
});

describe('question order', () => {
  it('asks a healthy card\'s holder in questions.yaml order, error code first, each question once', () => {
    const asked = askedInTurn(p);
    expect(asked.slice(0, 2)).toEqual(['errorCode', 'movedAt']);
    expect(new Set(asked).size).toBe(asked.length);
    const yamlOrder = rules.questions.map((q) => q.fact).filter((f) => asked.includes(f));
    // Only "abroad" may come late: it is asked for the question it opens, after the direct ones.
    expect(asked.filter((f) => f !== 'abroad')).toEqual(yamlOrder.filter((f) => f !== 'abroad'));
    expect(asked.indexOf('movedAt')).toBeLessThan(asked.indexOf('nameChangedAt'));
    expect(asked.indexOf('nameChangedAt')).toBeLessThan(asked.indexOf('certRenewedAt'));
  });

  it('defers questions the card check answers until after the others when there is no card check', () => {
    const asked = askedInTurn({ now: NOW, errorCode: 'ICF4031' });
    const deferred = rules.questions.filter((q) => (rules.askAfter?.get(q.fact) ?? []).length > 0).map((q) => q.fact);
    const firstDeferred = Math.min(...deferred.map((f) => asked.indexOf(f)).filter((i) => i >= 0));
    expect(Number.isFinite(firstDeferred)).toBe(true);
    for (const f of asked.slice(firstDeferred)) expect(deferred, `${f} comes after a deferred question`).toContain(f);
  });
});
