import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import { evaluateRules } from '../../src-main/engine/evaluateRules';
import { nextQuestion, outcomeKey } from '../../src-main/engine/nextQuestion';
import type { RuleSet } from '../../src-main/engine/ruleSet';
import { eventQ, q, ruleSet } from './handRules';

/**
 * The question policy's edges the mutation run found untested: the plausible-date
 * window exactly at its bounds, the parts of the outcome comparison (routes whose
 * condition is undecided, ids that run together), every answer world evaluated at
 * the same instant, and event questions with nothing left to add.
 */
const NOW = '2026-11-25T12:00:00+09:00';
const NOW_MS = Date.parse(NOW);
const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const nextOf = (rules: RuleSet, facts: Facts, declined: string[] = []) => nextQuestion(evaluateRules({ now: NOW, ...facts }, rules), rules, declined);
const next = (rules: RuleSet, facts: Facts, declined: string[] = []) => nextOf(rules, facts, declined)?.id ?? null;
const key = (rules: RuleSet, facts: Facts) => outcomeKey(evaluateRules({ now: NOW, ...facts }, rules), rules);

describe('plausibleDays: the window of dates tried includes both of its ends', () => {
  // Samples around now are now ± 1, 12, 23, 25, 48 h and ± 7, 30 … days: 48 h is exactly 2 days.
  const renewedLongAgo = (from: number, to: number) =>
    ruleSet([{ id: 'long-ago', when: { fact: 'certRenewedAt', hoursSince: { gte: 48 } } }], [q('certRenewedAt', 'date')], {
      plausibleDays: [['certRenewedAt', { from, to }]],
    });
  const plannedLate = (from: number, to: number) =>
    ruleSet([{ id: 'late', when: { fact: 'plannedSigningDate', hoursSince: { lte: -48 } } }], [q('plannedSigningDate', 'date')], {
      plausibleDays: [['plannedSigningDate', { from, to }]],
    });

  it('a date exactly `from` days before now is tried', () => {
    expect(next(renewedLongAgo(-2, 0), {})).toBe('certRenewedAt');
    // Near miss: a window starting one day ago holds no date 48 h back.
    expect(next(renewedLongAgo(-1, 0), {})).toBeNull();
  });

  it('a date exactly `to` days after now is tried', () => {
    expect(next(plannedLate(0, 2), {})).toBe('plannedSigningDate');
    expect(next(plannedLate(0, 1), {})).toBeNull();
  });

  it('the window is counted from now, in days, on both sides', () => {
    // A window of ±2 days around now: the 48-h dates on either side are in it, the 7-day ones are not.
    expect(next(renewedLongAgo(-2, 2), {})).toBe('certRenewedAt');
    expect(next(plannedLate(-2, 2), {})).toBe('plannedSigningDate');
    const weekAgo = ruleSet([{ id: 'week', when: { fact: 'certRenewedAt', hoursSince: { gte: 7 * 24 } } }], [q('certRenewedAt', 'date')], {
      plausibleDays: [['certRenewedAt', { from: -2, to: 2 }]],
    });
    expect(next(weekAgo, {})).toBeNull();
  });

  it('applies to the dates sampled for an event option too', () => {
    const rules = (from: number) =>
      ruleSet([{ id: 'moved-long-ago', when: { fact: 'movedAt', hoursSince: { gte: 48 } } }], [eventQ('lifeEvents', [['moved', { nameChangedAt: null }, 'movedAt'], ['none', { movedAt: null, nameChangedAt: null }]])], {
        plausibleDays: [['lifeEvents', { from, to: 0 }]],
      });
    expect(next(rules(-2), {})).toBe('lifeEvents');
    expect(next(rules(-1), {})).toBeNull();
  });
});

describe('date samples are taken around dates, never around other kinds of facts', () => {
  // A rule that only a date neither before nor after now could fire ("a date no comparison can place").
  const unplaceable = ruleSet(
    [
      {
        id: 'unplaceable',
        when: { all: [{ fact: 'plannedSigningDate', known: true }, { not: { fact: 'plannedSigningDate', before: 'now' } }, { not: { fact: 'plannedSigningDate', after: 'now' } }] },
      },
    ],
    [q('plannedSigningDate', 'date')],
  );

  it('an error code, a token or "never" beside the question is no date to sample around', () => {
    // Every sampled date is a real instant ≠ now, so the rule can never fire: nothing to ask.
    expect(next(unplaceable, {})).toBeNull();
    expect(next(unplaceable, { errorCode: 'ICF4031', token: 'juki', nameChangedAt: null, signCertNotBefore: '2024-05-01T10:00:00+09:00' })).toBeNull();
  });
});

describe('outcomeKey: what the person must do first, compared as a whole', () => {
  it('an earliest-signing route whose condition is undecided is not taken', () => {
    const routes = (first: { value: 'counter-issue'; when?: unknown }) =>
      ruleSet([{ id: 'locked', when: { fact: 'cardPresent', eq: true }, routes: [first, { value: 'now' }] }]);
    const guarded = routes({ value: 'counter-issue', when: { fact: 'abroad', eq: false } });
    const nowOnly = ruleSet([{ id: 'locked', when: { fact: 'cardPresent', eq: true }, routes: [{ value: 'now' }] }]);
    const counterOnly = ruleSet([{ id: 'locked', when: { fact: 'cardPresent', eq: true }, routes: [{ value: 'counter-issue' }] }]);
    const facts: Facts = { cardPresent: true };
    expect(key(guarded, facts)).toBe(key(nowOnly, facts));
    expect(key(guarded, { ...facts, abroad: true })).toBe(key(nowOnly, facts));
    expect(key(guarded, { ...facts, abroad: false })).toBe(key(counterOnly, facts));
    expect(key(counterOnly, facts)).not.toBe(key(nowOnly, facts));
  });

  it('a step whose condition is undecided counts as shown, one definitely off does not', () => {
    const rules = ruleSet([{ id: 'p', when: { fact: 'cardPresent', eq: true }, steps: [{ value: 'counter' }, { value: 'embassy', when: { fact: 'abroad', eq: true } }] }]);
    const both = ruleSet([{ id: 'p', when: { fact: 'cardPresent', eq: true }, steps: [{ value: 'counter' }, { value: 'embassy' }] }]);
    const counterOnly = ruleSet([{ id: 'p', when: { fact: 'cardPresent', eq: true }, steps: [{ value: 'counter' }] }]);
    expect(key(rules, { cardPresent: true })).toBe(key(both, { cardPresent: true }));
    expect(key(rules, { cardPresent: true, abroad: true })).toBe(key(both, { cardPresent: true }));
    expect(key(rules, { cardPresent: true, abroad: false })).toBe(key(counterOnly, { cardPresent: true }));
    expect(key(counterOnly, { cardPresent: true })).not.toBe(key(both, { cardPresent: true }));
  });

  it('keeps a diagnosis id and its steps apart: "ab" with step "c" is not "a" with step "bc"', () => {
    const ab = ruleSet([{ id: 'ab', when: { fact: 'cardPresent', eq: true }, steps: [{ value: 'c' }] }]);
    const a = ruleSet([{ id: 'a', when: { fact: 'cardPresent', eq: true }, steps: [{ value: 'bc' }] }]);
    expect(key(ab, { cardPresent: true })).not.toBe(key(a, { cardPresent: true }));
  });

  it('keeps steps apart: steps "a", "b" are not one step "ab"', () => {
    const rules = ruleSet([
      {
        id: 'p',
        when: { fact: 'cardPresent', eq: true },
        steps: [
          { value: 'a', when: { fact: 'abroad', eq: true } },
          { value: 'b', when: { fact: 'abroad', eq: true } },
          { value: 'ab', when: { fact: 'abroad', eq: false } },
        ],
      },
    ]);
    expect(key(rules, { cardPresent: true, abroad: true })).not.toBe(key(rules, { cardPresent: true, abroad: false }));
  });

  it('with nothing fired, every world compares equal', () => {
    const rules = ruleSet([{ id: 'p', when: { fact: 'cardPresent', eq: true } }]);
    expect(key(rules, {})).toBe(key(rules, { cardPresent: false, abroad: true }));
    expect(key(rules, {})).not.toBe(key(rules, { cardPresent: true }));
  });
});

describe('every answer is judged at the same instant as the unanswered case', () => {
  // The primary diagnosis can be signed at once ("now"); the question cannot change that.
  const rules = ruleSet([{ id: 'ready', severity: 'info', when: { fact: 'cardPresent', eq: true }, routes: [{ value: 'now' }] }], [q('abroad')]);

  it('a now with milliseconds (the wizard sends the clock as it is) does not make every answer look different', () => {
    const e = evaluateRules({ now: '2026-11-25T12:00:00.500+09:00', cardPresent: true }, rules);
    expect(nextQuestion(e, rules)).toBeNull();
  });

  it('without a now in the facts (the clock is read), nothing is asked either', () => {
    const e = evaluateRules({ cardPresent: true }, rules);
    expect(nextQuestion(e, rules)).toBeNull();
  });

  it('near miss: a route the answer does change is asked about', () => {
    const guarded = ruleSet(
      [{ id: 'ready', severity: 'info', when: { fact: 'cardPresent', eq: true }, routes: [{ value: 'counter-issue', when: { fact: 'abroad', eq: true } }, { value: 'now' }] }],
      [q('abroad')],
    );
    const e = evaluateRules({ now: '2026-11-25T12:00:00.500+09:00', cardPresent: true }, guarded);
    expect(nextQuestion(e, guarded)?.fact).toBe('abroad');
  });
});

/** Revoked when the person moved after the certificate was issued; one event question asks about a move or a name change. */
const revoked = { id: 'revoked', when: { all: [{ fact: 'movedAt', before: 'now' }, { fact: 'movedAt', after: { fact: 'authCertNotBefore' } }] } };
const lifeEvents = eventQ('lifeEvents', [
  ['moved', { nameChangedAt: null }, 'movedAt'],
  ['name', { movedAt: null }, 'nameChangedAt'],
  ['none', { movedAt: null, nameChangedAt: null }],
]);

describe('event questions with nothing left to add', () => {
  const card = { authCertNotBefore: '2024-05-01T10:00:00+09:00' } satisfies Facts;

  it('is not asked once all its facts are known, whatever rule would care', () => {
    const rules = ruleSet([revoked], [lifeEvents]);
    expect(next(rules, { ...card, movedAt: iso(NOW_MS - 24 * HOUR), nameChangedAt: null })).toBeNull();
    expect(next(rules, { ...card, movedAt: null, nameChangedAt: null })).toBeNull();
  });

  it('gives way to the next question when it is closed', () => {
    const rules = ruleSet([revoked, { id: 'keychain', when: { fact: 'macKeychainPrompt', eq: true } }], [lifeEvents, q('macKeychainPrompt')]);
    expect(next(rules, card)).toBe('lifeEvents');
    expect(next(rules, { ...card, movedAt: null, nameChangedAt: null })).toBe('macKeychainPrompt');
  });
});

describe('endConversationOn', () => {
  const rules = (end: string[]) =>
    ruleSet(
      [
        { id: 'no-reader', priority: 1, when: { fact: 'readerCount', eq: 0 }, steps: [{ value: 'plug-in' }, { value: 'embassy', when: { fact: 'abroad', eq: true } }] },
        { id: 'later', priority: 9, when: { fact: 'readerCount', eq: 1 }, steps: [{ value: 'embassy', when: { fact: 'abroad', eq: true } }] },
      ],
      [q('abroad')],
      { endConversationOn: end },
    );

  it('ends the conversation only when the listed diagnosis is the primary one', () => {
    expect(next(rules(['no-reader']), { readerCount: 0 })).toBeNull();
    expect(next(rules(['no-reader']), { readerCount: 1 })).toBe('abroad');
    expect(next(rules(['later']), { readerCount: 0 })).toBe('abroad');
  });

  it('with nothing fired, the conversation goes on', () => {
    expect(next(rules(['no-reader']), {})).toBeNull();
    const askable = ruleSet([{ id: 'no-reader', when: { fact: 'readerCount', eq: 0 } }], [q('readerCount', 'choice', [{ value: 0 as unknown as string, label: { ja: '0', en: '0' } }])], {
      endConversationOn: ['no-reader'],
    });
    expect(next(askable, {})).toBe('readerCount');
  });
});

describe('event options that contradict what is known are not tried', () => {
  // Abroad without the continued-use procedure is a blocker.
  const rules = ruleSet(
    [{ id: 'abroad-lapsed', when: { fact: 'abroad', eq: true } }],
    [
      eventQ('residence', [
        ['abroad-lapsed', { abroad: true, overseasContinuation: false }],
        ['home', { abroad: false }],
      ]),
    ],
  );

  it('one contradicting fact in an option is enough to leave it out', () => {
    // Known: the continued-use procedure was done. "Abroad, lapsed" is impossible; "at home" changes nothing.
    expect(next(rules, { overseasContinuation: true })).toBeNull();
    // Near miss: nothing known, so "abroad, lapsed" is possible and decides.
    expect(next(rules, {})).toBe('residence');
    expect(next(rules, { overseasContinuation: false })).toBe('residence');
  });

  it('a date already known is not tried again through its option', () => {
    const revoked = { id: 'revoked', when: { all: [{ fact: 'movedAt', before: 'now' }, { fact: 'movedAt', after: { fact: 'authCertNotBefore' } }] } };
    const lifeEvents = eventQ('lifeEvents', [
      ['moved', { nameChangedAt: null }, 'movedAt'],
      ['name', { movedAt: null }, 'nameChangedAt'],
    ]);
    const moved = ruleSet([revoked], [lifeEvents]);
    // The move date is known (before the certificate: no revocation); only "no name change" is left, which decides nothing.
    expect(next(moved, { authCertNotBefore: '2024-05-01T10:00:00+09:00', movedAt: '2023-01-01' })).toBeNull();
    // Near miss: the move date unknown, so its sampled dates decide.
    expect(next(moved, { authCertNotBefore: '2024-05-01T10:00:00+09:00' })).toBe('lifeEvents');
  });
});

describe('an event question stays open while any of its facts is unknown', () => {

  it('knowing there was no name change still leaves "when did you move?" to ask', () => {
    const rules = ruleSet([revoked], [lifeEvents]);
    expect(next(rules, { authCertNotBefore: '2024-05-01T10:00:00+09:00', nameChangedAt: null })).toBe('lifeEvents');
  });
});

describe('askAfter with several card facts', () => {
  const rules = ruleSet(
    [
      { id: 'abroad-blocker', when: { fact: 'abroad', eq: true } },
      { id: 'keychain-blocker', when: { fact: 'macKeychainPrompt', eq: true } },
    ],
    [q('abroad'), q('macKeychainPrompt')],
    { askAfter: [['abroad', ['cardPresent', 'signCert']]] },
  );

  it('waits until every one of them is known', () => {
    expect(next(rules, {})).toBe('macKeychainPrompt');
    expect(next(rules, { cardPresent: false })).toBe('macKeychainPrompt');
    expect(next(rules, { cardPresent: false, signCert: 'unknown' })).toBe('abroad');
  });
});

describe('date samples without a now in the facts, and choice questions', () => {
  it('samples around the clock when the facts carry no now', () => {
    const fresh = ruleSet([{ id: 'fresh', when: { fact: 'certRenewedAt', hoursSince: { gte: 0, lt: 2 } } }], [q('certRenewedAt', 'date')]);
    expect(nextQuestion(evaluateRules({}, fresh), fresh)?.fact).toBe('certRenewedAt');
  });

  it('tries a choice question only with its offered answers, never with dates', () => {
    const options = [
      { value: 'four-digit', label: { ja: '4桁', en: '4 digits' } },
      { value: 'alphanumeric', label: { ja: '英数字', en: 'letters and digits' } },
    ];
    const other = ruleSet([{ id: 'other-kind', when: { fact: 'enteredPinKind', notIn: ['four-digit', 'alphanumeric'] } }], [q('enteredPinKind', 'choice', options)]);
    expect(next(other, {})).toBeNull();
  });
});
