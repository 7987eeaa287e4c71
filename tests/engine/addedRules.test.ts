import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import { diagnose } from '../../src-main/engine';
import { NOW, healthyAnswered, healthyProbe, rules } from './scenario';

// The diagnoses added beside the four core rule files (install, pin-check, signature,
// fallback): each fires on its case and stays quiet on a near miss.
const ids = (facts: Facts) => diagnose(facts, rules).diagnoses.map((d) => d.id);

const verifiedAfterLosses: Facts = {
  ...healthyProbe,
  errorCode: 'ICF4031',
  signPinVerified: true,
  signPinTriesBeforeVerify: 2,
};

describe('added diagnoses: one case that fires, one near miss', () => {
  it('pcsc-binding-missing: a binding that cannot load, never the service advice', () => {
    for (const pcscBinding of ['missing', 'wrong-abi', 'load-failed'] as const) {
      const found = ids({ now: NOW, platform: 'win32', pcscBinding });
      expect(found[0]).toBe('pcsc-binding-missing');
      expect(found).not.toContain('pcsc-service-down');
    }
    expect(ids({ ...healthyAnswered, pcscBinding: 'ok' })).not.toContain('pcsc-binding-missing');
  });

  it('sign-pin-verified: a password the card accepted after lost tries, not the wrong-password advice', () => {
    const found = ids(verifiedAfterLosses);
    expect(found[0]).toBe('sign-pin-verified');
    expect(found).not.toContain('sign-pin-wrong');
    expect(ids({ ...verifiedAfterLosses, signPinVerified: false })).not.toContain('sign-pin-verified');
  });

  it('sign-pin-never-set: only while a signing certificate may be on the card', () => {
    expect(ids({ ...healthyProbe, enteredPinKind: 'never-set' })).toContain('sign-pin-never-set');
    expect(ids({ ...healthyProbe, signCert: 'absent', enteredPinKind: 'never-set' })).not.toContain('sign-pin-never-set');
  });

  it('signature-verified comes first after a verified test signature', () => {
    const facts: Facts = { ...verifiedAfterLosses, signatureTest: 'verified', signatureTestAt: NOW };
    expect(ids(facts)[0]).toBe('signature-verified');
    expect(ids(verifiedAfterLosses)).not.toContain('signature-verified');
  });

  it('a failed test signature is the finding, without "sign now with the same input" beside it', () => {
    const mismatch = ids({ ...verifiedAfterLosses, signatureTest: 'key-mismatch', signatureTestAt: NOW });
    expect(mismatch[0]).toBe('sign-key-mismatch');
    expect(mismatch).not.toContain('sign-pin-verified');
    const refused = ids({ ...verifiedAfterLosses, signatureTest: 'refused', signatureTestSw: '6A88', signatureTestAt: NOW });
    expect(refused[0]).toBe('sign-operation-failed');
    expect(refused).not.toContain('sign-pin-verified');
  });

  it('not-enough-known only when nothing else fires', () => {
    expect(ids({ now: NOW, jpkiApplet: true })).toEqual(['not-enough-known']);
    expect(ids({ now: NOW })).toEqual(['card-check-needed']);
    expect(ids(healthyAnswered)).not.toContain('not-enough-known');
  });
});
