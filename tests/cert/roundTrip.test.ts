import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CertificateInfo, CertSlot } from '../../src-main/contract';
import { analyzeCertificate, parseCertificate } from '../../src-main/cert';
import { createJpkiCertificates, signDigestInfo, type JpkiCertificateSet } from '../../src-main/emulator/certFactory';

const now = new Date('2026-11-25T12:00:00Z'); // 21:00 JST

function ok(slot: CertSlot): CertificateInfo {
  if (slot.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(slot)}`);
  return slot.cert;
}

let healthy: JpkiCertificateSet;

function parseSignCert() {
  const cert = parseCertificate(healthy.sign!);
  if ('reason' in cert) throw new Error(cert.reason);
  return cert;
}

beforeAll(async () => {
  healthy = await createJpkiCertificates({ now, seed: 'round-trip' });
});

describe('factory → analysis: healthy card', () => {
  it('reads subject, issuer, serial and dates of the signing certificate', async () => {
    const c = ok(await analyzeCertificate(healthy.sign!, { now }));
    expect(c.kind).toBe('signing');
    expect(c.issuer).toBe(
      'C=JP, O=JPKI, OU=JPKI for digital signature, OU=Japan Agency for Local Authority Information Systems',
    );
    expect(c.subject).toMatch(/^CN=[0-9A-F]{20}, C=JP$/);
    expect(c.serialNumber).toMatch(/^[0-9A-F]{24}$/);
    // Issued 730 days before now; default holder born 15 June (Heisei 2) → 5th birthday after issuance.
    expect(c.notBefore).toBe('2024-11-25T12:00:00.000Z');
    expect(c.notAfter).toBe('2029-06-15T14:59:59.000Z');
    expect(c.daysLeft).toBe(933);
    expect(c.chainsToCardCa).toBeUndefined();
  });

  it('detects all four kinds', async () => {
    expect(ok(await analyzeCertificate(healthy.sign!, { now })).kind).toBe('signing');
    expect(ok(await analyzeCertificate(healthy.auth, { now })).kind).toBe('auth');
    expect(ok(await analyzeCertificate(healthy.signCa, { now })).kind).toBe('signing-ca');
    expect(ok(await analyzeCertificate(healthy.authCa, { now })).kind).toBe('auth-ca');
  });

  it('gives the auth certificate a subject without personal data and no holder', async () => {
    const c = ok(await analyzeCertificate(healthy.auth, { now }));
    expect(c.subject).toMatch(/^CN=[0-9A-F]{20}, C=JP$/);
    expect(c.issuer).toContain('OU=JPKI for user authentication');
    expect(c.holder).toBeUndefined();
  });

  it('reads the holder data (Japanese text, Heisei birth date) from the signing certificate', async () => {
    const c = ok(await analyzeCertificate(healthy.sign!, { now }));
    expect(c.holder).toEqual({
      name: '山田 花子',
      address: '東京都千代田区丸の内九丁目９番９号',
      sex: 'female',
      birthDate: '1990-06-15',
      birthEra: 'heisei',
    });
  });

  it('verifies the chain against the right CA only', async () => {
    const sign = healthy.sign!;
    expect(ok(await analyzeCertificate(sign, { now, issuerDer: healthy.signCa })).chainsToCardCa).toBe(true);
    expect(ok(await analyzeCertificate(sign, { now, issuerDer: healthy.authCa })).chainsToCardCa).toBe(false);
    expect(ok(await analyzeCertificate(healthy.auth, { now, issuerDer: healthy.authCa })).chainsToCardCa).toBe(true);
    expect(ok(await analyzeCertificate(healthy.auth, { now, issuerDer: healthy.signCa })).chainsToCardCa).toBe(false);
    expect(ok(await analyzeCertificate(healthy.signCa, { now, issuerDer: healthy.signCa })).chainsToCardCa).toBe(true);
  });

  it('says the chain does not verify when the issuer bytes are unusable', async () => {
    for (const issuerDer of [new Uint8Array(0), new Uint8Array(300).fill(0xff), healthy.signCa.slice(0, 100)]) {
      expect(ok(await analyzeCertificate(healthy.sign!, { now, issuerDer })).chainsToCardCa).toBe(false);
    }
  });

  it('does not verify a certificate whose signature was altered', async () => {
    const tampered = healthy.sign!.slice();
    tampered[tampered.length - 10] ^= 0x01;
    expect(ok(await analyzeCertificate(tampered, { now, issuerDer: healthy.signCa })).chainsToCardCa).toBe(false);
  });

  it('ignores EF padding after the certificate', async () => {
    const padded = new Uint8Array(healthy.sign!.length + 200).fill(0xff);
    padded.set(healthy.sign!);
    const c = ok(await analyzeCertificate(padded, { now, issuerDer: healthy.signCa }));
    expect(c.kind).toBe('signing');
    expect(c.chainsToCardCa).toBe(true);
  });

  it('reports a certificate of another kind than expected as malformed, and accepts the expected one', async () => {
    const wrong = await analyzeCertificate(healthy.auth, { now, expectedKind: 'signing' });
    expect(wrong.status).toBe('malformed');
    if (wrong.status === 'malformed') {
      expect(wrong.message.ja).toContain('利用者証明用電子証明書');
      expect(wrong.message.en).toContain('user-authentication certificate');
    }
    expect(ok(await analyzeCertificate(healthy.auth, { now, expectedKind: 'auth' })).kind).toBe('auth');
  });

  it('reports a blank file as absent with evidence', async () => {
    expect(await analyzeCertificate(new Uint8Array(1500).fill(0xff), { now })).toEqual({
      status: 'absent',
      evidence: 'certificate file all FF (1500 bytes)',
    });
    expect(await analyzeCertificate(new Uint8Array(0), { now })).toMatchObject({ status: 'absent' });
    expect(await analyzeCertificate(new Uint8Array(10), { now })).toMatchObject({ status: 'absent', evidence: expect.stringContaining('all 00') });
  });

  it('writes nothing to the console (holder data must never reach a log)', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    await analyzeCertificate(healthy.sign!, { now, issuerDer: healthy.signCa });
    await analyzeCertificate(healthy.sign!.slice(0, 700), { now });
    for (const s of spies) {
      expect(s).not.toHaveBeenCalled();
      s.mockRestore();
    }
  });

  // How fast a second set is (cached keys) is measured by npm run bench (scripts/bench-cert.ts), not here.
  it('reuses the cached keys: a second set is signed by the same CA key', async () => {
    const other = await createJpkiCertificates({ now, scenario: 'expired', seed: 'other' });
    expect(ok(await analyzeCertificate(other.sign!, { now, issuerDer: healthy.signCa })).chainsToCardCa).toBe(true);
    expect(other.holderKeys.sign.privateKey.type).toBe('private');
  });
});

describe('factory scenarios', () => {
  it('expired: notAfter in the past, negative daysLeft', async () => {
    const set = await createJpkiCertificates({ now, scenario: 'expired' });
    const c = ok(await analyzeCertificate(set.sign!, { now }));
    expect(c.notAfter).toBe('2026-11-15T14:59:59.000Z');
    expect(c.daysLeft).toBe(-10);
    expect(ok(await analyzeCertificate(set.auth, { now })).daysLeft).toBe(-10);
  });

  it('expires-soon: about 30 days left', async () => {
    const set = await createJpkiCertificates({ now, scenario: 'expires-soon' });
    const c = ok(await analyzeCertificate(set.sign!, { now }));
    expect(c.notAfter).toBe('2026-12-25T14:59:59.000Z');
    expect(c.daysLeft).toBe(30);
  });

  it('renewed-today: issued two hours ago', async () => {
    const set = await createJpkiCertificates({ now, scenario: 'renewed-today' });
    const c = ok(await analyzeCertificate(set.sign!, { now }));
    expect(c.notBefore).toBe('2026-11-25T10:00:00.000Z');
    expect(c.notAfter).toBe('2031-06-15T14:59:59.000Z');
  });

  it('face-auth: no signing certificate, auth certificate still there', async () => {
    const set = await createJpkiCertificates({ now, scenario: 'face-auth' });
    expect(set.sign).toBeUndefined();
    expect(ok(await analyzeCertificate(set.auth, { now, issuerDer: set.authCa })).chainsToCardCa).toBe(true);
  });

  it('withSigningCert overrides the scenario', async () => {
    expect((await createJpkiCertificates({ now, withSigningCert: false })).sign).toBeUndefined();
    expect((await createJpkiCertificates({ now, scenario: 'face-auth', withSigningCert: true })).sign).toBeInstanceOf(Uint8Array);
  });

  it('explicit dates win, and notAfter follows the birthday rule when only notBefore is given', async () => {
    const set = await createJpkiCertificates({
      now,
      notBefore: new Date('2022-04-01T00:30:00Z'),
      holder: { birthDate: '1975-03-03' },
    });
    const c = ok(await analyzeCertificate(set.sign!, { now }));
    expect(c.notBefore).toBe('2022-04-01T00:30:00.000Z');
    expect(c.notAfter).toBe('2027-03-03T14:59:59.000Z');
    const fixed = await createJpkiCertificates({
      now,
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2051-01-01T00:00:00Z'), // past 2049: GeneralizedTime
    });
    const f = ok(await analyzeCertificate(fixed.auth, { now }));
    expect(f.notAfter).toBe('2051-01-01T00:00:00.000Z');
  });

  it('carries Showa and Reiwa holders with their era digit, sex and address', async () => {
    const showa = await createJpkiCertificates({
      now,
      holder: { name: '佐藤 太郎', birthDate: '1975-03-03', sex: 'male', address: '大阪府大阪市北区梅田九丁目１番' },
    });
    expect(ok(await analyzeCertificate(showa.sign!, { now })).holder).toEqual({
      name: '佐藤 太郎',
      address: '大阪府大阪市北区梅田九丁目１番',
      sex: 'male',
      birthDate: '1975-03-03',
      birthEra: 'showa',
    });
    const reiwa = await createJpkiCertificates({
      now,
      holder: { name: '髙橋 𠮷子', birthDate: '2020-02-02', sex: 'not-applicable' },
    });
    expect(ok(await analyzeCertificate(reiwa.sign!, { now })).holder).toMatchObject({
      name: '髙橋 𠮷子',
      sex: 'not-applicable',
      birthDate: '2020-02-02',
      birthEra: 'reiwa',
    });
  });

  it('is reproducible for a seed and differs between seeds', async () => {
    const a = ok(await analyzeCertificate((await createJpkiCertificates({ now, seed: 's1' })).auth, { now }));
    const a2 = ok(await analyzeCertificate((await createJpkiCertificates({ now, seed: 's1' })).auth, { now }));
    const b = ok(await analyzeCertificate((await createJpkiCertificates({ now, seed: 's2' })).auth, { now }));
    expect(a2.serialNumber).toBe(a.serialNumber);
    expect(a2.subject).toBe(a.subject);
    expect(b.serialNumber).not.toBe(a.serialNumber);
  });

  it('refuses bad options with a clear message', async () => {
    await expect(createJpkiCertificates({ now: new Date('nope') })).rejects.toThrow(/now/);
    await expect(createJpkiCertificates({ now, scenario: 'moved' as never })).rejects.toThrow(/unknown scenario "moved"/);
    await expect(createJpkiCertificates({ now, holder: { birthDate: '1990-13-01' } })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(
      createJpkiCertificates({ now, notBefore: new Date('2025-01-01'), notAfter: new Date('2024-01-01') }),
    ).rejects.toThrow(/notAfter/);
  });
});

describe('signDigestInfo (card-style signature with the holder key)', () => {
  it('produces an RSA PKCS#1 v1.5 signature that verifies with the signing certificate key', async () => {
    const message = new TextEncoder().encode('定款 / articles of incorporation');
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', message));
    // DigestInfo for SHA-256 (RFC 8017 §9.2 note 1) followed by the hash.
    const prefix = [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];
    const digestInfo = new Uint8Array([...prefix, ...hash]);
    const signature = await signDigestInfo(healthy.holderKeys.sign.privateKey, digestInfo);
    expect(signature.length).toBe(256);
    const verify = (key: CryptoKey, data: Uint8Array<ArrayBuffer>) =>
      crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, data);
    expect(await verify(healthy.holderKeys.sign.publicKey, message)).toBe(true);
    expect(await verify(healthy.holderKeys.auth.publicKey, message)).toBe(false);
    expect(await verify(healthy.holderKeys.sign.publicKey, new TextEncoder().encode('something else'))).toBe(false);
    // The key in the signing certificate is the one that signed.
    const certKey = await parseSignCert().getPublicKey({ algorithm: { algorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, usages: ['verify'] } });
    expect(await verify(certKey, message)).toBe(true);
  });
});
