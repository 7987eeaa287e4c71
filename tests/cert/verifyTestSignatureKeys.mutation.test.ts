import { KeyObject, randomBytes, sign } from 'node:crypto';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTestSignature } from '../../src-main/cert/verifyTestSignature';
import { createJpkiCertificates, type JpkiCertificateSet } from '../../src-main/emulator/certFactory';

/** A signing certificate whose key is not RSA: the check has no key size to give, and says so by leaving it out. */
const now = new Date('2026-11-25T12:00:00Z');
let set: JpkiCertificateSet;
let ecCert: Uint8Array;
let ecKey: CryptoKeyPair;

beforeAll(async () => {
  set = await createJpkiCertificates({ now, seed: 'test-signature-ec' });
  const cert = pkijs.Certificate.fromBER(Uint8Array.from(set.sign!));
  ecKey = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  await cert.subjectPublicKeyInfo.importKey(ecKey.publicKey);
  await cert.sign(ecKey.privateKey, 'SHA-256');
  ecCert = new Uint8Array(cert.toSchema(true).toBER());
}, 60000);

describe('checkTestSignature with a non-RSA certificate key', () => {
  it('verifies an EC signature but gives no modulus size at all', () => {
    const message = Uint8Array.from(randomBytes(32));
    const signature = Uint8Array.from(sign('sha256', message, KeyObject.from(ecKey.privateKey)));
    const r = checkTestSignature({ message, signature, certDer: ecCert, at: now });
    expect(r.signatureValid).toBe(true);
    expect(Object.keys(r)).toEqual(['signatureValid', 'certDates', 'notBefore', 'notAfter']);
    // An RSA signature does not verify against it.
    const rsaSig = Uint8Array.from(sign('sha256', message, KeyObject.from(set.holderKeys.sign.privateKey)));
    expect(checkTestSignature({ message, signature: rsaSig, certDer: ecCert, at: now }).signatureValid).toBe(false);
  });
});
