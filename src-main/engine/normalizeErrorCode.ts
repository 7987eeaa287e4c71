/**
 * People copy error codes from dialogs, often through an IME, so full-width
 * letters, stray spaces and lower case are all common: ｉｃｆ４０３１, " icf 4031 ".
 */
export function normalizeErrorCode(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const code = raw.normalize('NFKC').trim().replace(/\s+/gu, '').toUpperCase();
  return code === '' ? null : code;
}
