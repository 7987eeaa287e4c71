// `npm run web`: builds the renderer and serves the wizard on 127.0.0.1 with the
// real core behind it (real PC/SC), so it works without the Electron binary.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function buildRenderer() {
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('jpki-doctor: building the wizard failed (see above). / 画面のビルドに失敗しました。');
    process.exit(result.status ?? 1);
  }
}

export function serveWeb({ openBrowser = false } = {}) {
  const port = process.env.PORT ?? '5178';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-main/web/server.ts', '--port', port, '--static', 'out/renderer'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    // The printed address carries this launch's secret (#key=…); the API refuses calls without it.
    const match = /http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+/.exec(String(chunk));
    if (match && openBrowser) openInBrowser(match[0]);
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

function openInBrowser(url) {
  if (process.env.CI) return;
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const opener = spawn(command, [url], { stdio: 'ignore', detached: true });
  opener.on('error', () => {}); // no browser launcher: the printed URL is enough
  opener.unref();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!existsSync('node_modules')) {
    console.error('jpki-doctor: run `npm install` first. / 先に `npm install` を実行してください。');
    process.exit(1);
  }
  buildRenderer();
  serveWeb({ openBrowser: process.argv.includes('--open') });
}
