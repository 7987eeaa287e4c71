import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifySigningPin } from '../../src-main/card/verifySigningPin';
import { requirePcscd } from '../helpers/pcscd';
import { insertTestCard, removeAllTestCards, TEST_READER } from '../helpers/testCard';

beforeAll(requirePcscd);
afterEach(removeAllTestCards);

/** The COMPUTE DIGITAL SIGNATURE commands the card saw, from the emulator's APDU trace. */
async function traced<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  process.env.JPKI_EMU_TRACE = '1';
  try {
    return { value: await fn(), lines };
  } finally {
    delete process.env.JPKI_EMU_TRACE;
    spy.mockRestore();
  }
}
const signCommands = (lines: string[]) => lines.filter((l) => /^apdu 802a0080/.test(l));

describe('test signature through pcscd + vpcd', () => {
  it('healthy card: after VERIFY, select 001A and 80 2A 00 80 with a SHA-256 DigestInfo; the signature verifies', async () => {
    const card = await insertTestCard('healthy');
    const { value: r, lines } = await traced(() => verifySigningPin({ pin: card.signPin, reader: TEST_READER }));
    expect(r).toMatchObject({ ok: true, sent: true, triesLeft: 5 });
    expect(r.signatureTest).toMatchObject({
      outcome: 'verified',
      keyEf: '001A',
      signatureBytes: 256,
      modulusBits: 2048,
      signatureValid: true,
      chainValid: true,
      certDates: 'valid',
    });
    expect(r.signatureTest?.notAfter).toBe(r.signCert?.notAfter);
    // Order on the wire: VERIFY with the PIN, select the key, then the signature command.
    const verifyAt = lines.findIndex((l) => l.startsWith('apdu 0020008006'));
    const selectKeyAt = lines.findIndex((l) => l === 'apdu 00a4020c02001a');
    const signs = signCommands(lines);
    expect(verifyAt).toBeGreaterThanOrEqual(0);
    expect(selectKeyAt).toBeGreaterThan(verifyAt);
    expect(signs).toHaveLength(1);
    // Lc 0x33 = 51 bytes: the 19-byte SHA-256 DigestInfo prefix and the 32-byte digest, then Le 00.
    expect(signs[0]).toMatch(/^apdu 802a0080333031300d060960864801650304020105000420[0-9a-f]{64}00$/);
    expect(card.counters()).toMatchObject({ signTriesLeft: 5, pinVerifications: 1, signatureCommands: 1 });
  });

  it('a fresh random challenge each time', async () => {
    const card = await insertTestCard('healthy');
    const a = await traced(() => verifySigningPin({ pin: card.signPin, reader: TEST_READER }));
    const b = await traced(() => verifySigningPin({ pin: card.signPin, reader: TEST_READER }));
    expect(a.value.signatureTest?.outcome).toBe('verified');
    expect(b.value.signatureTest?.outcome).toBe('verified');
    expect(signCommands(a.lines)[0]).not.toBe(signCommands(b.lines)[0]);
  });

  it('signatureTest: false makes no signature', async () => {
    const card = await insertTestCard('healthy');
    const r = await verifySigningPin({ pin: card.signPin, reader: TEST_READER, signatureTest: false });
    expect(r.ok).toBe(true);
    expect(r.signatureTest).toBeUndefined();
    expect(card.counters().signatureCommands).toBe(0);
  });

  it('sign-key-mismatch: the card signs, but not with the key of its certificate', async () => {
    const card = await insertTestCard('sign-key-mismatch');
    const r = await verifySigningPin({ pin: card.signPin, reader: TEST_READER });
    expect(r).toMatchObject({ ok: true, triesLeft: 5 });
    expect(r.signatureTest).toMatchObject({ outcome: 'key-mismatch', signatureBytes: 256, signatureValid: false, chainValid: true });
    expect(card.counters().signatureCommands).toBe(1);
  });

  it('sign-refused: the status word of the refused command is reported', async () => {
    const card = await insertTestCard('sign-refused');
    const r = await verifySigningPin({ pin: card.signPin, reader: TEST_READER });
    expect(r).toMatchObject({ ok: true, triesLeft: 5 });
    expect(r.signatureTest).toMatchObject({ outcome: 'refused', sw: '6A88', failedCommand: 'compute-signature' });
    expect(r.signatureTest?.signatureValid).toBeUndefined();
  });

  it('a wrong password: no key selected, no signing command, one try spent as before', async () => {
    const card = await insertTestCard('healthy');
    const { value: r, lines } = await traced(() => verifySigningPin({ pin: 'ZZZ999', reader: TEST_READER }));
    expect(r).toMatchObject({ ok: false, sent: true, triesLeft: 4 });
    expect(r.signatureTest).toBeUndefined();
    expect(signCommands(lines)).toHaveLength(0);
    expect(lines).not.toContain('apdu 00a4020c02001a');
    expect(card.counters()).toMatchObject({ signTriesLeft: 4, pinVerifications: 1, signatureCommands: 0 });
  });
});
