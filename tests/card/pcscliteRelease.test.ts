import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { holdsStaleHandle, openPcscliteSession } from '../../src-main/pcsc/pcscliteSession';
import type { LibContext, LibReader } from '../../src-main/pcsc/pcscliteTypes';

/** One physical reader shared by every fake context, with pcscd's exclusive-lock rule. */
function fakeStack(name: string) {
  const log: string[] = [];
  let lockedBy: object | undefined;
  const pendingTransmits: Array<(err: unknown, res: Buffer) => void> = [];
  const makeReader = (): LibReader => {
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
        setImmediate(() => {
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
        pendingTransmits.push(cb);
      },
      close() {
        log.push('close');
      },
    });
    return r as unknown as LibReader;
  };
  const factory = (): LibContext => {
    const ctx = Object.assign(new EventEmitter(), { close: () => undefined }) as unknown as LibContext;
    setImmediate(() => {
      const reader = makeReader();
      ctx.emit('reader', reader);
      reader.emit('status', { state: 0x20, atr: Buffer.from([0x3b, 0x00]) });
    });
    return ctx;
  };
  /** The card comes back (or is pulled): the library finally answers the stuck transmit. */
  const answerStuck = () => pendingTransmits.splice(0).forEach((cb) => cb(new Error('SCardTransmit error: Card was removed.(0x80100069)'), Buffer.alloc(0)));
  return { factory, log, answerStuck };
}

describe('pcsclite session: a timed-out transmit does not keep the card locked', () => {
  it('disconnects with reset once the stuck transmit returns, and a new connect waits for that', async () => {
    const stack = fakeStack('Fake 00');
    const first = await openPcscliteSession({ factory: stack.factory, emptyListWaitMs: 50 });
    await first.readers();
    const channel = await first.connect('Fake 00', 500);
    await expect(channel.transmit(Uint8Array.of(0, 0xa4, 4, 0), 50)).rejects.toMatchObject({ code: 'timeout' });
    const started = Date.now();
    await channel.disconnect('leave');
    first.close();
    // It must not wait for the stuck transmit (which only returns when answerStuck() runs below);
    // the bound is generous so a loaded machine cannot fail it.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(stack.log).toEqual([]); // nothing touched the native reader while the transmit is pending
    expect(holdsStaleHandle('Fake 00')).toBe(true);

    const second = await openPcscliteSession({ factory: stack.factory, emptyListWaitMs: 50 });
    await second.readers();
    const connecting = second.connect('Fake 00', 2000);
    await new Promise((r) => setTimeout(r, 150));
    stack.answerStuck();
    const again = await connecting;
    expect(stack.log[0]).toBe('disconnect:reset');
    // The reader is closed once its status has been quiet (pcscliteSession closeReader), not in the same tick.
    await vi.waitFor(() => expect(stack.log).toEqual(['disconnect:reset', 'close']), { timeout: 3000 });
    expect(holdsStaleHandle('Fake 00')).toBe(false);
    await again.disconnect();
    second.close();
  });

  it('with the stuck handle still held, says so instead of blaming another program', async () => {
    const stack = fakeStack('Fake 01');
    const first = await openPcscliteSession({ factory: stack.factory, emptyListWaitMs: 50 });
    await first.readers();
    const channel = await first.connect('Fake 01', 500);
    await expect(channel.transmit(Uint8Array.of(0, 0xb0, 0, 0), 50)).rejects.toMatchObject({ code: 'timeout' });
    await channel.disconnect();
    first.close();
    const second = await openPcscliteSession({ factory: stack.factory, emptyListWaitMs: 50 });
    await second.readers();
    const failure = await second.connect('Fake 01', 200).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'timeout', detail: expect.stringMatching(/earlier read in this program/) });
    second.close();
    stack.answerStuck();
    await new Promise((r) => setTimeout(r, 20));
    expect(holdsStaleHandle('Fake 01')).toBe(false);
  });
});

describe('pcsclite session: readers are closed only when their status thread is parked', () => {
  // pcsclite's reader.close() cancels the status thread's SCardGetStatusChange for 50 ms, then joins
  // it on the main thread; a cancel sent while the thread is between two waits is lost and the join
  // blocks the process until the reader's state changes (seen in the 500-cycle soak).
  it('waits for a quiet spell after the last status event before closing, then closes', async () => {
    const stack = fakeStack('Fake 02');
    const session = await openPcscliteSession({ factory: stack.factory, emptyListWaitMs: 50 });
    await session.readers();
    session.close();
    expect(stack.log).toEqual([]); // not in the same tick as the status event it just had
    // Timers fire late, never early: 100 ms after close() is < 250 ms after the last status event.
    await new Promise((r) => setTimeout(r, 100));
    expect(stack.log).toEqual([]);
    await vi.waitFor(() => expect(stack.log).toEqual(['close']), { timeout: 4000 });
  });

  it('closes a reader the library announces after the session was closed (else its thread and context live on)', async () => {
    const stack = fakeStack('Fake 03');
    const session = await openPcscliteSession({ factory: stack.factory, emptyListWaitMs: 50 });
    session.close(); // before the fake library announces its reader (next tick)
    await vi.waitFor(() => expect(stack.log).toEqual(['close']), { timeout: 4000 });
  });
});
