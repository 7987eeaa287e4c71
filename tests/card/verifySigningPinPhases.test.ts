import { beforeAll, describe, expect, it } from 'vitest';
import { verifySigningPin } from '../../src-main/card/verifySigningPin';
import type { PinAttemptResult } from '../../src-main/contract/snapshot';
import { buildScenario, type ScenarioName } from '../../src-main/emulator/scenarios';
import { VirtualCard } from '../../src-main/emulator/virtualCard';
import { CardFailure } from '../../src-main/pcsc/errors';
import { fakePort } from '../helpers/fakePort';

const NOW = new Date('2026-11-25T03:00:00Z');
const cardFor = async (name: ScenarioName) => new VirtualCard(await buildScenario(name, NOW));
const isPinVerify = (a: Uint8Array) => a[1] === 0x20 && a.length > 4;
const isReadBinary = (a: Uint8Array) => a[1] === 0xb0;
const removed = () => new CardFailure('card-removed', 'test: card pulled');

/** The card-removed advice says no try was used: it must never travel with sent: true. */
function claimsNoTryUsed(r: PinAttemptResult): boolean {
  const m = r.error?.message;
  return !!m && (/No password try was used/i.test(m.en) || m.ja.includes('試行回数は使っていません'));
}

beforeAll(async () => {
  await buildScenario('healthy', NOW); // warms the cert factory's key cache
}, 60000);

describe('verifySigningPin: what a failure means depends on how far the VERIFY got', () => {
  it('card pulled while the signing certificate is read after a right PIN: ok, tries back at 5', async () => {
    const card = await cardFor('sign-pin-2-left');
    let verified = false;
    const when = (a: Uint8Array) => {
      if (isPinVerify(a)) verified = true;
      return verified && isReadBinary(a);
    };
    const r = await verifySigningPin({ pin: 'ABC123', allowLowTries: true, now: NOW, port: fakePort([{ name: 'R', card, failOn: { when, failure: removed() } }]) });
    expect(r).toMatchObject({ ok: true, sent: true, triesLeft: 5, error: { code: 'card-removed' } });
    expect(r.signCert).toBeUndefined();
    expect(claimsNoTryUsed(r)).toBe(false);
    expect(r.error?.message.en).toMatch(/password was right/);
    expect(card.counters()).toMatchObject({ signTriesLeft: 5, pinVerifications: 1 });
  });

  it('card pulled during the VERIFY itself (answer lost): outcome unknown, no tries guess', async () => {
    const card = await cardFor('healthy');
    const port = fakePort([{ name: 'R', card, failOn: { when: isPinVerify, failure: removed(), cardSees: true } }]);
    const r = await verifySigningPin({ pin: 'WRONG9', now: NOW, port });
    expect(r).toMatchObject({ ok: false, sent: true, error: { code: 'pin-outcome-unknown' } });
    expect(r.triesLeft).toBeUndefined();
    expect(claimsNoTryUsed(r)).toBe(false);
    expect(r.error?.detail).toContain('card-removed');
    // The card did take the try: exactly why the result must not say otherwise.
    expect(card.counters()).toMatchObject({ signTriesLeft: 4, pinVerifications: 1 });
  });

  it('a timeout on the VERIFY is also an unknown outcome', async () => {
    const card = await cardFor('healthy');
    const port = fakePort([{ name: 'R', card, failOn: { when: isPinVerify, failure: new CardFailure('timeout', 'test') } }]);
    const r = await verifySigningPin({ pin: 'WRONG9', now: NOW, port });
    expect(r).toMatchObject({ ok: false, sent: true, error: { code: 'pin-outcome-unknown' } });
    expect(r.triesLeft).toBeUndefined();
  });

  it('an answer to VERIFY that is neither 9000 nor a counter: sent, try maybe used, no guess', async () => {
    class OddCard extends VirtualCard {
      override process(command: Uint8Array): Uint8Array {
        return isPinVerify(command) ? Uint8Array.of(0x6f, 0x00) : super.process(command);
      }
    }
    const card = new OddCard(await buildScenario('healthy', NOW));
    const r = await verifySigningPin({ pin: 'ABC123', now: NOW, port: fakePort([{ name: 'R', card }]) });
    expect(r).toMatchObject({ ok: false, sent: true, error: { code: 'unexpected-sw' } });
    expect(r.error?.detail).toContain('6F00');
    expect(r.error?.message.en).toMatch(/try may have been used/);
    expect(r.triesLeft).toBeUndefined();
    expect(claimsNoTryUsed(r)).toBe(false);
  });

  it('card pulled before the VERIFY: nothing sent, and saying so is right', async () => {
    const card = await cardFor('healthy');
    // The select of EF 001B right before the VERIFY.
    let selects = 0;
    const when = (a: Uint8Array) => a[1] === 0xa4 && a[2] === 0x02 && a[6] === 0x1b && ++selects === 2;
    const r = await verifySigningPin({ pin: 'ABC123', now: NOW, port: fakePort([{ name: 'R', card, failOn: { when, failure: removed() } }]) });
    expect(r).toMatchObject({ ok: false, sent: false, triesLeft: 5, error: { code: 'card-removed' } });
    expect(claimsNoTryUsed(r)).toBe(true);
    expect(card.counters().pinVerifications).toBe(0);
  });
});

describe('verifySigningPin: tries-left agreement with what the person was shown', () => {
  it('refuses, sending nothing, when the card no longer shows the count the person saw', async () => {
    const card = await cardFor('healthy');
    const port = fakePort([{ name: 'R', card }]);
    const r = await verifySigningPin({ pin: 'ABC123', expectedTriesLeft: 3, now: NOW, port });
    expect(r).toMatchObject({ ok: false, sent: false, triesLeft: 5, error: { code: 'tries-changed' } });
    expect(r.error?.detail).toBe('shown 3, card has 5');
    expect(port.transmitted.some(isPinVerify)).toBe(false);
    expect(card.counters().pinVerifications).toBe(0);
  });

  it('goes ahead when the counts agree', async () => {
    const card = await cardFor('healthy');
    const r = await verifySigningPin({ pin: 'ABC123', expectedTriesLeft: 5, now: NOW, port: fakePort([{ name: 'R', card }]) });
    expect(r).toMatchObject({ ok: true, sent: true, triesLeft: 5 });
    expect(r.signCert?.kind).toBe('signing');
  });

  it('agreement does not replace the low-tries consent or the lock', async () => {
    const two = await cardFor('sign-pin-2-left');
    expect(await verifySigningPin({ pin: 'ABC123', expectedTriesLeft: 2, now: NOW, port: fakePort([{ name: 'R', card: two }]) })).toMatchObject({
      sent: false,
      triesLeft: 2,
      error: { code: 'pin-tries-too-low' },
    });
    const locked = await cardFor('sign-pin-locked');
    expect(await verifySigningPin({ pin: 'ABC123', expectedTriesLeft: 0, allowLowTries: true, now: NOW, port: fakePort([{ name: 'R', card: locked }]) })).toMatchObject({
      sent: false,
      triesLeft: 0,
      error: { code: 'pin-locked' },
    });
    expect(two.counters().pinVerifications + locked.counters().pinVerifications).toBe(0);
  });
});

describe('verifySigningPin on a card whose signing PIN answers no counter', () => {
  it('face-auth-verify-6984: nothing sent, a clear no-signing-password message', async () => {
    const card = await cardFor('face-auth-verify-6984');
    const port = fakePort([{ name: 'R', card }]);
    const r = await verifySigningPin({ pin: 'ABC123', now: NOW, port });
    expect(r).toMatchObject({ ok: false, sent: false });
    expect(r.triesLeft).toBeUndefined();
    expect(r.error?.detail).toContain('6984 on VERIFY (no data) for EF 001B');
    expect(r.error?.message.en).toMatch(/no usable signing password/);
    expect(r.error?.message.ja).toContain('顔認証');
    expect(port.transmitted.some(isPinVerify)).toBe(false);
    expect(card.counters().pinVerifications).toBe(0);
  });
});
