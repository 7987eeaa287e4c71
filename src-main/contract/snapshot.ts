import type { Localized } from './localized';
import type { SignatureTestResult } from './signatureTest';

/** Why the card could not be read, as a named condition (never a raw exception). */
export type CardErrorCode =
  | 'pcsc-unavailable' // no PC/SC service (pcscd not running, SCardSvr disabled)
  | 'pcsc-binding-missing' // our own PC/SC binding (pcsclite) is missing or built for another runtime: reinstall
  | 'no-reader'
  | 'no-card'
  | 'card-removed' // pulled mid-operation
  | 'timeout'
  | 'unexpected-sw' // the card answered a status word we did not expect
  | 'card-in-use' // another program holds the card exclusively (sharing violation)
  | 'communication' // any other transmit/connect failure
  | 'pin-format' // a PIN refused by the format check, before anything was sent
  | 'pin-tries-too-low' // refused by the safety rule (fewer than 2 tries) without override
  | 'pin-locked'
  | 'tries-changed' // the card's tries left differ from what the person was shown: nothing sent
  | 'pin-outcome-unknown'; // a VERIFY was sent but its answer was lost (card pulled): probe again

export interface CardError {
  code: CardErrorCode;
  message: Localized;
  /** Technical detail for the report (status word, reader name); never a PIN. */
  detail?: string;
  /** With pcsc-binding-missing: why the binding did not load (package or file absent, built for another runtime, other). */
  binding?: 'missing' | 'wrong-abi' | 'load-failed';
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string; // ISO
  notAfter: string; // ISO
  daysLeft: number; // relative to the injected now; negative when expired
  kind: 'signing' | 'auth' | 'signing-ca' | 'auth-ca' | 'unknown';
  /** True when the signature verifies against the CA certificate read from the same card. */
  chainsToCardCa?: boolean;
  /** Holder data, signing certificate only. Personal data: show only to the person, never log. */
  holder?: {
    name?: string;
    birthDate?: string; // ISO date (Gregorian)
    birthEra?: 'meiji' | 'taisho' | 'showa' | 'heisei' | 'reiwa';
    sex?: 'male' | 'female' | 'not-applicable';
    address?: string;
  };
}

export type CertSlot =
  | { status: 'ok'; cert: CertificateInfo }
  | { status: 'absent'; evidence: string } // e.g. "6A82 on select EF0001", "file all FF"
  | { status: 'malformed'; message: Localized }
  | { status: 'not-read'; reason: string }; // e.g. signing cert needs the PIN

export interface ReaderInfo {
  name: string;
  cardPresent: boolean;
}

/** What one probe learned from the card, without spending any PIN try. */
export interface CardSnapshot {
  takenAt: string; // ISO
  pcscService: 'ok' | 'unavailable';
  readers: ReaderInfo[];
  reader?: string; // the reader used
  atr?: string; // hex, for the report only (detection is by applet, not ATR)
  /**
   * Opaque card identity: SHA-256 (hex) of the authentication certificate's issuer and
   * serial. Tells one card from another within an intake; never shown to anyone.
   * Absent when that certificate could not be read.
   */
  cardId?: string;
  jpkiApplet?: boolean;
  token?: 'mynumber' | 'juki' | 'other';
  tokenLabel?: string;
  signPinTriesLeft?: number;
  authPinTriesLeft?: number;
  /** Signing certificate presence, decided without the PIN; see JPKI-NOTES.md. */
  signCertPresence?: { value: 'present' | 'absent' | 'unknown'; evidence: string };
  signCert?: CertSlot;
  authCert?: CertSlot;
  /**
   * No signing CA slot: the probe does not read EF 0002. That certificate only
   * serves to check a signature, so the password check reads it for its test
   * signature (PinAttemptResult.signatureTest: chainValid, outcome).
   */
  authCaCert?: CertSlot;
  error?: CardError;
  /** APDUs sent during the probe (count only), for the benchmark. */
  apduCount: number;
}

export type ReaderEvent =
  | { type: 'reader-attached'; reader: string }
  | { type: 'reader-detached'; reader: string }
  | { type: 'card-inserted'; reader: string }
  | { type: 'card-removed'; reader: string }
  | { type: 'service-down' }
  | { type: 'service-up' };

export interface PinAttemptResult {
  ok: boolean;
  /** Tries left after the attempt (or unchanged when refused before sending). */
  triesLeft?: number;
  /** Whether anything was sent to the card. */
  sent: boolean;
  error?: CardError;
  /** The signing certificate, when the PIN was right. */
  signCert?: CertificateInfo;
  /** The test signature made right after a correct PIN (unless the caller turned it off). */
  signatureTest?: SignatureTestResult;
}
