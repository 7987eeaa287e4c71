import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { menuLanguage } from '../../src-main/shell/language';
import { menuTemplate } from '../../src-main/shell/menu';
import { createRotatingLog } from '../../src-main/shell/rotatingLog';
import { bindingStatus, diagnosticInfoText } from '../../src-main/shell/diagnosticInfo';
import { BindingFailure } from '../../src-main/pcsc/errors';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
const actions = { copyDiagnosticInfo: () => undefined, openLogFolder: () => undefined };

describe('menu language', () => {
  it.each([
    [['ja-JP', 'en-US'], 'ja'],
    [['ja'], 'ja'],
    [['en-GB', 'ja-JP'], 'en'],
    [['zh-Hant-TW'], 'en'],
    [[], 'en'],
  ])('%j → %s', (preferred, lang) => {
    expect(menuLanguage(preferred)).toBe(lang);
  });
});

describe('application menu', () => {
  it('development builds keep Reload and DevTools; packaged builds do not', () => {
    expect(roles(menuTemplate({ lang: 'en', platform: 'win32', packaged: false, actions }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    const packaged = roles(menuTemplate({ lang: 'en', platform: 'win32', packaged: true, actions }));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']));
  });

  it('macOS gets the app menu first; every item has our own label in the chosen language', () => {
    const mac = menuTemplate({ lang: 'en', platform: 'darwin', packaged: true, actions });
    expect(mac[0].label).toBe('jpki-doctor');
    const walk = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? walk(i.submenu) : [])]);
    const ja = walk(menuTemplate({ lang: 'ja', platform: 'win32', packaged: true, actions }));
    for (const item of ja.filter((i) => i.type !== 'separator')) expect(item.label, JSON.stringify(item.role)).toBeTruthy();
    expect(ja.map((i) => i.label)).toEqual(expect.arrayContaining(['診断情報をコピー', 'ログのフォルダを開く', '終了']));
  });

  it('the staff actions call through', () => {
    const called: string[] = [];
    const menu = menuTemplate({
      lang: 'en',
      platform: 'linux',
      packaged: true,
      actions: { copyDiagnosticInfo: () => called.push('copy'), openLogFolder: () => called.push('logs') },
    });
    const file = menu[0].submenu as MenuItemConstructorOptions[];
    for (const item of file) if (item.id) (item.click as () => void)();
    expect(called).toEqual(['copy', 'logs']);
  });
});

describe('rotating log', () => {
  it('caps each file, keeps two old ones and drops the oldest', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jpki-log-'));
    const log = createRotatingLog({ dir, maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 100; i++) log.info('event', { n: i, filler: 'x'.repeat(40) });
    expect(statSync(log.file).size).toBeLessThanOrEqual(1000);
    expect(statSync(`${log.file}.1`).size).toBeLessThanOrEqual(1000);
    expect(existsSync(`${log.file}.2`)).toBe(true);
    expect(existsSync(`${log.file}.3`)).toBe(false);
    expect(readFileSync(log.file, 'utf8')).toContain('n=99');
  });

  it('never writes a field that could hold a PIN or holder data, and keeps one line per event', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jpki-log-'));
    const log = createRotatingLog({ dir });
    log.info('probe', { pin: '1234', signPassword: 'ABC123', holderName: '山田太郎', birthDate: '1980-01-01', reader: 'ACS\nACR39U' });
    const text = readFileSync(log.file, 'utf8');
    for (const secret of ['1234', 'ABC123', '山田太郎', '1980-01-01']) expect(text).not.toContain(secret);
    expect(text).toContain('pin=[not logged]');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toContain('reader=ACS ACR39U');
  });

  it('never throws when the folder cannot be written', () => {
    const notADir = path.join(mkdtempSync(path.join(tmpdir(), 'jpki-log-')), 'file');
    writeFileSync(notADir, 'a file where the log folder should be');
    const log = createRotatingLog({ dir: path.join(notADir, 'logs') });
    expect(() => log.error('x')).not.toThrow();
  });
});

describe('diagnostic info', () => {
  it('names the binding file and why when it cannot load', async () => {
    const status = await bindingStatus(async () => {
      throw new BindingFailure('wrong-abi', '/opt/jpki-doctor/resources/app.asar.unpacked/node_modules/pcsclite/build/Release/pcsclite.node', 'built for NODE_MODULE_VERSION 115; the target loads 150');
    });
    const text = diagnosticInfoText({
      appVersion: '0.1.0',
      versions: { node: '22.0.0', electron: '45.5.0' },
      platform: 'win32',
      arch: 'x64',
      osRelease: '10.0.22631',
      lang: 'ja',
      packaged: true,
      binding: status,
      pcsc: { pcscService: 'ok', readers: [{ name: 'SONY FeliCa Port/PaSoRi 4.0 0', cardPresent: true }] },
      logFile: 'C:\\logs\\main.log',
    });
    expect(text).toContain('pc/sc binding: wrong-abi (/opt/jpki-doctor/resources/app.asar.unpacked/node_modules/pcsclite/build/Release/pcsclite.node): built for NODE_MODULE_VERSION 115');
    expect(text).toContain('readers: SONY FeliCa Port/PaSoRi 4.0 0 (card)');
  });
});

describe('one menu, two languages', () => {
  // Review finding (#10): the ja and en menus must not be two hand-kept templates.
  const shape = (items: MenuItemConstructorOptions[]): unknown[] =>
    items.map((i) => [i.id ?? null, i.role ?? null, i.type ?? null, Array.isArray(i.submenu) ? shape(i.submenu) : null]);
  const labels = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [...(i.label ? [i.label] : []), ...(Array.isArray(i.submenu) ? labels(i.submenu) : [])]);

  it.each([
    ['darwin', true],
    ['win32', true],
    ['linux', false],
  ] as const)('%s (packaged %s): ja and en have the same items in the same places, every label translated', (platform, packaged) => {
    const ja = menuTemplate({ lang: 'ja', platform, packaged, actions });
    const en = menuTemplate({ lang: 'en', platform, packaged, actions });
    expect(shape(ja)).toEqual(shape(en));
    const jaLabels = labels(ja);
    const enLabels = labels(en);
    expect(jaLabels).toHaveLength(enLabels.length);
    // Only the product name is the same in both.
    expect(jaLabels.filter((l, i) => l === enLabels[i])).toEqual(platform === 'darwin' ? ['jpki-doctor'] : []);
  });
});
