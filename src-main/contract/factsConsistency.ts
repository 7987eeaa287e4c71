import type { z } from 'zod';
import { isoDateMs } from './isoDate';

/**
 * Facts that contradict each other are refused, naming both fields: diagnosing
 * them would give a confident answer to a situation that cannot exist (a
 * certificate that ends before it starts, password tries read from a card that
 * is not there). Each issue is reported at the first field and carries a
 * two-language message in `params.localized`.
 */

type Loose = Record<string, unknown>;

interface Contradiction {
  fields: [string, string];
  ja: string;
  en: string;
}

/**
 * Facts read from the card in the same probe that says whether a card is there.
 * (signPinVerified is not here: it records a check made earlier in the intake and
 * stays true after the card is taken out.)
 */
const CARD_ONLY = [
  'signPinTriesLeft',
  'authPinTriesLeft',
  'signCertNotBefore',
  'signCertNotAfter',
  'authCertNotBefore',
  'authCertNotAfter',
] as const;

function certOrder(f: Loose, which: 'sign' | 'auth'): Contradiction | null {
  const start = `${which}CertNotBefore`;
  const end = `${which}CertNotAfter`;
  const a = f[start];
  const b = f[end];
  if (typeof a !== 'string' || typeof b !== 'string') return null;
  const from = isoDateMs(a);
  const to = isoDateMs(b);
  if (Number.isNaN(from) || Number.isNaN(to) || to >= from) return null;
  return {
    fields: [end, start],
    ja: `"${end}"(${b})が "${start}"(${a})より前です。証明書は始まる前に終わることはありません。読み取り結果か入力を確認してください`,
    en: `"${end}" (${b}) is before "${start}" (${a}): a certificate cannot end before it starts. Check the card reading or the input`,
  };
}

export function findContradictions(f: Loose): Contradiction[] {
  const out: Contradiction[] = [];
  for (const which of ['sign', 'auth'] as const) {
    const c = certOrder(f, which);
    if (c) out.push(c);
  }
  if (f.cardPresent === false) {
    for (const field of CARD_ONLY) {
      if (f[field] !== undefined) {
        out.push({
          fields: [field, 'cardPresent'],
          ja: `"${field}" はカードから読み取る項目ですが、"cardPresent" が false(カードなし)です。どちらかが誤りです`,
          en: `"${field}" is read from the card, but "cardPresent" is false (no card). One of them is wrong`,
        });
      }
    }
    if (f.signCert === 'present') {
      out.push({
        fields: ['signCert', 'cardPresent'],
        ja: `"signCert" が "present" ですが、"cardPresent" が false(カードなし)です。どちらかが誤りです`,
        en: `"signCert" is "present", but "cardPresent" is false (no card). One of them is wrong`,
      });
    }
  }
  if (f.readerCount === 0 && f.cardPresent === true) {
    out.push({
      fields: ['cardPresent', 'readerCount'],
      ja: `"cardPresent" が true ですが、"readerCount" が0(リーダーなし)です。どちらかが誤りです`,
      en: `"cardPresent" is true, but "readerCount" is 0 (no reader). One of them is wrong`,
    });
  }
  if (f.signCert === 'absent') {
    for (const field of ['signCertNotBefore', 'signCertNotAfter'] as const) {
      if (f[field] !== undefined) {
        out.push({
          fields: [field, 'signCert'],
          ja: `"${field}" がありますが、"signCert" が "absent"(署名用証明書なし)です。どちらかが誤りです`,
          en: `"${field}" is given, but "signCert" is "absent" (no signing certificate). One of them is wrong`,
        });
      }
    }
  }
  return out;
}

/** zod `superRefine` hook for FactsSchema. */
export function checkFactsConsistency(facts: Loose, ctx: z.RefinementCtx): void {
  for (const c of findContradictions(facts)) {
    ctx.addIssue({ code: 'custom', path: [c.fields[0]], message: c.en, params: { localized: { ja: c.ja, en: c.en }, fields: c.fields } });
  }
}
