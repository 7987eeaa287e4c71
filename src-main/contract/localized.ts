/** Every user-facing string exists in Japanese (first) and English. */
export interface Localized {
  ja: string;
  en: string;
}

export type Lang = keyof Localized;
export const LANGS: readonly Lang[] = ['ja', 'en'];
