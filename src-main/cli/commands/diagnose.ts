import type { Facts } from '../../contract/facts';
import { diagnose, loadRules } from '../../engine';
import { CliError } from '../errors';
import { runCommand, readFactsFile } from '../input';
import { formatResult, localizeResult } from '../output';

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

async function readFacts(source: string): Promise<Facts> {
  const facts = await readFactsFile(source);
  return facts.now ? facts : { ...facts, now: new Date().toISOString() };
}

export function run(argv: string[]): Promise<number> {
  const options = { facts: { type: 'string' }, json: { type: 'boolean', default: false } } as const;
  return runCommand(argv, { options, help: HELP, allowBothLang: true }, async (values, lang, jsonLang) => {
    if (values.facts === undefined) {
      throw new CliError({ ja: '--facts <ファイル> を指定してください(標準入力なら --facts -)。', en: 'give --facts <file> (or --facts - for standard input).' });
    }
    const facts = await readFacts(values.facts);
    const result = diagnose(facts, loadRules());
    process.stdout.write(values.json ? `${JSON.stringify(localizeResult(result, jsonLang), null, 2)}\n` : formatResult(result, lang));
    return 0;
  });
}
