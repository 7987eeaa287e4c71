import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { OID, parseHolderFromSan } from '../../src-main/cert';

const ctx = (tagNumber: number, value: asn1js.AsnType[]) =>
  new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });

/** otherName `[0] { OID, [0] EXPLICIT <value> }` */
const otherName = (oid: string, value: asn1js.AsnType) => ctx(0, [new asn1js.ObjectIdentifier({ value: oid }), ctx(0, [value])]);
const utf8 = (value: string) => new asn1js.Utf8String({ value });
const san = (...names: asn1js.AsnType[]) => new Uint8Array(new asn1js.Sequence({ value: names }).toBER());

describe('parseHolderFromSan', () => {
  it('reads every JPKI field and ignores the substitute-character flags', () => {
    const holder = parseHolderFromSan(
      san(
        otherName(OID.holderName, utf8('鈴木 一郎')),
        otherName(OID.holderNameFlags, utf8('0000')),
        otherName(OID.holderSex, utf8('1')),
        otherName(OID.holderBirthDate, utf8('319640401')),
        otherName(OID.holderAddress, utf8('北海道札幌市中央区北一条西九十九丁目')),
        otherName(OID.holderAddressFlags, utf8('0')),
      ),
    );
    expect(holder).toEqual({
      name: '鈴木 一郎',
      sex: 'male',
      birthDate: '1964-04-01',
      birthEra: 'showa',
      address: '北海道札幌市中央区北一条西九十九丁目',
    });
  });

  it('leaves out missing and odd fields instead of failing', () => {
    const holder = parseHolderFromSan(
      san(
        otherName(OID.holderName, utf8('田中 花')),
        otherName(OID.holderSex, utf8('3')), // no such code
        otherName(OID.holderBirthDate, utf8('4199002')), // too short
        otherName(OID.holderAddress, new asn1js.Integer({ value: 7 })), // not a string
        new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, valueHex: new TextEncoder().encode('example.jp') }), // dNSName
        ctx(0, [new asn1js.ObjectIdentifier({ value: '1.2.3.4' })]), // otherName without value
      ),
    );
    expect(holder).toEqual({ name: '田中 花' });
  });

  it('accepts other string types and keeps the first of duplicate fields', () => {
    const holder = parseHolderFromSan(
      san(
        otherName(OID.holderName, new asn1js.BmpString({ value: '伊藤 みどり' })),
        otherName(OID.holderName, utf8('偽物')),
        otherName(OID.holderSex, new asn1js.PrintableString({ value: '9' })),
      ),
    );
    expect(holder).toEqual({ name: '伊藤 みどり', sex: 'not-applicable' });
  });

  it('decodes invalid UTF-8 with replacement characters rather than mojibake', () => {
    const broken = new asn1js.Utf8String();
    broken.valueBlock.valueHexView = new Uint8Array([0xe5, 0xb1, 0xb1, 0xff, 0xe7, 0x94, 0xb0]);
    const der = san(otherName(OID.holderName, broken));
    // Re-parse from bytes so that the decoder sees the raw content.
    expect(parseHolderFromSan(der)?.name).toBe('山\uFFFD田');
  });

  it('returns undefined when there is nothing usable', () => {
    expect(parseHolderFromSan(new Uint8Array(0))).toBeUndefined();
    expect(parseHolderFromSan(new Uint8Array([0x04, 0x00]))).toBeUndefined();
    expect(parseHolderFromSan(san())).toBeUndefined();
    expect(parseHolderFromSan(new Uint8Array([0x30, 0x82, 0x01]))).toBeUndefined();
  });
});
