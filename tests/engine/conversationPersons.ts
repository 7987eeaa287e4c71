import type { Facts, FactName } from '../../src-main/contract/facts';
import { eventAnswerFacts } from '../../src-main/contract/diagnosis';
import { diagnose } from '../../src-main/engine';
import { deriveFacts } from '../../src-main/engine/deriveFacts';
import type { RuleSet } from '../../src-main/engine/ruleSet';
import { healthyCard } from './scenario';

/**
 * Realistic people for the conversation benchmark: the card state the (PIN-free)
 * card check reads, shaped like the emulator scenarios' facts, plus what the person
 * would answer if asked. A question whose fact is not in `answers` is declined
 * ("わからない"), as a person who does not remember would.
 */
export interface Person {
  name: string;
  card: Facts;
  answers: Partial<Facts>;
  /** Answers to event questions, by question id: the option picked and, when it asks for one, the date. */
  events?: Record<string, { option: string; date?: string }>;
  /** The diagnosis that must lead the final result. */
  expected: string;
}

export const NOW = '2026-11-25T12:00:00+09:00';

const base: Facts = {
  now: NOW,
  platform: 'win32',
  ...healthyCard,
  cardInUse: false,
  authCertNotBefore: '2024-05-01T10:00:00+09:00',
  authCertNotAfter: '2029-05-20T23:59:59+09:00',
};
const card = (over: Facts): Facts => ({ ...base, ...over });

const none = { lifeEvents: { option: 'none' } };
/** After the optional password check with a test signature (check --sign-test / the PIN screen): the signing certificate is read too. */
const signTested = (signatureTest: Facts['signatureTest'], over: Facts = {}): Facts =>
  card({
    signPinVerified: true,
    signPinTriesBeforeVerify: 5,
    signatureTest,
    signatureTestAt: NOW,
    signCertNotBefore: '2024-05-01T10:00:00+09:00',
    signCertNotAfter: '2029-05-20T23:59:59+09:00',
    ...over,
  });
const expiredCerts = { authCertNotBefore: '2020-11-01T10:00:00+09:00', authCertNotAfter: '2025-10-31T23:59:59+09:00' };
const expiresSoon = { authCertNotBefore: '2021-12-20T10:00:00+09:00', authCertNotAfter: '2026-12-25T23:59:59+09:00' };
const renewedToday = { authCertNotBefore: '2026-11-25T09:00:00+09:00', authCertNotAfter: '2031-11-20T23:59:59+09:00' };

// Every emulator scenario (src-main/emulator/scenarios.ts) appears with the ICF codes that fit it;
// the sign-key-mismatch and sign-refused scenarios only show after the password check with a test signature.
// Not here, and over the budget: card-library-switch as the final diagnosis (Windows, ICF4031, 5 tries
// left, other IC-card software) takes 4 questions - lifeEvents, enteredPinKind, multipleCardLibraries,
// signingTool - because each of them can change the primary diagnosis (a move revokes; "4 digits" is
// pin-kind-confusion; "e-Tax and so on" turns card-library-switch off again).
export const PERSONS: Person[] = [
  // healthy
  { name: 'healthy, no code', card: card({ errorCode: null }), answers: { plannedSigningDate: '2026-12-01' }, events: none, expected: 'ready-to-sign' },
  { name: 'healthy + ICF4031, typed the 4-digit PIN', card: card({ errorCode: 'ICF4031' }), answers: { enteredPinKind: 'four-digit' }, events: none, expected: 'pin-kind-confusion' },
  { name: 'healthy + ICF4031, typed the password, no other card software', card: card({ errorCode: 'ICF4031' }), answers: { enteredPinKind: 'alphanumeric', multipleCardLibraries: false }, events: none, expected: 'software-setup' },
  { name: 'healthy + ICF4031, remembers no password', card: card({ errorCode: 'ICF4031' }), answers: { enteredPinKind: 'never-set' }, events: none, expected: 'sign-pin-never-set' },
  { name: 'healthy + ICF4032, no move', card: card({ errorCode: 'ICF4032' }), answers: { cardSuspendedAt: null }, events: none, expected: 'cert-revoked-or-expired' },
  { name: 'healthy + ICF4032, name changed', card: card({ errorCode: 'ICF4032' }), answers: {}, events: { lifeEvents: { option: 'name-changed', date: '2026-03-10' } }, expected: 'cert-revoked-relocation' },
  { name: 'healthy + ICF4032, card once reported lost', card: card({ errorCode: 'ICF4032' }), answers: { cardSuspendedAt: '2025-02-01' }, events: none, expected: 'card-suspended' },
  { name: 'healthy + ICF4032, move-out filed, move-in not yet', card: card({ errorCode: 'ICF4032' }), answers: {}, events: { lifeEvents: { option: 'move-out-pending', date: '2026-11-10' } }, expected: 'moving-in-progress' },
  { name: 'healthy + ICF4032, abroad without continued use', card: card({ errorCode: 'ICF4032' }), answers: {}, events: { lifeEvents: { option: 'abroad' }, overseasArrangements: { option: 'no-continuation' } }, expected: 'abroad-without-continuation' },
  { name: 'healthy + ICF4032, abroad with continued use', card: card({ errorCode: 'ICF4032' }), answers: {}, events: { lifeEvents: { option: 'abroad' }, overseasArrangements: { option: 'continuation-only' } }, expected: 'abroad-with-continuation' },
  { name: 'healthy + ICF4010', card: card({ errorCode: 'ICF4010' }), answers: {}, expected: 'card-communication' },
  { name: 'healthy + ICF4013', card: card({ errorCode: 'ICF4013' }), answers: {}, expected: 'card-communication' },
  { name: 'healthy, no code, JPKI software not installed', card: card({ errorCode: null }), answers: { enteredPinKind: 'alphanumeric', jpkiSoftware: 'missing' }, events: none, expected: 'jpki-software-missing' },
  { name: 'moved after issue + ICF4031', card: card({ errorCode: 'ICF4031' }), answers: { enteredPinKind: 'alphanumeric' }, events: { lifeEvents: { option: 'moved', date: '2025-08-01' } }, expected: 'cert-revoked-relocation' },
  { name: 'mac keychain prompt + ICF4031', card: card({ platform: 'darwin', errorCode: 'ICF4031' }), answers: { macKeychainPrompt: true, enteredPinKind: 'alphanumeric' }, events: none, expected: 'mac-keychain-prompt' },
  { name: 'mac, plans the MOJ filing software, no code', card: card({ platform: 'darwin', errorCode: null }), answers: { signingTool: 'sogo-soft' }, events: none, expected: 'sogo-soft-windows-only' },
  // passwords
  { name: 'sign-pin-locked + ICF4032', card: card({ errorCode: 'ICF4032', signPinTriesLeft: 0 }), answers: { cardSuspendedAt: null }, events: none, expected: 'sign-pin-locked' },
  { name: 'sign-pin-locked + ICF4031', card: card({ errorCode: 'ICF4031', signPinTriesLeft: 0 }), answers: {}, expected: 'sign-pin-locked' },
  { name: 'sign-pin-locked (6983) + ICF4031, no move', card: card({ errorCode: 'ICF4031', signPinTriesLeft: 0 }), answers: {}, events: none, expected: 'sign-pin-locked' },
  { name: 'both locked + ICF4031', card: card({ errorCode: 'ICF4031', signPinTriesLeft: 0, authPinTriesLeft: 0 }), answers: {}, expected: 'sign-pin-locked' },
  { name: 'one try left + ICF4031', card: card({ errorCode: 'ICF4031', signPinTriesLeft: 1 }), answers: { enteredPinKind: 'alphanumeric' }, expected: 'sign-pin-wrong' },
  { name: 'sign-pin-2-left + ICF4031, typed the 4-digit PIN', card: card({ errorCode: 'ICF4031', signPinTriesLeft: 2 }), answers: { enteredPinKind: 'four-digit' }, events: none, expected: 'pin-kind-confusion' },
  { name: 'auth-pin-locked, no code', card: card({ errorCode: null, authPinTriesLeft: 0 }), answers: {}, events: none, expected: 'auth-pin-locked' },
  // certificates
  { name: 'expired certificates + ICF4031', card: card({ errorCode: 'ICF4031', ...expiredCerts }), answers: {}, expected: 'cert-expired' },
  { name: 'expired certificates + ICF4032, card itself valid', card: card({ errorCode: 'ICF4032', ...expiredCerts }), answers: { cardExpiresAt: '2030-06-01' }, events: none, expected: 'cert-expired' },
  { name: 'expired certificates and card + ICF4032', card: card({ errorCode: 'ICF4032', ...expiredCerts }), answers: { cardExpiresAt: '2025-10-31' }, expected: 'card-expired' },
  { name: 'expires soon, no code', card: card({ errorCode: null, ...expiresSoon }), answers: { plannedSigningDate: '2026-12-01' }, events: none, expected: 'cert-expires-soon' },
  { name: 'expires soon + ICF4031, typed the password', card: card({ errorCode: 'ICF4031', ...expiresSoon, signPinTriesLeft: 4 }), answers: { enteredPinKind: 'alphanumeric' }, events: none, expected: 'sign-pin-wrong' },
  { name: 'face-auth card + ICF4031', card: card({ errorCode: 'ICF4031', signCert: 'absent' }), answers: {}, expected: 'no-signing-cert' },
  { name: 'face-auth card (blank file), no code', card: card({ errorCode: null, signCert: 'absent' }), answers: { faceAuthCard: true }, expected: 'no-signing-cert' },
  { name: 'renewed today + ICF4031', card: card({ errorCode: 'ICF4031', ...renewedToday }), answers: {}, expected: 'wait-after-renewal' },
  { name: 'renewed today, no code', card: card({ errorCode: null, ...renewedToday }), answers: {}, events: none, expected: 'wait-after-renewal' },
  { name: 'malformed certificate', card: card({ errorCode: null, certMalformed: true }), answers: {}, expected: 'cert-malformed' },
  { name: 'malformed certificate + ICF4031', card: card({ errorCode: 'ICF4031', certMalformed: true }), answers: {}, events: none, expected: 'cert-malformed' },
  // after the password check with a test signature
  { name: 'signing key does not match its certificate + ICF4031', card: signTested('key-mismatch', { errorCode: 'ICF4031' }), answers: {}, expected: 'sign-key-mismatch' },
  { name: 'card refuses to sign (6A88) + ICF4031', card: signTested('refused', { errorCode: 'ICF4031', signatureTestSw: '6A88' }), answers: {}, expected: 'sign-operation-failed' },
  { name: 'test signature verified, no code', card: signTested('verified', { errorCode: null }), answers: {}, events: none, expected: 'signature-verified' },
  // other cards, the computer
  { name: 'juki card', card: card({ errorCode: null, token: 'juki', signCert: 'unknown' }), answers: {}, expected: 'juki-card' },
  { name: 'not a JPKI card', card: { now: NOW, platform: 'win32', pcscService: 'ok', readerCount: 1, cardPresent: true, cardReadable: true, jpkiApplet: false }, answers: {}, expected: 'not-jpki-card' },
  { name: 'no reader + ICF4010', card: { now: NOW, platform: 'win32', errorCode: 'ICF4010', pcscService: 'ok', readerCount: 0 }, answers: {}, expected: 'no-reader' },
  { name: 'card not inserted + ICF4013', card: { now: NOW, platform: 'win32', errorCode: 'ICF4013', pcscService: 'ok', readerCount: 1, cardPresent: false }, answers: {}, expected: 'no-card' },
  { name: 'smart-card service stopped + ICF4010', card: { now: NOW, platform: 'win32', errorCode: 'ICF4010', pcscService: 'unavailable' }, answers: {}, expected: 'pcsc-service-down' },
  { name: 'card held by another program + ICF4031', card: { now: NOW, platform: 'win32', errorCode: 'ICF4031', pcscService: 'ok', readerCount: 1, cardPresent: true, cardInUse: true }, answers: {}, expected: 'card-in-use' },
];

export interface Conversation {
  person: Person;
  /** Question ids in the order asked (a one-fact question's id is its fact). */
  asked: string[];
  /** The facts each asked question could settle, with the facts known when it was asked (implied ones included). */
  askedAbout: { facts: FactName[]; known: FactName[] }[];
  final: string;
  right: boolean;
}

/**
 * Replays one person as the wizard would: ask, answer (or decline), until the
 * engine has no question left. An event question is answered by the person's
 * `events` choice (eventAnswerFacts), declined otherwise; declining sends all of
 * its facts, as the wizard does.
 */
export function converse(person: Person, rules: RuleSet): Conversation {
  const facts: Facts = { ...person.card };
  const declined: FactName[] = [];
  const asked: string[] = [];
  const askedAbout: Conversation['askedAbout'] = [];
  for (let i = 0; i < 20; i++) {
    const r = diagnose(facts, rules, { declined });
    const q = r.nextQuestion;
    if (!q) {
      const final = r.diagnoses[0]?.id ?? '(none)';
      return { person, asked, askedAbout, final, right: final === person.expected };
    }
    asked.push(q.id ?? q.fact);
    const known = Object.keys(deriveFacts(facts)).filter((f) => (deriveFacts(facts) as Record<string, unknown>)[f] !== undefined) as FactName[];
    askedAbout.push({ facts: q.facts ?? [q.fact], known });
    if (q.kind === 'event') {
      const choice = person.events?.[q.id!];
      const patch = choice ? eventAnswerFacts(q, choice.option, choice.date) : null;
      if (choice && !patch) throw new Error(`${person.name}: "${choice.option}" is not a complete answer to ${q.id}`);
      if (patch) Object.assign(facts, patch);
      else declined.push(...q.facts!);
    } else if (q.fact in person.answers) (facts as Record<string, unknown>)[q.fact] = person.answers[q.fact];
    else declined.push(q.fact);
  }
  throw new Error(`${person.name}: more than 20 questions`);
}
