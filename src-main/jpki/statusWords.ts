/** Status words the JPKI layer reasons about, by meaning. */
export type SwMeaning =
  | 'ok'
  | 'more-data' // 61xx: T=0, fetch with GET RESPONSE
  | 'wrong-le' // 6Cxx: resend with Le = xx
  | 'end-of-file' // 6282: fewer bytes than asked
  | 'tries-left' // 63Cx
  | 'security-not-satisfied' // 6982
  | 'blocked' // 6983
  | 'file-not-found' // 6A82
  | 'wrong-length' // 6700
  | 'offset-out-of-range' // 6B00
  | 'wrong-p1p2' // 6A86
  | 'ins-not-supported' // 6D00
  | 'cla-not-supported' // 6E00
  | 'other';

export function swMeaning(sw: number): SwMeaning {
  if (sw === 0x9000) return 'ok';
  const sw1 = sw >> 8;
  if (sw1 === 0x61) return 'more-data';
  if (sw1 === 0x6c) return 'wrong-le';
  if ((sw & 0xfff0) === 0x63c0) return 'tries-left';
  switch (sw) {
    case 0x6282:
      return 'end-of-file';
    case 0x6982:
      return 'security-not-satisfied';
    case 0x6983:
      return 'blocked';
    case 0x6a82:
      return 'file-not-found';
    case 0x6700:
      return 'wrong-length';
    case 0x6b00:
      return 'offset-out-of-range';
    case 0x6a86:
      return 'wrong-p1p2';
    case 0x6d00:
      return 'ins-not-supported';
    case 0x6e00:
      return 'cla-not-supported';
    default:
      return 'other';
  }
}

/**
 * Tries left from the answer to a VERIFY (with or without data).
 * 63C0 and 6983 both mean blocked (which one a real card uses is unconfirmed).
 * Anything else is not a counter: null, and the caller reports it.
 */
export function triesFromSw(sw: number): number | null {
  if ((sw & 0xfff0) === 0x63c0) return sw & 0x0f;
  if (sw === 0x6983) return 0;
  return null;
}
