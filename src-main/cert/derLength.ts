/** Largest DER object the card reader will agree to read (JPKI certificates are ~1.3 KB). */
export const MAX_DER_TOTAL_LENGTH = 64 * 1024;

export type DerLengthError = 'need-more-bytes' | 'indefinite-length' | 'too-large' | 'not-der';

export type DerLengthResult =
  | { headerLength: number; totalLength: number }
  | { error: DerLengthError; detail: string };

/**
 * Size a DER object from its first bytes, so that a chunked READ BINARY knows
 * how much to ask for. Never assumes `30 82 LL LL`.
 */
export function parseDerLength(header: Uint8Array): DerLengthResult {
  if (header.length === 0) return { error: 'need-more-bytes', detail: 'no bytes yet; need the tag byte' };
  const tag = header[0];
  // 00 (end-of-contents) and FF never start a top-level object: this is a blank or unwritten file.
  if (tag === 0x00 || tag === 0xff) {
    return { error: 'not-der', detail: `first byte 0x${hex(tag)} cannot start a DER object (blank file?)` };
  }
  let pos = 1;
  if ((tag & 0x1f) === 0x1f) {
    // High-tag-number form: tag continues while bit 8 is set.
    for (;;) {
      if (pos >= header.length) return { error: 'need-more-bytes', detail: 'tag is truncated' };
      const b = header[pos++];
      if ((b & 0x80) === 0) break;
      if (pos > 5) return { error: 'not-der', detail: 'tag number is too long' };
    }
  }
  if (pos >= header.length) return { error: 'need-more-bytes', detail: 'length byte is missing' };
  const first = header[pos++];
  if (first < 0x80) return { headerLength: pos, totalLength: pos + first };
  if (first === 0x80) return { error: 'indefinite-length', detail: 'indefinite length (0x80) is not DER' };
  const count = first & 0x7f;
  if (count > 4) return { error: 'too-large', detail: `length uses ${count} bytes` };
  if (pos + count > header.length) {
    return { error: 'need-more-bytes', detail: `length needs ${count} more byte(s), have ${header.length - pos}` };
  }
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + header[pos++];
  const totalLength = pos + length;
  if (totalLength > MAX_DER_TOTAL_LENGTH) {
    return { error: 'too-large', detail: `object of ${totalLength} bytes exceeds ${MAX_DER_TOTAL_LENGTH}` };
  }
  return { headerLength: pos, totalLength };
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0').toUpperCase();
}
