import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Facts } from '../../contract/facts';
import { diagnose, loadRules, parseFacts } from '../../engine';
import { CliError, langFromArgv, reportError } from '../errors';
import { formatResult, localizeResult, parseLang } from '../output';

export const summary = {
  ja: '事実データ(JSON)から原因と対処を表示する',
  en: 'Diagnose from a facts file (JSON) and show the fixes',
};

const HELP = {
  ja: `使い方: jpki-doctor diagnose --facts <ファイル|-> [--json] [--lang ja|en|both]

  --facts <ファイル>  事実データの JSON ファイル(- で標準入力)
  --json             JSON で出力する(文字列は --lang の言語。both なら {ja, en} のまま)
  --lang ja|en       表示言語(既定: ja)
  -h, --help         このヘルプ

"now" がなければ現在時刻を使います。
`,
  en: `Usage: jpki-doctor diagnose --facts <file|-> [--json] [--lang ja|en|both]

  --facts <file>     facts as a JSON file (- reads standard input)
  --json             print JSON (strings in the --lang language; "both" keeps {ja, en})
  --lang ja|en       output language (default: ja)
  -h, --help         this help

Without "now" in the facts, the current time is used.
`,
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readFacts(source: string): Promise<Facts> {
  const name = source === '-' ? 'stdin' : source;
  let text: string;
  try {
    text = source === '-' ? await readStdin() : readFileSync(source, 'utf8');
  } catch (e) {
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
  const parsed = parseFacts(json);
  if (!parsed.ok) throw new CliError({ ja: `${name}: ${parsed.localized.ja}`, en: `${name}: ${parsed.localized.en}` });
  return parsed.facts.now ? parsed.facts : { ...parsed.facts, now: new Date().toISOString() };
}

export async function run(argv: string[]): Promise<number> {
  const lang0 = langFromArgv(argv);
  try {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          facts: { type: 'string' },
          json: { type: 'boolean', default: false },
          lang: { type: 'string' },
          help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (e) {
      throw new CliError({ ja: `オプションが正しくありません: ${(e as Error).message}`, en: `bad option: ${(e as Error).message}` });
    }
    const lang = parseLang(values.lang, values.json);
    const textLang = lang === 'both' ? 'ja' : lang;
    if (values.help) {
      process.stdout.write(HELP[textLang]);
      return 0;
    }
    if (values.facts === undefined) {
      throw new CliError({ ja: '--facts <ファイル> を指定してください(標準入力なら --facts -)。', en: 'give --facts <file> (or --facts - for standard input).' });
    }
    const facts = await readFacts(values.facts);
    const result = diagnose(facts, loadRules());
    process.stdout.write(values.json ? `${JSON.stringify(localizeResult(result, lang), null, 2)}\n` : formatResult(result, textLang));
    return 0;
  } catch (err) {
    return reportError(err, lang0);
  }
}
