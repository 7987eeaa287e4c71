// `npm run bench`: every benchmark, one after another (they share the one
// virtual reader and the two cores, so running them in parallel would skew them).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = [
  ['engine', 'scripts/bench-engine.ts'],
  ['cert', 'scripts/bench-cert.ts'],
  ['card', 'scripts/bench-card.ts'],
  ['ui', 'scripts/bench-ui.ts'],
];
const only = process.argv.slice(2);
let failed = 0;
for (const [name, file] of benches) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(file)) {
    console.error(`bench ${name}: ${file} is missing`);
    failed++;
    continue;
  }
  console.log(`\n== bench: ${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
