import holidayJp from '@holiday-jp/holiday_jp';
import type { Facts } from '../contract/facts';
import type { Grounds } from './ruleSet';
import { DAY_MS, HOUR_MS, formatJstDate, jstMidnight, jstParts, parseClock, parseInstant } from './time';

/** Opening hours used to estimate when signing becomes possible (rules/timing.yaml), Japan time. */
export interface Timing {
  counter: {
    weekdays: number[];
    opens: string;
    lastEntry: string;
    /** Year-end closure, inclusive, as MM-DD (12-29 … 01-03). */
    closedFrom: string;
    closedTo: string;
    /** Counters are closed on Japan's national holidays (from @holiday-jp/holiday_jp). */
    closedOnNationalHolidays: boolean;
    grounds: Grounds;
  };
  /** `minutesNeeded`: the reset at the machine must be able to finish before closing. */
  kiosk: { opens: string; closes: string; minutesNeeded: number; grounds: Grounds };
  /** How long, in practice, a newly issued certificate takes before signing works. */
  newCertificateWait: { hours: number; grounds: Grounds };
}

/**
 * How the person gets back to signing; each has its own clock.
 * - now: nothing to wait for.
 * - kiosk: convenience-store password reset, at the next kiosk opening hour (usable at once).
 * - counter-reset: a password reset at the municipal counter, usable the same day.
 * - counter-issue: a certificate issued at the counter, then the wait for a new certificate.
 * - renewal-wait: a certificate already issued becomes usable after that wait.
 */
export type Route = 'now' | 'kiosk' | 'counter-reset' | 'counter-issue' | 'renewal-wait';
export const ROUTES: Route[] = ['now', 'kiosk', 'counter-reset', 'counter-issue', 'renewal-wait'];

const MIN = 60_000;

function nextKioskVisit(nowMs: number, t: Timing['kiosk']): number {
  const opens = parseClock(t.opens);
  const closes = parseClock(t.closes);
  const minute = jstParts(nowMs).minuteOfDay;
  const midnight = jstMidnight(nowMs);
  if (minute < opens) return midnight + opens * MIN;
  // Never promise a time the kiosk cannot finish by closing: too close to it counts as closed.
  if (minute <= closes - t.minutesNeeded) return nowMs;
  return midnight + DAY_MS + opens * MIN;
}

/** Whether municipal counters open on the Japan calendar day starting at `midnightMs`. */
export function counterOpenOn(midnightMs: number, t: Timing['counter']): boolean {
  const { weekday } = jstParts(midnightMs);
  if (!t.weekdays.includes(weekday)) return false;
  const mmdd = formatJstDate(midnightMs).slice(5);
  const yearEnd = t.closedFrom <= t.closedTo ? mmdd >= t.closedFrom && mmdd <= t.closedTo : mmdd >= t.closedFrom || mmdd <= t.closedTo;
  if (yearEnd) return false;
  if (t.closedOnNationalHolidays && formatJstDate(midnightMs) in holidayJp.holidays) return false;
  return true;
}

function nextCounterVisit(nowMs: number, t: Timing['counter']): number {
  const opens = parseClock(t.opens);
  const lastEntry = parseClock(t.lastEntry);
  const today = jstMidnight(nowMs);
  if (counterOpenOn(today, t) && jstParts(nowMs).minuteOfDay < lastEntry) return Math.max(nowMs, today + opens * MIN);
  // Golden Week plus a weekend, or the year end, close counters for at most ~10 days.
  for (let d = 1; d <= 31; d++) {
    const day = today + d * DAY_MS;
    if (counterOpenOn(day, t)) return day + opens * MIN;
  }
  throw new Error('timing.counter: no opening day within a month');
}

/** Epoch ms of the earliest realistic signing, or undefined when it cannot be estimated. */
export function earliestSigningMs(route: Route, facts: Facts, nowMs: number, timing: Timing): number | undefined {
  switch (route) {
    case 'now':
      return nowMs;
    case 'kiosk':
      return nextKioskVisit(nowMs, timing.kiosk);
    case 'counter-reset':
      return nextCounterVisit(nowMs, timing.counter);
    case 'counter-issue':
      return nextCounterVisit(nowMs, timing.counter) + timing.newCertificateWait.hours * HOUR_MS;
    case 'renewal-wait': {
      // The newest issue moment we know of: the person's answer or the card's own dates.
      const issued = [facts.certRenewedAt, facts.signCertNotBefore, facts.authCertNotBefore]
        .filter((v): v is string => typeof v === 'string')
        .map(parseInstant);
      if (issued.length === 0) return undefined;
      return Math.max(nowMs, Math.max(...issued) + timing.newCertificateWait.hours * HOUR_MS);
    }
  }
}
