import { execFile } from 'node:child_process';
import { createHash, X509Certificate, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario } from '../../src-main/emulator';
import { EF } from '../../src-main/jpki/constants';
import { requirePcscd } from '../helpers/pcscd';
import { insertTestCard, removeAllTestCards, TEST_READER } from '../helpers/testCard';

const run = promisify(execFile);

beforeAll(requirePcscd);
afterEach(removeAllTestCards);

/** OpenSC's own JPKI driver makes the signature: it must verify with the card's signing certificate. */
describe('cross-check the virtual card signature with OpenSC', () => {
  it('pkcs15-crypt --sign (key 02, SHA-256, PKCS#1) verifies with the signing certificate', async () => {
    const now = new Date();
    const card = await insertTestCard('healthy', { now });
    const dir = mkdtempSync(path.join(tmpdir(), 'jpki-sign-'));
    const message = Buffer.from(`jpki-doctor cross-check ${now.toISOString()}`);
    writeFileSync(path.join(dir, 'digest'), createHash('sha256').update(message).digest());
    // The PIN goes through -p here only because it is the virtual card's published test PIN.
    await run(
      'pkcs15-crypt',
      ['--reader', TEST_READER, '--sign', '--key', '02', '--sha-256', '--pkcs1', '-p', card.signPin, '-i', path.join(dir, 'digest'), '-o', path.join(dir, 'sig')],
      { timeout: 30000 },
    );
    const signature = readFileSync(path.join(dir, 'sig'));
    expect(signature.length).toBe(256);
    const spec = await buildScenario('healthy', now);
    const cert = new X509Certificate(Buffer.from(spec.files.get(EF.signCert)!));
    expect(verify('sha256', message, cert.publicKey, signature)).toBe(true);
    expect(verify('sha256', Buffer.from('something else'), cert.publicKey, signature)).toBe(false);
    expect(card.counters()).toMatchObject({ signatureCommands: 1, pinVerifications: 1, signTriesLeft: 5 });
  });
});
