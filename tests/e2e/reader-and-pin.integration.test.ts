import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EmulatorHandle } from '../../src-main/emulator';
import { openWizard, readCard, seriousAxeViolations, shot, useVirtualCards, useWizardServer } from './support/harness';

// vpcd's two slots: the card being checked sits in slot 0; slot 1 plays "another reader".
const SLOT0 = { port: 35963, reader: 'Virtual PCD 00 00' };
const SLOT1 = { port: 35964, reader: 'Virtual PCD 00 01' };

async function checkCardIn(page: Page, reader: string): Promise<void> {
  await readCard(page);
  await expect.poll(() => page.getByTestId('read-reader').textContent(), { timeout: 15000 }).toBe(reader);
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-testid') || document.activeElement?.tagName);

describe('reader events and the PIN screen with virtual cards', () => {
  const env = useWizardServer({ pcscd: true });
  const cards = useVirtualCards();
  const card = (scenario: string, slot: { port: number }): Promise<EmulatorHandle> => cards.insert(scenario, slot.port);
  const done = (handle: EmulatorHandle): Promise<void> => cards.pull(handle);

  it('a card coming and going in another reader raises no banner and keeps the card facts; the reader read is named', async () => {
    const mine = await card('healthy', SLOT0);
    try {
      const page = await openWizard(env.browser, env.server.url);
      await checkCardIn(page, SLOT0.reader);
      const meter = page.locator('[data-testid="tries-5"] [role="meter"]');
      await expect(meter.getAttribute('aria-valuenow')).resolves.toBe('5');

      const other = await card('expired', SLOT1);
      try {
        await expect.poll(() => page.getByTestId('reader-list').textContent(), { timeout: 15000 }).toContain(SLOT1.reader);
        await other.remove();
        await expect.poll(() => page.getByTestId('reader-list').textContent(), { timeout: 15000 }).toMatch(/Virtual PCD 00 01 — カードを検出していません/);
      } finally {
        await done(other);
      }
      await page.waitForTimeout(1500);
      // Nothing about the other reader. Once in seven CI runs (28 Nov 2026) the banner said a card was inserted
      // in the reader being read: the watcher had reported that reader's card as gone and back (cause not
      // established: vpcd, or a status pcsclite lost). The app then re-reads that card, and the facts must hold.
      const notices = await page.getByTestId('reader-notice').evaluateAll((els) => els.map((e) => e.getAttribute('data-reader')));
      expect(notices.filter((reader) => reader !== SLOT0.reader)).toEqual([]);
      if (notices.length > 0) {
        console.warn(`reader-and-pin: a notice about the read reader ${SLOT0.reader} while another card came and went`);
      }
      await expect.poll(() => meter.getAttribute('aria-valuenow'), { timeout: 15000 }).toBe('5');
      await expect.poll(() => page.getByTestId('check-present').getAttribute('class'), { timeout: 15000 }).toContain('check-ok');
      await expect(page.getByTestId('read-reader').textContent()).resolves.toBe(SLOT0.reader);

      // The same event about the reader being read does alarm.
      await mine.remove();
      await expect.poll(() => page.getByTestId('reader-notice').textContent(), { timeout: 15000 }).toContain('カードが抜かれました');
      await expect(page.getByTestId('reader-notice').textContent()).resolves.toContain('リーダーの表示どおりの向き');
      expect(mine.counters().pinVerifications).toBe(0);
      await page.context().close();
    } finally {
      await done(mine);
    }
  });

  it('PIN screen: focus goes to the heading on opening and to each result; hidden when locked', async () => {
    const handle = await card('healthy', SLOT0);
    try {
      const page = await openWizard(env.browser, env.server.url);
      await checkCardIn(page, SLOT0.reader);
      await page.getByTestId('to-pin').click();
      await expect.poll(() => activeId(page)).toBe('p-h');
      await page.locator('#pin').fill('WRONG1');
      await expect(page.getByTestId('pin-format').textContent()).resolves.toContain('カードに送るまでわかりません');
      await page.getByRole('button', { name: /確認する/ }).click();
      await expect.poll(() => page.getByTestId('pin-outcome').textContent()).toContain('残り4回');
      await expect.poll(() => activeId(page)).toBe('pin-outcome');
      expect(handle.counters().signTriesLeft).toBe(4);

      await page.locator('#pin').fill(handle.signPin);
      await page.getByRole('button', { name: /確認する/ }).click();
      await expect.poll(() => page.getByTestId('pin-outcome').textContent()).toContain('5回に戻っています');
      await expect.poll(() => activeId(page)).toBe('pin-outcome');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.context().close();
    } finally {
      await done(handle);
    }

    const locked = await card('sign-pin-locked', SLOT0);
    try {
      const page = await openWizard(env.browser, env.server.url);
      await checkCardIn(page, SLOT0.reader);
      expect(await page.getByTestId('to-pin').count()).toBe(0);
      await page.getByTestId('card-continue').click();
      for (let i = 0; i < 20 && !(await page.getByTestId('primary-diagnosis').isVisible()); i++) {
        await page.locator('[data-testid="question"], [data-testid="primary-diagnosis"]').first().waitFor();
        if (await page.getByTestId('primary-diagnosis').isVisible()) break;
        const fact = await page.getByTestId('question').getAttribute('data-fact');
        await page.getByTestId('q-dont-know').click();
        await page.waitForFunction((f) => document.querySelector('[data-testid="question"]')?.getAttribute('data-fact') !== f || !!document.querySelector('[data-testid="primary-diagnosis"]'), fact);
      }
      expect(await page.getByTestId('result-to-pin').count()).toBe(0);
      expect(locked.counters().pinVerifications).toBe(0);
      await page.context().close();
    } finally {
      await done(locked);
    }
  });

  it('intake report: every holder field masked until shown, revocation "not checked" when never asked', async () => {
    const handle = await card('healthy', SLOT0);
    try {
      const page = await openWizard(env.browser, env.server.url);
      await checkCardIn(page, SLOT0.reader);
      await page.getByTestId('to-pin').click();
      await page.locator('#pin').fill(handle.signPin);
      await page.getByRole('button', { name: /確認する/ }).click();
      await expect.poll(() => page.getByTestId('pin-outcome').textContent()).toContain('正しく');
      await page.getByRole('button', { name: '受付票', exact: true }).first().click();
      const personal = page.getByTestId('report-personal');
      const masked = (await personal.textContent()) ?? '';
      expect(masked).toBe('氏名: （非表示）生年月日: （非表示）住所: （非表示）');
      // Never asked: the sheet says 未確認 (not checked), never なし (no change).
      await expect(page.locator('[data-testid="report-statements"] tr[data-fact="movedAt"] td').textContent()).resolves.toBe('未確認');
      await expect(page.locator('[data-testid="report-statements"] tr[data-fact="nameChangedAt"] td').textContent()).resolves.toBe('未確認');
      await expect(page.getByTestId('report-reader').textContent()).resolves.toBe(SLOT0.reader);
      await page.locator('#show-personal').check();
      await expect.poll(async () => (await personal.textContent()) ?? '').not.toContain('（非表示）');
      await page.locator('#show-personal').uncheck();
      await expect(personal.textContent()).resolves.toBe(masked);
      await shot(page, 'intake-report-masked');
      await page.context().close();
    } finally {
      await done(handle);
    }
  });
});
