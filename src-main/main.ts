import { app, BrowserWindow, clipboard, crashReporter, dialog, ipcMain, Menu, protocol, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDoctorCore, type DoctorCore } from './service/doctorCore';
import { toErrorPayload } from './service/errorPayload';
import { parseRequest, SaveReportRequest } from './service/requests';
import { CHANNELS, type Envelope } from '../src-preload/channels';
import { openHttpsInBrowser } from './shell/externalLinks';
import { installDesktopShell, keepCrashReportsLocal, openAppLog } from './shell/desktopShell';
import { handleAppProtocol, registerAppScheme, RENDERER_CSP, RENDERER_URL } from './shell/appProtocol';
import { denyAllPermissions } from './shell/permissions';
import { createIpcGuard, ipcRefusal } from './shell/ipcGuard';

/**
 * Electron stays at the edge: this file only makes a locked-down window and
 * forwards validated IPC to the same DoctorCore the web build uses.
 */
const appRoot = app.getAppPath();
// Served as app://jpki-doctor/ (shell/appProtocol.ts), never from file://.
const rendererRoot = path.join(appRoot, 'out', 'renderer');
const preloadScript = path.join(appRoot, 'out', 'preload', 'index.cjs');
const ipcGuard = createIpcGuard();

function handle<T>(channel: string, work: (event: IpcMainInvokeEvent, input: unknown) => T | Promise<T>): void {
  ipcMain.handle(channel, async (event, input): Promise<Envelope<T>> => {
    const refused = ipcGuard.refusal(event);
    if (refused) {
      log.error('ipc-refused', { channel, reason: refused });
      return ipcRefusal(refused);
    }
    try {
      return { ok: true, result: await work(event, input) };
    } catch (error) {
      const payload = toErrorPayload(channel, error);
      // The channel and the kind of failure only: never the request (it may hold a PIN).
      log.error('ipc-failed', { channel, code: payload.code, field: payload.field });
      return { ok: false, error: payload };
    }
  });
}

async function saveReportPdf(sender: WebContents, input: unknown): Promise<{ path: string } | null> {
  const { html, suggestedName } = parseRequest(SaveReportRequest, input);
  const owner = BrowserWindow.fromWebContents(sender) ?? undefined;
  let pdf: Buffer;
  if (html) {
    // A throwaway window with scripts off renders the report HTML exactly as given.
    const printer = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true } });
    lockNavigation(printer.webContents);
    try {
      await printer.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      pdf = await printer.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    } finally {
      printer.destroy();
    }
  } else {
    pdf = await sender.printToPDF({ pageSize: 'A4', printBackground: true });
  }
  const safeName = suggestedName.replace(/[\\/:*?"<>|]/g, '_') || 'jpki-doctor-report.pdf';
  const choice = owner
    ? await dialog.showSaveDialog(owner, { defaultPath: safeName, filters: [{ name: 'PDF', extensions: ['pdf'] }] })
    : await dialog.showSaveDialog({ defaultPath: safeName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (choice.canceled || !choice.filePath) return null;
  await writeFile(choice.filePath, pdf);
  return { path: choice.filePath };
}

function registerIpc(core: DoctorCore): void {
  handle(CHANNELS.platform, () => core.platform());
  handle(CHANNELS.diagnose, (_e, input) => core.diagnose(input));
  handle(CHANNELS.flowchart, () => core.flowchart());
  handle(CHANNELS.listReaders, () => core.listReaders());
  handle(CHANNELS.probe, (_e, input) => core.probe(input));
  handle(CHANNELS.verifySigningPin, (_e, input) => core.verifySigningPin(input));
  handle(CHANNELS.saveReportPdf, (event, input) => saveReportPdf(event.sender, input));

  const watching = new Set<number>();
  handle(CHANNELS.watchReaders, (event) => {
    const contents = event.sender;
    if (watching.has(contents.id)) return true;
    watching.add(contents.id);
    const stop = core.watchReaders((readerEvent) => {
      if (!contents.isDestroyed()) contents.send(CHANNELS.readerEvent, readerEvent);
    });
    contents.once('destroyed', () => {
      watching.delete(contents.id);
      stop();
    });
    return true;
  });
}

/** Nothing may navigate our windows or open new ones (a meta refresh in report HTML included). */
function lockNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  // A clicked https link (the Sources line) opens in the system browser; nothing opens here.
  contents.setWindowOpenHandler(({ url }) => openHttpsInBrowser(url, (u) => shell.openExternal(u)));
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1180,
    height: 860,
    minWidth: 760,
    minHeight: 600,
    title: 'jpki-doctor',
    backgroundColor: '#f5f8fc',
    show: false,
    webPreferences: {
      preload: preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The wizard is one page; only its main frame may call IPC.
  lockNavigation(win.webContents);
  ipcGuard.trust(win.webContents);
  void win.loadURL(RENDERER_URL);
  return win;
}

function lockDownSession(): void {
  denyAllPermissions(session.defaultSession);
  handleAppProtocol(protocol, rendererRoot);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  // No network: jpki-doctor talks to the card and nothing else.
  session.defaultSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

// Before ready, or Chromium treats app:// as an opaque, insecure scheme.
registerAppScheme(protocol);
keepCrashReportsLocal(crashReporter);
const log = openAppLog(app);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  void app.whenReady().then(() => {
    lockDownSession();
    let core: DoctorCore;
    try {
      core = createDoctorCore({
        rulesDir: path.join(appRoot, 'rules'),
        // A card call past its deadline (service/cardDeadline.ts): the operation only, never the request.
        onCardStuck: (operation, state) => log.error('card-call-stuck', { operation, state }),
      });
    } catch (error) {
      log.error('rules-failed', { reason: (error as Error).message });
      dialog.showErrorBox(
        'jpki-doctor',
        `診断ルールを読み込めませんでした。アプリを入れ直してください。\nThe diagnosis rules could not be loaded. Please reinstall.\n\n${(error as Error).message}`,
      );
      app.exit(1);
      return;
    }
    registerIpc(core);
    installDesktopShell({ app, Menu, clipboard, shell, core, log, logDir: app.getPath('logs') });
    let win = createWindow();
    app.on('second-instance', () => {
      if (win.isDestroyed()) win = createWindow();
      if (win.isMinimized()) win.restore();
      win.focus();
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) win = createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
