import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EmulatorHandle } from '../../src-main/emulator';
import { openWizard, readCard, seriousAxeViolations, shot, useVirtualCards, useWizardServer } from './support/harness';

const SLOT0 = { port: 35963, reader: 'Virtual PCD 00 00' };

async function checkCard(page: Page): Promise<void> {
  await readCard(page);
  await expect.poll(() => page.getByTestId('read-reader').textContent(), { timeout: 15000 }).toBe(SLOT0.reader);
}

async function checkPassword(page: Page, pin: string): Promise<void> {
  await page.getByTestId('to-pin').click();
  await page.locator('#pin').fill(pin);
  await page.getByRole('button', { name: /確認する/ }).click();
  await expect.poll(() => page.getByTestId('pin-outcome').textContent(), { timeout: 20000 }).toContain('正しく');
}

describe('test signature on the PIN screen and in the intake report', () => {
  const env = useWizardServer({ pcscd: true });
  const cards = useVirtualCards();

  async function withCard(scenario: string, body: (card: EmulatorHandle, page: Page) => Promise<void>): Promise<void> {
    await cards.withCard(
      scenario,
      async (handle) => {
        const page = await openWizard(env.browser, env.server.url);
        await checkCard(page);
        await body(handle, page);
        await page.context().close();
      },
      SLOT0.port,
    );
  }

  it('healthy card: each step shown as verified, and the report records the test signature', async () => {
    await withCard('healthy', async (card, page) => {
      await checkPassword(page, card.signPin);
      const steps = page.getByTestId('sign-test');
      await expect.poll(() => steps.getAttribute('data-outcome')).toBe('verified');
      await expect(page.getByTestId('sign-test-key').textContent()).resolves.toContain('EF 001A');
      await expect(page.getByTestId('sign-test-signature').textContent()).resolves.toMatch(/^✓ .*RSA2048ビット/);
      await expect(page.getByTestId('sign-test-chain').textContent()).resolves.toMatch(/^✓ /);
      await expect(page.getByTestId('sign-test-dates').textContent()).resolves.toMatch(/^✓ .*期間内/);
      expect(card.counters()).toMatchObject({ signatureCommands: 1, pinVerifications: 1, signTriesLeft: 5 });
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, 'pin-sign-test-verified');
      await page.getByRole('button', { name: '受付票', exact: true }).first().click();
      await expect.poll(() => page.getByTestId('report-sign-test').textContent()).toContain('テスト署名を検証できました');
      await shot(page, 'report-sign-test-verified');
    });
  });

  it('sign-refused: the status word is shown and the result names the diagnosis', async () => {
    await withCard('sign-refused', async (card, page) => {
      await checkPassword(page, card.signPin);
      await expect.poll(() => page.getByTestId('sign-test').getAttribute('data-outcome')).toBe('refused');
      await expect(page.getByTestId('sign-test-refused').textContent()).resolves.toContain('6A88');
      await shot(page, 'pin-sign-test-refused');
    });
  });

  it('unticking the test signature: the password is checked, nothing is signed', async () => {
    await withCard('healthy', async (card, page) => {
      await page.getByTestId('to-pin').click();
      await page.getByTestId('pin-sign-test').uncheck();
      await page.locator('#pin').fill(card.signPin);
      await page.getByRole('button', { name: /確認する/ }).click();
      await expect.poll(() => page.getByTestId('pin-outcome').textContent(), { timeout: 20000 }).toContain('正しく');
      expect(await page.getByTestId('sign-test').count()).toBe(0);
      expect(card.counters()).toMatchObject({ signatureCommands: 0, pinVerifications: 1 });
    });
  });
});
