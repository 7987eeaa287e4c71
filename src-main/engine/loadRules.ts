import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Question, SourceRef } from '../contract/diagnosis';
import type { Localized } from '../contract/localized';
import type { FactName, Facts } from '../contract/facts';
import { ConditionError, parseCondition, referencedDiagnoses, referencedSeverities, type Condition } from './condition';
import { FACT_INFO, factAccepts, isFactName } from './factKinds';
import { ROUTES, type Timing } from './schedule';
import { templateProblems } from './template';
import { describeFlowProblem, flowchartProblems } from './validateFlowchart';
import type { DiagnosisRule, FlowEdgeDef, FlowNodeDef, Grounds, Guarded, RuleSet, StepDef } from './ruleSet';

/** A rule file that cannot be used; the message names file, rule and field. */
export class RuleLoadError extends Error {
  constructor(
    readonly file: string,
    readonly rule: string | undefined,
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(`${file}: ${rule ? `rule "${rule}": ` : ''}${field ? `${field}: ` : ''}${reason}`);
    this.name = 'RuleLoadError';
  }
}

const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));

const LocalizedSchema = z.object({ ja: z.string().min(1), en: z.string().min(1) }).strict();
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens');

/**
 * Every diagnosis, step and timing entry says what it rests on: `sources` (ids in
 * rules/sources.yaml) and/or `basis: practice` (practitioners' experience only; the
 * text then says so). Neither is a load error (checked in `grounds()`).
 */
const GroundsFields = {
  sources: z.array(z.string()).min(1, 'list at least one source id, or drop it and say `basis: practice`').optional(),
  basis: z.literal('practice', { message: 'the only basis is "practice" (otherwise cite `sources`)' }).optional(),
};

const SourcesFileSchema = z
  .object({
    sources: z.record(
      Id,
      z.object({
        url: z.string().regex(/^https:\/\/[^\s]+$/, 'must be an https:// address'),
        title: z.string().min(1),
        publisher: z.string().min(1),
        checked: z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)).pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')),
      }),
    ).nullable().transform((v) => v ?? {}),
  })
  .strict();

const DiagnosisFileSchema = z
  .object({
    diagnoses: z.array(
      z
        .object({
          id: Id,
          severity: z.enum(['blocker', 'warning', 'info']),
          priority: z.number(),
          title: LocalizedSchema,
          summary: LocalizedSchema,
          when: z.unknown().refine((v) => v !== undefined, 'required'),
          evidence: z.array(z.object({ when: z.unknown().optional(), text: LocalizedSchema }).strict()).min(1),
          steps: z.array(z.union([Id, z.object({ step: Id, when: z.unknown().optional() }).strict()])).min(1),
          earliestSigning: z.array(z.object({ when: z.unknown().optional(), route: z.enum(ROUTES as [string, ...string[]]) }).strict()).optional(),
          ...GroundsFields,
        })
        .strict(),
    ),
  })
  .strict();

const StepsFileSchema = z
  .object({
    steps: z.record(
      Id,
      z
        .object({
          title: LocalizedSchema,
          detail: LocalizedSchema.optional(),
          asset: z.string().regex(/^[a-z0-9-]+\.svg$/, 'must be an .svg file name').optional(),
          // Steps sharing this name are alternatives (exactly one applies), shown as "one of these".
          alternativeGroup: Id.optional(),
          ...GroundsFields,
        })
        .strict(),
    ),
  })
  .strict();

const QuestionOptionSchema = z
  .object({
    value: z.union([z.string(), z.boolean(), z.null()]),
    label: LocalizedSchema,
    /** kind event: facts this answer settles. */
    sets: z.record(z.string(), z.unknown()).optional(),
    /** kind event: the date fact the person's date goes into. */
    dateFact: z.string().optional(),
  })
  .strict();

const QuestionsFileSchema = z
  .object({
    questions: z.array(
      z
        .object({
          /** Required for kind event (its facts are in its options); a one-fact question's id is its fact. */
          id: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase name').optional(),
          fact: z.string().optional(),
          kind: z.enum(['boolean', 'date', 'date-or-never', 'choice', 'event']),
          text: LocalizedSchema,
          textWhen: z.array(z.object({ when: z.unknown().refine((v) => v !== undefined, 'required'), text: LocalizedSchema }).strict()).optional(),
          help: LocalizedSchema.optional(),
          dateLabel: LocalizedSchema.optional(),
          options: z.array(QuestionOptionSchema).optional(),
          askAfter: z.array(z.string()).optional(),
          plausibleDays: z.object({ from: z.number().int(), to: z.number().int() }).strict().refine((r) => r.from <= r.to, '"from" must not be after "to"').optional(),
        })
        .strict(),
    ),
    endConversationOn: z.array(z.string()).optional(),
  })
  .strict();

const FlowFileSchema = z
  .object({
    nodes: z.array(
      z
        .object({
          id: Id,
          kind: z.enum(['start', 'check', 'question', 'diagnosis']),
          label: LocalizedSchema,
          explain: LocalizedSchema,
          fact: z.string().optional(),
        })
        .strict(),
    ),
    edges: z.array(z.object({ from: Id, to: Id, label: LocalizedSchema.optional(), when: z.unknown().optional() }).strict()),
  })
  .strict();

const Clock = z.string().regex(/^\d{1,2}:\d{2}$/, 'must be HH:MM');
const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD');
const TimingFileSchema = z
  .object({
    counter: z
      .object({
        weekdays: z.array(z.number().int().min(0).max(6)).min(1),
        opens: Clock,
        lastEntry: Clock,
        closedYearEnd: z.object({ from: MonthDay, to: MonthDay }).strict(),
        closedOnNationalHolidays: z.boolean(),
        ...GroundsFields,
      })
      .strict(),
    kiosk: z.object({ opens: Clock, closes: Clock, minutesNeeded: z.number().int().min(0), ...GroundsFields }).strict(),
    newCertificateWait: z.object({ hours: z.number().min(0), ...GroundsFields }).strict(),
  })
  .strict();

function issuePath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

interface Source {
  display: string;
  data: unknown;
}

function readYaml(file: string, display: string): Source {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RuleLoadError(display, undefined, undefined, `cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return { display, data: parseYaml(text) };
  } catch (e) {
    throw new RuleLoadError(display, undefined, undefined, `invalid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Validates with zod; on failure names the rule (by the id next to the bad field) and the field path. */
function validate<T>(schema: z.ZodType<T>, src: Source, listKey?: string): T {
  const r = schema.safeParse(src.data ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  let rule: string | undefined;
  let p = issue.path;
  if (listKey && p[0] === listKey && typeof p[1] === 'number') {
    const item = (src.data as Record<string, unknown[]>)[listKey]?.[p[1]] as Record<string, unknown> | undefined;
    rule = typeof item?.id === 'string' ? item.id : typeof item?.fact === 'string' ? item.fact : `#${p[1]}`;
    p = p.slice(2);
  } else if ((listKey === 'steps' || listKey === 'sources') && p[0] === listKey && typeof p[1] === 'string') {
    rule = p[1];
    p = p.slice(2);
  }
  const detail = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
  throw new RuleLoadError(src.display, rule, issuePath(p) || undefined, detail);
}

function condition(raw: unknown, file: string, rule: string | undefined, field: string): Condition {
  try {
    return parseCondition(raw, field);
  } catch (e) {
    if (e instanceof ConditionError) throw new RuleLoadError(file, rule, e.path, e.reason);
    throw e;
  }
}

function checkTexts(file: string, rule: string, field: string, text: { ja: string; en: string }) {
  for (const lang of ['ja', 'en'] as const) {
    const problem = templateProblems(text[lang])[0];
    if (problem) throw new RuleLoadError(file, rule, `${field}.${lang}`, problem);
  }
}

/** Resolves `sources` / `basis`; neither, or an id not in the catalogue, is a load error naming file, rule and field. */
function grounds(file: string, rule: string, raw: { sources?: string[]; basis?: 'practice' }, catalogue: ReadonlyMap<string, SourceRef>): Grounds {
  if (!raw.sources && !raw.basis) {
    throw new RuleLoadError(file, rule, 'sources', 'missing: cite `sources: [id, …]` (ids from rules/sources.yaml) or say `basis: practice`');
  }
  (raw.sources ?? []).forEach((id, i) => {
    if (!catalogue.has(id)) throw new RuleLoadError(file, rule, `sources[${i}]`, `unknown source "${id}" (not in rules/sources.yaml)`);
  });
  return { sources: raw.sources ?? [], practice: raw.basis === 'practice' };
}

function guarded<T>(file: string, rule: string, field: string, raw: { when?: unknown }, value: T): Guarded<T> {
  return raw.when === undefined ? { value } : { when: condition(raw.when, file, rule, `${field}.when`), value };
}

function loadSources(dir: string, display: (f: string) => string): Map<string, SourceRef> {
  const src = readYaml(path.join(dir, 'sources.yaml'), display(path.join(dir, 'sources.yaml')));
  const parsed = validate(SourcesFileSchema, src, 'sources');
  return new Map(Object.entries(parsed.sources).map(([id, s]) => [id, { id, url: s.url, title: s.title, publisher: s.publisher, checked: s.checked }]));
}

function loadDiagnoses(dir: string, display: (f: string) => string, catalogue: ReadonlyMap<string, SourceRef>): DiagnosisRule[] {
  const diagDir = path.join(dir, 'diagnoses');
  if (!existsSync(diagDir) || !statSync(diagDir).isDirectory()) {
    throw new RuleLoadError(display(diagDir), undefined, undefined, 'missing directory of diagnosis rules');
  }
  const files = readdirSync(diagDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const rules: DiagnosisRule[] = [];
  for (const f of files) {
    const src = readYaml(path.join(diagDir, f), display(path.join(diagDir, f)));
    const file = src.display;
    const parsed = validate(DiagnosisFileSchema, src, 'diagnoses');
    for (const d of parsed.diagnoses) {
      checkTexts(file, d.id, 'title', d.title);
      checkTexts(file, d.id, 'summary', d.summary);
      d.evidence.forEach((e, i) => checkTexts(file, d.id, `evidence[${i}].text`, e.text));
      rules.push({
        id: d.id,
        severity: d.severity,
        priority: d.priority,
        file,
        title: d.title,
        summary: d.summary,
        when: condition(d.when, file, d.id, 'when'),
        evidence: d.evidence.map((e, i) => guarded(file, d.id, `evidence[${i}]`, e, e.text)),
        steps: d.steps.map((s, i) => (typeof s === 'string' ? { value: s } : guarded(file, d.id, `steps[${i}]`, s, s.step))),
        earliestSigning: (d.earliestSigning ?? []).map((e, i) => guarded(file, d.id, `earliestSigning[${i}]`, e, e.route as DiagnosisRule['earliestSigning'][number]['value'])),
        grounds: grounds(file, d.id, d, catalogue),
      });
    }
  }
  if (rules.length === 0) throw new RuleLoadError(display(diagDir), undefined, undefined, 'no diagnosis rules found');
  return rules;
}

function allConditions(r: DiagnosisRule): { field: string; c: Condition }[] {
  return [
    { field: 'when', c: r.when },
    ...r.evidence.flatMap((e, i) => (e.when ? [{ field: `evidence[${i}].when`, c: e.when }] : [])),
    ...r.steps.flatMap((s, i) => (s.when ? [{ field: `steps[${i}].when`, c: s.when }] : [])),
    ...r.earliestSigning.flatMap((s, i) => (s.when ? [{ field: `earliestSigning[${i}].when`, c: s.when }] : [])),
  ];
}

/** Orders rules so each comes after those its `when` depends on; a cycle is a rule error. */
function evaluationOrder(rules: DiagnosisRule[]): DiagnosisRule[] {
  const deps = new Map<string, string[]>();
  for (const r of rules) {
    const sev = new Set(referencedSeverities(r.when));
    deps.set(r.id, [...new Set([...referencedDiagnoses(r.when), ...rules.filter((o) => o.id !== r.id && sev.has(o.severity)).map((o) => o.id)])]);
  }
  const byId = new Map(rules.map((r) => [r.id, r]));
  const order: DiagnosisRule[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const r = byId.get(id)!;
      throw new RuleLoadError(r.file, id, 'when', `circular dependency between rules: ${[...trail.slice(trail.indexOf(id)), id].join(' → ')}`);
    }
    state.set(id, 'visiting');
    for (const d of deps.get(id)!) visit(d, [...trail, id]);
    state.set(id, 'done');
    order.push(byId.get(id)!);
  };
  for (const r of rules) visit(r.id, []);
  return order;
}

interface LoadedQuestions {
  questions: Question[];
  askAfter: Map<string, FactName[]>;
  questionTexts: Map<string, Guarded<Localized>[]>;
  plausibleDays: Map<string, { from: number; to: number }>;
  endConversationOn: Set<string>;
}

type RawQuestion = z.infer<typeof QuestionsFileSchema>['questions'][number];

/** An event question: one answer settles several facts (each option's `sets`, plus its `dateFact` from a date input). */
function eventQuestion(q: RawQuestion, file: string, rule: string): { facts: FactName[]; options: Question['options'] } {
  if (q.fact !== undefined) throw new RuleLoadError(file, rule, 'fact', 'an event question names its facts in its options (`sets`, `dateFact`), not in `fact`');
  if (!q.options || q.options.length < 2) throw new RuleLoadError(file, rule, 'options', 'an event question needs at least two options');
  const facts: FactName[] = [];
  const cover = (f: FactName) => {
    if (!facts.includes(f)) facts.push(f);
  };
  const values = new Set<unknown>();
  const options = q.options.map((o, j) => {
    const where = `options[${j}]`;
    if (typeof o.value !== 'string') throw new RuleLoadError(file, rule, `${where}.value`, 'an event option\'s value is a name (a string)');
    if (values.has(o.value)) throw new RuleLoadError(file, rule, `${where}.value`, `"${o.value}" is offered twice`);
    values.add(o.value);
    for (const [name, v] of Object.entries(o.sets ?? {})) {
      if (!isFactName(name)) throw new RuleLoadError(file, rule, `${where}.sets.${name}`, `unknown fact "${name}"`);
      if (!factAccepts(name, v)) throw new RuleLoadError(file, rule, `${where}.sets.${name}`, `${JSON.stringify(v)} is not a possible value of "${name}"`);
      cover(name);
    }
    if (o.dateFact !== undefined) {
      if (!isFactName(o.dateFact)) throw new RuleLoadError(file, rule, `${where}.dateFact`, `unknown fact "${o.dateFact}"`);
      if (FACT_INFO[o.dateFact].kind !== 'date') throw new RuleLoadError(file, rule, `${where}.dateFact`, `"${o.dateFact}" is not a date fact`);
      if (o.sets && o.dateFact in o.sets) throw new RuleLoadError(file, rule, `${where}.dateFact`, `"${o.dateFact}" is also in sets`);
      cover(o.dateFact);
    }
    if (!o.sets && o.dateFact === undefined) throw new RuleLoadError(file, rule, where, 'an event option must set a fact (`sets` and/or `dateFact`)');
    return { value: o.value, label: o.label, ...(o.sets ? { sets: o.sets as Partial<Facts> } : {}), ...(o.dateFact ? { dateFact: o.dateFact as FactName } : {}) };
  });
  if (options.some((o) => o.dateFact) && !q.dateLabel) throw new RuleLoadError(file, rule, 'dateLabel', 'an event question with a dateFact needs a dateLabel for the date input');
  return { facts, options };
}

function loadQuestions(dir: string, display: (f: string) => string, diagnoses: ReadonlyMap<string, DiagnosisRule>): LoadedQuestions {
  const src = readYaml(path.join(dir, 'questions.yaml'), display(path.join(dir, 'questions.yaml')));
  const file = src.display;
  const parsed = validate(QuestionsFileSchema, src, 'questions');
  const asked = new Map<string, string>(); // fact -> question id asking it
  const ids = new Set<string>();
  const out: LoadedQuestions = { questions: [], askAfter: new Map(), questionTexts: new Map(), plausibleDays: new Map(), endConversationOn: new Set() };
  parsed.questions.forEach((q, i) => {
    const rule = q.id ?? q.fact ?? `#${i}`;
    let question: Question;
    if (q.kind === 'event') {
      if (q.id === undefined) throw new RuleLoadError(file, rule, 'id', 'an event question needs an id');
      if (isFactName(q.id)) throw new RuleLoadError(file, rule, 'id', 'an event question\'s id must not be a fact name');
      const { facts, options } = eventQuestion(q, file, rule);
      question = { id: q.id, fact: facts[0]!, kind: 'event', text: q.text, ...(q.help ? { help: q.help } : {}), options, facts, ...(q.dateLabel ? { dateLabel: q.dateLabel } : {}) };
    } else {
      if (q.fact === undefined || !isFactName(q.fact)) throw new RuleLoadError(file, rule, 'fact', q.fact === undefined ? 'missing' : `unknown fact "${q.fact}"`);
      if (q.id !== undefined && q.id !== q.fact) throw new RuleLoadError(file, rule, 'id', 'a one-fact question\'s id is its fact; leave it out');
      if (q.dateLabel) throw new RuleLoadError(file, rule, 'dateLabel', 'only event questions have a dateLabel');
      const info = FACT_INFO[q.fact];
      const expected = { boolean: ['boolean'], date: ['date', 'date-or-never'], number: ['choice'], string: ['choice'] }[info.kind];
      if (!expected.includes(q.kind)) throw new RuleLoadError(file, rule, 'kind', `"${q.kind}" does not fit a ${info.kind} fact (use ${expected.join(' or ')})`);
      if (q.kind === 'date-or-never' && !info.nullable) throw new RuleLoadError(file, rule, 'kind', `fact "${q.fact}" cannot be "never" (null)`);
      if (q.kind === 'choice' && !q.options?.length) throw new RuleLoadError(file, rule, 'options', 'a choice question needs options');
      q.options?.forEach((o, j) => {
        if (o.sets !== undefined || o.dateFact !== undefined) throw new RuleLoadError(file, rule, `options[${j}]`, '`sets` and `dateFact` belong to event questions only');
        if (!factAccepts(q.fact as FactName, o.value)) throw new RuleLoadError(file, rule, `options[${j}].value`, `${JSON.stringify(o.value)} is not a possible value of "${q.fact}"`);
      });
      question = { id: q.fact, fact: q.fact, kind: q.kind, text: q.text, ...(q.help ? { help: q.help } : {}), ...(q.options ? { options: q.options.map((o) => ({ value: o.value, label: o.label })) } : {}) };
    }
    const id = question.id!;
    if (ids.has(id)) throw new RuleLoadError(file, rule, 'id', 'asked twice');
    ids.add(id);
    for (const f of question.facts ?? [question.fact]) {
      const other = asked.get(f);
      if (other !== undefined) throw new RuleLoadError(file, rule, q.kind === 'event' ? 'options' : 'fact', `"${f}" is already asked by question "${other}"`);
      asked.set(f, id);
    }
    checkTexts(file, rule, 'text', q.text);
    if (q.help) checkTexts(file, rule, 'help', q.help);
    q.textWhen?.forEach((v, j) => checkTexts(file, rule, `textWhen[${j}].text`, v.text));
    if (q.textWhen?.length) out.questionTexts.set(id, q.textWhen.map((v, j) => guarded(file, rule, `textWhen[${j}]`, v, v.text)));
    if (q.plausibleDays) {
      const covered = question.facts ?? [question.fact];
      if (!covered.some((f) => FACT_INFO[f].kind === 'date')) throw new RuleLoadError(file, rule, 'plausibleDays', 'only a question about a date can limit its dates');
      out.plausibleDays.set(id, q.plausibleDays);
    }
    q.askAfter?.forEach((f, j) => {
      if (!isFactName(f)) throw new RuleLoadError(file, rule, `askAfter[${j}]`, `unknown fact "${f}"`);
    });
    if (q.askAfter?.length) out.askAfter.set(id, q.askAfter as FactName[]);
    out.questions.push(question);
  });
  parsed.endConversationOn?.forEach((id, j) => {
    if (!diagnoses.has(id)) throw new RuleLoadError(file, undefined, `endConversationOn[${j}]`, `unknown diagnosis "${id}"`);
    out.endConversationOn.add(id);
  });
  return out;
}

function loadSteps(dir: string, display: (f: string) => string, assetsDir: string, catalogue: ReadonlyMap<string, SourceRef>): Map<string, StepDef> {
  const src = readYaml(path.join(dir, 'steps.yaml'), display(path.join(dir, 'steps.yaml')));
  const parsed = validate(StepsFileSchema, src, 'steps');
  const steps = new Map<string, StepDef>();
  for (const [id, s] of Object.entries(parsed.steps)) {
    checkTexts(src.display, id, 'title', s.title);
    if (s.detail) checkTexts(src.display, id, 'detail', s.detail);
    if (s.asset && !existsSync(path.join(assetsDir, s.asset))) {
      throw new RuleLoadError(src.display, id, 'asset', `asset file "${s.asset}" not found in ${display(assetsDir)}/`);
    }
    const { sources: _s, basis: _b, ...rest } = s;
    steps.set(id, { id, ...rest, grounds: grounds(src.display, id, s, catalogue) });
  }
  // A group of one would silently show a lone step as "one of these".
  const groups = new Map<string, string[]>();
  for (const s of steps.values()) if (s.alternativeGroup) groups.set(s.alternativeGroup, [...(groups.get(s.alternativeGroup) ?? []), s.id]);
  for (const [group, members] of groups) {
    if (members.length < 2) throw new RuleLoadError(src.display, members[0], 'alternativeGroup', `"${group}" names no other step (an alternative needs at least two steps)`);
  }
  return steps;
}

function loadFlow(dir: string, display: (f: string) => string, diagnoses: Map<string, DiagnosisRule>, questions: Question[]): RuleSet['flow'] {
  const src = readYaml(path.join(dir, 'flowchart.yaml'), display(path.join(dir, 'flowchart.yaml')));
  const file = src.display;
  const parsed = validate(FlowFileSchema, src, 'nodes');
  const ids = new Set<string>();
  const nodes: FlowNodeDef[] = parsed.nodes.map((n) => {
    if (ids.has(n.id)) throw new RuleLoadError(file, n.id, 'id', 'duplicate node id');
    ids.add(n.id);
    if (n.kind === 'diagnosis' && !diagnoses.has(n.id)) throw new RuleLoadError(file, n.id, 'id', `diagnosis node "${n.id}" has no diagnosis rule of that id`);
    if (n.kind === 'question') {
      if (!n.fact || !questions.some((q) => (q.facts ?? [q.fact]).includes(n.fact as FactName))) {
        throw new RuleLoadError(file, n.id, 'fact', `question node needs "fact" naming a fact some question in questions.yaml asks (got ${JSON.stringify(n.fact)})`);
      }
    } else if (n.fact !== undefined) throw new RuleLoadError(file, n.id, 'fact', 'only question nodes name a fact');
    return n as FlowNodeDef;
  });
  if (nodes.filter((n) => n.kind === 'start').length !== 1) throw new RuleLoadError(file, undefined, 'nodes', 'there must be exactly one start node');
  for (const id of diagnoses.keys()) {
    if (!ids.has(id)) throw new RuleLoadError(file, id, 'nodes', `diagnosis "${id}" has no node in the flowchart`);
  }
  const edges: FlowEdgeDef[] = parsed.edges.map((e, i) => {
    const where = `edges[${i}]`;
    if (!ids.has(e.from)) throw new RuleLoadError(file, undefined, `${where}.from`, `unknown node "${e.from}"`);
    if (!ids.has(e.to)) throw new RuleLoadError(file, undefined, `${where}.to`, `unknown node "${e.to}"`);
    const edge: FlowEdgeDef = { from: e.from, to: e.to, ...(e.label ? { label: e.label } : {}) };
    if (e.when !== undefined) {
      edge.when = condition(e.when, file, undefined, `${where}.when`);
      for (const ref of referencedDiagnoses(edge.when)) {
        if (!diagnoses.has(ref)) throw new RuleLoadError(file, undefined, `${where}.when`, `unknown diagnosis "${ref}"`);
      }
    }
    return edge;
  });
  const problem = flowchartProblems({ nodes, edges })[0];
  if (problem) throw new RuleLoadError(file, undefined, problem.kind === 'cycle' ? 'edges' : 'nodes', describeFlowProblem(problem));
  return { nodes, edges };
}

export interface LoadRulesOptions {
  /** Where step pictures live; default: the `assets/` folder next to the rules folder. */
  assetsDir?: string;
}

/** Loads and cross-checks every rule file; throws RuleLoadError on the first problem. */
export function loadRules(rulesDir: string = DEFAULT_RULES_DIR, options: LoadRulesOptions = {}): RuleSet {
  const dir = path.resolve(rulesDir);
  const assetsDir = path.resolve(options.assetsDir ?? path.join(dir, '..', 'assets'));
  const base = path.dirname(dir);
  const display = (f: string) => path.relative(base, f).split(path.sep).join('/');

  const sources = loadSources(dir, display);
  const list = loadDiagnoses(dir, display, sources);
  const byId = new Map<string, DiagnosisRule>();
  for (const r of list) {
    const prev = byId.get(r.id);
    if (prev) throw new RuleLoadError(r.file, r.id, 'id', `duplicate diagnosis id (also in ${prev.file})`);
    byId.set(r.id, r);
  }
  const steps = loadSteps(dir, display, assetsDir, sources);
  for (const r of list) {
    for (const { field, c } of allConditions(r)) {
      for (const ref of referencedDiagnoses(c)) {
        if (!byId.has(ref)) throw new RuleLoadError(r.file, r.id, field, `unknown diagnosis "${ref}"`);
      }
    }
    r.steps.forEach((s, i) => {
      if (!steps.has(s.value)) throw new RuleLoadError(r.file, r.id, `steps[${i}]`, `unknown step "${s.value}" (not in steps.yaml)`);
    });
  }
  const { questions, askAfter, questionTexts, plausibleDays, endConversationOn } = loadQuestions(dir, display, byId);
  const flow = loadFlow(dir, display, byId, questions);
  const timingSrc = readYaml(path.join(dir, 'timing.yaml'), display(path.join(dir, 'timing.yaml')));
  const t = validate(TimingFileSchema, timingSrc);
  const tf = timingSrc.display;
  const timing: Timing = {
    counter: {
      weekdays: t.counter.weekdays,
      opens: t.counter.opens,
      lastEntry: t.counter.lastEntry,
      closedFrom: t.counter.closedYearEnd.from,
      closedTo: t.counter.closedYearEnd.to,
      closedOnNationalHolidays: t.counter.closedOnNationalHolidays,
      grounds: grounds(tf, 'counter', t.counter, sources),
    },
    kiosk: { opens: t.kiosk.opens, closes: t.kiosk.closes, minutesNeeded: t.kiosk.minutesNeeded, grounds: grounds(tf, 'kiosk', t.kiosk, sources) },
    newCertificateWait: { hours: t.newCertificateWait.hours, grounds: grounds(tf, 'newCertificateWait', t.newCertificateWait, sources) },
  };

  return { dir, diagnoses: evaluationOrder(list), byId, steps, questions, askAfter, questionTexts, plausibleDays, endConversationOn, flow, timing, sources };
}
