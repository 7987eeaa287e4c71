import { execFile } from 'node:child_process';

/**
 * The Windows Smart Card service (SCardSvr) is started on demand: it runs while a
 * reader is attached and stops after the last one is removed. So SCARD_E_NO_SERVICE
 * on Windows usually means "no reader", and only a service whose start type is
 * Disabled is really "the service is off". This adapter asks Windows for the start
 * type; the parsers are separate so recorded outputs can test them anywhere.
 */
export type ServiceStartType = 'automatic' | 'manual' | 'disabled' | 'unknown';

/**
 * `sc qc SCardSvr`. The field names and the numeric START_TYPE are the same on
 * Japanese and English Windows; the words after the number, the display name and
 * error texts come in the console code page, so only the number is read.
 */
export function parseScQc(output: string): ServiceStartType {
  const match = /^\s*START_TYPE\s*:\s*(\d+)/m.exec(output);
  if (!match) return 'unknown';
  switch (Number(match[1])) {
    case 0: // BOOT_START
    case 1: // SYSTEM_START
    case 2: // AUTO_START (also "delayed")
      return 'automatic';
    case 3: // DEMAND_START: the usual setting, started when a reader appears
      return 'manual';
    case 4: // DISABLED
      return 'disabled';
    default:
      return 'unknown';
  }
}

/** `(Get-Service -Name SCardSvr).StartType`: an enum name, never localised. */
export function parseGetServiceStartType(output: string): ServiceStartType {
  const word = output.trim().split(/\s+/).pop()?.toLowerCase();
  if (word === 'automatic' || word === 'boot' || word === 'system') return 'automatic';
  if (word === 'manual') return 'manual';
  if (word === 'disabled') return 'disabled';
  return 'unknown';
}

export type CommandRunner = (file: string, args: string[]) => Promise<string>;

const runCommand: CommandRunner = (file, args) =>
  new Promise((resolve, reject) => {
    // Buffer output decoded as latin1: ASCII survives any code page, and nothing else is read.
    execFile(file, args, { encoding: 'buffer', windowsHide: true, timeout: 5000 }, (error, stdout) => {
      const text = Buffer.from(stdout ?? []).toString('latin1');
      if (error && !text) reject(error);
      else resolve(text);
    });
  });

/** Asks Windows for SCardSvr's start type: sc.exe first (fast), PowerShell if that says nothing. */
export async function smartCardServiceStartType(run: CommandRunner = runCommand): Promise<ServiceStartType> {
  try {
    const viaSc = parseScQc(await run('sc.exe', ['qc', 'SCardSvr']));
    if (viaSc !== 'unknown') return viaSc;
  } catch {
    // fall through to PowerShell
  }
  try {
    return parseGetServiceStartType(
      await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', '(Get-Service -Name SCardSvr).StartType']),
    );
  } catch {
    return 'unknown';
  }
}
