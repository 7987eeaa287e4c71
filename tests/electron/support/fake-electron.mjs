// A recorder standing in for Electron when out/main/main.js runs in plain Node.
// Once the app is ready it calls the IPC handlers the page would call, then
// prints what happened as JSON on stdout and exits.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const appPath = process.env.FAKE_APP_PATH;
const report = { loaded: [], errorBoxes: [], menu: [], ipc: {}, crashReporter: null };
const handlers = {};
let readyResolve;

function finish(code = 0) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(code);
}

async function scenario() {
  const sender = { senderFrame: { url: pathToFileURL(path.join(appPath, 'out', 'renderer', 'index.html')).href }, sender: {} };
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
    this.webContents = { on() {}, setWindowOpenHandler() {} };
  }
  once() {}
  loadFile(file) {
    report.loaded.push(file);
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
  defaultSession: { setPermissionRequestHandler() {}, webRequest: { onHeadersReceived() {}, onBeforeRequest() {} } },
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
export default { app, BrowserWindow, session, ipcMain, dialog, Menu, clipboard, shell, crashReporter };
