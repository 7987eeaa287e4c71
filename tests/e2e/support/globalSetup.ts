import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** One production build for every browser test file (what `npm run web` serves). */
export default function setup(): void {
  if (process.env.JPKI_E2E_SKIP_BUILD === '1' && existsSync('out/renderer/index.html')) return;
  // Vitest sets NODE_ENV=test, which would give React's development build: test what ships.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
