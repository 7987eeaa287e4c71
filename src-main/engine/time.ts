import { isoDateMs } from '../contract/isoDate';

/**
 * Calendar arithmetic in Japan time. Counters and kiosks keep Japanese hours, and
 * Japan has no daylight saving, so a fixed +09:00 offset is exact.
 */
export const JST_OFFSET_MS = 9 * 3600_000;
export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Milliseconds since the epoch; a bare date (YYYY-MM-DD) means midnight in Japan.
 * The one strict ISO 8601 reader (contract/isoDate): NaN for anything else.
 */
export function parseInstant(iso: string): number {
  return isoDateMs(iso);
}

export interface JstParts {
  year: number;
  month: number; // 1-12
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  minuteOfDay: number;
}

export function jstParts(ms: number): JstParts {
  const d = new Date(ms + JST_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(),
  };
}

/** Midnight (Japan time) of the day containing ms. */
export function jstMidnight(ms: number): number {
  const shifted = ms + JST_OFFSET_MS;
  return shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS) - JST_OFFSET_MS;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatJstDateTime(ms: number): string {
  const d = new Date(ms + JST_OFFSET_MS);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+09:00`
  );
}

export function formatJstDate(ms: number): string {
  return formatJstDateTime(ms).slice(0, 10);
}

/** "HH:MM" → minutes after midnight. */
export function parseClock(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`not a clock time "HH:MM": ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Whole calendar days in Japan from `fromMs` to `toMs` (negative when `toMs` is
 * earlier). A certificate that ended yesterday at 23:59 ended "1 day ago" however
 * many hours have passed, which is how the card screen counts too.
 */
export function jstCalendarDays(fromMs: number, toMs: number): number {
  return Math.round((jstMidnight(toMs) - jstMidnight(fromMs)) / DAY_MS);
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The date of `ms` in Japan, as people write it: 2026年11月16日 / 16 November 2026. */
export function formatJstLongDate(ms: number, lang: 'ja' | 'en'): string {
  const { year, month, day } = jstParts(ms);
  return lang === 'ja' ? `${year}年${month}月${day}日` : `${day} ${EN_MONTHS[month - 1]} ${year}`;
}
