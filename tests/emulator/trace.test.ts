import { describe, expect, it } from 'vitest';
import * as apdu from '../../src-main/jpki/apdu';
import { traceApdu } from '../../src-main/emulator/trace';

describe('JPKI_EMU_TRACE line for one APDU', () => {
  it('masks the PIN of a VERIFY with data, keeping header and length', () => {
    const pin = Buffer.from('ABC123', 'ascii');
    const line = traceApdu(apdu.verifyPin(pin));
    expect(line).toBe('0020008006************');
    expect(line).not.toContain(pin.toString('hex'));
  });

  it('masks the data but keeps a trailing Le', () => {
    expect(traceApdu(Uint8Array.of(0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34, 0x00))).toBe('0020008004********00');
  });

  it('leaves other commands, and the empty VERIFY that reads the counter, as they are', () => {
    expect(traceApdu(apdu.verifyStatus())).toBe('00200080');
    expect(traceApdu(apdu.selectEf(0x001b))).toBe('00a4020c02001b');
    expect(traceApdu(apdu.readBinary(0, 255))).toBe('00b00000ff');
  });
});
