import type { Facts } from '../contract/facts';
import type { Lang, Localized } from '../contract/localized';
import { FACT_INFO, isFactName } from './factKinds';
import { humanDate } from './humanDate';
import { HOUR_MS, jstCalendarDays, parseInstant } from './time';

/**
 * Texts in rules may quote facts: `{signPinTriesLeft}`, `{signCertNotAfter}`
 * (dates print in the one date style for people, humanDate.ts: 11月16日(月) /
 * Mon 16 Nov, with the year when it is not this year), `{daysUntil:signCertNotAfter}`, `{daysSince:…}`
 * (Japan calendar days), `{hoursSince:…}`, `{now}`. A number may carry a unit,
 * `{daysSince:signCertNotAfter|day}`, `{signPinTriesLeft|try}`, which prints it
 * with the counter word in the text's language: "1 day" / "9 days", 「9日」.
 */
const PLACEHOLDER = /\{([A-Za-z]+)(?::([A-Za-z]+))?(?:\|([a-z]+))?\}/g;
const UNITS: Record<string, { en: [string, string]; ja: string }> = {
  day: { en: ['day', 'days'], ja: '日' },
  hour: { en: ['hour', 'hours'], ja: '時間' },
  try: { en: ['try', 'tries'], ja: '回' },
};
const FUNCTIONS = ['daysUntil', 'daysSince', 'hoursSince'] as const;
type Fn = (typeof FUNCTIONS)[number];

/** Problems with the placeholders of a text, empty when all are valid. */
export function templateProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const [whole, a, b, unit] = m;
    if (unit !== undefined && !(unit in UNITS)) {
      problems.push(`placeholder ${whole}: unknown unit "${unit}" (use ${Object.keys(UNITS).join('/')})`);
    } else if (unit !== undefined && b === undefined && (!isFactName(a) || FACT_INFO[a].kind !== 'number')) {
      problems.push(`placeholder ${whole}: a unit needs a number (a count fact or a days/hours function)`);
    } else if (b === undefined) {
      if (a !== 'now' && !isFactName(a)) problems.push(`placeholder ${whole}: unknown fact "${a}"`);
    } else if (!(FUNCTIONS as readonly string[]).includes(a!)) {
      problems.push(`placeholder ${whole}: unknown function "${a}" (use ${FUNCTIONS.join('/')})`);
    } else if (!isFactName(b) || FACT_INFO[b].kind !== 'date') {
      problems.push(`placeholder ${whole}: "${b}" is not a date fact`);
    }
  }
  return problems;
}

const WORDS = {
  unknown: { ja: '不明', en: 'unknown' },
  never: { ja: 'なし', en: 'never' },
  yes: { ja: 'はい', en: 'yes' },
  no: { ja: 'いいえ', en: 'no' },
} satisfies Record<string, Localized>;

function renderValue(name: string, fn: Fn | undefined, facts: Facts, nowMs: number, lang: Lang): string {
  if (name === 'now' && !fn) return humanDate(nowMs, nowMs, lang);
  const v = (facts as Record<string, unknown>)[name];
  if (v === undefined) return WORDS.unknown[lang];
  if (v === null) return WORDS.never[lang];
  if (fn) {
    const t = parseInstant(String(v));
    const span = fn === 'daysUntil' ? jstCalendarDays(nowMs, t) : fn === 'daysSince' ? jstCalendarDays(t, nowMs) : Math.floor((nowMs - t) / HOUR_MS);
    return String(Math.max(0, span));
  }
  if (typeof v === 'boolean') return (v ? WORDS.yes : WORDS.no)[lang];
  if (isFactName(name) && FACT_INFO[name].kind === 'date') return humanDate(parseInstant(String(v)), nowMs, lang);
  return String(v);
}

function withUnit(value: string, unit: string, lang: Lang): string {
  const u = UNITS[unit]!;
  if (!/^\d+$/.test(value)) return value; // "unknown" stays a word
  return lang === 'ja' ? `${value}${u.ja}` : `${value} ${Number(value) === 1 ? u.en[0] : u.en[1]}`;
}

export function renderText(text: Localized, facts: Facts, nowMs: number): Localized {
  const one = (lang: Lang) =>
    text[lang].replace(PLACEHOLDER, (_w, a: string, b: string | undefined, unit: string | undefined) => {
      const value = b === undefined ? renderValue(a, undefined, facts, nowMs, lang) : renderValue(b, a as Fn, facts, nowMs, lang);
      return unit ? withUnit(value, unit, lang) : value;
    });
  return { ja: one('ja'), en: one('en') };
}
