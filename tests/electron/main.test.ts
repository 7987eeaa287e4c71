import { beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BrowserWindow as RecordedWindow } from 'electron';

// The Electron binary is not available in tests, so the `electron` module is
// replaced by a recorder: what we check is what main.ts asks Electron to do.
const recorded = vi.hoisted(() => ({
  windows: [] as { options: any; handlers: Record<string, Function>; openHandler?: Function; loaded?: string; contents: any }[],
  ipc: {} as Record<string, Function>,
  ready: undefined as undefined | (() => void),
  permissionHandler: undefined as undefined | Function,
  permissionCheck: undefined as undefined | Function,
  deviceCheck: undefined as undefined | Function,
  schemes: [] as any[],
  protocolHandlers: {} as Record<string, Function>,
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
    static nextId = 1;
    constructor(options: any) {
      const id = BrowserWindow.nextId++;
      const record: any = { options, handlers: {} };
      this.record = record;
      recorded.windows.push(record);
      this.webContents = record.contents = {
        id,
        // What Electron's WebFrameMain tells about the top frame of this window.
        mainFrame: { url: '', processId: 10 + id, routingId: 1, parent: null },
        on: (name: string, fn: Function) => (record.handlers[name] = fn),
        once: (name: string, fn: Function) => (record.handlers[`once:${name}`] = fn),
        setWindowOpenHandler: (fn: Function) => (record.openHandler = fn),
      };
    }
    once() {}
    loadURL(url: string) {
      this.record.loaded = url;
      this.webContents.mainFrame.url = url;
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
      setPermissionCheckHandler: (fn: Function) => (recorded.permissionCheck = fn),
      setDevicePermissionHandler: (fn: Function) => (recorded.deviceCheck = fn),
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
  const protocol = {
    registerSchemesAsPrivileged: (schemes: any[]) => recorded.schemes.push(...schemes),
    handle: (scheme: string, fn: Function) => (recorded.protocolHandlers[scheme] = fn),
  };
  const api = { app, BrowserWindow, session, ipcMain, dialog, Menu, clipboard, shell, crashReporter, protocol };
  return { ...api, default: api };
});

// The main frame of the window main.ts made, showing our page: the one sender IPC answers.
let fromRenderer: { sender: any; senderFrame: any };

beforeAll(async () => {
  await import('../../src-main/main');
  // The scheme must be privileged before ready, or Chromium treats app:// as opaque.
  expect(recorded.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  recorded.ready!();
  await new Promise((r) => setTimeout(r, 50));
  const contents = recorded.windows[0].contents;
  fromRenderer = { sender: contents, senderFrame: contents.mainFrame };
});

describe('Electron main process', () => {
  it('creates the window isolated, sandboxed and without Node in the page', () => {
    const { options, loaded } = recorded.windows[0];
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(options.webPreferences.preload).toBe(path.join(process.cwd(), 'out', 'preload', 'index.cjs'));
    expect(loaded).toBe('app://jpki-doctor/index.html');
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

  it('denies every permission request, every permission check and every device, and every network request', () => {
    let granted: boolean | undefined;
    recorded.permissionHandler!({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    for (const permission of ['media', 'clipboard-read', 'notifications', 'hid', 'usb', 'serial', 'smart-card', 'geolocation']) {
      expect(recorded.permissionCheck!(recorded.windows[0].contents, permission, 'app://jpki-doctor', {}), permission).toBe(false);
    }
    expect(recorded.deviceCheck!({ deviceType: 'usb', origin: 'app://jpki-doctor', device: {} })).toBe(false);
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

  it('serves the page from app://jpki-doctor, not file://, and answers nothing outside the renderer folder', async () => {
    const serve = recorded.protocolHandlers.app!;
    for (const url of ['app://jpki-doctor/../package.json', 'app://jpki-doctor/%2e%2e/%2e%2e/package.json', 'app://other-host/index.html']) {
      const res = (await serve({ url, method: 'GET' })) as Response;
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy'), url).toContain("default-src 'self'");
    }
  });

  describe('IPC only from the main frame of our window showing our page', () => {
    const channels = () => Object.keys(recorded.ipc);
    const other = () => new RecordedWindow({}) as any;
    const senders = (): [string, string, any][] => {
      const ours = recorded.windows[0].contents;
      const stranger = other();
      stranger.webContents.mainFrame.url = 'app://jpki-doctor/index.html';
      return [
        ['a subframe of our window', 'not-main-frame', { sender: ours, senderFrame: { url: 'app://jpki-doctor/index.html', processId: ours.mainFrame.processId, routingId: 7, parent: ours.mainFrame } }],
        ['another window on our page', 'not-our-window', { sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame }],
        ['our main frame navigated elsewhere', 'not-our-page', { sender: ours, senderFrame: { ...ours.mainFrame, url: 'https://evil.example/' } }],
        ['our main frame on the old file:// page', 'not-our-page', { sender: ours, senderFrame: { ...ours.mainFrame, url: pathToFileURL(path.join(process.cwd(), 'out/renderer/index.html')).href } }],
        ['a frame already gone', 'no-frame', { sender: ours, senderFrame: null }],
      ];
    };

    it('registers the bridge channels', () => {
      expect(channels()).toEqual(expect.arrayContaining(['jpki:diagnose', 'jpki:probe', 'jpki:verify-signing-pin', 'jpki:save-report-pdf', 'jpki:watch-readers', 'jpki:list-readers']));
    });

    it('refuses every channel from every other sender with a typed error, before reading the request', async () => {
      for (const [who, reason, event] of senders()) {
        for (const channel of channels()) {
          // A malformed request: had it got past the guard, the answer would be bad-request.
          const reply = await recorded.ipc[channel](event, { pin: 123, facts: 'x' });
          expect(reply, `${channel} from ${who}`).toEqual({ ok: false, error: { code: 'forbidden', reason, message: { ja: expect.stringContaining('許可されていません'), en: expect.stringContaining('not allowed') } } });
        }
      }
    });

    it('logs each refusal by channel and reason only', () => {
      const text = readFileSync(path.join(recorded.logsDir, 'main.log'), 'utf8');
      expect(text).toMatch(/ error ipc-refused channel=jpki:verify-signing-pin reason=not-main-frame/);
      expect(text).toMatch(/ error ipc-refused channel=jpki:probe reason=no-frame/);
    });

    it('answers the same malformed request from our main frame (so the refusals above are the guard)', async () => {
      const reply = await recorded.ipc['jpki:verify-signing-pin'](fromRenderer, { pin: 123 });
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });
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
