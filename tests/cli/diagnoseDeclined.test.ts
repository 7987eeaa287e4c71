import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import { eventAnswerFacts } from '../../src-main/contract/diagnosis';
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

const CARD: Facts = {
  ...FACTS,
  pcscService: 'ok',
  readerCount: 1,
  cardPresent: true,
  jpkiApplet: true,
  signCert: 'present',
  signPinTriesLeft: 5,
  authPinTriesLeft: 3,
  authCertNotBefore: '2024-05-01T10:00:00+09:00',
  authCertNotAfter: '2029-05-20T23:59:59+09:00',
};

describe('jpki-doctor diagnose --declined', () => {
  it.each([
    ['no card check', FACTS],
    ['after a card check', CARD],
  ])('replays "I don\'t know" answers exactly as the wizard does (%s)', (_n, facts) => {
    const wizardDeclined: string[] = [];
    const cliDeclined: string[] = [];
    const file = factsFile(facts);
    // Decline the questions one after another, as a person pressing わからない would. The wizard
    // sends every fact of the question (the bridge takes fact names); the CLI may give the question's id.
    for (let round = 0; round < 3; round++) {
      const wizard = core.diagnose({ facts, lang: 'ja', declined: wizardDeclined });
      const args = ['diagnose', '--facts', file, '--json', '--lang', 'both', ...(cliDeclined.length ? ['--declined', cliDeclined.join(',')] : [])];
      const r = cli(args);
      expect(r.code, r.err).toBe(0);
      const json = JSON.parse(r.out);
      expect(json.nextQuestion?.id ?? null).toBe(wizard.nextQuestion?.id ?? null);
      expect(json.diagnoses.map((d: { id: string }) => d.id)).toEqual(wizard.diagnoses.map((d) => d.id));
      if (!wizard.nextQuestion) break;
      const q = wizard.nextQuestion;
      expect(cliDeclined).not.toContain(q.id);
      wizardDeclined.push(...(q.facts ?? [q.fact]));
      cliDeclined.push(q.id!);
    }
    expect(cliDeclined[0]).toBe('lifeEvents');
    expect(cliDeclined.length).toBeGreaterThan(1);
  }, 240_000);

  it('answers the combined question through the facts an option sets, as the wizard merges them', () => {
    const asked = core.diagnose({ facts: CARD, lang: 'ja' }).nextQuestion!;
    expect(asked.id).toBe('lifeEvents');
    const moved = eventAnswerFacts(asked, 'moved', '2025-08-01')!;
    const wizard = core.diagnose({ facts: { ...CARD, ...moved }, lang: 'ja' });
    const r = cli(['diagnose', '--facts', factsFile({ ...CARD, movedAt: '2025-08-01', moveOutFiledAt: null, abroad: false }), '--json', '--lang', 'en']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.diagnoses[0].id).toBe('cert-revoked-relocation');
    expect(json.diagnoses.map((d: { id: string }) => d.id)).toEqual(wizard.diagnoses.map((d) => d.id));
    expect(json.nextQuestion?.id ?? null).toBe(wizard.nextQuestion?.id ?? null);
  }, 120_000);

  it('prints, for the combined question, the facts each answer sets (text and JSON)', () => {
    const file = factsFile(CARD);
    const text = cli(['diagnose', '--facts', file]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('質問 lifeEvents への答え方');
    expect(text.out).toContain('住所の変更(転居届・転入届など): {"abroad":false,"moveOutFiledAt":null,"movedAt":"<届け出た日 YYYY-MM-DD>"}');
    expect(text.out).toContain('わからない: --declined lifeEvents');
    const json = JSON.parse(cli(['diagnose', '--facts', file, '--json', '--lang', 'en']).out);
    expect(json.nextQuestion.id).toBe('lifeEvents');
    expect(json.nextQuestion.facts).toEqual(['abroad', 'moveOutFiledAt', 'movedAt', 'nameChangedAt']);
    expect(json.nextQuestion.dateLabel).toBe('Date reported');
    expect(json.nextQuestion.options.find((o: { value: string }) => o.value === 'none').sets).toEqual({ abroad: false, moveOutFiledAt: null, movedAt: null, nameChangedAt: null });
    expect(json.nextQuestion.options.find((o: { value: string }) => o.value === 'moved').dateFact).toBe('movedAt');
  }, 120_000);

  it('refuses an unknown name and a fact or question that is also answered, in words', () => {
    const unknown = cli(['diagnose', '--facts', factsFile(FACTS), '--declined', 'movedAt,moovedAt']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/moovedAt/);
    expect(unknown.err).toMatch(/不明な項目/);
    const both = cli(['diagnose', '--facts', factsFile({ ...FACTS, movedAt: null }), '--declined', 'movedAt', '--lang', 'en']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/"movedAt" is answered in the facts/);
    const answered = cli(['diagnose', '--facts', factsFile({ ...FACTS, movedAt: null, nameChangedAt: null, abroad: false, moveOutFiledAt: null }), '--declined', 'lifeEvents', '--lang', 'en']);
    expect(answered.code).toBe(2);
    expect(answered.err).toMatch(/"lifeEvents" is answered in the facts/);
    // Near miss: partly answered (old-style facts), the question can still be declined.
    expect(cli(['diagnose', '--facts', factsFile({ ...FACTS, movedAt: null }), '--declined', 'lifeEvents']).code).toBe(0);
  }, 120_000);
});
