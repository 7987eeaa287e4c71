import { describe, expect, it, vi } from 'vitest';
import type { CardErrorCode } from '../../src-main/contract/snapshot';

/**
 * The advice table and the PC/SC code table of src-main/pcsc/errors.ts, read from a
 * fresh import: both are built when the module loads, so a test that imports the
 * module once at the top only ever sees the table as it was then.
 */
async function freshErrors() {
  vi.resetModules();
  return import('../../src-main/pcsc/errors');
}

const CODES: CardErrorCode[] = [
  'pcsc-unavailable',
  'pcsc-binding-missing',
  'no-reader',
  'no-card',
  'card-removed',
  'timeout',
  'unexpected-sw',
  'card-in-use',
  'communication',
  'pin-format',
  'pin-tries-too-low',
  'tries-changed',
  'pin-outcome-unknown',
  'pin-locked',
];

describe('card condition advice (fresh import)', () => {
  it('every condition has its own advice: Japanese sentences and an English one', async () => {
    const { cardErrorMessage } = await freshErrors();
    for (const code of CODES) {
      const { ja, en } = cardErrorMessage(code);
      expect(ja, code).toMatch(/[\u3040-\u30ff].*。$/s);
      expect(en, code).toMatch(/^[A-Za-z][ -~]{30,}\.$/);
    }
    expect(new Set(CODES.map((c) => cardErrorMessage(c).ja)).size).toBe(CODES.length);
    expect(new Set(CODES.map((c) => cardErrorMessage(c).en)).size).toBe(CODES.length);
  });

  it('says what to do for the conditions people meet most', async () => {
    const { cardErrorMessage, STILL_WAITING_ADVICE } = await freshErrors();
    expect(cardErrorMessage('pcsc-binding-missing').en).toContain('install it again');
    expect(cardErrorMessage('pcsc-binding-missing').ja).toContain('入れ直して');
    expect(cardErrorMessage('pcsc-unavailable').en).toContain('pcscd');
    expect(cardErrorMessage('no-reader').ja).toContain('カードリーダーが見つかりません');
    expect(cardErrorMessage('card-in-use').en).toMatch(/^Another program is using this card/);
    expect(cardErrorMessage('pin-outcome-unknown').en).toContain('a try may have been used');
    expect(cardErrorMessage('pin-locked').ja).toContain('ロックされています');
    expect(STILL_WAITING_ADVICE.ja).toMatch(/^前回の確認で.*。$/);
    expect(STILL_WAITING_ADVICE.en).toMatch(/^A card that stopped answering.*\.$/);
  });
});

describe('PC/SC return codes (fresh import)', () => {
  // winscard.h numbers, the same on Windows, macOS and pcsc-lite.
  const TABLE: [number, string, CardErrorCode][] = [
    [0x8010001d, 'SCARD_E_NO_SERVICE', 'pcsc-unavailable'],
    [0x8010001e, 'SCARD_E_SERVICE_STOPPED', 'pcsc-unavailable'],
    [0x80100002, 'SCARD_E_CANCELLED', 'communication'],
    [0x8010000a, 'SCARD_E_TIMEOUT', 'timeout'],
    [0x8010000b, 'SCARD_E_SHARING_VIOLATION', 'card-in-use'],
    [0x8010000c, 'SCARD_E_NO_SMARTCARD', 'no-card'],
    [0x80100069, 'SCARD_W_REMOVED_CARD', 'card-removed'],
    [0x80100068, 'SCARD_W_RESET_CARD', 'card-removed'],
    [0x80100066, 'SCARD_W_UNRESPONSIVE_CARD', 'communication'],
    [0x80100067, 'SCARD_W_UNPOWERED_CARD', 'communication'],
    [0x80100065, 'SCARD_W_UNSUPPORTED_CARD', 'communication'],
    [0x80100017, 'SCARD_E_READER_UNAVAILABLE', 'no-reader'],
    [0x8010002e, 'SCARD_E_NO_READERS_AVAILABLE', 'no-reader'],
    [0x80100009, 'SCARD_E_UNKNOWN_READER', 'no-reader'],
    [0x8010000f, 'SCARD_E_PROTO_MISMATCH', 'communication'],
    [0x80100016, 'SCARD_E_NOT_TRANSACTED', 'communication'],
  ];

  it('names each code and gives its condition, whatever the caller\'s fallback', async () => {
    const { classifyPcscError, PCSC_CODES } = await freshErrors();
    expect(Object.keys(PCSC_CODES)).toHaveLength(TABLE.length);
    for (const [code, name, condition] of TABLE) {
      const hex = code.toString(16).toUpperCase();
      const failure = classifyPcscError(new Error(`SCardTransmit error: Texte du système.(0x${code.toString(16)})`), 'unexpected-sw');
      expect(failure.code, name).toBe(condition);
      expect(failure.detail).toBe(`SCardTransmit: ${name} (0x${hex})`);
    }
  });

  it('writes the number with all 8 digits, and names the call only when the message starts with it', async () => {
    const { classifyPcscError } = await freshErrors();
    expect(classifyPcscError(new Error('SCardConnect error: (0x0000001f)')).detail).toBe('SCardConnect: PC/SC error (0x0000001F)');
    expect(classifyPcscError(new Error('lost after SCardReconnect (0x80100069)')).detail).toBe('SCARD_W_REMOVED_CARD (0x80100069)');
  });
});
