import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../../src-main/cert/oids';

/**
 * Builds one certificate with exactly the extensions a test names, so that kind
 * detection (basicConstraints cA, OUs, policies) and date checks can be tested one
 * property at a time. ECDSA P-256 keys: fast, and analyze never needs RSA.
 */
export interface CertSpec {
  subjectOus?: string[];
  issuerOus?: string[];
  /** undefined: no basicConstraints; 'empty': the extension with an empty SEQUENCE (cA defaults to FALSE). */
  ca?: boolean | 'empty' | 'not-a-sequence';
  policies?: string[];
  notBefore?: Date;
  notAfter?: Date;
  serial?: number[];
}

let keyPair: Promise<CryptoKeyPair> | undefined;
const key = () =>
  (keyPair ??= crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as Promise<CryptoKeyPair>);

function name(cn: string, ous: string[]): pkijs.RelativeDistinguishedNames {
  const attrs: [string, string][] = [[OID.attrCountry, 'JP'], [OID.attrOrganization, 'JPKI'], ...ous.map((ou): [string, string] => [OID.attrOrganizationalUnit, ou]), [OID.attrCommonName, cn]];
  const seq = new asn1js.Sequence({
    value: attrs.map(([type, value]) => new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value: new asn1js.PrintableString({ value }) }).toSchema()] })),
  });
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(seq.toBER()).result });
}

function basicConstraints(ca: NonNullable<CertSpec['ca']>): pkijs.Extension {
  const value =
    ca === 'empty'
      ? new asn1js.Sequence({ value: [] })
      : ca === 'not-a-sequence'
        ? new asn1js.Boolean({ value: true })
        : new asn1js.Sequence({ value: [new asn1js.Boolean({ value: ca })] });
  return new pkijs.Extension({ extnID: OID.extBasicConstraints, critical: true, extnValue: value.toBER() });
}

function policies(oids: string[]): pkijs.Extension {
  const value = new asn1js.Sequence({ value: oids.map((id) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: id })] })) });
  return new pkijs.Extension({ extnID: OID.extCertificatePolicies, extnValue: value.toBER() });
}

export async function buildCert(spec: CertSpec = {}): Promise<Uint8Array> {
  const k = await key();
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: Uint8Array.from(spec.serial ?? [0x01, 0x23, 0xab]).buffer });
  cert.issuer = name('issuer', spec.issuerOus ?? []);
  cert.subject = name('subject', spec.subjectOus ?? []);
  cert.notBefore = new pkijs.Time({ type: 0, value: spec.notBefore ?? new Date('2025-01-01T00:00:00Z') });
  cert.notAfter = new pkijs.Time({ type: 0, value: spec.notAfter ?? new Date('2030-01-01T00:00:00Z') });
  await cert.subjectPublicKeyInfo.importKey(k.publicKey);
  const extensions: pkijs.Extension[] = [];
  if (spec.ca !== undefined) extensions.push(basicConstraints(spec.ca));
  if (spec.policies) extensions.push(policies(spec.policies));
  if (extensions.length > 0) cert.extensions = extensions;
  await cert.sign(k.privateKey, 'SHA-256');
  return new Uint8Array(cert.toSchema(true).toBER());
}

/** Replaces the first occurrence of `from` (ASCII) in the DER with `to` of the same length. */
export function patchAscii(der: Uint8Array, from: string, to: string): Uint8Array {
  if (from.length !== to.length) throw new Error('patchAscii keeps the length');
  const needle = new TextEncoder().encode(from);
  const out = der.slice();
  for (let i = 0; i + needle.length <= out.length; i++) {
    if (needle.every((b, j) => out[i + j] === b)) {
      out.set(new TextEncoder().encode(to), i);
      return out;
    }
  }
  throw new Error(`"${from}" not found`);
}
