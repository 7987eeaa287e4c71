import { describe, expect, it } from 'vitest';
import { cardIdentity } from '../../../src-main/card/cardIdentity';
import { analyzeCertificate } from '../../../src-main/cert';
import { createJpkiCertificates } from '../../../src-main/emulator/certFactory';
import type { CertSlot } from '../../../src-main/contract';

const now = new Date('2026-11-27T00:00:00Z');

async function authSlot(seed: string): Promise<CertSlot> {
  const set = await createJpkiCertificates({ now, seed });
  const slot = await analyzeCertificate(set.auth, { now });
  if (slot.status !== 'ok') throw new Error('certificate did not parse');
  return slot;
}

describe('card identity', () => {
  it('is stable for one card, differs between cards, and never contains the serial', async () => {
    const a = await authSlot('card-a');
    const b = await authSlot('card-b');
    const idA = cardIdentity(a);
    expect(idA).toMatch(/^[0-9a-f]{64}$/);
    expect(cardIdentity(await authSlot('card-a'))).toBe(idA);
    expect(cardIdentity(b)).not.toBe(idA);
    if (a.status === 'ok') expect(idA).not.toContain(a.cert.serialNumber.toLowerCase());
  });
  it('is undefined when the authentication certificate was not read', () => {
    expect(cardIdentity(undefined)).toBeUndefined();
    expect(cardIdentity({ status: 'absent', evidence: '6A82' })).toBeUndefined();
    expect(cardIdentity({ status: 'not-read', reason: 'x' })).toBeUndefined();
  });
});
