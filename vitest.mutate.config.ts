import { defineConfig } from 'vitest/config';

/**
 * The unit tests Stryker runs against each mutant (`npm run mutate`): the tests of
 * the core, in plain Node. Left out: *.integration tests (they need pcscd and the
 * virtual card), e2e, tests that start other processes (cli, web, start,
 * electron), which would only ever run unmutated code, and the slow cert fuzz
 * and openssl cross-checks.
 */
export default defineConfig({
  test: {
    include: [
      'tests/{engine,rules,card,cert,contract,emulator,pcsc}/**/*.test.ts',
      // The flowchart shape checks (cycles, unreachable nodes) live with the hostile-input tests.
      'tests/hostile/flowchart.test.ts',
    ],
    exclude: [
      '**/*.integration.test.ts',
      'tests/e2e/**',
      'node_modules/**',
      // Thousands of random inputs per run (robustness, not assertions on behaviour)
      // and openssl child processes: too slow to repeat for every mutant.
      'tests/cert/fuzz.test.ts',
      'tests/cert/openssl.test.ts',
    ],
    environment: 'node',
    isolate: false,
    testTimeout: 20000,
    hookTimeout: 30000,
  },
});
