import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Electron in development loads a copy of pcsclite rebuilt for its ABI from
// JPKI_PCSCLITE_DIR; a copy that cannot load is the pcsc-unavailable condition.
function fakeNativeDir(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jpki-native-'));
  mkdirSync(path.join(dir, 'node_modules', 'pcsclite'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"name":"native","private":true}');
  writeFileSync(path.join(dir, 'node_modules', 'pcsclite', 'package.json'), '{"name":"pcsclite","main":"index.js"}');
  writeFileSync(path.join(dir, 'node_modules', 'pcsclite', 'index.js'), source);
  return dir;
}

afterEach(() => {
  delete process.env.JPKI_PCSCLITE_DIR;
  vi.resetModules();
});

describe('loadPcsclite', () => {
  it('loads the copy named by JPKI_PCSCLITE_DIR instead of node_modules', async () => {
    process.env.JPKI_PCSCLITE_DIR = fakeNativeDir('module.exports = function electronBuild() { return "electron-abi"; };');
    const { loadPcsclite } = await import('../../src-main/pcsc/loadPcsclite');
    const factory = (await loadPcsclite()) as unknown as () => string;
    expect(factory()).toBe('electron-abi');
  });

  it('turns a copy that fails to load into pcsc-unavailable with the reason', async () => {
    process.env.JPKI_PCSCLITE_DIR = fakeNativeDir('throw new Error("was compiled against a different Node.js version");');
    const { loadPcsclite } = await import('../../src-main/pcsc/loadPcsclite');
    await expect(loadPcsclite()).rejects.toMatchObject({ code: 'pcsc-unavailable', detail: expect.stringMatching(/different Node\.js version/) });
  });
});
