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
    // Re-export lists only.
    '!src-main/*/index.ts',
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
  timeoutMS: 5000,
  reporters: ['progress', 'clear-text', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
