import * as asn1js from 'asn1js';
import type { CertificateInfo } from '../contract/snapshot';
import { asnText } from './asnText';
import { decodeJpkiBirthDate } from './era';
import { OID } from './oids';

export type Holder = NonNullable<CertificateInfo['holder']>;

const SEX: Record<string, Holder['sex']> = { '1': 'male', '2': 'female', '9': 'not-applicable' };

/**
 * Holder data from the DER of a SubjectAltName extension value (GeneralNames).
 * Each JPKI field is an otherName `[0] { type-id OID, [0] EXPLICIT UTF8String }`.
 * Tolerant by design: anything missing or odd is left out. Returns undefined when
 * nothing usable was found.
 */
export function parseHolderFromSan(sanDer: Uint8Array): Holder | undefined {
  const fields = otherNameStrings(sanDer);
  const holder: Holder = {};
  const name = fields.get(OID.holderName);
  if (name) holder.name = name;
  const address = fields.get(OID.holderAddress);
  if (address) holder.address = address;
  const sex = SEX[fields.get(OID.holderSex)?.trim() ?? ''];
  if (sex) holder.sex = sex;
  const birth = fields.get(OID.holderBirthDate);
  if (birth) Object.assign(holder, decodeJpkiBirthDate(birth));
  return Object.keys(holder).length > 0 ? holder : undefined;
}

/** type-id → text of every otherName whose value is a string; first occurrence wins. */
export function otherNameStrings(sanDer: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const parsed = asn1js.fromBER(sanDer);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return out;
  for (const gn of parsed.result.valueBlock.value) {
    if (gn.idBlock.tagClass !== 3 || gn.idBlock.tagNumber !== 0 || !(gn instanceof asn1js.Constructed)) continue;
    const [typeId, wrapped] = gn.valueBlock.value;
    if (!(typeId instanceof asn1js.ObjectIdentifier) || !(wrapped instanceof asn1js.Constructed)) continue;
    if (wrapped.idBlock.tagClass !== 3 || wrapped.idBlock.tagNumber !== 0) continue;
    const text = asnText(wrapped.valueBlock.value[0]);
    const oid = typeId.valueBlock.toString();
    if (text !== null && !out.has(oid)) out.set(oid, text);
  }
  return out;
}
