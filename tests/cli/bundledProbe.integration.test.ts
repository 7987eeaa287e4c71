import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM build script without types
import { buildCli } from '../../scripts/build-cli.mjs';
import { requirePcscd } from '../helpers/pcscd';
import { expectSilentCardProbe, runCli } from '../helpers/runCli';
import { insertTestCard, removeAllTestCards, TEST_READER } from '../helpers/testCard';

// The shipped form of `probe`: the built bundle (not the TypeScript, which bin/
// runs in a checkout whose sources are newer), reading the card in its own small
// child entry, against the virtual card. In a folder of its own, so that nothing
// but the bundle is there; the binding comes from this checkout's node_modules.
const REPO = process.cwd();
const BOUND_MS = 15_000;
let entry: string;

beforeAll(async () => {
  await requirePcscd();
  entry = await buildCli(path.join(mkdtempSync(path.join(tmpdir(), 'jpki-bundled-')), 'out', 'cli'));
}, 60_000);
afterEach(removeAllTestCards);

const probe = () => runCli(entry, ['probe', '--reader', TEST_READER, '--json'], { boundMs: BOUND_MS, env: { ...process.env, JPKI_PCSCLITE_DIR: REPO } });

describe('bundled probe (out/cli) against the virtual card', () => {
  it('ships its own card-reading entry next to the command', () => {
    expect(existsSync(path.join(path.dirname(entry), 'probe-child.mjs'))).toBe(true);
  });

  it('reads a healthy card completely, in 19 commands, without a PIN try', async () => {
    const card = await insertTestCard('healthy');
    const r = await probe();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const snapshot = JSON.parse(r.out);
    expect(snapshot.error).toBeUndefined();
    expect(snapshot).toMatchObject({ reader: TEST_READER, jpkiApplet: true, signPinTriesLeft: 5, authPinTriesLeft: 3, apduCount: 19 });
    expect(snapshot.readers).toContainEqual({ name: TEST_READER, cardPresent: true });
    expect(snapshot.authCert.status).toBe('ok');
    expect(snapshot.authCaCert.status).toBe('ok');
    // The signing CA certificate is read by the password check only.
    expect(snapshot).not.toHaveProperty('signCaCert');
    expect(snapshot.signCertPresence.value).toBe('present');
    expect(card.counters()).toMatchObject({ signTriesLeft: 5, authTriesLeft: 3, pinVerifications: 0 });
  });

  it('a card that goes silent mid-read: ends within the bound, exit code 3, the reader named', async () => {
    const card = await insertTestCard('healthy', { faults: { silentAfterApdus: 5 } });
    const r = await probe();
    expectSilentCardProbe(r, BOUND_MS, TEST_READER, card.counters());
  });
});
