import { CardFailure } from '../../src-main/pcsc/errors';
import type { CardChannel, PcscPort, PcscSession, ReaderStatus } from '../../src-main/pcsc/port';
import type { VirtualCard } from '../../src-main/emulator/virtualCard';

export interface FakeReader {
  name: string;
  card?: VirtualCard;
  /** Throw this from transmit after N APDUs. */
  failAfter?: { apdus: number; failure: CardFailure };
}

/** An in-memory PC/SC port for unit tests of the card layer (integration tests use pcscd). */
export function fakePort(readers: FakeReader[] | 'unavailable'): PcscPort & { transmitted: Uint8Array[] } {
  const transmitted: Uint8Array[] = [];
  const session = (list: FakeReader[]): PcscSession => ({
    async readers(): Promise<ReaderStatus[]> {
      return list.map((r) => ({ name: r.name, cardPresent: !!r.card, cardMute: false, ...(r.card ? { atr: r.card.atr } : {}) }));
    },
    async connect(name: string): Promise<CardChannel> {
      const reader = list.find((r) => r.name === name);
      if (!reader) throw new CardFailure('no-reader', name);
      const card = reader.card;
      if (!card) throw new CardFailure('no-card', name);
      let sent = 0;
      return {
        reader: name,
        atr: card.atr,
        async transmit(apdu: Uint8Array): Promise<Uint8Array> {
          if (reader.failAfter && sent >= reader.failAfter.apdus) throw reader.failAfter.failure;
          sent++;
          transmitted.push(apdu.slice());
          return card.process(apdu);
        },
        async disconnect(disposition): Promise<void> {
          if (disposition === 'reset') card.reset();
        },
      };
    },
    close() {},
  });
  return {
    transmitted,
    async open() {
      if (readers === 'unavailable') throw new CardFailure('pcsc-unavailable', 'fake: no service');
      return session(readers);
    },
    watch() {
      return () => undefined;
    },
  };
}
