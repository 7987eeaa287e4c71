import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function pcscdRunning(): boolean {
  return spawnSync('pgrep', ['-x', 'pcscd']).status === 0;
}

/**
 * Makes sure pcscd (with the vpcd driver) runs; starts it if absent. Returns why
 * not when it cannot. With CI=true the caller must fail on a reason.
 */
export async function ensurePcscd(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (pcscdRunning()) return { ok: true };
  if (!existsSync('/usr/sbin/pcscd')) return { ok: false, reason: 'pcscd is not installed (apt-get install pcscd vsmartcard-vpcd)' };
  try {
    execFileSync('/usr/sbin/pcscd', [], { stdio: 'ignore', timeout: 5000 });
  } catch (error) {
    return { ok: false, reason: `pcscd could not be started: ${(error as Error).message}` };
  }
  for (let i = 0; i < 50; i++) {
    if (pcscdRunning()) return { ok: true };
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ok: false, reason: 'pcscd was started but is not running' };
}

/** For beforeAll of integration files: fails loudly (never skips) when pcscd cannot run. */
export async function requirePcscd(): Promise<void> {
  const status = await ensurePcscd();
  if (!status.ok) throw new Error(`integration tests need pcscd with the vpcd driver: ${status.reason}`);
}
