import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateInfo, CertSlot } from '../contract/snapshot';
import { toHex } from './asnText';
import { isBlankFile } from './blank';
import { parseDerLength } from './derLength';
import { dnAttributes, dnValues, formatDn, type DnAttribute } from './dn';
import { parseHolderFromSan } from './holder';
import { kindMismatchMessage, malformedMessage, type MalformedReason } from './messages';
import { OID, OU_AUTH, OU_SIGNING } from './oids';

export interface AnalyzeOptions {
  /** Injected clock: daysLeft is relative to it. */
  now: Date;
  /** DER of the CA certificate read from the same card; enables `chainsToCardCa`. */
  issuerDer?: Uint8Array;
  /** What the EF should hold; a certificate of another known kind is reported as malformed. */
  expectedKind?: CertificateInfo['kind'];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Read one certificate from card bytes. Never throws: anything that is not a usable
 * certificate comes back as `malformed` with a message for the person, and a blank
 * file (empty, all 00, all FF) as `absent`. Bytes after the DER object (EF padding)
 * are ignored.
 */
export async function analyzeCertificate(der: Uint8Array, options: AnalyzeOptions): Promise<CertSlot> {
  try {
    return await analyze(der, options);
  } catch {
    // Anything unforeseen (e.g. stack exhaustion on absurd nesting) is still bad data, not a crash.
    return malformed('not-certificate');
  }
}

async function analyze(der: Uint8Array, options: AnalyzeOptions): Promise<CertSlot> {
  if (!(der instanceof Uint8Array) || !options || !(options.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    return malformed('bad-input');
  }
  if (isBlankFile(der)) {
    const fill = der.length === 0 ? 'empty' : der[0] === 0xff ? 'all FF' : 'all 00';
    return { status: 'absent', evidence: `certificate file ${fill} (${der.length} bytes)` };
  }
  const cert = parseCertificate(der);
  if ('reason' in cert) return malformed(cert.reason);

  const notBefore = cert.notBefore.value;
  const notAfter = cert.notAfter.value;

  const subject = dnAttributes(cert.subject);
  const issuer = dnAttributes(cert.issuer);
  const kind = detectKind(cert, subject, issuer);
  if (options.expectedKind && options.expectedKind !== 'unknown' && kind !== 'unknown' && kind !== options.expectedKind) {
    return { status: 'malformed', message: kindMismatchMessage(kind, options.expectedKind) };
  }

  const info: CertificateInfo = {
    subject: formatDn(subject),
    issuer: formatDn(issuer),
    serialNumber: toHex(cert.serialNumber.valueBlock.valueHexView),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - options.now.getTime()) / DAY_MS),
    kind,
  };
  if (options.issuerDer !== undefined) info.chainsToCardCa = await verifiesAgainst(cert, options.issuerDer);
  if (kind === 'signing') {
    const san = extensionValue(cert, OID.extSubjectAltName);
    const holder = san ? safe(() => parseHolderFromSan(san)) : undefined;
    if (holder) info.holder = holder;
  }
  return { status: 'ok', cert: info };
}

function malformed(reason: MalformedReason): CertSlot {
  return { status: 'malformed', message: malformedMessage(reason) };
}

/** Parse DER into a pkijs certificate, or say why not. */
export function parseCertificate(der: Uint8Array): pkijs.Certificate | { reason: MalformedReason } {
  const size = parseDerLength(der);
  if ('error' in size) return { reason: size.error === 'need-more-bytes' ? 'truncated' : 'not-der' };
  if (der[0] !== 0x30) return { reason: 'not-certificate' };
  if (der.length < size.totalLength) return { reason: 'truncated' };
  const bytes = der.slice(0, size.totalLength);
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1) return { reason: 'not-der' };
  if (!validityReadable(parsed.result)) return { reason: 'bad-dates' };
  try {
    return new pkijs.Certificate({ schema: parsed.result });
  } catch {
    return { reason: 'not-certificate' };
  }
}

/** CA certificates by basicConstraints + OU (real CA certificates may carry policies too); others by policy OID. */
function detectKind(cert: pkijs.Certificate, subject: DnAttribute[], issuer: DnAttribute[]): CertificateInfo['kind'] {
  const policies = policyOids(cert);
  if (isCa(cert)) {
    const ous = [...dnValues(issuer, OID.attrOrganizationalUnit), ...dnValues(subject, OID.attrOrganizationalUnit)];
    if (ous.includes(OU_SIGNING)) return 'signing-ca';
    if (ous.includes(OU_AUTH)) return 'auth-ca';
    if (policies.includes(OID.policySigning)) return 'signing-ca';
    if (policies.includes(OID.policyAuth)) return 'auth-ca';
    return 'unknown';
  }
  if (policies.includes(OID.policySigning)) return 'signing';
  if (policies.includes(OID.policyAuth)) return 'auth';
  return 'unknown';
}

function extensionValue(cert: pkijs.Certificate, oid: string): Uint8Array | undefined {
  const ext = cert.extensions?.find((e) => e.extnID === oid);
  return ext ? ext.extnValue.valueBlock.valueHexView : undefined;
}

function isCa(cert: pkijs.Certificate): boolean {
  const value = extensionValue(cert, OID.extBasicConstraints);
  if (!value) return false;
  const parsed = asn1js.fromBER(value);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return false;
  const first = parsed.result.valueBlock.value[0];
  return first instanceof asn1js.Boolean && first.valueBlock.value === true;
}

function policyOids(cert: pkijs.Certificate): string[] {
  const value = extensionValue(cert, OID.extCertificatePolicies);
  if (!value) return [];
  const parsed = asn1js.fromBER(value);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return [];
  const out: string[] = [];
  for (const info of parsed.result.valueBlock.value) {
    if (!(info instanceof asn1js.Sequence)) continue;
    const id = info.valueBlock.value[0];
    if (id instanceof asn1js.ObjectIdentifier) out.push(id.valueBlock.toString());
  }
  return out;
}

async function verifiesAgainst(cert: pkijs.Certificate, issuerDer: Uint8Array): Promise<boolean> {
  try {
    if (!(issuerDer instanceof Uint8Array)) return false;
    const issuer = parseCertificate(issuerDer);
    if ('reason' in issuer) return false;
    return await cert.verify(issuer);
  } catch {
    return false;
  }
}

const isTime = (v: unknown): v is asn1js.UTCTime | asn1js.GeneralizedTime => v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime;

/**
 * asn1js reads a garbled UTCTime as 1899-11-30 and only notes an error on the
 * block; taken at face value that would be "expired for over a century". Look at
 * the validity SEQUENCE of the TBSCertificate itself.
 */
function validityReadable(certAsn: asn1js.AsnType): boolean {
  const tbs = certAsn instanceof asn1js.Sequence ? certAsn.valueBlock.value[0] : undefined;
  if (!(tbs instanceof asn1js.Sequence)) return true; // not a certificate at all: pkijs says so
  for (const field of tbs.valueBlock.value) {
    if (!(field instanceof asn1js.Sequence)) continue;
    const times = field.valueBlock.value;
    if (times.length === 2 && times.every(isTime)) return times.every(timeReadable);
  }
  return true;
}

function timeReadable(t: asn1js.UTCTime | asn1js.GeneralizedTime): boolean {
  try {
    return !t.error && !Number.isNaN(t.toDate().getTime());
  } catch {
    return false;
  }
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
