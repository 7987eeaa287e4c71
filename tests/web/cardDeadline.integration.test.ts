import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWebServer, API_HEADER, type RunningWebServer } from '../../src-main/web/server';
import { createDoctorCore } from '../../src-main/service/doctorCore';
import { requirePcscd } from '../helpers/pcscd';
import { insertTestCard, removeAllTestCards, removeTestCard, TEST_READER } from '../helpers/testCard';

// The web server on the real PC/SC stack (pcscd + vpcd + the virtual card), with a
// card that goes silent. The per-command timeout of the card layer is 3 s; the
// overall deadline is set below it here, so it is the deadline that ends the call
// while the native transmit is still stuck, as with a slow or hung card.
const DEADLINE_MS = 1500;
/** Deadline + the bounded reader listing + a loaded machine. */
const ANSWER_WITHIN_MS = DEADLINE_MS + 4000;

let web: RunningWebServer;

beforeAll(async () => {
  await requirePcscd();
  const staticDir = mkdtempSync(path.join(tmpdir(), 'jpki-web-silent-'));
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>jpki-doctor</title>');
  web = await startWebServer({ port: 0, staticDir, core: createDoctorCore({ cardDeadlineMs: DEADLINE_MS }) });
});
afterAll(() => web?.close());
afterEach(removeAllTestCards);

async function api<T = any>(method: string, body: unknown = {}): Promise<{ status: number; ms: number; json: T }> {
  const t0 = Date.now();
  const res = await fetch(new URL(`/api/${method}`, web.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [API_HEADER]: web.secret },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T, ms: Date.now() - t0 };
}

describe('web server: a card that goes silent', () => {
  it('probe answers by the deadline with "the card does not answer", keeps serving, and reads again once the card is swapped', async () => {
    const silent = await insertTestCard('healthy', { faults: { silentAfterApdus: 4 } });
    const first = await api('probe', { reader: TEST_READER });
    expect(first.status).toBe(200);
    expect(first.ms).toBeLessThan(ANSWER_WITHIN_MS);
    const { snapshot, facts } = first.json.result;
    expect(snapshot.error).toMatchObject({ code: 'timeout', detail: expect.stringMatching(/did not finish within 2 s/) });
    expect(snapshot.reader).toBe(TEST_READER);
    expect(facts).toMatchObject({ pcscService: 'ok', cardPresent: true, cardReadable: false });
    const diagnosis = await api('diagnose', { facts });
    expect(diagnosis.status).toBe(200);
    const ids = diagnosis.json.result.diagnoses.map((d: { id: string }) => d.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain('ready-to-sign');

    // The stuck transmit still holds the card: the next probe says so at once instead of hanging too.
    const again = await api('probe', { reader: TEST_READER });
    // No new card call: only the bounded reader listing (2 s at most) stands between the request and the answer.
    expect(again.ms).toBeLessThan(2000 + 1500);
    expect(again.json.result.snapshot.error).toMatchObject({ code: 'timeout', detail: expect.stringMatching(/still waiting/) });
    expect(again.json.result.snapshot.error.message.en).toMatch(/Take the card out/);
    // The server itself is not stuck: static files (fs on the libuv pool) and other calls answer.
    const page = await fetch(web.origin);
    expect(page.status).toBe(200);
    expect((await api('flowchart')).status).toBe(200);

    // Taken out and a good card put in: the stuck call returns, the handle is released, the card reads.
    await removeTestCard(silent);
    const good = await insertTestCard('healthy');
    let after = await api('probe', { reader: TEST_READER });
    for (let i = 0; i < 20 && after.json.result.snapshot.error; i++) {
      await new Promise((r) => setTimeout(r, 250));
      after = await api('probe', { reader: TEST_READER });
    }
    expect(after.json.result.snapshot.error).toBeUndefined();
    expect(after.json.result.snapshot).toMatchObject({ signPinTriesLeft: 5, authPinTriesLeft: 3 });
    expect(good.counters()).toMatchObject({ signTriesLeft: 5, authTriesLeft: 3, pinVerifications: 0 });
  });

  it('a password check on a card that goes silent before the password: bounded, nothing sent, no try used', async () => {
    const card = await insertTestCard('healthy', { faults: { silentAfterApdus: 1 } });
    const reply = await api('verifySigningPin', { pin: card.signPin, expectedTriesLeft: 5 });
    expect(reply.status).toBe(200);
    expect(reply.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(reply.json.result).toMatchObject({ ok: false, sent: false, error: { code: 'timeout' } });
    expect(card.counters()).toMatchObject({ signTriesLeft: 5, pinVerifications: 0 });
  });
});
