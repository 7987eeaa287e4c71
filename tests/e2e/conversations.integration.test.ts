import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { answerQuestions, idle, openWizard, shot, shownDiagnoses, useVirtualCards, useWizardServer } from './support/harness';

// Issue #9: from an error code the wizard checks the card first (no PIN), then asks only
// what the card cannot tell; without a card it says why it asks instead.

/** Records every screen the wizard shows (the app's data-step), in order, from now on. */
async function recordScreens(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const app = document.querySelector('.app')!;
    const seen: string[] = [app.getAttribute('data-step') ?? ''];
    (window as unknown as { __screens: string[] }).__screens = seen;
    new MutationObserver(() => {
      const step = app.getAttribute('data-step') ?? '';
      if (seen.at(-1) !== step) seen.push(step);
    }).observe(app, { attributes: true, attributeFilter: ['data-step'] });
  });
  return () => page.evaluate(() => (window as unknown as { __screens: string[] }).__screens.slice());
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Questions the card check answers (or makes moot) on a readable card: never asked after it. */
const CARD_ANSWERS = ['faceAuthCard', 'certRenewedAt', 'errorCode'];

describe('conversations: card check first, then only what the card cannot tell', { timeout: 180_000 }, () => {
  const env = useWizardServer({ pcscd: true });
  const { withCard } = useVirtualCards();

  /** A fresh wizard, the code picked, and the card screen that must follow it (screens recorded from the start). */
  async function pickCodeWithCard(code: string): Promise<{ page: Page; screens: () => Promise<string[]> }> {
    const page = await openWizard(env.browser, env.server.url);
    const screens = await recordScreens(page);
    await page.getByTestId(`code-${code}`).click();
    await page.locator('[data-step="card"] [data-testid="card-continue"]').waitFor();
    await idle(page);
    return { page, screens };
  }

  it('(a) ICF4031, healthy card, the 4-digit PIN was typed: card check, then at most 3 questions, pin-kind-confusion', async () => {
    await withCard('healthy', async (card) => {
      // The card screen comes first, with what the card said, before any question.
      const { page, screens } = await pickCodeWithCard('ICF4031');
      expect(await page.getByTestId('question').count()).toBe(0);
      await expect(page.getByTestId('card-from-code').textContent()).resolves.toContain('ICF4031');
      await expect(page.locator('[data-testid="tries-5"] [role="meter"]').getAttribute('aria-valuenow')).resolves.toBe('5');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('card-h');
      await shot(page, 'conversation-a-card');
      await page.getByTestId('card-continue').click();
      const asked = await answerQuestions(page, { lifeEvents: 'none', enteredPinKind: 'four-digit' });
      expect(asked.length, `asked: ${asked.join(', ')}`).toBeLessThanOrEqual(3);
      expect(asked).toContain('enteredPinKind');
      for (const fact of CARD_ANSWERS) expect(asked, `asked: ${asked.join(', ')}`).not.toContain(fact);
      expect((await shownDiagnoses(page))[0]).toBe('pin-kind-confusion');
      const seen = await screens();
      expect(seen.slice(0, 2)).toEqual(['start', 'card']);
      expect(seen.at(-1)).toBe('result');
      expect(seen.indexOf('card')).toBeLessThan(seen.indexOf('questions'));
      // No note about an unread card: it was read.
      expect(await page.getByTestId('card-unread').count()).toBe(0);
      // Checking the card and answering spent no try.
      expect(card.counters().pinVerifications).toBe(0);
      await shot(page, 'conversation-a-result');
      await page.context().close();
    });
  });

  it('(b) ICF4031, a move reported after the certificate was issued: one combined question with its date, cert-revoked-relocation', async () => {
    await withCard('healthy', async (card) => {
      const { page, screens } = await pickCodeWithCard('ICF4031');
      await page.getByTestId('card-continue').click();
      // The combined question: radio choices, a date only for the option that needs one, keyboard only.
      const question = page.locator('[data-testid="question"][data-kind="event"]');
      await question.or(page.getByTestId('primary-diagnosis')).first().waitFor();
      expect(await question.count(), 'the combined life-events question is asked').toBe(1);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q-text');
      expect(await page.locator('#q-event-date').count()).toBe(0);
      const moved = page.locator('[data-testid="q-choice"][data-value="moved"]');
      await moved.focus();
      await page.keyboard.press('Space');
      await expect(moved.isChecked()).resolves.toBe(true);
      // The date input appears, labelled; submitting without it is refused in words, nothing sent.
      await expect(page.locator('label[for="q-event-date"]').textContent()).resolves.toMatch(/\S/);
      await page.getByTestId('q-event-submit').click();
      await expect(page.locator('#q-problem').textContent()).resolves.toContain('日付');
      // The field points to the message while it stands; typing clears both.
      await expect(page.locator('#q-event-date').getAttribute('aria-describedby')).resolves.toBe('q-problem');
      await expect(page.locator('#q-event-date').getAttribute('aria-invalid')).resolves.toBe('true');
      await page.locator('#q-event-date').fill(daysAgo(100).replaceAll('-', '/'));
      expect(await page.locator('#q-problem').count()).toBe(0);
      await expect(page.locator('#q-event-date').getAttribute('aria-invalid')).resolves.toBeNull();
      await shot(page, 'conversation-b-question');
      await page.locator('#q-event-date').press('Enter');
      await page.waitForFunction(() => document.querySelector('[data-testid="question"]')?.getAttribute('data-question') !== 'lifeEvents');
      const asked = ['lifeEvents', ...(await answerQuestions(page, { enteredPinKind: 'alphanumeric' }))];
      expect(asked.length, `asked: ${asked.join(', ')}`).toBeLessThanOrEqual(3);
      expect(new Set(asked).size).toBe(asked.length);
      expect((await shownDiagnoses(page))[0]).toBe('cert-revoked-relocation');
      // The answer is listed once, by the option's own words and the date.
      const row = page.locator('[data-testid="answered"] [data-fact="lifeEvents"] dd');
      await expect(row.textContent()).resolves.toContain('住所の変更');
      expect(await page.locator('[data-testid="answered"] [data-fact="movedAt"]').count()).toBe(0);
      const seen = await screens();
      expect(seen.indexOf('card')).toBeLessThan(seen.indexOf('questions'));
      expect(card.counters().pinVerifications).toBe(0);
      await shot(page, 'conversation-b-result');
      await page.context().close();
    });
  });

  it('(c) ICF4010 with no card in the reader: says why it cannot read the card, asks nothing about life events, and the card check then ends on no-card', async () => {
    const page = await openWizard(env.browser, env.server.url);
    const screens = await recordScreens(page);
    await page.getByTestId('code-ICF4010').click();
    await page.locator('[data-testid="question"], [data-testid="primary-diagnosis"]').first().waitFor();
    await idle(page);
    const asked = await answerQuestions(page, {});
    for (const fact of ['lifeEvents', 'movedAt', 'abroad', 'nameChangedAt', 'moveOutFiledAt']) expect(asked).not.toContain(fact);
    // Why the result rests on the code alone, in words, with the way to check the card.
    const note = page.getByTestId('card-unread');
    await expect(note.getAttribute('data-reason')).resolves.toBe('no-card');
    await expect(note.textContent()).resolves.toContain('カードを検出していない');
    expect((await screens()).includes('card')).toBe(false);
    await shot(page, 'conversation-c-result');
    await page.getByTestId('card-unread-check').click();
    await page.locator('[data-step="card"] [data-testid="card-continue"]').waitFor();
    await idle(page);
    await expect(page.getByTestId('check-present').getAttribute('class')).resolves.toContain('check-ng');
    // What the reader reports, not a claim that the card is absent: a card that is in but was not noticed needs re-seating.
    await expect(page.getByTestId('check-present').textContent()).resolves.toContain('検出されていません（カードを一度取り出して、差し直してください）');
    await page.getByTestId('card-continue').click();
    const after = await answerQuestions(page, {});
    expect(after, 'nothing is asked once the reader is known to be empty').toEqual([]);
    const ids = await shownDiagnoses(page);
    expect(['no-card', 'no-reader']).toContain(ids[0]);
    // The primary diagnosis says it; no second note repeats it.
    expect(await page.getByTestId('card-unread').count()).toBe(0);
    await shot(page, 'conversation-c-no-card');
    await page.context().close();
  });

  it('(d) ICF4031 with no card in the reader: the questions say why they are asked, and lead to pin-kind-confusion', async () => {
    const page = await openWizard(env.browser, env.server.url);
    await page.getByTestId('code-ICF4031').click();
    await page.locator('[data-testid="question"], [data-testid="primary-diagnosis"]').first().waitFor();
    await idle(page);
    expect(await page.getByTestId('question').count(), 'a question comes when the card cannot answer').toBe(1);
    const note = page.getByTestId('card-unread');
    await expect(note.textContent()).resolves.toMatch(/カードを検出していないため.*質問します/);
    await shot(page, 'conversation-d-question');
    const asked = await answerQuestions(page, { lifeEvents: 'none', enteredPinKind: 'four-digit' });
    expect(asked).toContain('enteredPinKind');
    expect((await shownDiagnoses(page))[0]).toBe('pin-kind-confusion');
    await page.context().close();
  });
});
