import type { Facts } from '../contract/facts';

/**
 * Facts that follow from other facts, filled in before the rules run, so a facts
 * file that leaves out what the card check implies gets the same result as one
 * that spells it out. Only sound implications; a fact already given is never
 * overwritten (contradictions are refused earlier, by the facts schema).
 *
 * - The JPKI applet answered, or password tries / certificates were read from the
 *   card: the card was present, readable and not held by another program.
 * - A card was present (or readable): the PC/SC service answered and at least one
 *   reader was found. Readers listed at all: the service answered.
 * - Certificate dates were parsed from the card: the certificate was not malformed.
 * - The signing certificate on the card starts at NotBefore: that is when it was
 *   last issued or renewed, which answers "when did you renew?". Without the
 *   password its dates cannot be read; then the authentication certificate's
 *   NotBefore answers it, because both are issued together at the counter (the
 *   rules use it as the stand-in the same way). The exception, a signing
 *   certificate issued again on its own later, is covered by the wording of the
 *   questions that compare with it (rules/questions.yaml, lifeEvents). A card
 *   known to carry no signing certificate gets no renewal date.
 */
export function deriveFacts(input: Facts): Facts {
  const f: Facts = { ...input };
  let changed = false;
  const set = <K extends keyof Facts>(name: K, value: Facts[K]) => {
    if (f[name] !== undefined) return;
    f[name] = value;
    changed = true;
  };
  const readFromCard =
    f.signPinTriesLeft !== undefined ||
    f.authPinTriesLeft !== undefined ||
    f.signCertNotBefore !== undefined ||
    f.signCertNotAfter !== undefined ||
    f.authCertNotBefore !== undefined ||
    f.authCertNotAfter !== undefined;
  if (readFromCard && f.cardPresent !== false) set('jpkiApplet', true);
  if (f.jpkiApplet !== undefined || f.token !== undefined) {
    set('cardReadable', true);
    if (f.cardReadable === true) set('cardInUse', false);
  }
  if (f.cardReadable === true || f.cardInUse !== undefined) set('cardPresent', true);
  if (f.cardPresent === true) set('readerCount', 1);
  if (f.readerCount !== undefined || f.cardPresent !== undefined) set('pcscService', 'ok');
  if (f.signCertNotBefore !== undefined || f.signCertNotAfter !== undefined) set('signCert', 'present');
  const datesParsed = f.signCertNotBefore !== undefined || f.authCertNotBefore !== undefined;
  if (datesParsed) set('certMalformed', false);
  if (f.signCertNotBefore !== undefined) set('certRenewedAt', f.signCertNotBefore);
  else if (f.authCertNotBefore !== undefined && f.signCert !== 'absent') set('certRenewedAt', f.authCertNotBefore);
  // Nothing implied: hand back the same object (callers may compare identity).
  return changed ? f : input;
}
