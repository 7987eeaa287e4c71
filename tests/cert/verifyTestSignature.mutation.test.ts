import { KeyObject, randomBytes, sign } from 'node:crypto';
import * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTestSignature, UnreadableCertificateError } from '../../src-main/cert/verifyTestSignature';
import { createJpkiCertificates, generateRsaKeyPair, type JpkiCertificateSet } from '../../src-main/emulator/certFactory';

/**
 * The test signature is the one proof that the card can really sign: checked here
 * without a card (the integration tests do it through the virtual card, which the
 * mutation run leaves out), for every part of the verdict. A wrong "valid" here
 * would send a founder to sign with a card that cannot.
 */
const now = new Date('2026-11-25T12:00:00Z');
let set: JpkiCertificateSet;
const message = Uint8Array.from(randomBytes(32));
let signature: Uint8Array;

/** A copy of `der` with another subject name, re-signed with a throwaway key (the public key stays). */
async function renamed(der: Uint8Array, cn: string): Promise<Uint8Array> {
  const cert = pkijs.Certificate.fromBER(Uint8Array.from(der));
  cert.subject = new pkijs.RelativeDistinguishedNames({
    typesAndValues: [new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.PrintableString({ value: cn }) })],
  });
  const k = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  await cert.sign(k.privateKey, 'SHA-256');
  return new Uint8Array(cert.toSchema(true).toBER());
}

/** A copy of `der` (same names) with another public key, so only the signature check can tell it apart. */
async function rekeyed(der: Uint8Array): Promise<Uint8Array> {
  const cert = pkijs.Certificate.fromBER(Uint8Array.from(der));
  // An RSA key like the real CA's: OpenSSL's issuer check also wants the key type to fit the signature.
  const k = await generateRsaKeyPair();
  await cert.subjectPublicKeyInfo.importKey(k.publicKey);
  await cert.sign(k.privateKey, 'SHA-256');
  return new Uint8Array(cert.toSchema(true).toBER());
}

beforeAll(async () => {
  set = await createJpkiCertificates({ now, seed: 'test-signature' });
  signature = Uint8Array.from(sign('sha256', message, KeyObject.from(set.holderKeys.sign.privateKey)));
});

const check = (over: Partial<Parameters<typeof checkTestSignature>[0]> = {}) =>
  checkTestSignature({ message, signature, certDer: set.sign!, caDer: set.signCa, at: now, ...over });

describe('checkTestSignature', () => {
  it('verifies a signature made with the holder key, the chain to the card CA, the key size and the dates', () => {
    expect(check()).toEqual({
      signatureValid: true,
      chainValid: true,
      modulusBits: 2048,
      certDates: 'valid',
      notBefore: set.validity.notBefore.toISOString(),
      notAfter: set.validity.notAfter.toISOString(),
    });
  });

  it('refuses a signature over another message, or from another key', () => {
    const other = Uint8Array.from(message);
    other[0] ^= 1;
    expect(check({ message: other }).signatureValid).toBe(false);
    const foreign = Uint8Array.from(sign('sha256', message, KeyObject.from(set.holderKeys.auth.privateKey)));
    expect(check({ signature: foreign }).signatureValid).toBe(false);
    // The verdict on the chain and the dates does not depend on the signature.
    expect(check({ signature: foreign })).toMatchObject({ chainValid: true, certDates: 'valid' });
  });

  it('says nothing about the chain without a CA certificate', () => {
    const result = check({ caDer: undefined });
    expect('chainValid' in result).toBe(false);
    expect(result.signatureValid).toBe(true);
  });

  it('needs both the issuer name and the CA key for a valid chain', async () => {
    // Another CA of the card (other name, other key).
    expect(check({ caDer: set.authCa }).chainValid).toBe(false);
    // The right key under another name: the name check alone refuses it.
    expect(check({ caDer: await renamed(set.signCa, 'Somebody else') }).chainValid).toBe(false);
    // The right name with another key: the signature check alone refuses it.
    expect(check({ caDer: await rekeyed(set.signCa) }).chainValid).toBe(false);
  });

  it('classes the moment of the signature against the certificate dates, both ends included', () => {
    const { notBefore, notAfter } = set.validity;
    const at = (ms: number) => check({ at: new Date(ms) }).certDates;
    expect(at(notBefore.getTime() - 1000)).toBe('not-yet-valid');
    expect(at(notBefore.getTime())).toBe('valid');
    expect(at(notAfter.getTime())).toBe('valid');
    expect(at(notAfter.getTime() + 1000)).toBe('expired');
  });

  it('names the certificate it cannot read', () => {
    const garbage = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05);
    expect(() => check({ certDer: garbage })).toThrow(UnreadableCertificateError);
    expect(() => check({ certDer: garbage })).toThrow(/^signing certificate: /);
    expect(() => check({ caDer: garbage })).toThrow(/^signing-ca certificate: /);
    try {
      check({ caDer: garbage });
    } catch (error) {
      expect((error as Error).name).toBe('UnreadableCertificateError');
      expect((error as Error).message.length).toBeGreaterThan('signing-ca certificate: '.length);
    }
  });
});
