export type TokenKind = 'mynumber' | 'juki' | 'other';

export interface TokenInfo {
  kind: TokenKind;
  /** The label with padding removed, printable ASCII only (for the report). */
  label: string;
}

/** EF 0006 holds an ASCII label padded with spaces (sometimes NULs or FFs). */
export function parseTokenInfo(bytes: Uint8Array): TokenInfo {
  let label = '';
  for (const b of bytes) {
    if (b >= 0x20 && b < 0x7f) label += String.fromCharCode(b);
    else break;
  }
  label = label.trimEnd();
  const kind: TokenKind =
    label === 'JPKIAPICCTOKEN2' ? 'mynumber' : label === 'JPKIAPICCTOKEN' ? 'juki' : 'other';
  return { kind, label };
}
