import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkNativeModule, readNativeModuleInfo } from '../../src-main/pcsc/nativeModuleAbi';

// Real .node files from node_modules: pcsclite built for this Node (NAN, ABI-bound),
// and Node-API builds for Windows and macOS shipped inside an npm package.
const PCSCLITE = 'node_modules/pcsclite/build/Release/pcsclite.node';
const NAPI_DIR = 'node_modules/@electron-internal/extract-zip';
const ELECTRON_ABI = Number(readFileSync('node_modules/electron/abi_version', 'utf8').trim());

describe('reading a native module without loading it', () => {
  it("finds this Node's NODE_MODULE_VERSION in the pcsclite build", () => {
    expect(readNativeModuleInfo(PCSCLITE)).toEqual({
      format: 'elf',
      arch: process.arch,
      moduleVersion: Number(process.versions.modules),
      napi: false,
    });
  });

  it('reads Windows (PE) and macOS (Mach-O) builds: format, architecture, Node-API', () => {
    expect(readNativeModuleInfo(path.join(NAPI_DIR, 'index.win32-x64-msvc.node'))).toEqual({ format: 'pe', arch: 'x64', napi: true });
    expect(readNativeModuleInfo(path.join(NAPI_DIR, 'index.win32-arm64-msvc.node'))).toMatchObject({ format: 'pe', arch: 'arm64' });
    expect(readNativeModuleInfo(path.join(NAPI_DIR, 'index.darwin-universal.node'))).toEqual({ format: 'mach-o', arch: 'universal', napi: true });
    expect(readNativeModuleInfo(path.join(NAPI_DIR, 'index.linux-arm64-gnu.node'))).toMatchObject({ format: 'elf', arch: 'arm64' });
  });
});

describe('checkNativeModule', () => {
  it('accepts the Node build for Node', () => {
    expect(checkNativeModule(PCSCLITE, { moduleVersion: Number(process.versions.modules), format: 'elf', arch: process.arch }).ok).toBe(true);
  });

  it("refuses the Node build for Electron's ABI, naming both versions", () => {
    expect(ELECTRON_ABI).not.toBe(Number(process.versions.modules));
    const verdict = checkNativeModule(PCSCLITE, { moduleVersion: ELECTRON_ABI });
    expect(verdict).toMatchObject({ ok: false, problem: 'wrong-abi' });
    if (!verdict.ok) expect(verdict.reason).toContain(`NODE_MODULE_VERSION ${process.versions.modules}; the target loads ${ELECTRON_ABI}`);
  });

  it('refuses a missing file as missing', () => {
    expect(checkNativeModule('/nonexistent/pcsclite.node', { moduleVersion: ELECTRON_ABI })).toMatchObject({ ok: false, problem: 'missing' });
  });

  it('refuses a build for another platform or architecture', () => {
    const winArm = path.join(NAPI_DIR, 'index.win32-arm64-msvc.node');
    expect(checkNativeModule(winArm, { moduleVersion: ELECTRON_ABI, format: 'mach-o' })).toMatchObject({ ok: false, problem: 'wrong-format' });
    expect(checkNativeModule(winArm, { moduleVersion: ELECTRON_ABI, format: 'pe', arch: 'x64' })).toMatchObject({ ok: false, problem: 'wrong-arch' });
  });

  it('accepts a Node-API module for any ABI (what an N-API binding would give)', () => {
    expect(checkNativeModule(path.join(NAPI_DIR, 'index.win32-x64-msvc.node'), { moduleVersion: ELECTRON_ABI, format: 'pe', arch: 'x64' }).ok).toBe(true);
  });

  it('refuses a file that is not a Node module at all', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jpki-abi-'));
    const file = path.join(dir, 'empty.node');
    writeFileSync(file, 'not a shared library');
    expect(checkNativeModule(file, { moduleVersion: ELECTRON_ABI })).toMatchObject({ ok: false, problem: 'wrong-abi' });
  });
});
