import { describe, expect, it } from 'vitest';
import { computeDigitalSignature, sha256DigestInfo } from '../../src-main/jpki/signApdu';

/** The signing APDU at the edges of a short APDU, and that the digest itself is what gets signed. */
describe('signing APDU limits', () => {
  it('accepts data of 1 and of 255 bytes (the short-APDU Lc range), with Lc and Le in place', () => {
    const one = computeDigitalSignature(Uint8Array.of(0xab));
    expect([...one]).toEqual([0x80, 0x2a, 0x00, 0x80, 0x01, 0xab, 0x00]);
    const full = computeDigitalSignature(new Uint8Array(255).fill(0x11));
    expect(full.length).toBe(261);
    expect(full[4]).toBe(255);
    expect([...full.subarray(5, 260)].every((b) => b === 0x11)).toBe(true);
    expect(full[260]).toBe(0);
    expect(() => computeDigitalSignature(new Uint8Array(256))).toThrow('DigestInfo length out of range: 256');
  });

  it('refuses a 31- or 33-byte digest and puts a 32-byte one right after the DigestInfo prefix', () => {
    expect(() => sha256DigestInfo(new Uint8Array(31))).toThrow('a SHA-256 digest has 32 bytes, got 31');
    expect(() => sha256DigestInfo(new Uint8Array(33))).toThrow('got 33');
    const digest = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
    const info = sha256DigestInfo(digest);
    expect([...info.subarray(19)]).toEqual([...digest]);
  });
});
