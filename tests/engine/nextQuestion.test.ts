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
    expect(next({ ...facts, authCertNotAfter: '2025-01-01' })).toBeNull();
  });
});
