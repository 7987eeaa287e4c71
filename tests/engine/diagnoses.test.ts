import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import { diagnose } from '../../src-main/engine';
import { NOW, healthyAnswered, healthyProbe, rules } from './scenario';

interface Case {
  name: string;
  facts: Facts;
  id: string;
  /** true: must fire; false: near miss, must not fire. */
  fires: boolean;
  severity?: 'blocker' | 'warning' | 'info';
  /** Each regexp must match some evidence line (in English). */
  evidence?: RegExp[];
  earliestSigning?: string | null;
  steps?: string[];
  noSteps?: string[];
}

const p = healthyProbe;
const a = healthyAnswered;

const cases: Case[] = [
  { name: 'PC/SC unavailable', facts: { now: NOW, pcscService: 'unavailable' }, id: 'pcsc-service-down', fires: true, severity: 'blocker', steps: ['start-pcsc'] },
  { name: 'healthy service', facts: p, id: 'pcsc-service-down', fires: false },

  { name: 'no reader', facts: { now: NOW, pcscService: 'ok', readerCount: 0 }, id: 'no-reader', fires: true, evidence: [/found: 0/] },
  { name: 'service down hides reader count', facts: { now: NOW, pcscService: 'unavailable', readerCount: 0 }, id: 'no-reader', fires: false },

  { name: 'reader without card', facts: { now: NOW, pcscService: 'ok', readerCount: 1, cardPresent: false }, id: 'no-card', fires: true, steps: ['card-orientation', 'lost-card'] },
  { name: 'no reader is not "no card"', facts: { now: NOW, pcscService: 'ok', readerCount: 0, cardPresent: false }, id: 'no-card', fires: false },

  { name: 'card does not answer', facts: { ...p, cardReadable: false }, id: 'card-communication', fires: true, steps: ['card-orientation', 'reader-replug'] },
  { name: 'ICF4010 typed loosely', facts: { now: NOW, errorCode: ' icf 4010 ' }, id: 'card-communication', fires: true, evidence: [/ICF4010/] },
  { name: 'ICF4013 full width', facts: { now: NOW, errorCode: 'ＩＣＦ４０１３' }, id: 'card-communication', fires: true, evidence: [/ICF4013/] },
  { name: 'e-Tax HJS0407E', facts: { now: NOW, errorCode: 'hjs0407e' }, id: 'card-communication', fires: true, evidence: [/HJS0407E/] },
  { name: 'ICF4031 is not a communication error', facts: { ...p, errorCode: 'ICF4031' }, id: 'card-communication', fires: false },

  { name: 'no JPKI applet', facts: { ...p, jpkiApplet: false }, id: 'not-jpki-card', fires: true },
  { name: 'unreadable card is not "not JPKI"', facts: { ...p, cardReadable: false, jpkiApplet: false }, id: 'not-jpki-card', fires: false },

  { name: 'Juki card', facts: { ...p, token: 'juki' }, id: 'juki-card', fires: true },
  { name: 'My Number card', facts: p, id: 'juki-card', fires: false },

  { name: 'probe finds no signing cert', facts: { ...p, signCert: 'absent' }, id: 'no-signing-cert', fires: true, earliestSigning: '2026-01-15T10:00:00+09:00' },
  { name: 'face-auth card, no probe', facts: { now: NOW, faceAuthCard: true }, id: 'no-signing-cert', fires: true, evidence: [/face-authentication/], steps: ['switch-face-auth'] },
  { name: 'face-auth answer contradicted by the card', facts: { ...p, faceAuthCard: true }, id: 'no-signing-cert', fires: false },

  { name: 'abroad without continuation: the whole card lapsed, no date promised', facts: { now: NOW, abroad: true, overseasContinuation: false }, id: 'abroad-without-continuation', fires: true, steps: ['overseas-new-card', 'professional-agent'], noSteps: ['counter-new-signing'], evidence: [/day before leaving/], earliestSigning: null },
  { name: 'abroad with continuation', facts: { now: NOW, abroad: true, overseasContinuation: true }, id: 'abroad-without-continuation', fires: false },

  { name: 'signing cert expired', facts: { ...p, signCertNotAfter: '2025-12-31T23:59:59+09:00' }, id: 'cert-expired', fires: true, evidence: [/expired on Wed 31 Dec 2025, 14 days ago/] },
  {
    name: 'auth cert dates stand in for the signing cert',
    facts: { ...p, authCertNotAfter: '2025-11-01T23:59:59+09:00' },
    id: 'cert-expired',
    fires: true,
    evidence: [/authentication certificate/],
    earliestSigning: '2026-01-15T10:00:00+09:00',
  },
  { name: 'signing date known and valid wins over an expired auth cert', facts: { ...p, authCertNotAfter: '2025-11-01', signCertNotAfter: '2030-01-01' }, id: 'cert-expired', fires: false },
  { name: 'not expired', facts: p, id: 'cert-expired', fires: false },

  { name: 'moved after issue (auth date)', facts: { ...p, movedAt: '2025-06-01' }, id: 'cert-revoked-relocation', fires: true, evidence: [/reported on Sun 1 Jun 2025/, /inference/, /authentication certificate/, /address renaming/] },
  { name: 'name changed after the signing cert was issued', facts: { ...p, signCertNotBefore: '2023-04-01', nameChangedAt: '2024-02-10' }, id: 'cert-revoked-relocation', fires: true, evidence: [/name changed on Sat 10 Feb 2024/] },
  { name: 'moved BEFORE issue', facts: { ...p, movedAt: '2022-06-01' }, id: 'cert-revoked-relocation', fires: false },
  { name: 'renewed after the move', facts: { ...p, movedAt: '2025-06-01', certRenewedAt: '2025-06-10' }, id: 'cert-revoked-relocation', fires: false },
  { name: 'never moved', facts: { ...p, movedAt: null, nameChangedAt: null }, id: 'cert-revoked-relocation', fires: false },

  {
    name: 'signing PIN locked, 4-digit PIN fine: kiosk today',
    facts: { ...p, signPinTriesLeft: 0 },
    id: 'sign-pin-locked',
    fires: true,
    evidence: [/0 tries/],
    steps: ['kiosk-reset', 'kiosk-stores'],
    noSteps: ['counter-reset-pin'],
    // A reset password works at once: no settle hour, no 24 h wait.
    earliestSigning: NOW,
  },
  {
    name: 'both PINs locked: counter reset, usable the same day (no 24 h)',
    facts: { ...p, signPinTriesLeft: 0, authPinTriesLeft: 0 },
    id: 'sign-pin-locked',
    fires: true,
    steps: ['counter-reset-pin', 'counter-hours'],
    noSteps: ['kiosk-reset', 'wait-24h'],
    earliestSigning: NOW,
  },
  {
    name: 'locked and certificate expired: counter, not kiosk',
    facts: { ...p, signPinTriesLeft: 0, authCertNotAfter: '2025-12-01' },
    id: 'sign-pin-locked',
    fires: true,
    noSteps: ['kiosk-reset'],
    earliestSigning: '2026-01-15T10:00:00+09:00',
  },
  { name: 'one try left is not locked', facts: { ...p, signPinTriesLeft: 1 }, id: 'sign-pin-locked', fires: false },

  { name: '4-digit PIN locked', facts: { ...p, authPinTriesLeft: 0 }, id: 'auth-pin-locked', fires: true, severity: 'warning' },
  { name: '4-digit PIN one try left', facts: { ...p, authPinTriesLeft: 1 }, id: 'auth-pin-locked', fires: false },

  { name: 'typed the 4-digit PIN', facts: { ...p, enteredPinKind: 'four-digit', signPinTriesLeft: 4 }, id: 'pin-kind-confusion', fires: true, steps: ['pin-kinds'], evidence: [/tries left: 4/] },
  { name: 'typed an alphanumeric password', facts: { ...p, enteredPinKind: 'alphanumeric' }, id: 'pin-kind-confusion', fires: false },

  {
    name: 'ICF4031 with one try left',
    facts: { ...p, errorCode: 'icf4031', signPinTriesLeft: 1 },
    id: 'sign-pin-wrong',
    fires: true,
    severity: 'warning',
    evidence: [/1 of 5 tries/, /Only 1 try/],
    steps: ['pin-kinds', 'ime-off', 'letters-and-digits', 'stop-guessing', 'kiosk-reset'],
  },
  { name: 'ICF4031 before the card check', facts: { now: NOW, errorCode: 'ICF4031' }, id: 'sign-pin-wrong', fires: true, evidence: [/not been checked/], steps: ['run-card-check'] },
  { name: 'earlier misses without an error code', facts: { ...p, signPinTriesLeft: 3 }, id: 'sign-pin-wrong', fires: true, noSteps: ['stop-guessing'] },
  { name: 'ICF4031 but locked', facts: { ...p, errorCode: 'ICF4031', signPinTriesLeft: 0 }, id: 'sign-pin-wrong', fires: false },

  { name: 'auth cert ends in 60 days', facts: { ...p, authCertNotAfter: '2026-03-15T23:59:59+09:00' }, id: 'cert-expires-soon', fires: true, evidence: [/authentication certificate/, /in 60 days/] },
  {
    name: 'planned signing after the end date, > 90 days away',
    facts: { ...p, signCertNotAfter: '2026-06-30T23:59:59+09:00', plannedSigningDate: '2026-07-10' },
    id: 'cert-expires-soon',
    fires: true,
    evidence: [/Fri 10 Jul/],
  },
  { name: '200 days left, signing planned before', facts: { ...p, signCertNotAfter: '2026-08-02', plannedSigningDate: '2026-02-01' }, id: 'cert-expires-soon', fires: false },
  { name: 'already expired is not "soon"', facts: { ...p, signCertNotAfter: '2026-01-01' }, id: 'cert-expires-soon', fires: false },

  {
    name: 'renewed 3 hours ago',
    facts: { ...p, certRenewedAt: '2026-01-14T07:00:00+09:00' },
    id: 'wait-after-renewal',
    fires: true,
    evidence: [/3 hours ago/],
    earliestSigning: '2026-01-15T07:00:00+09:00',
  },
  {
    name: 'card held by another program',
    facts: { ...p, cardReadable: undefined, cardInUse: true, signPinTriesLeft: undefined, authPinTriesLeft: undefined },
    id: 'card-in-use',
    fires: true,
    steps: ['close-card-programs'],
  },
  { name: 'card read normally', facts: { ...p, cardInUse: false }, id: 'card-in-use', fires: false },
  { name: 'renewed 25 hours ago', facts: { ...p, certRenewedAt: '2026-01-13T09:00:00+09:00' }, id: 'wait-after-renewal', fires: false },
  {
    name: 'card shows an auth certificate issued 2 hours ago (signing one unread)',
    facts: { ...p, authCertNotBefore: '2026-01-14T08:00:00+09:00' },
    id: 'wait-after-renewal',
    fires: true,
    evidence: [/user-authentication certificate .* 2 hours ago/, /normally issued together/],
    earliestSigning: '2026-01-15T08:00:00+09:00',
  },
  {
    name: 'signing certificate read with the PIN, issued 5 hours ago',
    facts: { ...p, signCertNotBefore: '2026-01-14T05:00:00+09:00', authCertNotBefore: '2026-01-14T05:00:00+09:00' },
    id: 'wait-after-renewal',
    fires: true,
    evidence: [/signing certificate on the card was issued .* 5 hours ago/],
  },
  { name: 'auth certificate issued 30 hours ago', facts: { ...p, authCertNotBefore: '2026-01-13T04:00:00+09:00' }, id: 'wait-after-renewal', fires: false },

  { name: 'ICF4032 with nothing else known', facts: { now: NOW, errorCode: 'ICF4032' }, id: 'cert-revoked-or-expired', fires: true, earliestSigning: '2026-01-15T10:00:00+09:00' },
  { name: 'ICF4032 explained by expiry', facts: { ...p, errorCode: 'ICF4032', authCertNotAfter: '2025-12-01' }, id: 'cert-revoked-or-expired', fires: false },

  { name: 'malformed certificate', facts: { ...p, certMalformed: true }, id: 'cert-malformed', fires: true },
  { name: 'well-formed certificates', facts: p, id: 'cert-malformed', fires: false },

  { name: 'keychain prompt on a Mac', facts: { ...p, platform: 'darwin', macKeychainPrompt: true }, id: 'mac-keychain-prompt', fires: true, steps: ['mac-keychain'] },
  { name: 'keychain prompt claimed on Windows', facts: { ...p, platform: 'win32', macKeychainPrompt: true }, id: 'mac-keychain-prompt', fires: false },

  { name: 'unlisted code', facts: { ...p, errorCode: 'ｘｙｚ１２３' }, id: 'unknown-error-code', fires: true, evidence: [/XYZ123/], steps: ['run-card-check'] },
  { name: 'no code shown', facts: { ...p, errorCode: '  ' }, id: 'unknown-error-code', fires: false },
  { name: 'a known code', facts: { ...p, errorCode: 'ICF4032' }, id: 'unknown-error-code', fires: false },

  { name: 'all well', facts: a, id: 'ready-to-sign', fires: true, severity: 'info', evidence: [/tries left: 5/, /not read/], earliestSigning: NOW },
  { name: 'earlier misses are worth a warning', facts: { ...a, signPinTriesLeft: 3 }, id: 'ready-to-sign', fires: false },

  { name: 'card fine, signing still failed', facts: { ...a, errorCode: 'ICF4031' }, id: 'software-setup', fires: true, evidence: [/never have reached the card/], steps: ['software-setup'] },
  { name: 'card fine, no failure reported', facts: a, id: 'software-setup', fires: false },
  { name: 'failure explained by a blocker', facts: { ...a, errorCode: 'ICF4032', movedAt: '2025-06-01' }, id: 'software-setup', fires: false },


  // Review fixes: a wrong password always costs a try; a card without a signing certificate takes no password.
  { name: 'ICF4031 on a healthy card with all 5 tries', facts: { ...a, errorCode: 'ICF4031' }, id: 'sign-pin-wrong', fires: false },
  {
    name: 'ICF4031 with all 5 tries: no try was used',
    facts: { ...a, errorCode: 'ICF4031' },
    id: 'software-setup',
    fires: true,
    evidence: [/all 5 signing-password tries are still there/, /no try was used/],
  },
  { name: 'ICF4031 with 4 tries left', facts: { ...p, errorCode: 'ICF4031', signPinTriesLeft: 4 }, id: 'sign-pin-wrong', fires: true, evidence: [/4 of 5 tries/], noSteps: ['stop-guessing', 'kiosk-reset'] },
  { name: 'ICF4031 on a face-auth card', facts: { now: NOW, errorCode: 'ICF4031', faceAuthCard: true }, id: 'sign-pin-wrong', fires: false },
  { name: 'ICF4031, card without signing certificate, 3 tries', facts: { ...p, errorCode: 'ICF4031', signCert: 'absent', signPinTriesLeft: 3 }, id: 'sign-pin-wrong', fires: false },
  { name: 'ICF4031 on a face-auth card is explained by the missing certificate', facts: { now: NOW, errorCode: 'ICF4031', faceAuthCard: true }, id: 'no-signing-cert', fires: true },
  // Advice that depends on the tries left waits until they are known.
  { name: 'ICF4031, tries not checked: no reset advice yet', facts: { now: NOW, errorCode: 'ICF4031' }, id: 'sign-pin-wrong', fires: true, steps: ['run-card-check'], noSteps: ['stop-guessing', 'kiosk-reset'] },
  { name: 'ICF4031 with 2 tries left: stop and reset', facts: { ...p, errorCode: 'ICF4031', signPinTriesLeft: 2 }, id: 'sign-pin-wrong', fires: true, steps: ['stop-guessing', 'kiosk-reset'], noSteps: ['run-card-check'] },
  { name: 'ICF4031 with 2 tries, certificate expired: no kiosk reset', facts: { ...p, errorCode: 'ICF4031', signPinTriesLeft: 2, authCertNotAfter: '2025-12-01' }, id: 'sign-pin-wrong', fires: true, steps: ['stop-guessing'], noSteps: ['kiosk-reset'] },
  { name: '4-digit PIN typed, tries not checked', facts: { now: NOW, enteredPinKind: 'four-digit' }, id: 'pin-kind-confusion', fires: true, noSteps: ['stop-guessing'] },
  { name: '4-digit PIN typed, 2 tries left', facts: { ...p, enteredPinKind: 'four-digit', signPinTriesLeft: 2 }, id: 'pin-kind-confusion', fires: true, steps: ['stop-guessing'] },
  // Wording and reassurance.
  {
    name: 'no signing certificate on the card: every reason is named',
    facts: { ...p, signCert: 'absent' },
    id: 'no-signing-cert',
    fires: true,
    evidence: [/face-authentication card/, /under 15/, /adult guardianship/, /declined/],
  },
  { name: 'face-auth answer only: the card-based reasons are not claimed', facts: { now: NOW, faceAuthCard: true }, id: 'no-signing-cert', fires: true, evidence: [/^You said this is a face-authentication card/] },
  { name: 'locked: the card and certificate are not damaged', facts: { ...p, signPinTriesLeft: 0 }, id: 'sign-pin-locked', fires: true, evidence: [/does not damage the card or the certificate/, /same certificate signs again/] },
  { name: 'expired: ends on the 5th birthday after issue', facts: { ...p, authCertNotAfter: '2025-11-01' }, id: 'cert-expired', fires: true, evidence: [/5th birthday after/] },
  { name: 'abroad, continuation not done or not sure', facts: { now: NOW, abroad: true, overseasContinuation: false }, id: 'abroad-without-continuation', fires: true, evidence: [/not sure/] },
  // Day counts are Japan calendar days: 23:59 on the 16th to 08:00 on the 26th is 10 days, not 9.
  {
    name: 'expired 10 calendar days ago in Japan (9.3 days by the clock)',
    facts: { ...p, now: '2026-11-26T08:00:00+09:00', authCertNotBefore: '2021-11-01', authCertNotAfter: '2026-11-16T23:59:59+09:00' },
    id: 'cert-expired',
    fires: true,
    evidence: [/expired on Mon 16 Nov \(10 days ago\)/],
  },
  {
    name: 'ends today in Japan, 23:59: not expired yet',
    facts: { ...p, now: '2026-11-16T08:00:00+09:00', authCertNotBefore: '2021-11-01', authCertNotAfter: '2026-11-16T23:59:59+09:00' },
    id: 'cert-expired',
    fires: false,
  },
  {
    name: 'ends in 90 calendar days (90.6 by the clock): soon',
    facts: { ...p, authCertNotAfter: '2026-04-14T23:59:59+09:00' },
    id: 'cert-expires-soon',
    fires: true,
    evidence: [/Tue 14 Apr \(in 90 days\)/],
  },
  { name: 'ends in 91 calendar days: not yet "soon"', facts: { ...p, authCertNotAfter: '2026-04-15T00:00:00+09:00' }, id: 'cert-expires-soon', fires: false },
  { name: 'nothing known yet', facts: { now: NOW }, id: 'card-check-needed', fires: true, steps: ['run-card-check'] },

  // Issue #7 §2/§3: each fix and new diagnosis fires in its case and not in a near miss.
  // §2.3 / §3 card-expired: the card's own end means a new card, not a renewal.
  {
    name: 'card front date passed, certificates ended with it: a new card, no date promised',
    facts: { ...p, authCertNotAfter: '2025-12-01T23:59:59+09:00', cardExpiresAt: '2025-12-01' },
    id: 'card-expired',
    fires: true,
    severity: 'blocker',
    steps: ['new-card', 'professional-agent'],
    noSteps: ['counter-renew-signing'],
    evidence: [/front of the card is Mon 1 Dec 2025/, /whichever comes first/, /period of stay/],
    earliestSigning: null,
  },
  { name: 'card date answered as past, yet its certificate is still valid: not expired', facts: { ...p, cardExpiresAt: '2025-12-01' }, id: 'card-expired', fires: false },
  { name: 'card date in the future', facts: { ...p, authCertNotAfter: '2025-12-01T23:59:59+09:00', cardExpiresAt: '2030-12-01' }, id: 'card-expired', fires: false },
  { name: 'card expired: not told to renew the certificate', facts: { ...p, authCertNotAfter: '2025-12-01T23:59:59+09:00', cardExpiresAt: '2025-12-01' }, id: 'cert-expired', fires: false },
  { name: 'certificate expired, card date unknown: says to look at the card', facts: { ...p, authCertNotAfter: '2025-12-01' }, id: 'cert-expired', fires: true, evidence: [/end date on the front of the card/, /foreign residents/] },
  // §2.9 / §3 card-suspended
  {
    name: 'ICF4032 after the card was reported lost: lift the suspension, issue a new certificate',
    facts: { ...p, errorCode: 'ICF4032', cardSuspendedAt: '2025-10-01' },
    id: 'card-suspended',
    fires: true,
    steps: ['counter-lift-suspension', 'counter-new-signing', 'wait-24h'],
    evidence: [/cannot be lifted by phone/],
    earliestSigning: '2026-01-15T10:00:00+09:00',
  },
  { name: 'never reported lost', facts: { ...p, errorCode: 'ICF4032', cardSuspendedAt: null }, id: 'card-suspended', fires: false },
  { name: 'suspended before the certificate was renewed', facts: { ...p, errorCode: 'ICF4032', cardSuspendedAt: '2025-10-01', certRenewedAt: '2025-10-20' }, id: 'card-suspended', fires: false },
  { name: 'ICF4032 explained by the suspension', facts: { ...p, errorCode: 'ICF4032', cardSuspendedAt: '2025-10-01' }, id: 'cert-revoked-or-expired', fires: false },
  // §2.1 / §3 abroad-with-continuation
  {
    name: 'abroad with continuation, overseas signing certificate not known: lapsed on departure',
    facts: { now: NOW, abroad: true, overseasContinuation: true },
    id: 'abroad-with-continuation',
    fires: true,
    steps: ['overseas-signing-cert', 'professional-agent'],
    noSteps: ['overseas-new-card', 'counter-new-signing'],
    evidence: [/not known yet/],
    earliestSigning: null,
  },
  { name: 'abroad with continuation and the overseas signing certificate issued', facts: { now: NOW, abroad: true, overseasContinuation: true, overseasSigningCert: true }, id: 'abroad-with-continuation', fires: false },
  { name: 'abroad with continuation is not "without"', facts: { now: NOW, abroad: true, overseasContinuation: true }, id: 'abroad-without-continuation', fires: false },
  // §3 moving-in-progress
  {
    name: 'move-out filed 4 days ago, no move-in yet',
    facts: { ...p, moveOutFiledAt: '2026-01-10' },
    id: 'moving-in-progress',
    fires: true,
    steps: ['move-in-notice', 'counter-new-signing'],
    evidence: [/4 days ago/, /within 14 days/, /30 days/],
    earliestSigning: null,
  },
  { name: 'not in the middle of a move', facts: { ...p, moveOutFiledAt: null }, id: 'moving-in-progress', fires: false },
  { name: 'mid-move: the relocation rule does not repeat it', facts: { ...p, moveOutFiledAt: '2026-01-10', movedAt: '2026-01-10' }, id: 'cert-revoked-relocation', fires: false },
  // §3 jpki-software-missing
  { name: 'JPKI user software missing', facts: { ...a, jpkiSoftware: 'missing' }, id: 'jpki-software-missing', fires: true, steps: ['install-jpki-software'], evidence: [/not installed/] },
  { name: 'JPKI user software outdated', facts: { ...a, jpkiSoftware: 'outdated' }, id: 'jpki-software-missing', fires: true, evidence: [/old version/] },
  { name: 'an ICF code comes from the JPKI software, so it is installed', facts: { ...a, jpkiSoftware: 'missing', errorCode: 'ICF4031' }, id: 'jpki-software-missing', fires: false },
  { name: 'JPKI user software installed', facts: { ...a, jpkiSoftware: 'installed' }, id: 'jpki-software-missing', fires: false },
  // §3 申請用総合ソフト on a Mac
  { name: 'Mac user planning the MOJ filing software', facts: { ...p, platform: 'darwin', signingTool: 'sogo-soft' }, id: 'sogo-soft-windows-only', fires: true, severity: 'blocker', steps: ['sogo-soft-windows', 'professional-agent'], earliestSigning: null },
  { name: 'Windows user planning the MOJ filing software', facts: { ...p, platform: 'win32', signingTool: 'sogo-soft' }, id: 'sogo-soft-windows-only', fires: false },
  // §3 ICカード切替
  { name: 'several card libraries, signing failed in the filing software', facts: { ...a, errorCode: 'ICF4031', multipleCardLibraries: true, signingTool: 'sogo-soft' }, id: 'card-library-switch', fires: true, steps: ['ic-card-switch'] },
  { name: 'several card libraries, signing in other software', facts: { ...a, errorCode: 'ICF4031', multipleCardLibraries: true, signingTool: 'other' }, id: 'card-library-switch', fires: false },
  { name: 'several card libraries, no signing attempt reported', facts: { ...p, multipleCardLibraries: true }, id: 'card-library-switch', fires: false },
  // §2.7 software-setup noise
  { name: 'tries were lost: not the software', facts: { ...a, errorCode: 'ICF4031', signPinTriesLeft: 4 }, id: 'software-setup', fires: false },
  { name: 'ICF4032 on a healthy card: not the software', facts: { ...a, errorCode: 'ICF4032' }, id: 'software-setup', fires: false },
  { name: 'the 4-digit PIN was typed: not the software', facts: { ...a, errorCode: 'ICF4031', enteredPinKind: 'four-digit' }, id: 'software-setup', fires: false },
  { name: 'a just-issued certificate explains it: not the software', facts: { ...a, errorCode: 'ICF4031', certRenewedAt: '2026-01-14T08:00:00+09:00' }, id: 'software-setup', fires: false },
  // §2.2 keychain: read the name; the tries-left guard
  {
    name: 'keychain dialog with 2 tries left: stop and reset',
    facts: { ...p, platform: 'darwin', macKeychainPrompt: true, signPinTriesLeft: 2 },
    id: 'mac-keychain-prompt',
    fires: true,
    steps: ['mac-keychain', 'stop-guessing', 'kiosk-reset'],
    evidence: [/tries left: 2/, /practitioners' experience/],
    earliestSigning: NOW,
  },
  { name: 'keychain dialog with 5 tries left: no reset advice', facts: { ...p, platform: 'darwin', macKeychainPrompt: true }, id: 'mac-keychain-prompt', fires: true, steps: ['mac-keychain'], noSteps: ['stop-guessing', 'kiosk-reset'] },
  { name: 'no keychain dialog', facts: { ...p, platform: 'darwin', macKeychainPrompt: false }, id: 'mac-keychain-prompt', fires: false },
  // §2.10 the 4-digit PIN at a kiosk is its own procedure, with the signing password
  { name: '4-digit PIN locked, signing password usable: kiosk reset of the 4-digit PIN', facts: { ...p, authPinTriesLeft: 0 }, id: 'auth-pin-locked', fires: true, steps: ['kiosk-reset-auth-pin', 'counter-reset-pin'], evidence: [/separate procedure/] },
  { name: 'both locked: no kiosk for the 4-digit PIN', facts: { ...p, authPinTriesLeft: 0, signPinTriesLeft: 0 }, id: 'auth-pin-locked', fires: true, noSteps: ['kiosk-reset-auth-pin'] },
  // §2.11 the holder can check revocation
  { name: 'ready to sign offers the validity check', facts: a, id: 'ready-to-sign', fires: true, steps: ['check-validity-in-jpki-software'], evidence: [/Check validity/] },

  { name: 'card already checked', facts: p, id: 'card-check-needed', fires: false },
];

describe('every diagnosis fires in its scenario and not in its near miss', () => {
  it.each(cases.map((c) => [c.fires ? 'fires' : 'near miss', c.id, c.name, c] as const))('%s %s: %s', (_k, _id, _n, c) => {
    const result = diagnose(c.facts, rules);
    const d = result.diagnoses.find((x) => x.id === c.id);
    if (!c.fires) {
      expect(d, `${c.id} should not fire`).toBeUndefined();
      return;
    }
    expect(d, `${c.id} should fire; got ${result.diagnoses.map((x) => x.id).join(', ')}`).toBeDefined();
    if (c.severity) expect(d!.severity).toBe(c.severity);
    expect(d!.evidence.length).toBeGreaterThan(0);
    // Evidence says what was found in each language, rendered, and is not the title again.
    for (const e of d!.evidence) {
      expect(e.ja).toMatch(/[ぁ-んァ-ヶ一-龠]{2}/);
      expect(e.en).toMatch(/[A-Za-z]{3,}\W+[A-Za-z]{2,}/);
      expect(e.en).not.toBe(e.ja);
      expect(e.en).not.toBe(d!.title.en);
    }
    for (const re of c.evidence ?? []) expect(d!.evidence.map((e) => e.en)).toContainEqual(expect.stringMatching(re));
    const stepIds = d!.steps.map((s) => s.id);
    for (const s of c.steps ?? []) expect(stepIds).toContain(s);
    for (const s of c.noSteps ?? []) expect(stepIds).not.toContain(s);
    if (c.earliestSigning !== undefined) expect(d!.earliestSigning ?? null).toBe(c.earliestSigning);
    for (const text of [d!.title, d!.summary, ...d!.evidence, ...d!.steps.map((s) => s.title)]) {
      expect(text.ja).not.toMatch(/[{}]/);
      expect(text.en).not.toMatch(/[{}]/);
    }
  });

  // The rule files of this suite; other files' rules have table tests next to their own code.
  const OWN_FILES = ['cert.yaml', 'environment.yaml', 'outcome.yaml', 'pin.yaml'].map((f) => `rules/diagnoses/${f}`);
  it('covers every diagnosis id of its rule files with a firing scenario and a near miss', () => {
    for (const id of [...rules.byId.keys()].filter((i) => OWN_FILES.includes(rules.byId.get(i)!.file))) {
      expect(cases.some((c) => c.id === id && c.fires), `firing case for ${id}`).toBe(true);
      expect(cases.some((c) => c.id === id && !c.fires), `near miss for ${id}`).toBe(true);
    }
  });

  it('implements every contract id', () => {
    const contract = [
      'pcsc-service-down', 'no-reader', 'no-card', 'card-communication', 'not-jpki-card', 'sign-pin-wrong', 'sign-pin-locked',
      'auth-pin-locked', 'pin-kind-confusion', 'cert-expired', 'cert-expires-soon', 'cert-revoked-relocation', 'cert-revoked-or-expired',
      'no-signing-cert', 'wait-after-renewal', 'mac-keychain-prompt', 'abroad-without-continuation', 'unknown-error-code', 'ready-to-sign',
      // issue #7 §3
      'moving-in-progress', 'card-expired', 'card-suspended', 'abroad-with-continuation', 'jpki-software-missing', 'sogo-soft-windows-only', 'card-library-switch',
    ];
    for (const id of contract) expect(rules.byId.has(id), id).toBe(true);
  });
});
