import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM build script without types
import { buildCli } from '../../scripts/build-cli.mjs';

// pcsclite really absent: a copy of the installed package layout (bundle, bin,
// rules, assets) in a temp folder with no node_modules anywhere above it, and a
// web server whose binding folder holds no pcsclite. Both must start and say
// "the app is damaged: reinstall", never "start the smart-card service".
const REPO = process.cwd();
let pkg: string;

beforeAll(async () => {
  pkg = path.join(mkdtempSync(path.join(tmpdir(), 'jpki-nobinding-')), 'jpki-doctor');
  mkdirSync(pkg);
  for (const part of ['bin', 'rules', 'assets', 'package.json']) cpSync(path.join(REPO, part), path.join(pkg, part), { recursive: true });
  await buildCli(path.join(pkg, 'out', 'cli'));
}, 60_000);

const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(pkg, 'bin', 'jpki-doctor.js'), ...args], { cwd: pkg, encoding: 'utf8', timeout: 20_000 });

describe('CLI without node_modules/pcsclite', () => {
  it('probe reports pcsc-binding-missing (missing), not the service', () => {
    const run = cli('probe', '--json');
    expect(run.stderr).toBe('');
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot.error).toMatchObject({ code: 'pcsc-binding-missing', binding: 'missing' });
    expect(snapshot.error.message.en).toMatch(/install it again/);
  });

  it('check diagnoses pcsc-binding-missing with reinstall first and no service step', () => {
    const run = cli('check', '--json', '--lang', 'en');
    const out = JSON.parse(run.stdout);
    const ids = out.result.diagnoses.map((d: { id: string }) => d.id);
    expect(ids).toContain('pcsc-binding-missing');
    expect(ids).not.toContain('pcsc-service-down');
    const steps = out.result.diagnoses[0].steps.map((s: { id: string }) => s.id);
    expect(steps[0]).toBe('reinstall-app');
    expect(steps).not.toContain('start-pcsc');
  });
});

describe('browser build without pcsclite', () => {
  let server: ChildProcess;
  let origin = '';
  let secret = '';

  beforeAll(async () => {
    const noBinding = mkdtempSync(path.join(tmpdir(), 'jpki-nobinding-web-'));
    writeFileSync(path.join(noBinding, 'package.json'), '{"private":true}');
    const staticDir = mkdtempSync(path.join(tmpdir(), 'jpki-static-'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    server = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/server.ts', '--port', '0', '--static', staticDir], {
      cwd: REPO,
      env: { ...process.env, JPKI_PCSCLITE_DIR: noBinding },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('web server did not start')), 30_000);
      server.stdout!.on('data', (chunk) => {
        const m = /(http:\/\/127\.0\.0\.1:\d+\/)#key=(\S+)/.exec(String(chunk));
        if (m) {
          [origin, secret] = [m[1], m[2]];
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }, 40_000);

  afterAll(() => {
    server?.kill();
  });

  const post = async (route: string, body: unknown) => {
    const res = await fetch(new URL(route, origin), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-JPKI-Doctor': secret },
      body: JSON.stringify(body),
    });
    return res.json();
  };

  it('starts, probes to pcsc-binding-missing and diagnoses it', async () => {
    const probe = await post('/api/probe', {});
    expect(probe.ok).toBe(true);
    expect(probe.result.snapshot.error).toMatchObject({ code: 'pcsc-binding-missing', binding: 'missing' });
    expect(probe.result.facts).toMatchObject({ pcscBinding: 'missing' });
    expect(probe.result.facts.pcscService).toBeUndefined();
    const diagnosis = await post('/api/diagnose', { facts: probe.result.facts, lang: 'en' });
    expect(diagnosis.result.diagnoses[0].id).toBe('pcsc-binding-missing');
  });
});
