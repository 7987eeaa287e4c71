import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCertificate } from '../../src-main/cert';
import { createJpkiCertificates, type JpkiCertificateSet } from '../../src-main/emulator/certFactory';

const now = new Date('2026-11-25T12:00:00Z');

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = hasOpenssl();
if (!available && process.env.CI !== 'true') {
  console.warn('tests/cert/openssl.test.ts skipped: the openssl CLI is not installed (required when CI=true)');
}

/** An independent parser: openssl must read what the factory writes, the way the analyzer reads it. */
describe.runIf(available || process.env.CI === 'true')('openssl cross-check', () => {
  let set: JpkiCertificateSet;
  let dir: string;
  const text = (der: Uint8Array) =>
    execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space'], {
      input: der,
    }).toString('utf8');
  const pem = (name: string, der: Uint8Array) => {
    const path = join(dir, `${name}.pem`);
    writeFileSync(path, execFileSync('openssl', ['x509', '-inform', 'DER', '-outform', 'PEM'], { input: der }));
    return path;
  };

  beforeAll(async () => {
    expect(available, 'openssl CLI is required when CI=true').toBe(true);
    set = await createJpkiCertificates({ now, seed: 'openssl' });
    dir = mkdtempSync(join(tmpdir(), 'jpki-cert-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the signing policy, key usage, dates and holder SAN of the signing certificate', async () => {
    const out = text(set.sign!);
    expect(out).toContain('Version: 3');
    expect(out).toContain('sha256WithRSAEncryption');
    expect(out).toContain('Public-Key: (2048 bit)');
    expect(out).toContain('Policy: 1.2.392.200149.8.5.1.1');
    expect(out).not.toContain('1.2.392.200149.8.5.1.3');
    expect(out).toContain('Digital Signature, Non Repudiation');
    expect(out).toContain('Not Before: Nov 25 12:00:00 2024 GMT');
    expect(out).toContain('Not After : Jun 15 14:59:59 2029 GMT');
    expect(out).toContain('1.2.392.200149.8.5.5.1::山田 花子');
    expect(out).toContain('1.2.392.200149.8.5.5.4::419900615');
    expect(out).toContain(
      'Issuer: C=JP, O=JPKI, OU=JPKI for digital signature, OU=Japan Agency for Local Authority Information Systems',
    );
    const analyzed = await analyzeCertificate(set.sign!, { now });
    if (analyzed.status !== 'ok') throw new Error('analysis failed');
    expect(out).toContain(`Subject: ${analyzed.cert.subject}`);
  });

  it('shows the auth policy and a subject without personal data', () => {
    const out = text(set.auth);
    expect(out).toContain('Policy: 1.2.392.200149.8.5.1.3');
    expect(out).toMatch(/Subject: CN=[0-9A-F]{20}, C=JP\n/);
    expect(out).not.toContain('Subject Alternative Name');
    expect(out).toContain('Issuer: C=JP, O=JPKI, OU=JPKI for user authentication');
  });

  it('sees the CA certificates as CAs', () => {
    for (const ca of [set.signCa, set.authCa]) {
      const out = text(ca);
      expect(out).toContain('CA:TRUE');
      expect(out).toContain('Certificate Sign, CRL Sign');
    }
  });

  it('agrees with the analyzer on the serial number', async () => {
    const serial = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-serial'], { input: set.auth })
      .toString()
      .trim();
    const analyzed = await analyzeCertificate(set.auth, { now });
    if (analyzed.status !== 'ok') throw new Error('analysis failed');
    expect(serial).toBe(`serial=${analyzed.cert.serialNumber}`);
  });

  it('verifies each holder certificate against its own CA and not the other', () => {
    const signCa = pem('signCa', set.signCa);
    const authCa = pem('authCa', set.authCa);
    const sign = pem('sign', set.sign!);
    const auth = pem('auth', set.auth);
    const verify = (ca: string, cert: string) => {
      try {
        execFileSync('openssl', ['verify', '-attime', String(now.getTime() / 1000), '-CAfile', ca, cert], { stdio: 'pipe' });
        return true;
      } catch {
        return false;
      }
    };
    expect(verify(signCa, sign)).toBe(true);
    expect(verify(authCa, auth)).toBe(true);
    expect(verify(authCa, sign)).toBe(false);
    expect(verify(signCa, auth)).toBe(false);
  });

  it('reads an expired certificate with the dates the analyzer reports', async () => {
    const expired = await createJpkiCertificates({ now, scenario: 'expired' });
    const out = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-enddate'], { input: expired.sign! }).toString();
    expect(out.trim()).toBe('notAfter=Nov 15 14:59:59 2026 GMT');
  });
});
