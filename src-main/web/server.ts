import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Localized } from '../contract';
import { createDoctorCore, type DoctorCore } from '../service/doctorCore';
import { BadRequestError, type BridgeMethod } from '../service/requests';
import { toErrorPayload } from '../service/errorPayload';
import { resolveStaticPath, sendStatic } from './staticFiles';

/**
 * The browser build's half of the bridge: the same DoctorCore as Electron, over
 * HTTP on loopback only. A custom header on every API call means a page from any
 * other origin cannot call us without a CORS preflight, which we never approve;
 * the Host check defeats DNS rebinding. Request bodies are never logged (PIN).
 *
 * Loopback is not enough on its own: any local process, or another user of the
 * machine, could call the API and spend PIN tries. So each launch makes a random
 * secret, puts it in the URL it prints (the fragment, which the browser never
 * sends to servers or in Referer), and every API call and the event stream must
 * carry it (header X-JPKI-Doctor; `?key=` on the event stream, which EventSource
 * cannot give headers). Static files stay public: they hold no data.
 */
export const API_HEADER = 'x-jpki-doctor';
export const EVENTS_KEY_PARAM = 'key';
/** Far above any real request (a facts object is a few hundred bytes), far below the 1 MB contract cap. */
const MAX_BODY = 64 * 1024;
/** Slow-loris guards: a client gets this long for its headers and for the whole request. */
export const HEADERS_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 15_000;

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

export interface WebServerOptions {
  port?: number;
  staticDir?: string;
  core?: DoctorCore;
  /** The launch secret; a fresh random one when not given. */
  secret?: string;
}

export interface RunningWebServer {
  server: Server;
  /** Where the server listens (no secret). */
  origin: string;
  /** The address to open: the origin with the launch secret in the fragment. Print it once. */
  url: string;
  secret: string;
  close(): Promise<void>;
}

const MESSAGES = {
  forbidden: {
    ja: 'このアドレスからの接続は受け付けていません。表示されたURL (127.0.0.1) を開いてください。',
    en: 'Connections from this address are not accepted. Open the URL that was printed (127.0.0.1).',
  },
  notFound: { ja: '見つかりません。', en: 'Not found.' },
  noSecret: {
    ja: 'この画面は jpki-doctor が表示したアドレスから開かれていません。起動したターミナルに表示されたアドレス(#key= を含む)をそのまま開いてください。',
    en: 'This page was not opened from the address jpki-doctor printed. Open the address shown in the terminal that started it (including #key=…) as it is.',
  },
  badUrl: { ja: 'アドレスの形式が正しくありません。', en: 'The address is not valid.' },
  tooManyStreams: {
    ja: '開いている画面が多すぎます。使っていないタブを閉じてから再読み込みしてください。',
    en: 'Too many open pages. Close the tabs you are not using, then reload.',
  },
  noBuild: {
    ja: '画面がまだビルドされていません。`npm run web` で起動してください。',
    en: 'The wizard has not been built yet. Start it with `npm run web`.',
  },
} satisfies Record<string, Localized>;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BadRequestError('(body)', 'too large');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  try {
    return raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BadRequestError('(body)', 'not JSON');
  } finally {
    raw.fill(0); // may have held a PIN
    for (const c of chunks) c.fill(0);
  }
}

function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

function hostAllowed(req: IncomingMessage, port: number): boolean {
  return allowedHosts(port).includes(req.headers.host ?? '');
}

async function callCore(core: DoctorCore, method: BridgeMethod, body: unknown): Promise<unknown> {
  switch (method) {
    case 'platform':
      return core.platform();
    case 'diagnose':
      return core.diagnose(body);
    case 'flowchart':
      return core.flowchart();
    case 'listReaders':
      return core.listReaders();
    case 'probe':
      return core.probe(body);
    case 'verifySigningPin':
      return core.verifySigningPin(body);
  }
}

const METHODS = new Set<BridgeMethod>(['platform', 'diagnose', 'flowchart', 'listReaders', 'probe', 'verifySigningPin']);

/** Pages on another origin may not call the bridge, even where CORS would hide the answer. */
function sameOriginRequest(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts(port).some((h) => origin === `http://${h}`)) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** Constant-time comparison, so the secret cannot be guessed byte by byte from response times. */
function secretMatches(given: string | string[] | null | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The browser or the socket went away mid-request: nothing to answer, nothing to log. */
function clientGone(req: IncomingMessage, res: ServerResponse, error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (
    req.socket.destroyed ||
    res.destroyed ||
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (error as Error | undefined)?.message === 'aborted'
  );
}

const MAX_EVENT_STREAMS = 8;

/**
 * One reader watcher (one PC/SC context) shared by every open event stream:
 * started with the first page, stopped with the last.
 */
function createEventHub(core: DoctorCore) {
  const streams = new Set<ServerResponse>();
  let stopWatching: (() => void) | undefined;
  return {
    get size() {
      return streams.size;
    },
    add(req: IncomingMessage, res: ServerResponse): void {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        ...SECURITY_HEADERS,
      });
      res.write(': connected\n\n');
      streams.add(res);
      stopWatching ??= core.watchReaders((event) => {
        for (const stream of streams) stream.write(`data: ${JSON.stringify(event)}\n\n`);
      });
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15000);
      req.on('close', () => {
        clearInterval(keepAlive);
        streams.delete(res);
        if (streams.size === 0) {
          stopWatching?.();
          stopWatching = undefined;
        }
      });
    },
  };
}

export function startWebServer(options: WebServerOptions = {}): Promise<RunningWebServer> {
  const core = options.core ?? createDoctorCore();
  const staticDir = path.resolve(options.staticDir ?? 'out/renderer');
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  let port = 0;

  const events = createEventHub(core);
  const forbidden = (res: ServerResponse) => sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: MESSAGES.forbidden } });
  const noSecret = (res: ServerResponse) => sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: MESSAGES.noSecret } });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Every answer, 404s and errors included, carries the security headers.
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'bad-request', message: MESSAGES.badUrl } });
    }
    if (!hostAllowed(req, port)) return forbidden(res);

    if (url.pathname.startsWith('/api/') && !sameOriginRequest(req, port)) return forbidden(res);

    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!secretMatches(url.searchParams.get(EVENTS_KEY_PARAM), secret)) return noSecret(res);
      if (events.size >= MAX_EVENT_STREAMS) {
        return sendJson(res, 429, { ok: false, error: { code: 'forbidden', message: MESSAGES.tooManyStreams } });
      }
      return events.add(req, res);
    }

    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length) as BridgeMethod;
      if (req.method !== 'POST' || !METHODS.has(method)) {
        return sendJson(res, 404, { ok: false, error: { code: 'not-found', message: MESSAGES.notFound } });
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return forbidden(res);
      if (!secretMatches(req.headers[API_HEADER], secret)) return noSecret(res);
      try {
        const body = await readJsonBody(req);
        const result = await callCore(core, method, body);
        return sendJson(res, 200, { ok: true, result });
      } catch (error) {
        if (clientGone(req, res, error)) return void res.destroy();
        const payload = toErrorPayload(method, error);
        return sendJson(res, payload.code === 'bad-request' ? 400 : 500, { ok: false, error: payload });
      }
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 404, { ok: false, error: { code: 'not-found', message: MESSAGES.notFound } });
    const file = resolveStaticPath(staticDir, url.pathname);
    if (file) return sendStatic(res, file);
    if (!existsSync(path.join(staticDir, 'index.html'))) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${MESSAGES.noBuild.ja}\n${MESSAGES.noBuild.en}\n`);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404');
  }

  const server = createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
    (req, res) => {
    handle(req, res).catch((error) => {
      if (clientGone(req, res, error)) return void res.destroy();
      // Whatever went wrong, the server stays up and the page gets an answer.
      const payload = toErrorPayload('http', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: payload });
      else res.destroy();
    });
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // A timed-out or reset client gets no answer; a malformed request gets a bare 400 with our headers.
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.end(`HTTP/1.1 ${status}\r\n${headers}Content-Length: 0\r\nConnection: close\r\n\r\n`);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
      const origin = `http://127.0.0.1:${port}/`;
      resolve({
        server,
        origin,
        url: `${origin}#${EVENTS_KEY_PARAM}=${secret}`,
        secret,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, static: { type: 'string' } },
  });
  const port = Number(values.port ?? process.env.PORT ?? 5178);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`jpki-doctor web: invalid port "${values.port ?? process.env.PORT}" / ポート番号が正しくありません`);
    process.exit(2);
  }
  let running: RunningWebServer;
  try {
    running = await startWebServer({ port, staticDir: values.static });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      console.error(`jpki-doctor web: port ${port} is in use. Try PORT=${port + 1} npm run web / ポート ${port} は使用中です`);
    } else {
      console.error(`jpki-doctor web: could not start: ${e.message}`);
    }
    process.exit(1);
  }
  // Printed once: the only place the launch secret appears.
  console.log(`jpki-doctor web: ${running.url}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
