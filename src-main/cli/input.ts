import { createReadStream } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Facts } from '../contract/facts';
import type { Lang, Localized } from '../contract/localized';
import { CliError, langFromArgv, reportError } from './errors';
import { parseLang } from './output';

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing shared by every command; a bad option is a one-line CliError, not a stack trace. */
export function parseOptions<const O extends OptionSpec>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const why = (e as Error).message;
    throw new CliError({ ja: `オプションが正しくありません: ${why}`, en: `bad option: ${why}` });
  }
}

const COMMON = {
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * Runs one command body with what every command shares: --lang and --help, and
 * any failure printed as one line (never a stack trace) with its exit code.
 * `--lang both` is accepted only where `allowBothLang` says so (JSON output).
 */
export async function runCommand<const O extends OptionSpec>(
  argv: string[],
  spec: { options: O; help: Localized; allowBothLang?: boolean },
  body: (values: ReturnType<typeof parseOptions<O & typeof COMMON>>, lang: Lang, jsonLang: Lang | 'both') => Promise<number>,
): Promise<number> {
  try {
    const values = parseOptions(argv, { ...spec.options, ...COMMON } as O & typeof COMMON);
    const common = values as { lang?: string; help?: boolean };
    const jsonLang = parseLang(common.lang, spec.allowBothLang ?? false);
    const lang: Lang = jsonLang === 'both' ? 'ja' : jsonLang;
    if (common.help) {
      process.stdout.write(spec.help[lang]);
      return 0;
    }
    return await body(values, lang, jsonLang);
  } catch (err) {
    return reportError(err, langFromArgv(argv));
  }
}

/** A facts file is a few hundred bytes; anything past this is refused before it fills memory (`/dev/zero`). */
export const MAX_FACTS_BYTES = 1024 * 1024;

class TooLargeError extends Error {}

/** Reads at most MAX_FACTS_BYTES (+1 to notice more) from a stream, then stops reading. */
async function readCapped(stream: NodeJS.ReadableStream & { destroy?: () => void }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_FACTS_BYTES) {
      stream.destroy?.();
      throw new TooLargeError();
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

async function readSource(source: string): Promise<string> {
  if (source === '-') return (await readCapped(process.stdin)).toString('utf8');
  // A stream, not readFileSync: a device or a huge file must not be read whole.
  return (await readCapped(createReadStream(source, { highWaterMark: 64 * 1024 }))).toString('utf8');
}

/** Reads and validates a facts file (`-` = standard input); every failure names the file and, for a bad field, the field. */
export async function readFactsFile(source: string): Promise<Facts> {
  const name = source === '-' ? 'stdin' : source;
  let text: string;
  try {
    text = await readSource(source);
  } catch (e) {
    if (e instanceof TooLargeError) {
      throw new CliError({
        ja: `${name}: 大きすぎます(${MAX_FACTS_BYTES / 1024 / 1024}MBまで)。事実データの JSON ファイルを指定してください。`,
        en: `${name}: too large (at most ${MAX_FACTS_BYTES / 1024 / 1024} MB); give a facts JSON file.`,
      });
    }
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new CliError({ ja: `${name}: ファイルを読めません (${code})。`, en: `${name}: cannot read the file (${code}).` });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = (e as Error).message.split('\n')[0];
    throw new CliError({ ja: `${name}: JSON として読めません (${why})。`, en: `${name}: not valid JSON (${why}).` });
  }
  // Loaded here, not at the top: probe and check parse options through this module and must not wait for the engine.
  const { parseFacts } = await import('../engine');
  const parsed = parseFacts(json);
  if (!parsed.ok) throw new CliError({ ja: `${name}: ${parsed.localized.ja}`, en: `${name}: ${parsed.localized.en}` });
  return parsed.facts;
}
