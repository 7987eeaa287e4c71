/** What the card benchmarks share: the vpcd slot they use, waiting for it, and the median. */
import { listReaders } from '../src-main/card/readers';

/** vpcd slot 1 (port 35964) unless JPKI_BENCH_VPCD_PORT says otherwise; tests use slot 0. */
export const BENCH_VPCD_PORT = Number(process.env.JPKI_BENCH_VPCD_PORT ?? 35964);
export const BENCH_READER = `Virtual PCD 00 0${BENCH_VPCD_PORT - 35963}`;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Waits (up to 10 s) until the reader shows a card, or an empty slot. */
export async function waitForCard(present: boolean, reader = BENCH_READER): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = (await listReaders()).readers.find((x) => x.name === reader);
    if (r?.cardPresent === present) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${reader} never showed ${present ? 'a card' : 'an empty slot'}`);
}
