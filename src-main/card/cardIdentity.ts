import { createHash } from 'node:crypto';
import type { CertSlot } from '../contract/snapshot';

/**
 * An opaque id for the card in the reader: SHA-256 of the authentication
 * certificate's issuer and serial number (unique per issuing CA). It lets the
 * wizard tell one client's card from the next without keeping or showing the
 * serial itself. Undefined when that certificate was not read.
 */
export function cardIdentity(authCert: CertSlot | undefined): string | undefined {
  if (authCert?.status !== 'ok') return undefined;
  const { issuer, serialNumber } = authCert.cert;
  if (!serialNumber) return undefined;
  return createHash('sha256').update(`jpki-doctor card id\n${issuer}\n${serialNumber.toLowerCase()}`).digest('hex');
}
