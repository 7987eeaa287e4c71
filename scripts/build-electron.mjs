// Bundles the Electron main process (ESM) and the preload script (CommonJS:
// sandboxed preloads cannot be ES modules). The renderer is built by Vite.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Native and Electron modules load at run time from node_modules / the runtime.
  external: ['electron', 'pcsclite'],
  // The rules parser: same data as `yaml` on our rules, several times faster to start (scripts/bundle/yaml-core.mjs).
  alias: { yaml: fileURLToPath(new URL('./bundle/yaml-core.mjs', import.meta.url)) },
};

await build({
  ...common,
  entryPoints: ['src-main/main.ts'],
  outfile: 'out/main/main.js',
  format: 'esm',
  // Some bundled dependencies are CommonJS and call require().
  banner: { js: "import { createRequire as __jpkiCreateRequire } from 'node:module'; const require = __jpkiCreateRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: ['src-preload/index.ts'],
  outfile: 'out/preload/index.cjs',
  format: 'cjs',
});

console.log('jpki-doctor: built out/main/main.js and out/preload/index.cjs');
