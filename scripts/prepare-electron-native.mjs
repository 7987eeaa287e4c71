// Rebuilds the PC/SC binding for Electron's ABI into out/electron-native, leaving
// node_modules/pcsclite built for plain Node (the CLI, the tests and the browser
// build keep working). Needs Electron's headers, so it runs only where the
// Electron binary itself could be had. Skipped when already built for this version.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const NATIVE_DIR = path.resolve('out/electron-native');

export async function prepareElectronNative() {
  const electronVersion = require('electron/package.json').version;
  const stamp = path.join(NATIVE_DIR, '.electron-version');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return NATIVE_DIR;
  if (!existsSync('node_modules/pcsclite')) throw new Error('node_modules/pcsclite is missing (install libpcsclite-dev, then npm install)');

  rmSync(NATIVE_DIR, { recursive: true, force: true });
  mkdirSync(path.join(NATIVE_DIR, 'node_modules'), { recursive: true });
  for (const name of ['pcsclite', 'bindings', 'file-uri-to-path', 'nan']) {
    if (existsSync(`node_modules/${name}`)) {
      cpSync(`node_modules/${name}`, path.join(NATIVE_DIR, 'node_modules', name), { recursive: true });
    }
  }
  const pcscVersion = require('pcsclite/package.json').version;
  writeFileSync(
    path.join(NATIVE_DIR, 'package.json'),
    JSON.stringify({ name: 'jpki-doctor-electron-native', private: true, dependencies: { pcsclite: pcscVersion } }, null, 2),
  );
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: NATIVE_DIR, electronVersion, onlyModules: ['pcsclite'], force: true });
  writeFileSync(stamp, electronVersion);
  return NATIVE_DIR;
}
