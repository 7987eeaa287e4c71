/**
 * The JPKI signing command, as OpenSC's card-jpki.c and jpki/myna send it: select
 * the signing key EF, then COMPUTE DIGITAL SIGNATURE (CLA 80, INS 2A, P1 00,
 * P2 80) with a DigestInfo as data and Le 00. The card adds the PKCS#1 v1.5
 * padding itself and answers the 256-byte RSA-2048 signature.
 */

/** The signing private key (署名用秘密鍵). 0017 is the authentication key. */
export const SIGN_KEY_EF = 0x001a;

/** DER prefix of DigestInfo { sha256, NULL } (RFC 8017, section 9.2 note 1). */
const SHA256_DIGEST_INFO_PREFIX = Uint8Array.of(
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
);

export function sha256DigestInfo(digest: Uint8Array): Uint8Array {
  if (digest.length !== 32) throw new RangeError(`a SHA-256 digest has 32 bytes, got ${digest.length}`);
  const out = new Uint8Array(SHA256_DIGEST_INFO_PREFIX.length + 32);
  out.set(SHA256_DIGEST_INFO_PREFIX);
  out.set(digest, SHA256_DIGEST_INFO_PREFIX.length);
  return out;
}

/** COMPUTE DIGITAL SIGNATURE, case 4 short: 80 2A 00 80 Lc <DigestInfo> 00. */
export function computeDigitalSignature(digestInfo: Uint8Array): Uint8Array {
  if (digestInfo.length < 1 || digestInfo.length > 255) throw new RangeError(`DigestInfo length out of range: ${digestInfo.length}`);
  const apdu = new Uint8Array(6 + digestInfo.length);
  apdu.set([0x80, 0x2a, 0x00, 0x80, digestInfo.length]);
  apdu.set(digestInfo, 5);
  apdu[apdu.length - 1] = 0x00;
  return apdu;
}
