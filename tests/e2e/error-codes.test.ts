import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CALM_ANSWERS, answerQuestions, openWizard, seriousAxeViolations, shot, shownDiagnoses, useWizardServer } from './support/harness';

// The path a person takes with only the code they saw and no card at hand.
const CODE_CASES: { pick: string; typed?: string; expectAny: string[] }[] = [
  { pick: 'ICF4031', expectAny: ['sign-pin-wrong', 'sign-pin-locked', 'pin-kind-confusion'] },
  { pick: 'ICF4010', expectAny: ['card-communication'] },
  { pick: 'ICF4013', expectAny: ['card-communication'] },
  { pick: 'ICF4032', expectAny: ['cert-revoked-or-expired', 'cert-expired', 'cert-revoked-relocation'] },
  { pick: 'typed', typed: 'ｉｃｆ９９９９', expectAny: ['unknown-error-code'] },
];

// Picking a code first tries the card check (no PIN); with no card, reader or PC/SC service the wizard asks instead.
// Run under the vpcd lock: that check would read a virtual card someone else left in the reader.
describe('wizard from the error code (no card)', () => {
  const env = useWizardServer();

  for (const c of CODE_CASES) {
    it(`${c.typed ?? c.pick} leads to a diagnosis with steps`, async () => {
      const page = await openWizard(env.browser, env.server.url);
      if (c.typed) {
        await page.locator('#other-code').fill(c.typed);
        await page.getByRole('button', { name: 'このコードで進む' }).click();
      } else {
        await page.getByTestId(`code-${c.pick}`).click();
      }
      await answerQuestions(page, { ...CALM_ANSWERS, enteredPinKind: 'dont-know' });
      const ids = await shownDiagnoses(page);
      expect(ids.some((id) => c.expectAny.includes(id)), `diagnoses shown: ${ids.join(', ')}`).toBe(true);
      await expect.poll(() => page.locator('.steps li').count()).toBeGreaterThan(0);
      await expect(page.getByTestId('earliest-signing').isVisible()).resolves.toBe(true);
      if (c.pick === 'ICF4031') await shot(page, 'result-icf4031');
      await page.context().close();
    });
  }

  it('refuses an empty typed code with a message, in Japanese', async () => {
    const page = await openWizard(env.browser, env.server.url);
    await page.getByRole('button', { name: 'このコードで進む' }).click();
    await expect(page.locator('#other-code-problem').textContent()).resolves.toContain('コードを入力してください');
    expect(await page.locator('[data-step="start"]').count()).toBe(1);
    await page.context().close();
  });

  it('switches language both ways and re-words engine content', async () => {
    const page = await openWizard(env.browser, env.server.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await expect(page.locator('h2').first().textContent()).resolves.toBe('どこから始めますか？');
    await page.getByTestId('code-ICF4010').click();
    await answerQuestions(page, CALM_ANSWERS);
    const jaTitle = await page.locator('[data-testid="primary-diagnosis"] h3').textContent();
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expect.poll(() => page.locator('[data-testid="primary-diagnosis"] h3').textContent()).not.toBe(jaTitle);
    const enTitle = await page.locator('[data-testid="primary-diagnosis"] h3').textContent();
    expect(enTitle).toMatch(/[A-Za-z]/);
    await expect(page.locator('#r-h').textContent()).resolves.toBe('Diagnosis');
    await shot(page, 'result-english');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('#r-h').textContent()).toBe('診断結果');
    await page.context().close();
  });

  it('draws the flowchart with the path marked and explains a node chosen by keyboard', async () => {
    const page = await openWizard(env.browser, env.server.url);
    await page.getByTestId('code-ICF4032').click();
    await answerQuestions(page, { ...CALM_ANSWERS, lifeEvents: { option: 'moved', date: '2025-06-01' } });
    await page.getByRole('button', { name: '診断の流れ' }).first().click();
    await page.locator('svg.flow').waitFor();
    const nodes = await page.locator('svg.flow [data-node]').count();
    expect(nodes).toBeGreaterThan(3);
    const onPath = page.locator('svg.flow [data-on-path="true"]');
    expect(await onPath.count()).toBeGreaterThan(1);
    // The path is marked by a numbered marker, not colour alone.
    expect(await page.locator('svg.flow .path-marker').count()).toBe(await onPath.count());
    const last = onPath.last();
    await last.focus();
    await page.keyboard.press('Enter');
    await expect(last.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect.poll(async () => ((await page.getByTestId('flow-explain').textContent()) ?? '').length).toBeGreaterThan(5);
    await shot(page, 'flowchart');
    await page.context().close();
  });

  it('opens the flowchart on the end of the path, not on a blank corner', async () => {
    const page = await openWizard(env.browser, env.server.url);
    await page.getByTestId('code-ICF4032').click();
    await answerQuestions(page, CALM_ANSWERS);
    await page.getByRole('button', { name: '診断の流れ' }).first().click();
    await page.locator('svg.flow [data-on-path="true"]').first().waitFor();
    const visible = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="flow-scroll"]')!.getBoundingClientRect();
      const nodes = [...document.querySelectorAll('svg.flow [data-on-path="true"]')];
      const last = nodes[nodes.length - 1].getBoundingClientRect();
      const cx = last.left + last.width / 2;
      const cy = last.top + last.height / 2;
      return cx >= box.left && cx <= box.right && cy >= box.top && cy <= box.bottom;
    });
    expect(visible).toBe(true);
    await page.context().close();
  });

  it('names answers with each question\'s own labels, and lists a declined question once', async () => {
    const page = await openWizard(env.browser, env.server.url);
    await page.getByTestId('code-ICF4032').click();
    const plan: Record<string, string | boolean | null | 'dont-know'> = { certRenewedAt: null, lifeEvents: 'abroad', overseasContinuation: false, faceAuthCard: 'dont-know' };
    // The label on the button the person pressed, per question, as the question itself worded it.
    const pressed = new Map<string, string>();
    const declined: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.locator('[data-testid="question"], [data-testid="primary-diagnosis"]').first().waitFor();
      if (await page.getByTestId('primary-diagnosis').isVisible()) break;
      const fact = (await page.getByTestId('question').getAttribute('data-question')) ?? '';
      const answer = fact in plan ? plan[fact] : 'dont-know';
      if ((await page.getByTestId('question').getAttribute('data-kind')) === 'event' && answer !== 'dont-know') {
        // One question for several facts: the radio's own label is what the answer list must show.
        const radio = page.locator(`[data-testid="q-choice"][data-value="${String(answer)}"]`);
        pressed.set(fact, ((await page.locator(`label[for="${await radio.getAttribute('id')}"]`).textContent()) ?? '').trim());
        await radio.check();
        await page.getByTestId('q-event-submit').click();
        await page.waitForFunction((f) => document.querySelector('[data-testid="question"]')?.getAttribute('data-question') !== f || !!document.querySelector('[data-testid="primary-diagnosis"]'), fact);
        continue;
      }
      const button =
        answer === 'dont-know'
          ? page.getByTestId('q-dont-know')
          : answer === null && (await page.getByTestId('q-never').count()) > 0
            ? page.getByTestId('q-never')
            : page.locator(`[data-testid="q-option"][data-value="${String(answer)}"]`);
      if (answer === 'dont-know' || (await button.count()) === 0) {
        declined.push(fact);
        await page.getByTestId('q-dont-know').click();
      } else {
        pressed.set(fact, ((await button.textContent()) ?? '').trim());
        await button.click();
      }
      await page.waitForFunction((f) => document.querySelector('[data-testid="question"]')?.getAttribute('data-question') !== f || !!document.querySelector('[data-testid="primary-diagnosis"]'), fact);
    }
    await page.getByTestId('primary-diagnosis').waitFor();
    expect(pressed.size, `declined: ${declined.join(', ')}`).toBeGreaterThan(0);
    for (const [fact, label] of pressed) {
      await expect(page.locator(`[data-testid="answered"] [data-fact="${fact}"] dd`).textContent(), fact).resolves.toContain(label);
    }
    // At least one answer is named by its own question, not by a generic yes / no / never.
    expect([...pressed.values()].some((l) => !['はい', 'いいえ', 'していない'].includes(l)), [...pressed.values()].join(', ')).toBe(true);
    // A declined question is listed once: under the open questions, not also among the answers.
    for (const fact of declined) {
      expect(await page.locator(`[data-testid="answered"] [data-fact="${fact}"]`).count(), fact).toBe(0);
    }
    if (declined.length > 0) await expect(page.getByTestId('open-question').locator('li').count()).resolves.toBe(declined.length);
    await page.context().close();
  });

  it('offers HJS0407E on the start screen and serves a favicon', async () => {
    const page = await openWizard(env.browser, env.server.url);
    await expect(page.getByTestId('code-HJS0407E').isVisible()).resolves.toBe(true);
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toBeTruthy();
    const status = await page.evaluate(async (h) => (await fetch(h!)).status, href);
    expect(status).toBe(200);
    await page.getByTestId('code-HJS0407E').click();
    await answerQuestions(page, CALM_ANSWERS);
    expect((await shownDiagnoses(page)).length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('has no serious or critical axe violations on the start, question, result and flowchart screens', async () => {
    const page: Page = await openWizard(env.browser, env.server.url);
    const problems: string[] = [];
    const check = async (screen: string) => {
      for (const v of await seriousAxeViolations(page)) problems.push(`${screen}: ${v}`);
    };
    await check('start');
    await shot(page, 'start');
    await page.getByTestId('code-ICF4031').click();
    await page.locator('[data-testid="question"], [data-testid="primary-diagnosis"]').first().waitFor();
    if (await page.getByTestId('question').isVisible()) {
      await check('question');
      await shot(page, 'question');
    }
    await answerQuestions(page, CALM_ANSWERS);
    await check('result');
    await page.getByRole('button', { name: '診断の流れ' }).first().click();
    await page.locator('svg.flow').waitFor();
    await check('flowchart');
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await check('flowchart-en');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
