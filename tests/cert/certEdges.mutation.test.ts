import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCertificate, OID, parseHolderFromSan } from '../../src-main/cert';
import { isBlankFile } from '../../src-main/cert/blank';
import { decodeJpkiBirthDate, encodeJpkiBirthDate, isValidYmd } from '../../src-main/cert/era';
import { otherNameStrings } from '../../src-main/cert/holder';
import { malformedMessage, type MalformedReason } from '../../src-main/cert/messages';
import type { CertificateInfo, CertSlot } from '../../src-main/contract';
import { buildCert } from '../helpers/certBuilder';

/**
 * Edges of reading certificates that the mutation run found untested: which
 * certificate the holder data may come from, policy lists with odd entries,
 * subjectAltName entries that are not JPKI otherNames, blank-file evidence,
 * calendar checks and the words shown for each kind of unreadable data.
 */
const now = new Date('2026-11-25T03:00:00Z');

const ctx = (tagNumber: number, value: asn1js.AsnType[], tagClass = 3) => new asn1js.Constructed({ idBlock: { tagClass, tagNumber }, value });
const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
const utf8 = (value: string) => new asn1js.Utf8String({ value });
/** otherName `[0] { OID, [0] EXPLICIT <value> }` */
const otherName = (id: string, value: asn1js.AsnType) => ctx(0, [oid(id), ctx(0, [value])]);
const san = (...names: asn1js.AsnType[]) => new Uint8Array(new asn1js.Sequence({ value: names }).toBER());

/** A certificate from buildCert with extra extensions, re-signed (analysis does not check the signature without an issuer). */
async function withExtensions(der: Uint8Array, extra: pkijs.Extension[]): Promise<Uint8Array> {
  const cert = pkijs.Certificate.fromBER(Uint8Array.from(der));
  cert.extensions = [...(cert.extensions ?? []), ...extra];
  const k = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  await cert.sign(k.privateKey, 'SHA-256');
  return new Uint8Array(cert.toSchema(true).toBER());
}
const ext = (extnID: string, value: asn1js.AsnType) => new pkijs.Extension({ extnID, extnValue: value.toBER() });
const holderSan = () => ext(OID.extSubjectAltName, new asn1js.Sequence({ value: [otherName(OID.holderName, utf8('山田 太郎'))] }));

function ok(slot: CertSlot): CertificateInfo {
  if (slot.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(slot)}`);
  return slot.cert;
}

beforeAll(async () => {
  await buildCert(); // key generation once
});

describe('analyzeCertificate edges', () => {
  it('describes an empty certificate file as empty', async () => {
    expect(await analyzeCertificate(new Uint8Array(0), { now })).toEqual({ status: 'absent', evidence: 'certificate file empty (0 bytes)' });
  });

  it('reads holder data from a signing certificate only, never from a user-authentication one', async () => {
    const signing = ok(await analyzeCertificate(await withExtensions(await buildCert({ policies: [OID.policySigning] }), [holderSan()]), { now }));
    expect(signing.holder).toEqual({ name: '山田 太郎' });
    const auth = ok(await analyzeCertificate(await withExtensions(await buildCert({ policies: [OID.policyAuth] }), [holderSan()]), { now }));
    expect(auth.kind).toBe('auth');
    expect('holder' in auth).toBe(false);
  });

  it('has no holder field when the signing certificate carries no holder data', async () => {
    const plain = ok(await analyzeCertificate(await buildCert({ policies: [OID.policySigning] }), { now }));
    expect(plain.kind).toBe('signing');
    expect('holder' in plain).toBe(false);
    const emptySan = ok(await analyzeCertificate(await withExtensions(await buildCert({ policies: [OID.policySigning] }), [ext(OID.extSubjectAltName, new asn1js.Sequence({ value: [] }))]), { now }));
    expect('holder' in emptySan).toBe(false);
  });

  it('skips a policy entry without an identifier and still finds the JPKI policy after it', async () => {
    const policies = ext(OID.extCertificatePolicies, new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [] }), new asn1js.Sequence({ value: [oid(OID.policySigning)] })] }));
    expect(ok(await analyzeCertificate(await withExtensions(await buildCert(), [policies]), { now })).kind).toBe('signing');
    const odd = ext(OID.extCertificatePolicies, new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 }), new asn1js.Sequence({ value: [oid(OID.policyAuth)] })] }));
    expect(ok(await analyzeCertificate(await withExtensions(await buildCert(), [odd]), { now })).kind).toBe('auth');
  });
});

describe('isBlankFile', () => {
  it('is false for a file filled with one byte that is neither 00 nor FF', () => {
    expect(isBlankFile(Uint8Array.of(0x30))).toBe(false);
    expect(isBlankFile(Uint8Array.of(0x41, 0x41, 0x41))).toBe(false);
    expect(isBlankFile(Uint8Array.of(0xff))).toBe(true);
    expect(isBlankFile(Uint8Array.of(0x00))).toBe(true);
  });
});

describe('otherNameStrings', () => {
  it('reads only otherName entries ([0], context class) whose value is wrapped in [0]', () => {
    const map = otherNameStrings(
      san(
        ctx(1, [oid('1.2.3.1'), ctx(0, [utf8('context [1]')])]),
        ctx(0, [oid('1.2.3.2'), ctx(0, [utf8('application [0]')])], 2),
        new asn1js.Sequence({ value: [oid('1.2.3.3'), ctx(0, [utf8('universal SEQUENCE')])] }),
        ctx(0, [oid('1.2.3.4'), ctx(1, [utf8('value in [1]')])]),
        ctx(0, [oid('1.2.3.5'), ctx(0, [utf8('value in application [0]')], 2)]),
        ctx(0, [oid('1.2.3.6'), new asn1js.Sequence({ value: [utf8('value in SEQUENCE')] })]),
        otherName('1.2.3.7', utf8('the real one')),
      ),
    );
    expect([...map]).toEqual([['1.2.3.7', 'the real one']]);
  });

  it('gives nothing for bytes that are not a SEQUENCE of names', () => {
    expect(otherNameStrings(Uint8Array.of(0x30, 0x05, 0xa0, 0x03))).toEqual(new Map());
    expect(otherNameStrings(new Uint8Array(new asn1js.Set({ value: [otherName('1.2.3.7', utf8('x'))] }).toBER()))).toEqual(new Map());
  });

  it('reads the sex code with spaces around it', () => {
    expect(parseHolderFromSan(san(otherName(OID.holderSex, utf8(' 2 ')))) ).toEqual({ sex: 'female' });
  });
});

describe('birth dates and calendar days', () => {
  it('encodes only a whole YYYY-MM-DD string', () => {
    expect(() => encodeJpkiBirthDate('x1990-01-01')).toThrow(/YYYY-MM-DD/);
    expect(() => encodeJpkiBirthDate('1990-01-01x')).toThrow(/YYYY-MM-DD/);
    expect(() => encodeJpkiBirthDate('1990-01-011')).toThrow(/YYYY-MM-DD/);
  });

  it('leaves the era out when the digit names none', () => {
    const decoded = decodeJpkiBirthDate('719900101');
    expect(decoded).toEqual({ birthDate: '1990-01-01' });
    expect('birthEra' in decoded).toBe(false);
    expect('birthDate' in decodeJpkiBirthDate('419901301')).toBe(false);
  });

  it('refuses negative years and years Date.UTC would move into the 1900s', () => {
    expect(isValidYmd(-1, 1, 1)).toBe(false);
    expect(isValidYmd(-2024, 6, 15)).toBe(false);
    expect(isValidYmd(50, 1, 1)).toBe(false);
    expect(isValidYmd(99, 12, 31)).toBe(false);
    expect(isValidYmd(100, 1, 1)).toBe(true);
  });
});

describe('messages for unreadable certificate data', () => {
  const reasons: MalformedReason[] = ['truncated', 'not-der', 'not-certificate', 'bad-dates', 'bad-input'];

  it('says what went wrong, in both languages, and what to do', () => {
    const m = Object.fromEntries(reasons.map((r) => [r, malformedMessage(r)]));
    expect(m.truncated.ja).toMatch(/^カードから読み取った電子証明書のデータが途中で終わっていました。カードをリーダーに置き直して/);
    expect(m.truncated.en).toMatch(/^The certificate data read from the card stops part-way\. Put the card back on the reader/);
    expect(m['not-certificate'].ja).toMatch(/^カードの電子証明書のデータを、証明書として読み解けませんでした。カードをリーダーに置き直して/);
    expect(m['not-certificate'].en).toMatch(/^The certificate data on the card could not be understood as a certificate\. Put the card back/);
    expect(m['not-der']).toEqual(m['not-certificate']);
    expect(m['bad-dates'].ja).toMatch(/^カードの電子証明書に書かれた有効期間を読み取れませんでした。カードをリーダーに置き直して/);
    expect(m['bad-dates'].en).toMatch(/^The validity period written in the card's certificate could not be read\. Put the card back/);
    // Not the card's fault: restart the app, no counter visit.
    expect(m['bad-input'].ja).toMatch(/^証明書のデータを受け取れませんでした.*アプリを再起動して/);
    expect(m['bad-input'].en).toMatch(/^No usable certificate data was received .*Restart the app/);
    expect(m['bad-input'].en).not.toMatch(/municipal/);
    for (const r of ['truncated', 'not-certificate', 'bad-dates'] as const) expect(m[r].en).toMatch(/municipal office counter can issue the certificate again\.$/);
  });
});
