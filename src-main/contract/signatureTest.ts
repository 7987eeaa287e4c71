/**
 * The test signature made after a successful signing-password check: one RSA
 * signature by the card's signing key over a fresh random SHA-256 digest, checked
 * against the signing certificate read from the card and that certificate against
 * the card's signing CA certificate. Nothing signed is kept; the digest has no
 * meaning outside the check.
 */
export type SignatureTestOutcome =
  /** Signed, the signature verifies with the signing certificate, which chains to the card's CA. */
  | 'verified'
  /** The card signed, but the signature does not verify with the certificate on the card. */
  | 'key-mismatch'
  /** The signature verifies, but the signing certificate does not verify with the card's CA certificate. */
  | 'chain-invalid'
  /** The card refused to select the key or to sign (status word in `sw`). */
  | 'refused'
  /** The signing certificate or the CA certificate could not be read or parsed: nothing to check against. */
  | 'cert-unreadable';

export interface SignatureTestResult {
  outcome: SignatureTestOutcome;
  /** When the signature was made (ISO). */
  at: string;
  /** The key file used, e.g. "001A" (signing key). */
  keyEf: string;
  /** Status word of the command that failed (SELECT key or COMPUTE DIGITAL SIGNATURE), hex, e.g. "6982". */
  sw?: string;
  /** Which command answered `sw`. */
  failedCommand?: 'select-key' | 'compute-signature';
  /** Length of the signature the card returned. */
  signatureBytes?: number;
  /** Size of the certificate's RSA modulus. */
  modulusBits?: number;
  /** The signature verifies with the signing certificate's public key (RSA PKCS#1 v1.5, SHA-256): card key and certificate belong together. */
  signatureValid?: boolean;
  /** The signing certificate's signature verifies with the card's signing CA certificate. */
  chainValid?: boolean;
  /** The signing certificate's dates, relative to `at`. */
  certDates?: 'valid' | 'expired' | 'not-yet-valid';
  notBefore?: string;
  notAfter?: string;
  /** Time of the signature and both verifications, for the benchmark. */
  durationMs: number;
}
