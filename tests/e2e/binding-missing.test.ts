import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idle, launchChromium, openWizard, readCard, shot, startWebServer, tempDir, type WebServer } from './support/harness';

// The browser build on a machine where our PC/SC binding cannot be loaded: the web
// server's binding folder (JPKI_PCSCLITE_DIR) holds no pcsclite, exactly as a broken
// install would. The card screen must say why every row stays unknown (reinstall,
// and for staff which part failed), in Japanese and in English, and never send the
// person to start the smart-card service.
describe('card screen without the PC/SC binding', () => {
  const noBinding = tempDir('jpki-e2e-nobinding-');
  let server: WebServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    writeFileSync(path.join(noBinding.dir, 'package.json'), '{"private":true}');
    mkdirSync(path.join(noBinding.dir, 'node_modules'));
    server = await startWebServer({ JPKI_PCSCLITE_DIR: noBinding.dir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    noBinding.remove();
  });

  it('says the app is damaged and to reinstall, with the technical detail, in ja and en', async () => {
    const page = await openWizard(browser!, server!.url);
    await readCard(page);
    const note = page.getByTestId('card-binding-missing');
    const ja = await note.innerText();
    expect(ja).toContain('カード読み取り部品');
    expect(ja).toContain('入れ直してください');
    expect(ja).toContain('サービスやカードリーダーの問題ではありません');
    expect(ja).toContain('技術情報（窓口・サポート向け）：pcsclite binding missing');
    // Never the smart-card service advice (pcsc-unavailable's words).
    expect(await page.locator('main').innerText()).not.toContain('を開始してください');
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
