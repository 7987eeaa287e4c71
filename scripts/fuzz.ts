// `npm run fuzz [-- --runs N --seed S]`: every property-based target with N cases
// (default 10 000), printing the count per target. Exit code 1 on any failure.
import { parseArgs } from 'node:util';
import { runTargets } from '../tests/fuzz/targets';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const runs = Number(values.runs ?? 10_000);
const seed = Number(values.seed ?? Date.now() % 2 ** 31);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S]');
  process.exit(2);
}
console.log(`jpki-doctor fuzz: ${runs} cases per target, seed ${seed}`);
const started = Date.now();
const results = await runTargets(runs, seed);
for (const r of results) {
  console.log(`${r.failed ? 'FAIL' : 'ok  '} ${r.name.padEnd(54)} ${String(r.runs).padStart(7)} cases ${(r.ms / 1000).toFixed(1).padStart(6)} s`);
  if (r.message) console.log(r.message);
}
const total = results.reduce((n, r) => n + r.runs, 0);
const failed = results.filter((r) => r.failed).length;
console.log(`total: ${total} cases, ${results.length} targets, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
