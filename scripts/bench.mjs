// `npm run bench`: every benchmark, one after another (they share the one
// virtual reader and the two cores, so running them in parallel would skew them).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// [name, file, arguments, holds the virtual reader (runs under flock /tmp/jpki-vpcd.lock)]
const benches = [
  ['engine', 'scripts/bench-engine.ts', [], false],
  ['conversation', 'scripts/bench-conversation.ts', [], false],
  ['cert', 'scripts/bench-cert.ts', [], false],
  ['card', 'scripts/bench-card.ts', [], true],
  ['ui', 'scripts/bench-ui.ts', [], false],
  ['cli', 'scripts/bench-cli.ts', ['startup'], false],
  ['cli-card', 'scripts/bench-cli.ts', ['card'], true],
  ['size', 'scripts/bench-cli.ts', ['size'], false],
];
const only = process.argv.slice(2);
let failed = 0;
for (const [name, file, args, usesReader] of benches) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(file)) {
    console.error(`bench ${name}: ${file} is missing`);
    failed++;
    continue;
  }
  console.log(`\n== bench: ${name}`);
  const command = [process.execPath, '--import', 'tsx', file, ...args];
  const run =
    usesReader && process.platform === 'linux'
      ? spawnSync('flock', ['/tmp/jpki-vpcd.lock', ...command], { stdio: 'inherit' })
      : spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
