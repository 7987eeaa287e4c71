import type { Facts, FactName } from '../../src-main/contract/facts';
import { diagnose } from '../../src-main/engine';
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

export const PERSONS: Person[] = [
  { name: 'healthy, no code', card: card({ errorCode: null }), answers: { movedAt: null, nameChangedAt: null }, expected: 'ready-to-sign' },
  { name: 'healthy + ICF4031, typed the 4-digit PIN', card: card({ errorCode: 'ICF4031' }), answers: { enteredPinKind: 'four-digit', movedAt: null, nameChangedAt: null }, expected: 'pin-kind-confusion' },
  { name: 'sign-pin-locked + ICF4032', card: card({ errorCode: 'ICF4032', signPinTriesLeft: 0 }), answers: { movedAt: null }, expected: 'sign-pin-locked' },
  { name: 'sign-pin-locked + ICF4031', card: card({ errorCode: 'ICF4031', signPinTriesLeft: 0 }), answers: {}, expected: 'sign-pin-locked' },
  { name: 'one try left + ICF4031', card: card({ errorCode: 'ICF4031', signPinTriesLeft: 1 }), answers: { enteredPinKind: 'alphanumeric' }, expected: 'sign-pin-wrong' },
  { name: 'expired certificates + ICF4031', card: card({ errorCode: 'ICF4031', authCertNotBefore: '2020-11-01T10:00:00+09:00', authCertNotAfter: '2025-10-31T23:59:59+09:00' }), answers: {}, expected: 'cert-expired' },
  { name: 'expires soon, no code', card: card({ errorCode: null, authCertNotBefore: '2021-12-20T10:00:00+09:00', authCertNotAfter: '2026-12-25T23:59:59+09:00' }), answers: { movedAt: null, nameChangedAt: null, plannedSigningDate: '2026-12-01' }, expected: 'cert-expires-soon' },
  { name: 'face-auth card + ICF4031', card: card({ errorCode: 'ICF4031', signCert: 'absent' }), answers: {}, expected: 'no-signing-cert' },
  { name: 'renewed today + ICF4031', card: card({ errorCode: 'ICF4031', authCertNotBefore: '2026-11-25T09:00:00+09:00', authCertNotAfter: '2031-11-20T23:59:59+09:00' }), answers: {}, expected: 'wait-after-renewal' },
  { name: 'moved after issue + ICF4031', card: card({ errorCode: 'ICF4031' }), answers: { movedAt: '2025-08-01', enteredPinKind: 'alphanumeric' }, expected: 'cert-revoked-relocation' },
  { name: 'juki card', card: card({ errorCode: null, token: 'juki', signCert: 'unknown' }), answers: {}, expected: 'juki-card' },
  { name: 'not a JPKI card', card: { now: NOW, platform: 'win32', pcscService: 'ok', readerCount: 1, cardPresent: true, cardReadable: true, jpkiApplet: false }, answers: {}, expected: 'not-jpki-card' },
  { name: 'no reader + ICF4010', card: { now: NOW, platform: 'win32', errorCode: 'ICF4010', pcscService: 'ok', readerCount: 0 }, answers: {}, expected: 'no-reader' },
  { name: 'card not inserted + ICF4013', card: { now: NOW, platform: 'win32', errorCode: 'ICF4013', pcscService: 'ok', readerCount: 1, cardPresent: false }, answers: {}, expected: 'no-card' },
  { name: 'malformed certificate', card: card({ errorCode: null, certMalformed: true }), answers: {}, expected: 'cert-malformed' },
  { name: 'mac keychain prompt + ICF4031', card: card({ platform: 'darwin', errorCode: 'ICF4031' }), answers: { macKeychainPrompt: true, enteredPinKind: 'alphanumeric', movedAt: null, nameChangedAt: null }, expected: 'mac-keychain-prompt' },
];

export interface Conversation {
  person: Person;
  asked: FactName[];
  final: string;
  right: boolean;
}

/** Replays one person: ask, answer (or decline), until the engine has no question left. */
export function converse(person: Person, rules: RuleSet): Conversation {
  const facts: Facts = { ...person.card };
  const declined: FactName[] = [];
  const asked: FactName[] = [];
  for (let i = 0; i < 20; i++) {
    const r = diagnose(facts, rules, { declined });
    const q = r.nextQuestion;
    if (!q) {
      const final = r.diagnoses[0]?.id ?? '(none)';
      return { person, asked, final, right: final === person.expected };
    }
    asked.push(q.fact);
    if (q.fact in person.answers) (facts as Record<string, unknown>)[q.fact] = person.answers[q.fact];
    else declined.push(q.fact);
  }
  throw new Error(`${person.name}: more than 20 questions`);
}
