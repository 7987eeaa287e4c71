import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import { createDoctorCore } from '../../src-main/service/doctorCore';

const REPO = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO, 'bin/jpki-doctor.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'jpki-declined-'));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function factsFile(facts: Facts): string {
  const f = path.join(tmp, `facts-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify(facts));
  return f;
}

// The wizard asks the core (the same call the bridge makes) with the questions it skipped.
const core = createDoctorCore();
const FACTS: Facts = { now: '2026-11-25T12:00:00+09:00', platform: 'win32', errorCode: 'ICF4031' };

describe('jpki-doctor diagnose --declined', () => {
  it('replays "I don\'t know" answers exactly as the wizard does', () => {
    const declined: string[] = [];
    const file = factsFile(FACTS);
    // Decline the questions one after another, as a person pressing わからない would.
    for (let round = 0; round < 2; round++) {
      const wizard = core.diagnose({ facts: FACTS, lang: 'ja', declined });
      const args = ['diagnose', '--facts', file, '--json', '--lang', 'both', ...(declined.length ? ['--declined', declined.join(',')] : [])];
      const r = cli(args);
      expect(r.code, r.err).toBe(0);
      const json = JSON.parse(r.out);
      expect(json.nextQuestion?.fact ?? null).toBe(wizard.nextQuestion?.fact ?? null);
      expect(json.diagnoses.map((d: { id: string }) => d.id)).toEqual(wizard.diagnoses.map((d) => d.id));
      if (!wizard.nextQuestion) break;
      expect(declined).not.toContain(wizard.nextQuestion.fact);
      declined.push(wizard.nextQuestion.fact);
    }
    expect(declined.length).toBeGreaterThan(0);
  }, 180_000);

  it('refuses an unknown fact name and a fact that is also answered, in words', () => {
    const unknown = cli(['diagnose', '--facts', factsFile(FACTS), '--declined', 'movedAt,moovedAt']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/moovedAt/);
    expect(unknown.err).toMatch(/不明な項目/);
    const both = cli(['diagnose', '--facts', factsFile({ ...FACTS, movedAt: null }), '--declined', 'movedAt', '--lang', 'en']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/"movedAt" is answered in the facts/);
  }, 120_000);
});
