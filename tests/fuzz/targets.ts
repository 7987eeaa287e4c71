import fc from 'fast-check';
import { analyzeCertificate, parseDerLength, MAX_DER_TOTAL_LENGTH } from '../../src-main/cert';
import { parseResponse } from '../../src-main/jpki/apdu';
import { swMeaning, triesFromSw } from '../../src-main/jpki/statusWords';
import { parseTokenInfo } from '../../src-main/jpki/token';
import { JpkiCardSession } from '../../src-main/jpki/cardSession';
import { EF } from '../../src-main/jpki/constants';
import { CardFailure } from '../../src-main/pcsc/errors';
import type { CardChannel } from '../../src-main/pcsc/port';
import { parseFacts } from '../../src-main/engine/parseFacts';
import { ConditionError, parseCondition } from '../../src-main/engine/condition';
import { evaluate } from '../../src-main/engine/evaluate';
import { FACT_NAMES } from '../../src-main/contract/facts';
import { createJpkiCertificates } from '../../src-main/emulator/certFactory';

/**
 * Property-based fuzz targets, shared by `npm run fuzz` (≥10 000 cases each)
 * and tests/fuzz (a small seed-stable share in `npm test`). Each property says:
 * the code answers with a value of its declared type, or fails with its own
 * typed error; nothing else escapes, and every case ends.
 */

export interface FuzzTarget {
  name: string;
  /** Builds the property; async set-up (real-shaped certificates) happens once. */
  property(): Promise<fc.IPropertyWithHooks<unknown[]> | fc.IAsyncPropertyWithHooks<unknown[]>>;
}

const SW_MEANINGS = new Set(['ok', 'more-data', 'wrong-le', 'end-of-file', 'tries-left', 'security-not-satisfied', 'blocked', 'file-not-found', 'wrong-length', 'offset-out-of-range', 'wrong-p1p2', 'ins-not-supported', 'cla-not-supported', 'other']);
const bytes = (max = 600) => fc.uint8Array({ maxLength: max });

/** Status words weighted towards the ones a card really sends. */
const statusWord = fc.oneof(
  fc.constantFrom(0x9000, 0x6282, 0x6982, 0x6983, 0x6a82, 0x6700, 0x6b00, 0x6a86, 0x6d00, 0x6e00, 0x6984, 0x6a88),
  fc.integer({ min: 0x63c0, max: 0x63cf }),
  fc.integer({ min: 0x6100, max: 0x61ff }),
  fc.integer({ min: 0x6c00, max: 0x6cff }),
  fc.integer({ min: 0, max: 0xffff }),
);

/** One card answer: random bytes, data + a plausible status word, or a transport failure. */
const cardAnswer = fc.oneof(
  bytes(300).map((b) => ({ bytes: b })),
  fc.tuple(bytes(300), statusWord).map(([d, sw]) => ({ bytes: Uint8Array.of(...d, sw >> 8, sw & 0xff) })),
  fc.constantFrom('timeout', 'card-removed', 'communication').map((code) => ({ fail: code as 'timeout' })),
);

function scriptedChannel(answers: ({ bytes: Uint8Array } | { fail: 'timeout' })[]): CardChannel & { sent: number } {
  let i = 0;
  return {
    reader: 'Fuzz Reader',
    atr: new Uint8Array(),
    sent: 0,
    async transmit() {
      this.sent++;
      const a = answers[i++ % answers.length]!;
      if ('fail' in a) throw new CardFailure(a.fail, 'fuzz');
      return a.bytes.slice();
    },
    async disconnect() {},
  };
}

const now = new Date('2026-11-25T12:00:00Z');

/** Corrupts a real-shaped DER certificate: flipped bytes, cuts, splices, insertions. */
function mutated(der: Uint8Array) {
  return fc
    .array(
      fc.oneof(
        fc.record({ op: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
        fc.record({ op: fc.constant('insert' as const), at: fc.nat(), data: bytes(8) }),
        fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 16 }) }),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((ops) => {
      let b = der.slice();
      for (const o of ops) {
        const at = b.length ? o.at % b.length : 0;
        if (o.op === 'flip') b[at] = o.value;
        else if (o.op === 'cut') b = b.slice(0, at);
        else if (o.op === 'insert') b = Uint8Array.of(...b.slice(0, at), ...o.data, ...b.slice(at));
        else b = Uint8Array.of(...b.slice(0, at), ...b.slice(at + o.n));
      }
      return b;
    });
}

/** Anything JSON-like, plus values shaped like facts (right names, wrong or edge values). */
const factValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('2026-02-30', '2026-02-28', '1', '99999', 'hello 2020', '2026-01-05T10:00:00+09:00', '', 'ICF4031', 'ｉｃｆ４０３１', null, true, false, 0, 5, -1, 3.5),
  fc.string({ maxLength: 80 }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const factsLike = fc.oneof(
  fc.dictionary(fc.constantFrom(...FACT_NAMES), factValue, { maxKeys: 12 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.string({ maxLength: 12 }), factValue, { maxKeys: 4 }),
);

/** Condition-shaped YAML: real operators and facts with random arguments, nested. */
const conditionLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small' },
    fc.record({ fact: fc.oneof(fc.constantFrom(...FACT_NAMES), fc.string({ maxLength: 10 })), op: fc.constantFrom('eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'known', 'unknown', 'before', 'after', 'hoursSince', 'daysSince', 'daysUntil', 'bogus'), arg: fc.oneof(factValue, fc.array(factValue, { maxLength: 3 }), fc.constant('now'), fc.record({ fact: fc.constantFrom(...FACT_NAMES) }), fc.dictionary(fc.constantFrom('lt', 'lte', 'gt', 'gte', 'x'), fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 3 })), { maxKeys: 3 })) }).map(({ fact, op, arg }) => ({ fact, [op]: arg })),
    fc.record({ all: fc.array(tie('cond'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('cond'), { maxLength: 3 }) }),
    fc.record({ not: tie('cond') }),
    fc.record({ diagnosis: fc.string({ maxLength: 10 }) }),
    fc.record({ noDiagnosisWithSeverity: fc.oneof(fc.constantFrom('blocker', 'warning', 'info', 'x'), fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 })) }),
    fc.jsonValue({ maxDepth: 2 }),
  ),
})).cond;

export const TARGETS: FuzzTarget[] = [
  {
    name: 'APDU response + status words',
    property: async () =>
      fc.property(bytes(300), (b) => {
        let r;
        try {
          r = parseResponse(b);
        } catch (e) {
          if (e instanceof RangeError && b.length < 2) return true;
          throw e;
        }
        if (r.sw < 0 || r.sw > 0xffff || r.data.length !== b.length - 2) return false;
        const t = triesFromSw(r.sw);
        return SW_MEANINGS.has(swMeaning(r.sw)) && (t === null || (t >= 0 && t <= 15));
      }),
  },
  {
    name: 'DER length reading',
    property: async () =>
      fc.property(bytes(12), (b) => {
        const r = parseDerLength(b);
        if ('error' in r) return ['need-more-bytes', 'indefinite-length', 'too-large', 'not-der'].includes(r.error) && typeof r.detail === 'string';
        return r.headerLength >= 2 && r.headerLength <= b.length && r.totalLength >= r.headerLength && r.totalLength <= MAX_DER_TOTAL_LENGTH;
      }),
  },
  {
    name: 'token info',
    property: async () =>
      fc.property(bytes(64), (b) => {
        const t = parseTokenInfo(b);
        return ['mynumber', 'juki', 'other'].includes(t.kind) && /^[\x20-\x7e]*$/.test(t.label) && t.label.length <= b.length;
      }),
  },
  {
    name: 'card session over hostile answers',
    property: async () =>
      fc.asyncProperty(fc.array(cardAnswer, { minLength: 1, maxLength: 40 }), fc.constantFrom(EF.tokenInfo, EF.signPin, EF.authPin, EF.authCert, EF.signCaCert), async (answers, ef) => {
        const channel = scriptedChannel(answers);
        const card = new JpkiCardSession(channel, 50);
        try {
          if (ef === EF.tokenInfo) await card.readTokenInfo();
          else if (ef === EF.signPin || ef === EF.authPin) await card.readPinCounter(ef);
          else await card.readCertificateFile(ef);
        } catch (e) {
          if (!(e instanceof CardFailure)) throw e;
        }
        // Bounded: a card that keeps asking for more cannot keep us talking.
        return channel.sent <= 2000;
      }),
  },
  {
    name: 'certificate analysis (random and mutated real-shaped)',
    property: async () => {
      const set = await createJpkiCertificates({ now, seed: 'fuzz' });
      const real = [set.auth, set.sign, set.signCa, set.authCa].filter((x): x is Uint8Array => x instanceof Uint8Array);
      const input = fc.oneof(bytes(2000), fc.constantFrom(...real).chain((der) => mutated(der)));
      return fc.asyncProperty(input, async (der) => {
        const slot = await analyzeCertificate(der, { now, issuerDer: set.signCa });
        // A mutation can leave a valid certificate: then it is analysed, never half-read.
        if (slot.status === 'ok') return typeof slot.cert.notAfter === 'string';
        if (slot.status === 'malformed') return slot.message.ja.length > 0 && slot.message.en.length > 0;
        return slot.status === 'absent' || slot.status === 'not-read';
      });
    },
  },
  {
    name: 'facts parser',
    property: async () =>
      fc.property(factsLike, (input) => {
        const r = parseFacts(input);
        if (r.ok) return typeof r.facts === 'object';
        return typeof r.field === 'string' && r.localized.ja.length > 0 && r.localized.en.length > 0;
      }),
  },
  {
    name: 'rule conditions (parse + evaluate)',
    property: async () =>
      fc.property(conditionLike, factsLike, (raw, factsRaw) => {
        let c;
        try {
          c = parseCondition(raw, 'when');
        } catch (e) {
          if (e instanceof ConditionError) return true;
          throw e;
        }
        const parsed = parseFacts(factsRaw);
        const facts = parsed.ok ? parsed.facts : {};
        const v = evaluate(c, { facts, nowMs: Date.UTC(2026, 0, 10), diagnosis: () => undefined, noneFiredWithSeverity: () => true });
        return v === true || v === false || v === undefined;
      }),
  },
];

export interface FuzzRun {
  name: string;
  runs: number;
  failed: boolean;
  ms: number;
  message?: string;
}

/** Runs every target; the seed makes a failure replayable (`--seed`). */
export async function runTargets(numRuns: number, seed: number): Promise<FuzzRun[]> {
  const out: FuzzRun[] = [];
  for (const t of TARGETS) {
    const started = Date.now();
    const property = await t.property();
    // A case that takes this long counts as a hang, which is a failure.
    const details = await fc.check(property as fc.IAsyncPropertyWithHooks<unknown[]>, { numRuns, seed, timeout: 5_000, markInterruptAsFailure: true });
    out.push({
      name: t.name,
      runs: details.numRuns,
      failed: details.failed,
      ms: Date.now() - started,
      ...(details.failed ? { message: fc.defaultReportMessage(details) ?? 'failed' } : {}),
    });
  }
  return out;
}
