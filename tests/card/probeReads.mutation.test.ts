import { beforeAll, describe, expect, it } from 'vitest';
import { probeCard } from '../../src-main/card/probe';
import { buildScenario, type ScenarioName } from '../../src-main/emulator/scenarios';
import { VirtualCard, type VirtualCardSpec } from '../../src-main/emulator/virtualCard';
import { EF } from '../../src-main/jpki/constants';
import { CardFailure } from '../../src-main/pcsc/errors';
import type { CardChannel, PcscPort } from '../../src-main/pcsc/port';
import { fakePort, type FakeReader } from '../helpers/fakePort';

/**
 * probeCard: what it concludes about the signing certificate from what EF 0001 and
 * the signing PIN EF answer, how it tells a pulled card from a communication failure,
 * and that it always lets go of the card.
 */
const NOW = new Date('2026-11-25T03:00:00Z');
const isReadBinary = (a: Uint8Array) => a[1] === 0xb0;

async function cardWith(name: ScenarioName, edit: (s: VirtualCardSpec) => void = () => undefined): Promise<VirtualCard> {
  const spec = await buildScenario(name, NOW);
  edit(spec);
  return new VirtualCard(spec);
}

beforeAll(async () => {
  await buildScenario('healthy', NOW); // warms the cert factory's key cache
}, 60000);

describe('probeCard: is there a signing certificate?', () => {
  it('present, when EF 0001 can be read without the password and holds a certificate', async () => {
    const s = await probeCard({ port: fakePort([{ name: 'R', card: await cardWith('healthy', (x) => (x.signCertOpen = true)) }]), now: NOW });
    expect(s.signCertPresence).toEqual({ value: 'present', evidence: 'EF 0001 readable without the PIN and holds a certificate' });
  });

  it('unknown, when EF 0001 holds data that is not a readable certificate', async () => {
    const card = await cardWith('healthy', (x) => {
      x.signCertOpen = true;
      x.files.set(EF.signCert, Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05));
    });
    const s = await probeCard({ port: fakePort([{ name: 'R', card }]), now: NOW });
    expect(s.signCert?.status).toBe('malformed');
    expect(s.signCertPresence).toEqual({ value: 'unknown', evidence: 'EF 0001 holds data that is not a readable certificate' });
  });

  it('absent, when the signing PIN gives no counter and EF 0001 is blank (a face-auth form)', async () => {
    const card = await cardWith('face-auth-blank', (x) => (x.signPinVerifySw = 0x6984));
    const s = await probeCard({ port: fakePort([{ name: 'R', card }]), now: NOW });
    expect(s.signPinTriesLeft).toBeUndefined();
    expect(s.signCert).toEqual({ status: 'absent', evidence: 'EF 0001 holds only FF bytes' });
    expect(s.signCertPresence?.value).toBe('absent');
    expect(s.signCertPresence?.evidence).toBe('EF 0001 holds only FF bytes; 6984 on VERIFY (no data) for EF 001B');
  });
});

describe('probeCard: a failure while reading', () => {
  it('a timeout stays a timeout even when the card is gone afterwards', async () => {
    const reader: FakeReader = { name: 'R', card: await cardWith('healthy') };
    reader.failOn = { when: (a) => isReadBinary(a) && delete reader.card, failure: new CardFailure('timeout', 'slow') };
    const s = await probeCard({ port: fakePort([reader]), now: NOW });
    expect(s.error).toMatchObject({ code: 'timeout', detail: 'slow' });
  });

  it('is "card removed" when the card leaves the reader shortly after the failure', async () => {
    const reader: FakeReader = { name: 'R', card: await cardWith('healthy') };
    reader.failOn = {
      when: (a) => isReadBinary(a) && !!setTimeout(() => delete reader.card, 150),
      failure: new CardFailure('communication', 'transmit failed'),
    };
    const s = await probeCard({ port: fakePort([reader]), now: NOW });
    expect(s.error).toMatchObject({ code: 'card-removed', detail: 'transmit failed' });
  });

  it('looks at the reader it was reading, not another one holding a card', async () => {
    const mine: FakeReader = { name: 'Mine', card: await cardWith('healthy') };
    mine.failOn = { when: (a) => isReadBinary(a) && delete mine.card, failure: new CardFailure('communication', 'transmit failed') };
    const s = await probeCard({ port: fakePort([{ name: 'Bank', card: await cardWith('not-jpki') }, mine]), now: NOW });
    expect(s.reader).toBe('Mine');
    expect(s.error).toMatchObject({ code: 'card-removed' });
  });

  it('lets go of the card (leave, no reset) after a read, failed or not', async () => {
    for (const failOn of [undefined, { when: isReadBinary, failure: new CardFailure('timeout', 'slow') }]) {
      const port = fakePort([{ name: 'R', card: await cardWith('healthy'), ...(failOn ? { failOn } : {}) }]);
      const disconnects: string[] = [];
      const watched: PcscPort = {
        ...port,
        async open() {
          const session = await port.open();
          const connect = session.connect.bind(session);
          session.connect = async (name, t) => {
            const channel: CardChannel = await connect(name, t);
            const disconnect = channel.disconnect.bind(channel);
            return { ...channel, transmit: channel.transmit.bind(channel), disconnect: (d) => (disconnects.push(d ?? '(none)'), disconnect(d)) };
          };
          return session;
        },
      };
      await probeCard({ port: watched, now: NOW });
      expect(disconnects).toEqual(['leave']);
    }
  });
});
