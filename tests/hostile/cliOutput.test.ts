import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The real CLI, spawned: printing must never be what crashes it.
const REPO = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO, 'bin/jpki-doctor.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'jpki-out-'));
const file = (name: string, content: string | Buffer) => {
  const f = path.join(tmp, name);
  writeFileSync(f, content);
  return f;
};
const FACTS = file('facts.json', JSON.stringify({ now: '2026-01-10T10:00:00+09:00', errorCode: 'ICF4031', pcscService: 'unavailable' }));
const HOSTILE = file('hostile.json', JSON.stringify({ now: '2026-01-10T10:00:00+09:00', errorCode: '\u001b[2J\u001b]0;pwn\u0007\u009b31mX9\u202e' }));
const STACK = /\bat .*\.(ts|js|mjs):\d+|node:internal/;

/** Runs the CLI whose stdout reader goes away before anything is printed. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // `| head` that has already had enough
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c) => (err += c));
    child.on('close', (code) => resolve({ code, err }));
  });
}

function toDevice(args: string[], device: string) {
  const fd = openSync(device, 'w');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 30_000 });
    return { code: r.status, err: r.stderr };
  } finally {
    closeSync(fd);
  }
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI output never crashes', () => {
  it('a closed pipe ends quietly with the exit code the command earned', async () => {
    expect(run(['diagnose', '--facts', FACTS]).code).toBe(0);
    for (const args of [['diagnose', '--facts', FACTS], ['diagnose', '--facts', FACTS, '--json'], ['--help']]) {
      const r = await withClosedStdout(args);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
    // A failure is still a failure, said on stderr.
    const bad = await withClosedStdout(['diagnose', '--facts', path.join(tmp, 'missing.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/missing\.json/);
    expect(bad.err).not.toMatch(STACK);
  }, 90_000);

  it('a full disk is one line on stderr and exit code 1, no stack trace', () => {
    for (const args of [['diagnose', '--facts', FACTS], ['diagnose', '--facts', FACTS, '--json', '--lang', 'en'], ['probe', '--help']]) {
      const r = toDevice(args, '/dev/full');
      expect(r.code).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/ENOSPC/);
      expect(r.err).not.toMatch(STACK);
    }
  }, 90_000);

  it('the same commands succeed when the output has somewhere to go', () => {
    expect(toDevice(['diagnose', '--facts', FACTS], '/dev/null')).toEqual({ code: 0, err: '' });
  });
});

describe('text output strips terminal control characters that came from input', () => {
  it('text: escapes are shown, never sent', () => {
    const r = run(['diagnose', '--facts', HOSTILE]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('\\u001b[2J');
    // eslint-disable-next-line no-control-regex
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('JSON: still valid, and the value survives exactly', () => {
    const r = run(['diagnose', '--facts', HOSTILE, '--json', '--lang', 'en']);
    expect(r.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const json = JSON.parse(r.out);
    expect(JSON.stringify(json)).toContain('\\u001b[2J');
    expect(json.diagnoses.flatMap((d: { evidence: string[] }) => d.evidence).join('\n')).toContain('\u009b31MX9');
  });

  it('a file name from the command line is shown escaped in the error', () => {
    const r = run(['diagnose', '--facts', path.join(tmp, '\u001b[31mred.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('\\u001b[31mred.json');
    expect(r.err).not.toContain('\u001b');
  });
});

describe('facts input is capped', () => {
  it('/dev/zero is refused instead of growing without bound', () => {
    const r = run(['diagnose', '--facts', '/dev/zero', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/too large \(at most 1 MB\)/);
  });

  it('a facts file over 1 MB is refused; stdin too', () => {
    const big = JSON.stringify({ now: '2026-01-10', errorCode: null, pad: 'x'.repeat(1024 * 1024) });
    expect(run(['diagnose', '--facts', file('big.json', big)]).err).toMatch(/大きすぎます\(1MBまで\)/);
    const viaStdin = spawnSync(process.execPath, [BIN, 'diagnose', '--facts', '-', '--lang', 'en'], { cwd: tmpdir(), input: big, encoding: 'utf8', timeout: 30_000 });
    expect(viaStdin.status).toBe(2);
    expect(viaStdin.stderr).toMatch(/stdin: too large/);
  });

  it('an error code near the file cap is refused by its length, naming the field', () => {
    const r = run(['diagnose', '--facts', file('code.json', JSON.stringify({ errorCode: 'ｉ'.repeat(300_000) })), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/field "errorCode".*at most 64 characters/);
  });
});
