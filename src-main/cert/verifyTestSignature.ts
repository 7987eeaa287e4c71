import { X509Certificate, verify as verifySignature } from 'node:crypto';

export interface TestSignatureCheck {
  /** The signature verifies with the certificate's public key (RSA PKCS#1 v1.5, SHA-256). */
  signatureValid: boolean;
  /** The certificate's own signature verifies with the CA certificate; undefined without a CA certificate. */
  chainValid?: boolean;
  modulusBits?: number;
  certDates: 'valid' | 'expired' | 'not-yet-valid';
  notBefore: string;
  notAfter: string;
}

export class UnreadableCertificateError extends Error {
  constructor(which: 'signing' | 'signing-ca', cause: unknown) {
    super(`${which} certificate: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'UnreadableCertificateError';
  }
}

/**
 * Checks a test signature with node:crypto, independently of the pkijs path that
 * analyses certificates: `message` is what was hashed with SHA-256 before signing.
 */
export function checkTestSignature(options: {
  message: Uint8Array;
  signature: Uint8Array;
  certDer: Uint8Array;
  caDer?: Uint8Array;
  at: Date;
}): TestSignatureCheck {
  const cert = parse(options.certDer, 'signing');
  const ca = options.caDer ? parse(options.caDer, 'signing-ca') : undefined;
  const publicKey = cert.publicKey;
  const signatureValid = verifySignature('sha256', options.message, publicKey, options.signature);
  // Both the issuer name and the signature must match, as a verifier of the chain would check.
  const chainValid = ca ? cert.checkIssued(ca) && cert.verify(ca.publicKey) : undefined;
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  const t = options.at.getTime();
  const certDates = t < notBefore.getTime() ? 'not-yet-valid' : t > notAfter.getTime() ? 'expired' : 'valid';
  const modulusBits = publicKey.asymmetricKeyDetails?.modulusLength;
  return {
    signatureValid,
    ...(chainValid !== undefined ? { chainValid } : {}),
    ...(modulusBits !== undefined ? { modulusBits } : {}),
    certDates,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
  };
}

function parse(der: Uint8Array, which: 'signing' | 'signing-ca'): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(der));
  } catch (error) {
    throw new UnreadableCertificateError(which, error);
  }
}
