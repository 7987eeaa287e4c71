/** JPKI applet identifier (see /work/shared/JPKI-NOTES.md). */
export const JPKI_AID = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);

/** Elementary files inside the JPKI applet. */
export const EF = {
  signCert: 0x0001,
  signCaCert: 0x0002,
  tokenInfo: 0x0006,
  authCert: 0x000a,
  authCaCert: 0x000b,
  authPin: 0x0018,
  signPin: 0x001b,
} as const;

export type EfId = (typeof EF)[keyof typeof EF];

export const MAX_TRIES = { sign: 5, auth: 3 } as const;

/** Token info is 32 bytes, space padded. */
export const TOKEN_INFO_LENGTH = 32;

/** Largest Le we send in one READ BINARY: 255 keeps Le unambiguous (00 would mean 256). */
export const MAX_READ_CHUNK = 255;

export function efHex(ef: number): string {
  return ef.toString(16).toUpperCase().padStart(4, '0');
}
