// `npm run soak [-- --cycles N --seed S --port P --log]`: hundreds of probe cycles on the
// virtual card with random removal/reinsertion and injected faults (silent card,
// garbage, odd status words), then the figures: cycles, faults, errors by kind,
// file descriptors (PC/SC handles) left open, RSS growth, both PIN counters
// before and after. Needs pcscd + vpcd; run it under the reader lock:
//   flock /tmp/jpki-vpcd.lock npm run soak
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { probeCard } from '../src-main/card/probe';
import { watchReaders } from '../src-main/card/readers';
import type { CardCounters } from '../src-main/emulator';
import { seededRandom } from './seededRandom';
import type { SoakCardRequest, SoakFault } from './soakCard';

const { values } = parseArgs({ options: { cycles: { type: 'string' }, seed: { type: 'string' }, port: { type: 'string' }, log: { type: 'boolean', default: false } } });
const CYCLES = Number(values.cycles ?? 500);
const PORT = Number(values.port ?? 35964);
const READER = `Virtual PCD 00 0${PORT - 35963}`;
const SEED = Number(values.seed ?? 20261127) >>> 0;
const random = seededRandom(SEED);

type Fault = SoakFault;

// The card runs in its own process (scripts/soakCard.ts says why), driven by messages.
const cardProcess = fork(new URL('./soakCard.ts', import.meta.url), [String(PORT), String(SEED ^ 0x5eed)], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let nextId = 1;
const cardReady = new Promise<void>((resolve, reject) => {
  cardProcess.on('message', (message: { id: number; value?: unknown; error?: string }) => {
    if (message.id === 0) return resolve();
    const w = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) w?.reject(new Error(message.error));
    else w?.resolve(message.value);
  });
  cardProcess.once('exit', (code) => reject(new Error(`the virtual card process ended (${code})`)));
});
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
function toCard<T = null>(request: WithoutId<SoakCardRequest>): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    cardProcess.send({ ...request, id });
  });
}
const link = { connect: () => toCard({ type: 'connect' }), disconnect: () => toCard({ type: 'disconnect' }) };
const card = { counters: () => toCard<CardCounters>({ type: 'counters' }) };
await cardReady;
// The heartbeat the card's watchdog listens for, and our own view of event-loop stalls.
let lastTick = Date.now();
const stalls: number[] = [];
setInterval(() => {
  const now = Date.now();
  if (now - lastTick > 3_000) stalls.push(now - lastTick);
  lastTick = now;
  cardProcess.send({ type: 'beat', id: -1 });
}, 250).unref();

const openFds = () => readdirSync('/proc/self/fd').length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The harness follows the card through one long-lived watcher (one PC/SC context for the
// whole run), so the PC/SC contexts opened and closed are the probes' own, not a poll's.
let cardIn: boolean | undefined;
watchReaders((event) => {
  if ('reader' in event && event.reader !== READER) return;
  if (event.type === 'card-inserted') cardIn = true;
  if (event.type === 'reader-attached' || event.type === 'card-removed' || event.type === 'reader-detached') cardIn = false;
});
async function waitForCard(present: boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (cardIn === present) return;
    await sleep(25);
  }
  throw new Error(`reader ${READER} did not show ${present ? 'a card' : 'no card'}`);
}
async function reinsert(): Promise<void> {
  await link.disconnect();
  await waitForCard(false);
  await link.connect();
  await waitForCard(true);
}

await link.connect();
await waitForCard(true);
const countersBefore = await card.counters();
const errors = new Map<string, number>();
const faults = new Map<Fault, number>();
let crashes = 0;
let slowest = 0;
const started = Date.now();
// Warm-up cycles settle caches and lazy imports before the baseline is taken.
for (let i = 0; i < 5; i++) await probeCard({ reader: READER, timeoutMs: 800 });
global.gc?.();
const fdsBefore = openFds();
const rssBefore = process.memoryUsage().rss;

for (let cycle = 1; cycle <= CYCLES; cycle++) {
  const roll = random();
  const fault: Fault = roll < 0.65 ? 'none' : roll < 0.75 ? 'removed' : roll < 0.83 ? 'garbage' : roll < 0.93 ? 'odd-sw' : 'silent';
  await toCard({ type: 'fault', fault, afterApdus: Math.floor(random() * 12) });
  faults.set(fault, (faults.get(fault) ?? 0) + 1);
  if (fault === 'removed') {
    await link.disconnect(); // taken out: this probe finds no card
    await waitForCard(false);
  }
  const t0 = Date.now();
  try {
    const snapshot = await probeCard({ reader: READER, timeoutMs: 800 });
    const kind = snapshot.error?.code ?? 'none';
    errors.set(kind, (errors.get(kind) ?? 0) + 1);
    // --log: one line a cycle, to see which fault led to which answer.
    if (values.log) console.log(`cycle ${cycle} ${fault} → ${kind}${snapshot.error?.detail ? ` (${snapshot.error.detail})` : ''} ${Date.now() - t0} ms`);
  } catch (error) {
    crashes++; // probeCard promises never to throw
    console.error(`cycle ${cycle}: escaped throw: ${(error as Error).stack}`);
  }
  slowest = Math.max(slowest, Date.now() - t0);
  const hadFault = fault;
  await toCard({ type: 'fault', fault: 'none', afterApdus: 0 });
  // A silent card only lets go of its pending command when it is taken out.
  if (hadFault === 'removed' || hadFault === 'silent' || random() < 0.05) await reinsert();
  if (cycle % 50 === 0) console.log(`… ${cycle} cycles, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(1)} MB, fds ${openFds()}`);
}

await sleep(4000); // let late releases land (handles kept by a timed-out transmit are reset once it returns)
global.gc?.();
const fdsAfter = openFds();
const rssAfter = process.memoryUsage().rss;
const final = await probeCard({ reader: READER, timeoutMs: 2000 });
const countersAfter = await card.counters();
const freezes = await toCard<number[]>({ type: 'freezes' });
await link.disconnect();
cardProcess.disconnect();
cardProcess.kill();

const mb = (n: number) => (n / 2 ** 20).toFixed(1);
const list = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
const countersSame = countersBefore.signTriesLeft === countersAfter.signTriesLeft && countersBefore.authTriesLeft === countersAfter.authTriesLeft && countersAfter.pinVerifications === 0;
console.log(`
jpki-doctor soak: ${CYCLES} cycles in ${((Date.now() - started) / 1000).toFixed(0)} s (slowest probe ${slowest} ms)
  faults injected: ${list(faults as Map<string, number>)}
  errors by kind:  ${list(errors)}
  crashes (escaped throws): ${crashes}
  main thread blocked > 3 s: ${stalls.length}${stalls.length ? ` (longest ${(Math.max(...stalls) / 1000).toFixed(1)} s)` : ''}; freezes the card watchdog ended by moving the card: ${freezes.length}
  open file descriptors (PC/SC handles): ${fdsBefore} before, ${fdsAfter} after (${fdsAfter - fdsBefore >= 0 ? '+' : ''}${fdsAfter - fdsBefore})
  RSS: ${mb(rssBefore)} MB → ${mb(rssAfter)} MB (${rssAfter >= rssBefore ? '+' : ''}${mb(rssAfter - rssBefore)} MB)
  PIN counters: signing ${countersBefore.signTriesLeft} → ${countersAfter.signTriesLeft}, 4-digit ${countersBefore.authTriesLeft} → ${countersAfter.authTriesLeft}, PIN verifications ${countersAfter.pinVerifications}
  card readable after the soak: ${final.error ? `no (${final.error.code})` : 'yes'}`);
const ok = crashes === 0 && freezes.length === 0 && stalls.length === 0 && fdsAfter <= fdsBefore && rssAfter - rssBefore < 20 * 2 ** 20 && countersSame && !final.error;
console.log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);
