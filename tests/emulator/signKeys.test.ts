import { createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildScenario, type VirtualCardSpec } from '../../src-main/emulator';
import { EF } from '../../src-main/jpki/constants';

const certKey = (spec: VirtualCardSpec) =>
  new X509Certificate(Buffer.from(spec.files.get(EF.signCert)!)).publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
const cardKey = (spec: VirtualCardSpec) => createPublicKey(spec.signKey!).export({ type: 'spki', format: 'der' }).toString('hex');

describe('virtual card signing keys', () => {
  it('each scenario has its own key, matching its certificate; sign-key-mismatch signs with another; sign-refused answers 6A88', async () => {
    const now = new Date();
    const [healthy, expired, mismatch, refused, faceAuth] = await Promise.all(
      (['healthy', 'expired', 'sign-key-mismatch', 'sign-refused', 'face-auth'] as const).map((n) => buildScenario(n, now)),
    );
    expect(certKey(healthy)).not.toBe(certKey(expired));
    expect(cardKey(healthy)).toBe(certKey(healthy));
    expect(cardKey(expired)).toBe(certKey(expired));
    expect(cardKey(mismatch)).not.toBe(certKey(mismatch));
    expect(refused.signatureSw).toBe(0x6a88);
    expect(healthy.signatureSw).toBeUndefined();
    // No signing certificate, no signing key.
    expect(faceAuth.signKey).toBeUndefined();
  });
});
