import { CliError, langFromArgv, reportError } from './errors';
import { commands } from './registry';
import { finish, guardOutput } from './stdio';

const HELP = {
  ja: `使い方: jpki-doctor <コマンド> [オプション]

コマンド:
${'{commands}'}

各コマンドの詳細: jpki-doctor <コマンド> --help
`,
  en: `Usage: jpki-doctor <command> [options]

Commands:
${'{commands}'}

Details: jpki-doctor <command> --help
`,
};

async function help(lang: 'ja' | 'en'): Promise<string> {
  const lines = await Promise.all(
    Object.entries(commands).filter(([name]) => !name.startsWith('__')).map(async ([name, load]) => {
      const summary = (await load()).summary?.[lang] ?? '';
      return `  ${name.padEnd(10)} ${summary}`;
    }),
  );
  return HELP[lang].replace('{commands}', lines.join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  const lang = langFromArgv(argv);
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(await help(lang));
      return name === undefined ? 2 : 0;
    }
    const load = commands[name];
    if (!load) {
      throw new CliError({
        ja: `不明なコマンド "${name}" です(使えるもの: ${Object.keys(commands).join(', ')})。`,
        en: `unknown command "${name}" (available: ${Object.keys(commands).join(', ')}).`,
      });
    }
    return await (await load()).run(rest);
  } catch (err) {
    return reportError(err, lang);
  }
}

// Output can never crash the CLI; it exits explicitly once the answer is out (see stdio.ts).
guardOutput();
await finish(await main(process.argv.slice(2)));
