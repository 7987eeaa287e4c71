import type { Localized } from '../contract';
import { BadRequestError } from './requests';

/** How a failed bridge call reaches the renderer, in either shell. */
export interface ErrorPayload {
  code: 'bad-request' | 'internal' | 'forbidden' | 'not-found';
  message: Localized;
  field?: string;
}

export const INTERNAL_ERROR: Localized = {
  ja: '内部エラーが起きました。アプリを再起動してやり直してください。カードの暗証番号の試行回数は消費していません。',
  en: 'Something went wrong inside jpki-doctor. Restart it and try again. No PIN try was used.',
};

/** Turns anything thrown by the core into a payload; logs only the method and message, never the request. */
export function toErrorPayload(method: string, error: unknown): ErrorPayload {
  if (error instanceof BadRequestError) {
    return {
      code: 'bad-request',
      field: error.field,
      message: error.reason
        ? { ja: `項目「${error.field}」: ${error.reason.ja}。`, en: `Field "${error.field}": ${error.reason.en}.` }
        : {
            ja: `リクエストの項目「${error.field}」が正しくありません。画面を再読み込みしてやり直してください。`,
            en: `The request field "${error.field}" is not valid. Reload the page and try again.`,
          },
    };
  }
  console.error(`jpki-doctor: ${method} failed: ${(error as Error)?.message ?? String(error)}`);
  return { code: 'internal', message: INTERNAL_ERROR };
}
