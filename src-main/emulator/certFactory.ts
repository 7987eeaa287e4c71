import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { encodeJpkiBirthDate, isValidYmd } from '../cert/era';
import { OID, OU_AUTH, OU_JLIS, OU_SIGNING } from '../cert/oids';

/**
 * JPKI-like certificates for the virtual card and for tests: real RSA-2048 /
 * SHA-256 X.509v3, shaped like the card's (CA names, policy OIDs, holder data in
 * SubjectAltName otherNames). Nothing here talks to the network.
 */

/** Certificate situations the virtual card can present. Scenarios with a healthy certificate use 'healthy'. */
export type CertScenario = 'healthy' | 'expired' | 'expires-soon' | 'renewed-today' | 'face-auth';
export const CERT_SCENARIOS: readonly CertScenario[] = ['healthy', 'expired', 'expires-soon', 'renewed-today', 'face-auth'];

export interface HolderData {
  /** Japanese name as on the card, e.g. 山田 花子. */
  name: string;
  /** Gregorian ISO date YYYY-MM-DD; the era digit is derived from it. */
  birthDate: string;
  sex: 'male' | 'female' | 'not-applicable';
  address: string;
}

export const DEFAULT_HOLDER: HolderData = {
  name: '山田 花子',
  birthDate: '1990-06-15',
  sex: 'female',
  address: '東京都千代田区丸の内九丁目９番９号',
};

export interface CreateJpkiCertificatesOptions {
  now: Date;
  /** Default 'healthy'. */
  scenario?: CertScenario;
  /** Merged over DEFAULT_HOLDER. */
  holder?: Partial<HolderData>;
  /** Overrides the scenario's dates for both holder certificates. notAfter defaults to the 5th-birthday rule. */
  notBefore?: Date;
  notAfter?: Date;
  /** Default: false for 'face-auth', true otherwise. */
  withSigningCert?: boolean;
  /** Makes serial numbers and the auth CN reproducible. Default 'jpki-doctor'. */
  seed?: string;
  /** The holder's signing key pair (a virtual card's own key); default: the process-wide one. */
  signKeyPair?: CryptoKeyPair;
}

export interface HolderKeys {
  sign: CryptoKeyPair;
  auth: CryptoKeyPair;
}

export interface JpkiCertificateSet {
  signCa: Uint8Array;
  authCa: Uint8Array;
  /** Absent on a card without a signing certificate (face-auth, declined, under 15). */
  sign?: Uint8Array;
  auth: Uint8Array;
  /** The holder's private keys, for an emulator that answers signature commands. Same for every set in a process. */
  holderKeys: HolderKeys;
  /** The dates used for the holder certificates. */
  validity: { notBefore: Date; notAfter: Date };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

const RSA_PARAMS: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

interface KeyRing {
  signCa: CryptoKeyPair;
  authCa: CryptoKeyPair;
  sign: CryptoKeyPair;
  auth: CryptoKeyPair;
}

let keyRing: Promise<KeyRing> | undefined;

/** A fresh RSA-2048 key pair for signatures (PKCS#1 v1.5, SHA-256). */
export function generateRsaKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(RSA_PARAMS, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** RSA key generation is slow: four keys once per process, then certificates are cheap. */
function keys(): Promise<KeyRing> {
  keyRing ??= (async () => {
    const gen = () => crypto.subtle.generateKey(RSA_PARAMS, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
    const [signCa, authCa, sign, auth] = await Promise.all([gen(), gen(), gen(), gen()]);
    return { signCa, authCa, sign, auth };
  })();
  keyRing.catch(() => {
    keyRing = undefined;
  });
  return keyRing;
}

export async function createJpkiCertificates(options: CreateJpkiCertificatesOptions): Promise<JpkiCertificateSet> {
  const { now } = options;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new Error('createJpkiCertificates: options.now must be a valid Date');
  const scenario = options.scenario ?? 'healthy';
  if (!CERT_SCENARIOS.includes(scenario)) {
    throw new Error(`createJpkiCertificates: unknown scenario "${scenario}" (known: ${CERT_SCENARIOS.join(', ')})`);
  }
  const holder: HolderData = { ...DEFAULT_HOLDER, ...options.holder };
  const birthCode = encodeJpkiBirthDate(holder.birthDate);
  const seed = options.seed ?? 'jpki-doctor';

  const validity = scenarioValidity(scenario, now, holder.birthDate);
  const notBefore = wholeSecond(options.notBefore ?? validity.notBefore);
  const notAfter = wholeSecond(options.notAfter ?? (options.notBefore ? fifthBirthdayEnd(options.notBefore, holder.birthDate) : validity.notAfter));
  if (notAfter.getTime() <= notBefore.getTime()) throw new Error('createJpkiCertificates: notAfter must be later than notBefore');

  // The CAs outlive every holder certificate they issue.
  const caNotBefore = new Date(notBefore.getTime() - 3 * 365 * DAY_MS);
  const caNotAfter = new Date(notAfter.getTime() + 5 * 365 * DAY_MS);

  const ring = await keys();
  const k = options.signKeyPair ? { ...ring, sign: options.signKeyPair } : ring;
  const signCaName = caName(OU_SIGNING);
  const authCaName = caName(OU_AUTH);

  const signCa = await buildCertificate({
    serial: await serialFrom(seed, 'sign-ca'),
    issuer: signCaName,
    subject: signCaName,
    notBefore: caNotBefore,
    notAfter: caNotAfter,
    subjectKey: k.signCa,
    issuerKey: k.signCa,
    extensions: caExtensions(),
  });
  const authCa = await buildCertificate({
    serial: await serialFrom(seed, 'auth-ca'),
    issuer: authCaName,
    subject: authCaName,
    notBefore: caNotBefore,
    notAfter: caNotAfter,
    subjectKey: k.authCa,
    issuerKey: k.authCa,
    extensions: caExtensions(),
  });

  const withSigningCert = options.withSigningCert ?? scenario !== 'face-auth';
  const sign = withSigningCert
    ? await buildCertificate({
        serial: await serialFrom(seed, 'sign'),
        issuer: signCaName,
        subject: holderName(await holderId(seed, 'sign')),
        notBefore,
        notAfter,
        subjectKey: k.sign,
        issuerKey: k.signCa,
        extensions: [
          keyUsageExtension([0, 1]), // digitalSignature, nonRepudiation
          policyExtension(OID.policySigning),
          sanExtension(holder, birthCode),
        ],
      })
    : undefined;
  const auth = await buildCertificate({
    serial: await serialFrom(seed, 'auth'),
    issuer: authCaName,
    subject: holderName(await holderId(seed, 'auth')),
    notBefore,
    notAfter,
    subjectKey: k.auth,
    issuerKey: k.authCa,
    extensions: [keyUsageExtension([0]), policyExtension(OID.policyAuth)],
  });

  return {
    signCa,
    authCa,
    ...(sign ? { sign } : {}),
    auth,
    holderKeys: { sign: k.sign, auth: k.auth },
    validity: { notBefore, notAfter },
  };
}

/** Holder-certificate dates for a scenario, relative to now. */
export function scenarioValidity(scenario: CertScenario, now: Date, birthDate: string): { notBefore: Date; notAfter: Date } {
  switch (scenario) {
    case 'healthy':
    case 'face-auth': {
      const notBefore = new Date(now.getTime() - 730 * DAY_MS);
      return { notBefore, notAfter: fifthBirthdayEnd(notBefore, birthDate) };
    }
    case 'renewed-today': {
      const notBefore = new Date(now.getTime() - 2 * 60 * 60 * 1000);
      return { notBefore, notAfter: fifthBirthdayEnd(notBefore, birthDate) };
    }
    case 'expired': {
      const notAfter = endOfJstDay(new Date(now.getTime() - 10 * DAY_MS));
      return { notBefore: new Date(notAfter.getTime() - (5 * 365 - 30) * DAY_MS), notAfter };
    }
    case 'expires-soon': {
      const notAfter = endOfJstDay(new Date(now.getTime() + 30 * DAY_MS));
      return { notBefore: new Date(notAfter.getTime() - (5 * 365 - 30) * DAY_MS), notAfter };
    }
  }
}

/**
 * 23:59:59 JST on the holder's 5th birthday after issuance (J-LIS validity rule).
 * A 29 February birthday falls on 28 February in common years.
 */
export function fifthBirthdayEnd(issuedAt: Date, birthDate: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || !isValidYmd(+m[1], +m[2], +m[3])) throw new Error(`birth date must be YYYY-MM-DD, got "${birthDate}"`);
  const month = +m[2];
  const day = +m[3];
  const issuedJst = new Date(issuedAt.getTime() + JST_OFFSET_MS);
  const issuedMd = (issuedJst.getUTCMonth() + 1) * 100 + issuedJst.getUTCDate();
  const firstYear = month * 100 + day > issuedMd ? issuedJst.getUTCFullYear() : issuedJst.getUTCFullYear() + 1;
  const year = firstYear + 4;
  const d = isValidYmd(year, month, day) ? day : 28;
  return new Date(Date.UTC(year, month - 1, d, 14, 59, 59));
}

/** Bytes for the malformed-cert scenario. Both keep a consistent outer DER header so a reader can size the file. */
export function createMalformedCertificate(kind: 'truncated' | 'garbage'): Uint8Array {
  if (kind === 'garbage') {
    const body = new Uint8Array(256);
    let x = 0x2545f491;
    for (let i = 0; i < body.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      body[i] = x >>> 24;
    }
    body[0] = 0x04; // not a SEQUENCE: cannot be a TBSCertificate
    return withHeader(0x30, body);
  }
  // A certificate whose TBSCertificate claims 1200 bytes but stops after the issuer name.
  const partial = new Uint8Array(
    new asn1js.Sequence({
      value: [
        new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Integer({ value: 2 })] }),
        new asn1js.Integer({ value: 0x1234 }),
        new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.1.11' }), new asn1js.Null()] }),
        caName(OU_SIGNING).toSchema(),
      ],
    }).toBER(),
  );
  const tbsContent = partial.slice(parseHeaderLength(partial));
  const tbs = new Uint8Array(4 + tbsContent.length);
  tbs.set([0x30, 0x82, 1200 >> 8, 1200 & 0xff]);
  tbs.set(tbsContent, 4);
  return withHeader(0x30, tbs);
}

/**
 * What the card does for COMPUTE DIGITAL SIGNATURE: PKCS#1 v1.5 type-1 padding of the
 * DigestInfo the host sends, then the RSA private operation. WebCrypto cannot sign a
 * pre-hashed DigestInfo, so this uses node:crypto with the exported holder key.
 */
export async function signDigestInfo(privateKey: CryptoKey, digestInfo: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey));
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  pkcs8.fill(0);
  return Uint8Array.from(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
}

// ---------------------------------------------------------------------------

interface CertificateSpec {
  serial: Uint8Array;
  issuer: pkijs.RelativeDistinguishedNames;
  subject: pkijs.RelativeDistinguishedNames;
  notBefore: Date;
  notAfter: Date;
  subjectKey: CryptoKeyPair;
  issuerKey: CryptoKeyPair;
  extensions: pkijs.Extension[];
}

async function buildCertificate(spec: CertificateSpec): Promise<Uint8Array> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: spec.serial });
  cert.issuer = spec.issuer;
  cert.subject = spec.subject;
  cert.notBefore = asnTime(spec.notBefore);
  cert.notAfter = asnTime(spec.notAfter);
  await cert.subjectPublicKeyInfo.importKey(spec.subjectKey.publicKey);
  const ski = await keyIdentifier(spec.subjectKey.publicKey);
  const aki = await keyIdentifier(spec.issuerKey.publicKey);
  cert.extensions = [
    ...spec.extensions,
    new pkijs.Extension({ extnID: OID.extSubjectKeyIdentifier, extnValue: new asn1js.OctetString({ valueHex: ski }).toBER() }),
    new pkijs.Extension({
      extnID: OID.extAuthorityKeyIdentifier,
      extnValue: new asn1js.Sequence({
        value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: aki })],
      }).toBER(),
    }),
  ];
  await cert.sign(spec.issuerKey.privateKey, 'SHA-256');
  return new Uint8Array(cert.toSchema(true).toBER());
}

function caName(ou: string): pkijs.RelativeDistinguishedNames {
  return dn([
    [OID.attrCountry, 'JP'],
    [OID.attrOrganization, 'JPKI'],
    [OID.attrOrganizationalUnit, ou],
    [OID.attrOrganizationalUnit, OU_JLIS],
  ]);
}

function holderName(id: string): pkijs.RelativeDistinguishedNames {
  return dn([
    [OID.attrCommonName, id],
    [OID.attrCountry, 'JP'],
  ]);
}

/** One attribute per RDN (pkijs would put them all into a single multi-valued RDN). */
function dn(attributes: [string, string][]): pkijs.RelativeDistinguishedNames {
  const name = new asn1js.Sequence({
    value: attributes.map(
      ([type, value]) =>
        new asn1js.Set({
          value: [new pkijs.AttributeTypeAndValue({ type, value: new asn1js.PrintableString({ value }) }).toSchema()],
        }),
    ),
  });
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(name.toBER()).result });
}

function caExtensions(): pkijs.Extension[] {
  return [
    new pkijs.Extension({
      extnID: OID.extBasicConstraints,
      critical: true,
      extnValue: new asn1js.Sequence({ value: [new asn1js.Boolean({ value: true })] }).toBER(),
    }),
    keyUsageExtension([5, 6]), // keyCertSign, cRLSign
  ];
}

function keyUsageExtension(bits: number[]): pkijs.Extension {
  let byte = 0;
  for (const b of bits) byte |= 0x80 >> b;
  const unused = 7 - Math.max(...bits);
  return new pkijs.Extension({
    extnID: OID.extKeyUsage,
    critical: true,
    extnValue: new asn1js.BitString({ valueHex: new Uint8Array([byte]), unusedBits: unused }).toBER(),
  });
}

function policyExtension(policy: string): pkijs.Extension {
  return new pkijs.Extension({
    extnID: OID.extCertificatePolicies,
    extnValue: new asn1js.Sequence({
      value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: policy })] })],
    }).toBER(),
  });
}

const SEX_CODE: Record<HolderData['sex'], string> = { male: '1', female: '2', 'not-applicable': '9' };

function sanExtension(holder: HolderData, birthCode: string): pkijs.Extension {
  const entry = (oid: string, text: string) =>
    new asn1js.Constructed({
      idBlock: { tagClass: 3, tagNumber: 0 },
      value: [
        new asn1js.ObjectIdentifier({ value: oid }),
        new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Utf8String({ value: text })] }),
      ],
    });
  return new pkijs.Extension({
    extnID: OID.extSubjectAltName,
    extnValue: new asn1js.Sequence({
      value: [
        entry(OID.holderName, holder.name),
        entry(OID.holderNameFlags, '0'.repeat([...holder.name].length)),
        entry(OID.holderSex, SEX_CODE[holder.sex]),
        entry(OID.holderBirthDate, birthCode),
        entry(OID.holderAddress, holder.address),
        entry(OID.holderAddressFlags, '0'.repeat([...holder.address].length)),
      ],
    }).toBER(),
  });
}

function asnTime(d: Date): pkijs.Time {
  // RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
  return new pkijs.Time({ type: d.getUTCFullYear() < 2050 ? 0 : 1, value: d });
}

async function keyIdentifier(publicKey: CryptoKey): Promise<Uint8Array> {
  const spki = new pkijs.PublicKeyInfo();
  await spki.importKey(publicKey);
  return new Uint8Array(await crypto.subtle.digest('SHA-1', spki.subjectPublicKey.valueBlock.valueHexView.slice()));
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** A positive 12-byte serial derived from the seed. */
async function serialFrom(seed: string, label: string): Promise<Uint8Array> {
  const serial = (await digest(`${seed}:serial:${label}`)).slice(0, 12);
  serial[0] = (serial[0] & 0x7f) | 0x10;
  return serial;
}

/** A serial-like CN for holder certificates: no personal data. */
async function holderId(seed: string, label: string): Promise<string> {
  const h = await digest(`${seed}:cn:${label}`);
  let id = '';
  for (const b of h.slice(0, 10)) id += b.toString(16).padStart(2, '0');
  return id.toUpperCase();
}

function endOfJstDay(at: Date): Date {
  const jst = new Date(at.getTime() + JST_OFFSET_MS);
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate(), 14, 59, 59));
}

function wholeSecond(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

function withHeader(tag: number, content: Uint8Array): Uint8Array {
  const len = content.length;
  const header = len < 0x80 ? [tag, len] : len < 0x100 ? [tag, 0x81, len] : [tag, 0x82, len >> 8, len & 0xff];
  const out = new Uint8Array(header.length + len);
  out.set(header);
  out.set(content, header.length);
  return out;
}

function parseHeaderLength(der: Uint8Array): number {
  const first = der[1];
  return first < 0x80 ? 2 : 2 + (first & 0x7f);
}
