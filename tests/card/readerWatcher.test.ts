import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ReaderEvent } from '../../src-main/contract/snapshot';
import type { LibContext, LibFactory, LibReader } from '../../src-main/pcsc/pcscliteTypes';
import { watchReaderEvents } from '../../src-main/pcsc/readerWatcher';

const PRESENT = 0x20;
const EMPTY = 0x10;

class FakeReader extends EventEmitter {
  SCARD_STATE_PRESENT = PRESENT;
  closed = false;
  constructor(readonly name: string) {
    super();
  }
  close() {
    this.closed = true;
  }
}
class FakeContext extends EventEmitter {
  closed = false;
  close() {
    this.closed = true;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('watchReaderEvents', () => {
  it('turns library events into ReaderEvents and re-creates the context after the service dies', async () => {
    const contexts: FakeContext[] = [];
    let serviceUp = false;
    const factory: LibFactory = () => {
      if (!serviceUp) throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
      const ctx = new FakeContext();
      contexts.push(ctx);
      return ctx as unknown as LibContext;
    };
    const events: ReaderEvent[] = [];
    const stop = watchReaderEvents((e) => events.push(e), { factory, retryMs: 10 });
    await tick();
    expect(events).toEqual([{ type: 'service-down' }]);

    serviceUp = true;
    await new Promise((r) => setTimeout(r, 30));
    expect(events.at(-1)).toEqual({ type: 'service-up' });
    const reader = new FakeReader('USB Reader');
    contexts[0].emit('reader', reader as unknown as LibReader);
    reader.emit('status', { state: EMPTY });
    reader.emit('status', { state: PRESENT });
    reader.emit('status', { state: PRESENT }); // no change, no event
    reader.emit('status', { state: EMPTY });
    reader.emit('status', { state: PRESENT });
    expect(events.slice(2)).toEqual([
      { type: 'reader-attached', reader: 'USB Reader' },
      { type: 'card-inserted', reader: 'USB Reader' },
      { type: 'card-removed', reader: 'USB Reader' },
      { type: 'card-inserted', reader: 'USB Reader' },
    ]);

    // The service stops: the card and reader disappear, the dead context is dropped.
    serviceUp = false;
    contexts[0].emit('error', new Error('SCardGetStatusChange error: Service was stopped.(0x8010001e)'));
    expect(contexts[0].closed).toBe(true);
    expect(reader.closed).toBe(true);
    expect(events.slice(6)).toEqual([
      { type: 'card-removed', reader: 'USB Reader' },
      { type: 'reader-detached', reader: 'USB Reader' },
      { type: 'service-down' },
    ]);

    // It comes back: a fresh context re-announces the reader.
    serviceUp = true;
    await new Promise((r) => setTimeout(r, 30));
    expect(contexts).toHaveLength(2);
    const again = new FakeReader('USB Reader');
    contexts[1].emit('reader', again as unknown as LibReader);
    again.emit('status', { state: EMPTY });
    expect(events.slice(9)).toEqual([{ type: 'service-up' }, { type: 'reader-attached', reader: 'USB Reader' }]);

    again.emit('end');
    expect(events.at(-1)).toEqual({ type: 'reader-detached', reader: 'USB Reader' });
    stop();
    expect(contexts[1].closed).toBe(true);
    const count = events.length;
    contexts[1].emit('error', new Error('late'));
    await new Promise((r) => setTimeout(r, 30));
    expect(events).toHaveLength(count);
  });
});
