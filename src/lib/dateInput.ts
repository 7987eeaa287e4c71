import type { Localized } from '../../src-main/contract';
import { isCalendarDate } from '../../src-main/contract/isoDate';

export type DateInput = { ok: true; date: string } | { ok: false; message: Localized };

/**
 * A date typed into one text field (one Tab stop, unlike a browser date picker's three
 * parts). Accepts 2026-12-10, 2026/12/10, 2026.12.10, 2026年12月10日 and 20261210, with
 * full-width digits; returns the ISO calendar date, or a message saying how to type it.
 */
export function readDateInput(raw: string): DateInput {
  const half = raw.replace(/[\uFF10-\uFF19\uFF0F\uFF0D\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  if (half === '') {
    return { ok: false, message: { ja: '日付を入力するか、「わからない」を選んでください。', en: 'Enter a date, or choose "I don\'t know".' } };
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(half) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(half);
  const iso = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : '';
  if (!m || !isCalendarDate(iso)) {
    return {
      ok: false,
      message: {
        ja: '日付は「2026-12-10」や「2026/12/10」のように、年・月・日の順で入力してください。',
        en: 'Type the date as year, month, day, for example 2026-12-10 or 2026/12/10.',
      },
    };
  }
  return { ok: true, date: iso };
}
