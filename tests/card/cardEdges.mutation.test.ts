import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardIdentity } from '../../src-main/card/cardIdentity';
import { formatSnapshot } from '../../src-main/card/formatSnapshot';
import { probeCard } from '../../src-main/card/probe';
import { listReaders } from '../../src-main/card/readers';
import { verifySigningPin } from '../../src-main/card/verifySigningPin';
import type { CardSnapshot } from '../../src-main/contract/snapshot';
import { buildScenario, type ScenarioName } from '../../src-main/emulator/scenarios';
import { VirtualCard } from '../../src-main/emulator/virtualCard';
import { CardFailure, cardError } from '../../src-main/pcsc/errors';
import type { PcscPort, PcscSession } from '../../src-main/pcsc/port';
import { fakePort, type FakeReader } from '../helpers/fakePort';

/**
 * Card-layer edges the mutation run found untested: a card pulled in the middle
 * of a read, readers without an ATR, cards without JPKI, the stable card id, and
 * the lines a snapshot prints only when it has the value.
 */
const NOW = new Date('2026-11-25T03:00:00Z');
const cardFor = async (name: ScenarioName) => new VirtualCard(await buildScenario(name, NOW));
const isReadBinary = (a: Uint8Array) => a[1] === 0xb0;

beforeAll(async () => {
  await buildScenario('healthy', NOW); // warms the cert factory's key cache
}, 60000);

describe('probeCard: a communication failure', () => {
  it('is "card removed" when the card is gone from the reader afterwards', async () => {
    const reader: FakeReader = { name: 'R', card: await cardFor('healthy') };
    reader.failOn = {
      // The card leaves the reader as this READ BINARY fails.
      when: (a) => isReadBinary(a) && delete reader.card,
      failure: new CardFailure('communication', 'transmit failed'),
    };
    const s = await probeCard({ port: fakePort([reader]), now: NOW });
    expect(s.error).toMatchObject({ code: 'card-removed', detail: 'transmit failed' });
  });

  it('stays a communication failure while the card is still in the reader', async () => {
    const port = fakePort([{ name: 'R', card: await cardFor('healthy'), failOn: { when: isReadBinary, failure: new CardFailure('communication', 'transmit failed') } }]);
    const s = await probeCard({ port, now: NOW });
    expect(s.error).toMatchObject({ code: 'communication', detail: 'transmit failed' });
  });

  it('other failures are reported as they are, even when the card is gone', async () => {
    const reader: FakeReader = { name: 'R', card: await cardFor('healthy') };
    reader.failOn = { when: isReadBinary, failure: new CardFailure('timeout', 'slow') };
    const port = fakePort([reader]);
    const s = await probeCard({ port, now: NOW });
    expect(s.error).toMatchObject({ code: 'timeout', detail: 'slow' });
  });
});

describe('probeCard: what the reader and card say', () => {
  it('records the ATR in hex, and no ATR when the reader gives none', async () => {
    const card = await cardFor('healthy');
    const withAtr = await probeCard({ port: fakePort([{ name: 'R', card }]), now: NOW });
    expect(withAtr.atr).toBe(Buffer.from(card.atr).toString('hex').toUpperCase());
    expect(withAtr.atr!.length).toBeGreaterThan(0);
    const bare = await cardFor('healthy');
    Object.defineProperty(bare, 'atr', { value: new Uint8Array(0) });
    const noAtr = await probeCard({ port: fakePort([{ name: 'R', card: bare }]), now: NOW });
    expect(noAtr.reader).toBe('R');
    expect('atr' in noAtr).toBe(false);
  });

  it('reads nothing more from a card without JPKI', async () => {
    const port = fakePort([{ name: 'R', card: await cardFor('not-jpki') }]);
    const s = await probeCard({ port, now: NOW });
    expect(s.jpkiApplet).toBe(false);
    expect(s.error).toBeUndefined();
    expect(s.token).toBeUndefined();
    expect(s.signPinTriesLeft).toBeUndefined();
    expect(s.authCert).toBeUndefined();
    expect(port.transmitted.every((a) => a[1] === 0xa4)).toBe(true);
  });

  it('says why the signing certificate was not read during a probe', async () => {
    const s = await probeCard({ port: fakePort([{ name: 'R', card: await cardFor('healthy') }]), now: NOW });
    expect(s.signCert).toEqual({ status: 'not-read', reason: 'needs the signing password (PIN); not asked during a probe' });
  });
});

describe('verifySigningPin refusals before any try', () => {
  it('refuses a card without JPKI, sending no VERIFY', async () => {
    const port = fakePort([{ name: 'R', card: await cardFor('not-jpki') }]);
    const r = await verifySigningPin({ pin: 'ABC123', now: NOW, port });
    expect(r).toMatchObject({ ok: false, sent: false, error: { code: 'unexpected-sw', detail: 'no JPKI applet on this card' } });
    expect(port.transmitted.some((a) => a[1] === 0x20)).toBe(false);
  });

  it('names the tries left when they are too few to try without consent', async () => {
    const r = await verifySigningPin({ pin: 'ABC123', now: NOW, port: fakePort([{ name: 'R', card: await cardFor('sign-pin-2-left') }]) });
    expect(r).toMatchObject({ ok: false, sent: false, triesLeft: 2, error: { code: 'pin-tries-too-low', detail: '2 tries left' } });
  });
});

describe('listReaders', () => {
  it('calls "no reader" from the service an empty list, not a service that is down', async () => {
    const session = { readers: async () => Promise.reject(new CardFailure('no-reader', 'none')), close() {} } as unknown as PcscSession;
    const port: PcscPort = { open: async () => session, watch: () => () => undefined };
    expect(await listReaders(port)).toEqual({ pcscService: 'ok', readers: [] });
    const other = { readers: async () => Promise.reject(new CardFailure('timeout', 'slow')), close() {} } as unknown as PcscSession;
    expect(await listReaders({ open: async () => other, watch: () => () => undefined })).toEqual({ pcscService: 'unavailable', readers: [] });
  });
});

describe('cardIdentity', () => {
  it('is SHA-256 over a fixed label, the issuer and the lower-case serial (ids stored by earlier versions stay valid)', () => {
    const slot = { status: 'ok' as const, cert: { subject: 'CN=X', issuer: 'C=JP, O=JPKI', serialNumber: '0ABC', notBefore: '', notAfter: '', daysLeft: 1, kind: 'auth' as const } };
    expect(cardIdentity(slot)).toBe(createHash('sha256').update('jpki-doctor card id\nC=JP, O=JPKI\n0abc').digest('hex'));
    expect(cardIdentity({ ...slot, cert: { ...slot.cert, serialNumber: '' } })).toBeUndefined();
    expect(cardIdentity({ status: 'absent', evidence: 'x' })).toBeUndefined();
  });
});

describe('formatSnapshot', () => {
  const base: CardSnapshot = { takenAt: NOW.toISOString(), pcscService: 'ok', readers: [{ name: 'R1', cardPresent: true }], apduCount: 0 };

  it('prints no reader, applet or tries line for values the snapshot does not have', () => {
    for (const lang of ['en', 'ja'] as const) {
      const lines = formatSnapshot(base, lang).split('\n');
      expect(lines).toHaveLength(4); // service, readers, commands, trailing newline
      expect(lines[0]).toMatch(/^PC\/SC/);
    }
    const en = formatSnapshot({ ...base, reader: 'R1', jpkiApplet: true, signPinTriesLeft: 0, authPinTriesLeft: 0 }, 'en');
    expect(en).toContain('Reader used: R1\n');
    expect(en).toContain('JPKI applet: yes\n');
    expect(en).toContain('Signing password tries left: 0 / 5\n');
    expect(en).toContain('User PIN (4 digits) tries left: 0 / 3\n');
  });

  it('says the service was not checked when the PC/SC binding is missing', () => {
    const missing = formatSnapshot({ ...base, pcscService: 'unavailable', readers: [], error: cardError('pcsc-binding-missing') }, 'en');
    const down = formatSnapshot({ ...base, pcscService: 'unavailable', readers: [], error: cardError('pcsc-unavailable') }, 'en');
    expect(missing.split('\n')[0]).not.toBe(down.split('\n')[0]);
    expect(down.split('\n')[0]).toBe('PC/SC service: unavailable');
  });
});
