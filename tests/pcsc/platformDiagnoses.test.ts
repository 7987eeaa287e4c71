import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { probeCard } from '../../src-main/card/probe';
import { snapshotToFacts } from '../../src-main/card/snapshotToFacts';
import { diagnose, loadRules, type RuleSet } from '../../src-main/engine';
import { openPcscliteSession } from '../../src-main/pcsc/pcscliteSession';
import { parseScQc } from '../../src-main/pcsc/windowsSmartCardService';
import type { PcscPort } from '../../src-main/pcsc/port';

// From SCardEstablishContext to the advice a person reads, per platform, with
// the Windows service state taken from recorded-format `sc qc SCardSvr` output.
const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name)).toString('latin1');
const NO_SERVICE = 'SCardEstablishContext error: \x83T\x81[\x83r\x83X(0x8010001d)';
let rules: RuleSet;
beforeAll(() => {
  rules = loadRules();
});

function port(platform: NodeJS.Platform, scOutput: string): PcscPort {
  return {
    open: () =>
      openPcscliteSession({
        factory: () => {
          throw new Error(NO_SERVICE);
        },
        platformPcsc: { platform, serviceStartType: async () => parseScQc(scOutput) },
      }),
    watch: () => () => undefined,
  };
}

async function advice(platform: 'win32' | 'darwin' | 'linux', scOutput = '') {
  const snapshot = await probeCard({ port: port(platform, scOutput), now: new Date('2026-11-27T01:00:00Z') });
  const facts = { ...snapshotToFacts(snapshot), platform };
  const result = diagnose(facts, rules);
  return { facts, ids: result.diagnoses.map((d) => d.id), steps: result.diagnoses[0].steps };
}

describe('SCARD_E_NO_SERVICE, end to end', () => {
  it.each(['sc-qc-en-demand.txt', 'sc-qc-ja-demand.cp932.txt', 'sc-qc-ja-denied.cp932.txt'])(
    'Windows, %s: no reader (plug it in), not "start the service"',
    async (file) => {
      const { facts, ids } = await advice('win32', fixture(file));
      expect(facts).toMatchObject({ pcscService: 'ok', readerCount: 0 });
      expect(ids[0]).toBe('no-reader');
      expect(ids).not.toContain('pcsc-service-down');
    },
  );

  it.each(['sc-qc-en-disabled.txt', 'sc-qc-ja-disabled.cp932.txt'])('Windows, %s: the service is off', async (file) => {
    const { ids, steps } = await advice('win32', fixture(file));
    expect(ids[0]).toBe('pcsc-service-down');
    expect(steps.map((s) => s.id)).toContain('start-pcsc');
  });

  it('macOS: no step tells a Mac user to start a service', async () => {
    const { ids, steps } = await advice('darwin');
    expect(ids[0]).toBe('pcsc-service-down');
    const text = JSON.stringify(steps);
    expect(steps.map((s) => s.id)).not.toContain('start-pcsc');
    expect(text).not.toMatch(/サービスを(起動|開始)|start the smart-card service/i);
    expect(steps.map((s) => s.id)).toContain('mac-reconnect-reader');
  });

  it('Linux: start pcscd', async () => {
    const { ids, steps } = await advice('linux');
    expect(ids[0]).toBe('pcsc-service-down');
    expect(steps.map((s) => s.id)).toContain('start-pcsc');
  });
});
