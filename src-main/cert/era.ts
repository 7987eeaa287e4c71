export type Era = 'meiji' | 'taisho' | 'showa' | 'heisei' | 'reiwa';

/** JPKI encodes the era as one digit in front of a Gregorian YYYYMMDD. */
export const ERA_BY_DIGIT: Record<string, Era> = {
  '1': 'meiji',
  '2': 'taisho',
  '3': 'showa',
  '4': 'heisei',
  '5': 'reiwa',
};

const DIGIT_BY_ERA: Record<Era, string> = { meiji: '1', taisho: '2', showa: '3', heisei: '4', reiwa: '5' };

/** First day of each era (ISO dates compare correctly as strings). */
const ERA_STARTS: [string, Era][] = [
  ['2019-05-01', 'reiwa'],
  ['1989-01-08', 'heisei'],
  ['1926-12-25', 'showa'],
  ['1912-07-30', 'taisho'],
];

/** The era of a Gregorian ISO date (YYYY-MM-DD). */
export function eraOf(isoDate: string): Era {
  for (const [start, era] of ERA_STARTS) if (isoDate >= start) return era;
  return 'meiji';
}

/** `1990-01-01` → `41990101` (Heisei). */
export function encodeJpkiBirthDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m || !isValidYmd(+m[1], +m[2], +m[3])) throw new Error(`birth date must be YYYY-MM-DD, got "${isoDate}"`);
  return `${DIGIT_BY_ERA[eraOf(isoDate)]}${m[1]}${m[2]}${m[3]}`;
}

/** `41990101` → `{ birthDate: '1990-01-01', birthEra: 'heisei' }`; odd input yields only what is valid. */
export function decodeJpkiBirthDate(value: string): { birthDate?: string; birthEra?: Era } {
  const m = /^([0-9])(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return {};
  const out: { birthDate?: string; birthEra?: Era } = {};
  if (isValidYmd(+m[2], +m[3], +m[4])) out.birthDate = `${m[2]}-${m[3]}-${m[4]}`;
  const era = ERA_BY_DIGIT[m[1]];
  if (era) out.birthEra = era;
  return out;
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
