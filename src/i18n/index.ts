import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../src-main/contract';
import ja from './ja.json';
import en from './en.json';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: 'ja',
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function setLanguage(lang: Lang): void {
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}
