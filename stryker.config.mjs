// @ts-check
/**
 * Mutation testing of the core (`npm run mutate`, not part of `npm test`).
 * Stryker 9.6: Stryker 10 needs Node 22, this project supports Node 20.
 * Scores per folder: scripts/mutate-score.mjs reads the JSON report.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  mutate: [
    'src-main/engine/**/*.ts',
    'src-main/jpki/**/*.ts',
    'src-main/cert/**/*.ts',
    'src-main/card/**/*.ts',
    'src-main/pcsc/errors.ts',
    // Re-export lists and type declarations only.
    '!src-main/*/index.ts',
    '!src-main/engine/ruleSet.ts',
    // Input validation with its own suites (tests/rules, tests/contract, tests/fuzz),
    // mostly error wording; the engine score is about reasoning on facts.
    '!src-main/engine/loadRules.ts',
    '!src-main/engine/parseFacts.ts',
  ],
  // Build output and reports are not sources (Stryker copies the project into a sandbox).
  ignorePatterns: ['out', 'dist', 'release', 'reports', 'test-output', 'docs'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutate.json',
  coverageAnalysis: 'perTest',
  // Static mutants (message tables and other module-level constants) need every
  // test rerun in a fresh environment each; on 2 shared cores that alone takes
  // longer than the rest. They are left out of the run and of the scores.
  ignoreStatic: true,
  concurrency: 2,
  // Generous: on a loaded machine a normal run can take several times the dry run,
  // and a false timeout would count a surviving mutant as detected.
  timeoutFactor: 4,
  timeoutMS: 20000,
  // The first full run of the unit tests (per-test coverage of every test) took over 5 minutes,
  // Stryker's default limit, at load average 22 here (28 Nov 2026).
  dryRunTimeoutMinutes: 30,
  reporters: ['progress', 'clear-text', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  // `npm run mutate` (--incremental) starts from this committed baseline and tests again only
  // the mutants whose code or covering tests changed since; Stryker does not see changes in
  // other files (test helpers, fixtures, rules, dependencies): `npm run mutate:full` then.
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
