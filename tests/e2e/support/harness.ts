import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../../src-main/emulator';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-output/screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A missing browser is a failure, never a silent pass: the message says how to fix it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Debian chromium is missing at ${CHROMIUM_PATH}: install it with "apt-get install chromium" (CI=${process.env.CI ?? 'unset'}).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface WebServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real local web server (same core as Electron) on a free port, serving the production build.
 * `env` is added to this process's environment (e.g. JPKI_PCSCLITE_DIR for a machine without the binding).
 */
export async function startWebServer(env: NodeJS.ProcessEnv = {}): Promise<WebServer> {
  const child: ChildProcess = spawn('npx', ['tsx', 'src-main/web/server.ts', '--port', '0', '--static', 'out/renderer'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, ...env },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // The URL carries the launch secret (#key=…) that the API requires.
      const m = /jpki-doctor web: (http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

/** pcscd must run for the virtual card; under CI its absence fails the run. */
export function ensurePcscd(): void {
  if (spawnSync('pgrep', ['-x', 'pcscd']).status === 0) return;
  const started = spawnSync('pcscd', [], { stdio: 'ignore' });
  if (started.error || started.status !== 0) {
    throw new Error('pcscd is not running and could not be started: install pcscd and vsmartcard-vpcd, then run "pcscd".');
  }
  spawnSync('sleep', ['1']);
}

/** A fresh page on the wizard (its own context), Japanese, 1200×900 unless another window size is given. */
export async function openWizard(browser: Browser, url: string, size: { width: number; height: number } = { width: 1200, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport: size, locale: 'ja-JP' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(url);
  await page.locator('[data-ready="true"]').waitFor();
  return page;
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Serious and critical axe violations on the current screen, as readable lines (empty = pass). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Answers by question (a one-fact question's fact, or an event question's id such as
 * lifeEvents: an option value, or { option, date } for an option that needs a date).
 */
export type AnswerPlan = Partial<Record<string, string | boolean | null | 'dont-know' | { date: string } | { option: string; date: string }>>;

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The wizard's local web server and a browser for one test file, started before its
 * tests and stopped after them. `pcscd`: the file reads virtual cards (pcscd must run).
 */
export function useWizardServer(options: { pcscd?: boolean } = {}): { readonly server: WebServer; readonly browser: Browser } {
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (options.pcscd) ensurePcscd();
    server = await startWebServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the web server is not started (useWizardServer must be called in describe, before the tests)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started (useWizardServer must be called in describe, before the tests)');
      return browser;
    },
  };
}

/**
 * Virtual cards for one test file: inserted on demand, pulled after use, and any
 * still inserted when the file ends are pulled then (a failing test leaves none behind).
 */
export function useVirtualCards() {
  const inserted: EmulatorHandle[] = [];
  afterAll(async () => {
    for (const card of inserted.splice(0)) await card.stop();
  });
  const cards = {
    async insert(scenario: string, port?: number): Promise<EmulatorHandle> {
      const card = await insertVirtualCard(scenario, port);
      inserted.push(card);
      return card;
    },
    /** Pulls one card (default: every card inserted) and gives pcscd time to notice. */
    async pull(card?: EmulatorHandle): Promise<void> {
      const going = card ? inserted.filter((c) => c === card) : [...inserted];
      for (const c of going) {
        await c.stop();
        inserted.splice(inserted.indexOf(c), 1);
      }
      await new Promise((r) => setTimeout(r, 800));
    },
    /** A card inserted for `work` only. */
    async withCard<T>(scenario: string, work: (card: EmulatorHandle) => Promise<T>, port?: number): Promise<T> {
      const card = await cards.insert(scenario, port);
      try {
        return await work(card);
      } finally {
        await cards.pull(card);
      }
    },
  };
  return cards;
}

/** Waits until the wizard has finished what it was doing (main is no longer busy). */
export async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') === 'false');
}

/** Presses a card-check button (default: the start screen's) and waits for the card screen's result. */
export async function readCard(page: Page, button = 'check-card'): Promise<void> {
  await page.getByTestId(button).click();
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') === 'false' && !!document.querySelector('[data-testid="card-continue"]'));
}

/** What a careful person with a healthy card would answer. */
export const CALM_ANSWERS: AnswerPlan = {
  lifeEvents: 'none',
  errorCode: null,
  movedAt: null,
  nameChangedAt: null,
  certRenewedAt: null,
  faceAuthCard: false,
  enteredPinKind: 'alphanumeric',
  macKeychainPrompt: false,
  abroad: false,
  overseasContinuation: false,
  plannedSigningDate: { date: inDays(7) },
};

/** Answers the engine's questions one at a time until the result (or, in office mode, the intake sheet) is shown. Returns the questions asked (fact, or event question id), in order. */
export async function answerQuestions(page: Page, plan: AnswerPlan): Promise<string[]> {
  const asked: string[] = [];
  for (let i = 0; i < 20; i++) {
    const question = page.locator('[data-testid="question"]');
    const result = page.locator('[data-testid="primary-diagnosis"], [data-testid="report-page"]');
    await question.or(result).first().waitFor();
    if (await result.isVisible()) return asked;
    const id = (await question.getAttribute('data-question')) ?? (await question.getAttribute('data-fact')) ?? '';
    if (asked.at(-1) === id) throw new Error(`the question ${id} was asked again after an answer`);
    asked.push(id);
    const answer = id in plan ? plan[id] : 'dont-know';
    if ((await question.getAttribute('data-kind')) === 'event') {
      await answerEvent(page, answer);
    } else if (answer === 'dont-know' || answer === undefined) {
      await page.getByTestId('q-dont-know').click();
    } else if (answer === null && (await page.getByTestId('q-never').count()) > 0) {
      await page.getByTestId('q-never').click();
    } else if (answer !== null && typeof answer === 'object') {
      if ((await page.locator('#q-date').count()) === 0 || !('date' in answer) || 'option' in answer) {
        await page.getByTestId('q-dont-know').click();
      } else {
        await page.locator('#q-date').fill(answer.date);
        await page.getByTestId('q-date-submit').click();
      }
    } else {
      const option = page.locator(`[data-testid="q-option"][data-value="${String(answer)}"]`);
      if ((await option.count()) > 0) await option.click();
      else await page.getByTestId('q-dont-know').click();
    }
    await page.waitForFunction(
      (q) => {
        const el = document.querySelector('[data-testid="question"]');
        return (el?.getAttribute('data-question') ?? el?.getAttribute('data-fact')) !== q || !!document.querySelector('[data-testid="primary-diagnosis"], [data-testid="report-page"]');
      },
      id,
    );
  }
  throw new Error(`more than 20 questions: ${asked.join(', ')}`);
}

/** An event question: the option's radio (keyboard: it is a native radio), its date when asked for, then 回答する; else わからない. */
async function answerEvent(page: Page, answer: AnswerPlan[string]): Promise<void> {
  const value = typeof answer === 'string' ? answer : answer && typeof answer === 'object' && 'option' in answer ? answer.option : undefined;
  const radio = page.locator(`[data-testid="q-choice"][data-value="${value}"]`);
  if (value === undefined || value === 'dont-know' || (await radio.count()) === 0) {
    await page.getByTestId('q-dont-know').click();
    return;
  }
  await radio.check();
  if (answer && typeof answer === 'object' && 'option' in answer) await page.locator('#q-event-date').fill(answer.date);
  await page.getByTestId('q-event-submit').click();
}

/** Ids of every diagnosis on the result screen, primary first. */
export async function shownDiagnoses(page: Page): Promise<string[]> {
  return page.locator('[data-diagnosis]').evaluateAll((els) => els.map((e) => e.getAttribute('data-diagnosis') ?? ''));
}

/**
 * Inserts a virtual card on a vpcd slot (port 35963 = "Virtual PCD 00 00", 35964 =
 * "Virtual PCD 00 01"). A slot may be held by another test run on this machine:
 * wait for it rather than fail on someone else's card.
 */
export async function insertVirtualCard(scenario: string, port?: number): Promise<EmulatorHandle> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 12; attempt++) {
    try {
      const handle = await startEmulator({ scenario, ...(port ? { port } : {}) });
      await new Promise((r) => setTimeout(r, 800)); // pcscd polls vpcd for the inserted card
      return handle;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 2500));
    }
  }
  throw lastError;
}
