// Lays out the app exactly as it is packaged, in out/app/: the built main,
// preload and renderer, the rules and assets, a production package.json, and
// its only runtime dependency (pcsclite) copied from node_modules and rebuilt
// there for Electron. node_modules/pcsclite itself is never rebuilt: the CLI,
// the tests and the browser build keep their Node build.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STAGE_DIR = path.join(ROOT, 'out', 'app');
/** pcsclite and what it needs at run time (nan only to compile it). */
const NATIVE_PACKAGES = ['pcsclite', 'bindings', 'file-uri-to-path', 'nan'];

export function electronVersion() {
  return require('electron/package.json').version;
}

/**
 * `rebuild: false` keeps the Node build of pcsclite (tests of the layout in plain
 * Node, or of the packaging check); `renderer: false` skips the page (tests).
 */
export async function stageApp({ stageDir = STAGE_DIR, arch = process.arch, rebuild = true, renderer = true } = {}) {
  const parts = renderer ? ['main', 'preload', 'renderer'] : ['main', 'preload'];
  for (const built of ['out/main/main.js', 'out/preload/index.cjs', ...(renderer ? ['out/renderer/index.html'] : [])]) {
    if (!existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  rmSync(stageDir, { recursive: true, force: true });
  mkdirSync(path.join(stageDir, 'out'), { recursive: true });
  for (const part of parts) {
    cpSync(path.join(ROOT, 'out', part), path.join(stageDir, 'out', part), { recursive: true, filter: (f) => !f.endsWith('.map') });
  }
  for (const part of ['rules', 'assets']) cpSync(path.join(ROOT, part), path.join(stageDir, part), { recursive: true });

  const dev = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const app = {
    name: dev.name,
    productName: 'jpki-doctor',
    version: dev.version,
    description: dev.description,
    author: dev.author,
    license: dev.license,
    type: dev.type,
    main: dev.main,
    dependencies: dev.dependencies,
  };
  writeFileSync(path.join(stageDir, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);

  for (const name of NATIVE_PACKAGES) {
    const from = path.join(ROOT, 'node_modules', name);
    if (!existsSync(from)) throw new Error(`node_modules/${name} is missing: run npm ci (pcsclite needs libpcsclite-dev on Linux)`);
    cpSync(from, path.join(stageDir, 'node_modules', name), { recursive: true });
  }
  if (rebuild) {
    const { rebuild: electronRebuild } = await import('@electron/rebuild');
    await electronRebuild({ buildPath: stageDir, electronVersion: electronVersion(), arch, onlyModules: ['pcsclite'], force: true });
  }
  // Intermediate build products: not loaded at run time, and a second .node to confuse the check.
  rmSync(path.join(stageDir, 'node_modules', 'pcsclite', 'build', 'Release', 'obj.target'), { recursive: true, force: true });
  if (rebuild) {
    // @electron/rebuild can finish "successfully" with a binding for the wrong runtime (seen offline: it compiled
    // against Node 20's headers). Stop here with the reason, not after electron-builder has fetched Electron.
    const { checkPackagedBinding } = await import('./native-abi-check.mjs');
    const problems = checkPackagedBinding({ appOutDir: path.join(stageDir, 'node_modules', 'pcsclite'), platform: process.platform, arch, electronVersion: electronVersion() });
    if (problems.length) {
      throw new Error(
        `the Electron rebuild of pcsclite in ${stageDir} did not give a binding Electron can load:\n  - ${problems.join('\n  - ')}\n` +
          "(node-gyp needs Electron's headers from the internet, and a C++ toolchain; node_modules/pcsclite was not touched)",
      );
    }
  }
  return stageDir;
}
