import { afterEach, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// From this file, not the working directory; and dereferenced, so that a linked
// node_modules/pcsclite (npm link, pnpm) is copied, never deleted through the copy.
const projectModules = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules');

// Electron in development loads a copy of pcsclite rebuilt for its ABI from
// JPKI_PCSCLITE_DIR. Here that variable points at real package layouts: one
// without pcsclite at all, one whose .node file is gone, one whose .node file
// registers another NODE_MODULE_VERSION. None of them is "the service is down".
function layout(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jpki-native-'));
  writeFileSync(path.join(dir, 'package.json'), '{"name":"native","private":true}');
  mkdirSync(path.join(dir, 'node_modules'));
  return dir;
}

function withRealPcsclite(): string {
  const dir = layout();
  for (const name of ['pcsclite', 'bindings', 'file-uri-to-path', 'nan']) {
    cpSync(path.join(projectModules, name), path.join(dir, 'node_modules', name), { recursive: true, dereference: true });
  }
  return dir;
}

const binding = (dir: string) => path.join(dir, 'node_modules', 'pcsclite', 'build', 'Release', 'pcsclite.node');

async function load(dir: string) {
  process.env.JPKI_PCSCLITE_DIR = dir;
  const { loadPcsclite } = await import('../../src-main/pcsc/loadPcsclite');
  return loadPcsclite();
}

afterEach(() => {
  delete process.env.JPKI_PCSCLITE_DIR;
  vi.resetModules();
});

describe('loadPcsclite', () => {
  it('loads the real binding from the copy named by JPKI_PCSCLITE_DIR', async () => {
    const factory = await load(withRealPcsclite());
    expect(typeof factory).toBe('function');
  });

  it('package absent: pcsc-binding-missing (missing), not pcsc-unavailable', async () => {
    await expect(load(layout())).rejects.toMatchObject({
      code: 'pcsc-binding-missing',
      problem: 'missing',
      detail: expect.stringContaining('not installed'),
    });
  });

  it('package there but its .node file gone: missing, naming the file', async () => {
    const dir = withRealPcsclite();
    rmSync(binding(dir));
    const failure = await load(dir).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'pcsc-binding-missing', problem: 'missing', file: binding(dir) });
    expect((failure as { toCardError(): unknown }).toCardError()).toMatchObject({ code: 'pcsc-binding-missing', binding: 'missing' });
  });

  it('a .node file built for another runtime: wrong-abi, with both versions', async () => {
    const dir = withRealPcsclite();
    const ours = `node_register_module_v${process.versions.modules}`;
    const other = `node_register_module_v${Number(process.versions.modules) === 150 ? 140 : 150}`;
    const bytes = readFileSync(binding(dir)).toString('latin1');
    expect(bytes).toContain(ours);
    writeFileSync(binding(dir), Buffer.from(bytes.split(ours).join(other), 'latin1'));
    await expect(load(dir)).rejects.toMatchObject({
      code: 'pcsc-binding-missing',
      problem: 'wrong-abi',
      file: binding(dir),
      reason: expect.stringContaining(`the target loads ${process.versions.modules}`),
    });
  });

  it('a binding that throws for another reason: load-failed, reason in ASCII only', async () => {
    const dir = layout();
    mkdirSync(path.join(dir, 'node_modules', 'pcsclite', 'build', 'Release'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'pcsclite', 'package.json'), '{"name":"pcsclite","main":"index.js"}');
    writeFileSync(path.join(dir, 'node_modules', 'pcsclite', 'index.js'), 'throw new Error("libpcsclite.so.1: cannot open shared object file: ファイルがありません");');
    // the real Node build, so the ABI check passes and the thrown error is the reason
    cpSync(path.join(projectModules, 'pcsclite/build/Release/pcsclite.node'), binding(dir));
    const failure = (await load(dir).catch((e: unknown) => e)) as { problem: string; reason: string };
    expect(failure.problem).toBe('load-failed');
    expect(failure.reason).toContain('libpcsclite.so.1');
    expect(failure.reason).toMatch(/^[\x20-\x7e]*$/);
  });
});
