import { probeInChild as probeCard } from '../probeInChild'; // killable child process: a silent card cannot hang the CLI
import { formatSnapshot } from '../../card/formatSnapshot';
import { formatSignatureTest } from '../../card/formatSignatureTest';
import { pinResultFacts } from '../../card/signTestFacts';
import { snapshotToFacts } from '../../card/snapshotToFacts';
import type { Facts } from '../../contract/facts';
import type { Lang } from '../../contract/localized';
import { needsLowTriesConsent } from '../../contract/pinPolicy';
import type { CardSnapshot, PinAttemptResult } from '../../contract/snapshot';
import { diagnose, loadRules } from '../../engine';
import { currentPlatform } from '../../service/platform';
import { CliError } from '../errors';
import { runCommand, readFactsFile } from '../input';
import { formatResult, localizeResult } from '../output';
import { askLine, PromptAborted, readHiddenPassword, readPasswordLine } from '../passwordPrompt';
import { signTestInChild } from '../signTestInChild'; // killable child and a deadline: a silent card cannot hang the CLI

export const summary = {
  ja: 'カードを読み取り、原因と対処を表示する（--sign-test のときだけパスワードを使ってテスト署名する）',
  en: 'Read the card and show the cause and the fix (with --sign-test only, use the password for a test signature)',
};

const HELP = {
  ja: `使い方: jpki-doctor check [--reader 名前] [--facts 回答.json] [--json] [--lang ja|en]
       jpki-doctor check --sign-test [--pin-stdin --expect-tries 回数] [--allow-low-tries] [その他のオプション]

  --reader <名前>     使うカードリーダー（既定: JPKI のカードが入っているもの）
  --facts <ファイル>  質問への回答など、追加の事実（JSON）。カードの読み取り結果より優先します
  --json              JSON で出力する（snapshot, facts, result, pinCheck）
  --lang ja|en        表示言語（既定: ja）

  --sign-test         署名用パスワードを確認し、正しければカードで乱数にテスト署名して、
                      カード内の署名用電子証明書とその発行元の証明書で検証します。
                      残り回数を表示して確認を求めてから、端末で（画面に表示せずに）パスワードを尋ねます。
                      パスワードが違うと残り回数が1回減ります。残り2回以下では、はっきりした同意が必要です。
  --pin-stdin         端末がない場合（スクリプトなど）: パスワードを標準入力の1行目から読みます。
                      --expect-tries に、事前に確認した残り回数を必ず指定します（カードと違えば何も送りません）
  --expect-tries <N>  --pin-stdin のとき必須。probe で確認した署名用パスワードの残り回数
  --allow-low-tries   --pin-stdin で残り2回以下でも送ることに同意する

パスワードをコマンドの引数や環境変数で渡すことはできません（他のプログラムや履歴から見えるため）。
--sign-test を付けなければ、パスワードや暗証番号は一切入力・送信しません。
`,
  en: `Usage: jpki-doctor check [--reader NAME] [--facts answers.json] [--json] [--lang ja|en]
       jpki-doctor check --sign-test [--pin-stdin --expect-tries N] [--allow-low-tries] [other options]

  --reader <name>   card reader to use (default: the one holding a JPKI card)
  --facts <file>    extra facts such as answers to questions (JSON); they override the card's
  --json            print JSON (snapshot, facts, result, pinCheck)
  --lang ja|en      output language (default: ja)

  --sign-test       check the signing password and, when it is right, have the card sign a random
                    value and verify that signature with the card's signing certificate and its
                    issuer certificate. Shows the tries left and asks for confirmation, then asks
                    for the password on the terminal without showing it. A wrong password uses
                    one try; with 2 or fewer left an explicit consent is needed.
  --pin-stdin       without a terminal (scripts): read the password from the first line of
                    standard input. Requires --expect-tries (nothing is sent if the card differs)
  --expect-tries N  with --pin-stdin: the signing-password tries left you saw in probe
  --allow-low-tries with --pin-stdin: agree to send even with 2 or fewer tries left

The password can never be given as an argument or an environment variable (other programs and
the shell history could see it). Without --sign-test no password or PIN is asked for or sent.
`,
};

const WORDS = {
  ja: {
    tries: (n: number) => `署名用パスワードの残り回数: ${n}回（5回中）`,
    wrongCosts: '入力を間違えると1回減ります。大文字・小文字は区別されません。',
    confirm: 'パスワードを入力してカードで確認しますか？ [y/N] ',
    low: (n: number) =>
      `残りは${n}回です。間違えると${n === 1 ? 'ロックされます' : 'ロック寸前になります'}。確実にわかっている場合だけ続けてください。自信がなければコンビニか窓口でのリセットが安全です。`,
    lowConfirm: '続けるには yes と入力してください: ',
    prompt: '署名用パスワード（画面には表示されません）: ',
    cancelled: '中止しました。カードには何も送っていません。',
    noTries: 'カードの残り回数が読めなかったため、パスワードは尋ねません。',
    locked: '署名用パスワードはロックされています。パスワードは送りません。',
    result: { ok: 'パスワードは正しいと確認できました。', wrong: (n?: number) => `パスワードが違いました。残り${n ?? '?'}回です。`, notSent: 'カードには送っていません。' },
  },
  en: {
    tries: (n: number) => `Signing password tries left: ${n} of 5`,
    wrongCosts: 'A wrong entry uses one try. Upper and lower case are the same.',
    confirm: 'Enter the password and check it on the card? [y/N] ',
    low: (n: number) =>
      `Only ${n} ${n === 1 ? 'try is' : 'tries are'} left; a mistake would ${n === 1 ? 'lock it' : 'leave it one step from locking'}. Continue only if you are sure; otherwise a reset at a convenience store or the counter is safer.`,
    lowConfirm: 'Type yes to continue: ',
    prompt: 'Signing password (not shown): ',
    cancelled: 'Cancelled. Nothing was sent to the card.',
    noTries: 'The tries left could not be read, so no password is asked for.',
    locked: 'The signing password is locked. No password is sent.',
    result: { ok: 'The password is confirmed correct.', wrong: (n?: number) => `The password was wrong. ${n ?? '?'} tries left.`, notSent: 'Nothing was sent to the card.' },
  },
} as const;

export function run(argv: string[]): Promise<number> {
  const options = {
    reader: { type: 'string' },
    facts: { type: 'string' },
    json: { type: 'boolean', default: false },
    'sign-test': { type: 'boolean', default: false },
    'pin-stdin': { type: 'boolean', default: false },
    'expect-tries': { type: 'string' },
    'allow-low-tries': { type: 'boolean', default: false },
  } as const;
  return runCommand(argv, { options, help: HELP }, async (values, lang) => {
    const signTest = values['sign-test'];
    const fromStdin = values['pin-stdin'];
    if (!signTest && (fromStdin || values['expect-tries'] !== undefined || values['allow-low-tries'])) {
      throw new CliError({ ja: '--pin-stdin、--expect-tries、--allow-low-tries は --sign-test と一緒に使います', en: '--pin-stdin, --expect-tries and --allow-low-tries go with --sign-test' });
    }
    const expectTries = parseExpectTries(values['expect-tries']);
    if (signTest) {
      if (fromStdin && expectTries === undefined) {
        throw new CliError({ ja: '--pin-stdin には --expect-tries（確認済みの残り回数）が必要です', en: '--pin-stdin needs --expect-tries (the tries left you saw)' });
      }
      if (!fromStdin && !process.stdin.isTTY) {
        throw new CliError({
          ja: '--sign-test はパスワードを端末で尋ねますが、標準入力が端末ではありません。スクリプトからは --pin-stdin --expect-tries 回数 を使ってください',
          en: '--sign-test asks for the password on the terminal, but standard input is not a terminal. From a script use --pin-stdin --expect-tries N',
        });
      }
    }
    // Read the answers first: a bad file should not cost a card read.
    const answers = values.facts !== undefined ? await readFactsFile(values.facts) : {};
    const reader = values.reader ? { reader: values.reader } : {};
    // The child reads the card while this process loads the rules.
    const probing = probeCard(reader);
    const rules = loadRules();
    const snapshot = await probing;
    let facts: Facts = { platform: currentPlatform(), ...snapshotToFacts(snapshot), ...answers };
    let pinCheck: PinAttemptResult | undefined;
    if (signTest) {
      pinCheck = await signTestWithConsent(snapshot, lang, { reader, fromStdin, expectTries, allowLowTries: values['allow-low-tries'] });
      if (pinCheck) {
        facts = { ...facts, ...pinResultFacts(pinCheck, snapshot.signPinTriesLeft) };
        if (typeof pinCheck.triesLeft === 'number') facts.signPinTriesLeft = pinCheck.triesLeft;
      }
    }
    const result = diagnose(facts, rules);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ snapshot, facts, result: localizeResult(result, lang), ...(pinCheck ? { pinCheck: withoutHolder(pinCheck) } : {}) }, null, 2)}\n`);
    } else {
      const pinText = pinCheck ? formatPinCheck(pinCheck, lang) : '';
      process.stdout.write(`${formatSnapshot(snapshot, lang)}\n${pinText}${formatResult(result, lang)}`);
    }
    return 0;
  });
}

function parseExpectTries(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-5]$/.test(value)) throw new CliError({ ja: `--expect-tries は0〜5の数字です（指定: ${value}）`, en: `--expect-tries is a number from 0 to 5 (got ${value})` });
  return Number(value);
}

/**
 * The PIN safety rules on the terminal: tries shown before anything is typed,
 * an explicit yes (a typed "yes" at 2 or fewer), then the password without echo.
 * Returns undefined when nothing was attempted.
 */
async function signTestWithConsent(
  snapshot: CardSnapshot,
  lang: Lang,
  options: { reader: { reader?: string }; fromStdin: boolean; expectTries?: number; allowLowTries: boolean },
): Promise<PinAttemptResult | undefined> {
  const w = WORDS[lang];
  const tries = snapshot.signPinTriesLeft;
  const say = (text: string) => process.stderr.write(`${text}\n`);
  if (tries === undefined) {
    say(w.noTries);
    return undefined;
  }
  if (tries === 0) {
    say(w.locked);
    return undefined;
  }
  let allowLowTries = false;
  let pin: string;
  try {
    if (options.fromStdin) {
      say(w.tries(tries));
      allowLowTries = options.allowLowTries;
      pin = await readPasswordLine();
    } else {
      say(w.tries(tries));
      say(w.wrongCosts);
      if (!/^(y|yes|はい)$/i.test((await askLine(w.confirm)).trim())) {
        say(w.cancelled);
        return undefined;
      }
      if (needsLowTriesConsent(tries)) {
        say(w.low(tries));
        if ((await askLine(w.lowConfirm)).trim().toLowerCase() !== 'yes') {
          say(w.cancelled);
          return undefined;
        }
        allowLowTries = true;
      }
      pin = await readHiddenPassword(w.prompt);
    }
  } catch (error) {
    if (error instanceof PromptAborted) {
      say(w.cancelled);
      return undefined;
    }
    throw error;
  }
  try {
    // With --pin-stdin the tries the caller saw must still be the card's; interactively, the ones just shown.
    // Bounded (signTestInChild.ts): a card that goes silent ends in an answer, never in a second try.
    return await signTestInChild(pin, { ...options.reader, allowLowTries, expectedTriesLeft: options.expectTries ?? tries });
  } finally {
    pin = '';
  }
}

function formatPinCheck(r: PinAttemptResult, lang: Lang): string {
  const w = WORDS[lang];
  const lines: string[] = [];
  if (r.ok) lines.push(w.result.ok);
  else if (r.sent) lines.push(w.result.wrong(r.triesLeft));
  if (r.error) lines.push(r.error.message[lang], ...(r.error.detail ? [`  (${r.error.detail})`] : []));
  if (!r.sent) lines.push(w.result.notSent);
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  return `${text}${r.signatureTest ? formatSignatureTest(r.signatureTest, lang) : ''}\n`;
}

/** Output may be saved or pasted: the holder's name, birth date and address stay out of it. */
function withoutHolder(r: PinAttemptResult): PinAttemptResult {
  if (!r.signCert?.holder) return r;
  const { holder: _holder, ...signCert } = r.signCert;
  return { ...r, signCert };
}
