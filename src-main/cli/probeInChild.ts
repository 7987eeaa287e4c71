import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CardSnapshot, ReaderInfo } from '../contract/snapshot';
import { CardFailure } from '../pcsc/errors';
import type { PcscPort } from '../pcsc/port';
import { onJsonLines } from './childLines';

/**
 * `probe` and `check` read the card in a child process. A card that goes silent
 * leaves SCardTransmit (which has no timeout) blocked in one of libuv's worker
 * threads, and Node's exit joins those threads: process.exit() never returns,
 * so only a signal could end such a process, and a signal loses the exit code
 * scripts rely on (3 = the probe found a problem). Here the child can be killed;
 * this process never loads the native binding, always ends, and always ends with
 * a diagnosis: after the deadline the answer is "the card did not answer", built
 * from what the child had already reported.
 *
 * The child costs a second Node start; it is kept small (its own bundle entry,
 * no rules or engine) and starts before this process loads anything else.
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

/**
 * The child's side: one line with the readers as soon as they are listed, then
 * one with the snapshot. One PC/SC context for both (a second one costs time).
 */
export async function runProbeChild(argv: string[]): Promise<number> {
  const options = JSON.parse(argv[0] ?? '{}') as ProbeChildOptions & { timeoutMs?: number };
  const [{ probeCard }, { pcscPort }] = await Promise.all([import('../card/probe'), import('../pcsc')]);
  // Answer first, close after: closing the session only lets go of card handles
  // (the process's PC/SC context is never closed: pcsc/sharedContext.ts).
  const closeLater: (() => void)[] = [];
  const port: PcscPort = {
    watch: pcscPort.watch,
    open: async () => {
      const session = await pcscPort.open();
      return {
        readers: () => session.readers(),
        connect: (name, timeoutMs) => session.connect(name, timeoutMs),
        close: () => void closeLater.push(() => session.close()),
      };
    },
  };
  const snapshot = await probeCard({
    port,
    ...(options.reader ? { reader: options.reader } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    onReaders: (readers) => process.stdout.write(`${JSON.stringify({ readers: { pcscService: 'ok', readers } })}\n`),
  });
  process.stdout.write(`${JSON.stringify({ snapshot })}\n`);
  for (const close of closeLater) close();
  return 0;
}

/**
 * How to start the child. From the bundle: its own small entry (out/cli/probe-child.mjs,
 * next to this chunk), which loads only the card code and skips bin/'s freshness
 * check. From TypeScript (development): the CLI entry with the hidden command.
 */
function childArgs(options: ProbeChildOptions): string[] {
  const bundled = fileURLToPath(new URL('./probe-child.mjs', import.meta.url));
  if (existsSync(bundled)) return [bundled, JSON.stringify(options)];
  return [...process.execArgv, process.argv[1]!, PROBE_CHILD_COMMAND, JSON.stringify(options)];
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
  return new Promise((resolve) => {
    const child = spawn(process.execPath, childArgs(options), { stdio: ['ignore', 'pipe', 'ignore'] });
    let last: ChildLine | undefined;
    let done = false;
    const finish = (snapshot: CardSnapshot) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      // A card that stopped answering leaves the child stuck in a native call: end it
      // now (we may exit before any timer fires). Otherwise it gets a moment to close PC/SC.
      if (snapshot.error?.code === 'timeout') child.kill('SIGKILL');
      const kill = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
      child.once('exit', () => clearTimeout(kill));
      resolve(snapshot);
    };
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      finish(timedOut(last, options.reader, `the card check did not finish within ${Math.round(deadlineMs / 1000)} s`, takenAt));
    }, deadlineMs);
    onJsonLines<ChildLine>(child.stdout, (line) => {
      last = line;
      if ('snapshot' in line) finish(line.snapshot);
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
