import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePcscd } from '../helpers/pcscd';
import { expectSilentCardProbe, runCli } from '../helpers/runCli';
import { insertTestCard, removeAllTestCards, TEST_READER } from '../helpers/testCard';

// probe and check end in bounded time, with a diagnosis, whatever the card does:
// the real CLI against the virtual card through pcscd + vpcd.
const CLI = fileURLToPath(new URL('../../bin/jpki-doctor.js', import.meta.url));
/** The bound: a person waits at most this long for an answer. */
const BOUND_MS = 15_000;

beforeAll(requirePcscd);
afterEach(removeAllTestCards);

const cli = (args: string[], during?: () => Promise<void>) => runCli(CLI, args, { boundMs: BOUND_MS, during });

describe('nothing hangs', () => {
  it('a card that goes silent mid-read: probe ends in time with the card named as not answering', async () => {
    const card = await insertTestCard('healthy', { faults: { silentAfterApdus: 5 } });
    const r = await cli(['probe', '--reader', TEST_READER, '--json']);
    expectSilentCardProbe(r, BOUND_MS, TEST_READER, card.counters());
  });

  it('a silent card: check ends in time with a diagnosis', async () => {
    await insertTestCard('healthy', { faults: { silentAfterApdus: 5 } });
    const r = await cli(['check', '--reader', TEST_READER, '--json', '--lang', 'en']);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.facts).toMatchObject({ cardPresent: true, cardReadable: false });
    expect(json.result.diagnoses.length).toBeGreaterThan(0);
  });

  it('a card that is silent from the first command: check still ends in time', async () => {
    await insertTestCard('healthy', { faults: { silentAfterApdus: 0 } });
    const r = await cli(['check', '--reader', TEST_READER, '--json', '--lang', 'en']);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).result.diagnoses.length).toBeGreaterThan(0);
  });

  it('the emulator dies in the middle of a command: check ends in time with a diagnosis', async () => {
    const card = await insertTestCard('healthy', { faults: { silentAfterApdus: 6 } });
    const r = await cli(['check', '--reader', TEST_READER, '--json', '--lang', 'en'], async () => {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await card.stop(); // the virtual card process goes away while the CLI waits for an answer
    });
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(JSON.parse(r.out).result.diagnoses.length).toBeGreaterThan(0);
  });

  it('a healthy card is still read completely through the child process', async () => {
    await insertTestCard('healthy');
    const r = await cli(['probe', '--reader', TEST_READER, '--json']);
    expect(r.code).toBe(0);
    const snapshot = JSON.parse(r.out);
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.signPinTriesLeft).toBe(5);
    expect(snapshot.authCert.status).toBe('ok');
  });
});
