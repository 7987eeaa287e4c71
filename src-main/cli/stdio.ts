/**
 * Everything the CLI prints passes through here, so that printing can never be
 * the thing that crashes it or attacks the terminal:
 *
 * - a reader that closes the pipe early (`| head`) ends the program quietly with
 *   the exit code the command earned (the work was done; the reader had enough);
 * - a full disk or another write failure is one line on stderr and exit code 1,
 *   never a stack trace;
 * - terminal control characters (ESC sequences, C1 controls, bidirectional
 *   overrides) that came from input — a facts file, a reader name, a certificate
 *   field — are printed as visible `\uXXXX` escapes. The escape is also valid
 *   inside JSON strings, so `--json` output stays parseable and loses nothing.
 */

// C0 except tab and newline, DEL, C1, and the bidi embedding/override/isolate marks.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Makes text safe to show on a terminal (and keeps JSON valid). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Exit code for a write failure that is not a closed pipe. */
export const WRITE_FAILED = 1;

const closed = { stdout: false, stderr: false };
let writeFailed = false;

function onWriteError(stream: 'stdout' | 'stderr', error: NodeJS.ErrnoException): void {
  if (closed[stream]) return;
  closed[stream] = true;
  // A closed pipe is the reader saying "enough": not a failure.
  if (stream === 'stderr' || error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
  writeFailed = true;
  const code = error.code ?? 'error';
  process.stderr.write(
    `jpki-doctor: 出力を書き込めませんでした (${code})。空き容量や出力先を確認してください。/ could not write the output (${code}); check free disk space and where the output goes.\n`,
  );
}

/**
 * Installs the guards on stdout and stderr. Call once, before anything is printed.
 */
export function guardOutput(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    stream.on('error', (e: NodeJS.ErrnoException) => onWriteError(name, e));
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (closed[name]) return true; // dropped: nobody is reading any more
      try {
        return write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest);
      } catch (e) {
        // A synchronous write (to a file) can throw instead of emitting 'error'.
        onWriteError(name, e as NodeJS.ErrnoException);
        return false;
      }
    }) as typeof stream.write;
  }
}

/**
 * Ends the process once the output has been handed over, with the command's
 * exit code. Exiting explicitly means a native call that never returns (a card
 * that went silent inside PC/SC) cannot keep the program alive after it has
 * given its answer.
 */
export async function finish(code: number, flushTimeoutMs = 5000): Promise<never> {
  // Let write errors already raised (a full disk fails synchronously, reported on the next tick) arrive first.
  await new Promise((resolve) => setImmediate(resolve));
  const failed = process.stdout.errored as NodeJS.ErrnoException | null;
  if (failed) onWriteError('stdout', failed);
  const flushed = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => {
      if (stream.writableLength === 0 || stream.destroyed) return resolve();
      stream.once('drain', () => resolve());
      stream.once('error', () => resolve());
    });
  const timer = new Promise<void>((resolve) => setTimeout(resolve, flushTimeoutMs).unref());
  await Promise.race([Promise.all([flushed(process.stdout), flushed(process.stderr)]), timer]);
  return process.exit(writeFailed ? WRITE_FAILED : code);
}
