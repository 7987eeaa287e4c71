import { describe, expect, it } from 'vitest';
import * as apdu from '../../src-main/jpki/apdu';
import { checkSigningPinFormat, pinFormatMessage } from '../../src-main/jpki/pinFormat';
import { planRemainingReads } from '../../src-main/jpki/readPlan';
import { parseTokenInfo } from '../../src-main/jpki/token';

/** The edges of the small JPKI helpers: values exactly at their limits, on both sides. */
describe('signing password format at its edges', () => {
  it.each([
    ['123ABC', '123ABC'],
    ['1a2b3c', '1A2B3C'],
    ['9zzzzz', '9ZZZZZ'],
    ['ZZZZZ9', 'ZZZZZ9'],
    ['AB1234', 'AB1234'],
    ['A12345', 'A12345'],
    ['1234567890ABCDEF', '1234567890ABCDEF'],
  ])('accepts %s (digits first or last) as %s', (pin, normalized) => {
    expect(checkSigningPinFormat(pin)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['A1234', 'too-short'],
    ['12345A', undefined],
    ['12341', 'too-short'],
    ['ABCDEF1234567890X', 'too-long'],
    ['12345678901234567', 'too-long'],
    ['1234567', 'digits-only'],
    ['abcdefg', 'letters-only'],
    ['ABC12!', 'symbols'],
    ['!ABC12', 'symbols'],
    ['ABC\u007f12', 'symbols'],
    ['ABC12\u0080', 'full-width'],
    [' 1234', 'symbols'],
    ['1234 ', 'symbols'],
  ])('%j: %s', (pin, reason) => {
    const r = checkSigningPinFormat(pin);
    if (reason === undefined) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, reason, message: pinFormatMessage(reason as Parameters<typeof pinFormatMessage>[0]) });
  });

  it('calls anything that is not a string empty rather than crashing', () => {
    expect(checkSigningPinFormat(undefined as unknown as string)).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkSigningPinFormat(123456 as unknown as string)).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('says in both languages what is allowed', () => {
    expect(pinFormatMessage('too-short')).toEqual({ ja: '短すぎます。署名用パスワードは6文字以上です。', en: 'Too short: the signing password has at least 6 characters.' });
    expect(pinFormatMessage('too-long').ja).toContain('16文字以内');
    expect(pinFormatMessage('empty').ja).toContain('6〜16文字');
  });
});

describe('APDU builders at their limits', () => {
  it('reads at the last offset and with Le 1 and 256', () => {
    expect(apdu.toHex(apdu.readBinary(0x7fff, 1))).toBe('00B07FFF01');
    expect(() => apdu.readBinary(1.5, 4)).toThrow('READ BINARY offset out of range: 1.5');
    expect(() => apdu.readBinary(0, 2.5)).toThrow('READ BINARY length out of range: 2.5');
    expect(() => apdu.readBinary(0x8000, 1)).toThrow('READ BINARY offset out of range: 32768');
  });

  it('sends a PIN of 1 to 255 bytes', () => {
    expect(apdu.verifyPin(new Uint8Array(255).fill(0x41))).toHaveLength(260);
    expect(apdu.toHex(apdu.verifyPin(Uint8Array.of(0x31)))).toBe('002000800131');
    expect(() => apdu.verifyPin(new Uint8Array(256))).toThrow('PIN length out of range');
  });

  it('builds GET RESPONSE and prints status words and bytes with leading zeros', () => {
    expect(apdu.toHex(apdu.getResponse(0x1a))).toBe('00C000001A');
    expect(apdu.toHex(apdu.getResponse(256))).toBe('00C0000000');
    expect(apdu.swHex(0x0a05)).toBe('0A05');
    expect(apdu.swHex(0x6a82)).toBe('6A82');
    expect(apdu.toHex(Uint8Array.of(0x00, 0x0f, 0xab))).toBe('000FAB');
    expect(apdu.toHex(new Uint8Array(0))).toBe('');
  });

  it('selects another AID when given one', () => {
    expect(apdu.toHex(apdu.selectApplet(Uint8Array.of(0xa0, 0x00)))).toBe('00A4040C02A000');
    expect(apdu.toHex(apdu.selectEf(0x1234))).toBe('00A4020C021234');
  });

  it('says how short a response was, in the plural when it should be', () => {
    expect(() => apdu.parseResponse(new Uint8Array(0))).toThrow('response too short (0 bytes)');
    expect(() => apdu.parseResponse(Uint8Array.of(0x90))).toThrow('response too short (1 byte)');
  });
});

describe('read plan limits', () => {
  it('accepts chunks of 1 and 256 bytes and nothing outside', () => {
    expect(planRemainingReads(3, 0, 1)).toEqual([
      { offset: 0, length: 1 },
      { offset: 1, length: 1 },
      { offset: 2, length: 1 },
    ]);
    expect(planRemainingReads(600, 100, 256)).toEqual([
      { offset: 100, length: 256 },
      { offset: 356, length: 244 },
    ]);
    expect(() => planRemainingReads(10, 0, 257)).toThrow('chunk size out of range: 257');
    expect(planRemainingReads(256, 255)).toEqual([{ offset: 255, length: 1 }]);
  });
});

describe('token label', () => {
  const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  it('keeps printable ASCII from the start, up to the first other byte, without trailing spaces', () => {
    expect(parseTokenInfo(bytes('JPKIAPICCTOKEN2\u007fXYZ'))).toEqual({ kind: 'mynumber', label: 'JPKIAPICCTOKEN2' });
    expect(parseTokenInfo(bytes('JPKIAPICCTOKEN2\u001fXYZ'))).toEqual({ kind: 'mynumber', label: 'JPKIAPICCTOKEN2' });
    expect(parseTokenInfo(bytes('~JPKI  '))).toEqual({ kind: 'other', label: '~JPKI' });
    expect(parseTokenInfo(bytes(' JPKIAPICCTOKEN2'))).toEqual({ kind: 'other', label: ' JPKIAPICCTOKEN2' });
    expect(parseTokenInfo(bytes('JPKIAPICCTOKEN22'))).toEqual({ kind: 'other', label: 'JPKIAPICCTOKEN22' });
  });
});
