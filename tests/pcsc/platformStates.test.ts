import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { classifyPcscError, PCSC_CODES } from '../../src-main/pcsc/errors';
import { openPcscliteSession } from '../../src-main/pcsc/pcscliteSession';
import { watchReaderEvents } from '../../src-main/pcsc/readerWatcher';
import type { PlatformPcsc } from '../../src-main/pcsc/platformPcsc';
import type { ServiceStartType } from '../../src-main/pcsc/windowsSmartCardService';
import type { LibContext, LibFactory } from '../../src-main/pcsc/pcscliteTypes';
import type { ReaderEvent } from '../../src-main/contract/snapshot';

// How each platform words one PC/SC failure (pcsclite: "<call> error: <OS text>(0x<code>)").
// Japanese Windows: FormatMessageA text in code page 932, seen by Node as mojibake.
const garbled = Buffer.from([0x83, 0x58, 0x83, 0x7d, 0x81, 0x5b, 0x83, 0x67, 0x20, 0x83, 0x4a, 0x81, 0x5b, 0x83, 0x68]).toString('latin1');
const wording = {
  win32: (call: string, code: number) => `${call} error: ${garbled}\r\n(0x${code.toString(16).padStart(8, '0')})`,
  darwin: (call: string, code: number) => `${call} error: Unknown error: ${code}(0x${code.toString(16)})`,
  linux: (call: string, code: number) => `${call} error: Sharing violation or whatever pcsc-lite says.(0x${code.toString(16).toUpperCase()})`,
};

const asked = (platform: NodeJS.Platform, startType: ServiceStartType) => {
  const calls = { n: 0 };
  const env: PlatformPcsc = {
    platform,
    serviceStartType: async () => {
      calls.n++;
      return startType;
    },
  };
  return { env, calls };
};

const failingFactory = (message: string): LibFactory => () => {
  throw new Error(message);
};

describe('PC/SC codes are matched by number on every platform, and shown in our own words', () => {
  const cases: [string, number, string][] = [
    ['SCARD_E_NO_READERS_AVAILABLE', 0x8010002e, 'no-reader'],
    ['SCARD_E_READER_UNAVAILABLE', 0x80100017, 'no-reader'],
    ['SCARD_E_SERVICE_STOPPED', 0x8010001e, 'pcsc-unavailable'],
    ['SCARD_W_REMOVED_CARD', 0x80100069, 'card-removed'],
    ['SCARD_W_UNPOWERED_CARD', 0x80100067, 'communication'],
    ['SCARD_E_SHARING_VIOLATION', 0x8010000b, 'card-in-use'],
  ];
  for (const platform of ['win32', 'darwin', 'linux'] as const) {
    it.each(cases)(`${platform}: %s`, (name, code, condition) => {
      const failure = classifyPcscError(new Error(wording[platform]('SCardConnect', code)));
      expect(failure.code).toBe(condition);
      expect(failure.detail).toBe(`SCardConnect: ${name} (0x${code.toString(16).toUpperCase()})`);
      expect(PCSC_CODES[code].name).toBe(name);
    });
  }

  it('never passes on OS text without a code if it is not plain ASCII', () => {
    const failure = classifyPcscError(new Error(`SCardTransmit error: ${garbled}`));
    expect(failure.detail).toMatch(/^[\x20-\x7e]*$/);
  });
});

describe('SCARD_E_NO_SERVICE when establishing the context', () => {
  const noService = (platform: keyof typeof wording) => failingFactory(wording[platform]('SCardEstablishContext', 0x8010001d));

  it('Windows, service set to start on demand (the usual): a working PC/SC with no reader', async () => {
    const { env, calls } = asked('win32', 'manual');
    const session = await openPcscliteSession({ factory: noService('win32'), platformPcsc: env });
    expect(await session.readers()).toEqual([]);
    await expect(session.connect('Any Reader 0')).rejects.toMatchObject({ code: 'no-reader' });
    expect(calls.n).toBe(1);
  });

  it('Windows, start type unknown (sc.exe and PowerShell failed): still no reader', async () => {
    const session = await openPcscliteSession({ factory: noService('win32'), platformPcsc: asked('win32', 'unknown').env });
    expect(await session.readers()).toEqual([]);
  });

  it('Windows, service disabled: the service is really off', async () => {
    await expect(openPcscliteSession({ factory: noService('win32'), platformPcsc: asked('win32', 'disabled').env })).rejects.toMatchObject({
      code: 'pcsc-unavailable',
      detail: expect.stringContaining('start type: disabled'),
    });
  });

  it.each(['darwin', 'linux'] as const)('%s: the service is unavailable, and Windows is not asked', async (platform) => {
    const { env, calls } = asked(platform, 'disabled');
    await expect(openPcscliteSession({ factory: noService(platform), platformPcsc: env })).rejects.toMatchObject({ code: 'pcsc-unavailable' });
    expect(calls.n).toBe(0);
  });

  it('Windows: the service stopping under an open context (last reader removed) means no reader', async () => {
    const ctx = new EventEmitter() as LibContext;
    ctx.close = () => undefined;
    const session = await openPcscliteSession({ factory: () => ctx, platformPcsc: asked('win32', 'manual').env, emptyListWaitMs: 50 });
    ctx.emit('error', new Error(wording.win32('SCardGetStatusChange', 0x8010001e)));
    await expect(session.readers()).rejects.toMatchObject({ code: 'no-reader' });
    session.close();
  });
});

describe('reader watcher on Windows without a reader', () => {
  const collect = async (startType: ServiceStartType): Promise<ReaderEvent[]> => {
    const events: ReaderEvent[] = [];
    const stop = watchReaderEvents((e) => events.push(e), {
      factory: failingFactory(wording.win32('SCardEstablishContext', 0x8010001d)),
      platformPcsc: asked('win32', startType).env,
      retryMs: 20,
    });
    await new Promise((r) => setTimeout(r, 120));
    stop();
    return events;
  };

  it('reports PC/SC as up with no readers (not "service down") when the service starts on demand', async () => {
    expect(await collect('manual')).toEqual([{ type: 'service-up' }]);
  });

  it('reports service down once when the service is disabled', async () => {
    expect(await collect('disabled')).toEqual([{ type: 'service-down' }]);
  });
});
