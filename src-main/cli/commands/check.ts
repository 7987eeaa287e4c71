import { probeInChild as probeCard } from '../probeInChild'; // killable child process: a silent card cannot hang the CLI
import { formatSnapshot } from '../../card/formatSnapshot';
import { snapshotToFacts } from '../../card/snapshotToFacts';
import type { Facts } from '../../contract/facts';
import { diagnose, loadRules } from '../../engine';
import { currentPlatform } from '../../service/platform';
import { runCommand, readFactsFile } from '../input';
import { formatResult, localizeResult } from '../output';

export const summary = {
  ja: 'カードを読み取り、原因と対処を表示する（パスワードは使わない）',
  en: 'Read the card and show the cause and the fix (never uses a password try)',
};

const HELP = {
  ja: `使い方: jpki-doctor check [--reader 名前] [--facts 回答.json] [--json] [--lang ja|en]

  --reader <名前>     使うカードリーダー（既定: JPKI のカードが入っているもの）
  --facts <ファイル>  質問への回答など、追加の事実（JSON）。カードの読み取り結果より優先します
  --json              JSON で出力する（snapshot, facts, result）
  --lang ja|en        表示言語（既定: ja）

パスワードや暗証番号は一切入力・送信しません。
`,
  en: `Usage: jpki-doctor check [--reader NAME] [--facts answers.json] [--json] [--lang ja|en]

  --reader <name>   card reader to use (default: the one holding a JPKI card)
  --facts <file>    extra facts such as answers to questions (JSON); they override the card's
  --json            print JSON (snapshot, facts, result)
  --lang ja|en      output language (default: ja)

No password or PIN is ever asked for or sent.
`,
};


export function run(argv: string[]): Promise<number> {
  const options = { reader: { type: 'string' }, facts: { type: 'string' }, json: { type: 'boolean', default: false } } as const;
  return runCommand(argv, { options, help: HELP }, async (values, lang) => {
    // Read the answers first: a bad file should not cost a card read.
    const answers = values.facts !== undefined ? await readFactsFile(values.facts) : {};
    const rules = loadRules();
    const snapshot = await probeCard({ ...(values.reader ? { reader: values.reader } : {}) });
    const facts: Facts = { platform: currentPlatform(), ...snapshotToFacts(snapshot), ...answers };
    const result = diagnose(facts, rules);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ snapshot, facts, result: localizeResult(result, lang) }, null, 2)}\n`);
    } else {
      process.stdout.write(`${formatSnapshot(snapshot, lang)}\n${formatResult(result, lang)}`);
    }
    return 0;
  });
}
