import { describe, expect, it } from 'vitest';
import * as apdu from '../../src-main/jpki/apdu';
import { EF } from '../../src-main/jpki/constants';
import { VirtualCard, type VirtualCardSpec } from '../../src-main/emulator/virtualCard';
import { JPKI_ATR } from '../../src-main/emulator/scenarios';

const enc = new TextEncoder();
const der = (n: number) => {
  const body = new Uint8Array(n).map((_, i) => i & 0xff);
  return Uint8Array.of(0x30, 0x82, n >> 8, n & 0xff, ...body);
};

function card(overrides: Partial<VirtualCardSpec> = {}): VirtualCard {
  return new VirtualCard({
    atr: JPKI_ATR,
    hasJpkiApplet: true,
    files: new Map([
      [EF.signCert, der(600)],
      [EF.authCert, der(500)],
      [EF.tokenInfo, enc.encode('JPKIAPICCTOKEN2'.padEnd(32))],
    ]),
    signPin: { pin: 'ABC123', triesLeft: 5 },
    authPin: { pin: '1234', triesLeft: 3 },
    ...overrides,
  });
}

const sw = (res: Uint8Array) => apdu.parseResponse(res).sw;
const run = (c: VirtualCard, cmd: Uint8Array) => apdu.parseResponse(c.process(cmd));

describe('virtual JPKI card', () => {
  it('selects only the JPKI applet, and EFs only inside it', () => {
    const c = card();
    expect(sw(c.process(apdu.selectEf(EF.authCert)))).toBe(0x6a82);
    expect(sw(c.process(apdu.selectApplet(Uint8Array.of(0xa0, 0, 0, 0, 3))))).toBe(0x6a82);
    expect(sw(c.process(apdu.selectApplet()))).toBe(0x9000);
    expect(sw(c.process(apdu.selectEf(EF.authCert)))).toBe(0x9000);
    expect(sw(c.process(apdu.selectEf(0x1234)))).toBe(0x6a82);
  });

  it('has no applet at all on a non-JPKI card', () => {
    const c = card({ hasJpkiApplet: false });
    expect(sw(c.process(apdu.selectApplet()))).toBe(0x6a82);
  });

  it('answers wrong commands with the right status words', () => {
    const c = card();
    expect(sw(c.process(Uint8Array.of(0x00, 0xca, 0, 0, 0)))).toBe(0x6d00);
    expect(sw(c.process(Uint8Array.of(0x90, 0xa4, 4, 0x0c)))).toBe(0x6e00);
    expect(sw(c.process(Uint8Array.of(0x00, 0xa4, 0x09, 0x0c, 0x02, 0, 1)))).toBe(0x6a86);
    expect(sw(c.process(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x05, 1, 2)))).toBe(0x6700);
    expect(sw(c.process(Uint8Array.of(0x00, 0xb0)))).toBe(0x6700);
    c.process(apdu.selectApplet());
    c.process(apdu.selectEf(EF.authCert));
    expect(sw(c.process(apdu.readBinary(504, 1)))).toBe(0x6b00);
    expect(sw(c.process(Uint8Array.of(0x00, 0x20, 0x01, 0x80)))).toBe(0x6a86);
  });

  it('reads binary in chunks and flags a short last chunk with 6282', () => {
    const c = card();
    c.process(apdu.selectApplet());
    c.process(apdu.selectEf(EF.authCert));
    const first = run(c, apdu.readBinary(0, 255));
    expect(first.sw).toBe(0x9000);
    expect(first.data.length).toBe(255);
    const last = run(c, apdu.readBinary(500, 10));
    expect(last.sw).toBe(0x6282);
    expect(last.data.length).toBe(4);
  });

  it('protects EF 0001 until the signing PIN is verified, and forgets it on reset', () => {
    const c = card();
    c.process(apdu.selectApplet());
    c.process(apdu.selectEf(EF.signCert));
    expect(sw(c.process(apdu.readBinary(0, 4)))).toBe(0x6982);
    c.process(apdu.selectEf(EF.signPin));
    expect(sw(c.process(apdu.verifyPin(enc.encode('ABC123'))))).toBe(0x9000);
    c.process(apdu.selectEf(EF.signCert));
    expect(run(c, apdu.readBinary(0, 4)).data).toEqual(Uint8Array.of(0x30, 0x82, 0x02, 0x58));
    c.reset();
    c.process(apdu.selectApplet());
    c.process(apdu.selectEf(EF.signCert));
    expect(sw(c.process(apdu.readBinary(0, 4)))).toBe(0x6982);
  });

  it('counts tries down on wrong PINs, never on a data-less VERIFY, and resets on the right one', () => {
    const c = card();
    c.process(apdu.selectApplet());
    c.process(apdu.selectEf(EF.signPin));
    for (let i = 0; i < 3; i++) expect(sw(c.process(apdu.verifyStatus()))).toBe(0x63c5);
    expect(sw(c.process(apdu.verifyPin(enc.encode('WRONG1'))))).toBe(0x63c4);
    expect(sw(c.process(apdu.verifyPin(enc.encode('WRONG2'))))).toBe(0x63c3);
    expect(sw(c.process(apdu.verifyStatus()))).toBe(0x63c3);
    expect(c.counters()).toMatchObject({ signTriesLeft: 3, authTriesLeft: 3, pinVerifications: 2 });
    expect(sw(c.process(apdu.verifyPin(enc.encode('ABC123'))))).toBe(0x9000);
    expect(sw(c.process(apdu.verifyStatus()))).toBe(0x63c5);
    expect(c.counters().signTriesLeft).toBe(5);
  });

  it('locks after the last try and then refuses even the right PIN', () => {
    const c = card({ authPin: { pin: '1234', triesLeft: 1 } });
    c.process(apdu.selectApplet());
    c.process(apdu.selectEf(EF.authPin));
    expect(sw(c.process(apdu.verifyPin(enc.encode('9999'))))).toBe(0x63c0);
    expect(sw(c.process(apdu.verifyStatus()))).toBe(0x63c0);
    expect(sw(c.process(apdu.verifyPin(enc.encode('1234'))))).toBe(0x63c0);
    expect(c.counters().authTriesLeft).toBe(0);
  });

  it('can answer 6983 for a blocked PIN', () => {
    const c = card({ signPin: { pin: 'ABC123', triesLeft: 0 }, blockedSw: 0x6983 });
    c.process(apdu.selectApplet());
    c.process(apdu.selectEf(EF.signPin));
    expect(sw(c.process(apdu.verifyStatus()))).toBe(0x6983);
  });

  it('has no signing PIN EF when the spec has none', () => {
    const c = card({ signPin: undefined });
    c.process(apdu.selectApplet());
    expect(sw(c.process(apdu.selectEf(EF.signPin)))).toBe(0x6a82);
  });

  it('can answer every VERIFY on the signing PIN with a fixed non-counter status word', () => {
    const c = card({ signPinVerifySw: 0x6984 });
    c.process(apdu.selectApplet());
    expect(sw(c.process(apdu.selectEf(EF.signPin)))).toBe(0x9000);
    expect(sw(c.process(apdu.verifyStatus()))).toBe(0x6984);
    expect(sw(c.process(apdu.verifyPin(enc.encode('ABC123'))))).toBe(0x6984);
    expect(c.counters()).toMatchObject({ signTriesLeft: 5, pinVerifications: 0 });
    c.process(apdu.selectEf(EF.authPin));
    expect(sw(c.process(apdu.verifyStatus()))).toBe(0x63c3);
  });
});
