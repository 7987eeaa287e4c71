// Bundles the command-line tool into out/cli/ so `jpki-doctor` starts as plain
// JavaScript (no TypeScript transpiling at run time). Run by `npm install` /
// `npm ci` (the `prepare` script) and by `npm run build`; never committed.
// Each subcommand is its own chunk, so `diagnose` never loads pkijs or pcsclite.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI_DIR = fileURLToPath(new URL('../out/cli/', import.meta.url));
export const CLI_ENTRY = `${CLI_DIR}jpki-doctor.mjs`;

/** Builds into out/cli/ (or `outDir`, for tests of a package layout); returns the entry file. */
export async function buildCli(outDir = CLI_DIR) {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: { 'jpki-doctor': fileURLToPath(new URL('../src-main/cli/main.ts', import.meta.url)) },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // The native binding loads at run time from node_modules (it is built per runtime).
    external: ['pcsclite'],
    // Some bundled dependencies are CommonJS and call require().
    banner: { js: "import { createRequire as __jpkiCreateRequire } from 'node:module'; const require = __jpkiCreateRequire(import.meta.url);" },
  });
  return `${outDir.replace(/\/?$/, '/')}jpki-doctor.mjs`;
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await buildCli();
}
