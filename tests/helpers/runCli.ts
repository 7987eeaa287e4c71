import { spawn } from 'node:child_process';
import { expect } from 'vitest';

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

/**
 * Runs a CLI entry as its own Node process and collects what it printed and how
 * long it took. The guard kill lies far past `boundMs`, so a hang fails the test
 * on its time instead of hanging the suite.
 */
export function runCli(
  entry: string,
  args: string[],
  options: { boundMs: number; env?: NodeJS.ProcessEnv; during?: () => Promise<void>; input?: string },
): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry, ...args], { env: options.env ?? process.env, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (options.input !== undefined) child.stdin!.end(options.input);
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
    const guard = setTimeout(() => child.kill('SIGKILL'), options.boundMs * 3);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, out, err, ms: Date.now() - started });
    });
    void options.during?.();
  });
}

/**
 * What `probe --json` must show for a card that went silent mid-read, whichever
 * entry ran it: ended within the bound with exit code 3, a timeout on the named
 * reader, nothing on stderr, and no PIN try touched.
 */
export function expectSilentCardProbe(r: CliRun, boundMs: number, reader: string, counters: object): void {
  expect(r.ms).toBeLessThan(boundMs);
  expect(r.err).toBe('');
  expect(r.code).toBe(3);
  const snapshot = JSON.parse(r.out);
  expect(snapshot.error.code).toBe('timeout');
  expect(snapshot.reader).toBe(reader);
  expect(counters).toMatchObject({ signTriesLeft: 5, authTriesLeft: 3, pinVerifications: 0 });
}
