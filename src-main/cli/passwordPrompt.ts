import { createInterface } from 'node:readline';

/**
 * Terminal input for `check --sign-test`. The password is read only from the
 * terminal with echo off, or — when explicitly chosen with --pin-stdin — as the
 * first line of standard input. Never from argv or the environment, where other
 * processes and shell history could see it.
 */

export class PromptAborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'PromptAborted';
  }
}

/** One visible line from the terminal (confirmations). */
export function askLine(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    // terminal: false — the terminal's own line discipline echoes the answer.
    // readline's terminal mode would write cursor-control sequences, which the
    // output guard (stdio.ts) rightly shows as visible escapes.
    const rl = createInterface({ input, output, terminal: false });
    let answered = false;
    rl.on('close', () => {
      if (!answered) reject(new PromptAborted());
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  });
}

/**
 * Reads a password from the terminal without echo (raw mode; Backspace edits,
 * Ctrl-C / Ctrl-D abort). The bytes are kept in a buffer that is wiped before
 * returning; only the returned string remains (JS strings cannot be wiped).
 */
export function readHiddenPassword(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY || typeof input.setRawMode !== 'function') return Promise.reject(new Error('not a terminal'));
  output.write(prompt);
  const buffer = Buffer.alloc(64);
  let length = 0;
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      const text = buffer.toString('utf8', 0, length);
      buffer.fill(0);
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer) => {
      for (const byte of chunk) {
        if (byte === 0x03 || byte === 0x04) return finish(new PromptAborted()); // Ctrl-C, Ctrl-D
        if (byte === 0x0d || byte === 0x0a) return finish();
        if (byte === 0x7f || byte === 0x08) {
          if (length > 0) buffer[--length] = 0;
        } else if (length < buffer.length) {
          // Non-ASCII bytes are kept so that the format check can name them (full-width input).
          buffer[length++] = byte;
        }
      }
      chunk.fill(0);
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

/** The first line of standard input (for --pin-stdin), at most 64 bytes; the buffers are wiped. */
export async function readPasswordLine(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const buffer = Buffer.alloc(65);
  let length = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      const newline = bytes.findIndex((b) => b === 0x0a || b === 0x0d);
      const take = bytes.subarray(0, newline === -1 ? bytes.length : newline);
      const room = buffer.length - length;
      take.copy(buffer, length, 0, Math.min(room, take.length));
      length += Math.min(room, take.length);
      bytes.fill(0);
      if (newline !== -1 || length >= buffer.length) break;
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    buffer.fill(0);
  }
}
