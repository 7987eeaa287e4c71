import { CardFailure, STILL_WAITING_ADVICE, classifyPcscError } from './errors';
import { loadPcsclite } from './loadPcsclite';
import type { LibFactory, LibReader } from './pcscliteTypes';
import type { CardChannel, Disposition, PcscSession, ReaderStatus } from './port';
import { hostPlatformPcsc, serviceAbsentMeaning, type PlatformPcsc } from './platformPcsc';
import { sharedContext, type ReaderEntry, type ReaderHold, type SharedContext } from './sharedContext';

/** How long to wait for pcsclite's first reader list when no reader shows up at all. */
const EMPTY_LIST_WAIT_MS = 600;
/** Response buffer: 256 data bytes + SW, with room to spare. */
const RESPONSE_MAX = 512;
const SHARING_RETRY_MS = 100;
const DISCONNECT_WAIT_MS = 2000;

export interface SessionOptions {
  factory?: LibFactory;
  emptyListWaitMs?: number;
  /** The platform's meaning of "no service" (Windows: usually no reader). */
  platformPcsc?: PlatformPcsc;
}

/**
 * A card check's view of the process's one PC/SC context (sharedContext.ts: it is
 * never closed). Rejects with CardFailure ('pcsc-binding-missing' when the binding
 * cannot load, 'pcsc-unavailable' when the service is off). On Windows with no
 * reader attached the service is not running by design: that opens a session
 * that simply has no readers.
 */
export async function openPcscliteSession(options: SessionOptions = {}): Promise<PcscSession> {
  const factory = options.factory ?? (await loadPcsclite());
  const env = options.platformPcsc ?? hostPlatformPcsc;
  let shared: SharedContext;
  try {
    shared = sharedContext(factory, env.platform);
  } catch (error) {
    const meaning = await serviceAbsentMeaning(error, env);
    if (meaning?.code === 'no-reader') return new ReaderlessSession(meaning);
    throw meaning ?? classifyPcscError(error, 'pcsc-unavailable');
  }
  return new PcscliteSession(shared, options.emptyListWaitMs ?? EMPTY_LIST_WAIT_MS);
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

/** Whether this process still holds a handle on the reader that its channel gave up on (for messages and tests). */
export function holdsStaleHandle(shared: SharedContext, readerName: string): boolean {
  return shared.entries.get(readerName)?.holder?.abandoned === true;
}

class PcscliteSession implements PcscSession {
  private closed = false;
  private readonly channels = new Set<PcscliteChannel>();

  constructor(
    private readonly shared: SharedContext,
    private readonly emptyListWaitMs: number,
  ) {}

  /** Only a context just created waits (for its first list and states); later checks go on at once. */
  private settled(): Promise<void> {
    const shared = this.shared;
    return shared.waitFor(() => shared.settled(), shared.createdAt + this.emptyListWaitMs + (shared.batchSeen ? 1500 : 0));
  }

  async readers(): Promise<ReaderStatus[]> {
    if (this.closed) throw new CardFailure('communication', 'session closed');
    const shared = this.shared;
    await this.settled();
    if (shared.error && shared.entries.size === 0) throw shared.error;
    return Promise.all(
      [...shared.entries.entries()].map(([name, e]) => {
        const state = e.state ?? 0;
        const present = (state & e.reader.SCARD_STATE_PRESENT) !== 0;
        return {
          name,
          cardPresent: present,
          cardMute: present && (state & e.reader.SCARD_STATE_MUTE) !== 0,
          ...(e.atr ? { atr: new Uint8Array(e.atr) } : {}),
        };
      }),
    );
  }

  /**
   * Exclusive access, waiting while another program (or another check in this
   * one) holds the card. Shared mode without transactions (pcsclite has none) lets
   * another program's SELECT land between ours and our READ or VERIFY: a VERIFY
   * could then hit the wrong PIN.
   */
  async connect(name: string, timeoutMs = 5000): Promise<CardChannel> {
    if (this.closed) throw new CardFailure('communication', 'session closed');
    await this.settled();
    const entry = this.shared.entries.get(name);
    if (!entry) throw new CardFailure('no-reader', `reader not found: ${name}`);
    const deadline = Date.now() + timeoutMs;
    const hold = await takeReader(entry, name, deadline);
    for (;;) {
      try {
        const protocol = await connectOnce(entry, hold, Math.max(1, deadline - Date.now()), name);
        entry.protocol = protocol ?? entry.protocol;
        const channel = new PcscliteChannel(entry, hold, name, () => this.channels.delete(channel));
        this.channels.add(channel);
        return channel;
      } catch (error) {
        const failure = classifyPcscError(error);
        // A connect that outlived our deadline still owns the reader until it settles (connectOnce).
        if (!hold.abandoned) {
          const busy = error instanceof Error && /0x8010000b/i.test(error.message);
          if (busy && Date.now() + SHARING_RETRY_MS < deadline) {
            await new Promise((resolve) => setTimeout(resolve, SHARING_RETRY_MS));
            continue;
          }
          hold.release();
          if (busy) throw new CardFailure('card-in-use', `the card in ${name} is held by another program (sharing violation)`);
        }
        throw failure;
      }
    }
  }

  /** Lets go of the card handles this session still has; the context and its readers stay. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const channel of [...this.channels]) void channel.disconnect('leave');
  }
}

/**
 * Waits until no other channel of this process holds the reader, then holds it.
 * By the deadline: our own stuck call is "still waiting" (take the card out), a
 * check still running is "in use".
 */
async function takeReader(entry: ReaderEntry, name: string, deadline: number): Promise<ReaderHold> {
  for (;;) {
    const current = entry.holder;
    if (!current) break;
    const left = deadline - Date.now();
    if (left <= 0) {
      if (current.abandoned) {
        throw new CardFailure('timeout', `an earlier read in this program is still waiting for the card in ${name} to answer`, STILL_WAITING_ADVICE);
      }
      throw new CardFailure('card-in-use', `the card in ${name} is being read by another check in this program`);
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([current.released, new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
  }
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const hold: ReaderHold = {
    abandoned: false,
    released,
    release: () => {
      if (entry.holder === hold) entry.holder = undefined;
      release();
    },
  };
  entry.holder = hold;
  return hold;
}

/**
 * Disconnects once the pending transmit returns (at once when none is pending),
 * then frees the reader for the next check. Never blocks the main thread.
 */
function releaseWhenIdle(entry: ReaderEntry, hold: ReaderHold, disposition: number): void {
  if (hold.abandoned) return;
  hold.abandoned = true;
  const finish = () => hold.release();
  const disconnect = () => {
    if (!entry.reader.connected) return finish();
    try {
      entry.reader.disconnect(disposition, () => finish());
    } catch {
      finish();
    }
  };
  if (entry.inflight === 0) disconnect();
  else pendingRelease.set(entry, disconnect);
}

/** Disconnects owed once the reader's stuck transmit returns. */
const pendingRelease = new WeakMap<ReaderEntry, () => void>();

class PcscliteChannel implements CardChannel {
  readonly atr: Uint8Array;
  private broken?: CardFailure;
  private done = false;
  constructor(
    private readonly entry: ReaderEntry,
    private readonly hold: ReaderHold,
    readonly reader: string,
    private readonly onDone: () => void,
  ) {
    this.atr = entry.atr ? new Uint8Array(entry.atr) : new Uint8Array();
  }

  async transmit(apdu: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (this.broken) throw this.broken;
    if (this.done) throw new CardFailure('communication', 'channel disconnected');
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
            const owed = pendingRelease.get(entry);
            if (entry.inflight === 0 && owed) {
              pendingRelease.delete(entry);
              owed();
            }
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
    if (this.done) return;
    this.done = true;
    this.onDone();
    const { entry, hold } = this;
    const { reader } = entry;
    if (entry.inflight > 0) {
      // A card that went silent mid-command is in an unknown state: reset it for
      // whoever comes next. Our caller must not wait for a card that may never answer.
      releaseWhenIdle(entry, hold, reader.SCARD_RESET_CARD);
      return;
    }
    const how = disposition === 'reset' || this.broken?.code === 'timeout' ? reader.SCARD_RESET_CARD : reader.SCARD_LEAVE_CARD;
    releaseWhenIdle(entry, hold, how);
    await withTimeout(hold.released, DISCONNECT_WAIT_MS, 'disconnect').catch(() => undefined);
  }
}

/**
 * One SCardConnect. If our deadline passes first, the library may still connect
 * later: that handle is disconnected as soon as it arrives, and the reader stays
 * held until then, so it cannot lock the card.
 */
function connectOnce(entry: ReaderEntry, hold: ReaderHold, timeoutMs: number, name: string): Promise<number> {
  const { reader } = entry;
  let gaveUp = false;
  const attempt = new Promise<number>((resolve, reject) => {
    connectReader(reader, (err, proto) => {
      if (gaveUp) {
        if (err || !reader.connected) hold.release();
        else reader.disconnect(reader.SCARD_LEAVE_CARD, () => hold.release());
      }
      if (err) reject(err);
      else resolve(proto);
    });
  });
  return withTimeout(attempt, timeoutMs, `connect to ${name}`).catch((error: unknown) => {
    if (error instanceof CardFailure && error.code === 'timeout') {
      gaveUp = true;
      hold.abandoned = true;
      attempt.catch(() => undefined);
    }
    throw error;
  });
}

/**
 * pcsclite's connect() answers "connected" at once, without SCardConnect, while its
 * `connected` flag is still set; the flag stays set when an SCardDisconnect failed.
 * The reader object is reused by every check, so such a leftover is dropped first.
 */
function connectReader(reader: LibReader, cb: (err: unknown, protocol: number) => void): void {
  const options = { share_mode: reader.SCARD_SHARE_EXCLUSIVE, protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1 };
  if (!reader.connected) return reader.connect(options, cb);
  reader.disconnect(reader.SCARD_RESET_CARD, () => {
    if (!reader.connected) reader.connect(options, cb);
    else if (reader._connect) reader._connect(options.share_mode, options.protocol, cb);
    else cb(new CardFailure('communication', `the previous connection to ${reader.name} could not be closed`), 0);
  });
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
