import { beforeAll, describe, expect, it } from 'vitest';
import { probeCard } from '../../src-main/card/probe';
import { snapshotToFacts } from '../../src-main/card/snapshotToFacts';
import { verifySigningPin } from '../../src-main/card/verifySigningPin';
import { createMalformedCertificate } from '../../src-main/emulator/certFactory';
import { buildScenario, TEST_SIGN_PIN, type ScenarioName } from '../../src-main/emulator/scenarios';
import { VirtualCard } from '../../src-main/emulator/virtualCard';
import { JpkiCardSession } from '../../src-main/jpki/cardSession';
import { EF } from '../../src-main/jpki/constants';
import { CardFailure } from '../../src-main/pcsc/errors';
import type { CardChannel } from '../../src-main/pcsc/port';
import { fakePort } from '../helpers/fakePort';

const NOW = new Date('2026-11-25T03:00:00Z');
const cardFor = async (name: ScenarioName) => new VirtualCard(await buildScenario(name, NOW));
const isPinVerify = (a: Uint8Array) => a[1] === 0x20 && a.length > 4;

beforeAll(async () => {
  await buildScenario('healthy', NOW); // warms the cert factory's key cache
}, 60000);

describe('probeCard over an in-memory port', () => {
  it('reads a healthy card fully without sending any PIN', async () => {
    const port = fakePort([{ name: 'R1', card: await cardFor('healthy') }]);
    const s = await probeCard({ port, now: NOW });
    expect(s.error).toBeUndefined();
    expect(s).toMatchObject({
      pcscService: 'ok',
      reader: 'R1',
      jpkiApplet: true,
      token: 'mynumber',
      signPinTriesLeft: 5,
      authPinTriesLeft: 3,
      signCertPresence: { value: 'present' },
      signCert: { status: 'not-read' },
    });
    expect(s.authCert?.status === 'ok' && s.authCert.cert.chainsToCardCa).toBe(true);
    expect(s.authCaCert?.status === 'ok' && s.authCaCert.cert.kind).toBe('auth-ca');
    expect(s.apduCount).toBe(port.transmitted.length);
    expect(port.transmitted.some(isPinVerify)).toBe(false);
    // Exactly these commands: the applet, token info, both counters (VERIFY without data),
    // the auth CA and auth certificates in 255-byte reads, and the protected signing certificate.
    // Never the signing CA certificate (EF 0002): the password check reads it for its test signature.
    expect(port.transmitted.map((a) => Buffer.from(a.subarray(0, 7)).toString('hex'))).toEqual([
      '00a4040c0ad392',
      '00a4020c020006',
      '00b0000020',
      '00a4020c02001b',
      '00200080',
      '00a4020c020018',
      '00200080',
      '00a4020c02000b',
      '00b00000ff',
      '00b000ffff',
      '00b001feff',
      expect.stringMatching(/^00b002fd/),
      '00a4020c02000a',
      '00b00000ff',
      '00b000ffff',
      '00b001feff',
      expect.stringMatching(/^00b002fd/),
      '00a4020c020001',
      '00b00000ff',
    ]);
    expect(s.apduCount).toBe(19);
    expect(snapshotToFacts(s)).toMatchObject({ cardPresent: true, cardReadable: true, signCert: 'present', certMalformed: false });
  });

  it('picks the reader holding the JPKI card among several', async () => {
    const port = fakePort([
      { name: 'Bank card reader', card: await cardFor('not-jpki') },
      { name: 'Empty reader' },
      { name: 'NFC reader', card: await cardFor('healthy') },
    ]);
    const s = await probeCard({ port, now: NOW });
    expect(s.reader).toBe('NFC reader');
    expect(s.jpkiApplet).toBe(true);
    expect(s.readers).toEqual([
      { name: 'Bank card reader', cardPresent: true },
      { name: 'Empty reader', cardPresent: false },
      { name: 'NFC reader', cardPresent: true },
    ]);
    expect(s.apduCount).toBe(port.transmitted.length);
  });

  it('reports a non-JPKI card as such, not as an error', async () => {
    const s = await probeCard({ port: fakePort([{ name: 'R', card: await cardFor('not-jpki') }]), now: NOW });
    expect(s.error).toBeUndefined();
    expect(s.jpkiApplet).toBe(false);
    expect(snapshotToFacts(s)).toMatchObject({ cardPresent: true, cardReadable: true, jpkiApplet: false });
  });

  it('names missing service, readers and cards', async () => {
    const unavailable = await probeCard({ port: fakePort('unavailable'), now: NOW });
    expect(unavailable).toMatchObject({ pcscService: 'unavailable', error: { code: 'pcsc-unavailable' } });
    expect(snapshotToFacts(unavailable)).toEqual({ now: NOW.toISOString(), pcscService: 'unavailable' });
    expect((await probeCard({ port: fakePort([]), now: NOW })).error?.code).toBe('no-reader');
    expect((await probeCard({ port: fakePort([{ name: 'R' }]), now: NOW })).error?.code).toBe('no-card');
    const named = await probeCard({ port: fakePort([{ name: 'R', card: await cardFor('healthy') }]), reader: 'Other', now: NOW });
    expect(named.error).toMatchObject({ code: 'no-reader' });
    expect(named.error?.detail).toContain('Other');
    const facts = snapshotToFacts((await probeCard({ port: fakePort([{ name: 'R' }]), now: NOW })));
    expect(facts).toMatchObject({ pcscService: 'ok', readerCount: 1, cardPresent: false });
    expect(facts.cardReadable).toBeUndefined();
  });

  it.each<[ScenarioName, RegExp]>([
    ['face-auth', /6A82 on SELECT EF 0001/],
    ['face-auth-blank', /only FF/],
    ['face-auth-zeros', /only 00/],
    ['face-auth-empty', /empty/],
    ['face-auth-no-pin', /6A82 on SELECT EF 001B/],
    ['face-auth-verify-6984', /6A82 on SELECT EF 0001; 6984 on VERIFY \(no data\) for EF 001B/],
  ])('decides %s has no signing certificate, with its own evidence', async (name, evidence) => {
    const s = await probeCard({ port: fakePort([{ name: 'R', card: await cardFor(name) }]), now: NOW });
    expect(s.error).toBeUndefined();
    expect(s.signCertPresence?.value).toBe('absent');
    expect(s.signCertPresence?.evidence).toMatch(evidence);
    expect(snapshotToFacts(s).signCert).toBe('absent');
  });

  it.each(['6984', '6A88', '6986'])('an odd signing-counter answer (%s) is evidence, not the end of the probe', async (swText) => {
    const verifySw = Number.parseInt(swText, 16);
    // EF 0001 is there and protected: presence cannot be decided from the counter alone.
    const card = new VirtualCard({ ...(await buildScenario('healthy', NOW)), signPinVerifySw: verifySw });
    const s = await probeCard({ port: fakePort([{ name: 'R', card }]), now: NOW });
    expect(s.error).toBeUndefined();
    expect(s.signPinTriesLeft).toBeUndefined();
    expect(s.authPinTriesLeft).toBe(3);
    expect(s.signCertPresence).toEqual({ value: 'unknown', evidence: `${swText} on VERIFY (no data) for EF 001B` });
    expect(s.authCert?.status === 'ok' && s.authCert.cert.chainsToCardCa).toBe(true);
    expect(s.authCaCert?.status).toBe('ok');
    expect(s.signCert).toEqual({ status: 'not-read', reason: expect.any(String) });
    expect(card.counters().pinVerifications).toBe(0);
  });

  it('still stops at an odd auth-counter answer, and at a pulled card after an odd signing counter', async () => {
    class OddAuthCounter extends VirtualCard {
      private authSelected = false;
      override process(command: Uint8Array): Uint8Array {
        if (command[1] === 0xa4) this.authSelected = command[2] === 0x02 && command[6] === 0x18;
        if (command[1] === 0x20 && this.authSelected) return Uint8Array.of(0x69, 0x84);
        return super.process(command);
      }
    }
    const odd = await probeCard({ port: fakePort([{ name: 'R', card: new OddAuthCounter(await buildScenario('healthy', NOW)) }]), now: NOW });
    expect(odd.error).toMatchObject({ code: 'unexpected-sw', detail: '6984 on VERIFY (no data) for EF 0018' });

    const pulled = await probeCard({
      port: fakePort([
        {
          name: 'R',
          card: await cardFor('face-auth-verify-6984'),
          failOn: { when: (a) => a[1] === 0xb0, failure: new CardFailure('card-removed', 'test') },
        },
      ]),
      now: NOW,
    });
    expect(pulled.error?.code).toBe('card-removed');
    expect(pulled.signCertPresence).toBeUndefined();
  });

  it('never puts holder data (name, birth date, address) into a probe snapshot', async () => {
    // A card that lets EF 0001 be read without the PIN: the probe then parses the signing certificate.
    const card = new VirtualCard({ ...(await buildScenario('healthy', NOW)), signCertOpen: true });
    const s = await probeCard({ port: fakePort([{ name: 'R', card }]), now: NOW });
    expect(s.signCert?.status).toBe('ok');
    expect(s.signCert?.status === 'ok' && s.signCert.cert.kind).toBe('signing');
    expect(s.signCertPresence?.value).toBe('present');
    const json = JSON.stringify(s);
    expect(json).not.toContain('holder');
    expect(json).not.toContain('山田');
    expect(json).not.toContain('千代田区');
  });

  it('keeps what it read when the card is pulled mid-read', async () => {
    const port = fakePort([
      { name: 'R', card: await cardFor('healthy'), failAfter: { apdus: 12, failure: new CardFailure('card-removed', 'test') } },
    ]);
    const s = await probeCard({ port, now: NOW });
    expect(s.error?.code).toBe('card-removed');
    expect(s.signPinTriesLeft).toBe(5);
    expect(snapshotToFacts(s)).toMatchObject({ cardPresent: true, cardReadable: false });
  });

  it('reports a malformed certificate', async () => {
    const s = await probeCard({ port: fakePort([{ name: 'R', card: await cardFor('malformed-cert') }]), now: NOW });
    expect(s.authCert?.status).toBe('malformed');
    expect(snapshotToFacts(s).certMalformed).toBe(true);
  });

  it('leaves a damaged signing CA certificate to the password check, whose test signature says it could not be checked', async () => {
    const spec = await buildScenario('healthy', NOW);
    spec.files.set(EF.signCaCert, createMalformedCertificate('garbage'));
    const card = new VirtualCard(spec);
    const port = fakePort([{ name: 'R', card }]);
    const s = await probeCard({ port, now: NOW });
    expect(s.error).toBeUndefined();
    expect(snapshotToFacts(s)).toMatchObject({ signCert: 'present', certMalformed: false });
    expect(port.transmitted.some((a) => a[1] === 0xa4 && a[2] === 0x02 && a[5] === 0x00 && a[6] === 0x02)).toBe(false);
    const checked = await verifySigningPin({ pin: TEST_SIGN_PIN, port, now: NOW });
    expect(checked).toMatchObject({ ok: true, signCert: { kind: 'signing' }, signatureTest: { outcome: 'cert-unreadable' } });
    expect(checked.signatureTest?.chainValid).toBeUndefined();
  });
});

/** A channel in front of a virtual card that answers like a T=0 reader would. */
function t0Channel(card: VirtualCard): CardChannel & { log: string[] } {
  let pending: Uint8Array | undefined;
  const log: string[] = [];
  return {
    reader: 'T0',
    atr: card.atr,
    log,
    async transmit(apdu) {
      log.push(Buffer.from(apdu.subarray(0, 5)).toString('hex'));
      if (apdu[1] === 0xc0 && pending) {
        const out = pending;
        pending = undefined;
        return out;
      }
      const res = card.process(apdu);
      if (res.length > 2) {
        pending = res;
        return Uint8Array.of(0x61, res.length - 2);
      }
      return res;
    },
    async disconnect() {},
  };
}

describe('JpkiCardSession status-word handling', () => {
  it('follows 61xx with GET RESPONSE', async () => {
    const card = await cardFor('healthy');
    const channel = t0Channel(card);
    const session = new JpkiCardSession(channel);
    expect((await session.selectApplet()).selected).toBe(true);
    const read = await session.readCertificateFile(EF.authCert);
    expect(read.kind).toBe('data');
    expect(channel.log.some((l) => l.startsWith('00c0'))).toBe(true);
  });

  it('resends with the Le a 6Cxx answer asks for', async () => {
    const card = await cardFor('healthy');
    let first = true;
    const channel: CardChannel = {
      reader: 'R',
      atr: card.atr,
      async transmit(apdu) {
        if (apdu[1] === 0xb0 && first) {
          first = false;
          return Uint8Array.of(0x6c, 0x20);
        }
        return card.process(apdu);
      },
      async disconnect() {},
    };
    const session = new JpkiCardSession(channel);
    await session.selectApplet();
    const token = await session.readTokenInfo();
    expect(token.kind).toBe('mynumber');
    expect(session.apduCount).toBe(4);
  });

  it('reports an answer that is not a counter as such, with its status word, never a guess', async () => {
    const channel: CardChannel = {
      reader: 'R',
      atr: new Uint8Array(),
      async transmit(apdu) {
        return apdu[1] === 0x20 ? Uint8Array.of(0x6f, 0x00) : Uint8Array.of(0x90, 0x00);
      },
      async disconnect() {},
    };
    const session = new JpkiCardSession(channel);
    expect(await session.readPinCounter(EF.signPin)).toEqual({ kind: 'unusable', sw: 0x6f00, evidence: '6F00 on VERIFY (no data) for EF 001B' });
  });

  it('still fails on an odd answer to selecting the PIN file', async () => {
    const channel: CardChannel = {
      reader: 'R',
      atr: new Uint8Array(),
      transmit: async () => Uint8Array.of(0x6a, 0x86),
      disconnect: async () => {},
    };
    await expect(new JpkiCardSession(channel).readPinCounter(EF.signPin)).rejects.toMatchObject({ code: 'unexpected-sw', detail: 'SELECT EF 001B answered 6A86' });
  });

  it('treats an answer without a status word as a communication failure', async () => {
    const channel: CardChannel = { reader: 'R', atr: new Uint8Array(), transmit: async () => Uint8Array.of(0x5a), disconnect: async () => {} };
    await expect(new JpkiCardSession(channel).selectApplet()).rejects.toMatchObject({ code: 'communication' });
  });
});

describe('verifySigningPin over an in-memory port', () => {
  it('refuses a bad format without opening the card', async () => {
    const port = fakePort([{ name: 'R', card: await cardFor('healthy') }]);
    const r = await verifySigningPin({ pin: '1234', port });
    expect(r).toMatchObject({ ok: false, sent: false, error: { code: 'pin-format', detail: 'four-digit-pin' } });
    expect(port.transmitted).toHaveLength(0);
  });

  it('refuses with fewer than 2 tries unless allowed, and refuses a locked PIN always', async () => {
    const card = new VirtualCard({ ...(await buildScenario('healthy', NOW)), signPin: { pin: 'ABC123', triesLeft: 1 } });
    const port = fakePort([{ name: 'R', card }]);
    const refused = await verifySigningPin({ pin: 'wrong1', port });
    expect(refused).toMatchObject({ ok: false, sent: false, triesLeft: 1, error: { code: 'pin-tries-too-low' } });
    expect(port.transmitted.some(isPinVerify)).toBe(false);
    const spent = await verifySigningPin({ pin: 'wrong1', port, allowLowTries: true });
    expect(spent).toMatchObject({ ok: false, sent: true, triesLeft: 0, error: { code: 'pin-locked' } });
    const locked = await verifySigningPin({ pin: 'abc123', port, allowLowTries: true });
    expect(locked).toMatchObject({ ok: false, sent: false, triesLeft: 0, error: { code: 'pin-locked' } });
    expect(card.counters().pinVerifications).toBe(1);
  });

  it('refuses at 2 tries left (a miss would leave 1) but sends at 3', async () => {
    const two = new VirtualCard({ ...(await buildScenario('healthy', NOW)), signPin: { pin: 'ABC123', triesLeft: 2 } });
    expect(await verifySigningPin({ pin: 'XYZ789', port: fakePort([{ name: 'R', card: two }]) })).toMatchObject({
      sent: false,
      triesLeft: 2,
      error: { code: 'pin-tries-too-low' },
    });
    const three = new VirtualCard({ ...(await buildScenario('healthy', NOW)), signPin: { pin: 'ABC123', triesLeft: 3 } });
    expect(await verifySigningPin({ pin: 'XYZ789', port: fakePort([{ name: 'R', card: three }]) })).toMatchObject({
      ok: false,
      sent: true,
      triesLeft: 2,
    });
  });

  it('upper-cases the password, reads the signing certificate and chains it', async () => {
    const card = await cardFor('sign-pin-2-left');
    const r = await verifySigningPin({ pin: 'abc123', port: fakePort([{ name: 'R', card }]), now: NOW, allowLowTries: true });
    expect(r.ok).toBe(true);
    expect(r.triesLeft).toBe(5);
    expect(r.signCert?.kind).toBe('signing');
    expect(r.signCert?.chainsToCardCa).toBe(true);
    expect(JSON.stringify(r)).not.toContain('ABC123');
    expect(card.counters().signTriesLeft).toBe(5);
  });
});
