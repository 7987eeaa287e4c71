import { describe, expect, it } from 'vitest';
import { cardIdentity } from '../../src-main/card/cardIdentity';
import { formatSnapshot } from '../../src-main/card/formatSnapshot';
import { openJpkiCard } from '../../src-main/card/openJpkiCard';
import { listReaders } from '../../src-main/card/readers';
import { snapshotToFacts } from '../../src-main/card/snapshotToFacts';
import type { CardSnapshot, CertificateInfo, CertSlot } from '../../src-main/contract/snapshot';
import * as apdu from '../../src-main/jpki/apdu';
import { CardFailure, cardError } from '../../src-main/pcsc/errors';
import type { CardChannel, PcscPort, PcscSession, ReaderStatus } from '../../src-main/pcsc/port';
import { healthyCard } from '../engine/scenario';

/** The card layer's small pieces, each against hand-made inputs. */

const TAKEN = '2026-11-25T03:00:00.000Z';
const cert = (over: Partial<CertificateInfo> = {}): CertificateInfo => ({
  subject: 'CN=X, C=JP',
  issuer: 'C=JP, O=JPKI, OU=JPKI for user authentication',
  serialNumber: '0ABC',
  notBefore: '2024-11-25T03:00:00.000Z',
  notAfter: '2029-06-15T14:59:59.000Z',
  daysLeft: 933,
  kind: 'auth',
  ...over,
});
const okSlot = (over: Partial<CertificateInfo> = {}): CertSlot => ({ status: 'ok', cert: cert(over) });
const snap = (over: Partial<CardSnapshot> = {}): CardSnapshot => ({
  takenAt: TAKEN,
  pcscService: 'ok',
  readers: [{ name: 'R1', cardPresent: true }],
  apduCount: 0,
  ...over,
});

describe('cardIdentity', () => {
  it('is a stable hash of issuer and serial (any case), and nothing without a readable certificate', () => {
    const id = cardIdentity(okSlot());
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(cardIdentity(okSlot({ serialNumber: '0abc' }))).toBe(id);
    expect(cardIdentity(okSlot({ serialNumber: '0ABD' }))).not.toBe(id);
    expect(cardIdentity(okSlot({ issuer: 'C=JP, O=Other' }))).not.toBe(id);
    expect(cardIdentity(okSlot({ serialNumber: '' }))).toBeUndefined();
    expect(cardIdentity({ status: 'absent', evidence: 'x' })).toBeUndefined();
    expect(cardIdentity(undefined)).toBeUndefined();
  });
});

describe('snapshotToFacts', () => {
  it('says only the service when it is down, and only the binding when that did not load', () => {
    expect(snapshotToFacts(snap({ pcscService: 'unavailable', readers: [] }))).toEqual({ now: TAKEN, pcscService: 'unavailable' });
    const binding = snap({ error: { ...cardError('pcsc-binding-missing'), binding: 'wrong-abi' } });
    expect(snapshotToFacts(binding)).toEqual({ now: TAKEN, pcscBinding: 'wrong-abi' });
    expect(snapshotToFacts(snap({ error: cardError('pcsc-binding-missing') }))).toEqual({ now: TAKEN, pcscBinding: 'load-failed' });
  });

  it('counts readers and looks at the reader that was used', () => {
    const readers = [
      { name: 'R1', cardPresent: true },
      { name: 'R2', cardPresent: false },
    ];
    expect(snapshotToFacts(snap({ readers, reader: 'R2', error: cardError('no-card') }))).toEqual({ now: TAKEN, pcscService: 'ok', readerCount: 2, cardPresent: false });
    expect(snapshotToFacts(snap({ readers: [], error: cardError('no-reader') }))).toEqual({ now: TAKEN, pcscService: 'ok', readerCount: 0, cardPresent: false });
  });

  it('says nothing about cards when a named reader was not found', () => {
    expect(snapshotToFacts(snap({ error: cardError('no-reader', 'reader "X" not found') }))).toEqual({ now: TAKEN, pcscService: 'ok', readerCount: 1 });
  });

  it('keeps a card pulled mid-read present but unreadable, and a card in use of unknown readability', () => {
    expect(snapshotToFacts(snap({ readers: [{ name: 'R1', cardPresent: false }], reader: 'R1', error: cardError('card-removed') }))).toEqual({
      now: TAKEN,
      pcscService: 'ok',
      readerCount: 1,
      cardPresent: true,
      cardReadable: false,
    });
    expect(snapshotToFacts(snap({ error: cardError('card-in-use') }))).toEqual({ now: TAKEN, pcscService: 'ok', readerCount: 1, cardPresent: true, cardInUse: true });
    for (const code of ['timeout', 'communication'] as const) {
      expect(snapshotToFacts(snap({ error: cardError(code) })).cardReadable).toBe(false);
    }
    expect(snapshotToFacts(snap({ error: cardError('unexpected-sw') }))).toMatchObject({ cardReadable: true });
    expect(snapshotToFacts(snap({ error: cardError('unexpected-sw') })).cardInUse).toBeUndefined();
  });

  it('carries what the card told, clamping counters to what a card can have', () => {
    const facts = snapshotToFacts(
      snap({
        reader: 'R1',
        jpkiApplet: true,
        token: 'mynumber',
        signCertPresence: { value: 'present', evidence: 'x' },
        signCert: okSlot({ kind: 'signing', notBefore: '2025-01-01T00:00:00.000Z', notAfter: '2030-01-01T00:00:00.000Z' }),
        authCert: okSlot(),
        signPinTriesLeft: 9,
        authPinTriesLeft: -1,
      }),
    );
    expect(facts).toEqual({
      now: TAKEN,
      ...healthyCard,
      cardInUse: false,
      signCertNotBefore: '2025-01-01T00:00:00.000Z',
      signCertNotAfter: '2030-01-01T00:00:00.000Z',
      authCertNotBefore: '2024-11-25T03:00:00.000Z',
      authCertNotAfter: '2029-06-15T14:59:59.000Z',
      // 9 clamped to 5 (healthyCard's), -1 clamped to 0.
      authPinTriesLeft: 0,
    });
    expect(snapshotToFacts(snap({ signPinTriesLeft: 2.7, authPinTriesLeft: 3 }))).toMatchObject({ signPinTriesLeft: 2, authPinTriesLeft: 3 });
    expect(snapshotToFacts(snap({ jpkiApplet: false }))).toMatchObject({ jpkiApplet: false });
  });

  it('flags a malformed certificate in any slot, and says "not malformed" only after reading the auth certificate', () => {
    const bad: CertSlot = { status: 'malformed', message: { ja: 'x', en: 'x' } };
    for (const slot of ['authCert', 'authCaCert', 'signCert'] as const) {
      expect(snapshotToFacts(snap({ [slot]: bad })).certMalformed, slot).toBe(true);
    }
    expect(snapshotToFacts(snap({})).certMalformed).toBeUndefined();
    expect(snapshotToFacts(snap({ authCaCert: okSlot() })).certMalformed).toBeUndefined();
    expect(snapshotToFacts(snap({ authCert: okSlot(), error: cardError('timeout') })).certMalformed).toBeUndefined();
    expect(snapshotToFacts(snap({ authCert: { status: 'absent', evidence: 'x' } })).certMalformed).toBe(false);
  });
});

describe('formatSnapshot', () => {
  it('prints a full healthy probe in English and Japanese', () => {
    const s = snap({
      readers: [
        { name: 'R1', cardPresent: true },
        { name: 'R2', cardPresent: false },
      ],
      reader: 'R1',
      atr: '3BE0',
      jpkiApplet: true,
      token: 'mynumber',
      tokenLabel: 'JPKIAPICCTOKEN2',
      signPinTriesLeft: 4,
      authPinTriesLeft: 3,
      signCertPresence: { value: 'present', evidence: 'EF 0001 protected' },
      signCert: { status: 'not-read', reason: 'needs the PIN' },
      authCert: okSlot(),
      apduCount: 12,
    });
    expect(formatSnapshot(s, 'en')).toBe(
      [
        'PC/SC service: ok',
        'Card readers: R1 (card inserted), R2 (no card detected)',
        'Reader used: R1 [ATR 3BE0]',
        'JPKI applet: yes',
        'Card type: My Number card (JPKIAPICCTOKEN2)',
        'Signing password tries left: 4 / 5',
        'User PIN (4 digits) tries left: 3 / 3',
        'Signing certificate: present (evidence: EF 0001 protected)',
        'User-authentication certificate: valid until 2029-06-15 23:59 JST (days left: 933)',
        'Commands sent: 12. No password try was used.',
        '',
      ].join('\n'),
    );
    expect(formatSnapshot(s, 'ja')).toBe(
      [
        'PC/SC サービス: ok',
        'カードリーダー: R1 (カードあり), R2 (カードを検出していません)',
        '使用したリーダー: R1 [ATR 3BE0]',
        'JPKI（公的個人認証）: あり',
        'カードの種類: マイナンバーカード (JPKIAPICCTOKEN2)',
        '署名用パスワード 残り回数: 4 / 5',
        '利用者証明用暗証番号（4桁） 残り回数: 3 / 3',
        '署名用電子証明書: あり (根拠: EF 0001 protected)',
        '利用者証明用電子証明書: 有効期限 2029-06-15 23:59 JST (残り日数: 933)',
        '送信したコマンド数: 12. パスワードの試行回数は使っていません。',
        '',
      ].join('\n'),
    );
  });

  it('prints a service that is down without a reader line, and an error with its detail', () => {
    const s = snap({ pcscService: 'unavailable', readers: [], error: cardError('pcsc-unavailable', 'SCardEstablishContext') });
    const text = formatSnapshot(s, 'en');
    expect(text.split('\n')[0]).toBe('PC/SC service: unavailable');
    expect(text).not.toContain('Card readers');
    expect(text).toContain(`Problem: ${cardError('pcsc-unavailable').message.en} [SCardEstablishContext]`);
    expect(formatSnapshot(snap({ readers: [], error: cardError('no-reader') }), 'en')).toContain('Card readers: none\n');
    expect(formatSnapshot(snap({ error: cardError('no-card') }), 'en')).toContain(`Problem: ${cardError('no-card').message.en}\n`);
  });

  it('prints a non-JPKI card, a Juki card without label, and readers without ATR', () => {
    const text = formatSnapshot(snap({ reader: 'R1', jpkiApplet: false, token: 'juki' }), 'en');
    expect(text).toContain('Reader used: R1\n');
    expect(text).toContain('JPKI applet: no\n');
    expect(text).toContain('Card type: Juki card\n');
  });

  it('prints each certificate state', () => {
    const line = (slot: CertSlot, lang: 'ja' | 'en' = 'en') => formatSnapshot(snap({ authCert: slot }), lang).split('\n').find((l) => l.startsWith(lang === 'en' ? 'User-auth' : '利用者証明用電子証明書'));
    expect(line(okSlot({ daysLeft: -3, notAfter: '2026-11-21T15:00:00.000Z' }))).toBe('User-authentication certificate: expired valid until 2026-11-22 00:00 JST (days left: -3)');
    expect(line(okSlot({ daysLeft: 0 }))).toBe('User-authentication certificate: valid until 2029-06-15 23:59 JST (days left: 0)');
    expect(line({ status: 'absent', evidence: '6A82 on SELECT EF 000A' })).toBe('User-authentication certificate: absent (6A82 on SELECT EF 000A)');
    expect(line({ status: 'malformed', message: { ja: '壊れています', en: 'corrupt data' } })).toBe('User-authentication certificate: unreadable (corrupt): corrupt data');
    expect(line({ status: 'malformed', message: { ja: '壊れています', en: 'corrupt data' } }, 'ja')).toBe('利用者証明用電子証明書: 読み取れない（壊れている）: 壊れています');
    expect(line({ status: 'not-read', reason: 'x' })).toBe('User-authentication certificate: not read (needs the password)');
  });

  it('adds the signing certificate\'s dates under its presence only when they were read', () => {
    const withCert = formatSnapshot(snap({ signCertPresence: { value: 'present', evidence: 'read' }, signCert: okSlot({ kind: 'signing' }) }), 'en');
    expect(withCert).toContain('Signing certificate: present (evidence: read)\n  valid until 2029-06-15 23:59 JST (days left: 933)\n');
    const malformed = formatSnapshot(snap({ signCertPresence: { value: 'unknown', evidence: 'odd' }, signCert: { status: 'malformed', message: { ja: 'x', en: 'bad' } } }), 'en');
    expect(malformed).toContain('Signing certificate: unknown (evidence: odd)\n  unreadable (corrupt): bad\n');
    const absent = formatSnapshot(snap({ signCertPresence: { value: 'absent', evidence: 'none' }, signCert: { status: 'absent', evidence: 'none' } }), 'en');
    expect(absent).toContain('Signing certificate: absent (evidence: none)\nCommands sent');
    expect(formatSnapshot(snap({ signCert: okSlot() }), 'en')).not.toContain('Signing certificate');
  });
});

/* ---------- openJpkiCard and listReaders over scripted sessions ---------- */

interface ScriptedReader {
  name: string;
  cardPresent?: boolean;
  cardMute?: boolean;
  connectError?: unknown;
  /** Answer to SELECT applet, or an error thrown by transmit. */
  select?: number | Error;
}

function scriptedSession(readers: ScriptedReader[]) {
  const log: string[] = [];
  const session: PcscSession = {
    async readers(): Promise<ReaderStatus[]> {
      return readers.map((r) => ({ name: r.name, cardPresent: r.cardPresent ?? true, cardMute: r.cardMute ?? false }));
    },
    async connect(name: string): Promise<CardChannel> {
      const r = readers.find((x) => x.name === name)!;
      log.push(`connect ${name}`);
      if (r.connectError) throw r.connectError;
      return {
        reader: name,
        atr: new Uint8Array(0),
        async transmit(command: Uint8Array) {
          log.push(`apdu ${name} ${apdu.toHex(command).slice(0, 8)}`);
          if (r.select instanceof Error) throw r.select;
          const sw = r.select ?? 0x9000;
          return Uint8Array.of(sw >> 8, sw & 0xff);
        },
        async disconnect(disposition) {
          log.push(`disconnect ${name} ${disposition}`);
        },
      };
    },
    close() {
      log.push('close');
    },
  };
  return { session, log };
}

describe('openJpkiCard', () => {
  const open = (readers: ScriptedReader[], reader?: string) => {
    const s = scriptedSession(readers);
    return openJpkiCard(s.session, { timeoutMs: 100, ...(reader !== undefined ? { reader } : {}) }).then((choice) => ({ choice, log: s.log }));
  };

  it('names a missing reader, listing those present', async () => {
    expect((await open([])).choice.failure).toMatchObject({ code: 'no-reader', detail: undefined });
    const { choice } = await open([{ name: 'A' }, { name: 'B' }], 'C');
    expect(choice.failure).toMatchObject({ code: 'no-reader', detail: 'reader "C" not found; present: A, B' });
    expect(choice.readers).toEqual([
      { name: 'A', cardPresent: true },
      { name: 'B', cardPresent: true },
    ]);
  });

  it('says no card when no reader (or the named one) holds one', async () => {
    expect((await open([{ name: 'A', cardPresent: false }])).choice.failure?.code).toBe('no-card');
    expect((await open([{ name: 'A' }, { name: 'B', cardPresent: false }], 'B')).choice.failure?.code).toBe('no-card');
  });

  it('uses a named reader only', async () => {
    const { choice, log } = await open([{ name: 'A' }, { name: 'B' }], 'B');
    expect(choice.opened?.channel.reader).toBe('B');
    expect(log).toEqual(['connect B', 'apdu B 00A4040C']);
  });

  it('skips a mute card, reporting it only when nothing else answers', async () => {
    const alone = await open([{ name: 'A', cardMute: true }]);
    expect(alone.choice.failure).toMatchObject({ code: 'communication', detail: 'A: the reader reports the card as mute (contacts or orientation)' });
    expect(alone.log).toEqual([]);
    const withOther = await open([{ name: 'A', cardMute: true }, { name: 'B' }]);
    expect(withOther.choice.opened?.channel.reader).toBe('B');
    expect(withOther.choice.failure).toBeUndefined();
  });

  it('classifies a connect failure, keeping the first one', async () => {
    const { choice } = await open([
      { name: 'A', connectError: new Error('SCardConnect error: (0x8010000b)') },
      { name: 'B', connectError: new Error('SCardConnect error: (0x80100069)') },
    ]);
    expect(choice.failure?.code).toBe('card-in-use');
  });

  it('prefers a JPKI card, leaving a non-JPKI one found first and counting its APDUs', async () => {
    const { choice, log } = await open([{ name: 'Bank', select: 0x6a82 }, { name: 'Other', select: 0x6a82 }, { name: 'Mine' }]);
    expect(choice.opened?.channel.reader).toBe('Mine');
    expect(choice.opened?.jpkiApplet).toBe(true);
    expect(choice.apdusElsewhere).toBe(2);
    expect(log).toEqual([
      'connect Bank',
      'apdu Bank 00A4040C',
      'connect Other',
      'apdu Other 00A4040C',
      'disconnect Other leave',
      'connect Mine',
      'apdu Mine 00A4040C',
      'disconnect Bank leave',
    ]);
  });

  it('falls back to the first non-JPKI card, still connected', async () => {
    const { choice, log } = await open([{ name: 'Bank', select: 0x6a82 }, { name: 'Other', select: 0x6d00 }]);
    expect(choice.opened?.channel.reader).toBe('Bank');
    expect(choice.opened?.jpkiApplet).toBe(false);
    expect(choice.apdusElsewhere).toBe(1);
    expect(log).not.toContain('disconnect Bank leave');
  });

  it('disconnects a card whose SELECT fails, counts its APDU and reports the failure', async () => {
    const { choice, log } = await open([{ name: 'A', select: new CardFailure('timeout', 'slow') }]);
    expect(choice.failure).toMatchObject({ code: 'timeout', detail: 'slow' });
    expect(choice.opened).toBeUndefined();
    expect(choice.apdusElsewhere).toBe(1);
    expect(log).toContain('disconnect A leave');
    const next = await open([{ name: 'A', select: new CardFailure('timeout', 'slow') }, { name: 'B' }]);
    expect(next.choice.opened?.channel.reader).toBe('B');
  });
});

describe('listReaders', () => {
  const port = (open: () => Promise<PcscSession>): PcscPort => ({ open, watch: () => () => undefined });

  it('lists readers and closes the session', async () => {
    const s = scriptedSession([{ name: 'A' }, { name: 'B', cardPresent: false }]);
    expect(await listReaders(port(async () => s.session))).toEqual({
      pcscService: 'ok',
      readers: [
        { name: 'A', cardPresent: true },
        { name: 'B', cardPresent: false },
      ],
    });
    expect(s.log).toEqual(['close']);
  });

  it('calls the service unavailable when it cannot be opened or listed, still closing what was opened', async () => {
    expect(await listReaders(port(async () => Promise.reject(new Error('no service'))))).toEqual({ pcscService: 'unavailable', readers: [] });
    const s = scriptedSession([]);
    s.session.readers = async () => Promise.reject(new Error('gone'));
    expect(await listReaders(port(async () => s.session))).toEqual({ pcscService: 'unavailable', readers: [] });
    expect(s.log).toEqual(['close']);
  });
});
