import type { Localized } from '../../src-main/contract';

/** The codes the JPKI client shows most often; anything else is still accepted. */
export const KNOWN_ERROR_CODES = ['ICF4031', 'ICF4010', 'ICF4013', 'ICF4032', 'HJS0407E'] as const;

export type ErrorCodeInput = { ok: true; code: string } | { ok: false; message: Localized };

const MAX_LENGTH = 24;

/**
 * Tidies what the person typed (an IME may give full-width letters, spaces or lower
 * case) so the engine sees a comparable code; refuses only what cannot be a code.
 */
export function readErrorCodeInput(raw: string): ErrorCodeInput {
  const halfWidth = raw.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const code = halfWidth.replace(/[\s\u3000]+/g, '').toUpperCase();
  if (code.length === 0) {
    return {
      ok: false,
      message: {
        ja: 'コードを入力してください。わからない場合は「コードは出ていない」を選んでください。',
        en: 'Please type the code. If you don\'t know it, choose "No code".',
      },
    };
  }
  if (code.length > MAX_LENGTH) {
    return {
      ok: false,
      message: {
        ja: 'コードが長すぎます。画面に出ている英字と数字だけを入力してください（例: ICF4031）。',
        en: 'That code is too long. Type only the letters and digits shown (e.g. ICF4031).',
      },
    };
  }
  if (!/^[A-Z0-9\-_]+$/.test(code)) {
    return {
      ok: false,
      message: {
        ja: 'エラーコードは英字と数字でできています（例: ICF4031）。記号や日本語を除いて入力してください。',
        en: 'Error codes are letters and digits (e.g. ICF4031). Please leave out symbols and other characters.',
      },
    };
  }
  return { ok: true, code };
}
