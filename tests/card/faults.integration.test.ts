import { execFile, spawn } from 'node:child_process';
import { diagnose, loadRules } from '../../src-main/engine';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listReaders } from '../../src-main/card/readers';
import { probeCard } from '../../src-main/card/probe';
import { snapshotToFacts } from '../../src-main/card/snapshotToFacts';
import { requirePcscd } from '../helpers/pcscd';
import { insertTestCard, removeAllTestCards, removeTestCard, TEST_READER, waitForCard } from '../helpers/testCard';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/jpki-doctor.js', import.meta.url));
const PCSCLITE = createRequire(import.meta.url).resolve('pcsclite');
/** Another program: connects exclusively to the reader in argv[1], says "held", lets go when stdin closes. */
const HOLD_CARD_SCRIPT = `
const pcsc = require(${JSON.stringify(PCSCLITE)})();
pcsc.on('reader', (r) => {
  if (r.name !== process.argv[1]) return;
  r.connect({ share_mode: r.SCARD_SHARE_EXCLUSIVE }, (err) => {
    if (err) { process.stdout.write(String(err)); process.exit(1); }
    process.stdout.write('held');
    process.stdin.on('end', () => r.disconnect(r.SCARD_LEAVE_CARD, () => { r.close(); pcsc.close(); process.exit(0); }));
    process.stdin.resume();
  });
});
`;

beforeAll(requirePcscd);
afterEach(removeAllTestCards);

describe('card faults through pcscd + vpcd', () => {
  it('lists the vpcd readers and sees the card come and go', async () => {
    const card = await insertTestCard('healthy');
    const listed = await listReaders();
    expect(listed.pcscService).toBe('ok');
    expect(listed.readers).toContainEqual({ name: TEST_READER, cardPresent: true });
    await removeTestCard(card);
    expect((await listReaders()).readers).toContainEqual({ name: TEST_READER, cardPresent: false });
  });

  it('a card taken out and put back is read again, with its counters kept', async () => {
    const card = await insertTestCard('sign-pin-2-left');
    await card.remove();
    await waitForCard(false);
    expect((await probeCard({ reader: TEST_READER })).error?.code).toBe('no-card');
    await card.insert();
    await waitForCard(true);
    expect(await probeCard({ reader: TEST_READER })).toMatchObject({ signPinTriesLeft: 2, signCert: { status: 'not-read' } });
  });

  it('reports no-card for an empty named reader', async () => {
    await waitForCard(false);
    const s = await probeCard({ reader: TEST_READER });
    expect(s.error?.code).toBe('no-card');
    expect(snapshotToFacts(s)).toMatchObject({ pcscService: 'ok', cardPresent: false });
  });

  it('card pulled in the middle of a certificate read: card-removed, no try spent', async () => {
    // APDU 10 is inside the auth CA certificate read (after applet, token, both counters).
    const card = await insertTestCard('healthy', { faults: { removeAfterApdus: 10 } });
    const s = await probeCard({ reader: TEST_READER, timeoutMs: 2000 });
    expect(s.error?.code).toBe('card-removed');
    expect(s.error?.message.ja).toMatch(/外れ/);
    expect(s.signPinTriesLeft).toBe(5);
    expect(s.authCert).toBeUndefined();
    expect(snapshotToFacts(s)).toMatchObject({ cardPresent: true, cardReadable: false });
    expect(card.counters()).toMatchObject({ signTriesLeft: 5, authTriesLeft: 3, pinVerifications: 0 });
  });

  it('garbage answers: a communication error, not a crash', async () => {
    await insertTestCard('healthy', { faults: { garbageAfterApdus: 3 } });
    const s = await probeCard({ reader: TEST_READER, timeoutMs: 2000 });
    expect(s.error?.code).toBe('communication');
    expect(s.error?.detail).toMatch(/garbled/);
    expect(s.token).toBe('mynumber');
    expect(snapshotToFacts(s).cardReadable).toBe(false);
  });

  it('a card that goes silent: timeout, and the process stays responsive', async () => {
    await insertTestCard('healthy', { faults: { silentAfterApdus: 4 } });
    const started = Date.now();
    const s = await probeCard({ reader: TEST_READER, timeoutMs: 700 });
    expect(s.error?.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(snapshotToFacts(s).cardReadable).toBe(false);
  });

  it('a silent card swapped for another: the next probe reads the new card (our stale handle is released)', async () => {
    const silent = await insertTestCard('healthy', { faults: { silentAfterApdus: 4 } });
    expect((await probeCard({ reader: TEST_READER, timeoutMs: 700 })).error?.code).toBe('timeout');
    // The silent card is still in: a re-check says so instead of blaming another program.
    const again = await probeCard({ reader: TEST_READER, timeoutMs: 700 });
    expect(again.error).toMatchObject({ code: 'timeout', detail: expect.stringMatching(/earlier read in this program/) });
    expect(again.error?.message.en).toMatch(/Take the card out/);
    await removeTestCard(silent);
    const card = await insertTestCard('sign-pin-2-left');
    const s = await probeCard({ reader: TEST_READER, timeoutMs: 2000 });
    expect(s.error).toBeUndefined();
    expect(s).toMatchObject({ signPinTriesLeft: 2, authPinTriesLeft: 3 });
    expect(card.counters()).toMatchObject({ pinVerifications: 0 });
  });

  it('a card held by another program: says so, not a contact problem', async () => {
    await insertTestCard('healthy');
    const holder = spawn(process.execPath, ['-e', HOLD_CARD_SCRIPT, TEST_READER], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => (String(chunk).includes('held') ? resolve() : reject(new Error(String(chunk)))));
        holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });
      const s = await probeCard({ reader: TEST_READER, timeoutMs: 700 });
      expect(s.error).toMatchObject({ code: 'card-in-use', detail: expect.stringMatching(/another program/) });
      expect(s.error?.message.en).toMatch(/Another program is using this card/);
      expect(s.error?.message.ja).toMatch(/別のプログラム/);
      const facts = snapshotToFacts(s);
      expect(facts).toMatchObject({ cardPresent: true, cardInUse: true });
      expect(facts.cardReadable).toBeUndefined();
      expect(diagnose({ platform: 'linux', ...facts }, loadRules()).diagnoses[0]?.id).toBe('card-in-use');
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    expect((await probeCard({ reader: TEST_READER })).error).toBeUndefined();
  });

  it('a full probe leaves both PIN counters exactly as they were', async () => {
    const card = await insertTestCard('sign-pin-2-left');
    for (let i = 0; i < 3; i++) {
      const s = await probeCard({ reader: TEST_READER });
      expect(s).toMatchObject({ signPinTriesLeft: 2, authPinTriesLeft: 3 });
    }
    expect(card.counters()).toMatchObject({ signTriesLeft: 2, authTriesLeft: 3, pinVerifications: 0 });
  });

  it('pcscd not running: the CLI says pcsc-unavailable clearly (child process, shared pcscd untouched)', async () => {
    const env = { ...process.env, PCSCLITE_CSOCK_NAME: '/nonexistent/socket' };
    const probe = await run(process.execPath, [CLI, 'probe', '--json'], { env }).catch((e) => e);
    expect(probe.code).toBe(3);
    const snapshot = JSON.parse(probe.stdout);
    expect(snapshot).toMatchObject({ pcscService: 'unavailable', error: { code: 'pcsc-unavailable' } });
    expect(snapshot.error.message.en).toMatch(/pcscd/);
    expect(snapshot.error.message.ja).toMatch(/Smart Card/);

    const check = await run(process.execPath, [CLI, 'check', '--json', '--lang', 'en'], { env });
    const out = JSON.parse(check.stdout);
    expect(out.facts).toMatchObject({ pcscService: 'unavailable' });
    expect(out.result.diagnoses[0].id).toBe('pcsc-service-down');
  });
});

describe('hot-plug events from the real pcscd', () => {
  it('reports the card inserted into and removed from the vpcd reader', async () => {
    const { watchReaders } = await import('../../src-main/card/readers');
    const events: string[] = [];
    const stop = watchReaders((e) => {
      if ('reader' in e && e.reader === TEST_READER) events.push(e.type);
      else if (!('reader' in e)) events.push(e.type);
    });
    try {
      const until = async (type: string) => {
        for (let i = 0; i < 100 && !events.includes(type); i++) await new Promise((r) => setTimeout(r, 50));
        expect(events).toContain(type);
      };
      await until('reader-attached');
      const card = await insertTestCard('healthy');
      await until('card-inserted');
      await removeTestCard(card);
      await until('card-removed');
      expect(events.indexOf('card-inserted')).toBeLessThan(events.indexOf('card-removed'));
    } finally {
      stop();
    }
  });
});
