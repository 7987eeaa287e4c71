import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCertificate, parseCertificate } from '../../src-main/cert';
import { malformedMessage } from '../../src-main/cert/messages';
import { OID, OU_AUTH, OU_SIGNING } from '../../src-main/cert/oids';
import type { CertificateInfo, CertSlot } from '../../src-main/contract';
import { buildCert, patchAscii } from '../helpers/certBuilder';

/**
 * Which kind a certificate is decides which EF it may sit in and whether the
 * card can sign: each rule of the detection is tested on its own, with
 * certificates that differ from each other in one property only.
 */
const now = new Date('2026-11-25T03:00:00Z');

async function kindOf(spec: Parameters<typeof buildCert>[0]): Promise<CertificateInfo['kind']> {
  const slot = await analyzeCertificate(await buildCert(spec), { now });
  if (slot.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(slot)}`);
  return slot.cert.kind;
}

beforeAll(async () => {
  await buildCert(); // key generation once
});

describe('certificate kinds', () => {
  it('classes an end-entity certificate by its policy', async () => {
    expect(await kindOf({ policies: [OID.policySigning] })).toBe('signing');
    expect(await kindOf({ policies: [OID.policyAuth] })).toBe('auth');
    expect(await kindOf({ ca: false, policies: [OID.policySigning] })).toBe('signing');
    expect(await kindOf({ ca: false, policies: [OID.policyAuth] })).toBe('auth');
  });

  it('finds the JPKI policy among others', async () => {
    expect(await kindOf({ policies: ['1.2.3.4', OID.policyAuth] })).toBe('auth');
    expect(await kindOf({ policies: ['1.2.3.4', OID.policySigning, OID.policyAuth] })).toBe('signing');
  });

  it('calls an end-entity certificate without a JPKI policy unknown', async () => {
    expect(await kindOf({})).toBe('unknown');
    expect(await kindOf({ policies: ['1.2.3.4'] })).toBe('unknown');
    expect(await kindOf({ policies: [] })).toBe('unknown');
    // A JPKI OU alone does not make an end-entity certificate a JPKI one.
    expect(await kindOf({ issuerOus: [OU_SIGNING], subjectOus: [OU_AUTH] })).toBe('unknown');
  });

  it('classes a CA (cA TRUE) by the OU of its issuer or subject first', async () => {
    expect(await kindOf({ ca: true, subjectOus: [OU_SIGNING] })).toBe('signing-ca');
    expect(await kindOf({ ca: true, issuerOus: [OU_SIGNING] })).toBe('signing-ca');
    expect(await kindOf({ ca: true, subjectOus: [OU_AUTH] })).toBe('auth-ca');
    expect(await kindOf({ ca: true, issuerOus: [OU_AUTH] })).toBe('auth-ca');
    // OU decides over a policy of the other kind.
    expect(await kindOf({ ca: true, subjectOus: [OU_AUTH], policies: [OID.policySigning] })).toBe('auth-ca');
    expect(await kindOf({ ca: true, subjectOus: [OU_SIGNING], policies: [OID.policyAuth] })).toBe('signing-ca');
  });

  it('falls back to the policy for a CA without a JPKI OU', async () => {
    expect(await kindOf({ ca: true, subjectOus: ['Other'], policies: [OID.policySigning] })).toBe('signing-ca');
    expect(await kindOf({ ca: true, policies: [OID.policyAuth] })).toBe('auth-ca');
    expect(await kindOf({ ca: true, subjectOus: ['Other'] })).toBe('unknown');
    expect(await kindOf({ ca: true, policies: ['1.2.3.4'] })).toBe('unknown');
  });

  it('does not take cA FALSE, an empty basicConstraints or a malformed one for a CA', async () => {
    expect(await kindOf({ ca: false, subjectOus: [OU_SIGNING], policies: [OID.policySigning] })).toBe('signing');
    expect(await kindOf({ ca: 'empty', subjectOus: [OU_AUTH], policies: [OID.policyAuth] })).toBe('auth');
    expect(await kindOf({ ca: 'not-a-sequence', subjectOus: [OU_SIGNING], policies: [OID.policySigning] })).toBe('signing');
    expect(await kindOf({ ca: false, subjectOus: [OU_SIGNING] })).toBe('unknown');
  });
});

describe('expected kind', () => {
  const analyze = async (spec: Parameters<typeof buildCert>[0], expectedKind: CertificateInfo['kind']) =>
    analyzeCertificate(await buildCert(spec), { now, expectedKind });

  it('refuses a certificate of another known kind, naming both', async () => {
    const slot = await analyze({ ca: true, subjectOus: [OU_SIGNING] }, 'signing');
    expect(slot.status).toBe('malformed');
    expect(slot.status === 'malformed' && slot.message.en).toMatch(/^Where the signing certificate should be, the card holds a signing CA \(issuer\) certificate\./);
  });

  it('lets an unknown kind through (it cannot be said to be wrong), and any kind when nothing is expected', async () => {
    expect((await analyze({ policies: ['1.2.3.4'] }, 'signing')).status).toBe('ok');
    expect((await analyze({ policies: [OID.policyAuth] }, 'unknown')).status).toBe('ok');
    const slot = await analyzeCertificate(await buildCert({ policies: [OID.policyAuth] }), { now });
    expect(slot.status === 'ok' && slot.cert.kind).toBe('auth');
  });
});

describe('dates and numbers', () => {
  const info = (slot: CertSlot) => {
    if (slot.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(slot)}`);
    return slot.cert;
  };

  it('counts whole days left, rounding down, negative once expired', async () => {
    const at = (notAfter: string) => buildCert({ notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date(notAfter) });
    expect(info(await analyzeCertificate(await at('2026-11-26T03:00:00Z'), { now })).daysLeft).toBe(1);
    expect(info(await analyzeCertificate(await at('2026-11-26T02:59:59Z'), { now })).daysLeft).toBe(0);
    expect(info(await analyzeCertificate(await at('2026-11-25T03:00:00Z'), { now })).daysLeft).toBe(0);
    expect(info(await analyzeCertificate(await at('2026-11-25T02:59:59Z'), { now })).daysLeft).toBe(-1);
  });

  it('gives dates as ISO strings and the serial in upper-case hex', async () => {
    const c = info(await analyzeCertificate(await buildCert({ serial: [0x0a, 0xbc, 0xde], notBefore: new Date('2025-01-02T03:04:05Z') }), { now }));
    expect(c.serialNumber).toBe('0ABCDE');
    expect(c.notBefore).toBe('2025-01-02T03:04:05.000Z');
    expect(c.notAfter).toBe('2030-01-01T00:00:00.000Z');
    expect(c.subject).toBe('C=JP, O=JPKI, CN=subject');
    expect(c.issuer).toBe('C=JP, O=JPKI, CN=issuer');
  });

  it('calls a garbled validity date unreadable instead of reading it as 1899', async () => {
    const der = await buildCert({ notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2030-06-01T00:00:00Z') });
    for (const [from, to] of [
      ['250101000000Z', '2501010000ZZZ'],
      ['300601000000Z', '30x601000000Z'],
    ]) {
      const bad = patchAscii(der, from, to);
      expect(await analyzeCertificate(bad, { now })).toEqual({ status: 'malformed', message: malformedMessage('bad-dates') });
      expect(parseCertificate(bad)).toEqual({ reason: 'bad-dates' });
    }
  });

  it('refuses a clock that is not a date', async () => {
    const der = await buildCert();
    const bad = { status: 'malformed', message: malformedMessage('bad-input') };
    expect(await analyzeCertificate(der, { now: new Date(Number.NaN) })).toEqual(bad);
    expect(await analyzeCertificate(der, { now: '2026-11-25' as unknown as Date })).toEqual(bad);
    expect(await analyzeCertificate(der, undefined as unknown as { now: Date })).toEqual(bad);
    expect(await analyzeCertificate([1, 2] as unknown as Uint8Array, { now })).toEqual(bad);
  });
});

describe('parseCertificate reasons', () => {
  it('tells truncated, not DER and not a certificate apart', async () => {
    const der = await buildCert();
    expect(parseCertificate(der.slice(0, 3))).toEqual({ reason: 'truncated' });
    expect(parseCertificate(der.slice(0, der.length - 1))).toEqual({ reason: 'truncated' });
    expect(parseCertificate(Uint8Array.of(0x30, 0x80, 0, 0))).toEqual({ reason: 'not-der' });
    expect(parseCertificate(Uint8Array.of(0x04, 0x02, 0x01, 0x02))).toEqual({ reason: 'not-certificate' });
    expect(parseCertificate(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05))).toEqual({ reason: 'not-certificate' });
    // Inner bytes that are not BER at all.
    expect(parseCertificate(Uint8Array.of(0x30, 0x03, 0x02, 0x05, 0x01))).toEqual({ reason: 'not-der' });
    const c = parseCertificate(der);
    expect('reason' in c).toBe(false);
  });

  it('reports each reason to the person in their words', async () => {
    const der = await buildCert();
    const slot = await analyzeCertificate(der.slice(0, 200), { now });
    expect(slot).toEqual({ status: 'malformed', message: malformedMessage('truncated') });
    expect(malformedMessage('truncated').ja).toMatch(/^カードから読み取った電子証明書のデータが途中で終わっていました。/);
    expect(await analyzeCertificate(Uint8Array.of(0x04, 0x02, 0x01, 0x02), { now })).toEqual({ status: 'malformed', message: malformedMessage('not-certificate') });
  });
});
