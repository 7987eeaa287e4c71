import type { Facts } from '../contract/facts';
import type { Lang, Localized } from '../contract/localized';
import { FACT_INFO, isFactName } from './factKinds';
import { HOUR_MS, formatJstLongDate, jstCalendarDays, parseInstant } from './time';

/**
 * Texts in rules may quote facts: `{signPinTriesLeft}`, `{signCertNotAfter}`
 * (dates print as the Japan-time calendar date, 2026年11月16日 / 16 November 2026,
 * like the rest of the UI), `{daysUntil:signCertNotAfter}`, `{daysSince:…}`
 * (Japan calendar days), `{hoursSince:…}`, `{now}`.
 */
const PLACEHOLDER = /\{([A-Za-z]+)(?::([A-Za-z]+))?\}/g;
const FUNCTIONS = ['daysUntil', 'daysSince', 'hoursSince'] as const;
type Fn = (typeof FUNCTIONS)[number];

/** Problems with the placeholders of a text, empty when all are valid. */
export function templateProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const [whole, a, b] = m;
    if (b === undefined) {
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
  if (name === 'now' && !fn) return formatJstLongDate(nowMs, lang);
  const v = (facts as Record<string, unknown>)[name];
  if (v === undefined) return WORDS.unknown[lang];
  if (v === null) return WORDS.never[lang];
  if (fn) {
    const t = parseInstant(String(v));
    const span = fn === 'daysUntil' ? jstCalendarDays(nowMs, t) : fn === 'daysSince' ? jstCalendarDays(t, nowMs) : Math.floor((nowMs - t) / HOUR_MS);
    return String(Math.max(0, span));
  }
  if (typeof v === 'boolean') return (v ? WORDS.yes : WORDS.no)[lang];
  if (isFactName(name) && FACT_INFO[name].kind === 'date') return formatJstLongDate(parseInstant(String(v)), lang);
  return String(v);
}

export function renderText(text: Localized, facts: Facts, nowMs: number): Localized {
  const one = (lang: Lang) =>
    text[lang].replace(PLACEHOLDER, (_w, a: string, b: string | undefined) =>
      b === undefined ? renderValue(a, undefined, facts, nowMs, lang) : renderValue(b, a as Fn, facts, nowMs, lang),
    );
  return { ja: one('ja'), en: one('en') };
}
