/**
 * Card benchmark: the full no-PIN probe against the healthy virtual card, next to
 * OpenSC's pkcs15-tool --list-certificates on the same card in the same run, and
 * the signing-password check with its test signature (VERIFY + sign + verification).
 * Run: npx tsx scripts/bench-card.ts [--probes 30] [--opensc 10] [--signs 10]
 * Uses vpcd slot 1 (port 35964) unless JPKI_BENCH_VPCD_PORT says otherwise.
 */
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import { probeCard } from '../src-main/card/probe';
import { verifySigningPin } from '../src-main/card/verifySigningPin';
import { startEmulator } from '../src-main/emulator';
import { BENCH_READER as READER, BENCH_VPCD_PORT as PORT, median, waitForCard } from './benchSupport';

const run = promisify(execFile);
const { values } = parseArgs({ options: { probes: { type: 'string' }, opensc: { type: 'string' }, signs: { type: 'string' } } });
const SIGNS = Number(values.signs ?? 10);
const PROBES = Number(values.probes ?? 30);
const OPENSC = Number(values.opensc ?? 10);

async function main(): Promise<number> {
  await waitForCard(false);
  const card = await startEmulator({ scenario: 'healthy', port: PORT });
  try {
    await waitForCard(true);
    const probeMs: number[] = [];
    let apdus = 0;
    for (let i = 0; i < PROBES; i++) {
      const t = performance.now();
      const s = await probeCard({ reader: READER });
      probeMs.push(performance.now() - t);
      if (s.error) throw new Error(`probe ${i + 1} failed: ${s.error.code} ${s.error.detail ?? ''}`);
      apdus = s.apduCount;
    }
    const openscMs: number[] = [];
    for (let i = 0; i < OPENSC; i++) {
      const t = performance.now();
      const out = await run('pkcs15-tool', ['--reader', READER, '--list-certificates'], { timeout: 30000 });
      openscMs.push(performance.now() - t);
      if (!out.stdout.includes('User Authentication Certificate')) throw new Error('pkcs15-tool did not list the certificates');
    }
    // The virtual card's test PIN; a right password resets the tries to 5, so this spends none.
    const signMs: number[] = [];
    const signPartMs: number[] = [];
    for (let i = 0; i < SIGNS; i++) {
      const t = performance.now();
      const r = await verifySigningPin({ pin: card.signPin, reader: READER });
      signMs.push(performance.now() - t);
      if (!r.ok || r.signatureTest?.outcome !== 'verified') throw new Error(`sign test ${i + 1}: ${r.signatureTest?.outcome ?? r.error?.code ?? 'failed'}`);
      signPartMs.push(r.signatureTest.durationMs);
    }
    const counters = card.counters();
    const probeMedian = median(probeMs);
    const openscMedian = median(openscMs);
    const ratio = probeMedian / openscMedian;
    console.log(`probe (full, no PIN):           median ${probeMedian.toFixed(1)} ms over ${PROBES} runs, ${apdus} APDUs each`);
    console.log(`pkcs15-tool --list-certificates: median ${openscMedian.toFixed(1)} ms over ${OPENSC} runs`);
    console.log(`ratio probe / pkcs15-tool: ${ratio.toFixed(2)} (the probe also reads token info, both counters and analyses the chain)`);
    console.log(`PIN verify + test signature + verification: median ${median(signMs).toFixed(1)} ms over ${SIGNS} runs (signature and its checks alone: ${median(signPartMs).toFixed(1)} ms)`);
    console.log(`PIN counters after all runs: sign ${counters.signTriesLeft}/5, auth ${counters.authTriesLeft}/3, PIN verifications ${counters.pinVerifications}`);
    console.log(
      JSON.stringify({
        bench: 'card',
        probes: PROBES,
        probeMedianMs: Math.round(probeMedian * 10) / 10,
        apduCount: apdus,
        openscRuns: OPENSC,
        openscMedianMs: Math.round(openscMedian * 10) / 10,
        ratio: Math.round(ratio * 100) / 100,
        pinVerifications: counters.pinVerifications,
        signTests: SIGNS,
        signTestMedianMs: Math.round(median(signMs) * 10) / 10,
        signatureAndChecksMedianMs: Math.round(median(signPartMs) * 10) / 10,
      }),
    );
    // Only the sign tests may verify a PIN, each with the right one: the tries never drop.
    return counters.pinVerifications === SIGNS && counters.signTriesLeft === 5 ? 0 : 1;
  } finally {
    await card.stop();
  }
}

// Exits explicitly: this process keeps its PC/SC context (and pcsclite's threads) for
// its whole life, so it would never end on its own and would hold the reader lock.
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench-card: ${(error as Error).message}`);
    process.exit(1);
  },
);
