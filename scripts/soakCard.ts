// The virtual card of `npm run soak`, in its own process (scripts/soak.ts forks it).
// It must not share the soak's thread: a native call that blocks the soak's main
// thread may be waiting for pcscd, which may itself be waiting for the card to
// answer; with the card on the same thread nobody answers (a deadlock seen at cycle
// ~100 of a 500-cycle soak, when every probe still closed its PC/SC context). A real
// card is never inside the app either.
//
// The watchdog stays as the soak's evidence that nothing blocks the main thread:
// when the soak's heartbeat stops for WATCHDOG_MS, it takes the card out and puts it
// back (or in and out), since a change of the reader's state is what ends a native
// wait, and counts a freeze. A pass needs zero freezes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { VirtualCard, buildScenario, linkCard } from '../src-main/emulator';
import { seededRandom } from './seededRandom';

export type SoakFault = 'none' | 'silent' | 'garbage' | 'odd-sw' | 'removed';
export type SoakCardRequest =
  | { id: number; type: 'connect' | 'disconnect' | 'counters' | 'freezes' | 'beat' }
  | { id: number; type: 'fault'; fault: SoakFault; afterApdus: number };

const port = Number(process.argv[2]);
const random = seededRandom(Number(process.argv[3] ?? 1));
const ODD_SW = [0x6f00, 0x6a88, 0x6984, 0x6986, 0x6581, 0x6100, 0x6c00, 0x9001];
let fault: SoakFault = 'none';
let faultAfter = 0;
/** APDUs the card has been sent so far. */
let served = 0;

const card = new VirtualCard(await buildScenario('healthy', new Date()));
const link = linkCard(
  card,
  (apdu, n) => {
    served = n + 1;
    if (n >= faultAfter) {
      if (fault === 'silent') return null;
      if (fault === 'garbage') return Uint8Array.of(...Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * 256)));
      if (fault === 'odd-sw') {
        const sw = ODD_SW[Math.floor(random() * ODD_SW.length)]!;
        return Uint8Array.of(sw >> 8, sw & 0xff);
      }
    }
    return card.process(apdu);
  },
  { host: '127.0.0.1', port },
);

const WATCHDOG_MS = 5_000;
let lastBeat = Date.now();
const freezes: number[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A freeze that moving our card does not end (another reader's thread): stop the soak rather than hold the reader lock forever. */
const GIVE_UP_MS = 60_000;
let lastNudge = 0;
setInterval(() => {
  const silentFor = Date.now() - lastBeat;
  if (silentFor < WATCHDOG_MS) return;
  if (silentFor > GIVE_UP_MS) {
    console.error(`soak: the soak's main thread has been blocked for ${Math.round(silentFor / 1000)} s and moving the card did not end it; stopping the soak. Freezes: ${freezes.length}`);
    // Where it is stuck, for whoever reads the log (gdb is a developer tool: only when installed).
    if (existsSync('/usr/bin/gdb')) {
      const trace = spawnSync('/usr/bin/gdb', ['-p', String(process.ppid), '-batch', '-ex', 'thread apply all bt 8'], { encoding: 'utf8', timeout: 30_000 });
      console.error(trace.stdout.split('\n').filter((l) => /^Thread |^#/.test(l)).join('\n'));
    }
    process.kill(process.ppid, 'SIGKILL');
    process.exit(3);
  }
  if (Date.now() - lastNudge < WATCHDOG_MS) return;
  if (lastNudge < lastBeat) freezes.push(silentFor); // one per episode
  lastNudge = Date.now();
  // Any change of the reader's state wakes the status thread the soak is joining.
  const wasIn = link.connected;
  void (wasIn ? link.disconnect() : link.connect())
    .then(() => sleep(300))
    .then(() => (wasIn ? link.connect() : link.disconnect()))
    .catch(() => undefined);
}, 500).unref();

process.on('message', (request: SoakCardRequest) => {
  const reply = (value: unknown = null) => process.send!({ id: request.id, value });
  const failed = (error: unknown) => process.send!({ id: request.id, error: String((error as Error)?.message ?? error) });
  switch (request.type) {
    case 'connect':
      return void link.connect().then(() => reply(), failed);
    case 'disconnect':
      return void link.disconnect().then(() => reply(), failed);
    case 'counters':
      return reply(card.counters());
    case 'beat':
      lastBeat = Date.now();
      return;
    case 'freezes':
      return reply(freezes);
    case 'fault':
      fault = request.fault;
      faultAfter = served + request.afterApdus;
      return reply();
  }
});
process.send!({ id: 0, value: 'ready' });
