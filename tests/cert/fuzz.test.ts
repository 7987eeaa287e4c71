import { beforeAll, describe, expect, it } from 'vitest';
import type { CertSlot } from '../../src-main/contract';
import { analyzeCertificate, malformedMessage } from '../../src-main/cert';
import { createJpkiCertificates, createMalformedCertificate } from '../../src-main/emulator/certFactory';
import { seededRandom } from '../../scripts/seededRandom';

const now = new Date('2026-11-25T12:00:00Z');
let sign: Uint8Array;
let signCa: Uint8Array;

beforeAll(async () => {
  const set = await createJpkiCertificates({ now, seed: 'fuzz' });
  sign = set.sign!;
  signCa = set.signCa;
});

/** Deterministic PRNG (the soak's mulberry32) so that a failure can be replayed. */
const rng = seededRandom;

function expectLocalizedMalformed(slot: CertSlot, label: string): void {
  expect(slot.status, label).toBe('malformed');
  if (slot.status === 'malformed') {
    expect(slot.message.ja.length, label).toBeGreaterThan(10);
    expect(slot.message.en.length, label).toBeGreaterThan(10);
  }
}

describe('analyzeCertificate never throws on bad input', () => {
  it('reports every truncation of a real certificate as truncated', async () => {
    const truncated = malformedMessage('truncated');
    for (let len = 1; len < sign.length; len++) {
      const slot = await analyzeCertificate(sign.slice(0, len), { now, issuerDer: signCa });
      expect(slot, `length ${len}`).toEqual({ status: 'malformed', message: truncated });
    }
  });

  it('survives random bytes (fixed seed)', async () => {
    const next = rng(20261125);
    for (let i = 0; i < 500; i++) {
      const bytes = new Uint8Array(Math.floor(next() * 2000) + 1).map(() => Math.floor(next() * 256));
      // Half of the samples get a plausible certificate header so the parser goes deeper.
      if (i % 2 === 0 && bytes.length > 4) bytes.set([0x30, 0x82, (bytes.length - 4) >> 8, (bytes.length - 4) & 0xff]);
      const slot = await analyzeCertificate(bytes, { now, issuerDer: signCa });
      expect(['malformed', 'absent'], `sample ${i}`).toContain(slot.status);
    }
  });

  it('survives single-byte corruption anywhere in a real certificate (fixed seed)', async () => {
    const next = rng(42);
    for (let i = 0; i < 400; i++) {
      const bytes = sign.slice();
      const at = Math.floor(next() * bytes.length);
      bytes[at] = Math.floor(next() * 256);
      const slot = await analyzeCertificate(bytes, { now, issuerDer: signCa });
      expect(['ok', 'malformed'], `byte ${at}`).toContain(slot.status);
      if (slot.status === 'ok' && bytes[at] !== sign[at]) expect(slot.cert.chainsToCardCa, `byte ${at}`).toBe(false);
    }
  });

  it('reports wrong tags, huge and indefinite lengths as malformed', async () => {
    const cases: [string, number[]][] = [
      ['SET instead of SEQUENCE', [0x31, 0x03, 0x02, 0x01, 0x00]],
      ['OCTET STRING', [0x04, 0x02, 0x30, 0x00]],
      ['empty SEQUENCE', [0x30, 0x00]],
      ['4-byte length of 4 GiB', [0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x30]],
      ['5-byte length', [0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00]],
      ['indefinite length', [0x30, 0x80, 0x30, 0x80, 0x00, 0x00, 0x00, 0x00]],
      ['SEQUENCE of INTEGER', [0x30, 0x03, 0x02, 0x01, 0x05]],
      ['mostly FF', [0xff, 0xff, 0x00]],
    ];
    for (const [label, bytes] of cases) expectLocalizedMalformed(await analyzeCertificate(new Uint8Array(bytes), { now }), label);
  });

  it('survives absurdly deep nesting', async () => {
    const depth = 16000;
    const bytes = new Uint8Array(depth * 4);
    for (let i = 0; i < depth; i++) {
      const inner = (depth - i - 1) * 4;
      bytes.set([0x30, 0x82, inner >> 8, inner & 0xff], i * 4);
    }
    expectLocalizedMalformed(await analyzeCertificate(bytes, { now }), 'deep nesting');
  });

  it('rejects the factory’s malformed certificates', async () => {
    expectLocalizedMalformed(await analyzeCertificate(createMalformedCertificate('truncated'), { now }), 'truncated');
    expectLocalizedMalformed(await analyzeCertificate(createMalformedCertificate('garbage'), { now }), 'garbage');
  });

  it('answers wrong argument types with a message instead of throwing', async () => {
    const bad: unknown[] = [null, undefined, 'MIIB', 42, [0x30, 0x00], new ArrayBuffer(8)];
    for (const value of bad) {
      expectLocalizedMalformed(await analyzeCertificate(value as Uint8Array, { now }), String(value));
    }
    expectLocalizedMalformed(await analyzeCertificate(sign, { now: new Date(Number.NaN) }), 'invalid now');
    expectLocalizedMalformed(await analyzeCertificate(sign, undefined as never), 'no options');
  });
});
