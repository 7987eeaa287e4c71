import { describe, expect, it } from 'vitest';
import * as apdu from '../../src-main/jpki/apdu';
import { EF, JPKI_AID } from '../../src-main/jpki/constants';
import { planRemainingReads } from '../../src-main/jpki/readPlan';
import { swMeaning, triesFromSw } from '../../src-main/jpki/statusWords';
import { parseTokenInfo } from '../../src-main/jpki/token';

const hex = (b: Uint8Array) => apdu.toHex(b);

describe('command APDUs', () => {
  it('selects the JPKI applet by AID without FCI', () => {
    expect(hex(apdu.selectApplet())).toBe('00A4040C0AD392F000260100000001');
    expect(JPKI_AID.length).toBe(10);
  });
  it('selects an EF by id', () => {
    expect(hex(apdu.selectEf(EF.signPin))).toBe('00A4020C02001B');
    expect(hex(apdu.selectEf(EF.authCert))).toBe('00A4020C02000A');
  });
  it('reads binary with offset and Le, 256 encoded as 00', () => {
    expect(hex(apdu.readBinary(0, 255))).toBe('00B00000FF');
    expect(hex(apdu.readBinary(0x01fe, 7))).toBe('00B001FE07');
    expect(hex(apdu.readBinary(0, 256))).toBe('00B0000000');
    expect(() => apdu.readBinary(-1, 4)).toThrow(RangeError);
    expect(() => apdu.readBinary(0x8000, 4)).toThrow(RangeError);
    expect(() => apdu.readBinary(0, 0)).toThrow(RangeError);
    expect(() => apdu.readBinary(0, 257)).toThrow(RangeError);
  });
  it('asks for tries with a data-less VERIFY and verifies with Lc + ASCII', () => {
    expect(hex(apdu.verifyStatus())).toBe('00200080');
    expect(hex(apdu.verifyPin(new TextEncoder().encode('ABC123')))).toBe('0020008006414243313233');
    expect(() => apdu.verifyPin(new Uint8Array(0))).toThrow(RangeError);
  });
  it('parses data and status word, refusing answers without one', () => {
    expect(apdu.parseResponse(Uint8Array.of(0x01, 0x02, 0x90, 0x00))).toEqual({ data: Uint8Array.of(1, 2), sw: 0x9000 });
    expect(apdu.parseResponse(Uint8Array.of(0x63, 0xc3))).toEqual({ data: new Uint8Array(0), sw: 0x63c3 });
    expect(() => apdu.parseResponse(Uint8Array.of(0x90))).toThrow(/too short \(1 byte\)/);
    expect(() => apdu.parseResponse(new Uint8Array(0))).toThrow(/0 bytes/);
  });
});

describe('status words', () => {
  it.each([
    [0x9000, 'ok'],
    [0x6105, 'more-data'],
    [0x6c20, 'wrong-le'],
    [0x6282, 'end-of-file'],
    [0x63c2, 'tries-left'],
    [0x6982, 'security-not-satisfied'],
    [0x6983, 'blocked'],
    [0x6a82, 'file-not-found'],
    [0x6700, 'wrong-length'],
    [0x6b00, 'offset-out-of-range'],
    [0x6a86, 'wrong-p1p2'],
    [0x6d00, 'ins-not-supported'],
    [0x6e00, 'cla-not-supported'],
    [0x6f00, 'other'],
  ])('%s means %s', (sw, meaning) => {
    expect(swMeaning(sw)).toBe(meaning);
  });
  it('reads tries from 63Cx, treats 63C0 and 6983 as blocked, and refuses to guess otherwise', () => {
    expect(triesFromSw(0x63c5)).toBe(5);
    expect(triesFromSw(0x63c1)).toBe(1);
    expect(triesFromSw(0x63c0)).toBe(0);
    expect(triesFromSw(0x6983)).toBe(0);
    expect(triesFromSw(0x9000)).toBeNull();
    expect(triesFromSw(0x6a82)).toBeNull();
    expect(triesFromSw(0x6300)).toBeNull();
  });
});

describe('chunked read planning', () => {
  it('plans the rest of a 1300-byte certificate after a 255-byte first chunk', () => {
    const plan = planRemainingReads(1300, 255);
    expect(plan.map((c) => c.offset)).toEqual([255, 510, 765, 1020, 1275]);
    expect(plan.map((c) => c.length)).toEqual([255, 255, 255, 255, 25]);
    expect(plan.reduce((n, c) => n + c.length, 255)).toBe(1300);
  });
  it('plans nothing when the first chunk already holds the object', () => {
    expect(planRemainingReads(200, 255)).toEqual([]);
    expect(planRemainingReads(255, 255)).toEqual([]);
  });
  it('never asks for more than the chunk size', () => {
    for (const total of [256, 511, 1024, 4000]) {
      const plan = planRemainingReads(total, 7, 128);
      expect(plan.every((c) => c.length <= 128 && c.length > 0)).toBe(true);
      expect(plan.at(-1)!.offset + plan.at(-1)!.length).toBe(total);
    }
    expect(() => planRemainingReads(10, 0, 0)).toThrow(RangeError);
  });
});

describe('token info', () => {
  const pad = (s: string, fill = 0x20) => {
    const b = new Uint8Array(32).fill(fill);
    b.set(new TextEncoder().encode(s));
    return b;
  };
  it('recognises the My Number card, the Juki card and anything else', () => {
    expect(parseTokenInfo(pad('JPKIAPICCTOKEN2'))).toEqual({ kind: 'mynumber', label: 'JPKIAPICCTOKEN2' });
    expect(parseTokenInfo(pad('JPKIAPICCTOKEN'))).toEqual({ kind: 'juki', label: 'JPKIAPICCTOKEN' });
    expect(parseTokenInfo(pad('SOMETHINGELSE')).kind).toBe('other');
    expect(parseTokenInfo(new Uint8Array(0))).toEqual({ kind: 'other', label: '' });
  });
  it('stops at NUL or FF padding', () => {
    expect(parseTokenInfo(pad('JPKIAPICCTOKEN2', 0x00)).kind).toBe('mynumber');
    expect(parseTokenInfo(pad('JPKIAPICCTOKEN', 0xff)).kind).toBe('juki');
  });
});
