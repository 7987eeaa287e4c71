import { describe, expect, it } from 'vitest';
import { checkSigningPinFormat, type PinFormatReason } from '../../src-main/jpki/pinFormat';

describe('signing password format check', () => {
  it.each([
    ['ABC123', 'ABC123'],
    ['abc123', 'ABC123'],
    ['Abc12d', 'ABC12D'],
    ['A1B2C3D4E5F6G7H8', 'A1B2C3D4E5F6G7H8'],
  ])('accepts %s as %s', (pin, normalized) => {
    expect(checkSigningPinFormat(pin)).toEqual({ ok: true, normalized });
  });

  it.each<[string, PinFormatReason]>([
    ['', 'empty'],
    ['ＡＢＣ１２３', 'full-width'],
    ['abc１２３', 'full-width'],
    ['あいう123', 'full-width'],
    ['1234', 'four-digit-pin'],
    ['ABC-123', 'symbols'],
    ['ABC 123', 'symbols'],
    ['A1b2', 'too-short'],
    ['12345', 'too-short'],
    ['A1B2C3D4E5F6G7H8I', 'too-long'],
    ['123456', 'digits-only'],
    ['ABCDEF', 'letters-only'],
  ])('refuses %j: %s', (pin, reason) => {
    const result = checkSigningPinFormat(pin);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(reason);
    expect(result.message.ja.length).toBeGreaterThan(5);
    expect(result.message.en.length).toBeGreaterThan(5);
    // Neither language repeats what was typed.
    if (pin.length > 0) {
      expect(result.message.ja).not.toContain(pin);
      expect(result.message.en).not.toContain(pin);
    }
  });

  it('gives every reason its own message', () => {
    const samples = ['', 'ＡＢＣ１２３', '1234', 'ABC-123', 'A1b2', 'A1B2C3D4E5F6G7H8I', '123456', 'ABCDEF'];
    const messages = samples.map((p) => {
      const r = checkSigningPinFormat(p);
      return r.ok ? '' : r.message.en;
    });
    expect(new Set(messages).size).toBe(samples.length);
  });

  it('tells the 4-digit PIN apart from a too-short password', () => {
    const r = checkSigningPinFormat('1234');
    expect(r.ok || r.message.en).toMatch(/4-digit|Four digits/i);
  });
});
