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

  it('gives a human-readable detail with every error', () => {
    const r = parseDerLength(b(0x30, 0x80));
    expect('detail' in r && r.detail.length > 5).toBe(true);
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
