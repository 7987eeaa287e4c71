import type { CertSlot } from '../../src-main/contract';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from now until the given moment; negative once it has passed. */
export function daysUntil(iso: string, nowIso: string): number {
  const diff = Date.parse(iso) - Date.parse(nowIso);
  return diff >= 0 ? Math.floor(diff / DAY_MS) : -Math.ceil(-diff / DAY_MS);
}

export type CertValidityView =
  | { state: 'valid'; notAfter: string; daysLeft: number }
  | { state: 'expired'; notAfter: string; daysAgo: number }
  | { state: 'absent' }
  | { state: 'malformed' }
  | { state: 'not-read' }
  | { state: 'unknown' };

/** What to say about one certificate slot, from the probe and an optional notAfter fact. */
export function certValidity(slot: CertSlot | undefined, notAfterFact: string | undefined, nowIso: string): CertValidityView {
  const notAfter = slot?.status === 'ok' ? slot.cert.notAfter : notAfterFact;
  if (notAfter) {
    const days = daysUntil(notAfter, nowIso);
    return days >= 0 ? { state: 'valid', notAfter, daysLeft: days } : { state: 'expired', notAfter, daysAgo: -days };
  }
  if (!slot) return { state: 'unknown' };
  if (slot.status === 'absent') return { state: 'absent' };
  if (slot.status === 'malformed') return { state: 'malformed' };
  return { state: 'not-read' };
}

/** A calendar date for display, in the person's language, without the time of day. */
export function formatDate(iso: string, lang: 'ja' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'Asia/Tokyo',
  }).format(d);
}
