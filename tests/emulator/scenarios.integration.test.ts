import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeCard } from '../../src-main/card/probe';
import { snapshotToFacts } from '../../src-main/card/snapshotToFacts';
import type { Facts } from '../../src-main/contract/facts';
import type { CardSnapshot } from '../../src-main/contract/snapshot';
import { SCENARIO_NAMES, type ScenarioName } from '../../src-main/emulator';
import { diagnose, loadRules, type RuleSet } from '../../src-main/engine';
import { requirePcscd } from '../helpers/pcscd';
import { insertTestCard, removeAllTestCards, TEST_READER } from '../helpers/testCard';

const DAY = 24 * 3600 * 1000;
let rules: RuleSet;

beforeAll(async () => {
  await requirePcscd();
  rules = loadRules();
});
afterEach(removeAllTestCards);

interface Expectation {
  primary: string;
  check(s: CardSnapshot, f: Facts, now: Date): void;
}

const validAuth = (s: CardSnapshot) => {
  expect(s.authCert?.status).toBe('ok');
  if (s.authCert?.status === 'ok') expect(s.authCert.cert.chainsToCardCa).toBe(true);
};

const EXPECT: Record<ScenarioName, Expectation> = {
  healthy: {
    primary: 'ready-to-sign',
    check(s, f) {
      expect(s).toMatchObject({ token: 'mynumber', signPinTriesLeft: 5, authPinTriesLeft: 3, signCertPresence: { value: 'present' } });
      validAuth(s);
      expect(f).toMatchObject({ jpkiApplet: true, signCert: 'present', certMalformed: false });
    },
  },
  expired: {
    primary: 'cert-expired',
    check(s, f, now) {
      expect(s.authCert?.status === 'ok' && s.authCert.cert.daysLeft).toBeLessThan(0);
      expect(Date.parse(f.authCertNotAfter!)).toBeLessThan(now.getTime());
    },
  },
  'expires-soon': {
    primary: 'cert-expires-soon',
    check(s) {
      const days = s.authCert?.status === 'ok' ? s.authCert.cert.daysLeft : NaN;
      expect(days).toBeGreaterThanOrEqual(0);
      expect(days).toBeLessThan(45);
    },
  },
  'sign-pin-2-left': { primary: 'sign-pin-wrong', check: (s) => expect(s.signPinTriesLeft).toBe(2) },
  'sign-pin-locked': { primary: 'sign-pin-locked', check: (s) => expect(s.signPinTriesLeft).toBe(0) },
  'sign-pin-locked-6983': { primary: 'sign-pin-locked', check: (s) => expect(s.signPinTriesLeft).toBe(0) },
  'auth-pin-locked': {
    primary: 'auth-pin-locked',
    check: (s) => expect(s).toMatchObject({ signPinTriesLeft: 5, authPinTriesLeft: 0 }),
  },
  'both-locked': {
    primary: 'sign-pin-locked',
    check: (s) => expect(s).toMatchObject({ signPinTriesLeft: 0, authPinTriesLeft: 0 }),
  },
  'face-auth': {
    primary: 'no-signing-cert',
    check: (s) => expect(s.signCertPresence).toEqual({ value: 'absent', evidence: '6A82 on SELECT EF 0001' }),
  },
  'face-auth-blank': {
    primary: 'no-signing-cert',
    check: (s) => expect(s.signCertPresence).toEqual({ value: 'absent', evidence: 'EF 0001 holds only FF bytes' }),
  },
  'face-auth-empty': {
    primary: 'no-signing-cert',
    check: (s) => expect(s.signCertPresence?.evidence).toMatch(/^EF 0001 is empty/),
  },
  'face-auth-zeros': {
    primary: 'no-signing-cert',
    check: (s) => expect(s.signCertPresence).toEqual({ value: 'absent', evidence: 'EF 0001 holds only 00 bytes' }),
  },
  'face-auth-no-pin': {
    primary: 'no-signing-cert',
    check(s) {
      expect(s.signCertPresence?.evidence).toMatch(/^6A82 on SELECT EF 001B/);
      expect(s.signPinTriesLeft).toBeUndefined();
      expect(s.authPinTriesLeft).toBe(3);
    },
  },
  'face-auth-verify-6984': {
    primary: 'no-signing-cert',
    check(s, f) {
      // The odd counter answer is kept as evidence; everything else is still read.
      expect(s.signCertPresence?.value).toBe('absent');
      expect(s.signCertPresence?.evidence).toContain('6A82 on SELECT EF 0001');
      expect(s.signCertPresence?.evidence).toContain('6984 on VERIFY (no data) for EF 001B');
      expect(s.signPinTriesLeft).toBeUndefined();
      expect(s.authPinTriesLeft).toBe(3);
      validAuth(s);
      expect(s.authCaCert?.status).toBe('ok');
      expect(f.signCert).toBe('absent');
    },
  },
  'juki-card': { primary: 'juki-card', check: (s) => expect(s).toMatchObject({ token: 'juki', tokenLabel: 'JPKIAPICCTOKEN' }) },
  'not-jpki': {
    primary: 'not-jpki-card',
    check(s, f) {
      expect(s.jpkiApplet).toBe(false);
      expect(s.apduCount).toBe(1);
      expect(f).toMatchObject({ cardPresent: true, cardReadable: true, jpkiApplet: false });
    },
  },
  'renewed-today': {
    // The card alone shows certificates issued hours ago: enough for the renewal wait.
    primary: 'wait-after-renewal',
    check(_s, f, now) {
      const age = now.getTime() - Date.parse(f.authCertNotBefore!);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(DAY);
    },
  },
  'malformed-cert': {
    primary: 'cert-malformed',
    check(s, f) {
      expect(s.authCert?.status).toBe('malformed');
      expect(f.certMalformed).toBe(true);
    },
  },
  // Without the password these look healthy: only the test signature tells them apart.
  'sign-key-mismatch': {
    primary: 'ready-to-sign',
    check: (s) => expect(s).toMatchObject({ signPinTriesLeft: 5, signCertPresence: { value: 'present' } }),
  },
  'sign-refused': {
    primary: 'ready-to-sign',
    check: (s) => expect(s).toMatchObject({ signPinTriesLeft: 5, signCertPresence: { value: 'present' } }),
  },
};

describe('probe through pcscd + vpcd, every scenario', () => {
  it('covers every scenario the emulator knows', () => {
    expect(Object.keys(EXPECT).sort()).toEqual([...SCENARIO_NAMES].sort());
  });

  it.each(SCENARIO_NAMES)('%s', async (name) => {
    const now = new Date();
    const card = await insertTestCard(name, { now });
    const before = card.counters();
    const snapshot = await probeCard({ reader: TEST_READER, now });
    expect(snapshot.error).toBeUndefined();
    expect(snapshot).toMatchObject({ pcscService: 'ok', reader: TEST_READER, jpkiApplet: name !== 'not-jpki' });
    if (name !== 'not-jpki') expect(snapshot.atr).toBe('3BE000FF8131FE4514');
    const facts = snapshotToFacts(snapshot);
    EXPECT[name].check(snapshot, facts, now);

    // A probe never spends a try and never sends a PIN.
    const after = card.counters();
    expect(after.signTriesLeft).toBe(before.signTriesLeft);
    expect(after.authTriesLeft).toBe(before.authTriesLeft);
    expect(after.pinVerifications).toBe(0);
    expect(snapshot.apduCount).toBeGreaterThan(0);
    expect(after.apdus - before.apdus).toBeGreaterThanOrEqual(snapshot.apduCount);

    const result = diagnose({ platform: 'linux', ...facts }, rules);
    expect(result.diagnoses[0]?.id).toBe(EXPECT[name].primary);
  });

  it('renewed-today with the person confirming the renewal: wait 24 hours', async () => {
    const now = new Date();
    await insertTestCard('renewed-today', { now });
    const facts = snapshotToFacts(await probeCard({ reader: TEST_READER, now }));
    const result = diagnose({ platform: 'linux', ...facts, certRenewedAt: facts.authCertNotBefore! }, rules);
    expect(result.diagnoses[0]?.id).toBe('wait-after-renewal');
  });
});
