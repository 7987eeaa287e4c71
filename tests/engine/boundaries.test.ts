import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import type { Severity } from '../../src-main/contract/diagnosis';
import { evaluate, triAll, triAny, triNot, type EvalContext, type Tri } from '../../src-main/engine/evaluate';
import { evaluateRules } from '../../src-main/engine/evaluateRules';
import { nextQuestion } from '../../src-main/engine/nextQuestion';
import { loadRules } from '../../src-main/engine/loadRules';
import type { RuleSet } from '../../src-main/engine/ruleSet';
import { cond, eventQ, q, ruleSet } from './handRules';

/**
 * The engine's edges, with small hand-made conditions and rule sets (independent
 * of rules/, which changes): comparisons exactly at their bounds, equal dates,
 * "never" (null) against "unknown" (undefined) inside any/all, and which question
 * comes first.
 */
const NOW = '2026-11-25T12:00:00+09:00';
const NOW_MS = Date.parse(NOW);
const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function ctxOf(facts: Facts, extra: Partial<EvalContext> = {}): EvalContext {
  return { facts, nowMs: NOW_MS, diagnosis: () => undefined, noneFiredWithSeverity: () => true, ...extra };
}
const ev = (raw: unknown, facts: Facts, extra?: Partial<EvalContext>): Tri => evaluate(cond(raw), ctxOf(facts, extra));

describe('three-valued logic', () => {
  const T = true;
  const F = false;
  const U = undefined;

  it('all: any false wins, else any unknown, else true', () => {
    expect(triAll([T, T])).toBe(true);
    expect(triAll([T, U])).toBe(undefined);
    expect(triAll([U, F])).toBe(false);
    expect(triAll([F, U])).toBe(false);
    expect(triAll([U, U])).toBe(undefined);
    expect(triAll([])).toBe(true);
  });

  it('any: any true wins, else any unknown, else false', () => {
    expect(triAny([F, F])).toBe(false);
    expect(triAny([F, U])).toBe(undefined);
    expect(triAny([U, T])).toBe(true);
    expect(triAny([T, U])).toBe(true);
    expect(triAny([U, U])).toBe(undefined);
    expect(triAny([])).toBe(false);
  });

  it('not keeps unknown unknown', () => {
    expect(triNot(true)).toBe(false);
    expect(triNot(false)).toBe(true);
    expect(triNot(undefined)).toBe(undefined);
  });

  it('unknown facts stay unknown inside any and all, and decide nothing on their own', () => {
    const facts: Facts = { cardPresent: true };
    expect(ev({ any: [{ fact: 'abroad', eq: true }, { fact: 'cardPresent', eq: false }] }, facts)).toBe(undefined);
    expect(ev({ any: [{ fact: 'abroad', eq: true }, { fact: 'cardPresent', eq: true }] }, facts)).toBe(true);
    expect(ev({ all: [{ fact: 'abroad', eq: true }, { fact: 'cardPresent', eq: true }] }, facts)).toBe(undefined);
    expect(ev({ all: [{ fact: 'abroad', eq: true }, { fact: 'cardPresent', eq: false }] }, facts)).toBe(false);
    expect(ev({ not: { fact: 'abroad', eq: true } }, facts)).toBe(undefined);
  });

  it('stops at the first deciding item', () => {
    const asked: string[] = [];
    const diagnosis = (id: string): Tri => {
      asked.push(id);
      return id === 'yes' ? true : false;
    };
    expect(ev({ any: [{ diagnosis: 'yes' }, { diagnosis: 'later' }] }, {}, { diagnosis })).toBe(true);
    expect(ev({ all: [{ diagnosis: 'no' }, { diagnosis: 'later' }] }, {}, { diagnosis })).toBe(false);
    expect(asked).toEqual(['yes', 'no']);
  });

  it('treats another rule as fired or not (two-valued), never unknown', () => {
    const diagnosis = (id: string): Tri => (id === 'fired' ? true : id === 'off' ? false : undefined);
    expect(ev({ diagnosis: 'fired' }, {}, { diagnosis })).toBe(true);
    expect(ev({ diagnosis: 'open' }, {}, { diagnosis })).toBe(false);
    expect(ev({ notDiagnosis: 'open' }, {}, { diagnosis })).toBe(true);
    expect(ev({ notDiagnosis: 'fired' }, {}, { diagnosis })).toBe(false);
    expect(ev({ notDiagnosis: 'off' }, {}, { diagnosis })).toBe(true);
  });

  it('asks the context about severities', () => {
    const seen: Severity[][] = [];
    const noneFiredWithSeverity = (s: Severity[]) => {
      seen.push(s);
      return false;
    };
    expect(ev({ noDiagnosisWithSeverity: ['blocker', 'warning'] }, {}, { noneFiredWithSeverity })).toBe(false);
    expect(seen).toEqual([['blocker', 'warning']]);
  });
});

describe('fact tests', () => {
  it('known/unknown answer for any value, even a false one or null', () => {
    expect(ev({ fact: 'abroad', known: true }, {})).toBe(false);
    expect(ev({ fact: 'abroad', unknown: true }, {})).toBe(true);
    expect(ev({ fact: 'abroad', known: true }, { abroad: false })).toBe(true);
    expect(ev({ fact: 'abroad', unknown: true }, { abroad: false })).toBe(false);
    expect(ev({ fact: 'movedAt', known: true }, { movedAt: null })).toBe(true);
  });

  it('every comparison of an unknown fact is unknown', () => {
    for (const raw of [
      { fact: 'abroad', eq: true },
      { fact: 'abroad', ne: true },
      { fact: 'token', in: ['mynumber'] },
      { fact: 'token', notIn: ['mynumber'] },
      { fact: 'signPinTriesLeft', lt: 3 },
      { fact: 'movedAt', after: 'now' },
      { fact: 'certRenewedAt', hoursSince: { lt: 24 } },
    ]) {
      expect(ev(raw, {}), JSON.stringify(raw)).toBe(undefined);
    }
  });

  it('eq, ne, in, notIn', () => {
    expect(ev({ fact: 'token', eq: 'juki' }, { token: 'juki' })).toBe(true);
    expect(ev({ fact: 'token', eq: 'juki' }, { token: 'other' })).toBe(false);
    expect(ev({ fact: 'token', ne: 'juki' }, { token: 'juki' })).toBe(false);
    expect(ev({ fact: 'token', ne: 'juki' }, { token: 'other' })).toBe(true);
    expect(ev({ fact: 'token', in: ['juki', 'other'] }, { token: 'other' })).toBe(true);
    expect(ev({ fact: 'token', in: ['juki', 'other'] }, { token: 'mynumber' })).toBe(false);
    expect(ev({ fact: 'token', notIn: ['juki', 'other'] }, { token: 'mynumber' })).toBe(true);
    expect(ev({ fact: 'token', notIn: ['juki', 'other'] }, { token: 'juki' })).toBe(false);
  });

  it('number comparisons exactly at the bound', () => {
    const at = (op: string, value: number, n: number) => ev({ fact: 'signPinTriesLeft', [op]: value }, { signPinTriesLeft: n });
    expect([at('lt', 2, 1), at('lt', 2, 2), at('lt', 2, 3)]).toEqual([true, false, false]);
    expect([at('lte', 2, 1), at('lte', 2, 2), at('lte', 2, 3)]).toEqual([true, true, false]);
    expect([at('gt', 2, 1), at('gt', 2, 2), at('gt', 2, 3)]).toEqual([false, false, true]);
    expect([at('gte', 2, 1), at('gte', 2, 2), at('gte', 2, 3)]).toEqual([false, true, true]);
  });

  it('a number comparison on a value that is not a number is false, not a coercion', () => {
    const facts = { signPinTriesLeft: '1' } as unknown as Facts;
    for (const op of ['lt', 'lte', 'gt', 'gte']) expect(ev({ fact: 'signPinTriesLeft', [op]: 1 }, facts), op).toBe(false);
  });
});

describe('date comparisons', () => {
  const issued = '2024-04-01T10:00:00+09:00';

  it('equal dates are neither before nor after each other (a move on the issue day, same minute)', () => {
    const facts: Facts = { movedAt: issued, signCertNotBefore: issued };
    expect(ev({ fact: 'movedAt', after: { fact: 'signCertNotBefore' } }, facts)).toBe(false);
    expect(ev({ fact: 'movedAt', before: { fact: 'signCertNotBefore' } }, facts)).toBe(false);
  });

  it('one millisecond decides', () => {
    const later: Facts = { movedAt: iso(Date.parse(issued) + 1), signCertNotBefore: issued };
    expect(ev({ fact: 'movedAt', after: { fact: 'signCertNotBefore' } }, later)).toBe(true);
    expect(ev({ fact: 'movedAt', before: { fact: 'signCertNotBefore' } }, later)).toBe(false);
    const earlier: Facts = { movedAt: iso(Date.parse(issued) - 1), signCertNotBefore: issued };
    expect(ev({ fact: 'movedAt', after: { fact: 'signCertNotBefore' } }, earlier)).toBe(false);
    expect(ev({ fact: 'movedAt', before: { fact: 'signCertNotBefore' } }, earlier)).toBe(true);
  });

  it('a bare date is midnight in Japan', () => {
    // 2024-04-01 (JST midnight) is 2024-03-31T15:00Z.
    expect(ev({ fact: 'movedAt', before: '2024-03-31T15:00:01Z' }, { movedAt: '2024-04-01' })).toBe(true);
    expect(ev({ fact: 'movedAt', after: '2024-03-31T14:59:59Z' }, { movedAt: '2024-04-01' })).toBe(true);
    expect(ev({ fact: 'movedAt', after: '2024-03-31T15:00:00Z' }, { movedAt: '2024-04-01' })).toBe(false);
  });

  it('compares with now', () => {
    expect(ev({ fact: 'signCertNotAfter', before: 'now' }, { signCertNotAfter: iso(NOW_MS - 1) })).toBe(true);
    expect(ev({ fact: 'signCertNotAfter', before: 'now' }, { signCertNotAfter: iso(NOW_MS) })).toBe(false);
    expect(ev({ fact: 'signCertNotAfter', after: 'now' }, { signCertNotAfter: iso(NOW_MS + 1) })).toBe(true);
  });

  it('"never" (null) is neither before nor after, on either side; unknown stays unknown', () => {
    expect(ev({ fact: 'movedAt', after: { fact: 'signCertNotBefore' } }, { movedAt: null, signCertNotBefore: issued })).toBe(false);
    expect(ev({ fact: 'movedAt', before: { fact: 'signCertNotBefore' } }, { movedAt: null, signCertNotBefore: issued })).toBe(false);
    expect(ev({ fact: 'signCertNotBefore', after: { fact: 'movedAt' } }, { movedAt: null, signCertNotBefore: issued })).toBe(false);
    expect(ev({ fact: 'signCertNotBefore', before: { fact: 'movedAt' } }, { movedAt: null, signCertNotBefore: issued })).toBe(false);
    expect(ev({ fact: 'signCertNotBefore', after: { fact: 'movedAt' } }, { signCertNotBefore: issued })).toBe(undefined);
    expect(ev({ fact: 'movedAt', after: { fact: 'signCertNotBefore' } }, { movedAt: issued })).toBe(undefined);
  });

  it('"never" inside any/all is a plain false, unlike unknown', () => {
    const movedAfter = { fact: 'movedAt', after: { fact: 'signCertNotBefore' } };
    const renamedAfter = { fact: 'nameChangedAt', after: { fact: 'signCertNotBefore' } };
    const base: Facts = { signCertNotBefore: issued };
    expect(ev({ any: [movedAfter, renamedAfter] }, { ...base, movedAt: null, nameChangedAt: null })).toBe(false);
    expect(ev({ any: [movedAfter, renamedAfter] }, { ...base, movedAt: null })).toBe(undefined);
    expect(ev({ all: [{ not: movedAfter }, { not: renamedAfter }] }, { ...base, movedAt: null, nameChangedAt: null })).toBe(true);
    expect(ev({ all: [{ not: movedAfter }, { not: renamedAfter }] }, { ...base, nameChangedAt: null })).toBe(undefined);
  });
});

describe('time spans', () => {
  const renewed = (hoursAgo: number): Facts => ({ certRenewedAt: iso(NOW_MS - hoursAgo * HOUR) });
  const hours = (range: object, facts: Facts) => ev({ fact: 'certRenewedAt', hoursSince: range }, facts);

  it('the renewal wait is over at exactly 24 h, not before', () => {
    expect(hours({ lt: 24 }, renewed(24))).toBe(false);
    expect(hours({ lt: 24 }, renewed(24 - 1 / 3600))).toBe(true);
    expect(hours({ lte: 24 }, renewed(24))).toBe(true);
    expect(hours({ lte: 24 }, renewed(24 + 1 / 3600))).toBe(false);
    expect(hours({ gte: 24 }, renewed(24))).toBe(true);
    expect(hours({ gt: 24 }, renewed(24))).toBe(false);
    expect(hours({ gt: 24 }, renewed(24 + 1 / 3600))).toBe(true);
  });

  it('a renewal dated in the future is a negative span (in range only when the range allows it)', () => {
    expect(hours({ lt: 24 }, renewed(-5))).toBe(true);
    expect(hours({ gte: 0, lt: 24 }, renewed(-5))).toBe(false);
    expect(hours({ gte: 0, lt: 24 }, renewed(0))).toBe(true);
  });

  it('every bound of a range applies', () => {
    expect(hours({ gt: 1, lt: 24 }, renewed(1))).toBe(false);
    expect(hours({ gt: 1, lt: 24 }, renewed(2))).toBe(true);
    expect(hours({ gte: 2, lte: 3 }, renewed(3))).toBe(true);
    expect(hours({ gte: 2, lte: 3 }, renewed(1))).toBe(false);
    expect(hours({ gte: 2, lte: 3 }, renewed(4))).toBe(false);
  });

  it('"never renewed" is outside every span', () => {
    expect(hours({ lt: 24 }, { certRenewedAt: null })).toBe(false);
    expect(hours({ gte: 0 }, { certRenewedAt: null })).toBe(false);
  });

  it('counts days as Japan calendar days, both ways', () => {
    // 23:59 JST yesterday and 00:01 JST today are one calendar day apart.
    const now = Date.parse('2026-11-25T00:01:00+09:00');
    const ctx = { nowMs: now };
    const yesterdayLate = '2026-11-24T23:59:00+09:00';
    expect(ev({ fact: 'signCertNotAfter', daysSince: { gte: 1 } }, { signCertNotAfter: yesterdayLate }, ctx)).toBe(true);
    expect(ev({ fact: 'signCertNotAfter', daysSince: { gte: 2 } }, { signCertNotAfter: yesterdayLate }, ctx)).toBe(false);
    expect(ev({ fact: 'signCertNotAfter', daysUntil: { lt: 0 } }, { signCertNotAfter: yesterdayLate }, ctx)).toBe(true);
    const inThirty = '2026-12-25T23:00:00+09:00';
    expect(ev({ fact: 'signCertNotAfter', daysUntil: { lte: 30 } }, { signCertNotAfter: inThirty }, ctx)).toBe(true);
    expect(ev({ fact: 'signCertNotAfter', daysUntil: { lt: 30 } }, { signCertNotAfter: inThirty }, ctx)).toBe(false);
    expect(ev({ fact: 'signCertNotAfter', daysSince: { lte: -30 } }, { signCertNotAfter: inThirty }, ctx)).toBe(true);
    expect(ev({ fact: 'signCertNotAfter', daysUntil: { gte: 0 } }, { signCertNotAfter: null } as unknown as Facts, ctx)).toBe(false);
  });
});

/* ---------- rule sets made by hand: tests/engine/handRules.ts ---------- */

describe('evaluateRules', () => {
  it('orders fired rules by priority, then by file order', () => {
    const rules = ruleSet([
      { id: 'a', priority: 20, when: { fact: 'cardPresent', eq: true } },
      { id: 'b', priority: 10, when: { fact: 'cardPresent', eq: true } },
      { id: 'c', priority: 20, when: { fact: 'cardPresent', eq: true } },
      { id: 'off', priority: 1, when: { fact: 'cardPresent', eq: false } },
      { id: 'open', priority: 1, when: { fact: 'abroad', eq: true } },
    ]);
    const e = evaluateRules({ now: NOW, cardPresent: true }, rules);
    expect(e.fired).toEqual(['b', 'a', 'c']);
    expect([...e.status]).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
      ['off', false],
      ['open', undefined],
    ]);
  });

  it('takes now from the facts, a bare date as midnight in Japan', () => {
    expect(evaluateRules({ now: NOW }, ruleSet([])).nowMs).toBe(NOW_MS);
    expect(evaluateRules({ now: '2026-11-25' }, ruleSet([])).nowMs).toBe(Date.parse('2026-11-24T15:00:00Z'));
  });

  it('uses the clock when the facts carry no now', () => {
    const before = Date.now();
    const e = evaluateRules({}, ruleSet([{ id: 'fresh', when: { fact: 'certRenewedAt', hoursSince: { lt: 1 } } }]));
    const after = Date.now();
    expect(e.nowMs).toBeGreaterThanOrEqual(before);
    expect(e.nowMs).toBeLessThanOrEqual(after);
    expect(evaluateRules({ certRenewedAt: new Date().toISOString() }, ruleSet([{ id: 'fresh', when: { fact: 'certRenewedAt', hoursSince: { lt: 1 } } }])).fired).toEqual(['fresh']);
  });

  it('normalises the error code the rules see, and leaves facts without one as they are', () => {
    const rules = ruleSet([{ id: 'icf', when: { fact: 'errorCode', eq: 'ICF4031' } }]);
    const e = evaluateRules({ now: NOW, errorCode: ' ｉｃｆ ４０３１ ' }, rules);
    expect(e.facts.errorCode).toBe('ICF4031');
    expect(e.fired).toEqual(['icf']);
    const plain: Facts = { now: NOW };
    expect(evaluateRules(plain, rules).facts).toBe(plain);
  });

  it('sees severities only of rules that definitely fired, and only those asked about', () => {
    const rules = ruleSet([
      { id: 'warn', severity: 'warning', when: { fact: 'cardPresent', eq: true } },
      { id: 'maybe-blocker', severity: 'blocker', when: { fact: 'abroad', eq: true } },
      { id: 'no-blocker', severity: 'info', when: { noDiagnosisWithSeverity: ['blocker'] } },
      { id: 'no-warning', severity: 'info', when: { noDiagnosisWithSeverity: ['warning'] } },
    ]);
    const e = evaluateRules({ now: NOW, cardPresent: true }, rules);
    expect(e.status.get('no-blocker')).toBe(true);
    expect(e.status.get('no-warning')).toBe(false);
    expect(evaluateRules({ now: NOW, cardPresent: true, abroad: true }, rules).status.get('no-blocker')).toBe(false);
  });

  it('lets a rule follow or suppress another by id', () => {
    const rules = ruleSet([
      { id: 'first', when: { fact: 'cardPresent', eq: true } },
      { id: 'follows', severity: 'info', when: { diagnosis: 'first' } },
      { id: 'instead', severity: 'info', when: { notDiagnosis: 'first' } },
    ]);
    expect(evaluateRules({ now: NOW, cardPresent: true }, rules).fired).toEqual(['first', 'follows']);
    expect(evaluateRules({ now: NOW, cardPresent: false }, rules).fired).toEqual(['instead']);
  });
});

describe('nextQuestion', () => {
  const nextQ = (rules: RuleSet, facts: Facts, declined: string[] = []) => nextQuestion(evaluateRules({ now: NOW, ...facts }, rules), rules, declined);
  const next = (rules: RuleSet, facts: Facts, declined: string[] = []) => nextQ(rules, facts, declined)?.fact ?? null;

  const twoBlockers = ruleSet(
    [
      { id: 'abroad-blocker', when: { fact: 'abroad', eq: true } },
      { id: 'keychain-blocker', when: { fact: 'macKeychainPrompt', eq: true } },
    ],
    [q('abroad'), q('macKeychainPrompt')],
  );

  it('asks in questions.yaml order, among questions that matter', () => {
    expect(next(twoBlockers, {})).toBe('abroad');
    const swapped = { ...twoBlockers, questions: [...twoBlockers.questions].reverse() } as RuleSet;
    expect(next(swapped, {})).toBe('macKeychainPrompt');
  });

  it('skips known and declined facts, then stops', () => {
    expect(next(twoBlockers, { abroad: false })).toBe('macKeychainPrompt');
    expect(next(twoBlockers, {}, ['abroad'])).toBe('macKeychainPrompt');
    expect(next(twoBlockers, { abroad: false, macKeychainPrompt: false })).toBeNull();
    expect(next(twoBlockers, {}, ['abroad', 'macKeychainPrompt'])).toBeNull();
  });

  it('does not ask what cannot change the outcome', () => {
    const rules = ruleSet([{ id: 'b', when: { fact: 'cardPresent', eq: false } }], [q('abroad'), q('cardPresent')]);
    expect(next(rules, {})).toBe('cardPresent');
  });

  it('lets a question wait for the card check (askAfter) while others can be asked', () => {
    const rules = { ...twoBlockers, askAfter: new Map([['abroad', ['cardPresent']]]) } as RuleSet;
    expect(next(rules, {})).toBe('macKeychainPrompt');
    expect(next(rules, { cardPresent: true })).toBe('abroad');
    // Once nothing else is left, the waiting question is asked anyway.
    expect(next(rules, { macKeychainPrompt: false })).toBe('abroad');
  });

  it('asks a date question whose only telling answer is "never" (null)', () => {
    const rules = ruleSet([{ id: 'never-moved', severity: 'warning', when: { fact: 'movedAt', eq: null } }], [q('movedAt', 'date-or-never')]);
    expect(next(rules, {})).toBe('movedAt');
  });

  it('samples dates around known dates too, not only around now', () => {
    // Issued 20 years before now: only answers near that date can fall before it.
    const rules = ruleSet([{ id: 'moved-before-issue', when: { fact: 'movedAt', before: { fact: 'signCertNotBefore' } } }], [q('movedAt', 'date')]);
    expect(next(rules, { signCertNotBefore: iso(NOW_MS - 20 * 365 * 24 * HOUR) })).toBe('movedAt');
    expect(next(rules, {})).toBeNull();
  });

  it('samples hour-level thresholds around now', () => {
    const rules = ruleSet([{ id: 'fresh', when: { fact: 'certRenewedAt', hoursSince: { gte: 0, lt: 2 } } }], [q('certRenewedAt', 'date')]);
    expect(next(rules, {})).toBe('certRenewedAt');
  });

  it('asks a choice question only through its offered answers', () => {
    const options = [
      { value: 'four-digit', label: { ja: '4桁', en: '4 digits' } },
      { value: 'alphanumeric', label: { ja: '英数字', en: 'letters and digits' } },
    ];
    const rules = ruleSet([{ id: 'wrong-pin-kind', when: { fact: 'enteredPinKind', eq: 'four-digit' } }], [q('enteredPinKind', 'choice', options)]);
    expect(next(rules, {})).toBe('enteredPinKind');
    const noTellingOption = ruleSet([{ id: 'unsure', when: { fact: 'enteredPinKind', eq: 'unsure' } }], [q('enteredPinKind', 'choice', options)]);
    expect(next(noTellingOption, {})).toBeNull();
  });

  it('counts a change in the primary diagnosis\'s steps; a second blocker\'s steps do not count', () => {
    const stepOfPrimary = ruleSet(
      [{ id: 'primary', priority: 1, when: { fact: 'cardPresent', eq: true }, steps: [{ value: 'counter' }, { value: 'embassy', when: { fact: 'abroad', eq: false } }] }],
      [q('abroad')],
    );
    expect(next(stepOfPrimary, { cardPresent: true })).toBe('abroad');
    // Near miss: the answer only adds a second blocker (with its own remedy) below the primary one.
    const secondBlocker = ruleSet(
      [
        { id: 'primary', priority: 1, when: { fact: 'cardPresent', eq: true }, steps: [{ value: 'counter' }] },
        { id: 'second', priority: 2, when: { fact: 'abroad', eq: true }, steps: [{ value: 'embassy' }] },
      ],
      [q('abroad')],
    );
    expect(next(secondBlocker, { cardPresent: true })).toBeNull();
  });

  it('counts a blocker step whose own condition an answer turns off', () => {
    const rules = ruleSet(
      [{ id: 'primary', when: { fact: 'cardPresent', eq: true }, steps: [{ value: 'counter' }, { value: 'embassy', when: { fact: 'abroad', eq: true } }] }],
      [q('abroad')],
    );
    expect(next(rules, { cardPresent: true })).toBe('abroad');
  });

  it('a warning matters only when it would become the primary diagnosis', () => {
    const rules = (warningPriority: number) =>
      ruleSet(
        [
          { id: 'ready', severity: 'info', priority: 10, when: { fact: 'cardPresent', eq: true } },
          { id: 'warning', severity: 'warning', priority: warningPriority, when: { fact: 'abroad', eq: true } },
        ],
        [q('abroad')],
      );
    expect(next(rules(5), { cardPresent: true })).toBe('abroad');
    // Near miss: the same warning ranked below what is already first changes nothing the person does first.
    expect(next(rules(20), { cardPresent: true })).toBeNull();
  });

  it('counts a change in the primary diagnosis\'s earliest-signing moment', () => {
    const timing = loadRules().timing;
    const withRoutes = { ...ruleSet([{ id: 'locked', when: { fact: 'cardPresent', eq: true } }], [q('abroad')]), timing } as RuleSet;
    const locked = withRoutes.byId.get('locked')!;
    (locked as { earliestSigning: unknown[] }).earliestSigning = [
      { when: cond({ fact: 'abroad', eq: false }), value: 'counter-issue' },
      { value: 'now' },
    ];
    expect(next(withRoutes, { cardPresent: true })).toBe('abroad');
    // Near miss: one route whatever the answer.
    (locked as { earliestSigning: unknown[] }).earliestSigning = [{ value: 'counter-issue' }];
    expect(next(withRoutes, { cardPresent: true })).toBeNull();
  });

  it('with a diagnosis that ends the conversation first, nothing is asked', () => {
    const rules = ruleSet([{ id: 'no-reader', priority: 1, when: { fact: 'readerCount', eq: 0 }, steps: [{ value: 'plug-in' }, { value: 'embassy', when: { fact: 'abroad', eq: true } }] }], [q('abroad')]);
    expect(next(rules, { readerCount: 0 })).toBe('abroad');
    expect(next({ ...rules, endConversationOn: new Set(['no-reader']) } as RuleSet, { readerCount: 0 })).toBeNull();
    // Near miss: the same set with another diagnosis first still asks.
    expect(next({ ...rules, endConversationOn: new Set(['no-card']) } as RuleSet, { readerCount: 0 })).toBe('abroad');
  });

  it('an info line that is not the primary diagnosis never makes a question worth asking', () => {
    const rules = ruleSet(
      [
        { id: 'main', severity: 'info', priority: 1, when: { fact: 'cardPresent', eq: true } },
        { id: 'remark', severity: 'info', priority: 9, when: { fact: 'abroad', eq: true } },
      ],
      [q('abroad')],
    );
    expect(next(rules, { cardPresent: true })).toBeNull();
  });

  it('does not ask a question that only opens another (no look-ahead): such facts are asked together as one event question', () => {
    const rule = [{ id: 'abroad-no-continuation', when: { all: [{ fact: 'abroad', eq: true }, { fact: 'overseasContinuation', eq: false }] } }];
    const separate = ruleSet(rule, [q('faceAuthCard'), q('abroad'), q('overseasContinuation')]);
    // Neither answer alone changes the result.
    expect(next(separate, {})).toBeNull();
    expect(next(separate, { abroad: true })).toBe('overseasContinuation');
    const together = ruleSet(rule, [q('faceAuthCard'), eventQ('abroadAndContinuation', [['lapsed', { abroad: true, overseasContinuation: false }], ['kept', { abroad: true, overseasContinuation: true }], ['home', { abroad: false }]])]);
    expect(nextQ(together, {})?.id).toBe('abroadAndContinuation');
    expect(next(together, { abroad: false })).toBeNull();
  });

  it('prefers a question that matters now over one that only opens another', () => {
    const rules = ruleSet(
      [
        { id: 'abroad-no-continuation', when: { all: [{ fact: 'abroad', eq: true }, { fact: 'overseasContinuation', eq: false }] } },
        { id: 'keychain', when: { fact: 'macKeychainPrompt', eq: true } },
      ],
      [q('abroad'), q('overseasContinuation'), q('macKeychainPrompt')],
    );
    expect(next(rules, {})).toBe('macKeychainPrompt');
  });
});

describe('nextQuestion with event questions (one answer, several facts)', () => {
  const nextQ = (rules: RuleSet, facts: Facts, declined: string[] = []) => nextQuestion(evaluateRules({ now: NOW, ...facts }, rules), rules, declined);
  const moved = ruleSet(
    [{ id: 'revoked', when: { all: [{ fact: 'movedAt', before: 'now' }, { fact: 'movedAt', after: { fact: 'authCertNotBefore' } }] } }],
    [
      eventQ('lifeEvents', [
        ['moved', { nameChangedAt: null }, 'movedAt'],
        ['name', { movedAt: null }, 'nameChangedAt'],
        ['none', { movedAt: null, nameChangedAt: null }],
      ]),
    ],
  );
  const card = { authCertNotBefore: '2024-05-01T10:00:00+09:00' } satisfies Facts;

  it('is asked when one option with a sampled date changes the outcome', () => {
    const question = nextQ(moved, card)!;
    expect(question.id).toBe('lifeEvents');
    expect(question.kind).toBe('event');
  });

  it('near miss: not asked when the option that matters contradicts a known fact', () => {
    // movedAt is known to be "never": the "moved" option is impossible, the others change nothing.
    expect(nextQ(moved, { ...card, movedAt: null })).toBeNull();
  });

  it('is closed once an option has been applied, even with a fact it leaves open', () => {
    // "moved" settles movedAt and nameChangedAt; "name" and "none" now contradict movedAt.
    expect(nextQ(moved, { ...card, movedAt: '2025-01-01', nameChangedAt: null })).toBeNull();
  });

  it('is declined by its id or by any of its facts; near miss: declining another question', () => {
    expect(nextQ(moved, card, ['lifeEvents'])).toBeNull();
    expect(nextQ(moved, card, ['nameChangedAt'])).toBeNull();
    expect(nextQ(moved, card, ['abroad'])?.id).toBe('lifeEvents');
  });

  it('answers only by its options: a date option with no date fact cannot be tried', () => {
    const noDate = ruleSet(moved.diagnoses.map((d) => ({ id: d.id, when: { all: [{ fact: 'movedAt', before: 'now' }, { fact: 'movedAt', after: { fact: 'authCertNotBefore' } }] } })), [
      eventQ('lifeEvents', [
        ['name', { movedAt: null }, 'nameChangedAt'],
        ['none', { movedAt: null, nameChangedAt: null }],
      ]),
    ]);
    expect(nextQ(noDate, card)).toBeNull();
  });

  it('takes its place in questions.yaml order like any question', () => {
    const rules = ruleSet(
      [
        ...moved.diagnoses.map((d) => ({ id: d.id, when: { all: [{ fact: 'movedAt', before: 'now' }, { fact: 'movedAt', after: { fact: 'authCertNotBefore' } }] } })),
        { id: 'keychain', when: { fact: 'macKeychainPrompt', eq: true } },
      ],
      [q('macKeychainPrompt'), ...moved.questions],
    );
    expect(nextQ(rules, card)?.id).toBe('macKeychainPrompt');
    expect(nextQ({ ...rules, questions: [...rules.questions].reverse() } as RuleSet, card)?.id).toBe('lifeEvents');
  });

  it('limits sampled dates to plausibleDays', () => {
    const rules = ruleSet([{ id: 'late', severity: 'warning', when: { fact: 'plannedSigningDate', after: { fact: 'authCertNotAfter' } } }], [q('plannedSigningDate', 'date')]);
    const facts = { authCertNotAfter: '2029-05-20T23:59:59+09:00' } satisfies Facts;
    expect(nextQ(rules, facts)?.fact).toBe('plannedSigningDate');
    expect(nextQ({ ...rules, plausibleDays: new Map([['plannedSigningDate', { from: 0, to: 365 }]]) } as RuleSet, facts)).toBeNull();
    // Near miss: a certificate ending within the window keeps the question.
    expect(nextQ({ ...rules, plausibleDays: new Map([['plannedSigningDate', { from: 0, to: 365 }]]) } as RuleSet, { authCertNotAfter: '2026-06-01T23:59:59+09:00' })?.fact).toBe('plannedSigningDate');
  });
});
