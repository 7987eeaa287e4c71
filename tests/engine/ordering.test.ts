import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src-main/engine';
import { NOW, healthyProbe as p, rules } from './scenario';

const ids = (facts: Parameters<typeof diagnose>[0]) => diagnose(facts, rules).diagnoses.map((d) => d.id);

describe('the most decisive diagnosis comes first', () => {
  it('PC/SC down beats everything else', () => {
    const got = ids({ now: NOW, pcscService: 'unavailable', errorCode: 'ICF4032', movedAt: '2025-01-01', faceAuthCard: true, abroad: true, overseasContinuation: false });
    expect(got[0]).toBe('pcsc-service-down');
    expect(got).toContain('no-signing-cert');
  });

  it('locked beats wrong PIN (which then does not fire at all)', () => {
    const got = ids({ ...p, errorCode: 'ICF4031', signPinTriesLeft: 0, enteredPinKind: 'unsure' });
    expect(got[0]).toBe('sign-pin-locked');
    expect(got).not.toContain('sign-pin-wrong');
  });

  it('expired beats revoked by a move: the counter is needed anyway, so the move is not repeated', () => {
    const got = ids({ ...p, authCertNotAfter: '2025-12-01', movedAt: '2024-01-01' });
    expect(got[0]).toBe('cert-expired');
    expect(got).not.toContain('cert-revoked-relocation');
  });

  it('a revoked certificate beats a locked password (the counter is needed anyway)', () => {
    expect(ids({ ...p, signPinTriesLeft: 0, movedAt: '2025-01-01' })[0]).toBe('cert-revoked-relocation');
  });

  it('typing the 4-digit PIN explains ICF4031 better than "wrong password"', () => {
    expect(ids({ ...p, errorCode: 'ICF4031', signPinTriesLeft: 4, enteredPinKind: 'four-digit' }).slice(0, 2)).toEqual(['pin-kind-confusion', 'sign-pin-wrong']);
  });

  it('a fresh renewal explains ICF4032', () => {
    const got = ids({ ...p, errorCode: 'ICF4032', certRenewedAt: '2026-01-14T08:00:00+09:00' });
    expect(got[0]).toBe('wait-after-renewal');
    expect(got).not.toContain('cert-revoked-or-expired');
  });

  it('no signing certificate beats password trouble', () => {
    expect(ids({ ...p, signCert: 'absent', errorCode: 'ICF4031', signPinTriesLeft: 2 })[0]).toBe('no-signing-cert');
  });

  it('ready-to-sign and card-check-needed never accompany a blocker', () => {
    expect(ids({ now: NOW, errorCode: 'ICF4032' })).not.toContain('card-check-needed');
    expect(ids({ ...p, signCert: 'absent' })).not.toContain('ready-to-sign');
  });

  it('an unknown code is never a dead end: it leads to the card check', () => {
    const r = diagnose({ now: NOW, errorCode: 'ICF9999' }, rules);
    expect(r.diagnoses.map((d) => d.id)).toEqual(['unknown-error-code', 'card-check-needed']);
    expect(r.diagnoses[0]!.steps[0]!.id).toBe('run-card-check');
  });
});
