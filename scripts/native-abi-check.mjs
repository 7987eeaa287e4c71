// The packaging check: every pcsclite.node inside a packaged app must exist and
// be built for that app's Electron (its NODE_MODULE_VERSION), platform and CPU.
// Used as electron-builder's afterPack hook (a failure stops the build) and from
// the command line: node scripts/native-abi-check.mjs <appOutDir> <platform> <arch>
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { checkNativeModule } = await import('../src-main/pcsc/nativeModuleAbi.ts');
const require = createRequire(import.meta.url);

const FORMATS = { linux: 'elf', win32: 'pe', darwin: 'mach-o', mas: 'mach-o' };
// electron-builder's Arch enum (builder-util): 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal.
const ARCHES = ['ia32', 'x64', 'arm', 'arm64', 'universal'];

/** NODE_MODULE_VERSION of an Electron release: electron's own abi_version file, else node-abi. */
export function electronAbi(version) {
  const installed = require('electron/package.json');
  if (installed.version === version) {
    return Number(readFileSync(path.join(path.dirname(require.resolve('electron/package.json')), 'abi_version'), 'utf8').trim());
  }
  return Number(require('node-abi').getAbi(version, 'electron'));
}

function findBindings(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findBindings(full));
    else if (entry.name === 'pcsclite.node') found.push(full);
  }
  return found;
}

/** Checks a packaged app folder; returns the problems (empty when it can load its binding). */
export function checkPackagedBinding({ appOutDir, platform, arch, electronVersion, moduleVersion = electronAbi(electronVersion) }) {
  const target = { moduleVersion, format: FORMATS[platform], arch: arch === 'universal' ? undefined : arch };
  const files = findBindings(appOutDir);
  if (files.length === 0) {
    return [`no pcsclite.node inside ${appOutDir}: the PC/SC binding was not packaged (is pcsclite in dependencies, and asarUnpack set?)`];
  }
  return files.flatMap((file) => {
    const verdict = checkNativeModule(file, target);
    return verdict.ok ? [] : [`${verdict.reason} (Electron ${electronVersion}, ${platform}/${arch ?? 'any'})`];
  });
}

/** electron-builder afterPack hook. */
export default async function afterPack(context) {
  const electronVersion = context.packager.config.electronVersion ?? context.packager.info.framework.version;
  const problems = checkPackagedBinding({
    appOutDir: context.appOutDir,
    platform: context.electronPlatformName,
    arch: ARCHES[context.arch],
    electronVersion,
  });
  if (problems.length) {
    throw new Error(`jpki-doctor packaging check failed: the PC/SC binding cannot load in this app:\n  - ${problems.join('\n  - ')}`);
  }
  console.log(`  • jpki-doctor: PC/SC binding checked for Electron ${electronVersion} (${context.electronPlatformName}/${ARCHES[context.arch]})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [appOutDir, platform = process.platform, arch = process.arch] = process.argv.slice(2);
  if (!appOutDir) {
    console.error('usage: node scripts/native-abi-check.mjs <appOutDir> [platform] [arch]');
    process.exit(2);
  }
  const electronVersion = require('electron/package.json').version;
  const problems = checkPackagedBinding({ appOutDir, platform, arch, electronVersion });
  for (const p of problems) console.error(`FAIL ${p}`);
  if (!problems.length) console.log(`ok: pcsclite.node in ${appOutDir} loads in Electron ${electronVersion} (${platform}/${arch})`);
  process.exit(problems.length ? 1 : 0);
}
