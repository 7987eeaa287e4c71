import type { Lang } from '../../src-main/contract';

/** Within this margin the earliest moment counts as "now" (the engine rounds to minutes). */
const NOW_MARGIN_MS = 5 * 60 * 1000;

export type EarliestView = { kind: 'now' } | { kind: 'from'; text: string };

/**
 * The earliest signing moment in words. "Now" when it has come; otherwise the day and,
 * because a reset or renewal wait ends at a time of day, the Japan time it starts:
 * 「11月27日 6:30以降」 / "from 6:30, 27 November". The year shows only when it differs.
 */
export function describeEarliest(iso: string, nowIso: string, lang: Lang): EarliestView | null {
  const at = Date.parse(iso);
  const now = Date.parse(nowIso);
  if (Number.isNaN(at) || Number.isNaN(now)) return null;
  if (at <= now + NOW_MARGIN_MS) return { kind: 'now' };
  const parts = jstParts(at);
  const sameYear = parts.year === jstParts(now).year;
  const time = `${parts.hour}:${String(parts.minute).padStart(2, '0')}`;
  if (lang === 'ja') {
    return { kind: 'from', text: `${sameYear ? '' : `${parts.year}年`}${parts.month}月${parts.day}日 ${time}以降` };
  }
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, parts.month - 1, 1));
  return { kind: 'from', text: `from ${time}, ${parts.day} ${month}${sameYear ? '' : ` ${parts.year}`}` };
}

function jstParts(ms: number): { year: number; month: number; day: number; hour: number; minute: number } {
  const d = new Date(ms + 9 * 60 * 60 * 1000); // Japan has no daylight saving time
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}
