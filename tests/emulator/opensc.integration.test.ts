import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeCard } from '../../src-main/card/probe';
import { requirePcscd } from '../helpers/pcscd';
import { insertTestCard, removeAllTestCards, TEST_READER } from '../helpers/testCard';

const run = promisify(execFile);

beforeAll(requirePcscd);
afterEach(removeAllTestCards);

/** OpenSC's own JPKI driver is independent software: if it reads the virtual card, the card is card-like. */
describe('cross-check with OpenSC', () => {
  it('opensc-tool names the card jpki', async () => {
    await insertTestCard('healthy');
    const listed = await run('opensc-tool', ['--list-readers'], { timeout: 15000 });
    expect(listed.stdout).toMatch(new RegExp(`Yes\\s+${TEST_READER}`));
    const name = await run('opensc-tool', ['--reader', TEST_READER, '--name'], { timeout: 15000 });
    expect(name.stdout.trim()).toBe('jpki');
  });

  it('pkcs15-tool lists the four certificates (the two our probe reads with the same serials) and the tries left', async () => {
    const card = await insertTestCard('sign-pin-2-left');
    const snapshot = await probeCard({ reader: TEST_READER });
    const certs = await run('pkcs15-tool', ['--reader', TEST_READER, '--list-certificates'], { timeout: 20000 });
    for (const label of [
      'User Authentication Certificate',
      'Digital Signature Certificate',
      'User Authentication Certificate CA',
      'Digital Signature Certificate CA',
    ]) {
      expect(certs.stdout).toContain(`X.509 Certificate [${label}]`);
    }
    // The probe reads the authentication pair; the signing CA is left to the password check.
    for (const slot of [snapshot.authCert, snapshot.authCaCert]) {
      expect(slot?.status).toBe('ok');
      if (slot?.status === 'ok') expect(certs.stdout.replace(/\s/g, '')).toContain(slot.cert.serialNumber);
    }
    const pins = await run('pkcs15-tool', ['--reader', TEST_READER, '--list-pins'], { timeout: 20000 });
    expect(pins.stdout).toMatch(/Digital Signature PIN[\s\S]*Tries left\s*:\s*2/);
    expect(pins.stdout).toMatch(/User Authentication PIN[\s\S]*Tries left\s*:\s*3/);
    expect(card.counters()).toMatchObject({ signTriesLeft: 2, authTriesLeft: 3, pinVerifications: 0 });
  });
});
