import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadRules, RuleLoadError } from '../../src-main/engine';

// questions.yaml schema for combined (event) questions, the text variants, the date window
// and endConversationOn: each mistake is refused with file, question and field named.
const REPO = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A copy of the real rules with questions.yaml changed. */
function withQuestions(change: (doc: any) => void): string {
  const root = mkdtempSync(path.join(tmpdir(), 'jpki-questions-'));
  temps.push(root);
  cpSync(path.join(REPO, 'rules'), path.join(root, 'rules'), { recursive: true });
  cpSync(path.join(REPO, 'assets'), path.join(root, 'assets'), { recursive: true });
  const file = path.join(root, 'rules', 'questions.yaml');
  const doc = parse(readFileSync(file, 'utf8'));
  change(doc);
  writeFileSync(file, stringify(doc));
  return path.join(root, 'rules');
}

const life = (doc: any) => doc.questions.find((q: any) => q.id === 'lifeEvents');
const option = (doc: any, value: string) => life(doc).options.find((o: any) => o.value === value);

function loadError(dir: string): string {
  try {
    loadRules(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleLoadError);
    return (e as Error).message;
  }
  throw new Error('expected loadRules to fail');
}

describe('questions.yaml: event questions', () => {
  it('loads the real ones: ids, facts in option order, options with sets and dateFact', () => {
    const rules = loadRules();
    const q = rules.questions.find((x) => x.id === 'lifeEvents')!;
    expect(q.facts).toEqual(['abroad', 'moveOutFiledAt', 'movedAt', 'nameChangedAt']);
    expect(rules.questions.find((x) => x.id === 'overseasArrangements')!.facts).toEqual(['overseasContinuation', 'overseasSigningCert']);
    // Every one-fact question's id is its fact.
    for (const x of rules.questions.filter((x) => x.kind !== 'event')) expect(x.id).toBe(x.fact);
    expect([...rules.endConversationOn!]).toContain('no-reader');
  });

  it.each([
    ['an option setting an unknown fact', (d: any) => (option(d, 'none').sets.movedOn = null), /rule "lifeEvents": options\[4\]\.sets\.movedOn: unknown fact "movedOn"/],
    ['an option setting a value of the wrong kind', (d: any) => (option(d, 'abroad').sets.abroad = 'yes'), /rule "lifeEvents": options\[0\]\.sets\.abroad: "yes" is not a possible value of "abroad"/],
    ['a date fact that is not a date', (d: any) => (option(d, 'moved').dateFact = 'abroad'), /options\[2\]\.dateFact: "abroad" is not a date fact/],
    ['a date fact that is unknown', (d: any) => (option(d, 'moved').dateFact = 'movedOn'), /options\[2\]\.dateFact: unknown fact "movedOn"/],
    ['a date fact also in sets', (d: any) => (option(d, 'moved').sets.movedAt = null), /options\[2\]\.dateFact: "movedAt" is also in sets/],
    ['an option that sets nothing', (d: any) => (life(d).options.push({ value: 'other', label: { ja: 'そのほか', en: 'Other' } })), /options\[5\]: an event option must set a fact/],
    ['the same option twice', (d: any) => (option(d, 'none').value = 'moved'), /options\[4\]\.value: "moved" is offered twice/],
    ['an event question without id', (d: any) => delete life(d).id, /an event question needs an id/],
    ['an event question named like a fact', (d: any) => (life(d).id = 'movedAt'), /an event question's id must not be a fact name/],
    ['an event question with a fact', (d: any) => (life(d).fact = 'movedAt'), /rule "lifeEvents": fact: an event question names its facts in its options/],
    ['a date option without a dateLabel', (d: any) => delete life(d).dateLabel, /dateLabel: an event question with a dateFact needs a dateLabel/],
    ['a fact asked by two questions', (d: any) => d.questions.push({ fact: 'movedAt', kind: 'date-or-never', text: { ja: '引越し？', en: 'Moved?' } }), /rule "movedAt": fact: "movedAt" is already asked by question "lifeEvents"/],
    ['sets on a one-fact question', (d: any) => (d.questions.find((q: any) => q.fact === 'jpkiSoftware').options[0].sets = { abroad: false }), /rule "jpkiSoftware": options\[0\]: `sets` and `dateFact` belong to event questions only/],
    ['a text variant with an unknown placeholder', (d: any) => (life(d).textWhen[0].text.ja = '{signCertIssued}より後に'), /textWhen\[0\]\.text\.ja: placeholder \{signCertIssued\}: unknown fact/],
    ['a text variant with a bad condition', (d: any) => (life(d).textWhen[0].when = { fact: 'signCertNotBefore', eq: 3 }), /rule "lifeEvents": textWhen\[0\]\.when/],
    ['a date window on a question without a date', (d: any) => (d.questions.find((q: any) => q.fact === 'jpkiSoftware').plausibleDays = { from: 0, to: 30 }), /rule "jpkiSoftware": plausibleDays: only a question about a date/],
    ['a date window the wrong way round', (d: any) => (d.questions.find((q: any) => q.fact === 'plannedSigningDate').plausibleDays = { from: 30, to: 0 }), /plausibleDays: "from" must not be after "to"/],
    ['an unknown diagnosis that ends the conversation', (d: any) => d.endConversationOn.push('no-raeder'), /endConversationOn\[\d+\]: unknown diagnosis "no-raeder"/],
  ] as [string, (d: any) => void, RegExp][])('refuses %s', (_what, change, message) => {
    expect(loadError(withQuestions(change))).toMatch(message);
  });

  it('near miss: a valid extra option loads and is offered', () => {
    const dir = withQuestions((d) => life(d).options.splice(4, 0, { value: 'address-renamed', label: { ja: '住居表示の変更', en: 'Address renamed' }, sets: { abroad: false, moveOutFiledAt: null }, dateFact: 'movedAt' }));
    expect(loadRules(dir).questions.find((q) => q.id === 'lifeEvents')!.options!.map((o) => o.value)).toContain('address-renamed');
  });
});
