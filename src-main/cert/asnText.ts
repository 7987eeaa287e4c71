import * as asn1js from 'asn1js';

const utf8 = new TextDecoder('utf-8');

/**
 * Readable text of an ASN.1 string value, or null when the value is not a string type.
 * UTF8String is decoded here rather than trusting asn1js, so that invalid bytes become
 * U+FFFD instead of a Latin-1 jumble.
 */
export function asnText(value: unknown): string | null {
  if (value instanceof asn1js.Utf8String) return utf8.decode(value.valueBlock.valueHexView);
  if (
    value instanceof asn1js.PrintableString ||
    value instanceof asn1js.IA5String ||
    value instanceof asn1js.TeletexString ||
    value instanceof asn1js.VisibleString ||
    value instanceof asn1js.NumericString ||
    value instanceof asn1js.BmpString ||
    value instanceof asn1js.UniversalString
  ) {
    const v = value.valueBlock.value;
    return typeof v === 'string' ? v : null;
  }
  return null;
}

export function toHex(bytes: Uint8Array, upper = true): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return upper ? s.toUpperCase() : s;
}
