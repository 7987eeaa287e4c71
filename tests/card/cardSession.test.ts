import { describe, expect, it } from 'vitest';
import * as apdu from '../../src-main/jpki/apdu';
import { JpkiCardSession } from '../../src-main/jpki/cardSession';
import { EF } from '../../src-main/jpki/constants';
import { CardFailure } from '../../src-main/pcsc/errors';
import type { CardChannel } from '../../src-main/pcsc/port';

/**
 * JpkiCardSession against a scripted card: every answer is chosen by the test, so
 * each status-word check, each short or empty read and each T=0 retry is pinned
 * down on its own (the virtual card only ever answers the happy way).
 */
type Answer = { data?: Uint8Array | number[]; sw: number } | Uint8Array;
type Script = (command: Uint8Array, index: number) => Answer;

const hex = (b: Uint8Array) => apdu.toHex(b);

function scriptedChannel(script: Script) {
  const sent: string[] = [];
  const timeouts: number[] = [];
  const channel: CardChannel = {
    reader: 'Scripted',
    atr: new Uint8Array(0),
    async transmit(command, timeoutMs) {
      // A real card would have been given up on long before: stop a runaway loop quickly.
      if (sent.length >= 40) throw new Error('scripted card: more than 40 APDUs');
      sent.push(hex(command));
      timeouts.push(timeoutMs);
      const a = script(command, sent.length - 1);
      if (a instanceof Uint8Array) return a;
      const data = Uint8Array.from(a.data ?? []);
      return Uint8Array.from([...data, a.sw >> 8, a.sw & 0xff]);
    },
    async disconnect() {},
  };
  return { channel, sent, timeouts };
}

const ok = (data: Uint8Array | number[] = []) => ({ data, sw: 0x9000 });
const sw = (value: number) => ({ sw: value });
const isSelectEf = (c: Uint8Array, ef: number) => hex(c) === hex(apdu.selectEf(ef));
const isRead = (c: Uint8Array) => c[1] === 0xb0;
const readOffset = (c: Uint8Array) => (c[2] << 8) | c[3];

async function failure(p: Promise<unknown>): Promise<CardFailure> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CardFailure);
    return e as CardFailure;
  }
  throw new Error('expected a CardFailure');
}

/** A DER SEQUENCE of `total` bytes (header 30 82 LL LL) filled with a counting pattern. */
function derObject(total: number): Uint8Array {
  const body = total - 4;
  const out = new Uint8Array(total);
  out.set([0x30, 0x82, body >> 8, body & 0xff]);
  for (let i = 4; i < total; i++) out[i] = (i * 7 + 1) & 0xff || 1;
  return out;
}

/** A card whose EF 0001 holds `file`; READ BINARY answers what the file has at the offset. */
function fileCard(file: Uint8Array, read?: (offset: number, le: number) => Answer | undefined) {
  return scriptedChannel((c) => {
    if (isSelectEf(c, EF.signCert)) return ok();
    if (isRead(c)) {
      const offset = readOffset(c);
      const le = c[4] === 0 ? 256 : c[4];
      const custom = read?.(offset, le);
      if (custom) return custom;
      const part = file.subarray(offset, offset + le);
      return { data: part, sw: part.length < le ? 0x6282 : 0x9000 };
    }
    return sw(0x6d00);
  });
}

describe('send: T=0 answers', () => {
  it('follows 61xx with GET RESPONSE of that length and joins the pieces', async () => {
    const { channel, sent } = scriptedChannel((_c, i) => [{ data: [1, 2], sw: 0x6103 }, { data: [3, 4, 5], sw: 0x6102 }, ok([6, 7])][i]!);
    const session = new JpkiCardSession(channel);
    const res = await session.send(apdu.readBinary(0, 10));
    expect(res).toEqual({ data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7), sw: 0x9000 });
    expect(sent).toEqual(['00B000000A', '00C0000003', '00C0000002']);
    expect(session.apduCount).toBe(3);
  });

  it('resends a command without data with the Le that 6Cxx names, keeping only the second answer', async () => {
    const { channel, sent } = scriptedChannel((_c, i) => [{ data: [9, 9], sw: 0x6c04 }, ok([1, 2, 3, 4])][i]!);
    const session = new JpkiCardSession(channel);
    const command = apdu.readBinary(0x0102, 0xff);
    const res = await session.send(command);
    expect(res).toEqual({ data: Uint8Array.of(1, 2, 3, 4), sw: 0x9000 });
    expect(sent).toEqual(['00B00102FF', '00B0010204']);
    // The caller's buffer is not the one that was patched.
    expect(hex(command)).toBe('00B00102FF');
  });

  it('never resends a command that carries data on 6Cxx (a VERIFY is sent once)', async () => {
    const { channel, sent } = scriptedChannel(() => sw(0x6c06));
    const session = new JpkiCardSession(channel);
    const command = apdu.verifyPin(new TextEncoder().encode('ABC123'));
    const res = await session.send(command);
    expect(res.sw).toBe(0x6c06);
    expect(sent).toEqual(['0020008006414243313233']);
    expect(hex(command)).toBe('0020008006414243313233');
  });

  it('does not treat a 4-byte command (VERIFY without data) as resendable either', async () => {
    const { channel, sent } = scriptedChannel(() => sw(0x6c02));
    const res = await new JpkiCardSession(channel).send(apdu.verifyStatus());
    expect(res.sw).toBe(0x6c02);
    expect(sent).toHaveLength(1);
  });

  it('gives up with unexpected-sw after 16 follow-ups of a card that keeps answering 61xx', async () => {
    const { channel, sent } = scriptedChannel(() => ({ data: [0], sw: 0x6101 }));
    const session = new JpkiCardSession(channel);
    const f = await failure(session.send(apdu.readBinary(0, 1)));
    expect(f.code).toBe('unexpected-sw');
    expect(f.detail).toBe('card kept asking for more exchanges (last SW 6101)');
    expect(sent).toHaveLength(17);
    expect(session.apduCount).toBe(17);
  });

  it('also gives up on endless 6Cxx', async () => {
    const { channel, sent } = scriptedChannel(() => sw(0x6c05));
    const f = await failure(new JpkiCardSession(channel).send(apdu.readBinary(0, 1)));
    expect(f.detail).toMatch(/last SW 6C05/);
    expect(sent).toHaveLength(17);
  });

  it('stops following at the 16th follow-up that succeeds', async () => {
    const { channel, sent } = scriptedChannel((_c, i) => (i < 16 ? { data: [i], sw: 0x6101 } : ok([16])));
    const res = await new JpkiCardSession(channel).send(apdu.readBinary(0, 1));
    expect(res.sw).toBe(0x9000);
    expect(res.data).toHaveLength(17);
    expect(sent).toHaveLength(17);
  });

  it('calls an answer without a status word a garbled response (communication), counting the APDU', async () => {
    const { channel } = scriptedChannel(() => Uint8Array.of(0x90));
    const session = new JpkiCardSession(channel);
    const f = await failure(session.send(apdu.selectApplet()));
    expect(f.code).toBe('communication');
    expect(f.detail).toBe('garbled response: response too short (1 byte)');
    expect(session.apduCount).toBe(1);
  });

  it('passes its timeout to every transmit (3 s unless told)', async () => {
    const a = scriptedChannel(() => ok());
    await new JpkiCardSession(a.channel).selectApplet();
    expect(a.timeouts).toEqual([3000]);
    const b = scriptedChannel((_c, i) => (i === 0 ? sw(0x6100) : ok()));
    await new JpkiCardSession(b.channel, 1234).selectApplet();
    expect(b.timeouts).toEqual([1234, 1234]);
  });
});

describe('selectApplet and readTokenInfo', () => {
  it('selects the applet only on 9000', async () => {
    const yes = scriptedChannel(() => ok());
    expect(await new JpkiCardSession(yes.channel).selectApplet()).toEqual({ selected: true, sw: 0x9000 });
    expect(yes.sent).toEqual([hex(apdu.selectApplet())]);
    const no = scriptedChannel(() => sw(0x6a82));
    expect(await new JpkiCardSession(no.channel).selectApplet()).toEqual({ selected: false, sw: 0x6a82 });
  });

  it('reads the token label after selecting EF 0006', async () => {
    const label = new TextEncoder().encode('JPKIAPICCTOKEN2                 ');
    const { channel, sent } = scriptedChannel((c) => (isRead(c) ? ok(label) : ok()));
    expect(await new JpkiCardSession(channel).readTokenInfo()).toEqual({ kind: 'mynumber', label: 'JPKIAPICCTOKEN2' });
    expect(sent).toEqual(['00A4020C020006', '00B0000020']);
  });

  it('accepts a label cut short with 6282', async () => {
    const { channel } = scriptedChannel((c) => (isRead(c) ? { data: new TextEncoder().encode('JPKIAPICCTOKEN'), sw: 0x6282 } : ok()));
    expect((await new JpkiCardSession(channel).readTokenInfo()).kind).toBe('juki');
  });

  it('calls a card without EF 0006 "other" and reads nothing', async () => {
    const { channel, sent } = scriptedChannel(() => sw(0x6a82));
    expect(await new JpkiCardSession(channel).readTokenInfo()).toEqual({ kind: 'other', label: '' });
    expect(sent).toHaveLength(1);
  });

  it('fails on any other answer to the SELECT, without reading', async () => {
    const { channel, sent } = scriptedChannel(() => sw(0x6982));
    const f = await failure(new JpkiCardSession(channel).readTokenInfo());
    expect(f.code).toBe('unexpected-sw');
    expect(f.detail).toBe('SELECT EF 0006 answered 6982');
    expect(sent).toHaveLength(1);
  });

  it('fails on an odd answer to the READ BINARY', async () => {
    const { channel } = scriptedChannel((c) => (isRead(c) ? { data: [0x41], sw: 0x6b00 } : ok()));
    const f = await failure(new JpkiCardSession(channel).readTokenInfo());
    expect(f.detail).toBe('READ BINARY EF 0006 answered 6B00');
  });
});

describe('readPinCounter: tries without spending one', () => {
  const counter = (selectSw: number, verifySw: number) =>
    scriptedChannel((c) => (c[1] === 0xa4 ? sw(selectSw) : sw(verifySw)));

  it('selects the PIN EF, then sends VERIFY without data', async () => {
    const { channel, sent } = counter(0x9000, 0x63c3);
    expect(await new JpkiCardSession(channel).readPinCounter(EF.signPin)).toEqual({ kind: 'tries', triesLeft: 3, sw: 0x63c3 });
    expect(sent).toEqual(['00A4020C02001B', '00200080']);
  });

  it('reads 6983 as 0 tries (blocked)', async () => {
    const { channel } = counter(0x9000, 0x6983);
    expect(await new JpkiCardSession(channel).readPinCounter(EF.authPin)).toEqual({ kind: 'tries', triesLeft: 0, sw: 0x6983 });
  });

  it('calls a missing PIN EF missing and sends no VERIFY', async () => {
    const { channel, sent } = counter(0x6a82, 0x63c5);
    expect(await new JpkiCardSession(channel).readPinCounter(EF.signPin)).toEqual({
      kind: 'missing',
      evidence: '6A82 on SELECT EF 001B (PIN file not found)',
    });
    expect(sent).toHaveLength(1);
  });

  it('fails on any other SELECT answer and sends no VERIFY', async () => {
    const { channel, sent } = counter(0x6982, 0x63c5);
    const f = await failure(new JpkiCardSession(channel).readPinCounter(EF.authPin));
    expect(f.detail).toBe('SELECT EF 0018 answered 6982');
    expect(sent).toHaveLength(1);
  });

  it('calls 6A82 on the VERIFY missing too', async () => {
    const { channel } = counter(0x9000, 0x6a82);
    expect(await new JpkiCardSession(channel).readPinCounter(EF.signPin)).toEqual({
      kind: 'missing',
      evidence: '6A82 on VERIFY (no data) for EF 001B',
    });
  });

  it.each([0x6984, 0x9000, 0x6a88].map((v) => [apdu.swHex(v), v] as const))('reports %s on the VERIFY as unusable, never as a count', async (_hex, answer) => {
    const { channel } = counter(0x9000, answer);
    expect(await new JpkiCardSession(channel).readPinCounter(EF.signPin)).toEqual({
      kind: 'unusable',
      sw: answer,
      evidence: `${apdu.swHex(answer)} on VERIFY (no data) for EF 001B`,
    });
  });
});

describe('verify: the one command that may spend a try', () => {
  const pinCommand = () => apdu.verifyPin(new TextEncoder().encode('ABC123'));

  it('sends VERIFY only after the PIN EF answered 9000, announcing it first', async () => {
    const events: string[] = [];
    const { channel, sent } = scriptedChannel((c) => {
      events.push(c[1] === 0x20 ? 'verify' : 'select');
      return ok();
    });
    const outcome = await new JpkiCardSession(channel).verify(EF.signPin, pinCommand(), () => events.push('sending'));
    expect(outcome).toEqual({ ok: true });
    expect(events).toEqual(['select', 'sending', 'verify']);
    expect(sent[0]).toBe('00A4020C02001B');
  });

  it.each([0x6a82, 0x6982, 0x6283].map((v) => [apdu.swHex(v), v] as const))('never sends the PIN when selecting its EF answers %s', async (_hex, selectSw) => {
    let announced = false;
    const { channel, sent } = scriptedChannel(() => sw(selectSw));
    const f = await failure(new JpkiCardSession(channel).verify(EF.signPin, pinCommand(), () => (announced = true)));
    expect(f.code).toBe('unexpected-sw');
    expect(f.detail).toBe(`SELECT EF 001B answered ${apdu.swHex(selectSw)}`);
    expect(sent).toHaveLength(1);
    expect(announced).toBe(false);
  });

  it('returns the tries left after a wrong PIN', async () => {
    const { channel } = scriptedChannel((c) => (c[1] === 0x20 ? sw(0x63c2) : ok()));
    expect(await new JpkiCardSession(channel).verify(EF.signPin, pinCommand())).toEqual({ ok: false, triesLeft: 2, sw: 0x63c2 });
  });

  it('returns 0 tries on a blocked answer', async () => {
    const { channel } = scriptedChannel((c) => (c[1] === 0x20 ? sw(0x6983) : ok()));
    expect(await new JpkiCardSession(channel).verify(EF.signPin, pinCommand())).toEqual({ ok: false, triesLeft: 0, sw: 0x6983 });
  });

  it('fails on an answer that is neither 9000 nor a counter', async () => {
    const { channel } = scriptedChannel((c) => (c[1] === 0x20 ? sw(0x6a80) : ok()));
    const f = await failure(new JpkiCardSession(channel).verify(EF.signPin, pinCommand()));
    expect(f.detail).toBe('VERIFY answered 6A80');
  });
});

describe('readCertificateFile', () => {
  it('reads a 600-byte certificate in 255 + 255 + 90 bytes', async () => {
    const file = derObject(600);
    const { channel, sent } = fileCard(file);
    const read = await new JpkiCardSession(channel).readCertificateFile(EF.signCert);
    expect(read).toEqual({ kind: 'data', bytes: file });
    expect(sent).toEqual(['00A4020C020001', '00B00000FF', '00B000FFFF', '00B001FE5A']);
  });

  it('keeps only the DER object when the file has padding after it', async () => {
    const cert = derObject(100);
    const file = new Uint8Array(400).fill(0xff);
    file.set(cert);
    const { channel, sent } = fileCard(file);
    const read = await new JpkiCardSession(channel).readCertificateFile(EF.signCert);
    expect(read).toEqual({ kind: 'data', bytes: cert });
    expect(sent).toHaveLength(2);
  });

  it('reads exactly one chunk when the object is exactly 255 bytes', async () => {
    const file = derObject(255);
    const { channel, sent } = fileCard(file);
    expect(await new JpkiCardSession(channel).readCertificateFile(EF.signCert)).toEqual({ kind: 'data', bytes: file });
    expect(sent).toHaveLength(2);
  });

  it('carries on from where a short first chunk (6282) ended', async () => {
    const file = derObject(400);
    const { channel, sent } = fileCard(file, (offset) => (offset === 0 ? { data: file.subarray(0, 100), sw: 0x6282 } : undefined));
    const read = await new JpkiCardSession(channel).readCertificateFile(EF.signCert);
    expect(read).toEqual({ kind: 'data', bytes: file });
    expect(sent.slice(1)).toEqual(['00B00000FF', '00B00064FF', '00B001632D']);
  });

  it('hands on a file cut short (short answer) as the bytes it has, without asking further', async () => {
    const file = derObject(800);
    const { channel, sent } = fileCard(file, (offset) => (offset === 255 ? { data: file.subarray(255, 300), sw: 0x6282 } : undefined));
    const read = await new JpkiCardSession(channel).readCertificateFile(EF.signCert);
    expect(read.kind).toBe('data');
    expect(read.kind === 'data' && read.bytes).toEqual(file.subarray(0, 300));
    expect(sent).toHaveLength(3);
  });

  it('stops at an empty answer in the middle of the file', async () => {
    const file = derObject(800);
    const { channel, sent } = fileCard(file, (offset) => (offset === 510 ? ok() : undefined));
    const read = await new JpkiCardSession(channel).readCertificateFile(EF.signCert);
    expect(read.kind === 'data' && read.bytes).toEqual(file.subarray(0, 510));
    expect(sent).toHaveLength(4);
  });

  it('ignores bytes a card sends beyond what was asked for', async () => {
    const file = derObject(300);
    const extra = new Uint8Array(255).fill(0xee);
    extra.set(file.subarray(255));
    const { channel } = fileCard(file, (offset) => (offset === 255 ? ok(extra) : undefined));
    const read = await new JpkiCardSession(channel).readCertificateFile(EF.signCert);
    expect(read).toEqual({ kind: 'data', bytes: file });
  });

  it('fails on an odd status word at a later offset, naming it', async () => {
    const { channel } = fileCard(derObject(600), (offset) => (offset === 255 ? sw(0x6b00) : undefined));
    const f = await failure(new JpkiCardSession(channel).readCertificateFile(EF.signCert));
    expect(f.detail).toBe('READ BINARY EF 0001 at 255 answered 6B00');
  });

  it('says not-found on 6A82 and reads nothing', async () => {
    const { channel, sent } = scriptedChannel(() => sw(0x6a82));
    expect(await new JpkiCardSession(channel).readCertificateFile(EF.authCert)).toEqual({ kind: 'not-found', evidence: '6A82 on SELECT EF 000A' });
    expect(sent).toHaveLength(1);
  });

  it('fails on another SELECT answer and reads nothing', async () => {
    const { channel, sent } = scriptedChannel(() => sw(0x6986));
    const f = await failure(new JpkiCardSession(channel).readCertificateFile(EF.authCert));
    expect(f.detail).toBe('SELECT EF 000A answered 6986');
    expect(sent).toHaveLength(1);
  });

  it('says protected on 6982 (needs the PIN)', async () => {
    const { channel } = fileCard(new Uint8Array(0), () => sw(0x6982));
    expect(await new JpkiCardSession(channel).readCertificateFile(EF.signCert)).toEqual({
      kind: 'protected',
      evidence: '6982 on READ BINARY EF 0001 (needs the PIN)',
    });
  });

  it.each([
    ['6B00', { sw: 0x6b00 }, 'EF 0001 is empty (SW 6B00, no data)'],
    ['9000 without data', { sw: 0x9000 }, 'EF 0001 is empty (SW 9000, no data)'],
    ['6282 without data', { sw: 0x6282 }, 'EF 0001 is empty (SW 6282, no data)'],
    ['255 FF bytes', ok(new Uint8Array(255).fill(0xff)), 'EF 0001 holds only FF bytes'],
    ['10 00 bytes', ok(new Uint8Array(10).fill(0x00)), 'EF 0001 holds only 00 bytes'],
  ])('calls an empty or unwritten file blank (%s)', async (_label, answer, evidence) => {
    const { channel } = fileCard(new Uint8Array(0), () => answer);
    expect(await new JpkiCardSession(channel).readCertificateFile(EF.signCert)).toEqual({ kind: 'blank', evidence });
  });

  it.each([0x6700, 0x6a86, 0x6281].map((v) => [apdu.swHex(v), v] as const))('fails on an empty answer with SW %s instead of calling the file blank', async (_hex, status) => {
    const { channel } = fileCard(new Uint8Array(0), () => sw(status));
    const f = await failure(new JpkiCardSession(channel).readCertificateFile(EF.signCert));
    expect(f.detail).toBe(`READ BINARY EF 0001 answered ${apdu.swHex(status)}`);
  });

  it('does not call a file blank when only its start is FF or 00', async () => {
    const head = new Uint8Array(255).fill(0xff);
    head[254] = 0x30;
    const { channel } = fileCard(head);
    const read = await new JpkiCardSession(channel).readCertificateFile(EF.signCert);
    expect(read.kind).toBe('unsized');
  });

  it('hands on bytes it cannot size as unsized, with the reason', async () => {
    const head = Uint8Array.of(0x30, 0x80, 0x01, 0x02);
    const { channel, sent } = fileCard(head);
    const read = await new JpkiCardSession(channel).readCertificateFile(EF.signCert);
    expect(read).toEqual({ kind: 'unsized', bytes: head, evidence: 'EF 0001: indefinite length (0x80) is not DER' });
    expect(sent).toHaveLength(2);
  });
});
