#!/usr/bin/env node
// Mutation score per folder of the core, from Stryker's JSON report (npm run mutate).
// Score = killed / (killed + survived) over mutants some test covers ("covered code"),
// timeouts counting as killed; uncovered mutants are listed separately.
// Usage: node scripts/mutate-score.mjs [report.json …] [--survivors] [--goal 90]
// (several reports, e.g. one run per folder, are added up)
import { readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const goalAt = args.indexOf('--goal');
const goal = goalAt >= 0 ? Number(args[goalAt + 1]) : 90;
const reportPaths = args.filter((a, i) => !a.startsWith('--') && (goalAt < 0 || i !== goalAt + 1));
if (reportPaths.length === 0) reportPaths.push('reports/mutation/mutation.json');

const report = { files: {} };
for (const reportPath of reportPaths) {
  try {
    Object.assign(report.files, JSON.parse(readFileSync(reportPath, 'utf8')).files);
  } catch (error) {
    console.error(`cannot read the Stryker report ${reportPath}: ${error.message} (run npm run mutate first)`);
    process.exit(2);
  }
}

/** The folders the goal is about; anything else mutated is reported under its own folder. */
const GOAL_FOLDERS = ['engine', 'jpki', 'cert', 'card'];
const folderOf = (file) => {
  const rel = path.relative(process.cwd(), path.resolve(file)).split(path.sep);
  const i = rel.indexOf('src-main');
  return i >= 0 && rel.length > i + 2 ? rel[i + 1] : rel.slice(0, -1).join('/');
};

const empty = () => ({ killed: 0, survived: 0, timeout: 0, noCoverage: 0, compileError: 0, other: 0 });
const byFolder = new Map();
const survivors = [];
for (const [file, { mutants, source }] of Object.entries(report.files)) {
  const folder = folderOf(file);
  if (!byFolder.has(folder)) byFolder.set(folder, empty());
  const c = byFolder.get(folder);
  const lines = source.split('\n');
  for (const m of mutants) {
    switch (m.status) {
      case 'Killed':
        c.killed++;
        break;
      case 'Timeout':
        c.timeout++;
        break;
      case 'Survived':
        c.survived++;
        survivors.push({ file, m, line: lines[m.location.start.line - 1]?.trim() ?? '' });
        break;
      case 'NoCoverage':
        c.noCoverage++;
        survivors.push({ file, m, line: lines[m.location.start.line - 1]?.trim() ?? '' });
        break;
      case 'CompileError':
        c.compileError++;
        break;
      default:
        c.other++;
    }
  }
}

const pct = (n, d) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);
const rows = [...byFolder].sort(([a], [b]) => a.localeCompare(b));
console.log('\nMutation score per folder (covered code: killed / (killed + survived); timeouts count as killed)\n');
console.log(`${'folder'.padEnd(10)}${'covered'.padStart(10)}${'all'.padStart(10)}${'killed'.padStart(8)}${'survived'.padStart(10)}${'no cov.'.padStart(9)}${'type err.'.padStart(11)}`);
let failed = false;
for (const [folder, c] of rows) {
  const killed = c.killed + c.timeout;
  const covered = pct(killed, killed + c.survived);
  const below = GOAL_FOLDERS.includes(folder) && (100 * killed) / Math.max(1, killed + c.survived) < goal;
  if (below) failed = true;
  console.log(
    `${folder.padEnd(10)}${covered.padStart(10)}${pct(killed, killed + c.survived + c.noCoverage).padStart(10)}${String(killed).padStart(8)}${String(c.survived).padStart(10)}${String(c.noCoverage).padStart(9)}${String(c.compileError).padStart(11)}${below ? `   below the ${goal} % goal` : ''}`,
  );
}

if (flag('--survivors')) {
  console.log('\nSurvivors and uncovered mutants:');
  for (const { file, m, line } of survivors) {
    const where = `${path.relative(process.cwd(), path.resolve(file))}:${m.location.start.line}:${m.location.start.column}`;
    console.log(`${m.status === 'NoCoverage' ? 'NOCOV' : 'SURV '} ${where} ${m.mutatorName}: ${JSON.stringify(m.replacement ?? '')}  |  ${line.slice(0, 110)}`);
  }
}
console.log(failed ? `\nSome of ${GOAL_FOLDERS.join(', ')} are below the ${goal} % goal.` : `\n${GOAL_FOLDERS.join(', ')}: all at or above the ${goal} % goal.`);
process.exit(failed ? 1 : 0);
