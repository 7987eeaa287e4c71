import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf, resolveStaticPath } from '../web/staticFiles';

/**
 * The renderer is served from app://jpki-doctor/… instead of file://: a page on
 * file:// may read any other file:// URL, while this origin holds only the
 * renderer build. Requests resolve to real paths inside the renderer folder
 * (no `..`, no symlink out), every answer carries the CSP, and anything else is
 * a 404. Relative asset URLs (Vite base './', src/lib/assetUrls.ts) resolve
 * against the page as before.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'jpki-doctor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;

/** The renderer's policy: its own scripts only, no network, no plugins, not framed. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const COMMON_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Must run before the app is ready. `standard` gives the scheme real origins and
 * relative URL resolution; `secure` makes it a secure context like https;
 * `corsEnabled` lets Vite's `<script type="module" crossorigin>` fetch in CORS mode
 * (answers carry no Access-Control-Allow-Origin, so no other origin can read them).
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/** Whether a URL (a frame's, a navigation's) is a page of ours. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

function notFound(status = 404): Response {
  return new Response('Not found', { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The answer to one app:// request: a file of the renderer build, or a 404/405. */
export async function serveRendererFile(rendererRoot: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
  if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(405);
  const file = resolveStaticPath(path.resolve(rendererRoot), url.pathname);
  if (!file) return notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return notFound(); // removed between resolving and reading
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...COMMON_HEADERS, 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-store' },
  });
}

/** After ready: app:// answers from the renderer folder (inside app.asar when packaged). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererFile(rendererRoot, request));
}
