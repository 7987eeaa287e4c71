import { createReadStream, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

/** Content types of what the renderer build holds (shared by the web server and the app:// protocol). */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** The content type for a file name; unknown kinds are bytes the browser must not sniff. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function realRoot(root: string): string | null {
  try {
    return realpathSync(root);
  } catch {
    return null;
  }
}

const inside = (root: string, full: string) => full === root || full.startsWith(root + path.sep);

/**
 * Resolves a URL path inside root, or null when it would escape it or does not
 * exist. The check is made on real paths (symlinks resolved) as well as on the
 * text, so a symlink in the build folder cannot point out of it.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, relative);
  if (!inside(root, full)) return null;
  const realBase = realRoot(root);
  if (!realBase) return null;
  try {
    const real = realpathSync(full);
    if (!inside(realBase, real)) return null;
    return statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

export function sendStatic(res: ServerResponse, file: string): void {
  const type = contentTypeOf(file);
  res.writeHead(200, {
    'Content-Type': type,
    // Hashed asset names change per build; index.html must always be fresh.
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  const stream = createReadStream(file);
  // A file removed by a rebuild in between must not take the server down.
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
