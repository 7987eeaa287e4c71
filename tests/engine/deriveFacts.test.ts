import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import { deriveFacts } from '../../src-main/engine/deriveFacts';
import { diagnose, loadRules } from '../../src-main/engine';

const NOW = '2026-11-25T12:00:00+09:00';
const rules = loadRules();

// [what, given facts, facts that must be implied]
const table: [string, Facts, Facts][] = [
  [
    'JPKI applet found: card present, readable, not in use, service ok, a reader',
    { jpkiApplet: true },
    { cardPresent: true, cardReadable: true, cardInUse: false, pcscService: 'ok', readerCount: 1 },
  ],
  [
    'password tries read: the JPKI applet answered',
    { signPinTriesLeft: 3 },
    { jpkiApplet: true, cardPresent: true, cardReadable: true, cardInUse: false, pcscService: 'ok' },
  ],
  ['a card present: service ok and a reader', { cardPresent: true }, { pcscService: 'ok', readerCount: 1 }],
  ['readers listed: service answered', { readerCount: 0 }, { pcscService: 'ok' }],
  ['auth certificate dates parsed: not malformed', { authCertNotBefore: '2025-01-10T10:00:00+09:00' }, { certMalformed: false, jpkiApplet: true }],
  [
    'signing certificate NotBefore answers when it was renewed',
    { signCertNotBefore: '2026-11-25T09:00:00+09:00', signCertNotAfter: '2031-11-20T23:59:59+09:00' },
    { certRenewedAt: '2026-11-25T09:00:00+09:00', signCert: 'present', certMalformed: false },
  ],
  [
    'without the password, the authentication certificate (issued with it) answers when it was renewed',
    { authCertNotBefore: '2026-11-25T09:00:00+09:00', authCertNotAfter: '2031-11-20T23:59:59+09:00' },
    { certRenewedAt: '2026-11-25T09:00:00+09:00', certMalformed: false },
  ],
  [
    'the signing certificate wins over the authentication one when both were read',
    { authCertNotBefore: '2024-05-01T10:00:00+09:00', signCertNotBefore: '2025-09-01T10:00:00+09:00' },
    { certRenewedAt: '2025-09-01T10:00:00+09:00' },
  ],
];

describe('deriveFacts', () => {
  it.each(table)('%s', (_what, given, implied) => {
    expect(deriveFacts({ now: NOW, ...given })).toMatchObject(implied);
  });

  it.each(table)('same result with or without the implied facts: %s', (_what, given, implied) => {
    const without = diagnose({ now: NOW, ...given }, rules);
    const withImplied = diagnose({ now: NOW, ...implied, ...given }, rules);
    expect(without.diagnoses.map((d) => d.id)).toEqual(withImplied.diagnoses.map((d) => d.id));
    expect(without.nextQuestion?.id ?? null).toBe(withImplied.nextQuestion?.id ?? null);
  });

  it('never overwrites a fact that was given', () => {
    expect(deriveFacts({ jpkiApplet: true, readerCount: 2, certRenewedAt: null, signCertNotBefore: '2020-01-01' })).toMatchObject({
      readerCount: 2,
      certRenewedAt: null,
    });
  });

  it('implies nothing from what does not follow', () => {
    expect(deriveFacts({ cardPresent: false })).toEqual({ cardPresent: false, pcscService: 'ok' });
    // No signing certificate on the card: nothing was renewed that the question is about.
    expect(deriveFacts({ authCertNotBefore: '2020-01-01', signCert: 'absent' }).certRenewedAt).toBeUndefined();
    const plain: Facts = { now: NOW, movedAt: null };
    expect(deriveFacts(plain)).toBe(plain);
  });

  it('a healthy card described without the internal facts is ready to sign (issue 9)', () => {
    const r = diagnose(
      { now: NOW, pcscService: 'ok', readerCount: 1, cardPresent: true, jpkiApplet: true, token: 'mynumber', signCert: 'present', signPinTriesLeft: 5, authCertNotBefore: '2024-05-01T10:00:00+09:00', authCertNotAfter: '2029-05-01T23:59:59+09:00' },
      rules,
    );
    expect(r.diagnoses[0]?.id).toBe('ready-to-sign');
  });
});
