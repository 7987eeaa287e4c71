import { FactsSchema, type Facts } from '../contract/facts';
import type { Localized } from '../contract/localized';

export type ParseFactsResult =
  | { ok: true; facts: Facts }
  | { ok: false; field: string; message: string; localized: Localized };

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  // JSON quoting escapes control characters, so a hostile value cannot drive the terminal.
  return typeof v === 'string' ? `${JSON.stringify(v.slice(0, 40))}${v.length > 40 ? '…' : ''}` : String(typeof v === 'object' ? 'an object' : v);
}

/**
 * Validates untrusted input (a JSON file, the renderer) against FactsSchema and
 * names the first offending field, in words a person can act on.
 */
export function parseFacts(input: unknown): ParseFactsResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    const localized = {
      ja: `事実データは JSON オブジェクト({ ... })である必要がありますが、${describeValue(input)} でした。`,
      en: `the facts must be a JSON object ({ ... }), got ${describeValue(input)}.`,
    };
    return { ok: false, field: '(root)', message: localized.en, localized };
  }
  const parsed = FactsSchema.safeParse(input);
  if (parsed.success) return { ok: true, facts: parsed.data };

  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const field = issue.keys[0]!;
    const localized = {
      ja: `フィールド "${field}" は不明な項目です(つづりを確認してください)。`,
      en: `field "${field}" is not a known fact (check the spelling).`,
    };
    return { ok: false, field, message: localized.en, localized };
  }
  const field = issue.path.map(String).join('.') || '(root)';
  const value = issue.path.reduce<unknown>(
    (obj, key) => (obj && typeof obj === 'object' ? (obj as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined),
    input,
  );
  // Our own checks (strict dates, contradictions) carry their reason in both languages.
  const own = issue.code === 'custom' ? (issue.params as { localized?: Localized; fields?: string[] } | undefined) : undefined;
  if (own?.fields && own.localized) {
    return { ok: false, field, message: own.localized.en, localized: { ja: `${own.localized.ja}。`, en: `${own.localized.en}.` } };
  }
  const reason = own?.localized ?? { ja: issue.message, en: issue.message };
  const localized = {
    ja: `フィールド "${field}" の値 ${describeValue(value)} が不正です: ${reason.ja}`,
    en: `field "${field}" has an invalid value ${describeValue(value)}: ${reason.en}`,
  };
  return { ok: false, field, message: localized.en, localized };
}
