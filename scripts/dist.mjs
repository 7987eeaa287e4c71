// `npm run dist [-- electron-builder options]`: installers for this platform.
//   npm run dist -- --win --x64      (on Windows: NSIS installer)
//   npm run dist -- --mac --arm64    (on macOS: dmg)
// Builds the code and icons, lays the app out in out/app with pcsclite rebuilt
// there for Electron and the target CPU, then runs electron-builder, whose
// afterPack hook fails the build if that binding is missing or built for another
// ABI. node_modules/pcsclite is checked before and after: it must stay the Node
// build, or the CLI, the tests and the browser build would lose the card.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildIcons } from './build-icons.mjs';
import { stageApp } from './stage-app.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_BINDING = `${ROOT}node_modules/pcsclite/build/Release/pcsclite.node`;
const args = process.argv.slice(2);
const arch = ['x64', 'arm64', 'ia32', 'armv7l', 'universal'].find((a) => args.includes(`--${a}`)) ?? process.arch;

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const before = readFileSync(NODE_BINDING);
run('npm', ['run', 'build']);
buildIcons();
try {
  await stageApp({ arch: arch === 'universal' ? process.arch : arch });
} catch (error) {
  console.error(`jpki-doctor: ${error.message}`);
  process.exit(1);
}
run(process.execPath, ['node_modules/electron-builder/cli.js', '--config', 'electron-builder.yml', ...args]);
if (!readFileSync(NODE_BINDING).equals(before)) {
  console.error('jpki-doctor: node_modules/pcsclite changed during packaging; run `npm rebuild pcsclite` to restore the Node build.');
  process.exit(1);
}
