import { describe, expect, it } from 'vitest';
import { CALM_ANSWERS, answerQuestions, openWizard, shot, useWizardServer } from './support/harness';

// Issue #7: every result and step shows what it rests on, and the app fetches none of it.
describe('the result shows its sources (根拠)', () => {
  const env = useWizardServer();

  it('a diagnosis and its steps carry a Sources line: https pages, or practitioners\' experience said in words', async () => {
    const page = await openWizard(env.browser, env.server.url);
    const origin = new URL(env.server.url).origin;
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    await page.getByTestId('code-ICF4032').click();
    await answerQuestions(page, CALM_ANSWERS);
    const primary = page.getByTestId('primary-diagnosis');
    await expect(primary.getAttribute('data-diagnosis')).resolves.toBe('cert-revoked-or-expired');

    // Under the diagnosis: the label, then official pages as links that open elsewhere, only on click.
    const line = primary.locator(':scope > [data-testid="sources"]');
    // ICF4032's meaning is practitioners' experience; the certificate rules are municipal pages.
    await expect(line.textContent()).resolves.toMatch(/^根拠\(出典\): .*(池田町|東村山市).*確認.*実務上の経験に基づく$/);
    const links = line.locator('a');
    expect(await links.count()).toBeGreaterThan(0);
    for (const a of await links.all()) {
      await expect(a.getAttribute('href')).resolves.toMatch(/^https:\/\//);
      await expect(a.getAttribute('target')).resolves.toBe('_blank');
      await expect(a.getAttribute('rel')).resolves.toMatch(/noopener/);
    }
    // Under a step: its own line; the about-24-hours wait says it is practice.
    const wait = primary.locator('[data-step="wait-24h"] [data-testid="sources"]');
    await expect(wait.textContent()).resolves.toContain('実務上の経験に基づく');
    expect(await primary.locator('[data-step] [data-testid="sources"]').count()).toBe(await primary.locator('[data-step]').count());
    await shot(page, 'result-sources');
    // Showing sources fetched nothing from the pages they name.
    expect(elsewhere).toEqual([]);
    await page.context().close();
  });
});
