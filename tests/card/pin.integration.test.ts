import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { probeCard } from '../../src-main/card/probe';
import { verifySigningPin } from '../../src-main/card/verifySigningPin';
import { requirePcscd } from '../helpers/pcscd';
import { insertTestCard, removeAllTestCards, TEST_READER } from '../helpers/testCard';

beforeAll(requirePcscd);
afterEach(removeAllTestCards);

describe('signing PIN through pcscd + vpcd', () => {
  it('sign-pin-2-left: refused by the safety rule, one try with allowLowTries, then the right PIN restores 5', async () => {
    const card = await insertTestCard('sign-pin-2-left');

    const refused = await verifySigningPin({ pin: 'WRONG9', reader: TEST_READER });
    expect(refused).toMatchObject({ ok: false, sent: false, triesLeft: 2, error: { code: 'pin-tries-too-low' } });
    expect(card.counters()).toMatchObject({ signTriesLeft: 2, pinVerifications: 0 });

    const spent = await verifySigningPin({ pin: 'WRONG9', reader: TEST_READER, allowLowTries: true });
    expect(spent).toMatchObject({ ok: false, sent: true, triesLeft: 1 });
    expect(card.counters()).toMatchObject({ signTriesLeft: 1, authTriesLeft: 3, pinVerifications: 1 });
    expect((await probeCard({ reader: TEST_READER })).signPinTriesLeft).toBe(1);

    const right = await verifySigningPin({ pin: card.signPin.toLowerCase(), reader: TEST_READER, allowLowTries: true });
    expect(right.ok).toBe(true);
    expect(right.sent).toBe(true);
    expect(right.triesLeft).toBe(5);
    expect(right.signCert).toMatchObject({ kind: 'signing', chainsToCardCa: true });
    expect(right.signCert?.holder?.name).toBeTruthy();
    expect(JSON.stringify(right)).not.toContain(card.signPin);
    expect(card.counters()).toMatchObject({ signTriesLeft: 5, pinVerifications: 2 });

    // The verified state does not outlive the call: a new probe still sees EF 0001 protected.
    const after = await probeCard({ reader: TEST_READER });
    expect(after).toMatchObject({ signPinTriesLeft: 5, signCert: { status: 'not-read' } });
  });

  it('format refusals and a locked PIN send nothing', async () => {
    const card = await insertTestCard('sign-pin-locked');
    for (const pin of ['1234', 'ＡＢＣ１２３', 'abc', 'ABC-123']) {
      const r = await verifySigningPin({ pin, reader: TEST_READER, allowLowTries: true });
      expect(r).toMatchObject({ ok: false, sent: false, error: { code: 'pin-format' } });
    }
    const locked = await verifySigningPin({ pin: card.signPin, reader: TEST_READER, allowLowTries: true });
    expect(locked).toMatchObject({ ok: false, sent: false, triesLeft: 0, error: { code: 'pin-locked' } });
    expect(card.counters()).toMatchObject({ signTriesLeft: 0, pinVerifications: 0 });
  });

  it('a healthy card: a wrong PIN costs one try (5 to 4) and reports it', async () => {
    const card = await insertTestCard('healthy');
    const r = await verifySigningPin({ pin: 'ZZZ999', reader: TEST_READER });
    expect(r).toMatchObject({ ok: false, sent: true, triesLeft: 4 });
    expect(r.error).toBeUndefined();
    expect(card.counters()).toMatchObject({ signTriesLeft: 4, pinVerifications: 1 });
  });

  it('a face-auth card without a signing PIN: nothing is sent', async () => {
    const card = await insertTestCard('face-auth-no-pin');
    const r = await verifySigningPin({ pin: 'ABC123', reader: TEST_READER });
    expect(r.sent).toBe(false);
    expect(r.error?.detail).toMatch(/no signing password/);
    expect(card.counters().pinVerifications).toBe(0);
  });

  it('face-auth-verify-6984: the signing PIN answers no counter, nothing is sent, the message says why', async () => {
    const card = await insertTestCard('face-auth-verify-6984');
    const r = await verifySigningPin({ pin: 'ABC123', reader: TEST_READER });
    expect(r).toMatchObject({ ok: false, sent: false });
    expect(r.error?.detail).toContain('6984');
    expect(r.error?.message.en).toMatch(/no usable signing password/);
    expect(card.counters().pinVerifications).toBe(0);
  });

  it('tries shown earlier but changed since: refused before sending', async () => {
    const card = await insertTestCard('healthy');
    const r = await verifySigningPin({ pin: card.signPin, reader: TEST_READER, expectedTriesLeft: 4 });
    expect(r).toMatchObject({ ok: false, sent: false, triesLeft: 5, error: { code: 'tries-changed' } });
    expect(card.counters().pinVerifications).toBe(0);
  });

  it('the emulator trace (JPKI_EMU_TRACE) never prints the PIN', async () => {
    const card = await insertTestCard('healthy');
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    process.env.JPKI_EMU_TRACE = '1';
    try {
      expect((await verifySigningPin({ pin: 'ZZZ999', reader: TEST_READER })).sent).toBe(true);
    } finally {
      delete process.env.JPKI_EMU_TRACE;
      spy.mockRestore();
    }
    const pinHex = Buffer.from('ZZZ999', 'ascii').toString('hex');
    expect(lines.some((l) => l.includes('0020008006************'))).toBe(true);
    expect(lines.some((l) => l.toLowerCase().includes(pinHex))).toBe(false);
    expect(card.counters().pinVerifications).toBe(1);
  });
});
