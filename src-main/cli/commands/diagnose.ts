import { FACT_NAMES, type FactName, type Facts } from '../../contract/facts';
import { diagnose, loadRules } from '../../engine';
import { CliError } from '../errors';
import { runCommand, readFactsFile } from '../input';
import { formatResult, localizeResult } from '../output';

export const summary = {
  ja: '事実データ(JSON)から原因と対処を表示する',
  en: 'Diagnose from a facts file (JSON) and show the fixes',
};

const HELP = {
  ja: `使い方: jpki-doctor diagnose --facts <ファイル|-> [--declined 項目,項目] [--json] [--lang ja|en|both]

  --facts <ファイル>  事実データの JSON ファイル(- で標準入力)
  --declined <項目>  「わからない」と答えた質問の項目名(カンマ区切り、例: movedAt,certRenewedAt)。
                     ウィザードと同じく、その質問はもう聞かれず次の質問が示されます
  --json             JSON で出力する(文字列は --lang の言語。both なら {ja, en} のまま)
  --lang ja|en       表示言語(既定: ja)
  -h, --help         このヘルプ

"now" がなければ現在時刻を使います。
`,
  en: `Usage: jpki-doctor diagnose --facts <file|-> [--declined fact,fact] [--json] [--lang ja|en|both]

  --facts <file>     facts as a JSON file (- reads standard input)
  --declined <facts> questions answered "I don't know", comma-separated (e.g. movedAt,certRenewedAt);
                     as in the wizard, they are not asked again and the next question comes instead
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

/** `--declined a,b`: fact names, each known, none also answered in the facts (the wizard drops an answer when it is declined). */
export function parseDeclined(value: string | undefined, facts: Facts): FactName[] {
  if (value === undefined) return [];
  const names = value.split(',').map((n) => n.trim()).filter((n) => n !== '');
  for (const name of names) {
    if (!(FACT_NAMES as string[]).includes(name)) {
      throw new CliError({
        ja: `--declined の "${name}" は不明な項目です(例: --declined movedAt,certRenewedAt)。`,
        en: `--declined: "${name}" is not a known fact (e.g. --declined movedAt,certRenewedAt).`,
      });
    }
    if (facts[name as FactName] !== undefined) {
      throw new CliError({
        ja: `"${name}" は事実データで答えられているので、--declined(わからない)にはできません。どちらかを外してください。`,
        en: `"${name}" is answered in the facts, so it cannot also be declined ("I don't know"); drop one of them.`,
      });
    }
  }
  return [...new Set(names)] as FactName[];
}

export function run(argv: string[]): Promise<number> {
  const options = { facts: { type: 'string' }, declined: { type: 'string' }, json: { type: 'boolean', default: false } } as const;
  return runCommand(argv, { options, help: HELP, allowBothLang: true }, async (values, lang, jsonLang) => {
    if (values.facts === undefined) {
      throw new CliError({ ja: '--facts <ファイル> を指定してください(標準入力なら --facts -)。', en: 'give --facts <file> (or --facts - for standard input).' });
    }
    const facts = await readFacts(values.facts);
    const declined = parseDeclined(values.declined, facts);
    const result = diagnose(facts, loadRules(), { declined });
    process.stdout.write(values.json ? `${JSON.stringify(localizeResult(result, jsonLang), null, 2)}\n` : formatResult(result, lang));
    return 0;
  });
}
