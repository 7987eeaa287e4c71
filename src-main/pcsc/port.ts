import type { ReaderEvent } from '../contract/snapshot';

/** What the rest of the app knows about PC/SC; only src-main/pcsc touches the library. */
export interface ReaderStatus {
  name: string;
  cardPresent: boolean;
  /** The reader sees a card it cannot power or talk to (contact problem). */
  cardMute: boolean;
  atr?: Uint8Array;
}

export type Disposition = 'leave' | 'reset';

export interface CardChannel {
  readonly reader: string;
  readonly atr: Uint8Array;
  /** Sends one command APDU; rejects with a CardFailure (timeout, card-removed, communication). */
  transmit(apdu: Uint8Array, timeoutMs: number): Promise<Uint8Array>;
  disconnect(disposition?: Disposition): Promise<void>;
}

/** One PC/SC context: open, use, close. Methods reject with CardFailure. */
export interface PcscSession {
  readers(): Promise<ReaderStatus[]>;
  connect(reader: string, timeoutMs?: number): Promise<CardChannel>;
  close(): void;
}

export interface PcscPort {
  /** Rejects with CardFailure('pcsc-unavailable') when the library or service is missing. */
  open(): Promise<PcscSession>;
  /** Hot-plug events; keeps re-establishing the context while the service is down. */
  watch(listener: (event: ReaderEvent) => void): () => void;
}
