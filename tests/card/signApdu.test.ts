import { createHash, generateKeyPairSync, privateEncrypt, constants } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeDigitalSignature, sha256DigestInfo, SIGN_KEY_EF } from '../../src-main/jpki/signApdu';

describe('JPKI signing APDU', () => {
  it('wraps a SHA-256 digest in its DigestInfo and builds 80 2A 00 80 Lc data 00', () => {
    const digest = createHash('sha256').update('x').digest();
    const info = sha256DigestInfo(digest);
    expect(Buffer.from(info.subarray(0, 19)).toString('hex')).toBe('3031300d060960864801650304020105000420');
    expect(info.length).toBe(51);
    const apdu = computeDigitalSignature(info);
    expect(Buffer.from(apdu.subarray(0, 5)).toString('hex')).toBe('802a008033');
    expect(apdu[apdu.length - 1]).toBe(0);
    expect(apdu.length).toBe(57);
    expect(SIGN_KEY_EF).toBe(0x001a);
  });

  it('refuses a digest of the wrong size and data that cannot fit a short APDU', () => {
    expect(() => sha256DigestInfo(new Uint8Array(20))).toThrow(/32 bytes/);
    expect(() => computeDigitalSignature(new Uint8Array(0))).toThrow(RangeError);
    expect(() => computeDigitalSignature(new Uint8Array(256))).toThrow(RangeError);
  });

  it('a card-style signature over our DigestInfo verifies as an ordinary RSA PKCS#1 v1.5 SHA-256 signature', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const message = Buffer.from('challenge');
    const sig = privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(createHash('sha256').update(message).digest()));
    const { verify } = await import('node:crypto');
    expect(verify('sha256', message, publicKey, sig)).toBe(true);
  });
});
