#!/usr/bin/env node
// Combines Stryker incremental files written by separate runs (e.g. one per folder,
// run by different people at the same time) into one incremental file for the next
// `stryker run --incremental`. It only prepares reuse; the run that reads it decides:
// Stryker re-tests every mutant whose file or covering tests differ from what is
// recorded here.
// Usage: node scripts/mutate-merge.mjs <out.json> <in.json> [<in.json> …]
//
// Test ids are only unique within one report, so tests are matched by file and name
// and renumbered. When a test file was recorded with different sources in different
// inputs, the source kept is one that differs from the file on disk, so Stryker sees
// that file as changed and re-tests every mutant its tests cover or killed (never
// reuses a result measured with other tests than the current ones).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [outPath, ...inPaths] = process.argv.slice(2);
if (!outPath || inPaths.length === 0) {
  console.error('usage: node scripts/mutate-merge.mjs <out.json> <in.json> [<in.json> …]');
  process.exit(2);
}

const onDisk = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
const reports = inPaths.map((p) => JSON.parse(readFileSync(p, 'utf8')));

// Tests: one entry per (file, name), with a new id.
const testFiles = {};
const idOf = new Map(); // `${file}\u0000${name}` -> new id
const remap = reports.map(() => new Map()); // per report: old id -> new id
for (const [r, report] of reports.entries()) {
  for (const [file, testFile] of Object.entries(report.testFiles ?? {})) {
    const current = onDisk(file);
    const merged = (testFiles[file] ??= { source: testFile.source, tests: [] });
    if (merged.source !== testFile.source && merged.source === current) merged.source = testFile.source;
    for (const test of testFile.tests) {
      const key = `${file}\u0000${test.name}`;
      if (!idOf.has(key)) {
        idOf.set(key, String(idOf.size));
        merged.tests.push({ ...test, id: idOf.get(key) });
      }
      remap[r].set(test.id, idOf.get(key));
    }
  }
}

// A test file that differs from the one on disk counts as changed in every one of its tests
// (vitest gives Stryker no test locations): its test list would only be carried along, so it
// is dropped. Mutants that named those tests are re-tested, exactly as they would be anyway.
const dropped = new Set();
for (const [file, testFile] of Object.entries(testFiles)) {
  if (testFile.source === onDisk(file)) continue;
  for (const test of testFile.tests) dropped.add(test.id);
  testFile.tests = [];
}

// Mutated files: per file, the input whose recorded source is the file on disk (else the last).
const files = {};
for (const [r, report] of reports.entries()) {
  for (const [file, result] of Object.entries(report.files ?? {})) {
    const keep = !files[file] || result.source === onDisk(file) || files[file].result.source !== onDisk(file);
    if (keep) files[file] = { r, result };
  }
}
const outFiles = {};
for (const [file, { r, result }] of Object.entries(files)) {
  const ids = (list) => list?.map((id) => remap[r].get(id)).filter((id) => id !== undefined && !dropped.has(id));
  outFiles[file] = {
    ...result,
    mutants: result.mutants.map((m) => ({ ...m, coveredBy: ids(m.coveredBy), killedBy: ids(m.killedBy) })),
  };
}

const merged = { ...reports.at(-1), files: outFiles, testFiles };
writeFileSync(outPath, JSON.stringify(merged, null, 2));
const count = Object.values(outFiles).reduce((n, f) => n + f.mutants.length, 0);
console.log(`${outPath}: ${Object.keys(outFiles).length} mutated files, ${count} mutants, ${idOf.size} tests from ${inPaths.length} inputs`);
