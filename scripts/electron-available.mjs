// Answers whether the Electron binary can be used here, with the reason when not.
// require('electron') downloads the binary on first use; on a machine without
// network access that fails quickly, and we fall back to the browser build.
import { spawnSync } from 'node:child_process';

export function electronBinary() {
  if (process.env.JPKI_DOCTOR_NO_ELECTRON === '1') {
    return { ok: false, reason: 'JPKI_DOCTOR_NO_ELECTRON=1 is set' };
  }
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    timeout: 5 * 60 * 1000,
  });
  if (probe.status === 0 && probe.stdout) return { ok: true, path: probe.stdout };
  if (probe.error?.code === 'ETIMEDOUT') return { ok: false, reason: 'ダウンロードが時間切れになりました / downloading the Electron binary timed out' };
  const stderr = `${probe.stderr ?? ''}`;
  if (/Cannot find module 'electron'/.test(stderr)) {
    return { ok: false, reason: 'electron パッケージが入っていません / the electron package is not installed' };
  }
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo/.test(stderr)) {
    return {
      ok: false,
      reason: 'Electron 本体をダウンロードできませんでした(ネットワークに接続できません) / the Electron binary could not be downloaded (no network access)',
    };
  }
  const last = stderr.trim().split('\n').filter((l) => /error|fail/i.test(l)).pop();
  return { ok: false, reason: last ? last.trim().slice(0, 300) : 'electron を起動できません / electron cannot be started' };
}
