import type { ReaderEvent } from '../contract/snapshot';
import { loadPcsclite } from './loadPcsclite';
import type { LibContext, LibFactory, LibReader } from './pcscliteTypes';
import { hostPlatformPcsc, isServiceAbsent, serviceAbsentMeaning, type PlatformPcsc } from './platformPcsc';

export interface WatchOptions {
  factory?: LibFactory;
  /** How often to retry while the service is down. */
  retryMs?: number;
  platformPcsc?: PlatformPcsc;
}

/**
 * Hot-plug events from a long-lived pcsclite context. pcsclite never recovers a
 * context after the service restarts or (on Windows) after the last reader is
 * unplugged (santigimeno/node-pcsclite#68): on any context error we drop the whole
 * instance, report every reader and card we knew as gone (then service-down), and
 * retry until a new context comes up; that one re-announces what is really there.
 * Within one context, events are de-duplicated against what we know, so listeners
 * only see real changes.
 */
export function watchReaderEvents(listener: (event: ReaderEvent) => void, options: WatchOptions = {}): () => void {
  const retryMs = options.retryMs ?? 1000;
  const env = options.platformPcsc ?? hostPlatformPcsc;
  const known = new Map<string, boolean>(); // reader -> card present
  let stopped = false;
  let serviceUp: boolean | undefined;
  let ctx: LibContext | undefined;
  let readers: LibReader[] = [];
  let retryTimer: NodeJS.Timeout | undefined;

  const emit = (event: ReaderEvent) => {
    if (stopped) return;
    try {
      listener(event);
    } catch {
      // a failing listener must not stop hot-plug tracking
    }
  };

  const teardown = () => {
    for (const r of readers) {
      try {
        r.close();
      } catch {
        // gone with the service
      }
    }
    readers = [];
    try {
      ctx?.close();
    } catch {
      // gone with the service
    }
    ctx = undefined;
  };

  /** Windows with its service stopped for lack of a reader: PC/SC is fine, there are just no readers. */
  const noReaders = () => {
    teardown();
    for (const [name, present] of known) {
      if (present) emit({ type: 'card-removed', reader: name });
      emit({ type: 'reader-detached', reader: name });
    }
    known.clear();
    if (serviceUp !== true) {
      serviceUp = true;
      emit({ type: 'service-up' });
    }
    if (!stopped) retryTimer = setTimeout(start, retryMs);
  };

  /** Asks Windows once per outage whether the service is disabled (it spawns sc.exe). */
  let outageMeaning: Promise<'no-reader' | 'service-down'> | undefined;
  const afterContextFailure = (error: unknown) => {
    if (env.platform !== 'win32' || !isServiceAbsent(error)) {
      serviceDown();
      return;
    }
    outageMeaning ??= serviceAbsentMeaning(error, env).then((m) => (m?.code === 'no-reader' ? 'no-reader' : 'service-down'));
    void outageMeaning.then((meaning) => {
      if (stopped) return;
      if (meaning === 'no-reader') noReaders();
      else serviceDown();
    });
  };

  const serviceDown = () => {
    teardown();
    if (serviceUp !== false) {
      serviceUp = false;
      for (const [name, present] of known) {
        if (present) emit({ type: 'card-removed', reader: name });
        emit({ type: 'reader-detached', reader: name });
      }
      known.clear();
      emit({ type: 'service-down' });
    }
    if (!stopped) retryTimer = setTimeout(start, retryMs);
  };

  const start = async () => {
    if (stopped) return;
    let factory: LibFactory;
    try {
      factory = options.factory ?? (await loadPcsclite());
    } catch {
      // Our own binding is missing or built for another runtime: retrying cannot
      // help and the service is not down; the card check reports it (pcsc-binding-missing).
      return;
    }
    try {
      ctx = factory();
    } catch (error) {
      afterContextFailure(error);
      return;
    }
    outageMeaning = undefined;
    if (stopped) {
      teardown();
      return;
    }
    if (serviceUp !== true) {
      serviceUp = true;
      emit({ type: 'service-up' });
    }
    const thisCtx = ctx;
    thisCtx.on('error', (error: unknown) => {
      if (ctx !== thisCtx || stopped) return;
      afterContextFailure(error);
    });
    thisCtx.on('reader', (reader: LibReader) => {
      readers.push(reader);
      if (!known.has(reader.name)) {
        known.set(reader.name, false);
        emit({ type: 'reader-attached', reader: reader.name });
      }
      reader.on('error', () => undefined);
      reader.on('status', (status: { state: number }) => {
        const present = (status.state & reader.SCARD_STATE_PRESENT) !== 0;
        const before = known.get(reader.name) ?? false;
        known.set(reader.name, present);
        if (present && !before) emit({ type: 'card-inserted', reader: reader.name });
        if (!present && before) emit({ type: 'card-removed', reader: reader.name });
      });
      reader.on('end', () => {
        if (ctx !== thisCtx) return;
        readers = readers.filter((r) => r !== reader);
        if (known.get(reader.name)) emit({ type: 'card-removed', reader: reader.name });
        known.delete(reader.name);
        emit({ type: 'reader-detached', reader: reader.name });
      });
    });
  };

  void start();
  return () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    teardown();
  };
}
