#!/usr/bin/env node
// Runs the CLI bundle built by `npm install` / `npm ci` (scripts/build-cli.mjs,
// the `prepare` script): plain JavaScript, so it starts fast. In a development
// checkout whose TypeScript is newer than the bundle (or with no bundle yet), it
// runs the TypeScript through tsx instead, so an edit is never hidden by a stale
// bundle.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}out/cli/jpki-doctor.mjs`;
const sources = `${root}src-main`;

/** Newest modification time under a folder (a few ms for src-main). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const haveBundle = existsSync(bundle);
const haveSources = existsSync(sources);
if (haveBundle && (!haveSources || statSync(bundle).mtimeMs >= newest(sources))) {
  await import(pathToFileURL(bundle).href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      'jpki-doctor: コマンドがまだビルドされていません。`npm install` か `npm run build:cli` を実行してください。\n' +
        'jpki-doctor: the command is not built yet. Run `npm install` or `npm run build:cli`.\n',
    );
    process.exit(1);
  }
  register();
  await import('../src-main/cli/main.ts');
}
