import type { CardSnapshot, PinAttemptResult, ReaderInfo } from '../contract';
import type { Localized } from '../contract/localized';
import { CardFailure, STILL_WAITING_ADVICE } from '../pcsc/errors';
import type { CardAccess } from './doctorCore';

/**
 * The web server and the Electron main process read the card in their own
 * process (they stay up for hours; the CLI reads in a killable child instead).
 * Each card call gets an overall deadline here, on top of the per-command
 * timeouts of the card layer: a card that answers too slowly, or a PC/SC call
 * stuck inside the native library, ends in a "card does not answer" diagnosis
 * within CARD_DEADLINE_MS, never in a request that waits forever.
 *
 * A native call cannot be cancelled from JavaScript: it keeps its PC/SC handle
 * (and a libuv worker thread) until the card is taken out or the service gives
 * up, and the card layer then releases the handle. Until that happens every new
 * card call is answered at once with the same diagnosis and the advice to take
 * the card out, instead of starting a second call that could get stuck too, so
 * at most one worker thread is ever held and the server keeps answering.
 */
export const CARD_DEADLINE_MS = 12_000;
/** How long the reader list taken after a missed deadline may take (it names the reader in the report). */
const READER_LIST_AFTER_TIMEOUT_MS = 2_000;

const VERIFY_MAY_HAVE_COUNTED: Localized = {
  ja: 'パスワードをカードに送った後、カードが決められた時間内に応答しませんでした。1回分を使った可能性があります。続けて入力せず、カードを抜いて差し直し、「カードの確認」で残り回数を確かめてください。',
  en: 'After the password was sent, the card did not answer in time, so a try may have been used. Do not enter it again yet: take the card out, insert it again and run the card check to see the tries left.',
};

export interface CardDeadlineOptions {
  deadlineMs?: number;
  /** Told when a call outlives its deadline and when it finally returns (for the log; no request data). */
  onStuck?(operation: string, state: 'deadline-passed' | 'returned'): void;
}

type Listing = { pcscService: 'ok' | 'unavailable'; readers: ReaderInfo[] };

export function withCardDeadline(access: CardAccess, options: CardDeadlineOptions = {}): CardAccess {
  const deadlineMs = options.deadlineMs ?? CARD_DEADLINE_MS;
  const seconds = Math.max(1, Math.round(deadlineMs / 1000));
  /** A call that outlived its deadline and has not returned yet. */
  let stuck: { operation: string } | undefined;

  /** Runs `work` unless a stuck call is pending; settles by the deadline either way. */
  function bounded<T>(operation: string, work: () => Promise<T>, late: (reason: 'deadline' | 'still-waiting') => T | Promise<T>): Promise<T> {
    if (stuck) return Promise.resolve(late('still-waiting'));
    const running = work();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        const mark = { operation };
        stuck = mark;
        options.onStuck?.(operation, 'deadline-passed');
        void running
          .catch(() => undefined)
          .then(() => {
            if (stuck === mark) stuck = undefined;
            options.onStuck?.(operation, 'returned');
          });
        void Promise.resolve()
          .then(() => late('deadline'))
          .then(resolve, reject);
      }, deadlineMs);
      running.then(
        (value) => {
          if (settled) return;
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  const failure = (reason: 'deadline' | 'still-waiting', what: string) =>
    reason === 'deadline'
      ? new CardFailure('timeout', `${what} did not finish within ${seconds} s (the card or the smart-card service stopped answering)`)
      : new CardFailure('timeout', `an earlier card call in this program is still waiting for the card to answer (${stuck?.operation ?? what})`, STILL_WAITING_ADVICE);

  /** The reader list for a timed-out probe, itself bounded; a service that does not answer is "unavailable". */
  async function listingAfterTimeout(): Promise<Listing | undefined> {
    if (stuck && stuck.operation === 'listReaders') return undefined;
    let giveUp!: () => void;
    const tooLate = new Promise<undefined>((resolve) => (giveUp = () => resolve(undefined)));
    const timer = setTimeout(giveUp, READER_LIST_AFTER_TIMEOUT_MS);
    const result = await Promise.race([access.listReaders().catch(() => undefined), tooLate]);
    clearTimeout(timer);
    return result;
  }

  return {
    ...access,
    listReaders: () =>
      bounded('listReaders', () => access.listReaders(), (reason) => {
        // No answer about the readers at all: the service itself is stuck.
        throw failure(reason, 'listing the card readers');
      }),
    probeCard: (probeOptions) =>
      bounded(
        'probe',
        () => access.probeCard(probeOptions),
        async (reason): Promise<CardSnapshot> => {
          const takenAt = (probeOptions?.now ?? new Date()).toISOString();
          const error = failure(reason, 'the card check').toCardError();
          // Which reader and whether a card is in it, so the diagnosis is "the card does not answer".
          const listing = await listingAfterTimeout();
          if (!listing) return { takenAt, pcscService: 'unavailable', readers: [], apduCount: 0, error };
          const reader = probeOptions?.reader ?? listing.readers.find((r) => r.cardPresent)?.name;
          return { takenAt, pcscService: listing.pcscService, readers: listing.readers, ...(reader ? { reader } : {}), apduCount: 0, error };
        },
      ),
    verifySigningPin: (request) => {
      let sent = false;
      return bounded(
        'verifySigningPin',
        () => access.verifySigningPin({ ...request, onVerifySent: () => (sent = true) }),
        (reason): PinAttemptResult => {
          const base = failure(reason, 'the password check');
          // Before the VERIFY went out nothing was spent; after it nobody knows (never say "nothing used" then).
          if (!sent || reason === 'still-waiting') return { ok: false, sent: false, error: base.toCardError() };
          return { ok: false, sent: true, error: new CardFailure('pin-outcome-unknown', base.detail, VERIFY_MAY_HAVE_COUNTED).toCardError() };
        },
      );
    },
  };
}
