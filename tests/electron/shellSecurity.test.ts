import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { APP_ORIGIN, RENDERER_CSP, isAppUrl, registerAppScheme, serveRendererFile } from '../../src-main/shell/appProtocol';
import { createIpcGuard, ipcRefusal } from '../../src-main/shell/ipcGuard';
import { denyAllPermissions } from '../../src-main/shell/permissions';

// Electron's own pieces are replaced by plain objects: what is tested is what our
// modules answer and what they hand to Electron.

describe('app:// protocol', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    const base = mkdtempSync(path.join(tmpdir(), 'jpki-app-proto-'));
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>jpki-doctor</title>');
    writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(path.join(root, 'assets', 'pin-kinds-x.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(root, 'assets', 'blob.bin'), 'bytes');
    writeFileSync(outside, 'not for the page');
    symlinkSync(outside, path.join(root, 'assets', 'link-out.txt'));
    symlinkSync(path.dirname(root), path.join(root, 'up'));
  });
  const get = (url: string, method = 'GET') => serveRendererFile(root, { url, method });

  it('registers app as a standard, secure scheme (before ready)', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => void registered.push(...s) });
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
  });

  it.each([
    ['index.html', 'text/html; charset=utf-8', '<!doctype html>'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['assets/pin-kinds-x.svg', 'image/svg+xml', '<svg'],
    ['assets/blob.bin', 'application/octet-stream', 'bytes'],
  ])('serves %s as %s with the CSP and nosniff', async (file, type, start) => {
    const res = await get(`${APP_ORIGIN}/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await res.text()).startsWith(start)).toBe(true);
  });

  it('resolves relative asset URLs of the page (Vite base ./) to the same files', async () => {
    const asset = new URL('./assets/pin-kinds-x.svg', `${APP_ORIGIN}/index.html`).href;
    expect(asset).toBe('app://jpki-doctor/assets/pin-kinds-x.svg');
    expect((await get(asset)).status).toBe(200);
  });

  it.each([
    'app://jpki-doctor/../secret.txt',
    'app://jpki-doctor/%2e%2e/secret.txt',
    'app://jpki-doctor/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://jpki-doctor/assets/..%5c..%5csecret.txt',
    'app://jpki-doctor/assets/link-out.txt',
    'app://jpki-doctor/up/secret.txt',
    'app://jpki-doctor/index.html%00.js',
    'app://jpki-doctor/%E0%A4%A',
    'app://jpki-doctor/assets',
    'app://jpki-doctor/missing.js',
    'app://evil/index.html',
    'app://jpki-doctor.evil/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('answers 404 with the CSP for %s (nothing outside the renderer folder)', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(await res.text()).not.toContain('not for the page');
  });

  it('serves nothing but GET and HEAD', async () => {
    expect((await get(`${APP_ORIGIN}/index.html`, 'POST')).status).toBe(405);
    const head = await get(`${APP_ORIGIN}/index.html`, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('tells our pages from others', () => {
    expect(isAppUrl('app://jpki-doctor/index.html#/card')).toBe(true);
    for (const url of ['app://other/index.html', 'file:///app/out/renderer/index.html', 'https://jpki-doctor/', 'http://127.0.0.1:5178/', '', 'app:']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('IPC guard', () => {
  const frame = (over: Partial<{ url: string; processId: number; routingId: number; parent: unknown }> = {}) => ({
    url: 'app://jpki-doctor/index.html',
    processId: 4,
    routingId: 1,
    parent: null as unknown,
    ...over,
  });
  function window(id: number) {
    const listeners: Record<string, () => void> = {};
    const mainFrame = frame({ processId: id });
    return { id, mainFrame, once: (name: string, fn: () => void) => void (listeners[name] = fn), destroy: () => listeners.destroyed?.() };
  }

  it('accepts only the main frame of a trusted window on an app:// page', () => {
    const guard = createIpcGuard();
    const ours = window(4);
    guard.trust(ours as never);
    expect(guard.refusal({ sender: ours, senderFrame: ours.mainFrame } as never)).toBeNull();
    expect(guard.refusal({ sender: ours, senderFrame: frame({ url: 'app://jpki-doctor/index.html#/report' }) } as never)).toBeNull();
    expect(guard.refusal({ sender: ours, senderFrame: frame({ routingId: 2, parent: ours.mainFrame }) } as never)).toBe('not-main-frame');
    // A frame that claims to be top but is not the window's main frame (another process).
    expect(guard.refusal({ sender: ours, senderFrame: frame({ processId: 9 }) } as never)).toBe('not-main-frame');
    expect(guard.refusal({ sender: ours, senderFrame: frame({ url: 'https://evil.example/' }) } as never)).toBe('not-our-page');
    expect(guard.refusal({ sender: ours, senderFrame: null } as never)).toBe('no-frame');
    const stranger = window(5);
    expect(guard.refusal({ sender: stranger, senderFrame: stranger.mainFrame } as never)).toBe('not-our-window');
  });

  it('forgets a window once its contents are destroyed', () => {
    const guard = createIpcGuard();
    const ours = window(6);
    guard.trust(ours as never);
    ours.destroy();
    expect(guard.refusal({ sender: ours, senderFrame: ours.mainFrame } as never)).toBe('not-our-window');
  });

  it('refuses with a typed, bilingual error', () => {
    expect(ipcRefusal('not-main-frame')).toEqual({
      ok: false,
      error: { code: 'forbidden', reason: 'not-main-frame', message: { ja: expect.stringMatching(/許可されていません/), en: expect.stringMatching(/not allowed/) } },
    });
  });
});

describe('permissions', () => {
  it('refuses every request and answers every check and device query with no', () => {
    const handlers: Record<string, (...args: any[]) => unknown> = {};
    denyAllPermissions({
      setPermissionRequestHandler: (fn) => void (handlers.request = fn as never),
      setPermissionCheckHandler: (fn) => void (handlers.check = fn as never),
      setDevicePermissionHandler: (fn) => void (handlers.device = fn as never),
    });
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      handlers.request!({}, permission, (granted: boolean) => answers.push(granted), {});
      expect(handlers.check!({}, permission, APP_ORIGIN, {}), permission).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false]);
    for (const deviceType of ['hid', 'serial', 'usb']) expect(handlers.device!({ deviceType, origin: APP_ORIGIN, device: {} })).toBe(false);
  });
});

describe('Electron fuses of the packaged app (electron-builder.yml)', () => {
  const config = parse(readFileSync('electron-builder.yml', 'utf8'));
  const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8'));

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['onlyLoadAppFromAsar', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['enableCookieEncryption', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('%s is %s', (fuse, value) => {
    expect(config.electronFuses[fuse]).toBe(value);
  });

  it('uses only fuse names electron-builder knows (a typo would be dropped silently at build time)', () => {
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    expect(known.length).toBeGreaterThan(5);
    for (const key of Object.keys(config.electronFuses)) expect(known, key).toContain(key);
    expect(schema.properties.electronFuses).toBeDefined();
  });

  it('packs into app.asar, which onlyLoadAppFromAsar needs (only the native binding unpacked)', () => {
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack).toEqual(['node_modules/pcsclite/**']);
  });
});
