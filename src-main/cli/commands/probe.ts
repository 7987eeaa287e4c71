import { probeInChild as probeCard } from '../probeInChild'; // killable child process: a silent card cannot hang the CLI
import { formatSnapshot } from '../../card/formatSnapshot';
import { runCommand } from '../input';

export const summary = {
  ja: 'カードを読み取る（パスワードは使わない）',
  en: 'Read the card (never uses a password try)',
};

const HELP = {
  ja: `使い方: jpki-doctor probe [--reader 名前] [--json] [--lang ja|en]

  --reader <名前>  使うカードリーダー（既定: JPKI のカードが入っているもの）
  --json           読み取り結果を JSON で出力する
  --lang ja|en     表示言語（既定: ja）

パスワードや暗証番号は一切入力・送信しません。
`,
  en: `Usage: jpki-doctor probe [--reader NAME] [--json] [--lang ja|en]

  --reader <name>  card reader to use (default: the one holding a JPKI card)
  --json           print the snapshot as JSON
  --lang ja|en     output language (default: ja)

No password or PIN is ever asked for or sent.
`,
};

export function run(argv: string[]): Promise<number> {
  const options = { reader: { type: 'string' }, json: { type: 'boolean', default: false } } as const;
  return runCommand(argv, { options, help: HELP }, async (values, lang) => {
    const snapshot = await probeCard({ ...(values.reader ? { reader: values.reader } : {}) });
    process.stdout.write(values.json ? `${JSON.stringify(snapshot, null, 2)}\n` : formatSnapshot(snapshot, lang));
    // A probe that found a problem still worked: the snapshot says what it is.
    return snapshot.error ? 3 : 0;
  });
}
