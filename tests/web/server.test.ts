import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'node:http';
import { connect } from 'node:net';
import { startWebServer, type RunningWebServer } from '../../src-main/web/server';
import { createDoctorCore, type CardAccess } from '../../src-main/service/doctorCore';
import type { CardSnapshot, ReaderEvent } from '../../src-main/contract';

// The card side is replaced by a recorder here: this file tests the HTTP shell
// (routing, validation, origin checks); the real card path has its own tests.
const listeners = new Set<(e: ReaderEvent) => void>();
const pinCalls: unknown[] = [];
const snapshot: CardSnapshot = { takenAt: '2026-11-25T00:00:00Z', pcscService: 'ok', readers: [], apduCount: 0 };
const cardAccess: CardAccess = {
  listReaders: async () => ({ pcscService: 'ok', readers: [{ name: 'Test Reader 0', cardPresent: true }] }),
  probeCard: async (options) => ({ ...snapshot, reader: options?.reader }),
  snapshotToFacts: () => ({ pcscService: 'ok', readerCount: 0 }),
  verifySigningPin: async (options) => {
    pinCalls.push({ ...options });
    return { ok: false, sent: false, triesLeft: 5 };
  },
  watchReaders(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

let web: RunningWebServer;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(path.join(tmpdir(), 'jpki-web-'));
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>jpki-doctor</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'outside');
  web = await startWebServer({ port: 0, staticDir, core: createDoctorCore({ cardAccess, now: () => new Date('2026-11-25T03:00:00Z') }) });
});
afterAll(() => web.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(method: string, urlPath: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const url = new URL(urlPath, web.origin);
  const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** What the wizard's page sends: JSON and this launch's secret. */
const API = () => ({ 'Content-Type': 'application/json', 'X-JPKI-Doctor': web.secret });

describe('web bridge server', () => {
  it('listens on loopback only and prints a 127.0.0.1 URL', () => {
    expect(web.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const address = web.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });

  it('serves the built wizard with a strict CSP', async () => {
    const reply = await send('GET', '/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('jpki-doctor');
    expect(String(reply.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await send('GET', '/assets/app.js')).status).toBe(200);
  });

  it('never serves files outside the build folder', async () => {
    expect((await send('GET', '/../secret.txt')).status).toBe(404);
    expect((await send('GET', '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await send('GET', '/assets/%2e%2e/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('answers diagnose through the real engine', async () => {
    const reply = await send('POST', '/api/diagnose', { body: { facts: { pcscService: 'unavailable' }, lang: 'ja' }, headers: API() });
    expect(reply.status).toBe(200);
    const payload = JSON.parse(reply.body);
    expect(payload.ok).toBe(true);
    expect(payload.result.diagnoses[0].id).toBe('pcsc-service-down');
  });

  it('rejects a wrongly typed fact with the field named, in both languages', async () => {
    const reply = await send('POST', '/api/diagnose', { body: { facts: { signPinTriesLeft: 'five' } }, headers: API() });
    expect(reply.status).toBe(400);
    const payload = JSON.parse(reply.body);
    expect(payload.error.field).toBe('facts.signPinTriesLeft');
    expect(payload.error.message.ja).toContain('facts.signPinTriesLeft');
    expect(payload.error.message.en).toContain('facts.signPinTriesLeft');
  });

  it('rejects a body that is not JSON without crashing', async () => {
    const reply = await send('POST', '/api/diagnose', { body: '{not json', headers: API() });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.code).toBe('bad-request');
  });

  it('refuses API calls without the bridge header (a page on another origin cannot set it)', async () => {
    const reply = await send('POST', '/api/verifySigningPin', { body: { pin: 'ABC123' }, headers: { 'Content-Type': 'text/plain' } });
    expect(reply.status).toBe(403);
    expect(pinCalls).toHaveLength(0);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const reply = await send('POST', '/api/platform', { body: {}, headers: { ...API(), Host: 'evil.example:80' } });
    expect(reply.status).toBe(403);
  });

  it('passes a PIN request to the card layer and never logs it', async () => {
    const errors = vi.spyOn(console, 'error');
    const logs = vi.spyOn(console, 'log');
    const reply = await send('POST', '/api/verifySigningPin', { body: { pin: 'SECRET9', allowLowTries: false, expectedTriesLeft: 5 }, headers: API() });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).result).toEqual({ ok: false, sent: false, triesLeft: 5 });
    expect(pinCalls).toEqual([{ pin: 'SECRET9', allowLowTries: false, expectedTriesLeft: 5, onVerifySent: expect.any(Function) }]);
    const logged = [...errors.mock.calls, ...logs.mock.calls].flat().join(' ');
    expect(logged).not.toContain('SECRET9');
    expect(reply.body).not.toContain('SECRET9');
  });

  it('refuses a PIN request that does not say which tries-left count the person saw', async () => {
    const before = pinCalls.length;
    const reply = await send('POST', '/api/verifySigningPin', { body: { pin: 'ABC123' }, headers: API() });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.field).toBe('expectedTriesLeft');
    expect(pinCalls).toHaveLength(before);
  });

  it('refuses API calls from a page on another origin, even with the header', async () => {
    const evil = await send('POST', '/api/platform', { body: {}, headers: { ...API(), Origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    const crossSite = await send('POST', '/api/platform', { body: {}, headers: { ...API(), 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const events = await send('GET', `/api/events?key=${web.secret}`, { headers: { Origin: 'https://evil.example' } });
    expect(events.status).toBe(403);
    const ours = await send('POST', '/api/platform', { body: {}, headers: { ...API(), Origin: web.origin.replace(/\/$/, ''), 'Sec-Fetch-Site': 'same-origin' } });
    expect(ours.status).toBe(200);
  });

  it('survives a request line that is not a URL, and keeps serving', async () => {
    const url = new URL(web.origin);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), '127.0.0.1', () => socket.write(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${url.port}\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        resolve(text);
      }, 2000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await send('GET', '/')).status).toBe(200);
  });

  it('rejects unknown request fields instead of passing them on', async () => {
    const reply = await send('POST', '/api/probe', { body: { reader: 'R', extra: 1 }, headers: API() });
    expect(reply.status).toBe(400);
  });

  it('forwards the chosen reader to the probe', async () => {
    const reply = await send('POST', '/api/probe', { body: { reader: 'Test Reader 0' }, headers: API() });
    expect(JSON.parse(reply.body).result.snapshot.reader).toBe('Test Reader 0');
  });

  it('returns 404 for an unknown API method', async () => {
    expect((await send('POST', '/api/eval', { body: {}, headers: API() })).status).toBe(404);
  });

  it('streams reader events to the page', async () => {
    const url = new URL(`/api/events?key=${web.secret}`, web.origin);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: 'GET' }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
          if (text.includes(': connected')) {
            for (const l of listeners) l({ type: 'card-removed', reader: 'Test Reader 0' });
          }
          if (text.includes('card-removed')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('data: {"type":"card-removed","reader":"Test Reader 0"}');
  });

  it('shares one reader watcher between pages and stops it when the last page closes', async () => {
    const url = new URL(`/api/events?key=${web.secret}`, web.origin);
    const open = () =>
      new Promise<() => void>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: 'GET' }, (res) => {
          res.once('data', () => resolve(() => req.destroy()));
        });
        req.on('error', reject);
        req.end();
      });
    const first = await open();
    const second = await open();
    expect(listeners.size).toBe(1);
    first();
    await new Promise((r) => setTimeout(r, 100));
    expect(listeners.size).toBe(1);
    second();
    await expect.poll(() => listeners.size).toBe(0);
  });
});
