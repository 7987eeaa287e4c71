import { beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// The Electron binary is not available in tests, so the `electron` module is
// replaced by a recorder: what we check is what main.ts asks Electron to do.
const recorded = vi.hoisted(() => ({
  windows: [] as { options: any; handlers: Record<string, Function>; openHandler?: Function; loaded?: string }[],
  ipc: {} as Record<string, Function>,
  ready: undefined as undefined | (() => void),
  permissionHandler: undefined as undefined | Function,
  beforeRequest: undefined as undefined | { filter: any; fn: Function },
  menu: undefined as undefined | any[],
  clipboard: [] as string[],
  crashReporter: undefined as undefined | any,
  logsDir: '',
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
    getPath: (name: string) => {
      if (name !== 'logs') throw new Error(`unexpected getPath(${name})`);
      if (!recorded.logsDir) recorded.logsDir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'jpki-logs-'));
      return recorded.logsDir;
    },
    getVersion: () => '0.1.0',
    isPackaged: true,
    getPreferredSystemLanguages: () => ['ja-JP', 'en-US'],
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
  const Menu = {
    buildFromTemplate: (template: any[]) => ({ template }),
    setApplicationMenu: (menu: { template: any[] }) => (recorded.menu = menu.template),
  };
  const clipboard = { writeText: (text: string) => recorded.clipboard.push(text) };
  const shell = { openPath: async () => '', openExternal: async (url: string) => void recorded.external.push(url) };
  const crashReporter = { start: (options: any) => (recorded.crashReporter = options) };
  const api = { app, BrowserWindow, session, ipcMain, dialog, Menu, clipboard, shell, crashReporter };
  return { ...api, default: api };
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

describe('desktop shell (packaged, Japanese system)', () => {
  const labels = (items: any[]): string[] => items.flatMap((i) => [i.label, i.role, ...(i.submenu ? labels(i.submenu) : [])]).filter(Boolean);

  it('sets a Japanese application menu without Reload or DevTools', () => {
    const all = labels(recorded.menu!);
    expect(all).toEqual(expect.arrayContaining(['ファイル', '診断情報をコピー', '編集', '表示', '拡大']));
    expect(all).not.toContain('reload');
    expect(all).not.toContain('forceReload');
    expect(all).not.toContain('toggleDevTools');
  });

  it('keeps crash dumps local', () => {
    expect(recorded.crashReporter).toMatchObject({ uploadToServer: false });
    expect(recorded.crashReporter.submitURL).toBeUndefined();
  });

  it('logs to the OS log folder: start-up, and failed calls by channel without the request', async () => {
    const reply = await recorded.ipc['jpki:verify-signing-pin'](fromRenderer, { pin: 'ABC123XYZ', expectedTriesLeft: 9 });
    expect(reply.ok).toBe(false);
    const text = readFileSync(path.join(recorded.logsDir, 'main.log'), 'utf8');
    expect(text).toMatch(/ info start version=0\.1\.0 packaged=true/);
    expect(text).toMatch(/ error ipc-failed channel=jpki:verify-signing-pin code=bad-request field=expectedTriesLeft/);
    expect(text).not.toContain('ABC123XYZ');
  });

  it('"Copy diagnostic info" puts versions, platform, binding and readers on the clipboard', async () => {
    const file = recorded.menu!.find((m) => m.label === 'ファイル');
    file.submenu.find((i: any) => i.id === 'copy-diagnostic-info').click();
    await vi.waitFor(() => expect(recorded.clipboard.length).toBe(1), { timeout: 5000 });
    const info = recorded.clipboard[0];
    expect(info).toContain('app: 0.1.0');
    expect(info).toContain(`os: ${process.platform}`);
    expect(info).toContain('pc/sc binding: ok');
    expect(info).toContain(`log: ${path.join(recorded.logsDir, 'main.log')}`);
  });
});
