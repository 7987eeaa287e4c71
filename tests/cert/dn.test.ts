import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { dnAttributes, dnValues, formatDn, OID } from '../../src-main/cert';

function name(...rdns: [string, asn1js.AsnType][]): pkijs.RelativeDistinguishedNames {
  const seq = new asn1js.Sequence({
    value: rdns.map(
      ([type, value]) =>
        new asn1js.Set({ value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), value] })] }),
    ),
  });
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(seq.toBER()).result });
}

describe('formatDn', () => {
  it('prints short names in encoded order', () => {
    const attrs = dnAttributes(
      name(
        [OID.attrCountry, new asn1js.PrintableString({ value: 'JP' })],
        [OID.attrOrganization, new asn1js.PrintableString({ value: 'JPKI' })],
        [OID.attrOrganizationalUnit, new asn1js.Utf8String({ value: 'JPKI for digital signature' })],
        ['2.5.4.97', new asn1js.Utf8String({ value: 'X' })],
      ),
    );
    expect(formatDn(attrs)).toBe('C=JP, O=JPKI, OU=JPKI for digital signature, 2.5.4.97=X');
    expect(dnValues(attrs, OID.attrOrganizationalUnit)).toEqual(['JPKI for digital signature']);
  });

  it('escapes RFC 4514 special characters and keeps Japanese text', () => {
    const attrs = dnAttributes(
      name(
        [OID.attrCommonName, new asn1js.Utf8String({ value: 'Yamada, Hanako+1' })],
        [OID.attrOrganization, new asn1js.Utf8String({ value: '#株式会社 ' })],
      ),
    );
    expect(formatDn(attrs)).toBe('CN=Yamada\\, Hanako\\+1, O=\\#株式会社\\ ');
  });

  it('prints a non-string value as # and hex', () => {
    const attrs = dnAttributes(name([OID.attrCommonName, new asn1js.Integer({ value: 5 })]));
    expect(formatDn(attrs)).toBe('CN=#020105');
  });
});
