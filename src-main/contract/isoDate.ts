/**
 * The one strict ISO 8601 reader for every date that enters the product: facts
 * (CLI file, API request), rule literals and the wizard's answers.
 *
 * `Date.parse` is far too forgiving for a tool whose answers decide whether a
 * founder goes to the counter: it turns "2026-02-30" into 2 March, "1" into
 * 2001-01-01 and accepts "hello 2020". Here only two shapes pass, and the
 * calendar date must round-trip (no 30 February, no month 13):
 *
 *   YYYY-MM-DD                                   a calendar date (midnight in Japan)
 *   YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)         an instant with its offset
 *
 * A date-time without an offset is refused: it would mean a different instant on
 * every machine.
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/** Years outside this window are typing mistakes, never a card or an answer. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

const JST_OFFSET_MS = 9 * 3600_000;

export type IsoDateProblem = 'not-a-string' | 'too-long' | 'format' | 'no-such-date' | 'time' | 'year-range';

export type IsoDateResult = { ok: true; ms: number; dateOnly: boolean } | { ok: false; problem: IsoDateProblem };

/** Strictly parses an ISO 8601 date or date-time; never guesses. */
export function parseIsoDate(value: unknown): IsoDateResult {
  if (typeof value !== 'string') return { ok: false, problem: 'not-a-string' };
  // The longest valid form is 35 characters; anything longer is not a date (and is not scanned).
  if (value.length > 40) return { ok: false, problem: 'too-long' };
  const m = DATE_TIME.exec(value);
  if (!m) return { ok: false, problem: 'format' };
  const [, y, mo, d, hh, mi, ss, frac, zone, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, problem: 'year-range' };
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { ok: false, problem: 'no-such-date' };
  }
  if (hh === undefined) return { ok: true, ms: probe.getTime() - JST_OFFSET_MS, dateOnly: true };
  const hours = Number(hh);
  const minutes = Number(mi);
  const seconds = ss === undefined ? 0 : Number(ss);
  if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false, problem: 'time' };
  let offsetMin = 0;
  if (zone !== 'Z') {
    const h = Number(oh);
    const min = Number(om);
    if (h > 14 || min > 59) return { ok: false, problem: 'time' };
    offsetMin = (zone!.startsWith('-') ? -1 : 1) * (h * 60 + min);
  }
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const ms = probe.getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis - offsetMin * 60_000;
  return { ok: true, ms, dateOnly: false };
}

/** Epoch milliseconds, or NaN when the text is not a strict ISO 8601 date. */
export function isoDateMs(value: string): number {
  const r = parseIsoDate(value);
  return r.ok ? r.ms : Number.NaN;
}

export function isIsoDate(value: unknown): value is string {
  return parseIsoDate(value).ok;
}

/** A bare calendar date (what a date picker gives): YYYY-MM-DD that exists. */
export function isCalendarDate(value: unknown): value is string {
  const r = parseIsoDate(value);
  return r.ok && r.dateOnly;
}

const PROBLEM_TEXT: Record<IsoDateProblem, { ja: string; en: string }> = {
  'not-a-string': { ja: '日付は文字列で書いてください(例: "2026-04-01")', en: 'a date must be a string (e.g. "2026-04-01")' },
  'too-long': { ja: '日付として長すぎます(例: "2026-04-01")', en: 'too long to be a date (e.g. "2026-04-01")' },
  format: {
    ja: 'ISO 8601 の日付(例: "2026-04-01" または "2026-04-01T10:00:00+09:00")で書いてください',
    en: 'must be an ISO 8601 date such as "2026-04-01" or "2026-04-01T10:00:00+09:00" (a time needs its offset)',
  },
  'no-such-date': { ja: 'カレンダーにない日付です(月と日を確認してください)', en: 'no such calendar date (check the month and day)' },
  time: { ja: '時刻または時差が正しくありません', en: 'the time or the offset is out of range' },
  'year-range': { ja: `年は${MIN_YEAR}〜${MAX_YEAR}の範囲で書いてください`, en: `the year must be between ${MIN_YEAR} and ${MAX_YEAR}` },
};

/** Why a value is not a date, in both languages (for schema messages and rule errors). */
export function isoDateProblemText(problem: IsoDateProblem): { ja: string; en: string } {
  return PROBLEM_TEXT[problem];
}
