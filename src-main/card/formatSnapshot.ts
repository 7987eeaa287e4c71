import type { Lang } from '../contract/localized';
import type { CardSnapshot, CertSlot } from '../contract/snapshot';

const L = {
  service: { ja: 'PC/SC サービス', en: 'PC/SC service' },
  notAsked: { ja: '未確認(カード読み取り部品を読み込めないため)', en: 'not checked (the card-reading component could not be loaded)' },
  readers: { ja: 'カードリーダー', en: 'Card readers' },
  none: { ja: 'なし', en: 'none' },
  card: { ja: 'カードあり', en: 'card inserted' },
  empty: { ja: 'カードを検出していません', en: 'no card detected' },
  used: { ja: '使用したリーダー', en: 'Reader used' },
  applet: { ja: 'JPKI（公的個人認証）', en: 'JPKI applet' },
  yes: { ja: 'あり', en: 'yes' },
  no: { ja: 'なし', en: 'no' },
  token: { ja: 'カードの種類', en: 'Card type' },
  mynumber: { ja: 'マイナンバーカード', en: 'My Number card' },
  juki: { ja: '住民基本台帳カード', en: 'Juki card' },
  other: { ja: 'その他', en: 'other' },
  signTries: { ja: '署名用パスワード 残り回数', en: 'Signing password tries left' },
  authTries: { ja: '利用者証明用暗証番号（4桁） 残り回数', en: 'User PIN (4 digits) tries left' },
  signCert: { ja: '署名用電子証明書', en: 'Signing certificate' },
  authCert: { ja: '利用者証明用電子証明書', en: 'User-authentication certificate' },
  present: { ja: 'あり', en: 'present' },
  absent: { ja: 'なし', en: 'absent' },
  unknown: { ja: '不明', en: 'unknown' },
  validUntil: { ja: '有効期限', en: 'valid until' },
  daysLeft: { ja: '残り日数', en: 'days left' },
  expired: { ja: '期限切れ', en: 'expired' },
  malformed: { ja: '読み取れない（壊れている）', en: 'unreadable (corrupt)' },
  notRead: { ja: '未読（パスワードが必要）', en: 'not read (needs the password)' },
  evidence: { ja: '根拠', en: 'evidence' },
  error: { ja: '問題', en: 'Problem' },
  apdus: { ja: '送信したコマンド数', en: 'Commands sent' },
  noPin: { ja: 'パスワードの試行回数は使っていません。', en: 'No password try was used.' },
} as const;

function jst(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 9 * 3600 * 1000);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} JST`;
}

function slotLine(slot: CertSlot | undefined, lang: Lang): string {
  if (!slot) return L.unknown[lang];
  switch (slot.status) {
    case 'ok': {
      const c = slot.cert;
      const state = c.daysLeft < 0 ? `${L.expired[lang]} ` : '';
      return `${state}${L.validUntil[lang]} ${jst(c.notAfter)} (${L.daysLeft[lang]}: ${c.daysLeft})`;
    }
    case 'absent':
      return `${L.absent[lang]} (${slot.evidence})`;
    case 'malformed':
      return `${L.malformed[lang]}: ${slot.message[lang]}`;
    case 'not-read':
      return L.notRead[lang];
  }
}

/** A short readable summary of a probe, without any holder data. */
export function formatSnapshot(s: CardSnapshot, lang: Lang): string {
  const lines: string[] = [];
  // Without our binding the service was never asked: say so rather than "unavailable".
  const notAsked = s.error?.code === 'pcsc-binding-missing';
  lines.push(`${L.service[lang]}: ${notAsked ? L.notAsked[lang] : s.pcscService}`);
  if (s.pcscService === 'ok') {
    const readers = s.readers.length
      ? s.readers.map((r) => `${r.name} (${r.cardPresent ? L.card[lang] : L.empty[lang]})`).join(', ')
      : L.none[lang];
    lines.push(`${L.readers[lang]}: ${readers}`);
  }
  if (s.reader) lines.push(`${L.used[lang]}: ${s.reader}${s.atr ? ` [ATR ${s.atr}]` : ''}`);
  if (s.jpkiApplet !== undefined) lines.push(`${L.applet[lang]}: ${s.jpkiApplet ? L.yes[lang] : L.no[lang]}`);
  if (s.token) lines.push(`${L.token[lang]}: ${L[s.token][lang]}${s.tokenLabel ? ` (${s.tokenLabel})` : ''}`);
  if (s.signPinTriesLeft !== undefined) lines.push(`${L.signTries[lang]}: ${s.signPinTriesLeft} / 5`);
  if (s.authPinTriesLeft !== undefined) lines.push(`${L.authTries[lang]}: ${s.authPinTriesLeft} / 3`);
  if (s.signCertPresence) {
    lines.push(`${L.signCert[lang]}: ${L[s.signCertPresence.value][lang]} (${L.evidence[lang]}: ${s.signCertPresence.evidence})`);
    if (s.signCert?.status === 'ok' || s.signCert?.status === 'malformed') lines.push(`  ${slotLine(s.signCert, lang)}`);
  }
  if (s.authCert) lines.push(`${L.authCert[lang]}: ${slotLine(s.authCert, lang)}`);
  if (s.error) lines.push(`${L.error[lang]}: ${s.error.message[lang]}${s.error.detail ? ` [${s.error.detail}]` : ''}`);
  lines.push(`${L.apdus[lang]}: ${s.apduCount}. ${L.noPin[lang]}`);
  return `${lines.join('\n')}\n`;
}
