import type { CardError, CardErrorCode } from '../contract/snapshot';
import type { Localized } from '../contract/localized';

const MESSAGES: Record<CardErrorCode, Localized> = {
  'pcsc-unavailable': {
    ja: 'ICカードを扱うサービス（PC/SC）が使えません。Windows: 「サービス」で「Smart Card」を開始してください。macOS: カードリーダーを抜いて差し直してください。Linux: pcscd を起動してください（例: sudo systemctl start pcscd）。その後、もう一度確認してください。',
    en: "The smart card service (PC/SC) is not available. Windows: start the 'Smart Card' service in Services. macOS: unplug the card reader and plug it in again. Linux: start pcscd (e.g. sudo systemctl start pcscd). Then check again.",
  },
  'no-reader': {
    ja: 'カードリーダーが見つかりません。USBケーブルを差し直し（ハブを使っている場合はパソコンに直接）、リーダーのドライバーが入っているか確認してください。',
    en: 'No card reader was found. Plug the USB cable in again (directly into the computer rather than through a hub) and make sure the reader driver is installed.',
  },
  'no-card': {
    ja: 'リーダーにカードがありません。ICチップの向きに注意して奥まで差し込むか、非接触リーダーなら中央に置いたまま動かさないでください。',
    en: 'There is no card in the reader. Insert it all the way with the chip facing the right way, or for a contactless reader place it in the middle and keep it still.',
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

/** Our own earlier read is still stuck on a card that stopped answering. */
export const STILL_WAITING_ADVICE: Localized = {
  ja: '前回の確認で応答しなくなったカードを、まだ待っています。カードをリーダーから抜いて数秒待ち、差し直してから、もう一度確認してください。',
  en: 'A card that stopped answering during the previous check is still being waited for. Take the card out of the reader, wait a few seconds, insert it again, and check again.',
};

export function cardError(code: CardErrorCode, detail?: string): CardError {
  return new CardFailure(code, detail).toCardError();
}

/** PC/SC return codes that name a condition (winscard.h). */
const PCSC_CODES: Record<number, CardErrorCode> = {
  0x8010001d: 'pcsc-unavailable', // SCARD_E_NO_SERVICE
  0x8010001e: 'pcsc-unavailable', // SCARD_E_SERVICE_STOPPED
  0x80100002: 'communication', // SCARD_E_CANCELLED
  0x8010000a: 'timeout', // SCARD_E_TIMEOUT
  0x8010000c: 'no-card', // SCARD_E_NO_SMARTCARD
  0x80100069: 'card-removed', // SCARD_W_REMOVED_CARD
  0x80100068: 'card-removed', // SCARD_W_RESET_CARD: someone reset it under us
  0x80100066: 'communication', // SCARD_W_UNRESPONSIVE_CARD
  0x80100067: 'communication', // SCARD_W_UNPOWERED_CARD
  0x80100065: 'communication', // SCARD_W_UNSUPPORTED_CARD
  0x80100017: 'no-reader', // SCARD_E_READER_UNAVAILABLE
  0x8010002e: 'no-reader', // SCARD_E_NO_READERS_AVAILABLE
  0x80100009: 'no-reader', // SCARD_E_UNKNOWN_READER
  0x8010000f: 'communication', // SCARD_E_PROTO_MISMATCH
  0x80100016: 'communication', // SCARD_E_NOT_TRANSACTED
};

/** Turns whatever pcsclite threw into a named condition. */
export function classifyPcscError(error: unknown, fallback: CardErrorCode = 'communication'): CardFailure {
  if (error instanceof CardFailure) return error;
  const text = error instanceof Error ? error.message : String(error);
  const match = /0x([0-9a-fA-F]{8})/.exec(text);
  if (match) {
    const code = PCSC_CODES[Number.parseInt(match[1], 16)];
    if (code) return new CardFailure(code, text);
  }
  if (/service not available|no service|service stopped/i.test(text)) return new CardFailure('pcsc-unavailable', text);
  if (/removed/i.test(text)) return new CardFailure('card-removed', text);
  return new CardFailure(fallback, text);
}
