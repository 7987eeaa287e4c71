import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';

// `npm start` must give the person the wizard even where the Electron binary
// cannot be had: it falls back to the browser build and says why.
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('npm start without the Electron binary', () => {
  it('explains why in Japanese and English, then serves the wizard on loopback', async () => {
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, JPKI_DOCTOR_NO_ELECTRON: '1', PORT: '0', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
        if (match) {
          clearInterval(timer);
          resolve(match[0]);
        }
      }, 100);
      child!.on('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`start exited with ${code}:\n${output}`));
      });
    });
    expect(output).toContain('ブラウザ版');
    expect(output).toContain('The Electron binary is not available here');
    expect(output).toContain('JPKI_DOCTOR_NO_ELECTRON=1');
    const page = await fetchText(url);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<div id="root">|<script/);
  }, 120_000);
});
