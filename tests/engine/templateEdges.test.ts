import { describe, expect, it } from 'vitest';
import { renderText, templateProblems } from '../../src-main/engine/template';

/** Every kind of placeholder, every word for a missing or yes/no value, and every authoring mistake. */
const NOW = Date.parse('2026-01-14T10:00:00+09:00'); // Wednesday
const both = (s: string) => ({ ja: s, en: s });

describe('renderText values', () => {
  it('prints unknown, never, yes and no in each language', () => {
    const text = both('{abroad}/{movedAt}/{cardPresent}');
    expect(renderText(text, { movedAt: null, cardPresent: true }, NOW)).toEqual({ ja: '不明/なし/はい', en: 'unknown/never/yes' });
    expect(renderText(both('{cardPresent}'), { cardPresent: false }, NOW)).toEqual({ ja: 'いいえ', en: 'no' });
  });

  it('prints dates as people write them, Japan time, and other values as they are', () => {
    expect(renderText(both('{signCertNotAfter}'), { signCertNotAfter: '2026-03-01T15:30:00Z' }, NOW)).toEqual({ ja: '3月2日(月)', en: 'Mon 2 Mar' });
    expect(renderText(both('{now}'), {}, NOW)).toEqual({ ja: '1月14日(水)', en: 'Wed 14 Jan' });
    expect(renderText(both('{errorCode} {signPinTriesLeft}'), { errorCode: 'ICF4031', signPinTriesLeft: 0 }, NOW).en).toBe('ICF4031 0');
  });

  it('counts calendar days both ways and whole hours, never below zero', () => {
    const facts = { signCertNotAfter: '2026-01-20T01:00:00+09:00', certRenewedAt: '2026-01-14T07:30:00+09:00', authCertNotAfter: '2026-01-10T23:00:00+09:00' };
    expect(renderText(both('{daysUntil:signCertNotAfter}|{daysSince:authCertNotAfter}|{hoursSince:certRenewedAt}'), facts, NOW).en).toBe('6|4|2');
    expect(renderText(both('{daysSince:signCertNotAfter}|{daysUntil:authCertNotAfter}'), facts, NOW).en).toBe('0|0');
    expect(renderText(both('{hoursSince:certRenewedAt}'), { certRenewedAt: '2026-01-14T09:00:01+09:00' }, NOW).en).toBe('0');
    expect(renderText(both('{daysSince:movedAt}'), { movedAt: null }, NOW)).toEqual({ ja: 'なし', en: 'never' });
    expect(renderText(both('{daysUntil:signCertNotAfter|day}'), {}, NOW)).toEqual({ ja: '不明', en: 'unknown' });
  });

  it('puts the unit after a count: singular only for exactly one, Japanese counters without a space', () => {
    const text = { ja: '{signPinTriesLeft|try}', en: '{signPinTriesLeft|try}' };
    expect(renderText(text, { signPinTriesLeft: 0 }, NOW)).toEqual({ ja: '0回', en: '0 tries' });
    expect(renderText(text, { signPinTriesLeft: 1 }, NOW)).toEqual({ ja: '1回', en: '1 try' });
    expect(renderText(text, { signPinTriesLeft: 2 }, NOW)).toEqual({ ja: '2回', en: '2 tries' });
    expect(renderText(both('{hoursSince:certRenewedAt|hour}'), { certRenewedAt: '2026-01-14T07:00:00+09:00' }, NOW)).toEqual({ ja: '3時間', en: '3 hours' });
    expect(renderText(both('{daysSince:authCertNotAfter|day}'), { authCertNotAfter: '2026-01-13T12:00:00+09:00' }, NOW)).toEqual({ ja: '1日', en: '1 day' });
  });

  it('leaves text without placeholders, and each language its own text', () => {
    expect(renderText({ ja: 'あ{abroad}', en: 'a {abroad}' }, { abroad: true }, NOW)).toEqual({ ja: 'あはい', en: 'a yes' });
    expect(renderText(both('braces that are no placeholder: {} {1} {a-b}'), {}, NOW).en).toBe('braces that are no placeholder: {} {1} {a-b}');
  });
});

describe('templateProblems', () => {
  it.each([
    ['{nope}', 'placeholder {nope}: unknown fact "nope"'],
    ['{weeksUntil:signCertNotAfter}', 'placeholder {weeksUntil:signCertNotAfter}: unknown function "weeksUntil" (use daysUntil/daysSince/hoursSince)'],
    ['{daysUntil:abroad}', 'placeholder {daysUntil:abroad}: "abroad" is not a date fact'],
    ['{daysUntil:nope}', 'placeholder {daysUntil:nope}: "nope" is not a date fact'],
    ['{daysUntil:signCertNotAfter|week}', 'placeholder {daysUntil:signCertNotAfter|week}: unknown unit "week" (use day/hour/try)'],
    ['{abroad|try}', 'placeholder {abroad|try}: a unit needs a number (a count fact or a days/hours function)'],
    ['{nope|try}', 'placeholder {nope|try}: a unit needs a number (a count fact or a days/hours function)'],
  ])('%s', (text, problem) => {
    expect(templateProblems(text)).toEqual([problem]);
  });

  it('accepts now, facts, functions on dates and units on counts, and lists every problem', () => {
    expect(templateProblems('{now} {abroad} {hoursSince:certRenewedAt|hour} {authPinTriesLeft|try} {daysSince:movedAt}')).toEqual([]);
    expect(templateProblems('{a1} {nope} {other}')).toHaveLength(2);
  });
});
