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

  { name: 'abroad without continuation', facts: { now: NOW, abroad: true, overseasContinuation: false }, id: 'abroad-without-continuation', fires: true, steps: ['overseas-continuation', 'professional-agent'] },
  { name: 'abroad with continuation', facts: { now: NOW, abroad: true, overseasContinuation: true }, id: 'abroad-without-continuation', fires: false },

  { name: 'signing cert expired', facts: { ...p, signCertNotAfter: '2025-12-31T23:59:59+09:00' }, id: 'cert-expired', fires: true, evidence: [/expired on 31 December 2025, 14 days ago/] },
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

  { name: 'moved after issue (auth date)', facts: { ...p, movedAt: '2025-06-01' }, id: 'cert-revoked-relocation', fires: true, evidence: [/moved on 1 June 2025/, /inference/, /authentication certificate/] },
  { name: 'name changed after the signing cert was issued', facts: { ...p, signCertNotBefore: '2023-04-01', nameChangedAt: '2024-02-10' }, id: 'cert-revoked-relocation', fires: true, evidence: [/name changed on 10 February 2024/] },
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
    earliestSigning: '2026-01-14T11:00:00+09:00',
  },
  {
    name: 'both PINs locked: counter',
    facts: { ...p, signPinTriesLeft: 0, authPinTriesLeft: 0 },
    id: 'sign-pin-locked',
    fires: true,
    steps: ['counter-reset-pin', 'counter-hours'],
    noSteps: ['kiosk-reset'],
    earliestSigning: '2026-01-15T10:00:00+09:00',
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
    evidence: [/10 July 2026/],
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
    evidence: [/expired on 16 November 2026 \(10 days ago\)/],
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
    evidence: [/14 April 2026 \(in 90 days\)/],
  },
  { name: 'ends in 91 calendar days: not yet "soon"', facts: { ...p, authCertNotAfter: '2026-04-15T00:00:00+09:00' }, id: 'cert-expires-soon', fires: false },
  { name: 'nothing known yet', facts: { now: NOW }, id: 'card-check-needed', fires: true, steps: ['run-card-check'] },
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

  it('covers every diagnosis id in the rules with a firing scenario and a near miss', () => {
    for (const id of rules.byId.keys()) {
      expect(cases.some((c) => c.id === id && c.fires), `firing case for ${id}`).toBe(true);
      expect(cases.some((c) => c.id === id && !c.fires), `near miss for ${id}`).toBe(true);
    }
  });

  it('implements every contract id', () => {
    const contract = [
      'pcsc-service-down', 'no-reader', 'no-card', 'card-communication', 'not-jpki-card', 'sign-pin-wrong', 'sign-pin-locked',
      'auth-pin-locked', 'pin-kind-confusion', 'cert-expired', 'cert-expires-soon', 'cert-revoked-relocation', 'cert-revoked-or-expired',
      'no-signing-cert', 'wait-after-renewal', 'mac-keychain-prompt', 'abroad-without-continuation', 'unknown-error-code', 'ready-to-sign',
    ];
    for (const id of contract) expect(rules.byId.has(id), id).toBe(true);
  });
});
