import { describe, expect, it } from 'vitest';
import { ERROR_CODE_MAX } from '../../src-main/contract/facts';
import { parseFacts } from '../../src-main/engine/parseFacts';
import { parseRequest, DiagnoseRequest, BadRequestError } from '../../src-main/service/requests';
import { toErrorPayload } from '../../src-main/service/errorPayload';

describe('contradictory facts are refused, naming both fields', () => {
  it.each([
    [{ signCertNotBefore: '2026-01-01', signCertNotAfter: '2025-12-31' }, 'signCertNotAfter', 'signCertNotBefore'],
    [{ authCertNotBefore: '2026-01-01T00:00:00Z', authCertNotAfter: '2025-12-31T23:59:59Z' }, 'authCertNotAfter', 'authCertNotBefore'],
    [{ cardPresent: false, signPinTriesLeft: 3 }, 'signPinTriesLeft', 'cardPresent'],
    [{ cardPresent: false, authPinTriesLeft: 1 }, 'authPinTriesLeft', 'cardPresent'],
    [{ cardPresent: false, signCertNotAfter: '2027-01-01' }, 'signCertNotAfter', 'cardPresent'],
    [{ cardPresent: false, signCert: 'present' }, 'signCert', 'cardPresent'],
    [{ readerCount: 0, cardPresent: true }, 'cardPresent', 'readerCount'],
    [{ signCert: 'absent', signCertNotAfter: '2027-01-01' }, 'signCertNotAfter', 'signCert'],
  ])('%j', (facts, first, second) => {
    const r = parseFacts(facts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe(first);
    for (const text of [r.localized.ja, r.localized.en]) {
      expect(text).toContain(`"${first}"`);
      expect(text).toContain(`"${second}"`);
    }
  });

  it('consistent neighbours pass', () => {
    expect(parseFacts({ signCertNotBefore: '2025-01-01', signCertNotAfter: '2025-01-01' }).ok).toBe(true);
    expect(parseFacts({ cardPresent: true, readerCount: 1, signPinTriesLeft: 3 }).ok).toBe(true);
    // The person's answers stay facts after the card is taken out.
    expect(parseFacts({ cardPresent: false, movedAt: '2025-01-01', errorCode: 'ICF4031' }).ok).toBe(true);
  });

  it('the API refuses them too, with the reason in both languages', () => {
    let error: unknown;
    try {
      parseRequest(DiagnoseRequest, { facts: { cardPresent: false, signPinTriesLeft: 2 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadRequestError);
    const payload = toErrorPayload('diagnose', error);
    expect(payload.code).toBe('bad-request');
    expect(payload.field).toBe('facts.signPinTriesLeft');
    expect(payload.message.ja).toContain('"cardPresent"');
    expect(payload.message.en).toContain('"cardPresent"');
  });
});

describe('errorCode: capped, then normalised once at the boundary', () => {
  it('is normalised on parsing (full-width, spaces, case)', () => {
    const r = parseFacts({ errorCode: ' ｉｃｆ ４０３１ ' });
    expect(r).toEqual({ ok: true, facts: { errorCode: 'ICF4031' } });
  });

  it(`accepts ${ERROR_CODE_MAX} characters and refuses one more, in both languages`, () => {
    expect(parseFacts({ errorCode: 'A'.repeat(ERROR_CODE_MAX) }).ok).toBe(true);
    const r = parseFacts({ errorCode: 'A'.repeat(ERROR_CODE_MAX + 1) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe('errorCode');
    expect(r.localized.ja).toContain(`${ERROR_CODE_MAX}文字まで`);
    expect(r.localized.en).toContain(`at most ${ERROR_CODE_MAX} characters`);
  });

  it('a 20 MB code is refused by its length, without being normalised', () => {
    const huge = 'ｉ'.repeat(20 * 1024 * 1024);
    const r = parseFacts({ errorCode: huge });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe('errorCode');
    // The message quotes only the start of the value.
    expect(r.localized.en.length).toBeLessThan(400);
  });

  it('control characters in a refused value are shown escaped, not sent to the terminal', () => {
    const r = parseFacts({ now: '\u001b[2J\u001b]0;pwned\u0007' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.localized.en).not.toMatch(/[\u0000-\u001f]/);
    expect(r.localized.en).toContain('\\u001b');
  });
});
