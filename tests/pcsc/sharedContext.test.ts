import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { holdsStaleHandle, openPcscliteSession } from '../../src-main/pcsc/pcscliteSession';
import type { LibContext, LibFactory, LibReader } from '../../src-main/pcsc/pcscliteTypes';
import { sharedContext } from '../../src-main/pcsc/sharedContext';

// The port's real implementation over a fake pcsclite: the library is replaced, our code is not.
// What is checked: one context per process, never closed, reader objects reused, and a card
// handle that a stuck call keeps is waited for instead of being touched.

/** A fake pcsclite with one reader and pcscd's exclusive-lock rule; counts what a real one would do on threads. */
function fakeLibrary(name: string) {
  const log: string[] = [];
  const counts = { contexts: 0, readerObjects: 0, contextCloses: 0, readerCloses: 0, connects: 0 };
  const pendingTransmits: Array<(err: unknown, res: Buffer) => void> = [];
  let mute = false;
  let cardIn = true;
  let lockedBy: object | undefined;
  const contexts: LibContext[] = [];
  const makeReader = (): LibReader => {
    counts.readerObjects++;
    const r = Object.assign(new EventEmitter(), {
      name,
      connected: false,
      SCARD_SHARE_SHARED: 2,
      SCARD_SHARE_EXCLUSIVE: 1,
      SCARD_PROTOCOL_T0: 1,
      SCARD_PROTOCOL_T1: 2,
      SCARD_STATE_PRESENT: 0x20,
      SCARD_STATE_MUTE: 0x200,
      SCARD_STATE_EMPTY: 0x10,
      SCARD_LEAVE_CARD: 0,
      SCARD_RESET_CARD: 1,
      connect(_o: unknown, cb: (err: unknown, p: number) => void) {
        // pcsclite's own shortcut: "connected" at once while its flag is set.
        if (r.connected) return void cb(undefined, 0);
        counts.connects++;
        setImmediate(() => {
          if (!cardIn) return cb(new Error('SCardConnect error: No smart card inserted.(0x8010000C)'), 0);
          if (lockedBy && lockedBy !== r) return cb(new Error('SCardConnect error: Sharing violation.(0x8010000b)'), 0);
          lockedBy = r;
          r.connected = true;
          cb(null, 2);
        });
      },
      disconnect(how: number, cb: (err: unknown) => void) {
        setImmediate(() => {
          log.push(`disconnect:${how === 1 ? 'reset' : 'leave'}`);
          if (lockedBy === r) lockedBy = undefined;
          r.connected = false;
          cb(null);
        });
      },
      transmit(_d: Buffer, _l: number, _p: number, cb: (err: unknown, res: Buffer) => void) {
        if (mute) pendingTransmits.push(cb);
        else setImmediate(() => cb(null, Buffer.from([0x90, 0x00])));
      },
      close() {
        counts.readerCloses++;
      },
    });
    return r as unknown as LibReader;
  };
  const factory: LibFactory = () => {
    counts.contexts++;
    const ctx = Object.assign(new EventEmitter(), { close: () => void counts.contextCloses++ }) as unknown as LibContext;
    contexts.push(ctx);
    setImmediate(() => {
      const reader = makeReader();
      ctx.emit('reader', reader);
      reader.emit('status', { state: 0x20, atr: Buffer.from([0x3b, 0x00]) });
      ctx.on('status-for-test', (present: boolean) => reader.emit('status', present ? { state: 0x20, atr: Buffer.from([0x3b, 0x00]) } : { state: 0x10 }));
    });
    return ctx;
  };
  return {
    factory,
    log,
    counts,
    contexts,
    /** Takes the card out or puts it in; with `announce` false the status event is lost (as pcsclite can lose one). */
    setCard: (present: boolean, announce: boolean) => {
      cardIn = present;
      if (announce) contexts.at(-1)!.emit('status-for-test', present);
    },
    /** The card stops answering: transmits stay pending until answerStuck(). */
    goMute: (on = true) => (mute = on),
    /** The card is pulled: the library finally answers the stuck transmits. */
    answerStuck: () => pendingTransmits.splice(0).forEach((cb) => cb(new Error('SCardTransmit error: Card was removed.(0x80100069)'), Buffer.alloc(0))),
  };
}

const open = (lib: ReturnType<typeof fakeLibrary>) => openPcscliteSession({ factory: lib.factory, emptyListWaitMs: 50 });
const SELECT = Uint8Array.of(0, 0xa4, 4, 0);

describe('one PC/SC context per process, never closed', () => {
  it('200 card checks use one context and one reader object, and close neither', async () => {
    const lib = fakeLibrary('Fake 10');
    for (let i = 0; i < 200; i++) {
      const session = await open(lib);
      expect(await session.readers()).toEqual([{ name: 'Fake 10', cardPresent: true, cardMute: false, atr: Uint8Array.of(0x3b, 0x00) }]);
      const channel = await session.connect('Fake 10', 500);
      expect(await channel.transmit(SELECT, 500)).toEqual(Uint8Array.of(0x90, 0x00));
      await channel.disconnect();
      session.close();
    }
    expect(lib.counts).toEqual({ contexts: 1, readerObjects: 1, contextCloses: 0, readerCloses: 0, connects: 200 });
    expect(lib.log.filter((l) => l !== 'disconnect:leave')).toEqual([]);
  });

  it('closing a session lets go of a card handle left connected, and nothing else', async () => {
    const lib = fakeLibrary('Fake 11');
    const session = await open(lib);
    await session.readers();
    await session.connect('Fake 11', 500);
    session.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(lib.log).toEqual(['disconnect:leave']);
    expect(lib.counts).toMatchObject({ contextCloses: 0, readerCloses: 0 });
    // The next check connects again (not pcsclite's "already connected" shortcut on a stale handle).
    const next = await open(lib);
    const channel = await next.connect('Fake 11', 500);
    expect(lib.counts.connects).toBe(2);
    await channel.disconnect();
  });

  it('after a context error (service stopped) the next check gets a new context; the failed one is not closed', async () => {
    const lib = fakeLibrary('Fake 12');
    const before = await open(lib);
    await before.readers();
    lib.contexts[0]!.emit('error', new Error('SCardGetStatusChange error: Service was stopped.(0x8010001E)'));
    const after = await open(lib);
    expect(await after.readers()).toHaveLength(1);
    expect(lib.counts).toMatchObject({ contexts: 2, contextCloses: 0, readerCloses: 0 });
  });

  it('a service that is down is asked again by the next check (no context is kept from a failed start)', async () => {
    let up = false;
    const lib = fakeLibrary('Fake 13');
    const factory: LibFactory = () => {
      if (!up) throw new Error('SCardEstablishContext error: Service not available.(0x8010001D)');
      return lib.factory();
    };
    await expect(openPcscliteSession({ factory, emptyListWaitMs: 50, platformPcsc: { platform: 'linux', serviceStartType: async () => 'unknown' } })).rejects.toMatchObject({ code: 'pcsc-unavailable' });
    up = true;
    const session = await openPcscliteSession({ factory, emptyListWaitMs: 50 });
    expect(await session.readers()).toHaveLength(1);
  });
});

describe('the shared reader: one check at a time, and a stuck call keeps it', () => {
  it('a timed-out transmit: disconnect returns at once, the reset waits for the library, the next check waits for that', async () => {
    const lib = fakeLibrary('Fake 20');
    const first = await open(lib);
    await first.readers();
    const channel = await first.connect('Fake 20', 500);
    lib.goMute();
    await expect(channel.transmit(SELECT, 50)).rejects.toMatchObject({ code: 'timeout' });
    const started = Date.now();
    await channel.disconnect('leave');
    first.close();
    // The bound is generous so a loaded machine cannot fail it; the stuck transmit never returns on its own.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(lib.log).toEqual([]); // nothing touched the native reader while the transmit is pending
    expect(holdsStaleHandle(sharedContext(lib.factory, process.platform), 'Fake 20')).toBe(true);

    lib.goMute(false);
    const second = await open(lib);
    const connecting = second.connect('Fake 20', 2000);
    await new Promise((r) => setTimeout(r, 150));
    expect(lib.counts.connects).toBe(1); // still waiting for our own stuck handle
    lib.answerStuck();
    const again = await connecting;
    expect(lib.log).toEqual(['disconnect:reset']);
    expect(holdsStaleHandle(sharedContext(lib.factory, process.platform), 'Fake 20')).toBe(false);
    expect(await again.transmit(SELECT, 500)).toEqual(Uint8Array.of(0x90, 0x00));
    await again.disconnect();
    expect(lib.counts).toMatchObject({ contexts: 1, readerObjects: 1, contextCloses: 0, readerCloses: 0 });
  });

  it('with the stuck handle still held, says so (take the card out) instead of blaming another program', async () => {
    const lib = fakeLibrary('Fake 21');
    const first = await open(lib);
    const channel = await first.connect('Fake 21', 500);
    lib.goMute();
    await expect(channel.transmit(SELECT, 50)).rejects.toMatchObject({ code: 'timeout' });
    first.close();
    const second = await open(lib);
    const failure = await second.connect('Fake 21', 200).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'timeout', detail: expect.stringMatching(/earlier read in this program/) });
    lib.answerStuck();
    await new Promise((r) => setTimeout(r, 20));
    expect(holdsStaleHandle(sharedContext(lib.factory, process.platform), 'Fake 21')).toBe(false);
  });

  it('two checks at once: the second waits for the first to disconnect, or says the card is in use', async () => {
    const lib = fakeLibrary('Fake 22');
    const a = await open(lib);
    const b = await open(lib);
    const channelA = await a.connect('Fake 22', 500);
    await expect(b.connect('Fake 22', 100)).rejects.toMatchObject({ code: 'card-in-use', detail: expect.stringMatching(/another check in this program/) });
    const waiting = b.connect('Fake 22', 2000);
    await new Promise((r) => setTimeout(r, 50));
    await channelA.disconnect();
    const channelB = await waiting;
    expect(await channelB.transmit(SELECT, 500)).toEqual(Uint8Array.of(0x90, 0x00));
    await channelB.disconnect();
    expect(lib.counts.connects).toBe(2);
  });

  it('a reader whose last disconnect failed (flag still set) is disconnected before the next connect', async () => {
    const lib = fakeLibrary('Fake 23');
    const session = await open(lib);
    await session.readers();
    const reader = sharedContext(lib.factory, process.platform).entries.get('Fake 23')!.reader;
    reader.connected = true; // what pcsclite leaves when SCardDisconnect fails
    const channel = await session.connect('Fake 23', 500);
    expect(lib.log).toEqual(['disconnect:reset']);
    expect(lib.counts.connects).toBe(1);
    await channel.disconnect();
  });
});

