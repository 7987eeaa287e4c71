import type * as pkijs from 'pkijs';
import { asnText, toHex } from './asnText';
import { OID } from './oids';

const SHORT_NAMES: Record<string, string> = {
  [OID.attrCountry]: 'C',
  [OID.attrOrganization]: 'O',
  [OID.attrOrganizationalUnit]: 'OU',
  [OID.attrCommonName]: 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** One attribute of a distinguished name, value already decoded. */
export interface DnAttribute {
  type: string; // dotted OID
  value: string;
  /** True when the value was not a string and is given as `#` + hex of its DER. */
  raw?: boolean;
}

/** The attributes of a name in encoded order; values that are not strings are given as `#hex`. */
export function dnAttributes(name: pkijs.RelativeDistinguishedNames): DnAttribute[] {
  return name.typesAndValues.map((tv) => {
    const text = asnText(tv.value);
    if (text !== null) return { type: tv.type, value: text };
    return { type: tv.type, value: `#${toHex(new Uint8Array(tv.value.toBER(false)))}`, raw: true };
  });
}

/**
 * `C=JP, O=JPKI, OU=...` in the order the certificate encodes it (as openssl prints it,
 * and as JPKI documents quote it), with RFC 4514 escaping of special characters.
 */
export function formatDn(attributes: DnAttribute[]): string {
  return attributes.map((a) => `${SHORT_NAMES[a.type] ?? a.type}=${a.raw ? a.value : escapeDnValue(a.value)}`).join(', ');
}

/** Values of one attribute type, e.g. all OU values. */
export function dnValues(attributes: DnAttribute[], type: string): string[] {
  return attributes.filter((a) => a.type === type).map((a) => a.value);
}

function escapeDnValue(value: string): string {
  let out = value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
  // A value of one space is escaped once, as a leading space.
  if (value.length > 1 && value.endsWith(' ')) out = `${out.slice(0, -1)}\\ `;
  if (value.startsWith(' ') || value.startsWith('#')) out = `\\${out}`;
  return out;
}
