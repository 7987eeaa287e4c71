import { beforeAll, describe, expect, it } from 'vitest';
import { verifySigningPin } from '../../src-main/card/verifySigningPin';
import { buildScenario } from '../../src-main/emulator/scenarios';
import { VirtualCard, type VirtualCardSpec } from '../../src-main/emulator/virtualCard';
import { EF } from '../../src-main/jpki/constants';
import type { CardChannel, PcscPort } from '../../src-main/pcsc/port';
import { fakePort } from '../helpers/fakePort';

/**
 * verifySigningPin after the VERIFY: what a wrong password reports, the test signature
 * (made, skipped, or refused for want of a certificate), and that the buffer that
 * carried the password is zero afterwards.
 */
const NOW = new Date('2026-11-25T03:00:00Z');
const PIN = 'ABC123';

async function cardWith(edit: (s: VirtualCardSpec) => void = () => undefined): Promise<VirtualCard> {
  const spec = await buildScenario('healthy', NOW);
  edit(spec);
  return new VirtualCard(spec);
}

/** A port that keeps every command buffer handed to transmit (the objects themselves, not copies). */
function keepingBuffers(card: VirtualCard): { port: PcscPort; buffers: { sent: Uint8Array; buffer: Uint8Array }[]; log: string[] } {
  const inner = fakePort([{ name: 'R', card }]);
  const buffers: { sent: Uint8Array; buffer: Uint8Array }[] = [];
  const log: string[] = [];
  return {
    buffers,
    log,
    port: {
      ...inner,
      async open() {
        const session = await inner.open();
        const close = session.close.bind(session);
        session.close = () => (log.push('close'), close());
        const connect = session.connect.bind(session);
        session.connect = async (name, t) => {
          const channel: CardChannel = await connect(name, t);
          const transmit = channel.transmit.bind(channel);
          const disconnect = channel.disconnect.bind(channel);
          return { ...channel, disconnect: (d) => (log.push(`disconnect ${d ?? '(none)'}`), disconnect(d)), transmit: (a, timeout) => (buffers.push({ sent: a.slice(), buffer: a }), transmit(a, timeout)) };
        };
        return session;
      },
    },
  };
}

beforeAll(async () => {
  await buildScenario('healthy', NOW); // warms the cert factory's key cache
}, 60000);

describe('verifySigningPin after the VERIFY', () => {
  it('zero-fills the command that carried the password once the card has answered', async () => {
    const { port, buffers } = keepingBuffers(await cardWith());
    const r = await verifySigningPin({ pin: PIN, now: NOW, port, signatureTest: false });
    expect(r.ok).toBe(true);
    const verify = buffers.filter(({ sent }) => sent[1] === 0x20 && sent.length > 5);
    expect(verify).toHaveLength(1);
    expect(Buffer.from(verify[0].sent.subarray(5)).toString('ascii')).toBe(PIN);
    expect([...verify[0].buffer].every((b) => b === 0)).toBe(true);
  });

  it('resets the card after a right or a wrong password (no verified state left for other software), then closes', async () => {
    for (const pin of [PIN, 'ZZZ999']) {
      const { port, log } = keepingBuffers(await cardWith());
      await verifySigningPin({ pin, now: NOW, port, signatureTest: false });
      expect(log).toEqual(['disconnect reset', 'close']);
    }
  });

  it('a wrong password reports the tries left, and "locked" only at 0', async () => {
    const r = await verifySigningPin({ pin: 'ZZZ999', now: NOW, port: fakePort([{ name: 'R', card: await cardWith() }]) });
    expect(r).toStrictEqual({ ok: false, sent: true, triesLeft: 4 });
  });

  it('makes the test signature by default, verified against the certificate and its CA', async () => {
    const card = await cardWith();
    const r = await verifySigningPin({ pin: PIN, now: NOW, port: fakePort([{ name: 'R', card }]) });
    expect(r.ok && r.signatureTest?.outcome).toBe('verified');
    expect(r.ok && r.signatureTest?.chainValid).toBe(true);
    expect(card.counters().signatureCommands).toBe(1);
  });

  it('signs nothing when asked not to', async () => {
    const card = await cardWith();
    const r = await verifySigningPin({ pin: PIN, now: NOW, port: fakePort([{ name: 'R', card }]), signatureTest: false });
    expect(r.ok).toBe(true);
    expect('signatureTest' in r).toBe(false);
    expect(card.counters().signatureCommands).toBe(0);
  });

  it('signs nothing when the signing certificate cannot be parsed, and says why', async () => {
    const card = await cardWith((s) => s.files.set(EF.signCert, Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05)));
    const r = await verifySigningPin({ pin: PIN, now: NOW, port: fakePort([{ name: 'R', card }]) });
    expect(r).toMatchObject({ ok: true, sent: true, triesLeft: 5, error: { code: 'unexpected-sw', detail: 'the signing certificate on the card could not be parsed' } });
    expect(r.ok && r.signatureTest?.outcome).toBe('cert-unreadable');
    expect(card.counters().signatureCommands).toBe(0);
  });

  it('says so when the signing certificate cannot be read even after the password', async () => {
    const card = await cardWith((s) => s.files.delete(EF.signCert));
    const r = await verifySigningPin({ pin: PIN, now: NOW, port: fakePort([{ name: 'R', card }]) });
    expect(r).toMatchObject({ ok: true, sent: true, triesLeft: 5, error: { code: 'unexpected-sw', detail: 'signing certificate not readable after the PIN: 6A82 on SELECT EF 0001' } });
  });
});
