import { CardFailure, classifyPcscError } from './errors';
import type { LibContext, LibFactory, LibReader } from './pcscliteTypes';
import { contextErrorMeaning } from './platformPcsc';

/** One reader of the shared context, as this process knows it. */
export interface ReaderEntry {
  readonly reader: LibReader;
  state?: number;
  atr?: Buffer;
  protocol?: number;
  /** Transmits the library has not answered yet (a mute card can hold one forever). */
  inflight: number;
  /**
   * Set while the reader's card handle belongs to one channel of this process, and
   * until the library has let go of it (a transmit or connect that outlived its
   * timeout keeps it). The reader object is shared, so a second connect must wait.
   */
  holder?: ReaderHold;
}

export interface ReaderHold {
  /** The channel gave up on the handle; only the library still has it (a stuck call). */
  abandoned: boolean;
  readonly released: Promise<void>;
  release(): void;
}

/**
 * The one pcsclite context of this process, created on first use and never closed.
 *
 * pcsclite's close() (of the context or of a reader) runs on the main thread: it
 * sends SCardCancel for at most 5 x 10 ms, then joins the status thread. A cancel
 * that lands while that thread is between two SCardGetStatusChange waits is lost,
 * and the join then blocks the whole process until the reader's state changes.
 * Opening and closing a context per card check did that sooner or later (500-cycle
 * soaks froze after 100 to 450 cycles, PC/SC descriptors piling up from about 200).
 * So the context and its reader objects live as long as the process: a card check
 * only connects and disconnects. Their status threads keep the event loop alive, so
 * programs that use PC/SC end with process.exit (the CLI always does: cli/stdio.ts).
 *
 * pcsclite never recovers a context after the service stops or restarts: after a
 * context error the next user gets a new one (the old one's threads have ended).
 */
export class SharedContext {
  readonly entries = new Map<string, ReaderEntry>();
  error?: CardFailure;
  /** pcsclite announced its first reader list (one batch, synchronously). */
  batchSeen = false;
  readonly createdAt = Date.now();
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly ctx: LibContext,
    platform: NodeJS.Platform,
    private readonly onDead: () => void,
  ) {
    ctx.on('error', (error: unknown) => {
      this.error ??= contextErrorMeaning(error, platform) ?? classifyPcscError(error, 'pcsc-unavailable');
      this.onDead();
      this.wake();
    });
    ctx.on('reader', (reader: LibReader) => this.add(reader));
  }

  private add(reader: LibReader): void {
    const entry: ReaderEntry = { reader, inflight: 0 };
    this.entries.set(reader.name, entry);
    // Unhandled 'error' events would crash the process: always listen.
    reader.on('error', () => {
      entry.state ??= 0;
      this.wake();
    });
    reader.on('status', (status: { state: number; atr?: Buffer }) => {
      entry.state = status.state;
      entry.atr = status.atr && status.atr.length > 0 ? Buffer.from(status.atr) : undefined;
      this.wake();
    });
    reader.on('end', () => {
      // The reader left (its status thread ended on its own): nothing to close.
      if (this.entries.get(reader.name) === entry) this.entries.delete(reader.name);
      this.wake();
    });
    // pcsclite announces one list's readers synchronously; the batch ends at the next tick.
    setImmediate(() => {
      this.batchSeen = true;
      this.wake();
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves once `done()` holds or at the deadline, whichever comes first. */
  waitFor(done: () => boolean, deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (done() || Date.now() >= deadline) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(check, Math.max(0, deadline - Date.now()));
      this.waiters.add(check);
      check();
    });
  }

  /** Every announced reader has reported its state (or the context failed). */
  settled(): boolean {
    return this.error !== undefined || (this.batchSeen && [...this.entries.values()].every((e) => e.state !== undefined));
  }
}

/** One shared context per factory: the real binding's factory is loaded once; tests pass their own. */
const contexts = new WeakMap<LibFactory, SharedContext>();

/**
 * The process's context for this factory, created on first use. Throws what the
 * factory throws (service absent); the caller decides what that means.
 */
export function sharedContext(factory: LibFactory, platform: NodeJS.Platform): SharedContext {
  const existing = contexts.get(factory);
  if (existing && !existing.error) return existing;
  const created: SharedContext = new SharedContext(factory(), platform, () => {
    if (contexts.get(factory) === created) contexts.delete(factory);
  });
  contexts.set(factory, created);
  return created;
}
