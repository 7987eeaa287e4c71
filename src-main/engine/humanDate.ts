/**
 * The one date style for people, in Japan time (counters, kiosks and certificates all
 * keep Japanese dates): 「1月15日(木)10時ごろ」 / "Thu 15 Jan, around 10:00". The year
 * shows only when it is not the current one. Pure and dependency-free, so the renderer
 * can import it too.
 */
export type HumanLang = 'ja' | 'en';

const JST_OFFSET_MS = 9 * 3600_000;
const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

function parts(ms: number): Parts {
  const d = new Date(ms + JST_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

function datePart(p: Parts, showYear: boolean, lang: HumanLang): string {
  return lang === 'ja'
    ? `${showYear ? `${p.year}年` : ''}${p.month}月${p.day}日(${JA_WEEKDAYS[p.weekday]})`
    : `${EN_WEEKDAYS[p.weekday]} ${p.day} ${EN_MONTHS[p.month - 1]}${showYear ? ` ${p.year}` : ''}`;
}

/** 「1月15日(木)」 / "Thu 15 Jan"; the year is added when it differs from `nowMs`'s year. */
export function humanDate(ms: number, nowMs: number, lang: HumanLang): string {
  const p = parts(ms);
  return datePart(p, p.year !== parts(nowMs).year, lang);
}

/** 「1月15日(木)10時ごろ」「1月15日(木)6時30分ごろ」 / "Thu 15 Jan, around 10:00". */
export function humanDateTime(ms: number, nowMs: number, lang: HumanLang): string {
  const p = parts(ms);
  const date = datePart(p, p.year !== parts(nowMs).year, lang);
  if (lang === 'ja') return `${date}${p.hour}時${p.minute ? `${p.minute}分` : ''}ごろ`;
  return `${date}, around ${p.hour}:${String(p.minute).padStart(2, '0')}`;
}

/** The earliest-signing moment for people: 「いますぐ」 / "now" once it has come, else humanDateTime. */
export function humanEarliest(ms: number, nowMs: number, lang: HumanLang): string {
  if (ms <= nowMs) return lang === 'ja' ? 'いますぐ' : 'now';
  return humanDateTime(ms, nowMs, lang);
}
