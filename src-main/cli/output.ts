import type { Basis, Diagnosis, DiagnosisResult, Question, RecoveryStep, Severity, SourceRef } from '../contract/diagnosis';
import type { Lang, Localized } from '../contract/localized';
import { CliError } from './errors';

export type OutputLang = Lang | 'both';

export function parseLang(value: string | undefined, allowBoth = false): OutputLang {
  if (value === undefined) return 'ja';
  if (value === 'ja' || value === 'en' || (allowBoth && value === 'both')) return value;
  const choices = allowBoth ? 'ja, en, both' : 'ja, en';
  throw new CliError({
    ja: `--lang の値 "${value}" は使えません(${choices} のいずれか)。`,
    en: `--lang "${value}" is not supported (use ${choices}).`,
  });
}

type Text<L extends OutputLang> = L extends 'both' ? Localized : string;

function pick<L extends OutputLang>(t: Localized, lang: L): Text<L> {
  return (lang === 'both' ? t : t[lang as Lang]) as Text<L>;
}

/**
 * JSON shape of `diagnose --json`: every Localized text is reduced to the
 * chosen language, or kept as {ja, en} with --lang both.
 */
export function localizeResult<L extends OutputLang>(result: DiagnosisResult, lang: L) {
  const step = (s: RecoveryStep) => ({
    id: s.id,
    title: pick(s.title, lang),
    ...(s.detail ? { detail: pick(s.detail, lang) } : {}),
    ...(s.asset ? { asset: s.asset } : {}),
    sources: s.sources ?? [],
    basis: s.basis ?? 'sources',
  });
  const diagnosis = (d: Diagnosis) => ({
    id: d.id,
    severity: d.severity,
    title: pick(d.title, lang),
    summary: pick(d.summary, lang),
    evidence: d.evidence.map((e) => pick(e, lang)),
    steps: d.steps.map(step),
    // earliestSigning in words for people, earliestSigningAt (ISO 8601, +09:00) for tools.
    ...(d.earliestSigningText ? { earliestSigning: pick(d.earliestSigningText, lang) } : {}),
    ...(d.earliestSigningAt ? { earliestSigningAt: d.earliestSigningAt } : {}),
    sources: d.sources ?? [],
    basis: d.basis ?? 'sources',
  });
  const question = (q: Question) => ({
    fact: q.fact,
    kind: q.kind,
    text: pick(q.text, lang),
    ...(q.help ? { help: pick(q.help, lang) } : {}),
    ...(q.options ? { options: q.options.map((o) => ({ value: o.value, label: pick(o.label, lang) })) } : {}),
  });
  return {
    diagnoses: result.diagnoses.map(diagnosis),
    nextQuestion: result.nextQuestion ? question(result.nextQuestion) : null,
    path: result.path,
    checked: result.checked,
  };
}

const SEVERITY: Record<Severity, Localized> = {
  blocker: { ja: '要対応', en: 'BLOCKER' },
  warning: { ja: '注意', en: 'WARNING' },
  info: { ja: '情報', en: 'INFO' },
};

const L = {
  heading: { ja: 'jpki-doctor 診断結果', en: 'jpki-doctor diagnosis' },
  none: { ja: '該当する診断はありません。', en: 'No diagnosis applies.' },
  evidence: { ja: '根拠', en: 'Why' },
  steps: { ja: '対処', en: 'What to do' },
  earliest: { ja: '署名できる見込み', en: 'Earliest signing' },
  also: { ja: 'ほかに見つかったこと', en: 'Also found' },
  next: { ja: '次の質問', en: 'Next question' },
  checked: { ja: '確認済みの項目', en: 'Known facts' },
  unchecked: { ja: '未確認の項目', en: 'Unknown facts' },
  path: { ja: 'たどった経路', en: 'Path' },
} satisfies Record<string, Localized>;

/** "2026-01-10T10:00:00+09:00" → "2026-01-10 10:00 (JST)" */
function when(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} (JST)` : iso;
}

function diagnosisBlock(d: Diagnosis, lang: Lang, full: boolean): string[] {
  const lines = [`■ [${SEVERITY[d.severity][lang]}] ${d.title[lang]} (${d.id})`, `  ${d.summary[lang]}`];
  if (!full) return lines;
  if (d.evidence.length) {
    lines.push(`  ${L.evidence[lang]}:`);
    for (const e of d.evidence) lines.push(`   - ${e[lang]}`);
  }
  if (d.steps.length) {
    lines.push(`  ${L.steps[lang]}:`);
    d.steps.forEach((s, i) => {
      lines.push(`   ${i + 1}. ${s.title[lang]}`);
      if (s.detail) lines.push(`      ${s.detail[lang]}`);
    });
  }
  if (d.earliestSigningText) lines.push(`  ${L.earliest[lang]}: ${d.earliestSigningText[lang]}`);
  else if (d.earliestSigning) lines.push(`  ${L.earliest[lang]}: ${when(d.earliestSigning)}`);
  lines.push(...groundsLines(d, lang).map((l) => `  ${l}`));
  return lines;
}

/** 「出典:」 then one line per page (title, publisher, day read, address); practice is said in words. */
function groundsLines(x: { sources?: SourceRef[]; basis?: Basis }, lang: Lang): string[] {
  const items = (x.sources ?? []).map((s) => (lang === 'ja' ? `${s.title}(${s.publisher}、${s.checked}確認) ${s.url}` : `${s.title} (${s.publisher}, checked ${s.checked}) ${s.url}`));
  if (x.basis === 'practice') items.push(lang === 'ja' ? '実務上の経験に基づく' : "Based on practitioners' experience");
  if (items.length === 0) return [];
  return [`${lang === 'ja' ? '出典' : 'Sources'}:`, ...items.map((i) => `   - ${i}`)];
}

/** Readable text for a terminal; shared by `diagnose` and `check`. */
export function formatResult(result: DiagnosisResult, lang: Lang): string {
  const lines = [L.heading[lang], ''];
  const [primary, ...others] = result.diagnoses;
  if (!primary) lines.push(L.none[lang]);
  else lines.push(...diagnosisBlock(primary, lang, true));
  if (others.length) {
    lines.push('', `${L.also[lang]}:`);
    for (const d of others) lines.push(...diagnosisBlock(d, lang, true), '');
  }
  if (result.nextQuestion) {
    const q = result.nextQuestion;
    lines.push('', `${L.next[lang]}: ${q.text[lang]}`);
    if (q.help) lines.push(`  ${q.help[lang]}`);
    if (q.options) lines.push(`  ${q.options.map((o) => o.label[lang]).join(' / ')}`);
  }
  const known = result.checked.filter((c) => c.known).map((c) => c.fact);
  const unknown = result.checked.filter((c) => !c.known).map((c) => c.fact);
  lines.push('', `${L.checked[lang]}: ${known.join(', ') || '-'}`, `${L.unchecked[lang]}: ${unknown.join(', ') || '-'}`);
  lines.push(`${L.path[lang]}: ${result.path.join(' → ')}`);
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
