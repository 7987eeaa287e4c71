import { beforeAll, describe, expect, it } from 'vitest';
import { probeCard } from '../../src-main/card/probe';
import { snapshotToFacts } from '../../src-main/card/snapshotToFacts';
import { verifySigningPin } from '../../src-main/card/verifySigningPin';
import { buildScenario } from '../../src-main/emulator/scenarios';
import { VirtualCard } from '../../src-main/emulator/virtualCard';
import { CardFailure } from '../../src-main/pcsc/errors';
import type { PcscPort } from '../../src-main/pcsc/port';
import { fakePort, type FakeReader } from '../helpers/fakePort';

/**
 * probeCard when the service fails after it opened (the reader list itself, or the
 * look at the reader after a failed command), and the facts of a card without JPKI.
 */
const NOW = new Date('2026-11-25T03:00:00Z');
const isReadBinary = (a: Uint8Array) => a[1] === 0xb0;

beforeAll(async () => {
  await buildScenario('healthy', NOW); // warms the cert factory's key cache
}, 60000);

/** A port whose session's reader listing throws from the `failFrom`-th call on (1-based). */
function listingFails(readers: FakeReader[], failFrom: number, error: Error): PcscPort & { calls: () => number } {
  const port = fakePort(readers);
  let calls = 0;
  return {
    ...port,
    calls: () => calls,
    async open() {
      const session = await port.open();
      const list = session.readers.bind(session);
      session.readers = async () => {
        calls++;
        if (calls >= failFrom) throw error;
        return list();
      };
      return session;
    },
  };
}

describe('probeCard: the service fails after it opened', () => {
  it('a reader listing that fails is classified, never thrown', async () => {
    const port = listingFails([{ name: 'R', card: new VirtualCard(await buildScenario('healthy', NOW)) }], 1, new Error('SCardListReaders error: (0x8010001e)'));
    const s = await probeCard({ port, now: NOW });
    expect(s.pcscService).toBe('ok');
    expect(s.error).toMatchObject({ code: 'pcsc-unavailable', detail: 'SCardListReaders: SCARD_E_SERVICE_STOPPED (0x8010001E)' });
    expect(s.readers).toEqual([]);
    expect(s.apduCount).toBe(0);
  });

  it('a communication failure stays one when the reader cannot be looked at afterwards', async () => {
    const reader: FakeReader = {
      name: 'R',
      card: new VirtualCard(await buildScenario('healthy', NOW)),
      failOn: { when: isReadBinary, failure: new CardFailure('communication', 'transmit failed') },
    };
    // The first listing (finding the card) works; the look after the failure does not.
    const port = listingFails([reader], 2, new Error('SCardGetStatusChange error: (0x8010001d)'));
    const s = await probeCard({ port, now: NOW });
    expect(s.error).toMatchObject({ code: 'communication', detail: 'transmit failed' });
    // It gives up on the first failed look instead of polling a broken service.
    expect(port.calls()).toBe(2);
  });
});

describe('snapshotToFacts: only what is known', () => {
  it('gives no applet or token fact when the probe never got that far', async () => {
    const reader: FakeReader = {
      name: 'R',
      card: new VirtualCard(await buildScenario('healthy', NOW)),
      failOn: { when: () => true, failure: new CardFailure('timeout', 'first command') },
    };
    const s = await probeCard({ port: fakePort([reader]), now: NOW });
    expect(s.error?.code).toBe('timeout');
    const facts = snapshotToFacts(s);
    expect(facts).toStrictEqual({ now: NOW.toISOString(), pcscService: 'ok', readerCount: 1, cardPresent: true, cardReadable: false });
  });
});

describe('before any card is touched', () => {
  it('probeCard hands the reader list to onReaders before reading the card', async () => {
    const port = fakePort([{ name: 'R', card: new VirtualCard(await buildScenario('healthy', NOW)) }]);
    const seen: unknown[] = [];
    const s = await probeCard({ port, now: NOW, onReaders: (readers) => seen.push({ readers, apdus: port.transmitted.length }) });
    expect(seen).toEqual([{ readers: [{ name: 'R', cardPresent: true }], apdus: 0 }]);
    expect(s.error).toBeUndefined();
  });

  it('verifySigningPin says nothing was sent when the service or the card is not there', async () => {
    expect(await verifySigningPin({ pin: 'ABC123', now: NOW, port: fakePort('unavailable') })).toMatchObject({ ok: false, sent: false, error: { code: 'pcsc-unavailable' } });
    expect(await verifySigningPin({ pin: 'ABC123', now: NOW, port: fakePort([{ name: 'R' }]) })).toMatchObject({ ok: false, sent: false, error: { code: 'no-card' } });
  });
});
