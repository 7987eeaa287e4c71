/**
 * One command APDU as hex for the JPKI_EMU_TRACE debug trace. The data of a
 * VERIFY (INS 20) carrying a body is a PIN: it is replaced by "**" per byte so
 * that the trace shows the length but never the PIN.
 */
export function traceApdu(apdu: Uint8Array): string {
  const hex = Buffer.from(apdu).toString('hex');
  if (apdu.length <= 5 || apdu[1] !== 0x20) return hex;
  const lc = apdu[4];
  const dataEnd = Math.min(apdu.length, 5 + lc);
  return hex.slice(0, 10) + '**'.repeat(dataEnd - 5) + Buffer.from(apdu.subarray(dataEnd)).toString('hex');
}
