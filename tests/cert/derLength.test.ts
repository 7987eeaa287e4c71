import { describe, expect, it } from 'vitest';
import { isBlankFile, MAX_DER_TOTAL_LENGTH, parseDerLength } from '../../src-main/cert';

const b = (...bytes: number[]) => new Uint8Array(bytes);

describe('parseDerLength', () => {
  it('reads the short form', () => {
    expect(parseDerLength(b(0x30, 0x05, 1, 2))).toEqual({ headerLength: 2, totalLength: 7 });
    expect(parseDerLength(b(0x30, 0x7f))).toEqual({ headerLength: 2, totalLength: 129 });
    expect(parseDerLength(b(0x04, 0x00))).toEqual({ headerLength: 2, totalLength: 2 });
  });

  it('reads the long forms 0x81..0x84', () => {
    expect(parseDerLength(b(0x30, 0x81, 0x80))).toEqual({ headerLength: 3, totalLength: 131 });
    expect(parseDerLength(b(0x30, 0x82, 0x05, 0x1a, 0x30, 0x82))).toEqual({ headerLength: 4, totalLength: 4 + 0x051a });
    expect(parseDerLength(b(0x30, 0x83, 0x00, 0x10, 0x00))).toEqual({ headerLength: 5, totalLength: 5 + 0x1000 });
    expect(parseDerLength(b(0x30, 0x84, 0x00, 0x00, 0x01, 0x00))).toEqual({ headerLength: 6, totalLength: 6 + 256 });
  });

  it('reads a high tag number before the length', () => {
    expect(parseDerLength(b(0x7f, 0x81, 0x02, 0x03, 0xaa))).toEqual({ headerLength: 4, totalLength: 7 });
  });

  it('asks for more bytes when the header is cut', () => {
    for (const header of [b(), b(0x30), b(0x30, 0x82), b(0x30, 0x82, 0x05), b(0x30, 0x84, 0, 0, 1), b(0x7f, 0x81)]) {
      const r = parseDerLength(header);
      expect(r, `header ${Array.from(header)}`).toMatchObject({ error: 'need-more-bytes' });
    }
  });

  it('rejects indefinite length', () => {
    expect(parseDerLength(b(0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00))).toMatchObject({ error: 'indefinite-length' });
  });

  it('rejects lengths over 64 KiB and length fields over 4 bytes', () => {
    expect(parseDerLength(b(0x30, 0x83, 0x01, 0x00, 0x00))).toMatchObject({ error: 'too-large' });
    expect(parseDerLength(b(0x30, 0x84, 0xff, 0xff, 0xff, 0xff))).toMatchObject({ error: 'too-large' });
    expect(parseDerLength(b(0x30, 0x85, 0, 0, 0, 0, 1))).toMatchObject({ error: 'too-large' });
    // The limit itself is allowed, one more byte is not.
    const atLimit = MAX_DER_TOTAL_LENGTH - 4;
    expect(parseDerLength(b(0x30, 0x82, atLimit >> 8, atLimit & 0xff))).toEqual({ headerLength: 4, totalLength: MAX_DER_TOTAL_LENGTH });
    expect(parseDerLength(b(0x30, 0x83, 0x00, 0xff, 0xfd))).toMatchObject({ error: 'too-large' });
  });

  it('says a blank first byte is not DER', () => {
    expect(parseDerLength(b(0xff, 0xff, 0xff))).toMatchObject({ error: 'not-der' });
    expect(parseDerLength(b(0x00, 0x00))).toMatchObject({ error: 'not-der' });
  });

  it('says exactly what is wrong (the detail becomes card-check evidence)', () => {
    expect(parseDerLength(b())).toEqual({ error: 'need-more-bytes', detail: 'no bytes yet; need the tag byte' });
    expect(parseDerLength(b(0xff, 0x30))).toEqual({ error: 'not-der', detail: 'first byte 0xFF cannot start a DER object (blank file?)' });
    expect(parseDerLength(b(0x00))).toEqual({ error: 'not-der', detail: 'first byte 0x00 cannot start a DER object (blank file?)' });
    expect(parseDerLength(b(0x30))).toEqual({ error: 'need-more-bytes', detail: 'length byte is missing' });
    expect(parseDerLength(b(0x30, 0x80))).toEqual({ error: 'indefinite-length', detail: 'indefinite length (0x80) is not DER' });
    expect(parseDerLength(b(0x30, 0x85, 0, 0, 0, 0, 1))).toEqual({ error: 'too-large', detail: 'length uses 5 bytes' });
    expect(parseDerLength(b(0x30, 0x82, 0x05))).toEqual({ error: 'need-more-bytes', detail: 'length needs 2 more byte(s), have 1' });
    expect(parseDerLength(b(0x30, 0x83, 0x01, 0x00, 0x00))).toEqual({ error: 'too-large', detail: 'object of 65541 bytes exceeds 65536' });
    expect(parseDerLength(b(0x1f))).toEqual({ error: 'need-more-bytes', detail: 'tag is truncated' });
  });

  it('takes a length field of exactly 4 bytes, and a header that ends exactly with its length bytes', () => {
    expect(parseDerLength(b(0x30, 0x84, 0x00, 0x00, 0x00, 0x05))).toEqual({ headerLength: 6, totalLength: 11 });
    expect(parseDerLength(b(0x30, 0x81, 0x05))).toEqual({ headerLength: 3, totalLength: 8 });
    expect(parseDerLength(b(0x30, 0x81))).toMatchObject({ error: 'need-more-bytes', detail: 'length needs 1 more byte(s), have 0' });
  });

  it('reads multi-byte high tag numbers, up to four continuation bytes', () => {
    // Tag 0x1f, then 0x81 0x80 0x01: two continuation bytes and a last one.
    expect(parseDerLength(b(0x5f, 0x81, 0x80, 0x01, 0x03))).toEqual({ headerLength: 5, totalLength: 8 });
    expect(parseDerLength(b(0x5f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00))).toEqual({ headerLength: 7, totalLength: 7 });
    expect(parseDerLength(b(0x5f, 0x81, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00))).toEqual({ error: 'not-der', detail: 'tag number is too long' });
    expect(parseDerLength(b(0x5f, 0x81, 0x81))).toEqual({ error: 'need-more-bytes', detail: 'tag is truncated' });
    // Bit 8 clear on the second byte ends the tag even when other bits are set.
    expect(parseDerLength(b(0x5f, 0x7f, 0x00))).toEqual({ headerLength: 3, totalLength: 3 });
    // A low tag number never reads a second tag byte.
    expect(parseDerLength(b(0x1e, 0x01, 0xaa))).toEqual({ headerLength: 2, totalLength: 3 });
  });
});

describe('isBlankFile', () => {
  it('is true for empty, all 00 and all FF', () => {
    expect(isBlankFile(b())).toBe(true);
    expect(isBlankFile(new Uint8Array(2048))).toBe(true);
    expect(isBlankFile(new Uint8Array(2048).fill(0xff))).toBe(true);
    expect(isBlankFile(b(0xff))).toBe(true);
  });

  it('is false for mixed fill or real content', () => {
    expect(isBlankFile(b(0x00, 0xff))).toBe(false);
    expect(isBlankFile(b(0xff, 0xff, 0x00))).toBe(false);
    expect(isBlankFile(b(0x30, 0x82, 0x05, 0x00))).toBe(false);
    const mostlyBlank = new Uint8Array(1000).fill(0xff);
    mostlyBlank[999] = 0xfe;
    expect(isBlankFile(mostlyBlank)).toBe(false);
  });
});
