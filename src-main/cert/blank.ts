/**
 * True when an elementary file holds nothing: zero length, or only 00 or only FF
 * (an unwritten EF, as a face-auth card's signing-certificate file may be).
 */
export function isBlankFile(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true;
  const fill = bytes[0];
  if (fill !== 0x00 && fill !== 0xff) return false;
  for (let i = 1; i < bytes.length; i++) if (bytes[i] !== fill) return false;
  return true;
}
