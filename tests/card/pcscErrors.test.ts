import { describe, expect, it } from 'vitest';
import { BindingFailure, CardFailure, STILL_WAITING_ADVICE, cardError, cardErrorMessage, classifyPcscError, pcscCodeOf } from '../../src-main/pcsc/errors';

/** How failures become conditions with the person's advice (the numbers themselves: tests/pcsc). */
describe('CardFailure', () => {
  it('names the condition, with the detail when there is one', () => {
    const plain = new CardFailure('no-card');
    expect(plain.message).toBe('no-card');
    expect(plain.name).toBe('CardFailure');
    expect(plain.toCardError()).toEqual({ code: 'no-card', message: cardErrorMessage('no-card') });
    const detailed = new CardFailure('timeout', 'SCardTransmit');
    expect(detailed.message).toBe('timeout: SCardTransmit');
    expect(detailed.toCardError()).toEqual({ code: 'timeout', message: cardErrorMessage('timeout'), detail: 'SCardTransmit' });
    expect(new CardFailure('timeout', '').toCardError()).toEqual({ code: 'timeout', message: cardErrorMessage('timeout') });
  });

  it('lets a more precise advice replace the general one', () => {
    const advice = { ja: '抜いて差し直してください。', en: 'Take it out and put it back.' };
    expect(new CardFailure('communication', 'x', advice).toCardError()).toEqual({ code: 'communication', message: advice, detail: 'x' });
    expect(cardError('pin-locked')).toEqual({ code: 'pin-locked', message: cardErrorMessage('pin-locked') });
    expect(cardError('pin-locked', '0 tries')).toMatchObject({ detail: '0 tries' });
  });

  it('has advice for every condition, in both languages, that says what to do', () => {
    const codes = ['pcsc-unavailable', 'pcsc-binding-missing', 'no-reader', 'no-card', 'card-removed', 'timeout', 'unexpected-sw', 'card-in-use', 'communication', 'pin-format', 'pin-tries-too-low', 'tries-changed', 'pin-outcome-unknown', 'pin-locked'] as const;
    for (const code of codes) {
      const m = cardErrorMessage(code);
      expect(m.ja, code).toMatch(/。/);
      expect(m.ja.length, code).toBeGreaterThan(25);
      expect(m.en, code).toMatch(/^[A-Za-z].{30,}\.$/);
    }
    expect(new Set(codes.map((c) => cardErrorMessage(c).ja)).size).toBe(codes.length);
    expect(STILL_WAITING_ADVICE.ja).toContain('抜いて');
    expect(STILL_WAITING_ADVICE.en).toMatch(/^A card that stopped answering/);
  });

  it('gives each condition its own advice in both languages', () => {
    const codes = ['pcsc-unavailable', 'no-reader', 'no-card', 'card-removed', 'timeout', 'unexpected-sw', 'communication', 'pin-locked'] as const;
    const en = new Set(codes.map((c) => cardErrorMessage(c).en));
    expect(en.size).toBe(codes.length);
    expect(cardErrorMessage('card-removed').en).toContain('No password try was used.');
    expect(cardErrorMessage('pin-locked').ja).toContain('ロックされています');
  });
});

describe('classifyPcscError without a PC/SC code', () => {
  it('passes a CardFailure through untouched', () => {
    const f = new CardFailure('no-reader', 'named');
    expect(classifyPcscError(f)).toBe(f);
  });

  it('reads the service and removal wordings, whatever the case', () => {
    expect(classifyPcscError(new Error('Service not available')).code).toBe('pcsc-unavailable');
    expect(classifyPcscError(new Error('no service here')).code).toBe('pcsc-unavailable');
    expect(classifyPcscError(new Error('The SERVICE STOPPED')).code).toBe('pcsc-unavailable');
    expect(classifyPcscError(new Error('card was Removed')).code).toBe('card-removed');
  });

  it('falls back to communication, or to the caller\'s fallback, keeping the text as ASCII', () => {
    const f = classifyPcscError(new Error('something odd'));
    expect(f.code).toBe('communication');
    expect(f.detail).toBe('something odd');
    expect(classifyPcscError('plain string', 'timeout')).toMatchObject({ code: 'timeout', detail: 'plain string' });
    expect(classifyPcscError(new Error('カード error')).detail).toBe('??? error');
  });

  it('uses the fallback for a code it does not know, naming it by number', () => {
    const f = classifyPcscError(new Error('SCardStatus error: (0x80100099)'), 'timeout');
    expect(f.code).toBe('timeout');
    expect(f.detail).toBe('SCardStatus: PC/SC error (0x80100099)');
    expect(classifyPcscError(new Error('failed (0x8010000c)')).detail).toBe('SCARD_E_NO_SMARTCARD (0x8010000C)');
  });
});

describe('BindingFailure', () => {
  it('names the problem and the file looked for, and travels as pcsc-binding-missing', () => {
    const f = new BindingFailure('wrong-abi', '/app/pcsclite.node', 'NODE_MODULE_VERSION 127');
    expect(f).toBeInstanceOf(CardFailure);
    expect(f.name).toBe('BindingFailure');
    expect(f.detail).toBe('pcsclite binding wrong-abi (/app/pcsclite.node): NODE_MODULE_VERSION 127');
    expect(f.toCardError()).toEqual({
      code: 'pcsc-binding-missing',
      message: cardErrorMessage('pcsc-binding-missing'),
      detail: 'pcsclite binding wrong-abi (/app/pcsclite.node): NODE_MODULE_VERSION 127',
      binding: 'wrong-abi',
    });
    expect(new BindingFailure('missing', undefined, 'not installed').detail).toBe('pcsclite binding missing: not installed');
    expect(classifyPcscError(f)).toBe(f);
  });
});

describe('pcscCodeOf', () => {
  it('finds the 8-digit code in an error or a plain string, in any case', () => {
    expect(pcscCodeOf(new Error('SCardConnect error: Sharing violation.(0x8010000B)'))).toBe(0x8010000b);
    expect(pcscCodeOf('failed (0x8010000c)')).toBe(0x8010000c);
    expect(pcscCodeOf(new Error('no code here (0x1234)'))).toBeUndefined();
    expect(classifyPcscError('SCardTransmit error: (0x80100069)')).toMatchObject({ code: 'card-removed', detail: 'SCardTransmit: SCARD_W_REMOVED_CARD (0x80100069)' });
  });
});
