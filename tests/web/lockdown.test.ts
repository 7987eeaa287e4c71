import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'node:http';
import { connect } from 'node:net';
import { HEADERS_TIMEOUT_MS, startWebServer, type RunningWebServer } from '../../src-main/web/server';
import { createDoctorCore, type CardAccess } from '../../src-main/service/doctorCore';

// The local API answers only the wizard page it served: the launch secret, real
// paths for static files, security headers everywhere, quiet about clients that leave.
const pinCalls: unknown[] = [];
const watchers = new Set<unknown>();
const cardAccess: CardAccess = {
  listReaders: async () => ({ pcscService: 'ok', readers: [] }),
  probeCard: async () => ({ takenAt: '2026-11-25T00:00:00Z', pcscService: 'ok', readers: [], apduCount: 0 }),
  snapshotToFacts: () => ({ pcscService: 'ok', readerCount: 0 }),
  verifySigningPin: async (options) => {
    pinCalls.push(options);
    return { ok: false, sent: false, triesLeft: 5 };
  },
  watchReaders(listener) {
    watchers.add(listener);
    return () => watchers.delete(listener);
  },
};

let web: RunningWebServer;
let other: RunningWebServer;
let root: string;

beforeAll(async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'jpki-lock-'));
  root = path.join(base, 'renderer');
  mkdirSync(root);
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>jpki-doctor</title>');
  const outside = path.join(base, 'outside');
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.txt'), 'OUTSIDE-DATA');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
  symlinkSync(outside, path.join(root, 'linkdir'));
  symlinkSync('/etc/hostname', path.join(root, 'etc.txt'));
  const core = createDoctorCore({ cardAccess, now: () => new Date('2026-11-25T03:00:00Z') });
  web = await startWebServer({ port: 0, staticDir: root, core });
  other = await startWebServer({ port: 0, staticDir: root, core });
});
afterAll(async () => {
  await web.close();
  await other.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(method: string, urlPath: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const url = new URL(urlPath, web.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = { 'Content-Type': 'application/json' };
const PIN_BODY = JSON.stringify({ pin: 'ABC123', allowLowTries: true, expectedTriesLeft: 1 });

describe('the launch secret', () => {
  it('is random per launch, long, and only in the fragment of the printed URL', () => {
    expect(web.secret).toMatch(/^[\w-]{43}$/);
    expect(web.secret).not.toBe(other.secret);
    expect(web.url).toBe(`${web.origin}#key=${web.secret}`);
  });

  it.each([
    ['no key', {}],
    ['the old fixed header', { 'X-JPKI-Doctor': '1' }],
    ['a wrong key of the same length', { 'X-JPKI-Doctor': 'A'.repeat(43) }],
    ["another launch's key", { 'X-JPKI-Doctor': '(other)' }],
  ])('refuses API calls with %s: 403, a clear message, the PIN never reaches the card', async (_label, extra) => {
    const headers: Record<string, string> = { ...json, ...extra };
    if (headers['X-JPKI-Doctor'] === '(other)') headers['X-JPKI-Doctor'] = other.secret;
    for (const method of ['verifySigningPin', 'probe', 'diagnose', 'platform']) {
      const reply = await send('POST', `/api/${method}`, headers, method === 'verifySigningPin' ? PIN_BODY : '{}');
      expect(reply.status).toBe(403);
      const payload = JSON.parse(reply.body);
      expect(payload.error.code).toBe('forbidden');
      expect(payload.error.message.ja).toContain('#key=');
      expect(payload.error.message.en).toContain('Open the address shown in the terminal');
    }
    expect(pinCalls).toHaveLength(0);
  });

  it('refuses the event stream without the key, and never starts the reader watcher', async () => {
    expect((await send('GET', '/api/events')).status).toBe(403);
    expect((await send('GET', `/api/events?key=${other.secret}`)).status).toBe(403);
    expect(watchers.size).toBe(0);
  });

  it('accepts the key it printed', async () => {
    const reply = await send('POST', '/api/verifySigningPin', { ...json, 'X-JPKI-Doctor': web.secret }, PIN_BODY);
    expect(reply.status).toBe(200);
    expect(pinCalls).toHaveLength(1);
    pinCalls.length = 0;
  });

  it('still serves the page itself without the key (it holds no data)', async () => {
    expect((await send('GET', '/')).status).toBe(200);
  });
});

describe('static files', () => {
  it.each(['/link.txt', '/linkdir/secret.txt', '/etc.txt'])('does not follow a symlink out of the build folder: %s', async (p) => {
    const reply = await send('GET', p);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('OUTSIDE-DATA');
  });
});

describe('security headers on every response', () => {
  it.each([
    ['a page', 'GET', '/', 200],
    ['a missing file', 'GET', '/nope.js', 404],
    ['an unknown API method', 'POST', '/api/eval', 404],
    ['a refused API call', 'POST', '/api/platform', 403],
    ['another host name', 'GET', '/', 403],
  ])('%s', async (_label, method, p, status) => {
    const reply = await send(method, p, p === '/' && status === 403 ? { Host: 'evil.example' } : json, method === 'POST' ? '{}' : undefined);
    expect(reply.status).toBe(status);
    expect(String(reply.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['x-frame-options']).toBe('DENY');
  });
});

describe('clients that misbehave or leave', () => {
  it('a client that disconnects mid-request is not logged as an internal error', async () => {
    const errors = vi.spyOn(console, 'error');
    const url = new URL(web.origin);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(url.port), '127.0.0.1', () => {
        socket.write(
          `POST /api/diagnose HTTP/1.1\r\nHost: 127.0.0.1:${url.port}\r\nContent-Type: application/json\r\nX-JPKI-Doctor: ${web.secret}\r\nContent-Length: 5000\r\n\r\n{"facts":`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 200);
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect((await send('GET', '/')).status).toBe(200);
  });

  it('a client that never finishes its headers is cut off', async () => {
    const url = new URL(web.origin);
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), '127.0.0.1', () => socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${url.port}\r\nX-Slow: 1`));
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(Date.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS + 4000);
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });
});
