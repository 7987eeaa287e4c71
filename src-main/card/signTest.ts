import { createHash, randomBytes } from 'node:crypto';
import { checkTestSignature, UnreadableCertificateError } from '../cert/verifyTestSignature';
import type { SignatureTestResult } from '../contract/signatureTest';
import { swHex } from '../jpki/apdu';
import type { JpkiCardSession } from '../jpki/cardSession';
import { efHex } from '../jpki/constants';
import { computeDigitalSignature, sha256DigestInfo, SIGN_KEY_EF } from '../jpki/signApdu';

export interface SignatureTestInput {
  /** The signing certificate read from the card after the VERIFY; absent when it could not be read. */
  signCertDer?: Uint8Array;
  /** The signing CA certificate from the same card. */
  signCaDer?: Uint8Array;
  now: Date;
}

/**
 * One test signature with the card's signing key, on a card whose signing PIN was
 * just verified on this same connection: a fresh random challenge, hashed with
 * SHA-256, signed by the card (select EF 001A, COMPUTE DIGITAL SIGNATURE), then
 * checked against the certificate and its CA. Nothing is kept. Card status words
 * come back as outcomes; transport failures throw (the caller knows the PIN phase).
 */
export async function runSignatureTest(card: JpkiCardSession, input: SignatureTestInput): Promise<SignatureTestResult> {
  const started = performance.now();
  const base = { at: input.now.toISOString(), keyEf: efHex(SIGN_KEY_EF) };
  const done = (fields: Omit<SignatureTestResult, 'at' | 'keyEf' | 'durationMs'>): SignatureTestResult => ({
    ...base,
    ...fields,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  });
  // Without the certificate there is nothing to check a signature against: do not sign.
  if (!input.signCertDer) return done({ outcome: 'cert-unreadable' });

  const challenge = randomBytes(32);
  const digestInfo = sha256DigestInfo(createHash('sha256').update(challenge).digest());
  const selectSw = await card.selectEf(SIGN_KEY_EF);
  if (selectSw !== 0x9000) return done({ outcome: 'refused', sw: swHex(selectSw), failedCommand: 'select-key' });
  const res = await card.send(computeDigitalSignature(digestInfo));
  if (res.sw !== 0x9000 || res.data.length === 0) {
    return done({ outcome: 'refused', sw: swHex(res.sw), failedCommand: 'compute-signature' });
  }
  try {
    const check = checkTestSignature({
      message: challenge,
      signature: res.data,
      certDer: input.signCertDer,
      ...(input.signCaDer ? { caDer: input.signCaDer } : {}),
      at: input.now,
    });
    const outcome = !check.signatureValid
      ? 'key-mismatch'
      : check.chainValid === undefined
        ? 'cert-unreadable'
        : check.chainValid
          ? 'verified'
          : 'chain-invalid';
    return done({ outcome, signatureBytes: res.data.length, ...check });
  } catch (error) {
    if (error instanceof UnreadableCertificateError) return done({ outcome: 'cert-unreadable', signatureBytes: res.data.length });
    throw error;
  } finally {
    challenge.fill(0);
  }
}
