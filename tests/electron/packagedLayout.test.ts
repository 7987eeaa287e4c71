import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM build scripts without types
import { stageApp } from '../../scripts/stage-app.mjs';
// @ts-expect-error plain ESM build scripts without types
import { checkPackagedBinding } from '../../scripts/native-abi-check.mjs';

// The app laid out as electron-builder packages it (scripts/stage-app.mjs), run in
// plain Node with `electron` replaced by a recorder: the bundled main process must
// find its rules and assets from inside the package, and the packaging check must
// refuse a binding that is not built for Electron. What cannot run here: the real
// Electron binary, the asar archive and the Electron rebuild of pcsclite (it needs
// Electron's headers from the network).
const REPO = process.cwd();
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version as string;
let stage: string;

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: REPO, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  stage = path.join(mkdtempSync(path.join(tmpdir(), 'jpki-stage-')), 'app');
  await stageApp({ stageDir: stage, rebuild: false, renderer: false });
}, 120_000);

function runMain(appPath: string) {
  const logs = mkdtempSync(path.join(tmpdir(), 'jpki-stage-logs-'));
  const run = spawnSync(
    process.execPath,
    ['--import', path.join(REPO, 'tests/electron/support/use-fake-electron.mjs'), path.join(appPath, 'out/main/main.js')],
    { cwd: tmpdir(), env: { ...process.env, FAKE_APP_PATH: appPath, FAKE_LOGS: logs }, encoding: 'utf8', timeout: 30_000 },
  );
  expect(run.stderr).not.toMatch(/Error \[ERR|TypeError|ReferenceError/);
  return { report: JSON.parse(run.stdout.trim().split('\n').pop()!), logs, status: run.status };
}

describe('packaged layout in plain Node', () => {
  it('has a production package.json with pcsclite as its only dependency', () => {
    const pkg = JSON.parse(readFileSync(path.join(stage, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ pcsclite: expect.any(String) });
    expect(pkg.main).toBe('out/main/main.js');
    expect(pkg.author).toBeTruthy();
  });

  it('the bundled main process loads the packaged rules and answers IPC, with menu, log and local crash dumps', () => {
    const { report, logs } = runMain(stage);
    expect(report.errorBoxes).toEqual([]);
    expect(report.ipc.diagnose.ok).toBe(true);
    const top = report.ipc.diagnose.result.diagnoses[0];
    expect(top.id).toBe('pcsc-service-down');
    // macOS: no step tells a Mac user to start a service
    expect(JSON.stringify(top.steps)).not.toMatch(/start the smart-card service/i);
    expect(report.ipc.flowchartNodes).toBeGreaterThan(10);
    // Served from app://, not file://; a subframe is refused even inside the package.
    expect(report.loaded).toEqual(['app://jpki-doctor/index.html']);
    expect(report.schemes).toEqual(['app']);
    expect(report.protocols).toEqual(['app']);
    expect(report.ipc.stranger).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'not-main-frame' } });
    expect(report.menu).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(report.crashReporter).toMatchObject({ uploadToServer: false });
    expect(readFileSync(path.join(logs, 'main.log'), 'utf8')).toContain('start version=0.0.0-test packaged=true');
  });

  it('without its rules folder the packaged app says so (so the rules really come from inside the package)', () => {
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'jpki-stage-broken-')), 'app');
    cpSync(stage, broken, { recursive: true });
    rmSync(path.join(broken, 'rules'), { recursive: true });
    const { report, status } = runMain(broken);
    expect(status).toBe(1);
    expect(report.errorBoxes[0]).toContain('The diagnosis rules could not be loaded');
  });
});

describe('packaging check (afterPack)', () => {
  it("fails on the Node build of pcsclite: wrong ABI for Electron, with both versions", () => {
    const problems = checkPackagedBinding({ appOutDir: stage, platform: process.platform, arch: process.arch, electronVersion });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`pcsclite\\.node is built for NODE_MODULE_VERSION ${process.versions.modules}; the target loads \\d+ \\(Electron ${electronVersion.replace(/\./g, '\\.')}`));
  });

  it('fails when the binding is missing from the package', () => {
    const bare = path.join(mkdtempSync(path.join(tmpdir(), 'jpki-stage-bare-')), 'app');
    cpSync(stage, bare, { recursive: true });
    rmSync(path.join(bare, 'node_modules/pcsclite/build'), { recursive: true });
    expect(checkPackagedBinding({ appOutDir: bare, platform: process.platform, arch: process.arch, electronVersion })).toEqual([
      expect.stringContaining('no pcsclite.node inside'),
    ]);
  });

  it('passes a binding built for its target (the same check with this Node as the target)', () => {
    const problems = checkPackagedBinding({
      appOutDir: stage,
      platform: process.platform,
      arch: process.arch,
      electronVersion,
      moduleVersion: Number(process.versions.modules),
    });
    expect(problems).toEqual([]);
  });

  it('leaves node_modules/pcsclite as the Node build', () => {
    const info = readFileSync('node_modules/pcsclite/build/Release/pcsclite.node').toString('latin1');
    expect(info).toContain(`node_register_module_v${process.versions.modules}\0`);
  });
});
