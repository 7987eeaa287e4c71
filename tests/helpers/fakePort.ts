import { CardFailure } from '../../src-main/pcsc/errors';
import type { CardChannel, PcscPort, PcscSession, ReaderStatus } from '../../src-main/pcsc/port';
import type { VirtualCard } from '../../src-main/emulator/virtualCard';

export interface FakeReader {
  name: string;
  card?: VirtualCard;
  /** Throw this from transmit after N APDUs. */
  failAfter?: { apdus: number; failure: CardFailure };
  /**
   * Throw this from the first APDU `when` picks and from every later one (a
   * pulled card stays pulled). With cardSees the card processes that APDU first,
   * so only its answer is lost.
   */
  failOn?: { when: (apdu: Uint8Array) => boolean; failure: CardFailure; cardSees?: boolean };
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
      let failed = false;
      return {
        reader: name,
        atr: card.atr,
        async transmit(apdu: Uint8Array): Promise<Uint8Array> {
          if (reader.failAfter && sent >= reader.failAfter.apdus) throw reader.failAfter.failure;
          if (reader.failOn && (failed || reader.failOn.when(apdu))) {
            if (!failed && reader.failOn.cardSees) card.process(apdu);
            failed = true;
            throw reader.failOn.failure;
          }
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
