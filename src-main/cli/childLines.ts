import type { Readable } from 'node:stream';

/** Each complete line a child process prints as JSON, parsed; lines that are not JSON are skipped. */
export function onJsonLines<T>(stream: Readable, listener: (line: T) => void): void {
  let buffer = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let parsed: T;
      try {
        parsed = JSON.parse(line) as T;
      } catch {
        continue;
      }
      listener(parsed);
    }
  });
}
