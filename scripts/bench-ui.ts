import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, startWebServer } from '../tests/e2e/support/harness';
import { median } from './benchSupport';

/**
 * UI benchmark: production JS+CSS size (gzipped; goal < 250 KB) and time until the
 * first screen is interactive in headless Chromium (median of several cold loads; goal < 1 s).
 */
const LOADS = 7;
const SIZE_GOAL_KB = 250;
const TIME_GOAL_MS = 1000;

function bundleSizes(dir: string): { jsGzip: number; cssGzip: number; raw: number } {
  let jsGzip = 0;
  let cssGzip = 0;
  let raw = 0;
  for (const name of readdirSync(dir)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const bytes = readFileSync(path.join(dir, name));
    raw += bytes.length;
    const gz = gzipSync(bytes, { level: 9 }).length;
    if (name.endsWith('.js')) jsGzip += gz;
    else cssGzip += gz;
  }
  return { jsGzip, cssGzip, raw };
}

async function main(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const sizes = bundleSizes('out/renderer/assets');
  const totalKb = (sizes.jsGzip + sizes.cssGzip) / 1024;
  console.log(`bundle: JS ${(sizes.jsGzip / 1024).toFixed(1)} KB + CSS ${(sizes.cssGzip / 1024).toFixed(1)} KB gzipped = ${totalKb.toFixed(1)} KB (goal < ${SIZE_GOAL_KB} KB)`);

  const server = await startWebServer();
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(server.url);
      // Interactive: the first screen's main action can be pressed.
      await page.locator('[data-testid="check-card"]:not([disabled])').waitFor();
      times.push(performance.now() - start);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const med = median(times);
  console.log(`first interactive screen: median ${med.toFixed(0)} ms over ${LOADS} loads (goal < ${TIME_GOAL_MS} ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
  console.log(
    JSON.stringify({
      bench: 'ui',
      jsGzipKB: +(sizes.jsGzip / 1024).toFixed(1),
      cssGzipKB: +(sizes.cssGzip / 1024).toFixed(1),
      totalGzipKB: +totalKb.toFixed(1),
      sizeGoalMet: totalKb < SIZE_GOAL_KB,
      firstInteractiveMedianMs: Math.round(med),
      loads: LOADS,
      timeGoalMet: med < TIME_GOAL_MS,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
