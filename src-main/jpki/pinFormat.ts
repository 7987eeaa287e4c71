import type { Localized } from '../contract/localized';

/**
 * Format check for the signing password (署名用電子証明書のパスワード), run before
 * anything is sent so that an impossible password never costs a try. Pure and free
 * of Node imports: the renderer runs it as the person types.
 */
export type PinFormatReason =
  | 'empty'
  | 'full-width'
  | 'four-digit-pin'
  | 'symbols'
  | 'too-short'
  | 'too-long'
  | 'digits-only'
  | 'letters-only';

export type PinFormatResult =
  | { ok: true; normalized: string }
  | { ok: false; reason: PinFormatReason; message: Localized };

const MESSAGES: Record<PinFormatReason, Localized> = {
  empty: {
    ja: '署名用パスワードを入力してください（英字と数字を組み合わせた6〜16文字）。',
    en: 'Enter the signing password (6 to 16 letters and digits, with at least one of each).',
  },
  'full-width': {
    ja: '全角文字が含まれています。日本語入力（IME）をオフにして、半角の英字と数字で入力し直してください。',
    en: 'The password contains full-width characters. Turn off Japanese input (IME) and type it again in half-width letters and digits.',
  },
  'four-digit-pin': {
    ja: '数字4桁は「利用者証明用」などの暗証番号です。署名には英字と数字を組み合わせた6〜16文字の署名用パスワードが必要です。この入力はカードに送っていません。',
    en: 'Four digits is the user PIN (for log-in and other uses). Signing needs the signing password: 6 to 16 letters and digits. Nothing was sent to the card.',
  },
  symbols: {
    ja: '記号や空白は署名用パスワードに使えません。使えるのは半角の英字（A〜Z）と数字（0〜9）だけです。',
    en: 'Symbols and spaces cannot be part of the signing password. Only half-width letters (A–Z) and digits (0–9) are allowed.',
  },
  'too-short': {
    ja: '短すぎます。署名用パスワードは6文字以上です。',
    en: 'Too short: the signing password has at least 6 characters.',
  },
  'too-long': {
    ja: '長すぎます。署名用パスワードは16文字以内です。',
    en: 'Too long: the signing password has at most 16 characters.',
  },
  'digits-only': {
    ja: '数字だけになっています。署名用パスワードには英字が少なくとも1文字入っています。',
    en: 'Digits only: the signing password always contains at least one letter.',
  },
  'letters-only': {
    ja: '英字だけになっています。署名用パスワードには数字が少なくとも1文字入っています。',
    en: 'Letters only: the signing password always contains at least one digit.',
  },
};

export function pinFormatMessage(reason: PinFormatReason): Localized {
  return MESSAGES[reason];
}

export function checkSigningPinFormat(pin: string): PinFormatResult {
  const refuse = (reason: PinFormatReason): PinFormatResult => ({ ok: false, reason, message: MESSAGES[reason] });
  if (typeof pin !== 'string' || pin.length === 0) return refuse('empty');
  // Anything outside ASCII is what an active IME produces (full-width letters, kana).
  if (/[^\x00-\x7f]/.test(pin)) return refuse('full-width');
  if (/^[0-9]{4}$/.test(pin)) return refuse('four-digit-pin');
  if (/[^A-Za-z0-9]/.test(pin)) return refuse('symbols');
  if (pin.length < 6) return refuse('too-short');
  if (pin.length > 16) return refuse('too-long');
  if (/^[0-9]+$/.test(pin)) return refuse('digits-only');
  if (/^[A-Za-z]+$/.test(pin)) return refuse('letters-only');
  // The card only knows upper case; J-LIS converts lower case input, so do we.
  return { ok: true, normalized: pin.toUpperCase() };
}
