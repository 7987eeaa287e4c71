import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src-main/engine';
import { humanDate, humanDateTime, humanEarliest } from '../../src-main/engine/humanDate';
import { renderText } from '../../src-main/engine/template';
import { formatJstLongDate, jstCalendarDays, parseInstant } from '../../src-main/engine/time';
import { healthyProbe as p, rules } from './scenario';

const ms = parseInstant;

describe('dates in evidence are Japan calendar dates, in each language', () => {
  it.each([
    ['2026-11-16T23:59:59+09:00', '2026年11月16日', '16 November 2026'],
    // 20:00 UTC on the 15th is already the 16th in Japan.
    ['2026-11-15T20:00:00Z', '2026年11月16日', '16 November 2026'],
    ['2026-01-01', '2026年1月1日', '1 January 2026'],
  ])('%s → %s / %s', (iso, ja, en) => {
    expect(formatJstLongDate(ms(iso), 'ja')).toBe(ja);
    expect(formatJstLongDate(ms(iso), 'en')).toBe(en);
  });

  it.each([
    // [from, to, days]
    ['2026-11-16T23:59:59+09:00', '2026-11-26T08:00:00+09:00', 10],
    ['2026-11-16T23:59:59+09:00', '2026-11-17T00:00:01+09:00', 1],
    ['2026-11-16T00:00:00+09:00', '2026-11-16T23:59:59+09:00', 0],
    ['2026-11-26T08:00:00+09:00', '2026-11-16T23:59:59+09:00', -10],
  ])('calendar days %s → %s = %i', (from, to, days) => {
    expect(jstCalendarDays(ms(from), ms(to))).toBe(days);
  });

  it('placeholders print the one human date style and calendar-day counts', () => {
    const facts = { now: '2026-11-26T08:00:00+09:00', authCertNotAfter: '2026-11-16T23:59:59+09:00', authCertNotBefore: '2021-11-16' };
    const t = renderText(
      { ja: '{authCertNotAfter}({daysSince:authCertNotAfter}日前、本日{now}、発行{authCertNotBefore})', en: '{authCertNotAfter} ({daysSince:authCertNotAfter} days ago, today {now}, issued {authCertNotBefore})' },
      facts,
      ms(facts.now),
    );
    expect(t).toEqual({ ja: '11月16日(月)(10日前、本日11月26日(木)、発行2021年11月16日(火))', en: 'Mon 16 Nov (10 days ago, today Thu 26 Nov, issued Tue 16 Nov 2021)' });
  });

  it('the review case: the result says the same as the card screen (10 days, not 9), in Japanese too', () => {
    const r = diagnose({ ...p, now: '2026-11-26T08:00:00+09:00', authCertNotBefore: '2021-11-01', authCertNotAfter: '2026-11-16T23:59:59+09:00' }, rules);
    const d = r.diagnoses.find((x) => x.id === 'cert-expired')!;
    expect(d.evidence.map((e) => e.ja).join('\n')).toMatch(/11月16日\(月\)に、10日前/);
    expect(d.evidence.map((e) => e.ja).join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('humanDate: one date style for people (Japan time)', () => {
  const now = ms('2026-01-14T10:00:00+09:00');
  it.each([
    ['2026-01-15T10:00:00+09:00', '1月15日(木)10時ごろ', 'Thu 15 Jan, around 10:00'],
    ['2026-01-15T06:30:00+09:00', '1月15日(木)6時30分ごろ', 'Thu 15 Jan, around 6:30'],
    // 21:30 UTC on the 14th is already 06:30 on the 15th in Japan.
    ['2026-01-14T21:30:00Z', '1月15日(木)6時30分ごろ', 'Thu 15 Jan, around 6:30'],
    ['2027-01-04T08:30:00+09:00', '2027年1月4日(月)8時30分ごろ', 'Mon 4 Jan 2027, around 8:30'],
  ])('%s → %s / %s', (iso, ja, en) => {
    expect(humanDateTime(ms(iso), now, 'ja')).toBe(ja);
    expect(humanDateTime(ms(iso), now, 'en')).toBe(en);
  });
  it('dates alone, with the year only when it is not this year', () => {
    expect(humanDate(ms('2026-03-01'), now, 'ja')).toBe('3月1日(日)');
    expect(humanDate(ms('2025-12-31'), now, 'en')).toBe('Wed 31 Dec 2025');
  });
  it('the earliest moment reads "now" once it has come', () => {
    expect(humanEarliest(now, now, 'ja')).toBe('いますぐ');
    expect(humanEarliest(now - 1, now, 'en')).toBe('now');
    expect(humanEarliest(now + 3600_000, now, 'en')).toBe('Wed 14 Jan, around 11:00');
  });
});

describe('earliest signing: weekdays, weekends, national holidays, the year end, kiosk hours', () => {
  // [case, now (Japan time), facts, expected diagnosis, earliestSigningAt, earliestSigning in words (ja / en)]
  const locked = { signPinTriesLeft: 0 };
  const bothLocked = { signPinTriesLeft: 0, authPinTriesLeft: 0 };
  const expired = { authCertNotAfter: '2025-06-01T23:59:59+09:00', authCertNotBefore: '2020-06-01' };
  it.each([
    ['weekday 10:00, counter reset: today, usable at once', '2026-01-14T10:00:00+09:00', bothLocked, 'sign-pin-locked', '2026-01-14T10:00:00+09:00', 'いますぐ', 'now'],
    ['weekday 17:00, counter reset: tomorrow at opening', '2026-01-14T17:00:00+09:00', bothLocked, 'sign-pin-locked', '2026-01-15T08:30:00+09:00', '1月15日(木)8時30分ごろ', 'Thu 15 Jan, around 8:30'],
    ['weekday, new certificate: counter today plus about 24 h', '2026-01-14T10:00:00+09:00', expired, 'cert-expired', '2026-01-15T10:00:00+09:00', '1月15日(木)10時ごろ', 'Thu 15 Jan, around 10:00'],
    ['Saturday, new certificate: Monday opening plus 24 h', '2026-01-17T12:00:00+09:00', expired, 'cert-expired', '2026-01-20T08:30:00+09:00', '1月20日(火)8時30分ごろ', 'Tue 20 Jan, around 8:30'],
    // 12 January 2026 is 成人の日, a national holiday (a Monday).
    ['Saturday before a national holiday Monday: counter on Tuesday', '2026-01-10T12:00:00+09:00', bothLocked, 'sign-pin-locked', '2026-01-13T08:30:00+09:00', '1月13日(火)8時30分ごろ', 'Tue 13 Jan, around 8:30'],
    ['on the national holiday itself (11 Feb 2026, Wednesday)', '2026-02-11T09:00:00+09:00', bothLocked, 'sign-pin-locked', '2026-02-12T08:30:00+09:00', '2月12日(木)8時30分ごろ', 'Thu 12 Feb, around 8:30'],
    ['year end (Mon 28 Dec 2026, after hours): counters reopen Mon 4 Jan', '2026-12-28T18:00:00+09:00', bothLocked, 'sign-pin-locked', '2027-01-04T08:30:00+09:00', '2027年1月4日(月)8時30分ごろ', 'Mon 4 Jan 2027, around 8:30'],
    ['year end, new certificate: 4 Jan plus 24 h', '2026-12-30T10:00:00+09:00', expired, 'cert-expired', '2027-01-05T08:30:00+09:00', '2027年1月5日(火)8時30分ごろ', 'Tue 5 Jan 2027, around 8:30'],
    ['kiosk asked at 22:50: tomorrow 06:30, never after closing', '2026-01-14T22:50:00+09:00', locked, 'sign-pin-locked', '2026-01-15T06:30:00+09:00', '1月15日(木)6時30分ごろ', 'Thu 15 Jan, around 6:30'],
    ['kiosk at 01:50: this morning at opening, no settle hour', '2026-11-27T01:50:00+09:00', locked, 'sign-pin-locked', '2026-11-27T06:30:00+09:00', '11月27日(金)6時30分ごろ', 'Fri 27 Nov, around 6:30'],
    ['kiosk open at noon on a national holiday: now', '2026-01-12T12:00:00+09:00', locked, 'sign-pin-locked', '2026-01-12T12:00:00+09:00', 'いますぐ', 'now'],
  ])('%s', (_name, now, facts, id, at, ja, en) => {
    const d = diagnose({ ...p, now, ...facts }, rules).diagnoses.find((x) => x.id === id)!;
    expect(d, id).toBeDefined();
    expect(d.earliestSigningAt).toBe(at);
    expect(d.earliestSigning).toBe(at);
    expect(d.earliestSigningText).toEqual({ ja, en });
  });
});
