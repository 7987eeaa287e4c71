import { CardFailure, STILL_WAITING_ADVICE, classifyPcscError } from './errors';
import { loadPcsclite } from './loadPcsclite';
import type { LibContext, LibFactory, LibReader } from './pcscliteTypes';
import type { CardChannel, Disposition, PcscSession, ReaderStatus } from './port';
import { contextErrorMeaning, hostPlatformPcsc, serviceAbsentMeaning, type PlatformPcsc } from './platformPcsc';

interface Entry {
  reader: LibReader;
  state?: number;
  atr?: Buffer;
  protocol?: number;
  /** Transmits the library has not answered yet (a mute card can hold one forever). */
  inflight: number;
  closeWhenIdle: boolean;
  /** Disconnect owed once the pending transmit returns. */
  release?: { disposition: number; done: () => void };
}

/**
 * Card handles this process still holds after their session gave up on them, by
 * reader. A handle is exclusive and pcsclite frees it only on SCardDisconnect (or
 * at garbage collection): a transmit that timed out keeps it until the library
 * returns, which for a silent card is when the card is taken out. A new connect
 * that meets a sharing violation waits for these instead of blaming another program.
 */
const heldByUs = new Map<string, Set<Promise<void>>>();

function holdUntil(readerName: string, released: Promise<void>): void {
  let set = heldByUs.get(readerName);
  if (!set) heldByUs.set(readerName, (set = new Set()));
  set.add(released);
  void released.then(() => {
    set.delete(released);
    if (set.size === 0 && heldByUs.get(readerName) === set) heldByUs.delete(readerName);
  });
}

/** Resolves true once none of our own handles on the reader is left, false at the deadline. */
async function ownHandlesReleased(readerName: string, deadline: number): Promise<boolean> {
  for (;;) {
    const set = heldByUs.get(readerName);
    if (!set || set.size === 0) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(set), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
  }
}

/** Whether this process still holds a handle on the reader (for messages and tests). */
export function holdsStaleHandle(readerName: string): boolean {
  return (heldByUs.get(readerName)?.size ?? 0) > 0;
}

/**
 * Disconnects once the pending transmit returns (at once when none is pending),
 * and closes the reader if its session is gone. Never blocks the main thread.
 */
function releaseWhenIdle(entry: Entry, disposition: number): void {
  if (entry.release) return;
  let done!: () => void;
  const released = new Promise<void>((resolve) => (done = resolve));
  entry.release = { disposition, done };
  holdUntil(entry.reader.name, released);
  if (entry.inflight === 0) settleIdle(entry);
}

function settleIdle(entry: Entry): void {
  const release = entry.release;
  entry.release = undefined;
  const finish = () => {
    if (entry.closeWhenIdle) {
      entry.closeWhenIdle = false;
      closeReader(entry.reader);
    }
    release?.done();
  };
  if (!release || !entry.reader.connected) {
    finish();
    return;
  }
  try {
    entry.reader.disconnect(release.disposition, () => finish());
  } catch {
    finish();
  }
}

/** How long to wait for pcsclite's first reader list when no reader shows up at all. */
const EMPTY_LIST_WAIT_MS = 600;
/** Response buffer: 256 data bytes + SW, with room to spare. */
const RESPONSE_MAX = 512;
const SHARING_RETRY_MS = 100;

export interface SessionOptions {
  factory?: LibFactory;
  emptyListWaitMs?: number;
  /** The platform's meaning of "no service" (Windows: usually no reader). */
  platformPcsc?: PlatformPcsc;
}

/**
 * Opens one PC/SC context through pcsclite. Rejects with CardFailure
 * ('pcsc-binding-missing' when the binding cannot load, 'pcsc-unavailable' when
 * the service is off). On Windows with no reader attached the service is not
 * running by design: that opens a session that simply has no readers.
 */
export async function openPcscliteSession(options: SessionOptions = {}): Promise<PcscSession> {
  const factory = options.factory ?? (await loadPcsclite());
  const env = options.platformPcsc ?? hostPlatformPcsc;
  let ctx: LibContext;
  try {
    ctx = factory();
  } catch (error) {
    const meaning = await serviceAbsentMeaning(error, env);
    if (meaning?.code === 'no-reader') return new ReaderlessSession(meaning);
    throw meaning ?? classifyPcscError(error, 'pcsc-unavailable');
  }
  return new PcscliteSession(ctx, options.emptyListWaitMs ?? EMPTY_LIST_WAIT_MS, env.platform);
}

/** PC/SC that works but has no reader (Windows with its service stopped for lack of one). */
class ReaderlessSession implements PcscSession {
  constructor(private readonly why: CardFailure) {}
  async readers(): Promise<ReaderStatus[]> {
    return [];
  }
  async connect(name: string): Promise<CardChannel> {
    throw new CardFailure('no-reader', `reader not found: ${name}; ${this.why.detail ?? ''}`.trim());
  }
  close(): void {}
}

class PcscliteSession implements PcscSession {
  private readonly entries = new Map<string, Entry>();
  private contextError?: CardFailure;
  private closed = false;
  private batchSeen = false;
  private readonly waiters = new Set<() => void>();
  private readonly openedAt = Date.now();

  constructor(
    private readonly ctx: LibContext,
    private readonly emptyListWaitMs: number,
    private readonly platform: NodeJS.Platform,
  ) {
    ctx.on('error', (error: unknown) => {
      if (this.closed) return;
      this.contextError = contextErrorMeaning(error, this.platform) ?? classifyPcscError(error, 'pcsc-unavailable');
      this.wake();
    });
    noteStatus(ctx); // its PnP thread is starting
    ctx.on('reader', (reader: LibReader) => {
      noteStatus(ctx);
      if (this.closed) {
        // Announced after we closed: nobody will use it, and its status thread would live (and hold a PC/SC context) forever.
        reader.on('error', () => undefined);
        reader.on('status', () => noteStatus(reader));
        noteStatus(reader);
        closeReader(reader);
        return;
      }
      const entry: Entry = { reader, inflight: 0, closeWhenIdle: false };
      this.entries.set(reader.name, entry);
      noteStatus(reader); // its status thread is starting: not yet cancellable
      // Unhandled 'error' events would crash the process: always listen.
      reader.on('error', () => {
        entry.state = entry.state ?? 0;
        this.wake();
      });
      reader.on('status', (status: { state: number; atr?: Buffer }) => {
        noteStatus(reader);
        entry.state = status.state;
        entry.atr = status.atr && status.atr.length > 0 ? Buffer.from(status.atr) : undefined;
        this.wake();
      });
      reader.on('end', () => {
        this.entries.delete(reader.name);
        this.wake();
      });
      // pcsclite announces one list's readers synchronously; the batch ends at the next tick.
      setImmediate(() => {
        this.batchSeen = true;
        this.wake();
      });
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private waitFor(done: () => boolean, deadline: number): Promise<void> {
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

  async readers(): Promise<ReaderStatus[]> {
    if (this.closed) throw new CardFailure('communication', 'session closed');
    await this.waitFor(
      () =>
        this.contextError !== undefined ||
        (this.batchSeen && [...this.entries.values()].every((e) => e.state !== undefined)),
      this.openedAt + this.emptyListWaitMs + (this.batchSeen ? 1500 : 0),
    );
    if (this.contextError && this.entries.size === 0) throw this.contextError;
    return [...this.entries.entries()].map(([name, e]) => {
      const state = e.state ?? 0;
      const present = (state & e.reader.SCARD_STATE_PRESENT) !== 0;
      return {
        name,
        cardPresent: present,
        cardMute: present && (state & e.reader.SCARD_STATE_MUTE) !== 0,
        ...(e.atr ? { atr: new Uint8Array(e.atr) } : {}),
      };
    });
  }

  /**
   * Exclusive access, waiting while another program holds the card. Shared mode
   * without transactions (pcsclite has none) lets another program's SELECT land
   * between ours and our READ or VERIFY: a VERIFY could then hit the wrong PIN.
   */
  async connect(name: string, timeoutMs = 5000): Promise<CardChannel> {
    const entry = this.entries.get(name);
    if (!entry) throw new CardFailure('no-reader', `reader not found: ${name}`);
    const { reader } = entry;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const protocol = await connectOnce(entry, Math.max(1, deadline - Date.now()), name);
        entry.protocol = protocol ?? entry.protocol;
        return new PcscliteChannel(entry, name);
      } catch (error) {
        const busy = error instanceof Error && /0x8010000b/i.test(error.message);
        if (!busy) throw classifyPcscError(error);
        if (holdsStaleHandle(name)) {
          if (!(await ownHandlesReleased(name, deadline))) {
            throw new CardFailure(
              'timeout',
              `an earlier read in this program is still waiting for the card in ${name} to answer`,
              STILL_WAITING_ADVICE,
            );
          }
          continue;
        }
        if (Date.now() + SHARING_RETRY_MS >= deadline) {
          throw new CardFailure('card-in-use', `the card in ${name} is held by another program (sharing violation)`);
        }
        await new Promise((resolve) => setTimeout(resolve, SHARING_RETRY_MS));
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const entry of this.entries.values()) {
      // pcsclite's close() takes the same mutex as a running SCardTransmit, on the
      // main thread: closing under a mute card would freeze the whole process.
      // A handle still connected (a transmit pending, or a caller that never
      // disconnected) would keep the card locked against everyone until garbage
      // collection: disconnect it as soon as the library lets us.
      if (entry.inflight > 0 || entry.release || entry.reader.connected) {
        entry.closeWhenIdle = true;
        releaseWhenIdle(entry, entry.inflight > 0 ? entry.reader.SCARD_RESET_CARD : entry.reader.SCARD_LEAVE_CARD);
      } else closeReader(entry.reader);
    }
    // Same lost-cancel race as a reader's close (PCSCLite::Close joins its PnP thread): wait for quiet.
    closeReader(this.ctx);
    this.wake();
  }
}

class PcscliteChannel implements CardChannel {
  readonly atr: Uint8Array;
  private broken?: CardFailure;
  constructor(
    private readonly entry: Entry,
    readonly reader: string,
  ) {
    this.atr = entry.atr ? new Uint8Array(entry.atr) : new Uint8Array();
  }

  async transmit(apdu: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (this.broken) throw this.broken;
    // Our own copy for the library, wiped afterwards: it may hold a PIN.
    const data = Buffer.from(apdu);
    const entry = this.entry;
    try {
      const response = await withTimeout(
        new Promise<Buffer>((resolve, reject) => {
          entry.inflight++;
          entry.reader.transmit(data, RESPONSE_MAX, entry.protocol ?? 0, (err, res) => {
            entry.inflight--;
            data.fill(0);
            if (entry.inflight === 0 && (entry.release || entry.closeWhenIdle)) settleIdle(entry);
            if (err) reject(classifyPcscError(err));
            else resolve(res);
          });
        }),
        timeoutMs,
        'transmit',
      );
      return new Uint8Array(response);
    } catch (error) {
      const failure = classifyPcscError(error);
      if (failure.code === 'timeout' || failure.code === 'card-removed') this.broken = failure;
      throw failure;
    }
  }

  async disconnect(disposition: Disposition = 'leave'): Promise<void> {
    const entry = this.entry;
    const { reader } = entry;
    if (entry.inflight > 0 || entry.release) {
      // A card that went silent mid-command is in an unknown state: reset it for
      // whoever comes next. Our caller must not wait for a card that may never answer.
      releaseWhenIdle(entry, reader.SCARD_RESET_CARD);
      return;
    }
    if (!reader.connected) return;
    const how = disposition === 'reset' || this.broken?.code === 'timeout' ? reader.SCARD_RESET_CARD : reader.SCARD_LEAVE_CARD;
    await withTimeout(
      new Promise<void>((resolve) => reader.disconnect(how, () => resolve())),
      2000,
      'disconnect',
    ).catch(() => undefined);
  }
}

/**
 * One SCardConnect. If our deadline passes first, the library may still connect
 * later: that handle is disconnected as soon as it arrives, so it cannot lock the card.
 */
function connectOnce(entry: Entry, timeoutMs: number, name: string): Promise<number> {
  const { reader } = entry;
  let gaveUp = false;
  let lateSettled!: () => void;
  const attempt = new Promise<number>((resolve, reject) => {
    reader.connect(
      { share_mode: reader.SCARD_SHARE_EXCLUSIVE, protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1 },
      (err, proto) => {
        if (gaveUp) {
          if (err || !reader.connected) lateSettled();
          else reader.disconnect(reader.SCARD_LEAVE_CARD, () => lateSettled());
        }
        if (err) reject(err);
        else resolve(proto);
      },
    );
  });
  return withTimeout(attempt, timeoutMs, `connect to ${name}`).catch((error: unknown) => {
    if (error instanceof CardFailure && error.code === 'timeout') {
      gaveUp = true;
      holdUntil(name, new Promise<void>((resolve) => (lateSettled = resolve)));
      attempt.catch(() => undefined);
    }
    throw error;
  });
}

/**
 * pcsclite's reader.close() runs on the main thread: it sends SCardCancel for at most
 * 5 x 10 ms, then joins the reader's status thread. A cancel sent while that thread is
 * not yet waiting inside SCardGetStatusChange (just started, or just back from a state
 * change) is lost, and the join then blocks the whole process until the reader's state
 * changes again (seen in the 500-cycle soak: CardReader::Close -> uv_thread_join). So a
 * reader is closed only once it has had no status event for a while, when its thread
 * is parked in the wait the cancel can interrupt.
 */
const QUIET_BEFORE_CLOSE_MS = 250;
const MAX_CLOSE_DELAY_MS = 3_000;
const lastStatusAt = new WeakMap<object, number>();

function noteStatus(reader: LibReader | LibContext): void {
  lastStatusAt.set(reader, Date.now());
}

/** Closes a reader or a context once its status thread has been quiet (see above). */
function closeReader(reader: Pick<LibReader, 'close'>, waitedMs = 0): void {
  const quietFor = Date.now() - (lastStatusAt.get(reader) ?? 0);
  if (quietFor < QUIET_BEFORE_CLOSE_MS && waitedMs < MAX_CLOSE_DELAY_MS) {
    const wait = QUIET_BEFORE_CLOSE_MS - quietFor;
    setTimeout(() => closeReader(reader, waitedMs + wait), wait);
    return;
  }
  try {
    reader.close();
  } catch {
    // already gone with the service
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CardFailure('timeout', `${what}: no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
