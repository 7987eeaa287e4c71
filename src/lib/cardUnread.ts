import type { Facts } from '../../src-main/contract';

/** Why the card could not speak for itself, so the wizard asks instead. */
export type CardUnread = 'no-service' | 'no-reader' | 'no-card' | 'not-checked';

/**
 * null when a card was found in a reader (read or not: the card screen and the
 * diagnosis say what happened then); otherwise the first thing that stood in the way.
 */
export function cardUnreadReason(probeFacts: Facts, probed: boolean): CardUnread | null {
  if ((probeFacts.pcscBinding !== undefined && probeFacts.pcscBinding !== 'ok') || probeFacts.pcscService === 'unavailable') return 'no-service';
  if (probeFacts.readerCount === 0) return 'no-reader';
  if (probeFacts.cardPresent === false) return 'no-card';
  if (!probed || probeFacts.cardPresent === undefined) return 'not-checked';
  return null;
}

/**
 * Diagnoses that already say the card could not be read (and what to do): beside
 * them, a note that the card was not read would only repeat it.
 */
export const CARD_UNREAD_DIAGNOSES: readonly string[] = ['pcsc-binding-missing', 'pcsc-service-down', 'no-reader', 'no-card'];
