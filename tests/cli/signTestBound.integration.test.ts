import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_DEADLINE_MS } from '../../src-main/cli/probeInChild';
import { SIGN_TEST_DEADLINE_MS, signTestInChild } from '../../src-main/cli/signTestInChild';
import { TEST_SIGN_PIN } from '../../src-main/emulator';
import { requirePcscd } from '../helpers/pcscd';
import { runCli } from '../helpers/runCli';
import { insertTestCard, removeAllTestCards, TEST_READER } from '../helpers/testCard';

// check --sign-test ends in bounded time with an answer when the card goes silent
// during the password check or the test signature: the real CLI, pcscd, vpcd and
// the virtual card. A silent card leaves the native transmit stuck; the password
// check runs in a child process that is killed, and nothing is ever sent twice.
const CLI = fileURLToPath(new URL('../../bin/jpki-doctor.js', import.meta.url));
/**
 * The most the design allows: the card check's deadline, then the password check's. A silent card is answered
 * well before (the card layer's 3 s per command): 6-10 s here at moderate load. In a development tree each of the
 * two child processes starts through tsx; at load average 13 a whole run took 15-18 s on this machine.
 * A hang is not near this bound: without the child the CLI never exits.
 */
const BOUND_MS = PROBE_DEADLINE_MS + SIGN_TEST_DEADLINE_MS;

beforeAll(requirePcscd);
afterEach(removeAllTestCards);

const signTest = () =>
  runCli(CLI, ['check', '--sign-test', '--pin-stdin', '--expect-tries', '5', '--reader', TEST_READER, '--json', '--lang', 'en'], {
    boundMs: BOUND_MS,
    input: `${TEST_SIGN_PIN}\n`,
  });

/** A healthy card that goes silent from `silentFrom` on: the whole CLI must answer within the bound, and never echo the password. */
async function signTestOnSilentCard(silentFrom: 'pin-verify' | 'signature') {
  const card = await insertTestCard('healthy', { faults: { silentFrom } });
  const r = await signTest();
  expect(r.ms).toBeLessThan(BOUND_MS);
  expect(r.code).toBe(0);
  expect(r.out + r.err).not.toContain(TEST_SIGN_PIN);
  return { card, json: JSON.parse(r.out) };
}

describe('check --sign-test on a card that goes silent', () => {
  // First: after a child killed mid-command, pcscd may still be settling the previous card.
  it('a healthy card: the password check and the test signature still complete through the child', async () => {
    const card = await insertTestCard('healthy');
    const r = await signTest();
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.pinCheck).toMatchObject({ ok: true, sent: true, triesLeft: 5, signatureTest: { outcome: 'verified' } });
    expect(json.pinCheck.signCert.holder).toBeUndefined();
    expect(card.counters()).toMatchObject({ signTriesLeft: 5, pinVerifications: 1 });
  }, 90_000);

  it('silent at the VERIFY: ends in time, says a try may have been used, and the card was not asked again', async () => {
    const { card, json } = await signTestOnSilentCard('pin-verify');
    expect(json.pinCheck).toMatchObject({ ok: false, sent: true, error: { code: 'pin-outcome-unknown' } });
    expect(json.pinCheck.error.message.en).toMatch(/try may have been used/);
    expect(json.result.diagnoses.length).toBeGreaterThan(0);
    // The silent card never took the VERIFY in: no try spent, no PIN processed, nothing signed.
    expect(card.counters()).toMatchObject({ signTriesLeft: 5, pinVerifications: 0, signatureCommands: 0 });
  }, 90_000);

  it('silent at the test signature: ends in time, the password is confirmed right and the tries are full', async () => {
    const { card, json } = await signTestOnSilentCard('signature');
    expect(json.pinCheck).toMatchObject({ ok: true, sent: true, triesLeft: 5, error: { code: 'timeout' } });
    expect(json.pinCheck.signatureTest).toBeUndefined();
    expect(card.counters()).toMatchObject({ signTriesLeft: 5, pinVerifications: 1, signatureCommands: 0 });
  }, 90_000);

  it('the overall deadline: after the VERIFY went out the child is ended and the answer is "may have counted", never a retry', async () => {
    const card = await insertTestCard('healthy', { faults: { silentFrom: 'pin-verify' } });
    const started = Date.now();
    // The card layer's per-command timeout is lengthened, so the deadline is what ends it.
    const options = { reader: TEST_READER, allowLowTries: false, expectedTriesLeft: 5, apduTimeoutMs: 60_000 };
    const result = await signTestInChild(TEST_SIGN_PIN, options, { deadlineMs: 10_000, entry: CLI });
    expect(Date.now() - started).toBeLessThan(10_000 + 1500);
    expect(result).toMatchObject({ ok: false, sent: true, error: { code: 'pin-outcome-unknown', detail: expect.stringMatching(/did not finish within 10 s/) } });
    expect(result.error!.message.en).toMatch(/try may have been used/);
    expect(card.counters()).toMatchObject({ signTriesLeft: 5, pinVerifications: 0 });
  }, 90_000);

  it('a deadline before anything was sent says nothing was used', async () => {
    await insertTestCard('healthy', { faults: { silentAfterApdus: 0 } });
    const result = await signTestInChild(TEST_SIGN_PIN, { reader: TEST_READER, allowLowTries: false, expectedTriesLeft: 5 }, { deadlineMs: 2000, entry: CLI });
    expect(result).toMatchObject({ ok: false, sent: false, error: { code: 'timeout' } });
  }, 90_000);

});
