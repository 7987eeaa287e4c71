import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** One production build for every browser test file (what `npm run web` serves). */
export default function setup(): void {
  if (process.env.JPKI_E2E_SKIP_BUILD === '1' && existsSync('out/renderer/index.html')) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
