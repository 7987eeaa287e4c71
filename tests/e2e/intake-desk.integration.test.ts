import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CALM_ANSWERS, answerQuestions, idle, openWizard, readCard, seriousAxeViolations, shot, useVirtualCards, useWizardServer } from './support/harness';

// The wizard as an office uses it at the desk, and as a founder uses it on a small laptop or a phone-sized window.

const activeId = (page: Page) =>
  page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-testid') || document.activeElement?.tagName);

const open = (browser: Browser, url: string, width: number, height: number): Promise<Page> => openWizard(browser, url, { width, height });

/** The icon's accessible name (the state in words) inside one row; colour plays no part. */
const iconName = (page: Page, testId: string) => page.getByTestId(testId).getByRole('img').first().getAttribute('aria-label');

async function sheetPdf(page: Page, name: string): Promise<{ text: string; pages: number }> {
  mkdirSync('test-output', { recursive: true });
  const file = `test-output/${name}.pdf`;
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  // A picture of the first page, to look at (test-output/<name>-1.png).
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, `test-output/${name}`]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? '0');
  return { text, pages };
}

// Whole walks with several screens, axe runs and PDFs: generous time on a shared 2-core machine.
describe('the wizard at an intake desk (virtual cards)', { timeout: 240_000 }, () => {
  const env = useWizardServer({ pcscd: true });
  const { insert, pull } = useVirtualCards();

  it('office mode: name, card check, questions, sheet; a PIN check on a low-tries card; another card starts a new intake with nothing carried over', async () => {
    const first = await insert('sign-pin-2-left');
    try {
      const page = await open(env.browser, env.server.url, 1024, 768);
      await page.getByTestId('staff-mode').click();
      await expect.poll(() => activeId(page)).toBe('rep-first');
      // Nothing to print before the card was read; the prominent button is the card check, 3 Tab stops away.
      expect(await page.getByTestId('report-print').count()).toBe(0);
      expect(await page.getByTestId('report-page').count()).toBe(0);
      await expect(page.getByTestId('report-check-card').getAttribute('class')).resolves.toContain('primary');
      await page.keyboard.press('Tab');
      expect(await activeId(page)).toBe('client');
      await page.keyboard.type('山田商事 山田太郎');
      await page.keyboard.press('Tab');
      expect(await activeId(page)).toBe('planned');
      await page.keyboard.type('2026/12/10');
      await page.keyboard.press('Tab');
      expect(await activeId(page)).toBe('report-check-card');
      await shot(page, 'intake-desk-1-start');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !!document.querySelector('[data-testid="card-continue"]'));
      await idle(page);
      await expect.poll(() => activeId(page)).toBe('card-h');
      await expect(iconName(page, 'tries-5')).resolves.toBe('残りわずか');
      await page.getByTestId('card-continue').click();
      await answerQuestions(page, { ...CALM_ANSWERS, errorCode: 'ICF4031', plannedSigningDate: 'dont-know' });
      // Office mode ends the questions on the sheet, not on the result.
      await expect(page.locator('.app').getAttribute('data-step')).resolves.toBe('report');
      await expect(page.getByTestId('report-client').textContent()).resolves.toBe('山田商事 山田太郎');
      await expect(page.getByTestId('report-date').textContent()).resolves.toMatch(/^\d{4}年\d{1,2}月\d{1,2}日\(.\)$/);
      await expect(page.getByTestId('report-planned').textContent()).resolves.toContain('12月10日(木)');
      await expect(page.getByTestId('report-error-code').textContent()).resolves.toBe('ICF4031');
      await expect(page.getByTestId('report-sign-tries').textContent()).resolves.toContain('残りわずか（5回中 残り2回）');
      await expect(page.getByTestId('report-pin-check').textContent()).resolves.toBe('受付では確認していません');
      await expect(page.locator('[data-testid="report-statements"] tr[data-fact="movedAt"] td').textContent()).resolves.not.toBe('未確認');

      // The password check, asked for with 2 tries in view.
      await page.getByRole('button', { name: 'カードの確認', exact: true }).click();
      await page.getByTestId('to-pin').click();
      await page.locator('#pin').fill(first.signPin);
      await page.locator('#pin-low').check();
      // The password check alone (the test signature, on by default, has its own suite: sign-test).
      await page.getByTestId('pin-sign-test').uncheck();
      await page.getByRole('button', { name: /確認する/ }).click();
      await expect.poll(() => page.getByTestId('pin-outcome').textContent()).toContain('正しく');
      expect(first.counters().signTriesLeft).toBe(5);
      await page.getByRole('button', { name: '結果に戻る' }).click();
      await idle(page);
      await expect.poll(() => page.getByTestId('primary-diagnosis').getAttribute('data-diagnosis')).toBe('sign-pin-verified');
      const result = (await page.getByTestId('primary-diagnosis').textContent()) ?? '';
      expect(result).toContain('正しい');
      expect(result).toContain('5回中2回');
      expect(result).toContain('同じ入力');
      // Never the claims that were false after a successful check.
      const whole = (await page.locator('main').textContent()) ?? '';
      expect(whole).not.toContain('1回も減っていません');
      expect(whole).not.toContain('カードまで届いていない');
      expect(whole).not.toContain('署名用パスワードが違います');
      await shot(page, 'intake-desk-2-after-pin-check');
      await page.getByRole('button', { name: '受付票', exact: true }).first().click();
      await expect(page.getByTestId('report-pin-check').textContent()).resolves.toContain('確認前の残り2回');
      // The name stayed through the PIN screen and back.
      await expect(page.locator('#client').inputValue()).resolves.toBe('山田商事 山田太郎');
      const firstSheet = await sheetPdf(page, 'intake-sheet-pin-checked');
      expect(firstSheet.pages).toBe(1);
      expect(firstSheet.text).toContain('山田商事');
      expect(firstSheet.text).toContain('ICF4031');
      expect(firstSheet.text).not.toContain('任意');

      // The next client's card.
      await pull();
      await insert('expired');
      await page.getByTestId('swap-prompt').waitFor({ timeout: 20000 });
      await expect(page.getByRole('alertdialog', { name: '新しい受付を始めますか？' }).count()).resolves.toBe(1);
      await expect.poll(() => activeId(page)).toBe('swap-h');
      await shot(page, 'intake-desk-3-swap-prompt');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByTestId('swap-accept').click();
      await idle(page);
      await expect.poll(() => activeId(page)).toBe('client');
      await expect(page.locator('#client').inputValue()).resolves.toBe('');
      await page.getByTestId('report-questions').click();
      await answerQuestions(page, { errorCode: null });
      const sheet = (await page.getByTestId('report-page').textContent()) ?? '';
      expect(sheet).not.toContain('山田');
      expect(sheet).not.toContain('ICF4031');
      expect(sheet).not.toContain('確認前の残り');
      await expect(page.getByTestId('report-client').textContent()).resolves.toBe('—');
      await expect(page.getByTestId('report-pin-check').textContent()).resolves.toBe('受付では確認していません');
      // Not the first client's 「していない」: never asked (未確認) or asked this client and declined (わからない).
      await expect(page.locator('[data-testid="report-statements"] tr[data-fact="movedAt"] td').textContent()).resolves.toMatch(/^(未確認|わからない)$/);
      await expect(iconName(page, 'report-sign-cert')).resolves.toBe('期限切れ');
      await expect(page.getByTestId('report-sign-cert').textContent()).resolves.toContain('利用者証明用');
      await shot(page, 'intake-desk-4-next-client');
      const second = await sheetPdf(page, 'intake-sheet-expired');
      expect(second.pages).toBe(1);
      expect(second.text).not.toContain('山田');
      await page.context().close();
    } finally {
      await pull();
    }
  });

  const STATUS: { scenario: string; rows: Record<string, string>; words?: Record<string, string> }[] = [
    { scenario: 'healthy', rows: { 'tries-5': '残りあり', 'tries-3': '残りあり', 'cert-auth': '問題なし', 'cert-sign': '問題なし' } },
    { scenario: 'expired', rows: { 'cert-auth': '期限切れ', 'cert-sign': '期限切れ' }, words: { 'cert-sign': '同時に発行された利用者証明用' } },
    { scenario: 'expires-soon', rows: { 'cert-auth': 'まもなく期限切れ' } },
    { scenario: 'sign-pin-2-left', rows: { 'tries-5': '残りわずか' }, words: { 'tries-5': '残り2回' } },
    { scenario: 'sign-pin-locked', rows: { 'tries-5': 'ロック', 'tries-3': '残りあり' }, words: { 'tries-5': 'ロック' } },
    { scenario: 'both-locked', rows: { 'tries-5': 'ロック', 'tries-3': 'ロック' } },
    { scenario: 'face-auth', rows: { 'cert-sign': 'なし' }, words: { 'cert-sign': '入っていません' } },
  ];
  for (const c of STATUS) {
    it(`status at a glance by accessible name: ${c.scenario}`, async () => {
      await insert(c.scenario);
      try {
        const page = await open(env.browser, env.server.url, 1200, 900);
        await readCard(page);
        for (const [row, name] of Object.entries(c.rows)) await expect(iconName(page, row), row).resolves.toBe(name);
        for (const [row, words] of Object.entries(c.words ?? {})) await expect(page.getByTestId(row).textContent()).resolves.toContain(words);
        await page.context().close();
      } finally {
        await pull();
      }
    });
  }

  it('keyboard: the main action 1 Tab from the top of each screen, and focus on the new content after every action', async () => {
    await insert('healthy');
    try {
      const page = await open(env.browser, env.server.url, 1200, 900);
      expect(await activeId(page)).toBe('start-h');
      await page.keyboard.press('Tab');
      expect(await activeId(page)).toBe('check-card');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !!document.querySelector('[data-testid="card-continue"]'));
      await idle(page);
      await expect.poll(() => activeId(page)).toBe('card-h');
      await page.getByTestId('card-recheck').click();
      await idle(page);
      await expect.poll(() => activeId(page)).toBe('card-h');
      await page.keyboard.press('Tab');
      expect(await activeId(page)).toBe('card-continue');
      await page.keyboard.press('Enter');
      await expect.poll(() => activeId(page)).toBe('q-text');
      const firstFact = await page.getByTestId('question').getAttribute('data-fact');
      await page.getByTestId('q-dont-know').click();
      await page.waitForFunction((f) => document.querySelector('[data-testid="question"]')?.getAttribute('data-fact') !== f, firstFact);
      await expect.poll(() => activeId(page)).toMatch(/^(q-text|r-h)$/);
      await answerQuestions(page, CALM_ANSWERS);
      await expect.poll(() => activeId(page)).toBe('r-h');
      await page.getByRole('button', { name: '受付票', exact: true }).first().click();
      await expect.poll(() => activeId(page)).toBe('rep-first');
      await page.getByTestId('new-intake').click();
      await expect.poll(() => activeId(page)).toBe('start-h');
      expect(await page.getByTestId('check-card').count()).toBe(1);
      await page.context().close();
    } finally {
      await pull();
    }
  });

  it('a date is one field: typed as 2026/12/10, refused with a message when impossible', async () => {
    await insert('healthy');
    try {
      const page = await open(env.browser, env.server.url, 1200, 900);
      await readCard(page);
      await page.getByTestId('card-continue').click();
      // The first question with a date in it: a date question, or the combined question's option that needs one.
      const dateInput = page.locator('#q-date, #q-event-date');
      for (let i = 0; i < 20; i++) {
        await page.locator('[data-testid="question"], [data-testid="primary-diagnosis"]').first().waitFor();
        if (await page.getByTestId('primary-diagnosis').isVisible()) break;
        const dated = page.locator('[data-testid="q-choice"][data-needs-date="true"]').first();
        if ((await dated.count()) > 0) await dated.check();
        if ((await dateInput.count()) > 0) break;
        const fact = await page.getByTestId('question').getAttribute('data-question');
        const never = page.getByTestId('q-never');
        await ((await never.count()) > 0 ? never : page.getByTestId('q-dont-know')).click();
        await page.waitForFunction((f) => document.querySelector('[data-testid="question"]')?.getAttribute('data-question') !== f || !!document.querySelector('[data-testid="primary-diagnosis"]'), fact);
      }
      if ((await dateInput.count()) > 0) {
        const submit = page.locator('[data-testid="q-date-submit"], [data-testid="q-event-submit"]');
        expect(await dateInput.getAttribute('type')).toBe('text');
        await dateInput.fill('2026-02-30');
        await submit.click();
        await expect(page.getByRole('alert').textContent()).resolves.toContain('年・月・日');
        const fact = await page.getByTestId('question').getAttribute('data-question');
        await dateInput.fill('2024/12/10');
        await submit.click();
        await page.waitForFunction((f) => document.querySelector('[data-testid="question"]')?.getAttribute('data-question') !== f || !!document.querySelector('[data-testid="primary-diagnosis"]'), fact);
        await expect(page.locator(`.answered-row[data-fact="${fact}"]`).textContent()).resolves.toContain('2024年12月10日');
      } else {
        throw new Error('no question with a date was asked on the healthy card');
      }
      await page.context().close();
    } finally {
      await pull();
    }
  });

  it('390 px: the chrome collapses, the flowchart fits and centres on the path; 1024×768: the earliest date near the top; axe clean at both', async () => {
    await insert('sign-pin-2-left');
    try {
      const small = await open(env.browser, env.server.url, 390, 844);
      const headingTop = await small.locator('#start-h').evaluate((e) => e.getBoundingClientRect().top);
      expect(headingTop, 'header and step list take little room').toBeLessThan(140);
      await shot(small, 'layout-390-start');
      expect(await seriousAxeViolations(small)).toEqual([]);
      await readCard(small);
      await small.getByTestId('card-continue').click();
      await answerQuestions(small, { ...CALM_ANSWERS, errorCode: 'ICF4031' });
      const earliest = await small.getByTestId('earliest-signing').evaluate((e) => e.getBoundingClientRect().bottom);
      expect(earliest).toBeLessThan(844);
      await shot(small, 'layout-390-result');
      expect(await seriousAxeViolations(small)).toEqual([]);
      await small.getByRole('button', { name: '診断の流れ', exact: true }).first().click();
      await small.locator('svg.flow').waitFor();
      await small.waitForTimeout(300);
      const fit = await small.getByTestId('flow-scroll').evaluate((box) => {
        const svg = box.querySelector('svg')!.getBoundingClientRect();
        const frame = box.getBoundingClientRect();
        const nodes = [...box.querySelectorAll('[data-on-path="true"]')];
        const last = nodes
          .map((n) => ({ n, i: Number((n.getAttribute('aria-label') ?? '').match(/(\d+)番目/)?.[1] ?? 0) }))
          .sort((a, b) => b.i - a.i)[0].n.getBoundingClientRect();
        return { svgWidth: svg.width, frameRight: frame.right, frameLeft: frame.left, lastLeft: last.left, lastRight: last.right, lastTop: last.top, lastBottom: last.bottom, frameTop: frame.top, frameBottom: frame.bottom, pageWidth: document.documentElement.scrollWidth };
      });
      // The box fits the window (no sideways page scroll) and opens on the end of the path, fully in view.
      expect(fit.pageWidth).toBeLessThanOrEqual(390);
      expect(fit.frameRight).toBeLessThanOrEqual(390);
      expect(fit.lastLeft).toBeGreaterThanOrEqual(fit.frameLeft - 1);
      expect(fit.lastRight).toBeLessThanOrEqual(fit.frameRight + 1);
      expect(fit.lastTop).toBeGreaterThanOrEqual(fit.frameTop - 1);
      expect(fit.lastBottom).toBeLessThanOrEqual(fit.frameBottom + 1);
      await shot(small, 'layout-390-flowchart');
      expect(await seriousAxeViolations(small)).toEqual([]);
      await small.context().close();

      const laptop = await open(env.browser, env.server.url, 1024, 768);
      await readCard(laptop);
      await laptop.getByTestId('card-continue').click();
      await answerQuestions(laptop, { ...CALM_ANSWERS, errorCode: 'ICF4031' });
      const box = await laptop.getByTestId('earliest-signing').evaluate((e) => e.getBoundingClientRect().bottom);
      expect(box, 'earliest signing date above the fold').toBeLessThan(768);
      await expect(laptop.getByTestId('earliest-signing').textContent()).resolves.toMatch(/今すぐ|\(.\)/);
      await laptop.screenshot({ path: 'test-output/screenshots/layout-1024-result.png' });
      expect(await seriousAxeViolations(laptop)).toEqual([]);
      await laptop.context().close();
    } finally {
      await pull();
    }
  });

  it('face-auth card: the two ways out shown as alternatives; its sheet fits one A4 page', async () => {
    await insert('face-auth');
    try {
      const page = await open(env.browser, env.server.url, 1200, 900);
      await readCard(page);
      await page.getByTestId('card-continue').click();
      await answerQuestions(page, { ...CALM_ANSWERS, faceAuthCard: 'dont-know' });
      await expect(page.getByTestId('primary-diagnosis').getAttribute('data-diagnosis')).resolves.toBe('no-signing-cert');
      const alternatives = page.getByTestId('primary-diagnosis').getByTestId('step-alternatives');
      await expect(alternatives.count()).resolves.toBe(1);
      await expect(alternatives.locator('.alternative').count()).resolves.toBe(2);
      await expect(alternatives.textContent()).resolves.toContain('どちらか一つ');
      await shot(page, 'result-face-auth');
      await page.getByRole('button', { name: '受付票', exact: true }).first().click();
      const steps = (await page.getByTestId('report-steps').textContent()) ?? '';
      expect(steps).not.toContain('行政書士に');
      const { text, pages } = await sheetPdf(page, 'intake-sheet-face-auth');
      expect(pages).toBe(1);
      expect(text).toContain('入っていません');
      await page.context().close();
    } finally {
      await pull();
    }
  });
});
