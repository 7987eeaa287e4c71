import type { VirtualCard } from './virtualCard';
import { VPCD_DEFAULT_HOST, VPCD_DEFAULT_PORT, VpcdLink } from './vpcdLink';

/** What the card says to the APDU numbered `served` (from 0): the card's own answer, or a fault. */
export type ApduAnswer = (apdu: Uint8Array, served: number) => Uint8Array | null | 'hang-up';

/**
 * A virtual card in vpcd's slot: pcscd's power and reset messages reset the card,
 * its ATR answers the ATR request, a pulled card forgets its security state, and
 * each APDU goes to `answer` (which may misbehave for tests and the soak).
 */
export function linkCard(card: VirtualCard, answer: ApduAnswer, where: { host?: string; port?: number } = {}): VpcdLink {
  let served = 0;
  return new VpcdLink(where.host ?? VPCD_DEFAULT_HOST, where.port ?? VPCD_DEFAULT_PORT, {
    onControl(control) {
      if (control === 'get-atr') return card.atr;
      card.reset();
      return null;
    },
    onApdu: (apdu) => answer(apdu, served++),
    onClose() {
      card.reset();
    },
  });
}
