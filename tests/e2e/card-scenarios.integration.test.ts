import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CALM_ANSWERS,
  answerQuestions,
  openWizard,
  readCard,
  seriousAxeViolations,
  shot,
  shownDiagnoses,
  useVirtualCards,
  useWizardServer,
  type AnswerPlan,
} from './support/harness';

interface ScenarioCase {
  scenario: string;
  signTries: number | null;
  /** The primary diagnosis the person must see. */
  primary: string;
  /** Further diagnoses that must be shown too. */
  also?: string[];
  answers?: AnswerPlan;
}

const CASES: ScenarioCase[] = [
  { scenario: 'healthy', signTries: 5, primary: 'ready-to-sign' },
  { scenario: 'expired', signTries: 5, primary: 'cert-expired' },
  { scenario: 'expires-soon', signTries: 5, primary: 'cert-expires-soon' },
  { scenario: 'sign-pin-2-left', signTries: 2, primary: 'sign-pin-wrong' },
  { scenario: 'sign-pin-locked', signTries: 0, primary: 'sign-pin-locked' },
  { scenario: 'auth-pin-locked', signTries: 5, primary: 'auth-pin-locked' },
  { scenario: 'both-locked', signTries: 0, primary: 'sign-pin-locked', also: ['auth-pin-locked'] },
  { scenario: 'face-auth', signTries: null, primary: 'no-signing-cert' },
  { scenario: 'juki-card', signTries: null, primary: 'juki-card' },
  { scenario: 'not-jpki', signTries: null, primary: 'not-jpki-card' },
  // The card alone shows certificates issued two hours ago.
  { scenario: 'renewed-today', signTries: 5, primary: 'wait-after-renewal' },
  { scenario: 'malformed-cert', signTries: null, primary: 'cert-malformed' },
];

describe('wizard with a virtual card in the reader', () => {
  const env = useWizardServer({ pcscd: true });
  const { withCard } = useVirtualCards();

  for (const c of CASES) {
    it(`${c.scenario}: card check, questions, diagnosis`, async () => {
      await withCard(c.scenario, async (handle) => {
        const before = handle.counters().pinVerifications;
        const page = await openWizard(env.browser, env.server.url);
        await readCard(page);
        await expect(page.getByTestId('check-present').getAttribute('class')).resolves.toContain('check-ok');
        if (c.signTries !== null) {
          const meter = page.locator('[data-testid="tries-5"] [role="meter"]');
          await expect(meter.getAttribute('aria-valuenow')).resolves.toBe(String(c.signTries));
          const words = await page.getByTestId('tries-5').textContent();
          expect(words).toContain(c.signTries === 0 ? 'ロック' : `残り${c.signTries}回`);
        }
        if (c.scenario === 'healthy') {
          await shot(page, 'card-check');
          expect(await seriousAxeViolations(page)).toEqual([]);
        }
        await page.getByTestId('card-continue').click();
        const asked = await answerQuestions(page, c.answers ?? CALM_ANSWERS);
        const ids = await shownDiagnoses(page);
        expect(ids[0], `diagnoses shown: ${ids.join(', ')}; asked: ${asked.join(', ')}`).toBe(c.primary);
        for (const id of c.also ?? []) expect(ids).toContain(id);
        if (c.scenario === 'expired') await shot(page, 'result-expired');
        // Reading the card and answering questions never spends a PIN try.
        expect(handle.counters().pinVerifications).toBe(before);
        await page.context().close();
      });
    });
  }

  it('PIN screen: refuses a 4-digit entry without sending, upper-cases, then verifies the right password', async () => {
    await withCard('healthy', async (handle) => {
      const page = await openWizard(env.browser, env.server.url);
      await readCard(page);
      await page.getByTestId('to-pin').click();
      const meter = page.locator('[data-testid="tries-5"] [role="meter"]');
      await expect(meter.getAttribute('aria-valuenow')).resolves.toBe('5');
      expect(await page.locator('#pin').getAttribute('type')).toBe('password');
      expect(await page.locator('#pin').getAttribute('autocomplete')).toBe('off');

      await page.locator('#pin').fill('1234');
      await expect(page.getByTestId('pin-format').textContent()).resolves.toContain('数字4桁');
      const send = page.getByRole('button', { name: /確認する/ });
      expect(await send.isDisabled()).toBe(true);
      await page.locator('#pin').press('Enter');
      await page.waitForTimeout(300);
      expect(handle.counters().pinVerifications).toBe(0);
      expect(handle.counters().signTriesLeft).toBe(5);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, 'pin-refused-4-digit');

      await page.locator('#pin').fill(handle.signPin.toLowerCase());
      await expect(page.getByTestId('pin-case').textContent()).resolves.toContain('大文字');
      await send.click();
      await expect.poll(() => page.getByTestId('pin-outcome').textContent()).toContain('正しく');
      expect(await page.locator('#pin').inputValue()).toBe('');
      expect(handle.counters().pinVerifications).toBe(1);
      expect(handle.counters().signTriesLeft).toBe(5);

      // Intake report: holder data masked by default, printed to one A4 page.
      await page.getByRole('button', { name: '受付票', exact: true }).first().click();
      await page.locator('#client').fill('テスト株式会社');
      const personal = page.getByTestId('report-personal');
      const masked = (await personal.textContent()) ?? '';
      // Every field is the placeholder: not even a first character or a length is shown.
      expect(masked.match(/（非表示）/g)?.length).toBe(3);
      expect(masked).not.toContain('●');
      await page.locator('#show-personal').check();
      const shown = (await personal.textContent()) ?? '';
      expect(shown).not.toBe(masked);
      const holderName = /氏名: ([^\n生]+)/.exec(shown)?.[1]?.trim() ?? '';
      expect(holderName.length).toBeGreaterThan(0);
      await page.locator('#show-personal').uncheck();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, 'intake-report');
      const { pdfText, pages } = await printToText(page);
      expect(pages).toBe(1);
      expect(pdfText).toContain('受付票');
      expect(pdfText).toContain('テスト株式会社');
      expect(pdfText).toMatch(/5回中\s*残り5回/);
      expect(pdfText).not.toContain(holderName);
      expect(pdfText).not.toContain([...holderName][0] + '●');
      await page.context().close();
    });
  });

  it('PIN screen: with 2 tries left nothing is sent without an explicit confirmation; a confirmed miss costs one try', async () => {
    await withCard('sign-pin-2-left', async (handle) => {
      const page = await openWizard(env.browser, env.server.url);
      await readCard(page);
      await page.getByTestId('to-pin').click();
      await page.locator('#pin').fill('WRONG1');
      const first = page.getByRole('button', { name: /確認する/ });
      expect(await first.isDisabled()).toBe(true);
      await page.locator('#pin').press('Enter');
      await page.waitForTimeout(300);
      expect(handle.counters().signTriesLeft).toBe(2);
      expect(handle.counters().pinVerifications).toBe(0);
      await page.locator('#pin-low').check();
      await first.click();
      await expect.poll(() => page.getByTestId('pin-outcome').textContent()).toContain('残り1回');
      expect(handle.counters().signTriesLeft).toBe(1);
      await expect(page.locator('[data-testid="tries-5"] [role="meter"]').getAttribute('aria-valuenow')).resolves.toBe('1');
      await page.locator('#pin').fill('WRONG2');
      const send = page.getByRole('button', { name: /確認する/ });
      expect(await send.isDisabled()).toBe(true);
      await page.locator('#pin').press('Enter');
      await page.waitForTimeout(300);
      expect(handle.counters().signTriesLeft).toBe(1);
      await page.locator('#pin-low').check();
      await page.locator('#pin').fill(handle.signPin);
      await page.locator('#pin-low').check();
      await send.click();
      await expect.poll(() => page.getByTestId('pin-outcome').textContent()).toContain('正しく');
      expect(handle.counters().signTriesLeft).toBe(5);
      await page.context().close();
    });
  });

  it('card pulled mid-flow: the screen says what to do, answers stay, and re-inserting reads it again', async () => {
    await withCard('healthy', async (handle) => {
      const page = await openWizard(env.browser, env.server.url);
      await readCard(page);
      await page.getByTestId('card-continue').click();
      const question = page.getByTestId('question');
      await question.or(page.getByTestId('primary-diagnosis')).first().waitFor();
      let answeredFact: string | null = null;
      if (await question.isVisible()) {
        answeredFact = await question.getAttribute('data-fact');
        await page.getByTestId('q-dont-know').click();
        await page.waitForFunction((f) => document.querySelector('[data-testid="question"]')?.getAttribute('data-fact') !== f, answeredFact);
      }
      await handle.remove();
      await expect.poll(() => page.getByTestId('reader-notice').textContent(), { timeout: 15000 }).toContain('カードが抜かれました');
      if (answeredFact) await expect(page.locator('.answered').textContent()).resolves.toContain('わからない');
      await shot(page, 'card-pulled');
      await handle.insert();
      await expect.poll(() => page.getByTestId('reader-notice').textContent(), { timeout: 15000 }).toContain('差し込まれました');
      await page.getByRole('button', { name: 'カードの確認' }).first().click();
      await expect
        .poll(() => page.getByTestId('check-present').getAttribute('class'), { timeout: 15000 })
        .toContain('check-ok');
      if (answeredFact) {
        await page.getByRole('button', { name: '質問' }).first().click();
        await expect(page.locator('.answered').textContent()).resolves.toContain('わからない');
      }
      expect(handle.counters().pinVerifications).toBe(0);
      await page.context().close();
    });
  });
});


async function printToText(page: Page): Promise<{ pdfText: string; pages: number }> {
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync, mkdirSync } = await import('node:fs');
  mkdirSync('test-output', { recursive: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const file = 'test-output/intake-report.pdf';
  writeFileSync(file, pdf);
  const pdfText = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? '0');
  return { pdfText, pages };
}
