// A recorder standing in for Electron when out/main/main.js runs in plain Node.
// Once the app is ready it calls the IPC handlers the page would call, then
// prints what happened as JSON on stdout and exits.
import path from 'node:path';

const appPath = process.env.FAKE_APP_PATH;
const report = { loaded: [], errorBoxes: [], menu: [], ipc: {}, crashReporter: null, schemes: [], protocols: [] };
const windows = [];
const handlers = {};
let readyResolve;

function finish(code = 0) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(code);
}

async function scenario() {
  // The main frame of the window main.js made, on the page it loaded (app://jpki-doctor/…).
  const contents = windows[0].webContents;
  const sender = { sender: contents, senderFrame: contents.mainFrame };
  report.ipc.stranger = await handlers['jpki:flowchart']({ sender: contents, senderFrame: { ...contents.mainFrame, routingId: 99, parent: contents.mainFrame } });
  report.ipc.diagnose = await handlers['jpki:diagnose'](sender, { facts: { pcscService: 'unavailable', platform: 'darwin' }, lang: 'en' });
  const flow = await handlers['jpki:flowchart'](sender);
  report.ipc.flowchartNodes = flow.ok ? flow.result.nodes.length : flow;
  finish(0);
}

export const app = {
  isPackaged: true,
  getAppPath: () => appPath,
  getPath: (name) => (name === 'logs' ? process.env.FAKE_LOGS : path.join(appPath, name)),
  getVersion: () => '0.0.0-test',
  getPreferredSystemLanguages: () => ['en-US'],
  requestSingleInstanceLock: () => true,
  on: () => {},
  quit: () => finish(0),
  exit: (code) => finish(code),
  whenReady: () =>
    new Promise((resolve) => {
      readyResolve = resolve;
      setImmediate(() => {
        readyResolve();
        setTimeout(() => void scenario(), 50);
      });
    }),
};
export class BrowserWindow {
  constructor(options) {
    this.options = options;
    const id = windows.push(this);
    this.webContents = { id, mainFrame: { url: '', processId: id, routingId: 1, parent: null }, on() {}, once() {}, setWindowOpenHandler() {} };
  }
  once() {}
  loadURL(url) {
    report.loaded.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  static getAllWindows() {
    return [];
  }
  static fromWebContents() {
    return null;
  }
}
export const session = {
  defaultSession: {
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
    webRequest: { onHeadersReceived() {}, onBeforeRequest() {} },
  },
};
export const protocol = {
  registerSchemesAsPrivileged: (schemes) => report.schemes.push(...schemes.map((s) => s.scheme)),
  handle: (scheme) => report.protocols.push(scheme),
};
export const ipcMain = { handle: (channel, fn) => (handlers[channel] = fn) };
export const dialog = {
  showErrorBox: (title, text) => report.errorBoxes.push(text),
  showSaveDialog: async () => ({ canceled: true }),
};
export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (template) => (report.menu = template.map((m) => m.label)),
};
export const clipboard = { writeText() {} };
export const shell = { openPath: async () => '' };
export const crashReporter = { start: (options) => (report.crashReporter = options) };
export default { app, BrowserWindow, session, ipcMain, dialog, Menu, clipboard, shell, crashReporter, protocol };
