import type { ReaderInfo } from '../contract/snapshot';
import { BindingFailure } from '../pcsc/errors';
import { loadPcsclite } from '../pcsc/loadPcsclite';

export type BindingStatus = { ok: true } | { ok: false; problem: string; file?: string; reason: string };

export interface DiagnosticInfo {
  appVersion: string;
  versions: { electron?: string; node: string; chrome?: string };
  platform: NodeJS.Platform;
  arch: string;
  osRelease: string;
  lang: 'ja' | 'en';
  packaged: boolean;
  binding: BindingStatus;
  pcsc: { pcscService: 'ok' | 'unavailable'; readers: ReaderInfo[] } | { error: string };
  logFile: string;
}

/** Whether our PC/SC binding loads, and if not which file and why (for staff). */
export async function bindingStatus(load: () => Promise<unknown> = loadPcsclite): Promise<BindingStatus> {
  try {
    await load();
    return { ok: true };
  } catch (error) {
    if (error instanceof BindingFailure) return { ok: false, problem: error.problem, file: error.file, reason: error.reason };
    return { ok: false, problem: 'load-failed', reason: String((error as Error)?.message ?? error) };
  }
}

/**
 * What staff paste into an e-mail when asking for help: versions, platform, the
 * PC/SC binding and readers. By construction it has no field for a PIN or for
 * anything read from a card's certificates.
 */
export function diagnosticInfoText(info: DiagnosticInfo): string {
  const lines = [
    'jpki-doctor diagnostic info / 診断情報',
    `app: ${info.appVersion}${info.packaged ? '' : ' (development)'}`,
    `electron: ${info.versions.electron ?? '-'}  node: ${info.versions.node}  chrome: ${info.versions.chrome ?? '-'}`,
    `os: ${info.platform} ${info.osRelease} (${info.arch})  language: ${info.lang}`,
    info.binding.ok
      ? 'pc/sc binding: ok'
      : `pc/sc binding: ${info.binding.problem}${info.binding.file ? ` (${info.binding.file})` : ''}: ${info.binding.reason}`,
  ];
  if ('error' in info.pcsc) lines.push(`pc/sc: ${info.pcsc.error}`);
  else {
    lines.push(`pc/sc service: ${info.pcsc.pcscService}`);
    lines.push(
      `readers: ${info.pcsc.readers.length ? info.pcsc.readers.map((r) => `${r.name} (${r.cardPresent ? 'card' : 'empty'})`).join(', ') : 'none'}`,
    );
  }
  lines.push(`log: ${info.logFile}`);
  return `${lines.join('\n')}\n`;
}
