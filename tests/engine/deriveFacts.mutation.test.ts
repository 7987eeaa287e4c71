import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src-main/engine/deriveFacts';

/**
 * Each implication of deriveFacts from one fact alone (the mutation run found
 * that the table tests always gave several at once, so dropping any one source
 * of an implication went unnoticed), and the guards that stop an implication.
 */
const CHAIN = { jpkiApplet: true, cardReadable: true, cardInUse: false, cardPresent: true, readerCount: 1, pcscService: 'ok' } as const;

describe('deriveFacts, one fact at a time', () => {
  it('any count or certificate date read from the card implies the whole card chain', () => {
    expect(deriveFacts({ signPinTriesLeft: 5 })).toEqual({ signPinTriesLeft: 5, ...CHAIN });
    expect(deriveFacts({ authPinTriesLeft: 3 })).toEqual({ authPinTriesLeft: 3, ...CHAIN });
    expect(deriveFacts({ authCertNotAfter: '2029-05-20T23:59:59+09:00' })).toEqual({ authCertNotAfter: '2029-05-20T23:59:59+09:00', ...CHAIN });
  });

  it('a signing certificate date means the signing certificate is there; only a NotBefore means dates were parsed and gives the renewal date', () => {
    expect(deriveFacts({ signCertNotAfter: '2029-05-20T23:59:59+09:00' })).toEqual({ signCertNotAfter: '2029-05-20T23:59:59+09:00', ...CHAIN, signCert: 'present' });
    expect(deriveFacts({ signCertNotBefore: '2024-05-01T10:00:00+09:00' })).toEqual({
      signCertNotBefore: '2024-05-01T10:00:00+09:00',
      ...CHAIN,
      signCert: 'present',
      certMalformed: false,
      certRenewedAt: '2024-05-01T10:00:00+09:00',
    });
  });

  it('a token or a readable card implies presence, a reader and the service', () => {
    expect(deriveFacts({ token: 'juki' })).toEqual({ token: 'juki', cardReadable: true, cardInUse: false, cardPresent: true, readerCount: 1, pcscService: 'ok' });
    expect(deriveFacts({ cardReadable: true })).toEqual({ cardReadable: true, cardPresent: true, readerCount: 1, pcscService: 'ok' });
    expect(deriveFacts({ cardInUse: true })).toEqual({ cardInUse: true, cardPresent: true, readerCount: 1, pcscService: 'ok' });
  });

  it('stops where the card says otherwise', () => {
    // Counts with a card known to be absent imply nothing about the applet.
    expect(deriveFacts({ signPinTriesLeft: 5, cardPresent: false })).toEqual({ signPinTriesLeft: 5, cardPresent: false, pcscService: 'ok' });
    // An applet answer with an unreadable card does not make the card "not in use".
    expect(deriveFacts({ jpkiApplet: true, cardReadable: false })).toEqual({ jpkiApplet: true, cardReadable: false });
  });
});
