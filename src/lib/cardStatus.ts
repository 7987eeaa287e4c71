import type { CardSnapshot, Facts } from '../../src-main/contract';
import { LOW_TRIES } from '../../src-main/contract/pinPolicy';
import { daysUntil } from './certValidity';

/**
 * What one certificate row says. Every state has its own icon, colour and words in
 * the UI (StatusIcon), so the state never rests on colour alone.
 */
export type CertState = 'valid' | 'expiring' | 'expired' | 'revoked' | 'revoked-or-expired' | 'absent' | 'malformed' | 'present' | 'unknown';

export interface CertStatus {
  state: CertState;
  /** The end date the row talks about, when known. */
  notAfter?: string;
  /** Days left (valid, expiring) or days since (expired). */
  days?: number;
  /**
   * True when the signing certificate's dates were not read (they need the password)
   * and are taken from the authentication certificate issued with it.
   */
  inferred?: boolean;
  /** Why it is revoked, from the diagnosis that said so. */
  revokedBy?: 'relocation' | 'abroad';
}

export type TriesState = 'ok' | 'low' | 'locked' | 'unknown';

/** Locked at 0; low when a miss would leave fewer than 2 (the PIN screen's own rule); else fine. */
export function triesState(left: number | undefined): TriesState {
  if (left === undefined) return 'unknown';
  if (left <= 0) return 'locked';
  if (left <= LOW_TRIES) return 'low';
  return 'ok';
}

function datedState(notAfter: string, nowIso: string, expiringSoon: boolean): CertStatus {
  const days = daysUntil(notAfter, nowIso);
  if (days < 0) return { state: 'expired', notAfter, days: -days };
  return { state: expiringSoon ? 'expiring' : 'valid', notAfter, days };
}

/**
 * The authentication certificate: read without any PIN, so its own dates decide.
 * `diagnoses`: ids of the diagnoses shown (expiry warnings come from the rules).
 */
export function authCertStatus(facts: Facts, snapshot: CardSnapshot | null, diagnoses: readonly string[], nowIso: string): CertStatus {
  const slot = snapshot?.authCert;
  if (slot?.status === 'malformed') return { state: 'malformed' };
  const notAfter = slot?.status === 'ok' ? slot.cert.notAfter : facts.authCertNotAfter;
  if (notAfter) return datedState(notAfter, nowIso, diagnoses.includes('cert-expires-soon'));
  if (slot?.status === 'absent') return { state: 'absent' };
  return { state: 'unknown' };
}

/**
 * The signing certificate follows everything known about it: a revocation the
 * diagnosis found, its own dates once read with the password, otherwise the dates of
 * the authentication certificate issued with it (said as such), and its presence.
 */
export function signCertStatus(facts: Facts, snapshot: CardSnapshot | null, diagnoses: readonly string[], nowIso: string): CertStatus {
  if (facts.signCert === 'absent' || snapshot?.signCert?.status === 'absent') return { state: 'absent' };
  if (snapshot?.signCert?.status === 'malformed') return { state: 'malformed' };
  if (diagnoses.includes('cert-revoked-relocation')) return { state: 'revoked', revokedBy: 'relocation' };
  if (diagnoses.includes('abroad-without-continuation')) return { state: 'revoked', revokedBy: 'abroad' };
  const own = snapshot?.signCert?.status === 'ok' ? snapshot.signCert.cert.notAfter : facts.signCertNotAfter;
  const soon = diagnoses.includes('cert-expires-soon');
  if (own) return datedState(own, nowIso, soon);
  if (diagnoses.includes('cert-revoked-or-expired')) return { state: 'revoked-or-expired' };
  if (facts.signCert === 'present' && facts.authCertNotAfter) {
    return { ...datedState(facts.authCertNotAfter, nowIso, soon), inferred: true };
  }
  if (diagnoses.includes('cert-expired')) return { state: 'expired', inferred: true };
  if (facts.signCert === 'present') return { state: 'present' };
  return { state: 'unknown' };
}

/** Which icon family a state uses; the words differ per state even where icons are shared. */
export type StatusKind = 'ok' | 'expiring' | 'expired' | 'revoked' | 'absent' | 'locked' | 'low' | 'unknown' | 'problem';

export function certStatusKind(state: CertState): StatusKind {
  switch (state) {
    case 'valid':
    case 'present':
      return 'ok';
    case 'expiring':
      return 'expiring';
    case 'expired':
      return 'expired';
    case 'revoked':
    case 'revoked-or-expired':
      return 'revoked';
    case 'absent':
      return 'absent';
    case 'malformed':
      return 'problem';
    default:
      return 'unknown';
  }
}
