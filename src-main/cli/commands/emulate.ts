import {
  SCENARIO_NAMES,
  UnknownScenarioError,
  scenarioDescription,
  startEmulator,
  VPCD_DEFAULT_HOST,
  VPCD_DEFAULT_PORT,
} from '../../emulator';
import { CliError } from '../errors';
import { runCommand } from '../input';

export const summary = {
  ja: '仮想 JPKI カードを vpcd に挿す（テスト用）',
  en: 'Insert a virtual JPKI card into vpcd (for testing)',
};

const HELP = {
  ja: `使い方: jpki-doctor emulate --scenario 名前 [--host 127.0.0.1] [--port 35963] [--lang ja|en]
       jpki-doctor emulate --list

pcscd の vpcd ドライバー（仮想リーダー "Virtual PCD 00 00"）に仮想カードを挿し、Ctrl-C まで応答します。
`,
  en: `Usage: jpki-doctor emulate --scenario NAME [--host 127.0.0.1] [--port 35963] [--lang ja|en]
       jpki-doctor emulate --list

Inserts a virtual card into pcscd's vpcd driver (reader "Virtual PCD 00 00") and serves it until Ctrl-C.
`,
};

export function run(argv: string[]): Promise<number> {
  const options = {
    scenario: { type: 'string' },
    list: { type: 'boolean', default: false },
    host: { type: 'string' },
    port: { type: 'string' },
  } as const;
  return runCommand(argv, { options, help: HELP }, async (values, lang) => {
    if (values.list) {
      for (const name of SCENARIO_NAMES) process.stdout.write(`${name.padEnd(22)} ${scenarioDescription(name)[lang]}\n`);
      return 0;
    }
    if (!values.scenario) {
      throw new CliError({
        ja: `--scenario を指定してください（一覧: jpki-doctor emulate --list）。`,
        en: `give --scenario (list them with: jpki-doctor emulate --list).`,
      });
    }
    const port = values.port === undefined ? VPCD_DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new CliError({ ja: `--port は 1〜65535 の整数です（"${values.port}"）。`, en: `--port must be an integer from 1 to 65535 (got "${values.port}").` });
    }
    let handle;
    try {
      handle = await startEmulator({ scenario: values.scenario, host: values.host ?? VPCD_DEFAULT_HOST, port });
    } catch (e) {
      if (e instanceof UnknownScenarioError) {
        throw new CliError({
          ja: `シナリオ "${e.scenario}" はありません（使えるもの: ${SCENARIO_NAMES.join(', ')}）。`,
          en: `no scenario "${e.scenario}" (available: ${SCENARIO_NAMES.join(', ')}).`,
        });
      }
      throw new CliError({ ja: `仮想カードを挿せません: ${(e as Error).message}`, en: `cannot insert the virtual card: ${(e as Error).message}` }, 1);
    }
    const d = handle.description[lang];
    process.stdout.write(
      lang === 'ja'
        ? `仮想カード "${handle.scenario}"（${d}）を挿しました。\nテスト用の署名用パスワード: ${handle.signPin} / 4桁の暗証番号: ${handle.authPin}\nCtrl-C で終了します。\n`
        : `Virtual card "${handle.scenario}" (${d}) inserted.\nTest signing password: ${handle.signPin} / 4-digit PIN: ${handle.authPin}\nPress Ctrl-C to stop.\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await handle.stop();
    return 0;
  });
}
