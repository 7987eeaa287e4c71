import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as apdu from '../../src-main/jpki/apdu';
import { EF } from '../../src-main/jpki/constants';
import { computeDigitalSignature, sha256DigestInfo, SIGN_KEY_EF } from '../../src-main/jpki/signApdu';
import { JPKI_ATR } from '../../src-main/emulator/scenarios';
import { VirtualCard, type VirtualCardSpec } from '../../src-main/emulator/virtualCard';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const enc = new TextEncoder();
const card = (over: Partial<VirtualCardSpec> = {}) =>
  new VirtualCard({ atr: JPKI_ATR, hasJpkiApplet: true, files: new Map(), signPin: { pin: 'ABC123', triesLeft: 5 }, authPin: { pin: '1234', triesLeft: 3 }, signKey: privateKey, ...over });
const run = (c: VirtualCard, cmd: Uint8Array) => apdu.parseResponse(c.process(cmd));
const message = Buffer.from('challenge');
const signCmd = computeDigitalSignature(sha256DigestInfo(createHash('sha256').update(message).digest()));

function verified(c: VirtualCard): void {
  run(c, apdu.selectApplet());
  run(c, apdu.selectEf(EF.signPin));
  expect(run(c, apdu.verifyPin(enc.encode('ABC123'))).sw).toBe(0x9000);
  expect(run(c, apdu.selectEf(SIGN_KEY_EF)).sw).toBe(0x9000);
}

describe('virtual card COMPUTE DIGITAL SIGNATURE', () => {
  it('signs only after the signing PIN, with PKCS#1 v1.5 over the DigestInfo sent', () => {
    const c = card();
    run(c, apdu.selectApplet());
    run(c, apdu.selectEf(SIGN_KEY_EF));
    expect(run(c, signCmd).sw).toBe(0x6982);
    verified(c);
    const res = run(c, signCmd);
    expect(res.sw).toBe(0x9000);
    expect(res.data.length).toBe(256);
    expect(verify('sha256', message, publicKey, res.data)).toBe(true);
    expect(c.counters().signatureCommands).toBe(2);
    c.reset();
    run(c, apdu.selectApplet());
    run(c, apdu.selectEf(SIGN_KEY_EF));
    expect(run(c, signCmd).sw).toBe(0x6982);
  });

  it('answers the scenario status word, 6985 without a key EF selected, 6A86 on other P1/P2, 6700 on no data', () => {
    const refusing = card({ signatureSw: 0x6a88 });
    verified(refusing);
    expect(run(refusing, signCmd).sw).toBe(0x6a88);
    const c = card();
    verified(c);
    expect(run(c, Uint8Array.of(0x80, 0x2a, 0x9e, 0x9a, 0x01, 0x00, 0x00)).sw).toBe(0x6a86);
    expect(run(c, Uint8Array.of(0x80, 0x2a, 0x00, 0x80)).sw).toBe(0x6700);
    run(c, apdu.selectEf(EF.signPin));
    expect(run(c, signCmd).sw).toBe(0x6985);
    const keyless = card({ signKey: undefined });
    verified(keyless);
    expect(run(keyless, signCmd).sw).toBe(0x6a81);
  });
});
