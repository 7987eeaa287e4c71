import { beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// The Electron binary is not available in tests, so the `electron` module is
// replaced by a recorder: what we check is what main.ts asks Electron to do.
const recorded = vi.hoisted(() => ({
  windows: [] as { options: any; handlers: Record<string, Function>; openHandler?: Function; loaded?: string }[],
  ipc: {} as Record<string, Function>,
  ready: undefined as undefined | (() => void),
  permissionHandler: undefined as undefined | Function,
  beforeRequest: undefined as undefined | { filter: any; fn: Function },
  external: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: any;
    record: (typeof recorded.windows)[number];
    constructor(options: any) {
      this.record = { options, handlers: {} };
      recorded.windows.push(this.record);
      const record = this.record;
      this.webContents = {
        on: (name: string, fn: Function) => (record.handlers[name] = fn),
        setWindowOpenHandler: (fn: Function) => (record.openHandler = fn),
      };
    }
    once() {}
    loadFile(file: string) {
      this.record.loaded = file;
      return Promise.resolve();
    }
    static getAllWindows() {
      return recorded.windows;
    }
    static fromWebContents() {
      return null;
    }
  }
  const app = {
    getAppPath: () => process.cwd(),
    requestSingleInstanceLock: () => true,
    on: () => {},
    quit: () => {},
    exit: () => {},
    whenReady: () => new Promise<void>((resolve) => (recorded.ready = resolve)),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (fn: Function) => (recorded.permissionHandler = fn),
      webRequest: {
        onHeadersReceived: () => {},
        onBeforeRequest: (filter: any, fn: Function) => (recorded.beforeRequest = { filter, fn }),
      },
    },
  };
  const ipcMain = { handle: (channel: string, fn: Function) => (recorded.ipc[channel] = fn) };
  const dialog = { showErrorBox: () => {}, showSaveDialog: async () => ({ canceled: true }) };
  const shell = { openExternal: async (url: string) => void recorded.external.push(url) };
  return { app, BrowserWindow, session, ipcMain, dialog, shell, default: { app, BrowserWindow, session, ipcMain, dialog, shell } };
});

const rendererUrl = pathToFileURL(path.join(process.cwd(), 'out', 'renderer', 'index.html')).href;
const fromRenderer = { senderFrame: { url: rendererUrl }, sender: {} };

beforeAll(async () => {
  await import('../../src-main/main');
  recorded.ready!();
  await new Promise((r) => setTimeout(r, 50));
});

describe('Electron main process', () => {
  it('creates the window isolated, sandboxed and without Node in the page', () => {
    const { options, loaded } = recorded.windows[0];
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(options.webPreferences.preload).toBe(path.join(process.cwd(), 'out', 'preload', 'index.cjs'));
    expect(loaded).toBe(path.join(process.cwd(), 'out', 'renderer', 'index.html'));
  });

  it('blocks navigation and new windows', () => {
    const win = recorded.windows[0];
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    win.handlers['will-navigate'](event, 'https://example.com');
    expect(event.prevented).toBe(true);
    const redirect = { prevented: false, preventDefault() { this.prevented = true; } };
    win.handlers['will-redirect'](redirect, 'file:///etc/passwd');
    expect(redirect.prevented).toBe(true);
    expect(win.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    // A clicked https source link goes to the system browser; nothing else does.
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'https://user:pw@example.com/']) {
      expect(win.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(recorded.external).toEqual(['https://example.com/']);
  });

  it('denies every permission request and every network request', () => {
    let granted: boolean | undefined;
    recorded.permissionHandler!({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(recorded.beforeRequest!.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    let cancelled: boolean | undefined;
    recorded.beforeRequest!.fn({ url: 'https://example.com' }, (r: { cancel: boolean }) => (cancelled = r.cancel));
    expect(cancelled).toBe(true);
  });

  it('answers IPC from its own page through the core', async () => {
    const reply = await recorded.ipc['jpki:diagnose'](fromRenderer, { facts: { pcscService: 'unavailable' }, lang: 'en' });
    expect(reply.ok).toBe(true);
    expect(reply.result.diagnoses[0].id).toBe('pcsc-service-down');
  });

  it('refuses IPC from any other page', async () => {
    const reply = await recorded.ipc['jpki:diagnose']({ senderFrame: { url: 'https://evil.example/' }, sender: {} }, { facts: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('turns invalid IPC input into a named, bilingual error instead of throwing', async () => {
    const reply = await recorded.ipc['jpki:verify-signing-pin'](fromRenderer, { pin: 123 });
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('bad-request');
    expect(reply.error.field).toBe('pin');
    expect(reply.error.message.ja).toContain('pin');
  });
});
