import { describe, expect, it } from 'vitest';
import { createDoctorCore, type CardAccess } from '../../src-main/service/doctorCore';
import { snapshotToFacts } from '../../src-main/card/snapshotToFacts';
import type { CardSnapshot, PinAttemptResult } from '../../src-main/contract';

// The deadline logic against a card layer whose calls hang the way a stuck native
// PC/SC call does (never settling until released). The real stack with a silent
// virtual card is in cardDeadline.integration.test.ts.
// Long enough that "at once" (< DEADLINE) and "at the deadline" stay apart on a loaded machine.
const DEADLINE = 1000;
const READERS = { pcscService: 'ok' as const, readers: [{ name: 'Test Reader 0', cardPresent: true }] };

function hangingCard() {
  const calls = { probe: 0, verify: 0, list: 0 };
  let release: (() => void) | undefined;
  let hangVerifyAfterSend = false;
  let hangList = false;
  const hang = <T>(value: T) => new Promise<T>((resolve) => (release = () => resolve(value)));
  const healthy: CardSnapshot = { takenAt: '2026-11-27T00:00:00Z', pcscService: 'ok', readers: READERS.readers, reader: 'Test Reader 0', apduCount: 12, signPinTriesLeft: 5 };
  const access: CardAccess = {
    listReaders: async () => {
      calls.list++;
      return hangList ? hang(READERS) : READERS;
    },
    probeCard: () => {
      calls.probe++;
      return hang(healthy);
    },
    snapshotToFacts,
    verifySigningPin: (options) => {
      calls.verify++;
      if (hangVerifyAfterSend) options.onVerifySent?.();
      return hang<PinAttemptResult>({ ok: true, sent: true, triesLeft: 5 });
    },
    watchReaders: () => () => undefined,
  };
  return {
    access,
    calls,
    release: () => release?.(),
    set verifyHangsAfterSend(v: boolean) {
      hangVerifyAfterSend = v;
    },
    set listHangs(v: boolean) {
      hangList = v;
    },
  };
}

const core = (access: CardAccess) => createDoctorCore({ cardAccess: access, cardDeadlineMs: DEADLINE, now: () => new Date('2026-11-27T03:00:00Z') });
const timed = async <T>(work: Promise<T>) => {
  const t0 = Date.now();
  const value = await work;
  return { value, ms: Date.now() - t0 };
};

describe('card calls from the web server and Electron end by their deadline', () => {
  it('a probe that hangs ends at the deadline as "the card does not answer", with the reader it was in', async () => {
    const card = hangingCard();
    const doctor = core(card.access);
    const { value, ms } = await timed(doctor.probe({}));
    expect(ms).toBeGreaterThanOrEqual(DEADLINE - 20);
    expect(ms).toBeLessThan(DEADLINE + 2500);
    expect(value.snapshot.error).toMatchObject({ code: 'timeout', detail: expect.stringMatching(/did not finish within 1 s/) });
    expect(value.snapshot.reader).toBe('Test Reader 0');
    expect(value.facts).toMatchObject({ pcscService: 'ok', cardPresent: true, cardReadable: false });
    const diagnosis = doctor.diagnose({ facts: value.facts });
    expect(diagnosis.diagnoses[0]?.id).toBeTruthy();
    expect(diagnosis.diagnoses.map((d) => d.id)).not.toContain('ready-to-sign');
  });

  it('while the stuck call has not returned, the next card call answers at once without touching the card', async () => {
    const card = hangingCard();
    const doctor = core(card.access);
    await doctor.probe({});
    expect(card.calls.probe).toBe(1);
    const again = await timed(doctor.probe({}));
    expect(again.ms).toBeLessThan(DEADLINE);
    expect(again.value.snapshot.error).toMatchObject({ code: 'timeout', detail: expect.stringMatching(/earlier card call .* still waiting .*\(probe\)/) });
    expect(again.value.snapshot.error?.message.en).toMatch(/Take the card out/);
    const pin = await timed(doctor.verifySigningPin({ pin: 'ABC123', expectedTriesLeft: 5 }));
    expect(pin.ms).toBeLessThan(DEADLINE);
    expect(pin.value).toMatchObject({ ok: false, sent: false, error: { code: 'timeout' } });
    expect(card.calls).toMatchObject({ probe: 1, verify: 0 });
    // The stuck call returns (card taken out): calls reach the card again.
    card.release();
    await new Promise((r) => setTimeout(r, 10));
    await doctor.probe({}).then(() => undefined);
    expect(card.calls.probe).toBe(2);
  });

  it('a password check that hangs before the VERIFY: nothing sent, so no try can have been used', async () => {
    const card = hangingCard();
    const { value, ms } = await timed(core(card.access).verifySigningPin({ pin: 'ABC123', expectedTriesLeft: 5 }));
    expect(ms).toBeLessThan(DEADLINE + 2500);
    expect(value).toEqual({ ok: false, sent: false, error: expect.objectContaining({ code: 'timeout' }) });
  });

  it('a password check that hangs after the VERIFY went out: "a try may have been used", never "nothing sent"', async () => {
    const card = hangingCard();
    card.verifyHangsAfterSend = true;
    const { value } = await timed(core(card.access).verifySigningPin({ pin: 'ABC123', expectedTriesLeft: 5 }));
    expect(value).toMatchObject({ ok: false, sent: true, error: { code: 'pin-outcome-unknown' } });
    expect(value.error?.message.ja).toMatch(/1回分を使った可能性があります/);
    expect(value.error?.message.en).toMatch(/a try may have been used/);
  });

  it('a reader listing that hangs fails with a named timeout, not a request that never ends', async () => {
    const card = hangingCard();
    card.listHangs = true;
    const started = Date.now();
    await expect(core(card.access).listReaders()).rejects.toMatchObject({ name: 'CardFailure', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(DEADLINE + 2500);
  });

  it('calls that finish in time pass through unchanged, failures included', async () => {
    const snapshot: CardSnapshot = { takenAt: '2026-11-27T00:00:00Z', pcscService: 'ok', readers: [], apduCount: 0 };
    const access: CardAccess = {
      listReaders: async () => {
        throw new Error('service gone');
      },
      probeCard: async () => snapshot,
      snapshotToFacts,
      verifySigningPin: async () => ({ ok: false, sent: true, triesLeft: 4 }),
      watchReaders: () => () => undefined,
    };
    const doctor = core(access);
    expect((await doctor.probe({})).snapshot).toBe(snapshot);
    expect(await doctor.verifySigningPin({ pin: 'ABC123', expectedTriesLeft: 4 })).toEqual({ ok: false, sent: true, triesLeft: 4 });
    await expect(doctor.listReaders()).rejects.toThrow('service gone');
  });
});
