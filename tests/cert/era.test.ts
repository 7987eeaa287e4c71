import { describe, expect, it } from 'vitest';
import { decodeJpkiBirthDate, encodeJpkiBirthDate, eraOf } from '../../src-main/cert';
import { fifthBirthdayEnd } from '../../src-main/emulator/certFactory';

describe('JPKI birth date (era digit + Gregorian YYYYMMDD)', () => {
  it('encodes the era from the Gregorian date, at era boundaries too', () => {
    expect(encodeJpkiBirthDate('1990-01-01')).toBe('419900101');
    expect(encodeJpkiBirthDate('1975-03-03')).toBe('319750303');
    expect(encodeJpkiBirthDate('2020-02-02')).toBe('520200202');
    expect(encodeJpkiBirthDate('1989-01-07')).toBe('319890107');
    expect(encodeJpkiBirthDate('1989-01-08')).toBe('419890108');
    expect(encodeJpkiBirthDate('2019-04-30')).toBe('420190430');
    expect(encodeJpkiBirthDate('2019-05-01')).toBe('520190501');
    expect(encodeJpkiBirthDate('1926-12-24')).toBe('219261224');
    expect(encodeJpkiBirthDate('1912-07-29')).toBe('119120729');
    expect(eraOf('1926-12-25')).toBe('showa');
  });

  it('refuses a date that does not exist', () => {
    expect(() => encodeJpkiBirthDate('1990-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => encodeJpkiBirthDate('1990/01/01')).toThrow(/YYYY-MM-DD/);
  });

  it('decodes to ISO date and era name', () => {
    expect(decodeJpkiBirthDate('319750303')).toEqual({ birthDate: '1975-03-03', birthEra: 'showa' });
    expect(decodeJpkiBirthDate('419900101')).toEqual({ birthDate: '1990-01-01', birthEra: 'heisei' });
    expect(decodeJpkiBirthDate('520200202')).toEqual({ birthDate: '2020-02-02', birthEra: 'reiwa' });
    expect(decodeJpkiBirthDate('119000101')).toEqual({ birthDate: '1900-01-01', birthEra: 'meiji' });
  });

  it('keeps only the valid parts of an odd value', () => {
    expect(decodeJpkiBirthDate('719900101')).toEqual({ birthDate: '1990-01-01' });
    expect(decodeJpkiBirthDate('419901301')).toEqual({ birthEra: 'heisei' });
    expect(decodeJpkiBirthDate('H02.01.01')).toEqual({});
    expect(decodeJpkiBirthDate('')).toEqual({});
    expect(decodeJpkiBirthDate('19900101')).toEqual({});
  });
});

describe('fifthBirthdayEnd', () => {
  it('ends 23:59:59 JST on the 5th birthday after issuance', () => {
    // Issued 1 March 2024 (JST); birthday 1 June: first birthday after is June 2024.
    expect(fifthBirthdayEnd(new Date('2024-03-01T01:00:00Z'), '1980-06-01').toISOString()).toBe('2028-06-01T14:59:59.000Z');
    // Birthday 1 January: first birthday after is January 2025.
    expect(fifthBirthdayEnd(new Date('2024-03-01T01:00:00Z'), '1980-01-01').toISOString()).toBe('2029-01-01T14:59:59.000Z');
  });

  it('does not count a birthday on the issuance day itself, judged in JST', () => {
    // 16:00Z on 31 May is 01:00 JST on 1 June: issued on the birthday.
    expect(fifthBirthdayEnd(new Date('2024-05-31T16:00:00Z'), '1980-06-01').toISOString()).toBe('2029-06-01T14:59:59.000Z');
    // 14:00Z on 31 May is still 31 May in Japan.
    expect(fifthBirthdayEnd(new Date('2024-05-31T14:00:00Z'), '1980-06-01').toISOString()).toBe('2028-06-01T14:59:59.000Z');
  });

  it('moves a 29 February birthday to 28 February in common years', () => {
    expect(fifthBirthdayEnd(new Date('2024-03-01T01:00:00Z'), '2000-02-29').toISOString()).toBe('2029-02-28T14:59:59.000Z');
    expect(fifthBirthdayEnd(new Date('2023-03-01T01:00:00Z'), '2000-02-29').toISOString()).toBe('2028-02-29T14:59:59.000Z');
  });
});
