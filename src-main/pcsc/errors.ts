import type { CardError, CardErrorCode } from '../contract/snapshot';
import type { Localized } from '../contract/localized';

const MESSAGES: Record<CardErrorCode, Localized> = {
  'pcsc-binding-missing': {
    ja: 'jpki-doctor のカード読み取り部品(PC/SC接続部品)を読み込めませんでした。アプリの一部が欠けているか壊れています。jpki-doctor をいったん削除して、入れ直してください。スマートカードのサービスやカードリーダーの問題ではありません。',
    en: "jpki-doctor's card-reading component (its PC/SC binding) could not be loaded: part of the app is missing or damaged. Uninstall jpki-doctor and install it again. This is not a problem with the smart-card service or the card reader.",
  },
  'pcsc-unavailable': {
    ja: 'ICカードを扱うサービス（PC/SC）が使えません。Windows: 「サービス」で「Smart Card」を開始してください。macOS: カードリーダーを抜いて差し直してください。Linux: pcscd を起動してください（例: sudo systemctl start pcscd）。その後、もう一度確認してください。',
    en: "The smart card service (PC/SC) is not available. Windows: start the 'Smart Card' service in Services. macOS: unplug the card reader and plug it in again. Linux: start pcscd (e.g. sudo systemctl start pcscd). Then check again.",
  },
  'no-reader': {
    ja: 'カードリーダーが見つかりません。USBケーブルを差し直し（ハブを使っている場合はパソコンに直接）、リーダーのドライバーが入っているか確認してください。',
    en: 'No card reader was found. Plug the USB cable in again (directly into the computer rather than through a hub) and make sure the reader driver is installed.',
  },
  'no-card': {
    ja: 'リーダーがカードを検出していません。カードが入っているときも一度取り出し、ICチップの向きに注意して奥まで差し込み直してください。非接触リーダーなら、中央に置き直して動かさないでください。',
    en: 'The reader does not see a card. Even if the card is in, take it out and insert it again all the way, with the chip facing the right way; on a contactless reader, lay it in the middle again and keep it still.',
  },
  'card-removed': {
    ja: '読み取りの途中でカードが外れました。カードを差し直し（非接触なら置き直して動かさず）、もう一度確認してください。パスワードの試行回数は使っていません。',
    en: 'The card was removed while it was being read. Insert it again (or put it back on the contactless reader and keep it still) and check again. No password try was used.',
  },
  timeout: {
    ja: 'カードが応答しません。カードを抜いて差し直すか、リーダーをパソコンに接続し直してから、もう一度確認してください。',
    en: 'The card does not answer. Take it out and insert it again, or reconnect the reader, then check again.',
  },
  'unexpected-sw': {
    ja: 'カードが想定外の応答を返しました。マイナンバーカード以外のカードか、カードの不具合の可能性があります。差し直して改善しない場合は、この結果を保存して市区町村の窓口に相談してください。',
    en: 'The card gave an unexpected answer. It may not be a My Number card, or the card may be faulty. If re-inserting does not help, save this result and ask your municipal office.',
  },
  // SCARD_E_SHARING_VIOLATION: another program holds the card; not a contact problem.
  'card-in-use': {
  ja: '別のプログラムがこのカードを使用中のため、読み取れませんでした。カードは正常な可能性が高いです。JPKI利用者ソフト、e-Taxソフト、マイナポータルアプリ、ブラウザの署名機能など、カードを使うプログラムを終了してから、もう一度確認してください。',
  en: 'Another program is using this card, so it could not be read. The card itself is probably fine. Close programs that use the card (JPKI user software, e-Tax software, the Mynaportal app, signing features in the browser) and check again.',
  },
  communication: {
    ja: 'カードと通信できません。ICチップの向きと汚れを確認し、乾いた柔らかい布で拭いてから差し直してください。別のUSBポートやリーダーでも試してください。',
    en: 'Could not communicate with the card. Check which way the chip faces and whether it is dirty, wipe it with a soft dry cloth and insert it again. Try another USB port or reader too.',
  },
  'pin-format': {
    ja: 'パスワードの形式が正しくないため、カードには送っていません。',
    en: 'The password format cannot be right, so it was not sent to the card.',
  },
  'pin-tries-too-low': {
    ja: '署名用パスワードの残り回数が2回以下のため、カードに送る前に止めました。間違えるとロック寸前か、すぐにロックされます。確実に分かっている場合だけ、残り回数を確認したうえで続けてください。自信がなければ、コンビニか窓口でのリセットが安全です。',
    en: 'Stopped before sending: the signing password has 2 or fewer tries left, so a mistake would leave it one step from locking, or lock it. Continue only if you are sure, having seen the tries left. If you are not sure, a reset at a convenience store or the counter is safer.',
  },
  'tries-changed': {
    ja: 'カードの残り回数が、画面に表示していた回数と違っていました(カードを差し替えたか、別のソフトで入力した可能性があります)。カードには何も送っていません。表示し直した残り回数を確認してから、もう一度操作してください。',
    en: 'The tries left on the card differ from what was shown on screen (the card may have been swapped, or another program entered a password). Nothing was sent to the card. Check the updated tries left, then try again.',
  },
  'pin-outcome-unknown': {
    ja: 'パスワードはカードに送りましたが、結果を受け取る前に通信が切れました。1回分を使った可能性があります。続けて入力せず、まずカードを差し直して「カードの確認」で残り回数を確かめてください。',
    en: 'The password was sent to the card, but the connection was lost before the answer came back, so a try may have been used. Do not enter it again yet: reinsert the card and run the card check to see the tries left.',
  },
  'pin-locked': {
    ja: '署名用パスワードはロックされています。入力してもカードは受け付けません。コンビニでのリセット（事前にスマホで予約）か、市区町村の窓口で解除してください。',
    en: 'The signing password is locked; the card will not accept any entry. Reset it at a convenience store (booked beforehand with the phone app) or at your municipal office.',
  },
};

export function cardErrorMessage(code: CardErrorCode): Localized {
  return MESSAGES[code];
}

/** A named card condition travelling as an exception inside the card layer only. */
export class CardFailure extends Error {
  readonly code: CardErrorCode;
  readonly detail?: string;
  /** Overrides the code's general advice when the cause is known more precisely. */
  readonly advice?: Localized;
  constructor(code: CardErrorCode, detail?: string, advice?: Localized) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'CardFailure';
    this.code = code;
    this.detail = detail;
    this.advice = advice;
  }
  toCardError(): CardError {
    return { code: this.code, message: this.advice ?? MESSAGES[this.code], ...(this.detail ? { detail: this.detail } : {}) };
  }
}

/** Why the PC/SC binding did not load: its package or .node file is absent, built for another runtime, or failed otherwise. */
export type BindingProblem = 'missing' | 'wrong-abi' | 'load-failed';

/** The binding could not be loaded: the app is damaged, never "start the service". */
export class BindingFailure extends CardFailure {
  constructor(
    readonly problem: BindingProblem,
    /** The .node file that was looked for (for staff and the report). */
    readonly file: string | undefined,
    readonly reason: string,
  ) {
    super('pcsc-binding-missing', `pcsclite binding ${problem}${file ? ` (${file})` : ''}: ${reason}`);
    this.name = 'BindingFailure';
  }
  override toCardError(): CardError {
    return { ...super.toCardError(), binding: this.problem };
  }
}

/** Our own earlier read is still stuck on a card that stopped answering. */
export const STILL_WAITING_ADVICE: Localized = {
  ja: '前回の確認で応答しなくなったカードを、まだ待っています。カードをリーダーから抜いて数秒待ち、差し直してから、もう一度確認してください。',
  en: 'A card that stopped answering during the previous check is still being waited for. Take the card out of the reader, wait a few seconds, insert it again, and check again.',
};

export function cardError(code: CardErrorCode, detail?: string): CardError {
  return new CardFailure(code, detail).toCardError();
}

/**
 * PC/SC return codes, by number (winscard.h / Windows SCARD_* values are the
 * same on Windows, macOS and pcsc-lite). We match the number, never the text:
 * on Windows the text comes from FormatMessage in the system code page and can
 * arrive garbled, and macOS words it differently.
 */
export const PCSC_CODES: Record<number, { name: string; condition: CardErrorCode }> = {
  0x8010001d: { name: 'SCARD_E_NO_SERVICE', condition: 'pcsc-unavailable' },
  0x8010001e: { name: 'SCARD_E_SERVICE_STOPPED', condition: 'pcsc-unavailable' },
  0x80100002: { name: 'SCARD_E_CANCELLED', condition: 'communication' },
  0x8010000a: { name: 'SCARD_E_TIMEOUT', condition: 'timeout' },
  0x8010000b: { name: 'SCARD_E_SHARING_VIOLATION', condition: 'card-in-use' },
  0x8010000c: { name: 'SCARD_E_NO_SMARTCARD', condition: 'no-card' },
  0x80100069: { name: 'SCARD_W_REMOVED_CARD', condition: 'card-removed' },
  0x80100068: { name: 'SCARD_W_RESET_CARD', condition: 'card-removed' }, // someone reset it under us
  0x80100066: { name: 'SCARD_W_UNRESPONSIVE_CARD', condition: 'communication' },
  0x80100067: { name: 'SCARD_W_UNPOWERED_CARD', condition: 'communication' },
  0x80100065: { name: 'SCARD_W_UNSUPPORTED_CARD', condition: 'communication' },
  0x80100017: { name: 'SCARD_E_READER_UNAVAILABLE', condition: 'no-reader' },
  0x8010002e: { name: 'SCARD_E_NO_READERS_AVAILABLE', condition: 'no-reader' },
  0x80100009: { name: 'SCARD_E_UNKNOWN_READER', condition: 'no-reader' },
  0x8010000f: { name: 'SCARD_E_PROTO_MISMATCH', condition: 'communication' },
  0x80100016: { name: 'SCARD_E_NOT_TRANSACTED', condition: 'communication' },
};

/** The PC/SC return code inside a pcsclite error ("SCardConnect error: <OS text>(0x8010000b)"). */
export function pcscCodeOf(error: unknown): number | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const match = /0x([0-9a-fA-F]{8})/.exec(text);
  return match ? Number.parseInt(match[1], 16) : undefined;
}

/** Our own words for the detail: the call, the code's name and number; never the OS text. */
function pcscDetail(text: string, code: number): string {
  const call = /^(SCard\w+)/.exec(text)?.[1];
  const name = PCSC_CODES[code]?.name ?? 'PC/SC error';
  return `${call ? `${call}: ` : ''}${name} (0x${code.toString(16).toUpperCase().padStart(8, '0')})`;
}

/** Turns whatever pcsclite threw into a named condition. */
export function classifyPcscError(error: unknown, fallback: CardErrorCode = 'communication'): CardFailure {
  if (error instanceof CardFailure) return error;
  const text = error instanceof Error ? error.message : String(error);
  const code = pcscCodeOf(error);
  if (code !== undefined) {
    return new CardFailure(PCSC_CODES[code]?.condition ?? fallback, pcscDetail(text, code));
  }
  // No code: keep printable ASCII only, so text in another code page cannot show up garbled.
  const ascii = text.replace(/[^\x20-\x7e]/g, '?');
  if (/service not available|no service|service stopped/i.test(text)) return new CardFailure('pcsc-unavailable', ascii);
  if (/removed/i.test(text)) return new CardFailure('card-removed', ascii);
  return new CardFailure(fallback, ascii);
}
