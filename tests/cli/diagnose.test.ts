import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO, 'bin/jpki-doctor.js');
const FIX = path.join(REPO, 'tests/fixtures/facts');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), input, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const fixture = (name: string) => path.join(FIX, name);
const tmp = mkdtempSync(path.join(tmpdir(), 'jpki-cli-'));
function tmpFile(name: string, content: string) {
  const f = path.join(tmp, name);
  writeFileSync(f, content);
  return f;
}

function expectOneLineError(r: ReturnType<typeof cli>, re: RegExp) {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(re);
  expect(r.err).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe('jpki-doctor diagnose', () => {
  it('prints JSON with the primary diagnosis first', () => {
    const r = cli(['diagnose', '--facts', fixture('pin-wrong-one-try.json'), '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.diagnoses[0].id).toBe('sign-pin-wrong');
    expect(json.diagnoses[0].severity).toBe('warning');
    expect(json.diagnoses[0].evidence.join('\n')).toMatch(/残り回数は5回中1回/);
    expect(json.diagnoses[0].steps.map((s: { id: string }) => s.id)).toContain('ime-off');
    // earliestSigning in words for people, earliestSigningAt (ISO 8601, +09:00) for tools.
    expect(json.diagnoses[0].earliestSigning).toBe('いますぐ');
    expect(json.diagnoses[0].earliestSigningAt).toBe('2026-01-14T10:00:00+09:00');
    expect(json.path[0]).toBe('start');
    expect(json).toHaveProperty('nextQuestion');
  });

  it('--lang en gives English strings, --lang both keeps {ja, en}', () => {
    const en = JSON.parse(cli(['diagnose', '--facts', fixture('pin-locked-kiosk.json'), '--json', '--lang', 'en']).out);
    expect(en.diagnoses[0].id).toBe('sign-pin-locked');
    expect(en.diagnoses[0].title).toBe('The signing password is locked');
    // Saturday noon, kiosk open: now (no settle hour).
    expect(en.diagnoses[0].earliestSigning).toBe('now');
    expect(en.diagnoses[0].earliestSigningAt).toBe('2026-01-17T12:00:00+09:00');
    const both = JSON.parse(cli(['diagnose', '--facts', fixture('pin-locked-kiosk.json'), '--json', '--lang', 'both']).out);
    expect(both.diagnoses[0].title).toEqual({ ja: '署名用パスワードがロックされています', en: 'The signing password is locked' });
  });

  it('prints a readable Japanese summary by default', () => {
    const r = cli(['diagnose', '--facts', fixture('moved-after-issue.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/■ \[要対応\] 住所や氏名の変更で、署名用電子証明書が失効している/);
    expect(r.out).toMatch(/署名用電子証明書/);
    expect(r.out).toMatch(/署名できる見込み: 1月20日\(火\)8時30分ごろ/);
    expect(r.out).toMatch(/出典:\n +- 電子証明書\(公的個人認証\)とは\(呉市、2026-11-27確認\) https:\/\//);
  });

  it('prints the time of day of the earliest signing when it is not now (kiosk closed at 01:50)', () => {
    const facts = { ...JSON.parse(readFileSync(fixture('pin-locked-kiosk.json'), 'utf8')), now: '2026-11-27T01:50:00+09:00' };
    const ja = cli(['diagnose', '--facts', '-'], JSON.stringify(facts));
    expect(ja.code).toBe(0);
    expect(ja.out).toMatch(/署名できる見込み: 11月27日\(金\)6時30分ごろ/);
    const en = cli(['diagnose', '--facts', '-', '--lang', 'en'], JSON.stringify(facts));
    expect(en.out).toMatch(/Earliest signing: Fri 27 Nov, around 6:30/);
  });

  it('--json carries sources and basis for every diagnosis and every step', () => {
    const json = JSON.parse(cli(['diagnose', '--facts', fixture('moved-after-issue.json'), '--json', '--lang', 'en']).out);
    const d = json.diagnoses[0];
    expect(d.id).toBe('cert-revoked-relocation');
    expect(d.basis).toBe('sources');
    expect(d.sources.length).toBeGreaterThan(0);
    for (const s of d.sources) {
      expect(Object.keys(s).sort()).toEqual(['checked', 'id', 'publisher', 'title', 'url']);
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const step of json.diagnoses.flatMap((x: { steps: unknown[] }) => x.steps)) {
      expect(['sources', 'practice']).toContain(step.basis);
      expect(step.basis === 'practice' || step.sources.length > 0, step.id).toBe(true);
    }
    // The 24 h wait after a new certificate is practitioners' experience, and says so.
    const wait = d.steps.find((s: { id: string }) => s.id === 'wait-24h');
    expect(wait.basis).toBe('practice');
    expect(wait.detail).toMatch(/in practice it works from the next day/);
    expect(d.earliestSigning).toBe('Tue 20 Jan, around 8:30');
    expect(d.earliestSigningAt).toBe('2026-01-20T08:30:00+09:00');
  });

  it('ICF4031 with all 5 tries left is not reported as a wrong password', () => {
    const facts = { ...JSON.parse(readFileSync(fixture('pin-wrong-one-try.json'), 'utf8')), signPinTriesLeft: 5 };
    const r = cli(['diagnose', '--facts', '-', '--json', '--lang', 'en'], JSON.stringify(facts));
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.out).diagnoses.map((d: { id: string }) => d.id);
    expect(ids[0]).toBe('software-setup');
    expect(ids).not.toContain('sign-pin-wrong');
  });

  it('prints English with --lang en', () => {
    const r = cli(['diagnose', '--facts', fixture('face-auth-card.json'), '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[BLOCKER\] The card has no signing certificate/);
    expect(r.out).toMatch(/face-authentication/);
  });

  it('reads facts from stdin with --facts -', () => {
    const r = cli(['diagnose', '--facts', '-', '--json'], readFileSync(fixture('pcsc-down.json'), 'utf8'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).diagnoses[0].id).toBe('pcsc-service-down');
  });

  it('defaults "now" to the current time', () => {
    const r = cli(['diagnose', '--facts', '-', '--json'], JSON.stringify({ certRenewedAt: new Date(Date.now() - 3600_000).toISOString() }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).diagnoses.map((d: { id: string }) => d.id)).toContain('wait-after-renewal');
  });

  it('unknown file → exit 2, one line', () => {
    expectOneLineError(cli(['diagnose', '--facts', path.join(tmp, 'missing.json')]), /missing\.json: ファイルを読めません \(ENOENT\)/);
  });

  it('invalid JSON → exit 2, one line', () => {
    expectOneLineError(cli(['diagnose', '--facts', tmpFile('broken.json', '{"now": ')]), /broken\.json: JSON として読めません/);
  });

  it('a field of the wrong type → exit 2, the field named', () => {
    expectOneLineError(cli(['diagnose', '--facts', tmpFile('type.json', '{"signPinTriesLeft": "three"}'), '--lang', 'en']), /field "signPinTriesLeft" has an invalid value "three"/);
  });

  it('an unknown field → exit 2, the field named', () => {
    expectOneLineError(cli(['diagnose', '--facts', '-'], '{"signPinTries": 3}'), /"signPinTries"/);
  });

  it('a JSON array → exit 2', () => {
    expectOneLineError(cli(['diagnose', '--facts', '-', '--lang', 'en'], '[]'), /must be a JSON object/);
  });

  it('bad options → exit 2', () => {
    expectOneLineError(cli(['diagnose']), /--facts/);
    expectOneLineError(cli(['diagnose', '--facts', fixture('healthy.json'), '--lang', 'fr']), /--lang/);
    expectOneLineError(cli(['diagnose', '--fax', 'x', '--lang', 'en']), /bad option/);
    expectOneLineError(cli(['nonsense']), /nonsense/);
  });

  it('--help works at both levels', () => {
    const top = cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/diagnose/);
    const sub = cli(['diagnose', '--help', '--lang', 'en']);
    expect(sub.code).toBe(0);
    expect(sub.out).toMatch(/--facts <file\|->/);
  });

  it('every fixture diagnoses without error', () => {
    for (const name of ['healthy.json', 'unknown-code.json', 'renewed-3h-ago.json', 'mac-keychain.json']) {
      const r = cli(['diagnose', '--facts', fixture(name), '--json']);
      expect(r.code, `${name}: ${r.err}`).toBe(0);
      const first = JSON.parse(r.out).diagnoses[0].id;
      expect(first).toBe({ 'healthy.json': 'ready-to-sign', 'unknown-code.json': 'unknown-error-code', 'renewed-3h-ago.json': 'wait-after-renewal', 'mac-keychain.json': 'mac-keychain-prompt' }[name]);
    }
    // Four CLI starts; in a dev checkout each may compile through tsx on a busy machine.
  }, 90_000);
});
