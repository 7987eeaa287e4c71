import type { Lang, Localized } from '../../src-main/contract';

/** Picks the person's language from engine content; falls back to Japanese if a side is empty. */
export function pick(text: Localized | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] || text.ja;
}
