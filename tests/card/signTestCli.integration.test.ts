import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePcscd } from '../helpers/pcscd';
import { insertTestCard, removeAllTestCards, TEST_READER } from '../helpers/testCard';

const CLI = fileURLToPath(new URL('../../bin/jpki-doctor.js', import.meta.url));

/** Runs the CLI with `stdin` piped in (not a terminal). */
function cli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

beforeAll(requirePcscd);
afterEach(removeAllTestCards);

describe('check --sign-test', () => {
  it('refuses without a terminal unless --pin-stdin with --expect-tries is chosen; nothing is sent', async () => {
    const card = await insertTestCard('healthy');
    const r = await cli(['check', '--sign-test', '--reader', TEST_READER, '--lang', 'en'], 'ABC123\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a terminal');
    const r2 = await cli(['check', '--sign-test', '--pin-stdin', '--reader', TEST_READER, '--lang', 'en'], 'ABC123\n');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--expect-tries');
    expect(card.counters()).toMatchObject({ pinVerifications: 0, signatureCommands: 0 });
  }, 120_000);

  it('--pin-stdin: healthy card, the test signature verifies and the diagnosis says so', async () => {
    const card = await insertTestCard('healthy');
    const r = await cli(['check', '--sign-test', '--pin-stdin', '--expect-tries', '5', '--reader', TEST_READER, '--json', '--lang', 'en'], `${card.signPin.toLowerCase()}\n`);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.pinCheck.signatureTest).toMatchObject({ outcome: 'verified', signatureValid: true, chainValid: true });
    expect(out.facts).toMatchObject({ signPinVerified: true, signatureTest: 'verified' });
    expect(out.result.diagnoses[0].id).toBe('signature-verified');
    expect(r.stdout + r.stderr).not.toContain(card.signPin);
    expect(out.pinCheck.signCert.holder).toBeUndefined();
    expect(card.counters()).toMatchObject({ pinVerifications: 1, signatureCommands: 1, signTriesLeft: 5 });
  }, 120_000);

  it('--pin-stdin: refusal and mismatch scenarios lead to their diagnoses (text output)', async () => {
    let card = await insertTestCard('sign-refused');
    let r = await cli(['check', '--sign-test', '--pin-stdin', '--expect-tries', '5', '--reader', TEST_READER, '--lang', 'en'], `${card.signPin}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The card refused the signing command: status word 6A88');
    expect(r.stdout).toContain('sign-operation-failed');
    await removeAllTestCards();
    card = await insertTestCard('sign-key-mismatch');
    r = await cli(['check', '--sign-test', '--pin-stdin', '--expect-tries', '5', '--reader', TEST_READER, '--lang', 'en'], `${card.signPin}\n`);
    expect(r.stdout).toContain('FAILED — key and certificate do not match');
    expect(r.stdout).toContain('sign-key-mismatch');
  }, 120_000);

  it('--pin-stdin: tries not as expected, or a low count without --allow-low-tries: nothing sent', async () => {
    const card = await insertTestCard('sign-pin-2-left');
    const changed = await cli(['check', '--sign-test', '--pin-stdin', '--expect-tries', '5', '--reader', TEST_READER, '--json'], 'ZZZ999\n');
    expect(JSON.parse(changed.stdout).pinCheck).toMatchObject({ sent: false, error: { code: 'tries-changed' } });
    const low = await cli(['check', '--sign-test', '--pin-stdin', '--expect-tries', '2', '--reader', TEST_READER, '--json'], 'ZZZ999\n');
    expect(JSON.parse(low.stdout).pinCheck).toMatchObject({ sent: false, error: { code: 'pin-tries-too-low' } });
    expect(card.counters()).toMatchObject({ pinVerifications: 0, signTriesLeft: 2 });
  }, 120_000);
});
