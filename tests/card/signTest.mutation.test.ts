import { beforeAll, describe, expect, it } from 'vitest';
import { runSignatureTest, type SignatureTestInput } from '../../src-main/card/signTest';
import { buildScenario, type ScenarioName } from '../../src-main/emulator/scenarios';
import { VirtualCard, type VirtualCardSpec } from '../../src-main/emulator/virtualCard';
import * as apdu from '../../src-main/jpki/apdu';
import { JpkiCardSession } from '../../src-main/jpki/cardSession';
import { EF } from '../../src-main/jpki/constants';
import type { CardChannel } from '../../src-main/pcsc/port';
import { fakePort } from '../helpers/fakePort';

/**
 * runSignatureTest on its own, on a virtual card whose signing password was just
 * verified: each outcome the person sees (verified, key and certificate do not
 * match, the issuer does not vouch for the certificate, the card refused, nothing
 * to check against), and that nothing is signed without a certificate to check.
 */
const NOW = new Date('2026-11-25T03:00:00Z');
const isSelectSignKey = (a: Uint8Array) => a[1] === 0xa4 && a[4] === 2 && a[5] === 0x00 && a[6] === 0x1a;
const isSignCommand = (a: Uint8Array) => a[0] === 0x80 && a[1] === 0x2a;

/** A delay before each answer of the card (for the duration check). */
let answerDelayMs = 0;

interface Opened {
  card: JpkiCardSession;
  vc: VirtualCard;
  spec: VirtualCardSpec;
  sent: Uint8Array[];
}

/** A card with the signing password verified on this connection; `answer` may replace the card's reply to an APDU. */
async function verifiedCard(name: ScenarioName = 'healthy', answer?: (a: Uint8Array) => Uint8Array | undefined, edit?: (s: VirtualCardSpec) => void): Promise<Opened> {
  const spec = await buildScenario(name, NOW);
  edit?.(spec);
  const vc = new VirtualCard(spec);
  const channel = await (await fakePort([{ name: 'R', card: vc }]).open()).connect('R');
  const sent: Uint8Array[] = [];
  const wrapped: CardChannel = {
    ...channel,
    transmit: async (a, t) => {
      sent.push(a.slice());
      if (answerDelayMs > 0) await new Promise((r) => setTimeout(r, answerDelayMs));
      return answer?.(a) ?? channel.transmit(a, t);
    },
  };
  const card = new JpkiCardSession(wrapped);
  expect((await card.selectApplet()).selected).toBe(true);
  expect(await card.verify(EF.signPin, apdu.verifyPin(Buffer.from('ABC123', 'ascii')))).toEqual({ ok: true });
  sent.length = 0;
  return { card, vc, spec, sent };
}

const input = (spec: VirtualCardSpec, over: Partial<SignatureTestInput> = {}): SignatureTestInput => ({
  signCertDer: spec.files.get(EF.signCert),
  signCaDer: spec.files.get(EF.signCaCert),
  now: NOW,
  ...over,
});

beforeAll(async () => {
  await buildScenario('healthy', NOW); // warms the cert factory's key cache
}, 60000);

describe('runSignatureTest', () => {
  it('signs with key EF 001A and verifies the signature and the chain', async () => {
    const { card, vc, spec, sent } = await verifiedCard();
    const r = await runSignatureTest(card, input(spec));
    expect(r).toMatchObject({
      outcome: 'verified',
      at: NOW.toISOString(),
      keyEf: '001A',
      signatureBytes: 256,
      modulusBits: 2048,
      signatureValid: true,
      chainValid: true,
      certDates: 'valid',
    });
    expect(r.sw).toBeUndefined();
    expect(r.failedCommand).toBeUndefined();
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(sent.map((a) => [a[0], a[1]])).toEqual([
      [0x00, 0xa4],
      [0x80, 0x2a],
    ]);
    expect(isSelectSignKey(sent[0])).toBe(true);
    expect(vc.counters().signatureCommands).toBe(1);
  });

  it('signs nothing without a certificate to check against', async () => {
    const { card, vc, spec, sent } = await verifiedCard();
    const r = await runSignatureTest(card, input(spec, { signCertDer: undefined }));
    expect(r).toEqual({ outcome: 'cert-unreadable', at: NOW.toISOString(), keyEf: '001A', durationMs: r.durationMs });
    expect(sent).toEqual([]);
    expect(vc.counters().signatureCommands).toBe(0);
  });

  it('calls a signature that does not fit the certificate a key mismatch', async () => {
    const { card, spec } = await verifiedCard('sign-key-mismatch');
    expect(await runSignatureTest(card, input(spec))).toMatchObject({ outcome: 'key-mismatch', signatureValid: false, chainValid: true, signatureBytes: 256 });
    // The same when the certificate handed in is another one (the user-authentication certificate).
    const other = await verifiedCard();
    expect((await runSignatureTest(other.card, input(other.spec, { signCertDer: other.spec.files.get(EF.authCert) }))).outcome).toBe('key-mismatch');
  });

  it('tells a certificate its CA does not vouch for from one that cannot be checked', async () => {
    const a = await verifiedCard();
    expect(await runSignatureTest(a.card, input(a.spec, { signCaDer: a.spec.files.get(EF.authCaCert) }))).toMatchObject({ outcome: 'chain-invalid', signatureValid: true, chainValid: false });
    const b = await verifiedCard();
    const noCa = await runSignatureTest(b.card, input(b.spec, { signCaDer: undefined }));
    expect(noCa).toMatchObject({ outcome: 'cert-unreadable', signatureValid: true, signatureBytes: 256 });
    expect(noCa.chainValid).toBeUndefined();
  });

  it('reports a certificate it cannot parse as unreadable after signing, with the signature size', async () => {
    const { card, spec } = await verifiedCard();
    const garbage = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05);
    const r = await runSignatureTest(card, input(spec, { signCertDer: garbage }));
    expect(r).toEqual({ outcome: 'cert-unreadable', at: NOW.toISOString(), keyEf: '001A', signatureBytes: 256, durationMs: r.durationMs });
    const ca = await verifiedCard();
    expect(await runSignatureTest(ca.card, input(ca.spec, { signCaDer: garbage }))).toMatchObject({ outcome: 'cert-unreadable', signatureBytes: 256 });
  });

  it('reports a refused key selection with its status word and sends no signing command', async () => {
    const { card, vc, spec, sent } = await verifiedCard('healthy', (a) => (isSelectSignKey(a) ? Uint8Array.of(0x6a, 0x82) : undefined));
    const r = await runSignatureTest(card, input(spec));
    expect(r).toEqual({ outcome: 'refused', sw: '6A82', failedCommand: 'select-key', at: NOW.toISOString(), keyEf: '001A', durationMs: r.durationMs });
    expect(sent.some(isSignCommand)).toBe(false);
    expect(vc.counters().signatureCommands).toBe(0);
  });

  it('reports a refused signature with its status word', async () => {
    const { card, spec } = await verifiedCard('sign-refused');
    const r = await runSignatureTest(card, input(spec));
    expect(r).toEqual({ outcome: 'refused', sw: '6A88', failedCommand: 'compute-signature', at: NOW.toISOString(), keyEf: '001A', durationMs: r.durationMs });
    // A card without the key answers 6A81.
    const noKey = await verifiedCard('healthy', undefined, (s) => delete s.signKey);
    expect(await runSignatureTest(noKey.card, input(noKey.spec))).toMatchObject({ outcome: 'refused', sw: '6A81', failedCommand: 'compute-signature' });
  });

  it('reports how long the test took, in milliseconds to one decimal', async () => {
    const { card, spec } = await verifiedCard();
    // Each APDU of the test (select the key, sign) now waits 40 ms before the card answers.
    answerDelayMs = 40;
    const before = performance.now();
    const r = await runSignatureTest(card, input(spec)).finally(() => (answerDelayMs = 0));
    const outer = performance.now() - before;
    expect(r.outcome).toBe('verified');
    expect(r.durationMs).toBeGreaterThanOrEqual(75);
    expect(r.durationMs).toBeLessThanOrEqual(outer + 0.1);
    expect(Math.abs(r.durationMs * 10 - Math.round(r.durationMs * 10))).toBeLessThan(1e-6);
  });

  it('calls data with a status word other than 9000 a refusal, not a signature', async () => {
    const withWarning = Uint8Array.from([...new Uint8Array(256).fill(0x42), 0x62, 0x83]);
    const { card, spec } = await verifiedCard('healthy', (a) => (isSignCommand(a) ? withWarning : undefined));
    expect(await runSignatureTest(card, input(spec))).toMatchObject({ outcome: 'refused', sw: '6283', failedCommand: 'compute-signature' });
  });

  it('calls an empty answer to the signing command a refusal, not a signature', async () => {
    const { card, spec } = await verifiedCard('healthy', (a) => (isSignCommand(a) ? Uint8Array.of(0x90, 0x00) : undefined));
    expect(await runSignatureTest(card, input(spec))).toMatchObject({ outcome: 'refused', sw: '9000', failedCommand: 'compute-signature' });
  });
});
