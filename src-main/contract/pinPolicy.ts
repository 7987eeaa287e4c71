/**
 * The PIN safety rule, shared by the card layer (which enforces it) and the PIN
 * screen (which asks for the explicit consent): a signing-PIN attempt that would
 * leave fewer than 2 tries if wrong — i.e. with 2 or fewer left — is sent only
 * with an explicit override. Pure, so the renderer can import it.
 */
export const LOW_TRIES = 2;

export function needsLowTriesConsent(triesLeft: number): boolean {
  return triesLeft > 0 && triesLeft <= LOW_TRIES;
}
