import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src-main/engine';
import { PERSONS, converse } from './conversationPersons';

// Correctness half of the conversation benchmark (npm run bench -- conversation prints the counts).
const rules = loadRules();

describe('conversation: every person ends on the right diagnosis', () => {
  it('has at least 12 people', () => expect(PERSONS.length).toBeGreaterThanOrEqual(12));
  it.each(PERSONS.map((p) => [p.name, p] as const))('%s', (_name, person) => {
    const c = converse(person, rules);
    expect(c.final).toBe(person.expected);
    // No question is asked twice and none the card already answered.
    expect(new Set(c.asked).size).toBe(c.asked.length);
    for (const fact of c.asked) expect(person.card[fact]).toBeUndefined();
  }, 60_000);
});
