import type { Facts } from '../contract/facts';
import { DAY_MS, HOUR_MS, jstMidnight, jstParts, parseClock, parseInstant } from './time';

/** Opening hours used to estimate when signing becomes possible (rules/timing.yaml). */
export interface Timing {
  counter: { weekdays: number[]; opens: string; lastEntry: string };
  kiosk: { opens: string; closes: string; settleHours: number };
  waitAfterIssueHours: number;
}

/**
 * How the person gets back to signing; each has its own clock.
 * - now: nothing to wait for.
 * - kiosk: convenience-store password reset, next kiosk opening hour, plus a short settle time.
 * - counter: municipal counter on the next weekday (holidays not modelled), then the wait for a new certificate.
 * - renewal-wait: a certificate already renewed becomes usable after the wait.
 */
export type Route = 'now' | 'kiosk' | 'counter' | 'renewal-wait';
export const ROUTES: Route[] = ['now', 'kiosk', 'counter', 'renewal-wait'];

const MIN = 60_000;

function nextKioskVisit(nowMs: number, t: Timing['kiosk']): number {
  const opens = parseClock(t.opens);
  const closes = parseClock(t.closes);
  const minute = jstParts(nowMs).minuteOfDay;
  const midnight = jstMidnight(nowMs);
  if (minute < opens) return midnight + opens * MIN;
  if (minute < closes) return nowMs;
  return midnight + DAY_MS + opens * MIN;
}

function nextCounterVisit(nowMs: number, t: Timing['counter']): number {
  const opens = parseClock(t.opens);
  const lastEntry = parseClock(t.lastEntry);
  const today = jstParts(nowMs);
  if (t.weekdays.includes(today.weekday) && today.minuteOfDay < lastEntry) {
    return Math.max(nowMs, jstMidnight(nowMs) + opens * MIN);
  }
  for (let d = 1; d <= 7; d++) {
    const day = jstMidnight(nowMs) + d * DAY_MS;
    if (t.weekdays.includes(jstParts(day).weekday)) return day + opens * MIN;
  }
  throw new Error('timing.counter.weekdays is empty');
}

/** Epoch ms of the earliest realistic signing, or undefined when it cannot be estimated. */
export function earliestSigningMs(route: Route, facts: Facts, nowMs: number, timing: Timing): number | undefined {
  switch (route) {
    case 'now':
      return nowMs;
    case 'kiosk':
      return nextKioskVisit(nowMs, timing.kiosk) + timing.kiosk.settleHours * HOUR_MS;
    case 'counter':
      return nextCounterVisit(nowMs, timing.counter) + timing.waitAfterIssueHours * HOUR_MS;
    case 'renewal-wait': {
      // The newest issue moment we know of: the person's answer or the card's own dates.
      const issued = [facts.certRenewedAt, facts.signCertNotBefore, facts.authCertNotBefore]
        .filter((v): v is string => typeof v === 'string')
        .map(parseInstant);
      if (issued.length === 0) return undefined;
      return Math.max(nowMs, Math.max(...issued) + timing.waitAfterIssueHours * HOUR_MS);
    }
  }
}
