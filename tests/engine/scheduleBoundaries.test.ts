import { describe, expect, it } from 'vitest';
import { counterOpenOn, earliestSigningMs, type Timing } from '../../src-main/engine/schedule';
import { formatJstDateTime, parseInstant } from '../../src-main/engine/time';

/**
 * Earliest-signing estimates exactly at the minutes where the answer changes:
 * kiosk opening and "too close to closing", counter opening and last entry, the
 * first and last closed days of a closure, holidays on and off. Hand-made timing,
 * independent of rules/timing.yaml.
 */
const practice = { sources: [], practice: true };
const timing: Timing = {
  counter: { weekdays: [1, 2, 3, 4, 5], opens: '08:30', lastEntry: '16:30', closedFrom: '12-29', closedTo: '01-03', closedOnNationalHolidays: true, grounds: practice },
  kiosk: { opens: '06:30', closes: '23:00', minutesNeeded: 30, grounds: practice },
  newCertificateWait: { hours: 24, grounds: practice },
};
const at = (now: string, route: Parameters<typeof earliestSigningMs>[0], facts = {}, t: Timing = timing) => {
  const ms = earliestSigningMs(route, facts, parseInstant(now), t);
  return ms === undefined ? undefined : formatJstDateTime(ms);
};
const jst = (s: string) => `${s}+09:00`;

describe('kiosk hours', () => {
  it('opens at exactly its opening minute', () => {
    expect(at(jst('2026-01-14T06:29:00'), 'kiosk')).toBe(jst('2026-01-14T06:30:00'));
    expect(at(jst('2026-01-14T06:30:00'), 'kiosk')).toBe(jst('2026-01-14T06:30:00'));
    expect(at(jst('2026-01-14T06:31:00'), 'kiosk')).toBe(jst('2026-01-14T06:31:00'));
  });

  it('is usable until the reset can still finish before closing, not a minute later', () => {
    expect(at(jst('2026-01-14T22:30:00'), 'kiosk')).toBe(jst('2026-01-14T22:30:00'));
    expect(at(jst('2026-01-14T22:31:00'), 'kiosk')).toBe(jst('2026-01-15T06:30:00'));
    const noMargin = { ...timing, kiosk: { ...timing.kiosk, minutesNeeded: 0 } };
    expect(at(jst('2026-01-14T23:00:00'), 'kiosk', {}, noMargin)).toBe(jst('2026-01-14T23:00:00'));
    expect(at(jst('2026-01-14T23:01:00'), 'kiosk', {}, noMargin)).toBe(jst('2026-01-15T06:30:00'));
  });
});

describe('counter hours', () => {
  it('before opening: today at opening; at opening and until the last entry: now', () => {
    expect(at(jst('2026-01-14T08:29:00'), 'counter-reset')).toBe(jst('2026-01-14T08:30:00'));
    expect(at(jst('2026-01-14T08:30:00'), 'counter-reset')).toBe(jst('2026-01-14T08:30:00'));
    expect(at(jst('2026-01-14T16:29:00'), 'counter-reset')).toBe(jst('2026-01-14T16:29:00'));
  });

  it('from the last-entry minute on: the next opening day', () => {
    expect(at(jst('2026-01-14T16:30:00'), 'counter-reset')).toBe(jst('2026-01-15T08:30:00'));
    expect(at(jst('2026-01-16T16:30:00'), 'counter-reset')).toBe(jst('2026-01-19T08:30:00'));
  });

  it('a new certificate adds the wait to the visit', () => {
    expect(at(jst('2026-01-14T16:29:00'), 'counter-issue')).toBe(jst('2026-01-15T16:29:00'));
    expect(at(jst('2026-01-14T16:30:00'), 'counter-issue')).toBe(jst('2026-01-16T08:30:00'));
  });

  it('throws, naming the timing, when no day within a month opens', () => {
    const never = { ...timing, counter: { ...timing.counter, weekdays: [] } };
    expect(() => at(jst('2026-01-14T10:00:00'), 'counter-reset', {}, never)).toThrow('timing.counter: no opening day within a month');
  });
});

describe('counterOpenOn', () => {
  const open = (date: string, t: Timing['counter'] = timing.counter) => counterOpenOn(parseInstant(date), t);

  it('closes from the first to the last day of a closure that spans the new year', () => {
    expect(open('2026-12-28')).toBe(true);
    expect(open('2026-12-29')).toBe(false);
    expect(open('2026-12-31')).toBe(false);
    expect(open('2027-01-01')).toBe(false);
    expect(open('2027-01-04')).toBe(true);
    expect(open('2027-01-03')).toBe(false); // a Sunday anyway: see the weekday-open rule below
    const everyDay = { ...timing.counter, weekdays: [0, 1, 2, 3, 4, 5, 6], closedOnNationalHolidays: false };
    expect(open('2027-01-03', everyDay)).toBe(false);
    expect(open('2027-01-04', everyDay)).toBe(true);
    expect(open('2026-12-28', everyDay)).toBe(true);
  });

  it('handles a closure inside one year (summer break)', () => {
    const summer = { ...timing.counter, weekdays: [0, 1, 2, 3, 4, 5, 6], closedFrom: '08-13', closedTo: '08-16', closedOnNationalHolidays: false };
    expect(open('2026-08-12', summer)).toBe(true);
    expect(open('2026-08-13', summer)).toBe(false);
    expect(open('2026-08-16', summer)).toBe(false);
    expect(open('2026-08-17', summer)).toBe(true);
    expect(open('2026-12-31', summer)).toBe(true);
  });

  it('closes on national holidays only when told to', () => {
    // 12 January 2026 (Monday) is 成人の日.
    expect(open('2026-01-12')).toBe(false);
    expect(open('2026-01-12', { ...timing.counter, closedOnNationalHolidays: false })).toBe(true);
    expect(open('2026-01-13')).toBe(true);
  });

  it('opens only on its weekdays', () => {
    expect(open('2026-01-17')).toBe(false); // Saturday
    expect(open('2026-01-17', { ...timing.counter, weekdays: [6] })).toBe(true);
    expect(open('2026-01-16', { ...timing.counter, weekdays: [6] })).toBe(false);
  });
});

describe('renewal wait', () => {
  const now = jst('2026-01-14T10:00:00');

  it('cannot be estimated without any issue date (never "now")', () => {
    expect(at(now, 'renewal-wait', {})).toBeUndefined();
    expect(at(now, 'renewal-wait', { certRenewedAt: null })).toBeUndefined();
  });

  it('counts from the newest issue date known', () => {
    const facts = { certRenewedAt: jst('2026-01-13T09:00:00'), signCertNotBefore: jst('2026-01-14T08:00:00'), authCertNotBefore: jst('2026-01-12T08:00:00') };
    expect(at(now, 'renewal-wait', facts)).toBe(jst('2026-01-15T08:00:00'));
    expect(at(now, 'renewal-wait', { authCertNotBefore: jst('2026-01-14T09:00:00') })).toBe(jst('2026-01-15T09:00:00'));
  });

  it('is now once the wait is over, exactly at 24 h too', () => {
    expect(at(now, 'renewal-wait', { certRenewedAt: jst('2026-01-13T10:00:00') })).toBe(now);
    expect(at(now, 'renewal-wait', { certRenewedAt: jst('2026-01-13T10:00:01') })).toBe(jst('2026-01-14T10:00:01'));
    expect(at(now, 'renewal-wait', { certRenewedAt: '2025-01-01' })).toBe(now);
  });

  it('now is now', () => {
    expect(at(now, 'now')).toBe(now);
  });
});
