import { FACT_NAMES, type FactName, type Facts } from '../../contract/facts';
import type { Question } from '../../contract/diagnosis';
import type { Lang, Localized } from '../../contract/localized';
import { diagnose, loadRules } from '../../engine';
import type { RuleSet } from '../../engine/ruleSet';
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
  --declined <項目>  「わからない」と答えた質問(カンマ区切り)。項目名(例: enteredPinKind)か、
                     いくつかの項目をまとめて聞く質問のID(lifeEvents, overseasArrangements)。
                     ウィザードと同じく、その質問はもう聞かれず次の質問が示されます
  --json             JSON で出力する(文字列は --lang の言語。both なら {ja, en} のまま)
  --lang ja|en       表示言語(既定: ja)
  -h, --help         このヘルプ

まとめて聞く質問(転居・転出・国外転出・氏名の変更など)には、選んだ答えが決める項目を
事実データに書いて答えます(例: "movedAt": "2025-08-01", "moveOutFiledAt": null, "abroad": false)。
質問が出たときに、答えごとの書き方を表示します。
"now" がなければ現在時刻を使います。
`,
  en: `Usage: jpki-doctor diagnose --facts <file|-> [--declined name,name] [--json] [--lang ja|en|both]

  --facts <file>     facts as a JSON file (- reads standard input)
  --declined <names> questions answered "I don't know", comma-separated: a fact name (e.g.
                     enteredPinKind) or the id of a question that asks several facts at once
                     (lifeEvents, overseasArrangements); as in the wizard, they are not asked
                     again and the next question comes instead
  --json             print JSON (strings in the --lang language; "both" keeps {ja, en})
  --lang ja|en       output language (default: ja)
  -h, --help         this help

A question that asks several facts at once (move, move-out, move abroad, name change, ...) is
answered by putting the facts its chosen answer sets into the facts file (e.g. "movedAt":
"2025-08-01", "moveOutFiledAt": null, "abroad": false); when it is asked, each answer's facts
are printed.
Without "now" in the facts, the current time is used.
`,
};

async function readFacts(source: string): Promise<Facts> {
  const facts = await readFactsFile(source);
  return facts.now ? facts : { ...facts, now: new Date().toISOString() };
}

/**
 * `--declined a,b`: fact names, or ids of questions that ask several facts (an
 * event question such as lifeEvents: declining it declines all its facts, as
 * the wizard does). Each must be known; a fact answered in the facts, or a
 * question all of whose facts are, cannot also be declined.
 */
export function parseDeclined(value: string | undefined, facts: Facts, rules: RuleSet = loadRules()): string[] {
  if (value === undefined) return [];
  const names = value.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const eventIds = rules.questions.filter((q) => q.kind === 'event').map((q) => q.id!);
  for (const name of names) {
    const question = rules.questions.find((q) => q.kind === 'event' && q.id === name);
    if (!(FACT_NAMES as string[]).includes(name) && !question) {
      throw new CliError({
        ja: `--declined の "${name}" は不明な項目です(項目名か ${eventIds.join('・')}。例: --declined lifeEvents,enteredPinKind)。`,
        en: `--declined: "${name}" is not a known fact or question (a fact name, or ${eventIds.join(' / ')}; e.g. --declined lifeEvents,enteredPinKind).`,
      });
    }
    const answered = question ? question.facts!.every((f) => facts[f] !== undefined) : facts[name as FactName] !== undefined;
    if (answered) {
      throw new CliError({
        ja: `"${name}" は事実データで答えられているので、--declined(わからない)にはできません。どちらかを外してください。`,
        en: `"${name}" is answered in the facts, so it cannot also be declined ("I don't know"); drop one of them.`,
      });
    }
  }
  return [...new Set(names)];
}

/** For a question that asks several facts at once: what each answer puts into the facts file. */
function eventAnswerLines(q: Question, lang: Lang): string[] {
  const date = q.dateLabel ? `<${q.dateLabel[lang]} YYYY-MM-DD>` : '<YYYY-MM-DD>';
  const lines = [lang === 'ja' ? `質問 ${q.id} への答え方(事実データに、当てはまる答えの項目を書く):` : `Answering ${q.id} (put the facts of the answer that applies into the facts file):`];
  for (const o of q.options ?? []) {
    const sets: Record<string, unknown> = { ...o.sets, ...(o.dateFact ? { [o.dateFact]: date } : {}) };
    lines.push(`  ${o.label[lang]}: ${JSON.stringify(sets)}`);
  }
  lines.push(lang === 'ja' ? `  わからない: --declined ${q.id}` : `  I don't know: --declined ${q.id}`);
  return lines;
}

/** The JSON question with what a script needs to answer an event question (id, facts, each option's sets and dateFact). */
function eventFields(q: Question, lang: Lang | 'both') {
  const pickText = (t: Localized) => (lang === 'both' ? t : t[lang]);
  return {
    id: q.id ?? q.fact,
    ...(q.facts ? { facts: q.facts } : {}),
    ...(q.dateLabel ? { dateLabel: pickText(q.dateLabel) } : {}),
    ...(q.options ? { options: q.options.map((o) => ({ value: o.value, label: pickText(o.label), ...(o.sets ? { sets: o.sets } : {}), ...(o.dateFact ? { dateFact: o.dateFact } : {}) })) } : {}),
  };
}

export function run(argv: string[]): Promise<number> {
  const options = { facts: { type: 'string' }, declined: { type: 'string' }, json: { type: 'boolean', default: false } } as const;
  return runCommand(argv, { options, help: HELP, allowBothLang: true }, async (values, lang, jsonLang) => {
    if (values.facts === undefined) {
      throw new CliError({ ja: '--facts <ファイル> を指定してください(標準入力なら --facts -)。', en: 'give --facts <file> (or --facts - for standard input).' });
    }
    const facts = await readFacts(values.facts);
    const rules = loadRules();
    const declined = parseDeclined(values.declined, facts, rules);
    const result = diagnose(facts, rules, { declined });
    const q = result.nextQuestion;
    if (values.json) {
      const json = localizeResult(result, jsonLang);
      if (json.nextQuestion && q) Object.assign(json.nextQuestion, eventFields(q, jsonLang));
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      const extra = q?.kind === 'event' ? `\n${eventAnswerLines(q, lang).join('\n')}\n` : '';
      process.stdout.write(formatResult(result, lang) + extra);
    }
    return 0;
  });
}
