import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  copyDiagnosticInfo(): void;
  openLogFolder(): void;
}

export interface MenuOptions {
  lang: 'ja' | 'en';
  platform: NodeJS.Platform;
  /** Packaged builds have no Reload and no DevTools: Ctrl+R must not wipe a half-done wizard. */
  packaged: boolean;
  actions: MenuActions;
}

const WORDS = {
  ja: {
    file: 'ファイル',
    copyInfo: '診断情報をコピー',
    openLogs: 'ログのフォルダを開く',
    quit: '終了',
    edit: '編集',
    undo: '元に戻す',
    redo: 'やり直し',
    cut: '切り取り',
    copy: 'コピー',
    paste: '貼り付け',
    selectAll: 'すべて選択',
    view: '表示',
    zoomIn: '拡大',
    zoomOut: '縮小',
    zoomReset: '実際のサイズ',
    fullscreen: '全画面表示',
    reload: '再読み込み(開発用)',
    devtools: '開発者ツール(開発用)',
    window: 'ウインドウ',
    minimize: '最小化',
    close: '閉じる',
    help: 'ヘルプ',
    about: 'jpki-doctor について',
    hide: 'jpki-doctor を隠す',
    hideOthers: 'ほかを隠す',
    showAll: 'すべて表示',
  },
  en: {
    file: 'File',
    copyInfo: 'Copy Diagnostic Info',
    openLogs: 'Open Log Folder',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    zoomReset: 'Actual Size',
    fullscreen: 'Toggle Full Screen',
    reload: 'Reload (development)',
    devtools: 'Developer Tools (development)',
    window: 'Window',
    minimize: 'Minimize',
    close: 'Close',
    help: 'Help',
    about: 'About jpki-doctor',
    hide: 'Hide jpki-doctor',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
  },
} as const;

/**
 * The application menu as data (Menu.buildFromTemplate takes it as is), so it is
 * tested without Electron. Every label is ours, in the person's language; roles
 * only supply the behaviour.
 */
export function menuTemplate({ lang, platform, packaged, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const w = WORDS[lang];
  const mac = platform === 'darwin';
  const diagnostics: MenuItemConstructorOptions[] = [
    { id: 'copy-diagnostic-info', label: w.copyInfo, click: () => actions.copyDiagnosticInfo() },
    { id: 'open-log-folder', label: w.openLogs, click: () => actions.openLogFolder() },
  ];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'jpki-doctor',
      submenu: [
        { role: 'about', label: w.about },
        { type: 'separator' },
        { role: 'hide', label: w.hide },
        { role: 'hideOthers', label: w.hideOthers },
        { role: 'unhide', label: w.showAll },
        { type: 'separator' },
        { role: 'quit', label: w.quit },
      ],
    });
  }
  template.push({
    label: w.file,
    submenu: [...diagnostics, ...(mac ? [] : ([{ type: 'separator' }, { role: 'quit', label: w.quit }] as MenuItemConstructorOptions[]))],
  });
  template.push({
    label: w.edit,
    submenu: [
      { role: 'undo', label: w.undo },
      { role: 'redo', label: w.redo },
      { type: 'separator' },
      { role: 'cut', label: w.cut },
      { role: 'copy', label: w.copy },
      { role: 'paste', label: w.paste },
      { role: 'selectAll', label: w.selectAll },
    ],
  });
  template.push({
    label: w.view,
    submenu: [
      ...(packaged
        ? []
        : ([
            { role: 'reload', label: w.reload },
            { role: 'toggleDevTools', label: w.devtools },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])),
      { role: 'resetZoom', label: w.zoomReset },
      { role: 'zoomIn', label: w.zoomIn },
      { role: 'zoomOut', label: w.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: w.fullscreen },
    ],
  });
  template.push({
    label: w.window,
    submenu: [{ role: 'minimize', label: w.minimize }, { role: 'close', label: w.close }],
  });
  if (!mac) template.push({ label: w.help, submenu: [{ role: 'about', label: w.about }] });
  return template;
}
