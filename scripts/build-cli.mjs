// Bundles the command-line tool into out/cli/ so `jpki-doctor` starts as plain
// JavaScript (no TypeScript transpiling at run time). Run by `npm install` /
// `npm ci` (the `prepare` script) and by `npm run build`; never committed.
// Each subcommand is its own chunk, so `diagnose` never loads pkijs or pcsclite.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseUncached, textKey } from './bundle/yaml-core.mjs';
import { fileURLToPath } from 'node:url';

export const CLI_DIR = fileURLToPath(new URL('../out/cli/', import.meta.url));
export const CLI_ENTRY = `${CLI_DIR}jpki-doctor.mjs`;

/** Parsed rules keyed by the SHA-1 of their text, for scripts/bundle/yaml-core.mjs; a changed file just misses. */
export function writeRulesCache(outDir, rulesDir = fileURLToPath(new URL('../rules/', import.meta.url))) {
  const cache = {};
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) {
        const text = readFileSync(full, 'utf8');
        cache[textKey(text)] = parseUncached(text);
      }
    }
  };
  walk(rulesDir);
  writeFileSync(path.join(outDir, 'rules-cache.json'), JSON.stringify(cache));
}

/** Builds into out/cli/ (or `outDir`, for tests of a package layout); returns the entry file. */
export async function buildCli(outDir = CLI_DIR) {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: {
      'jpki-doctor': fileURLToPath(new URL('../src-main/cli/main.ts', import.meta.url)),
      // The process probe and check read the card in (src-main/cli/probeInChild.ts).
      'probe-child': fileURLToPath(new URL('../src-main/cli/probeChildMain.ts', import.meta.url)),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    minify: true,
    // The native binding loads at run time from node_modules (it is built per runtime).
    external: ['pcsclite'],
    // The rules parser: same data as `yaml` on our rules, several times faster to start.
    alias: { yaml: fileURLToPath(new URL('./bundle/yaml-core.mjs', import.meta.url)) },
    // Some bundled dependencies are CommonJS and call require().
    banner: { js: "import { createRequire as __jpkiCreateRequire } from 'node:module'; const require = __jpkiCreateRequire(import.meta.url);" },
  });
  writeRulesCache(outDir);
  return `${outDir.replace(/\/?$/, '/')}jpki-doctor.mjs`;
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await buildCli();
}
