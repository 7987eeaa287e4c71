import { defineConfig } from 'vitest/config';

// Browser tests share one build, one pcscd and one vpcd port: run files one at a time.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/support/globalSetup.ts'],
    testTimeout: 90000,
    hookTimeout: 120000,
    fileParallelism: false,
  },
});
