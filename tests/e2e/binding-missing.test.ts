import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idle, launchChromium, openWizard, readCard, shot, tempDir } from './support/harness';

// The browser build on a machine where our PC/SC binding cannot be loaded: the web
// server's binding folder (JPKI_PCSCLITE_DIR) holds no pcsclite, exactly as a broken
// install would. The card screen must say why every row stays unknown (reinstall,
// and for staff which part failed), in Japanese and in English, and never send the
// person to start the smart-card service.
describe('card screen without the PC/SC binding', () => {
  const noBinding = tempDir('jpki-e2e-nobinding-');
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let url = '';

  beforeAll(async () => {
    writeFileSync(path.join(noBinding.dir, 'package.json'), '{"private":true}');
    mkdirSync(path.join(noBinding.dir, 'node_modules'));
    server = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/server.ts', '--port', '0', '--static', 'out/renderer'], {
      env: { ...process.env, JPKI_PCSCLITE_DIR: noBinding.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`web server did not start in 60 s:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /jpki-doctor web: (http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      server!.stdout!.on('data', onData);
      server!.stderr!.on('data', onData);
      server!.once('exit', (code) => reject(new Error(`web server exited with ${code}:\n${output}`)));
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill();
    noBinding.remove();
  });

  it('says the app is damaged and to reinstall, with the technical detail, in ja and en', async () => {
    const page = await openWizard(browser!, url);
    await readCard(page);
    const note = page.getByTestId('card-binding-missing');
    const ja = await note.innerText();
    expect(ja).toContain('カード読み取り部品');
    expect(ja).toContain('入れ直してください');
    expect(ja).toContain('サービスやカードリーダーの問題ではありません');
    expect(ja).toContain('技術情報（窓口・サポート向け）：pcsclite binding missing');
    // The rows it explains are still there, unknown.
    expect(await page.getByTestId('check-service').innerText()).toContain('未確認');
    await shot(page, 'binding-missing-ja');

    await page.getByTestId('lang-switch').click();
    await idle(page);
    const en = await note.innerText();
    expect(en).toContain('could not be loaded');
    expect(en).toContain('install it again');
    expect(en).toContain('not a problem with the smart-card service or the card reader');
    expect(en).toContain('Technical detail (for office staff or support): pcsclite binding missing');
    await shot(page, 'binding-missing-en');
  });
});
