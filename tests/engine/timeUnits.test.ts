import { describe, expect, it } from 'vitest';
import { FACT_INFO, factAccepts, isFactName } from '../../src-main/engine/factKinds';
import {
  DAY_MS,
  HOUR_MS,
  JST_OFFSET_MS,
  formatJstDate,
  formatJstDateTime,
  formatJstLongDate,
  jstCalendarDays,
  jstMidnight,
  jstParts,
  parseClock,
  parseInstant,
} from '../../src-main/engine/time';

/** Japan-time arithmetic, and what the engine knows about each fact's kind. */
describe('time in Japan', () => {
  it('has the constants it says', () => {
    expect([JST_OFFSET_MS, HOUR_MS, DAY_MS]).toEqual([32_400_000, 3_600_000, 86_400_000]);
  });

  it('reads a bare date as midnight in Japan and anything else as written', () => {
    expect(parseInstant('2026-01-14')).toBe(Date.parse('2026-01-13T15:00:00Z'));
    expect(parseInstant('2026-01-14T00:00:00Z')).toBe(Date.parse('2026-01-14T00:00:00Z'));
    expect(parseInstant('x2026-01-14')).toBeNaN();
  });

  it('splits an instant into Japan date, weekday and minute of the day', () => {
    expect(jstParts(Date.parse('2026-01-14T15:30:00Z'))).toEqual({ year: 2026, month: 1, day: 15, weekday: 4, minuteOfDay: 30 });
    expect(jstParts(Date.parse('2026-12-31T14:59:00Z'))).toEqual({ year: 2026, month: 12, day: 31, weekday: 4, minuteOfDay: 1439 });
  });

  it('finds midnight in Japan, also before 1970', () => {
    expect(jstMidnight(Date.parse('2026-01-14T15:30:00Z'))).toBe(Date.parse('2026-01-14T15:00:00Z'));
    expect(jstMidnight(Date.parse('2026-01-14T14:59:59Z'))).toBe(Date.parse('2026-01-13T15:00:00Z'));
    expect(jstMidnight(Date.parse('2026-01-14T15:00:00Z'))).toBe(Date.parse('2026-01-14T15:00:00Z'));
    expect(jstMidnight(Date.parse('1960-06-01T03:00:00Z'))).toBe(Date.parse('1960-05-31T15:00:00Z'));
  });

  it('writes Japan date-times with the offset and zero padding', () => {
    expect(formatJstDateTime(Date.parse('2026-01-04T22:05:09Z'))).toBe('2026-01-05T07:05:09+09:00');
    expect(formatJstDate(Date.parse('2026-01-04T22:05:09Z'))).toBe('2026-01-05');
    expect(formatJstDateTime(Date.parse('0999-03-01T00:00:00Z'))).toBe('0999-03-01T09:00:00+09:00');
  });

  it('reads HH:MM clock times and refuses anything else', () => {
    expect(parseClock('08:30')).toBe(510);
    expect(parseClock('8:05')).toBe(485);
    expect(parseClock('23:59')).toBe(1439);
    expect(() => parseClock('0830')).toThrow('not a clock time "HH:MM": 0830');
    expect(() => parseClock('08:30 ')).toThrow('not a clock time');
    expect(() => parseClock(' 08:30')).toThrow('not a clock time');
    expect(() => parseClock('08:3')).toThrow('not a clock time');
  });

  it('counts calendar days in Japan, negative backwards', () => {
    const late = Date.parse('2026-01-14T23:59:00+09:00');
    const early = Date.parse('2026-01-15T00:01:00+09:00');
    expect(jstCalendarDays(late, early)).toBe(1);
    expect(jstCalendarDays(early, late)).toBe(-1);
    expect(jstCalendarDays(early, early + 23 * HOUR_MS)).toBe(0);
    expect(jstCalendarDays(late, late + 10 * DAY_MS)).toBe(10);
  });

  it('writes the long date in each language', () => {
    const ms = Date.parse('2026-11-15T16:00:00Z');
    expect(formatJstLongDate(ms, 'ja')).toBe('2026年11月16日');
    expect(formatJstLongDate(ms, 'en')).toBe('16 November 2026');
    expect(formatJstLongDate(Date.parse('2026-01-01T00:00:00+09:00'), 'en')).toBe('1 January 2026');
  });
});

describe('fact kinds', () => {
  it('are read from the contract', () => {
    expect(FACT_INFO.abroad).toEqual({ kind: 'boolean', nullable: false });
    expect(FACT_INFO.signPinTriesLeft).toEqual({ kind: 'number', nullable: false });
    expect(FACT_INFO.readerCount).toEqual({ kind: 'number', nullable: false });
    expect(FACT_INFO.movedAt).toEqual({ kind: 'date', nullable: true });
    expect(FACT_INFO.signCertNotAfter).toEqual({ kind: 'date', nullable: false });
    expect(FACT_INFO.token).toEqual({ kind: 'string', nullable: false });
    expect(FACT_INFO.errorCode.kind).toBe('string');
  });

  it('name only known facts and accept only their values', () => {
    expect(isFactName('abroad')).toBe(true);
    expect(isFactName('nope')).toBe(false);
    expect(isFactName(3)).toBe(false);
    expect(factAccepts('token', 'juki')).toBe(true);
    expect(factAccepts('token', 'passport')).toBe(false);
    expect(factAccepts('movedAt', null)).toBe(true);
    expect(factAccepts('signCertNotAfter', null)).toBe(false);
  });
});
