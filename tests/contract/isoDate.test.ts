import { describe, expect, it } from 'vitest';
import { isCalendarDate, isoDateMs, parseIsoDate } from '../../src-main/contract/isoDate';
import { parseFacts } from '../../src-main/engine/parseFacts';
import { parseCondition, ConditionError } from '../../src-main/engine/condition';
import { parseInstant } from '../../src-main/engine/time';
import { answerToFacts } from '../../src/lib/answerValue';
import type { Question } from '../../src-main/contract';

describe('strict ISO 8601 dates', () => {
  it.each([
    ['2026-02-30', 'no-such-date'],
    ['2025-02-29', 'no-such-date'],
    ['2026-13-01', 'no-such-date'],
    ['2026-00-10', 'no-such-date'],
    ['2026-04-31', 'no-such-date'],
    ['1', 'format'],
    ['99999', 'format'],
    ['hello 2020', 'format'],
    ['2020', 'format'],
    ['2026-1-5', 'format'],
    ['2026/01/05', 'format'],
    ['20260105', 'format'],
    [' 2026-01-05', 'format'],
    ['2026-01-05 ', 'format'],
    ['2026-01-05T10:00', 'format'], // no offset: a different instant on every machine
    ['2026-01-05T10:00:00', 'format'],
    ['Mon, 05 Jan 2026 10:00:00 GMT', 'format'],
    ['2026-01-05T24:00:00Z', 'time'],
    ['2026-01-05T10:60:00Z', 'time'],
    ['2026-01-05T10:00:60Z', 'time'],
    ['2026-01-05T10:00:00+15:00', 'time'],
    ['0001-01-01', 'year-range'],
    ['1899-12-31', 'year-range'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(parseIsoDate(text)).toEqual({ ok: false, problem });
    expect(Number.isNaN(isoDateMs(text))).toBe(true);
  });

  // Its own test: as an it.each row the 20-million-character input became the test's name
  // (a 20 MB name in every test report, Stryker's incremental file among them).
  it('refuses a 20-million-character string (too-long)', () => {
    const text = 'x'.repeat(20_000_000);
    expect(parseIsoDate(text)).toEqual({ ok: false, problem: 'too-long' });
    expect(Number.isNaN(isoDateMs(text))).toBe(true);
  });

  it.each([
    ['2024-02-29', '2024-02-28T15:00:00.000Z'], // a date alone is midnight in Japan
    ['2026-01-05', '2026-01-04T15:00:00.000Z'],
    ['2026-01-05T10:00Z', '2026-01-05T10:00:00.000Z'],
    ['2026-01-05T10:00:00+09:00', '2026-01-05T01:00:00.000Z'],
    ['2026-01-05T10:00:00-05:30', '2026-01-05T15:30:00.000Z'],
    ['2026-11-27T18:01:18.123Z', '2026-11-27T18:01:18.123Z'],
    ['2026-11-27T18:01:18.123456789Z', '2026-11-27T18:01:18.123Z'],
  ])('reads %s as %s', (text, instant) => {
    const r = parseIsoDate(text);
    expect(r.ok).toBe(true);
    expect(new Date(isoDateMs(text)).toISOString()).toBe(instant);
  });

  it('what new Date().toISOString() writes is always accepted', () => {
    for (const ms of [0, Date.UTC(2000, 0, 1), Date.UTC(2026, 1, 28, 23, 59, 59, 999), Date.UTC(9999, 11, 31)]) {
      const iso = new Date(ms).toISOString();
      expect(isoDateMs(iso)).toBe(ms < Date.UTC(1900, 0, 1) ? Number.NaN : ms);
    }
  });

  it('the engine reads instants with the same parser', () => {
    expect(parseInstant('2026-01-05')).toBe(isoDateMs('2026-01-05'));
    expect(Number.isNaN(parseInstant('2026-02-30'))).toBe(true);
  });

  it('a calendar date for the wizard is a bare date that exists', () => {
    expect(isCalendarDate('2026-03-31')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-03-31T00:00:00Z')).toBe(false);
  });
});

describe('dates in facts, rule literals and wizard answers', () => {
  it.each(['2026-02-30', '1', 'hello 2020', '99999'])('facts: "now": %j is refused with the field named in both languages', (value) => {
    const r = parseFacts({ now: value });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe('now');
    expect(r.localized.en).toMatch(/field "now"/);
    expect(r.localized.ja).toMatch(/フィールド "now"/);
    expect(r.localized.ja).toMatch(/日付|カレンダー/);
  });

  it.each(['signCertNotAfter', 'movedAt', 'plannedSigningDate'])('facts: every date field is strict (%s)', (field) => {
    expect(parseFacts({ [field]: '2026-02-30' }).ok).toBe(false);
    expect(parseFacts({ [field]: '2026-02-28' }).ok).toBe(true);
  });

  it('rule literals: a rule comparing with an impossible date does not load', () => {
    expect(() => parseCondition({ fact: 'movedAt', after: '2026-02-30' }, 'when')).toThrow(ConditionError);
    expect(() => parseCondition({ fact: 'movedAt', after: 'hello 2020' }, 'when')).toThrow(/not a date/);
    expect(parseCondition({ fact: 'movedAt', after: '2026-02-28' }, 'when')).toMatchObject({ op: 'after', operand: { literal: '2026-02-28' } });
  });

  it('wizard answers: an impossible date from the date field is refused before it is sent', () => {
    const q = { fact: 'movedAt', kind: 'date-or-never', text: { ja: '引っ越し', en: 'moved' } } as Question;
    expect(answerToFacts(q, { kind: 'date', value: '2026-02-30' }).ok).toBe(false);
    expect(answerToFacts(q, { kind: 'date', value: '99999' }).ok).toBe(false);
    expect(answerToFacts(q, { kind: 'date', value: '2026-02-28' })).toEqual({ ok: true, patch: { movedAt: '2026-02-28' } });
  });
});
