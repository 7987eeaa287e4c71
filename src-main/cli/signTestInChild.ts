import { spawn } from 'node:child_process';
import type { Localized } from '../contract/localized';
import type { PinAttemptResult } from '../contract/snapshot';
import { CardFailure } from '../pcsc/errors';
import { onJsonLines } from './childLines';
import { readPasswordLine } from './passwordPrompt';

/**
 * `check --sign-test` verifies the password (and makes the test signature) in a
 * child process, for the reason probe reads the card in one (probeInChild.ts): a
 * card that goes silent leaves SCardTransmit blocked in a libuv worker, and Node's
 * exit joins that thread, so a process that ran it could never end with its exit
 * code. Here the child can be killed, and this process answers by the deadline.
 *
 * The password goes to the child through its standard input (never an argument or
 * the environment, which other programs can read), and the child reports the
 * moment the VERIFY goes out. After that a deadline means "a try may have been
 * used": nothing is ever sent again on its own (a retry could spend a second try).
 */

/** Hidden subcommand the child runs (not listed in help). */
export const SIGN_TEST_CHILD_COMMAND = '__sign-test-child';
/** From the password handed over to the answer: connect, counter read, VERIFY, certificates, test signature. */
export const SIGN_TEST_DEADLINE_MS = 12_000;
/** After the answer, how long the child gets to exit on its own before it is killed. */
const EXIT_GRACE_MS = 500;

export interface SignTestChildOptions {
  reader?: string;
  allowLowTries: boolean;
  expectedTriesLeft?: number;
  /** The card layer's per-command timeout (tests lengthen it so that the deadline is what ends a silent card). */
  apduTimeoutMs?: number;
}

type ChildLine = { verifySent: true } | { result: PinAttemptResult };

const MAY_HAVE_COUNTED: Localized = {
  ja: 'パスワードをカードに送った後、カードが決められた時間内に応答しませんでした。1回分を使った可能性があります。続けて入力せず、カードを抜いて差し直し、「カードの確認」で残り回数を確かめてください。',
  en: 'After the password was sent, the card did not answer in time, so a try may have been used. Do not enter it again yet: take the card out, insert it again and run the card check to see the tries left.',
};

/** The child's side: the password from standard input, one line when the VERIFY goes out, one with the result. */
export async function runSignTestChild(argv: string[]): Promise<number> {
  const options = JSON.parse(argv[0] ?? '{}') as SignTestChildOptions;
  const { verifySigningPin } = await import('../card/verifySigningPin');
  let pin = await readPasswordLine(process.stdin);
  try {
    const result = await verifySigningPin({
      pin,
      ...(options.reader ? { reader: options.reader } : {}),
      allowLowTries: options.allowLowTries,
      ...(options.expectedTriesLeft !== undefined ? { expectedTriesLeft: options.expectedTriesLeft } : {}),
      ...(options.apduTimeoutMs ? { timeoutMs: options.apduTimeoutMs } : {}),
      onVerifySent: () => process.stdout.write(`${JSON.stringify({ verifySent: true })}\n`),
    });
    process.stdout.write(`${JSON.stringify({ result })}\n`);
  } finally {
    pin = '';
  }
  return 0;
}

export interface SignTestRun {
  deadlineMs?: number;
  /** The CLI entry the child runs; by default the one this process runs (bin/, or the TypeScript one in development). */
  entry?: string;
}

function childArgs(options: SignTestChildOptions, entry: string | undefined): string[] {
  const cli = entry ? [entry] : [...process.execArgv, process.argv[1]!];
  return [...cli, SIGN_TEST_CHILD_COMMAND, JSON.stringify(options)];
}

/**
 * Checks the password in a child process; resolves within `deadlineMs` (plus the
 * child's start) whatever the card does. The bytes handed to the child are wiped.
 */
export function signTestInChild(pin: string, options: SignTestChildOptions, run: SignTestRun = {}): Promise<PinAttemptResult> {
  const deadlineMs = run.deadlineMs ?? SIGN_TEST_DEADLINE_MS;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, childArgs(options, run.entry), { stdio: ['pipe', 'pipe', 'ignore'] });
    // The child reads one line; our copy of the bytes is wiped once handed over, or when we stop waiting.
    const bytes = Buffer.from(`${pin}\n`, 'utf8');
    let verifySent = false;
    let done = false;
    const finish = (result: PinAttemptResult, kill: boolean) => {
      if (done) return;
      done = true;
      bytes.fill(0);
      clearTimeout(deadline);
      // A stuck child is ended now; one that answered gets a moment to exit on its own.
      if (kill) child.kill('SIGKILL');
      const guard = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
      child.once('exit', () => clearTimeout(guard));
      resolve(result);
    };
    const gaveUp = (detail: string): PinAttemptResult =>
      verifySent
        ? { ok: false, sent: true, error: new CardFailure('pin-outcome-unknown', detail, MAY_HAVE_COUNTED).toCardError() }
        : { ok: false, sent: false, error: new CardFailure('timeout', detail).toCardError() };
    const deadline = setTimeout(() => {
      finish(gaveUp(`the password check did not finish within ${Math.round(deadlineMs / 1000)} s (the card or the smart-card service stopped answering)`), true);
    }, deadlineMs);
    onJsonLines<ChildLine>(child.stdout, (line) => {
      if ('verifySent' in line) verifySent = true;
      else if ('result' in line) finish(line.result, false);
    });
    child.on('error', (error) => {
      finish({ ok: false, sent: false, error: new CardFailure('communication', `could not start the password check: ${error.message}`).toCardError() }, false);
    });
    child.on('exit', () => {
      if (!done) finish(gaveUp('the password check stopped before it finished'), false);
    });
    child.stdin.on('error', () => undefined); // a child that died early: its exit reports it
    child.stdin.end(bytes, () => bytes.fill(0));
  });
}
