import { JPKI_AID, MAX_READ_CHUNK } from './constants';

/** A response APDU split into its data and status word. */
export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

export function selectApplet(aid: Uint8Array = JPKI_AID): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, aid.length, ...aid);
}

export function selectEf(ef: number): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, (ef >> 8) & 0xff, ef & 0xff);
}

export function readBinary(offset: number, length: number): Uint8Array {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff) {
    throw new RangeError(`READ BINARY offset out of range: ${offset}`);
  }
  if (!Number.isInteger(length) || length < 1 || length > 256) {
    throw new RangeError(`READ BINARY length out of range: ${length}`);
  }
  return Uint8Array.of(0x00, 0xb0, (offset >> 8) & 0xff, offset & 0xff, length & 0xff);
}

/** VERIFY without data: asks for the tries left and never spends one. */
export function verifyStatus(): Uint8Array {
  return Uint8Array.of(0x00, 0x20, 0x00, 0x80);
}

/**
 * VERIFY with the PIN. The caller owns the returned buffer and must wipe it
 * (fill(0)) once sent, because it holds the PIN.
 */
export function verifyPin(pinAscii: Uint8Array): Uint8Array {
  if (pinAscii.length < 1 || pinAscii.length > 255) throw new RangeError('PIN length out of range');
  const apdu = new Uint8Array(5 + pinAscii.length);
  apdu.set([0x00, 0x20, 0x00, 0x80, pinAscii.length]);
  apdu.set(pinAscii, 5);
  return apdu;
}

/** GET RESPONSE, for T=0 cards that answer 61xx. */
export function getResponse(length: number): Uint8Array {
  return Uint8Array.of(0x00, 0xc0, 0x00, 0x00, length & 0xff);
}

export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) {
    throw new RangeError(`response too short (${bytes.length} byte${bytes.length === 1 ? '' : 's'})`);
  }
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: (bytes[n - 2] << 8) | bytes[n - 1] };
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

export { MAX_READ_CHUNK };
