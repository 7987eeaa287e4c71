import type { Lang, Localized } from '../contract/localized';

/** A failure the person can fix (bad option, bad file): printed as one line, exit code 2 by default. */
export class CliError extends Error {
  constructor(
    readonly localized: Localized,
    readonly exitCode = 2,
  ) {
    super(localized.en);
    this.name = 'CliError';
  }
}

/** Prints one line (never a stack trace) and gives the exit code. */
export function reportError(err: unknown, lang: Lang): number {
  if (err instanceof CliError) {
    process.stderr.write(`jpki-doctor: ${err.localized[lang]}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  const prefix = lang === 'ja' ? '予期しないエラー' : 'unexpected error';
  process.stderr.write(`jpki-doctor: ${prefix}: ${message.split('\n')[0]}\n`);
  return 1;
}

/** The --lang value as given, before full option parsing, so that option errors are already in the right language. */
export function langFromArgv(argv: string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a.startsWith('--lang=') ? a.slice(7) : a === '--lang' ? argv[i + 1] : undefined;
    if (v === 'en') return 'en';
  }
  return 'ja';
}
