import { createRequire } from 'node:module';
import path from 'node:path';
import { BindingFailure, type BindingProblem } from './errors';
import { checkNativeModule } from './nativeModuleAbi';
import type { LibFactory } from './pcscliteTypes';

let cached: Promise<LibFactory> | undefined;

/**
 * Where to load pcsclite from. A native module is built for one ABI: the copy in
 * node_modules serves plain Node (CLI, tests, web build); the Electron app in
 * development points JPKI_PCSCLITE_DIR at a copy rebuilt for Electron
 * (scripts/prepare-electron-native.mjs). Packaged apps carry their own copy,
 * rebuilt for Electron and checked at packaging (scripts/after-pack.mjs).
 */
function pcscliteRequire(): NodeRequire {
  const dir = process.env.JPKI_PCSCLITE_DIR;
  // From this file (or the bundle it ends up in), exactly as a plain import would resolve.
  return createRequire(dir ? path.join(dir, 'package.json') : import.meta.url);
}

/** The .node file pcsclite loads (bindings looks in build/Release first). */
export function bindingFile(packageDir: string): string {
  return path.join(packageDir, 'build', 'Release', 'pcsclite.node');
}

/**
 * Why the binding did not load, named for the person who has to fix it: the
 * package or its .node file is missing, or the file was built for another
 * runtime (ABI), or it failed for another reason (e.g. libpcsclite absent).
 */
export function explainLoadFailure(error: unknown, packageDir: string | undefined): { problem: BindingProblem; file?: string; reason: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (!packageDir) return { problem: 'missing', reason: 'the pcsclite package is not installed' };
  const file = bindingFile(packageDir);
  const verdict = checkNativeModule(file, { moduleVersion: Number(process.versions.modules) });
  if (!verdict.ok && verdict.problem === 'missing') return { problem: 'missing', file, reason: 'the compiled binding file is missing' };
  if (!verdict.ok && (verdict.problem === 'wrong-abi' || verdict.problem === 'wrong-arch' || verdict.problem === 'wrong-format')) {
    return { problem: 'wrong-abi', file, reason: verdict.reason };
  }
  if (/NODE_MODULE_VERSION/.test(message)) return { problem: 'wrong-abi', file, reason: firstLine(message) };
  // ASCII only: a dlopen message may carry OS text in another code page.
  return { problem: 'load-failed', file, reason: firstLine(message).replace(/[^\x20-\x7e]/g, '?') };
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').slice(0, 400);
}

function packageDirOf(req: NodeRequire): string | undefined {
  try {
    return path.dirname(req.resolve('pcsclite/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * pcsclite is a regular dependency, yet an install can still lack it or carry a
 * copy built for another runtime. That is its own condition (the app is damaged:
 * reinstall), never "start the smart-card service".
 */
export function loadPcsclite(): Promise<LibFactory> {
  cached ??= (async () => {
    const req = pcscliteRequire();
    try {
      const mod: unknown = req('pcsclite');
      const factory = (mod as { default?: unknown }).default ?? mod;
      if (typeof factory !== 'function') throw new Error('pcsclite did not export a factory');
      return factory as LibFactory;
    } catch (error) {
      cached = undefined;
      const { problem, file, reason } = explainLoadFailure(error, packageDirOf(req));
      throw new BindingFailure(problem, file, reason);
    }
  })();
  return cached;
}
