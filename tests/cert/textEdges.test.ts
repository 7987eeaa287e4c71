import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { asnText, toHex } from '../../src-main/cert/asnText';
import { dnValues, formatDn, type DnAttribute } from '../../src-main/cert/dn';
import { decodeJpkiBirthDate, eraOf, isValidYmd } from '../../src-main/cert/era';
import { OID } from '../../src-main/cert/oids';

/** The text helpers of certificate analysis, one rule at a time. */
describe('formatDn escaping (RFC 4514)', () => {
  const one = (value: string, type: string = OID.attrCommonName) => formatDn([{ type, value }]);

  it.each([
    ['a\\b', 'CN=a\\\\b'],
    ['a,b', 'CN=a\\,b'],
    ['a+b', 'CN=a\\+b'],
    ['a"b', 'CN=a\\"b'],
    ['a<b>', 'CN=a\\<b\\>'],
    ['a;b', 'CN=a\\;b'],
    ['a=b', 'CN=a\\=b'],
    ['#a', 'CN=\\#a'],
    ['a#', 'CN=a#'],
    [' a', 'CN=\\ a'],
    ['a ', 'CN=a\\ '],
    ['a b', 'CN=a b'],
    ['x', 'CN=x'],
  ])('%j → %s', (value, expected) => {
    expect(one(value)).toBe(expected);
  });

  it('does not escape a value that is a single space twice', () => {
    expect(one(' ')).toBe('CN=\\ ');
  });

  it('names the attribute types it knows and prints others as OIDs', () => {
    expect(one('Tokyo', '2.5.4.7')).toBe('L=Tokyo');
    expect(one('Tokyo', '2.5.4.8')).toBe('ST=Tokyo');
    expect(one('123', '2.5.4.5')).toBe('serialNumber=123');
    expect(one('a@b.jp', '1.2.840.113549.1.9.1')).toBe('emailAddress=a@b.jp');
    expect(one('JP', OID.attrCountry)).toBe('C=JP');
    expect(one('x', '1.2.3')).toBe('1.2.3=x');
  });

  it('prints raw (non-string) values unescaped and joins with comma and space', () => {
    const attrs: DnAttribute[] = [
      { type: OID.attrCommonName, value: '#0201FF', raw: true },
      { type: OID.attrOrganization, value: 'A,B' },
    ];
    expect(formatDn(attrs)).toBe('CN=#0201FF, O=A\\,B');
    expect(formatDn([])).toBe('');
  });

  it('picks only the values of the asked type, in order', () => {
    const attrs: DnAttribute[] = [
      { type: OID.attrOrganizationalUnit, value: 'one' },
      { type: OID.attrCommonName, value: 'cn' },
      { type: OID.attrOrganizationalUnit, value: 'two' },
    ];
    expect(dnValues(attrs, OID.attrOrganizationalUnit)).toEqual(['one', 'two']);
    expect(dnValues(attrs, OID.attrCountry)).toEqual([]);
  });
});

describe('asnText', () => {
  it('reads every string type a certificate may use, and nothing else', () => {
    expect(asnText(new asn1js.Utf8String({ value: '山田' }))).toBe('山田');
    expect(asnText(new asn1js.PrintableString({ value: 'JP' }))).toBe('JP');
    expect(asnText(new asn1js.IA5String({ value: 'a@b' }))).toBe('a@b');
    expect(asnText(new asn1js.TeletexString({ value: 'tx' }))).toBe('tx');
    expect(asnText(new asn1js.VisibleString({ value: 'vis' }))).toBe('vis');
    expect(asnText(new asn1js.NumericString({ value: '123' }))).toBe('123');
    expect(asnText(new asn1js.BmpString({ value: 'bmp' }))).toBe('bmp');
    expect(asnText(new asn1js.UniversalString({ value: 'uni' }))).toBe('uni');
    expect(asnText(new asn1js.Integer({ value: 5 }))).toBeNull();
    expect(asnText(new asn1js.OctetString({ valueHex: new Uint8Array([0x41]).buffer }))).toBeNull();
    expect(asnText('plain')).toBeNull();
    expect(asnText(undefined)).toBeNull();
  });

  it('writes hex in upper case unless asked for lower case', () => {
    expect(toHex(Uint8Array.of(0x0a, 0xbc))).toBe('0ABC');
    expect(toHex(Uint8Array.of(0x0a, 0xbc), false)).toBe('0abc');
  });
});

describe('era boundaries and calendar dates', () => {
  it('starts each era on its first day', () => {
    expect(eraOf('1912-07-29')).toBe('meiji');
    expect(eraOf('1912-07-30')).toBe('taisho');
    expect(eraOf('1926-12-24')).toBe('taisho');
    expect(eraOf('1989-01-07')).toBe('showa');
    expect(eraOf('1989-01-08')).toBe('heisei');
    expect(eraOf('2019-04-30')).toBe('heisei');
    expect(eraOf('2019-05-01')).toBe('reiwa');
  });

  it('knows which days exist', () => {
    expect(isValidYmd(2024, 2, 29)).toBe(true);
    expect(isValidYmd(2023, 2, 29)).toBe(false);
    expect(isValidYmd(2000, 2, 29)).toBe(true);
    expect(isValidYmd(1900, 2, 29)).toBe(false);
    expect(isValidYmd(2024, 12, 31)).toBe(true);
    expect(isValidYmd(2024, 13, 1)).toBe(false);
    expect(isValidYmd(2024, 0, 1)).toBe(false);
    expect(isValidYmd(2024, 1, 0)).toBe(false);
    expect(isValidYmd(2024, 4, 31)).toBe(false);
    expect(isValidYmd(0, 1, 1)).toBe(false);
    expect(isValidYmd(1900, 1, 1)).toBe(true);
  });

  it('reads the birth date with surrounding spaces and every era digit', () => {
    expect(decodeJpkiBirthDate(' 219200101 ')).toEqual({ birthDate: '1920-01-01', birthEra: 'taisho' });
    expect(decodeJpkiBirthDate('019900101')).toEqual({ birthDate: '1990-01-01' });
    expect(decodeJpkiBirthDate('4199001011')).toEqual({});
    expect(decodeJpkiBirthDate('41990010')).toEqual({});
  });
});
