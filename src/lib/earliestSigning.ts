import type { Lang } from '../../src-main/contract';
import { humanDateTime } from '../../src-main/engine/humanDate';

/** Within this margin the earliest moment counts as "now" (the engine rounds to minutes). */
const NOW_MARGIN_MS = 5 * 60 * 1000;

export type EarliestView = { kind: 'now' } | { kind: 'from'; text: string };

/**
 * The earliest signing moment in words. "Now" when it has come; otherwise the day with
 * its weekday and, because a reset or renewal wait ends at a time of day, the Japan time
 * it starts, in the shared style: 「11月27日(金)6時30分ごろから」 / "from Fri 27 Nov, around 6:30".
 */
export function describeEarliest(iso: string, nowIso: string, lang: Lang): EarliestView | null {
  const at = Date.parse(iso);
  const now = Date.parse(nowIso);
  if (Number.isNaN(at) || Number.isNaN(now)) return null;
  if (at <= now + NOW_MARGIN_MS) return { kind: 'now' };
  const when = humanDateTime(at, now, lang);
  return { kind: 'from', text: lang === 'ja' ? `${when}から` : `from ${when}` };
}
