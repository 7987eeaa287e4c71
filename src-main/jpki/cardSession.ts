import { parseDerLength } from '../cert/derLength';
import { CardFailure } from '../pcsc/errors';
import type { CardChannel } from '../pcsc/port';
import * as apdu from './apdu';
import { EF, MAX_READ_CHUNK, TOKEN_INFO_LENGTH, efHex } from './constants';
import { planRemainingReads } from './readPlan';
import { swMeaning, triesFromSw } from './statusWords';
import { parseTokenInfo, type TokenInfo } from './token';

/** What reading a certificate EF gave, before any certificate parsing. */
export type CertFileRead =
  | { kind: 'data'; bytes: Uint8Array }
  | { kind: 'not-found'; evidence: string }
  | { kind: 'protected'; evidence: string }
  | { kind: 'blank'; evidence: string }
  /** The first bytes are not a DER header we can size: the raw bytes, for the malformed verdict. */
  | { kind: 'unsized'; bytes: Uint8Array; evidence: string };

export type PinCounterRead =
  | { kind: 'tries'; triesLeft: number; sw: number }
  | { kind: 'missing'; evidence: string }
  /**
   * The PIN EF exists but its empty VERIFY answers something that is not a
   * counter (e.g. 6984, 6A88, 6986): one plausible face-auth form, see JPKI-NOTES.md.
   */
  | { kind: 'unusable'; sw: number; evidence: string };

export type VerifyOutcome = { ok: true } | { ok: false; triesLeft: number; sw: number };

/** Guard against a card that keeps answering 61xx/6Cxx forever. */
const MAX_CHAINED = 16;

/**
 * JPKI commands over one card channel. Counts every APDU sent. Failures are
 * CardFailure; status words the caller must interpret come back as values.
 */
export class JpkiCardSession {
  apduCount = 0;

  constructor(
    private readonly channel: CardChannel,
    private readonly timeoutMs = 3000,
  ) {}

  private async raw(command: Uint8Array): Promise<apdu.ResponseApdu> {
    this.apduCount++;
    const bytes = await this.channel.transmit(command, this.timeoutMs);
    try {
      return apdu.parseResponse(bytes);
    } catch (error) {
      throw new CardFailure('communication', `garbled response: ${(error as Error).message}`);
    }
  }

  /** Sends a command, following 61xx (GET RESPONSE) and 6Cxx (resend with Le) as T=0 needs. */
  async send(command: Uint8Array): Promise<apdu.ResponseApdu> {
    let res = await this.raw(command);
    let data = res.data;
    for (let followUps = 0; ; followUps++) {
      const meaning = swMeaning(res.sw);
      // Only a command without data (header + Le) can be resent with another Le.
      const resend = meaning === 'wrong-le' && command.length === 5;
      if (!resend && meaning !== 'more-data') return { data, sw: res.sw };
      if (followUps === MAX_CHAINED) {
        throw new CardFailure('unexpected-sw', `card kept asking for more exchanges (last SW ${apdu.swHex(res.sw)})`);
      }
      if (resend) {
        const retry = command.slice();
        retry[4] = res.sw & 0xff;
        res = await this.raw(retry);
        data = res.data;
      } else {
        res = await this.raw(apdu.getResponse(res.sw & 0xff));
        data = concat(data, res.data);
      }
    }
  }

  /** True when the JPKI applet answered 9000; false on "not here" answers. */
  async selectApplet(): Promise<{ selected: boolean; sw: number }> {
    const res = await this.send(apdu.selectApplet());
    return { selected: res.sw === 0x9000, sw: res.sw };
  }

  async selectEf(ef: number): Promise<number> {
    return (await this.send(apdu.selectEf(ef))).sw;
  }

  async readTokenInfo(): Promise<TokenInfo> {
    const sw = await this.selectEf(EF.tokenInfo);
    if (sw === 0x6a82) return { kind: 'other', label: '' };
    if (sw !== 0x9000) throw unexpected(`SELECT EF ${efHex(EF.tokenInfo)}`, sw);
    const res = await this.send(apdu.readBinary(0, TOKEN_INFO_LENGTH));
    if (res.sw !== 0x9000 && res.sw !== 0x6282) throw unexpected(`READ BINARY EF ${efHex(EF.tokenInfo)}`, res.sw);
    return parseTokenInfo(res.data);
  }

  /** Tries left without spending one: select the PIN EF, then VERIFY with no data. */
  async readPinCounter(ef: number): Promise<PinCounterRead> {
    const selectSw = await this.selectEf(ef);
    if (selectSw === 0x6a82) return { kind: 'missing', evidence: `6A82 on SELECT EF ${efHex(ef)} (PIN file not found)` };
    if (selectSw !== 0x9000) throw unexpected(`SELECT EF ${efHex(ef)}`, selectSw);
    const { sw } = await this.send(apdu.verifyStatus());
    if (sw === 0x6a82) return { kind: 'missing', evidence: `6A82 on VERIFY (no data) for EF ${efHex(ef)}` };
    const tries = triesFromSw(sw);
    if (tries === null) return { kind: 'unusable', sw, evidence: `${apdu.swHex(sw)} on VERIFY (no data) for EF ${efHex(ef)}` };
    return { kind: 'tries', triesLeft: tries, sw };
  }

  /**
   * Selects the PIN EF, then sends VERIFY with the PIN. `command` must come from
   * apdu.verifyPin; the caller wipes it. `onSending` runs right before the VERIFY
   * itself is handed to the reader: from then on a try may have been spent.
   */
  async verify(ef: number, command: Uint8Array, onSending?: () => void): Promise<VerifyOutcome> {
    const selectSw = await this.selectEf(ef);
    if (selectSw !== 0x9000) throw unexpected(`SELECT EF ${efHex(ef)}`, selectSw);
    onSending?.();
    const { sw } = await this.send(command);
    if (sw === 0x9000) return { ok: true };
    const tries = triesFromSw(sw);
    if (tries === null) throw unexpected('VERIFY', sw);
    return { ok: false, triesLeft: tries, sw };
  }

  /**
   * Reads a certificate EF in as few APDUs as possible: the first chunk is big
   * enough to hold any DER header, the rest is sized from it.
   */
  async readCertificateFile(ef: number): Promise<CertFileRead> {
    const name = `EF ${efHex(ef)}`;
    const selectSw = await this.selectEf(ef);
    if (selectSw === 0x6a82) return { kind: 'not-found', evidence: `6A82 on SELECT ${name}` };
    if (selectSw !== 0x9000) throw unexpected(`SELECT ${name}`, selectSw);

    const first = await this.send(apdu.readBinary(0, MAX_READ_CHUNK));
    if (first.sw === 0x6982) return { kind: 'protected', evidence: `6982 on READ BINARY ${name} (needs the PIN)` };
    if (first.sw === 0x6b00 || (first.data.length === 0 && (first.sw === 0x9000 || first.sw === 0x6282))) {
      return { kind: 'blank', evidence: `${name} is empty (SW ${apdu.swHex(first.sw)}, no data)` };
    }
    if (first.sw !== 0x9000 && first.sw !== 0x6282) throw unexpected(`READ BINARY ${name}`, first.sw);
    const head = first.data;
    if (isAll(head, 0xff)) return { kind: 'blank', evidence: `${name} holds only FF bytes` };
    if (isAll(head, 0x00)) return { kind: 'blank', evidence: `${name} holds only 00 bytes` };

    const size = parseDerLength(head);
    if ('error' in size) {
      return { kind: 'unsized', bytes: head, evidence: `${name}: ${size.detail}` };
    }
    const buffer = new Uint8Array(size.totalLength);
    buffer.set(head.subarray(0, Math.min(head.length, size.totalLength)));
    let have = Math.min(head.length, size.totalLength);
    for (const chunk of planRemainingReads(size.totalLength, have)) {
      const res = await this.send(apdu.readBinary(chunk.offset, chunk.length));
      if (res.sw !== 0x9000 && res.sw !== 0x6282) throw unexpected(`READ BINARY ${name} at ${chunk.offset}`, res.sw);
      // Bytes beyond the object (a card answering more than asked) are not kept.
      const part = res.data.subarray(0, size.totalLength - chunk.offset);
      buffer.set(part, chunk.offset);
      have = chunk.offset + part.length;
      // A short or empty answer: the file ends here.
      if (res.data.length < chunk.length) break;
    }
    // A short file is handed on as is: the certificate parser calls it truncated.
    return { kind: 'data', bytes: buffer.subarray(0, have) };
  }
}

function unexpected(what: string, sw: number): CardFailure {
  return new CardFailure('unexpected-sw', `${what} answered ${apdu.swHex(sw)}`);
}

function isAll(bytes: Uint8Array, value: number): boolean {
  return bytes.length > 0 && bytes.every((b) => b === value);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
