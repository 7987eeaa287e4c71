import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePcscd } from '../helpers/pcscd';
import { insertTestCard, removeAllTestCards, TEST_READER } from '../helpers/testCard';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/jpki-doctor.js', import.meta.url));
const cli = (...args: string[]) => run(process.execPath, [CLI, ...args], { timeout: 30000 });

beforeAll(requirePcscd);
afterEach(removeAllTestCards);

describe('probe and check commands against the virtual card', () => {
  it('probe prints a readable summary in Japanese by default and English on request', async () => {
    await insertTestCard('sign-pin-2-left');
    const ja = await cli('probe', '--reader', TEST_READER);
    expect(ja.stdout).toContain('署名用パスワード 残り回数: 2 / 5');
    expect(ja.stdout).toContain('マイナンバーカード');
    const en = await cli('probe', '--reader', TEST_READER, '--lang', 'en');
    expect(en.stdout).toContain('Signing password tries left: 2 / 5');
    expect(en.stdout).toContain('No password try was used.');
  });

  it('probe --json gives the snapshot', async () => {
    await insertTestCard('face-auth');
    const { stdout } = await cli('probe', '--reader', TEST_READER, '--json');
    expect(JSON.parse(stdout)).toMatchObject({ reader: TEST_READER, signCertPresence: { value: 'absent' } });
  });

  it('check merges answers over the card facts and prints the diagnosis', async () => {
    await insertTestCard('healthy');
    const dir = mkdtempSync(path.join(tmpdir(), 'jpki-check-'));
    const answers = path.join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify({ movedAt: new Date(Date.now() - 3 * 86400000).toISOString() }));
    const { stdout } = await cli('check', '--reader', TEST_READER, '--facts', answers, '--json', '--lang', 'en');
    const out = JSON.parse(stdout);
    expect(out.facts).toMatchObject({ signCert: 'present', signPinTriesLeft: 5, movedAt: expect.any(String) });
    expect(out.result.diagnoses[0].id).toBe('cert-revoked-relocation');

    const text = await cli('check', '--reader', TEST_READER, '--lang', 'en');
    expect(text.stdout).toContain('Signing password tries left: 5 / 5');
    expect(text.stdout).toMatch(/ready-to-sign/);
  });

  it('check refuses a bad answers file with one clear line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jpki-check-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ "movedAt": "yesterday-ish" }');
    const failed = await cli('check', '--facts', bad, '--lang', 'en').catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toContain('bad.json');
    expect(failed.stdout).toBe('');
  });
});
