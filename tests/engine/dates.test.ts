import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src-main/engine';
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

  it('placeholders print long dates and calendar-day counts', () => {
    const facts = { now: '2026-11-26T08:00:00+09:00', authCertNotAfter: '2026-11-16T23:59:59+09:00' };
    const t = renderText({ ja: '{authCertNotAfter}({daysSince:authCertNotAfter} 日前、本日 {now})', en: '{authCertNotAfter} ({daysSince:authCertNotAfter} days ago, today {now})' }, facts, ms(facts.now));
    expect(t).toEqual({ ja: '2026年11月16日(10 日前、本日 2026年11月26日)', en: '16 November 2026 (10 days ago, today 26 November 2026)' });
  });

  it('the review case: the result says the same as the card screen (10 days, not 9), in Japanese too', () => {
    const r = diagnose({ ...p, now: '2026-11-26T08:00:00+09:00', authCertNotBefore: '2021-11-01', authCertNotAfter: '2026-11-16T23:59:59+09:00' }, rules);
    const d = r.diagnoses.find((x) => x.id === 'cert-expired')!;
    expect(d.evidence.map((e) => e.ja).join('\n')).toMatch(/2026年11月16日.*10 日前/);
    expect(d.evidence.map((e) => e.ja).join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('earliestSigning carries the time of day', () => {
  it.each([
    // [now, facts, route reason, expected]
    ['2026-11-27T01:50:00+09:00', 'kiosk closed at night: from opening (06:30) plus settle time', '2026-11-27T07:30:00+09:00'],
    ['2026-11-27T12:00:00+09:00', 'kiosk open: an hour from now', '2026-11-27T13:00:00+09:00'],
  ])('%s: %s', (now, _why, expected) => {
    const d = diagnose({ ...p, now, signPinTriesLeft: 0 }, rules).diagnoses[0]!;
    expect(d.id).toBe('sign-pin-locked');
    expect(d.earliestSigning).toBe(expected);
  });
});
