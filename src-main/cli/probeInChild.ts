import { spawn } from 'node:child_process';
import type { CardSnapshot, ReaderInfo } from '../contract/snapshot';
import { CardFailure } from '../pcsc/errors';

/**
 * `probe` and `check` read the card in a child process. A card that goes silent
 * leaves a PC/SC call blocked inside a native thread, and such a thread keeps a
 * Node process from ever exiting (even process.exit waits for it). Here the
 * child can be killed; this process never loads the native binding, always
 * ends, and always ends with a diagnosis: after the deadline the answer is "the
 * card did not answer", built from what the child had already reported.
 */

/** Hidden subcommand the child runs (not listed in help). */
export const PROBE_CHILD_COMMAND = '__probe-child';
/** Whole card check, reader listing included; the CLI then diagnoses and prints well within 15 s. */
export const PROBE_DEADLINE_MS = 12_000;
/** After the answer, how long the child gets to exit on its own before it is killed. */
const EXIT_GRACE_MS = 500;

export interface ProbeChildOptions {
  reader?: string;
}

type ChildLine = { readers: { pcscService: 'ok' | 'unavailable'; readers: ReaderInfo[] } } | { snapshot: CardSnapshot };

/** The child's side: one line with the readers, then one with the snapshot. */
export async function runProbeChild(argv: string[]): Promise<number> {
  const options = JSON.parse(argv[0] ?? '{}') as ProbeChildOptions & { timeoutMs?: number };
  const { listReaders } = await import('../card/readers');
  const { probeCard } = await import('../card/probe');
  process.stdout.write(`${JSON.stringify({ readers: await listReaders() })}\n`);
  const snapshot = await probeCard({
    ...(options.reader ? { reader: options.reader } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  process.stdout.write(`${JSON.stringify({ snapshot })}\n`);
  return 0;
}

function timedOut(known: ChildLine | undefined, reader: string | undefined, detail: string, takenAt: string): CardSnapshot {
  const listing = known && 'readers' in known ? known.readers : undefined;
  const failure = new CardFailure('timeout', detail);
  if (!listing) {
    // Not even the reader list came back: the smart-card service itself is stuck.
    return { takenAt, pcscService: 'unavailable', readers: [], apduCount: 0, error: failure.toCardError() };
  }
  const chosen = reader ?? listing.readers.find((r) => r.cardPresent)?.name;
  return {
    takenAt,
    pcscService: listing.pcscService,
    readers: listing.readers,
    ...(chosen ? { reader: chosen } : {}),
    apduCount: 0,
    error: failure.toCardError(),
  };
}

/** Reads the card in a child process; resolves within `deadlineMs` (plus process start-up) whatever the card does. */
export function probeInChild(options: ProbeChildOptions = {}, deadlineMs = PROBE_DEADLINE_MS): Promise<CardSnapshot> {
  const takenAt = new Date().toISOString();
  const entry = process.argv[1];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, entry!, PROBE_CHILD_COMMAND, JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let buffer = '';
    let last: ChildLine | undefined;
    let done = false;
    const finish = (snapshot: CardSnapshot) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      // Give it a moment to exit cleanly; a child stuck in a native call is killed.
      const kill = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
      child.once('exit', () => clearTimeout(kill));
      resolve(snapshot);
    };
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      finish(timedOut(last, options.reader, `the card check did not finish within ${Math.round(deadlineMs / 1000)} s`, takenAt));
    }, deadlineMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          last = JSON.parse(line) as ChildLine;
        } catch {
          continue;
        }
        if ('snapshot' in last) finish(last.snapshot);
      }
    });
    child.on('error', (error) => {
      finish({ takenAt, pcscService: 'unavailable', readers: [], apduCount: 0, error: new CardFailure('communication', `could not start the card check: ${error.message}`).toCardError() });
    });
    child.on('exit', () => {
      // Ended without a snapshot (crashed): same answer as a timeout, with what it had said.
      if (!done) finish(timedOut(last, options.reader, 'the card check stopped before it finished', takenAt));
    });
  });
}
