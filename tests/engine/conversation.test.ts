import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src-main/engine';
import { deriveFacts } from '../../src-main/engine/deriveFacts';
import { SCENARIO_NAMES } from '../../src-main/emulator/scenarios';
import { PERSONS, converse } from './conversationPersons';

// Correctness half of the conversation benchmark (npm run bench -- conversation prints the counts):
// every person ends on the right diagnosis, with at most 3 questions after the card check (issue 9).
const rules = loadRules();
const MAX_QUESTIONS = 3;
const conversations = PERSONS.map((p) => converse(p, rules));

describe('conversation: every person ends on the right diagnosis within the question budget', () => {
  it('has at least 12 people, names unique', () => {
    expect(PERSONS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(PERSONS.map((p) => p.name)).size).toBe(PERSONS.length);
  });

  it('names every emulator scenario among its people', () => {
    const names = PERSONS.map((p) => p.name).join('\n');
    const alias: Record<string, string> = { 'sign-pin-locked-6983': 'sign-pin-locked (6983)', 'both-locked': 'both locked', 'not-jpki': 'not a JPKI card', 'juki-card': 'juki card', 'renewed-today': 'renewed today', 'malformed-cert': 'malformed certificate', expired: 'expired certificates', 'expires-soon': 'expires soon', 'sign-key-mismatch': 'signing key does not match', 'sign-refused': 'refuses to sign', 'auth-pin-locked': 'auth-pin-locked', 'sign-pin-2-left': 'sign-pin-2-left', 'sign-pin-locked': 'sign-pin-locked', healthy: 'healthy' };
    for (const s of SCENARIO_NAMES) expect(names, s).toContain(alias[s] ?? (s.startsWith('face-auth') ? 'face-auth card' : s));
  });

  it.each(conversations.map((c) => [c.person.name, c] as const))('%s', (_name, c) => {
    expect(c.final).toBe(c.person.expected);
    expect(c.asked.length).toBeLessThanOrEqual(MAX_QUESTIONS);
    // No question is asked twice, and none about what the card (or what follows from it) already answered.
    expect(new Set(c.asked).size).toBe(c.asked.length);
    for (const { facts, known } of c.askedAbout) {
      const fromCard = Object.keys(deriveFacts(c.person.card));
      expect(facts.every((f) => fromCard.includes(f)), `${facts.join(',')} all known from the card`).toBe(false);
      // A one-fact question is never about a known fact; a combined one still has an unknown fact.
      expect(facts.some((f) => !known.includes(f))).toBe(true);
    }
  });

  it('averages at most 2 questions', () => {
    const mean = conversations.reduce((n, c) => n + c.asked.length, 0) / conversations.length;
    expect(mean).toBeLessThanOrEqual(2);
  });

  it.each(PERSONS.map((p) => [p.name, p] as const))('same conversation with the implied facts spelled out: %s', (_name, person) => {
    const spelled = converse({ ...person, card: deriveFacts(person.card) }, rules);
    const plain = conversations.find((c) => c.person === person)!;
    expect(spelled.asked).toEqual(plain.asked);
    expect(spelled.final).toBe(plain.final);
  });
});
