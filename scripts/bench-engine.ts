// Benchmark: rule loading once, then diagnose() over a spread of fact sets, as
// the wizard calls it after every answer. Prints medians and a JSON line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { diagnose, loadRules, parseFacts } from '../src-main/engine';
import { median } from './benchSupport';

const loadTimes: number[] = [];
let rules = loadRules();
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  rules = loadRules();
  loadTimes.push(performance.now() - t0);
}

const dir = 'tests/fixtures/facts';
const factSets = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const parsed = parseFacts(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
    if (!parsed.ok) throw new Error(`${f}: ${parsed.field}: ${parsed.message}`);
    return parsed.facts;
  });

const rounds = 200;
const perCall: number[] = [];
for (let round = 0; round < rounds; round++) {
  const t0 = performance.now();
  for (const facts of factSets) diagnose(facts, rules);
  perCall.push((performance.now() - t0) / factSets.length);
}

const result = {
  bench: 'engine',
  factSets: factSets.length,
  rulesLoadMedianMs: Number(median(loadTimes).toFixed(2)),
  diagnoseMedianMs: Number(median(perCall).toFixed(3)),
  diagnosePerSecond: Math.round(1000 / median(perCall)),
};
console.log(`rules load (median of ${loadTimes.length}): ${result.rulesLoadMedianMs} ms`);
console.log(`diagnose (median over ${rounds} rounds of ${factSets.length} fact sets): ${result.diagnoseMedianMs} ms per call, ${result.diagnosePerSecond}/s`);
console.log(JSON.stringify(result));
