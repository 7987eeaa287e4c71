import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface RotatingLogOptions {
  dir: string;
  /** Largest size of one file before it is rotated. */
  maxBytes?: number;
  /** How many old files to keep (main.log.1 … main.log.N). */
  keep?: number;
  now?: () => Date;
}

export interface RotatingLog {
  readonly file: string;
  info(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** Only these shapes go in: no free objects, so a snapshot or a request can never slip in whole. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/**
 * Field names that could carry a PIN or holder data are refused outright: the
 * log is for staff and support, and is never a place for either.
 */
const FORBIDDEN_FIELD = /pin|password|passwd|holder|name|birth|address|sex|subject/i;

/** Values are one line, ASCII-safe, and short. */
function clean(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').slice(0, 500);
}

/**
 * A small local log: one line per event, at most maxBytes × (keep + 1) on disk.
 * Nothing is ever sent anywhere. Writing never throws (a full disk must not
 * break the wizard).
 */
export function createRotatingLog({ dir, maxBytes = 256 * 1024, keep = 2, now = () => new Date() }: RotatingLogOptions): RotatingLog {
  const file = path.join(dir, 'main.log');
  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(file, `${file}.1`);
  };
  const write = (level: 'info' | 'error', event: string, fields: LogFields = {}) => {
    const parts = [now().toISOString(), level, clean(event)];
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      parts.push(FORBIDDEN_FIELD.test(key) ? `${key}=[not logged]` : `${key}=${clean(String(value))}`);
    }
    const line = `${parts.join(' ')}\n`;
    try {
      mkdirSync(dir, { recursive: true });
      let size = 0;
      try {
        size = statSync(file).size;
      } catch {
        // first line
      }
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      appendFileSync(file, line);
    } catch {
      // logging must never break the app
    }
  };
  return {
    file,
    info: (event, fields) => write('info', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}
