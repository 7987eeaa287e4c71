import { createRequire } from 'node:module';
import path from 'node:path';
import { CardFailure } from './errors';
import type { LibFactory } from './pcscliteTypes';

let cached: Promise<LibFactory> | undefined;

/**
 * Where to load pcsclite from. A native module is built for one ABI: the copy in
 * node_modules serves plain Node (CLI, tests, web build); the Electron app in
 * development points JPKI_PCSCLITE_DIR at a copy rebuilt for Electron
 * (scripts/prepare-electron-native.mjs). Packaged apps get theirs rebuilt by
 * electron-builder, so the plain import is right there.
 */
async function importPcsclite(): Promise<unknown> {
  const dir = process.env.JPKI_PCSCLITE_DIR;
  if (dir) return createRequire(path.join(dir, 'package.json'))('pcsclite');
  return import('pcsclite');
}

/**
 * pcsclite is an optional native dependency: it may be absent or fail to load
 * (no libpcsclite, ABI mismatch). That is the pcsc-unavailable condition.
 */
export function loadPcsclite(): Promise<LibFactory> {
  cached ??= (async () => {
    try {
      const mod: unknown = await importPcsclite();
      const factory = (mod as { default?: unknown }).default ?? mod;
      if (typeof factory !== 'function') throw new Error('pcsclite did not export a factory');
      return factory as LibFactory;
    } catch (error) {
      cached = undefined;
      throw new CardFailure('pcsc-unavailable', `pcsclite could not be loaded: ${(error as Error).message ?? error}`);
    }
  })();
  return cached;
}
