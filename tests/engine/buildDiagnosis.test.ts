import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import { parseCondition } from '../../src-main/engine/condition';
import { diagnose } from '../../src-main/engine/diagnose';
import { evaluateRules } from '../../src-main/engine/evaluateRules';
import { flowGraph, flowPath } from '../../src-main/engine/flowPath';
import { humanDate, humanDateTime, humanEarliest } from '../../src-main/engine/humanDate';
import type { RuleSet } from '../../src-main/engine/ruleSet';
import { earliestSigningMs } from '../../src-main/engine/schedule';
import { formatJstDateTime } from '../../src-main/engine/time';

/**
 * What diagnose() makes of a fired rule, on a hand-made rule set (independent of
 * rules/): evidence only when its condition surely holds, steps unless their
 * condition surely fails, the first sure route for the earliest signing, sources
 * and basis from the catalogue, and the flowchart path.
 */
const NOW = '2026-11-25T12:00:00+09:00'; // Wednesday
const NOW_MS = Date.parse(NOW);
const c = (raw: unknown) => parseCondition(raw, 'test');
const t = (s: string) => ({ ja: `${s}(ja)`, en: s });

const SOURCE = { id: 'jlis', url: 'https://www.jpki.go.jp/', title: 'JPKI portal', publisher: 'J-LIS', checked: '2026-11-20' };

function rules(): RuleSet {
  const rule = {
    id: 'locked',
    severity: 'blocker' as const,
    priority: 10,
    file: 'test.yaml',
    title: t('Locked with {signPinTriesLeft|try} left'),
    summary: t('Summary'),
    when: c({ fact: 'signPinTriesLeft', lte: 1 }),
    evidence: [
      { value: t('always') },
      { when: c({ fact: 'abroad', eq: true }), value: t('abroad') },
      { when: c({ fact: 'platform', eq: 'darwin' }), value: t('mac') },
    ],
    steps: [
      { value: 'kiosk' },
      { when: c({ fact: 'abroad', eq: false }), value: 'counter' },
      { when: c({ fact: 'platform', eq: 'darwin' }), value: 'keychain' },
    ],
    earliestSigning: [
      { when: c({ fact: 'abroad', eq: true }), value: 'now' as const },
      { when: c({ fact: 'platform', eq: 'darwin' }), value: 'counter-reset' as const },
      { value: 'kiosk' as const },
    ],
    grounds: { sources: ['jlis'], practice: false },
  };
  const info = {
    id: 'remark',
    severity: 'info' as const,
    priority: 90,
    file: 'test.yaml',
    title: t('Remark'),
    summary: t('Remark summary'),
    when: c({ fact: 'cardPresent', eq: true }),
    evidence: [],
    steps: [],
    earliestSigning: [{ when: c({ fact: 'abroad', eq: true }), value: 'now' as const }],
    grounds: { sources: [], practice: true },
  };
  const step = (id: string, extra: object = {}) => ({ id, title: t(`Step ${id}`), grounds: { sources: [], practice: true }, ...extra });
  return {
    dir: 'test',
    diagnoses: [rule, info],
    byId: new Map<string, unknown>([
      [rule.id, rule],
      [info.id, info],
    ]),
    steps: new Map([
      ['kiosk', step('kiosk', { detail: t('Book with the phone app'), asset: 'kiosk.svg', grounds: { sources: ['jlis'], practice: false } })],
      ['counter', step('counter')],
      ['keychain', step('keychain')],
    ]),
    questions: [],
    flow: {
      nodes: [
        { id: 'start', kind: 'start', label: t('Start'), explain: t('Begin') },
        { id: 'check-card', kind: 'check', label: t('Card?'), explain: t('Is a card there') },
        { id: 'locked', kind: 'diagnosis', label: t('Locked'), explain: t('PIN locked') },
        { id: 'fine', kind: 'diagnosis', label: t('Fine'), explain: t('All good') },
      ],
      edges: [
        { from: 'start', to: 'check-card', label: t('go') },
        { from: 'check-card', to: 'locked', when: c({ fact: 'signPinTriesLeft', lte: 1 }) },
        { from: 'check-card', to: 'fine', when: c({ fact: 'cardPresent', eq: true }) },
        { from: 'fine', to: 'start' },
      ],
    },
    timing: {
      counter: { weekdays: [1, 2, 3, 4, 5], opens: '08:30', lastEntry: '11:00', closedFrom: '12-29', closedTo: '01-03', closedOnNationalHolidays: true, grounds: { sources: [], practice: true } },
      kiosk: { opens: '06:30', closes: '11:30', minutesNeeded: 30, grounds: { sources: [], practice: true } },
      newCertificateWait: { hours: 24, grounds: { sources: [], practice: true } },
    },
    sources: new Map([['jlis', SOURCE]]),
  } as unknown as RuleSet;
}

const run = (facts: Facts) => diagnose({ now: NOW, ...facts }, rules());

describe('diagnose on a hand-made rule', () => {
  it('shows evidence only when its condition surely holds', () => {
    expect(run({ signPinTriesLeft: 0 }).diagnoses[0]!.evidence.map((e) => e.en)).toEqual(['always']);
    expect(run({ signPinTriesLeft: 0, abroad: true }).diagnoses[0]!.evidence.map((e) => e.en)).toEqual(['always', 'abroad']);
    expect(run({ signPinTriesLeft: 0, abroad: false, platform: 'darwin' }).diagnoses[0]!.evidence.map((e) => e.en)).toEqual(['always', 'mac']);
  });

  it('shows a step unless its condition surely fails', () => {
    const ids = (facts: Facts) => run(facts).diagnoses[0]!.steps.map((s) => s.id);
    expect(ids({ signPinTriesLeft: 0 })).toEqual(['kiosk', 'counter', 'keychain']);
    expect(ids({ signPinTriesLeft: 0, abroad: true, platform: 'win32' })).toEqual(['kiosk']);
    expect(ids({ signPinTriesLeft: 0, abroad: false, platform: 'darwin' })).toEqual(['kiosk', 'counter', 'keychain']);
  });

  it('renders texts with the facts and carries step details, pictures, sources and basis', () => {
    const d = run({ signPinTriesLeft: 1, abroad: false, platform: 'win32' }).diagnoses[0]!;
    expect(d).toMatchObject({ id: 'locked', severity: 'blocker', title: { ja: 'Locked with 1回 left(ja)', en: 'Locked with 1 try left' }, summary: t('Summary') });
    expect(d.sources).toEqual([SOURCE]);
    expect(d.basis).toBe('sources');
    expect(d.steps[0]).toEqual({
      id: 'kiosk',
      title: t('Step kiosk'),
      detail: t('Book with the phone app'),
      asset: 'kiosk.svg',
      sources: [SOURCE],
      basis: 'sources',
    });
    expect(d.steps[1]).toEqual({ id: 'counter', title: t('Step counter'), sources: [], basis: 'practice' });
  });

  it('takes the first route whose condition surely holds for the earliest signing', () => {
    const expected = (route: 'now' | 'kiosk' | 'counter-reset', facts: Facts) => formatJstDateTime(earliestSigningMs(route, facts, NOW_MS, rules().timing)!);
    const abroad = run({ signPinTriesLeft: 0, abroad: true, platform: 'darwin' }).diagnoses[0]!;
    expect(abroad.earliestSigning).toBe(NOW);
    expect(abroad.earliestSigningAt).toBe(NOW);
    expect(abroad.earliestSigningText).toEqual({ ja: 'いますぐ', en: 'now' });
    // Unknown "abroad" does not pick the first route; "darwin" surely picks the second.
    const mac = run({ signPinTriesLeft: 0, platform: 'darwin' }).diagnoses[0]!;
    expect(mac.earliestSigning).toBe(expected('counter-reset', { signPinTriesLeft: 0, platform: 'darwin' }));
    const win = run({ signPinTriesLeft: 0, platform: 'win32' }).diagnoses[0]!;
    expect(win.earliestSigning).toBe(expected('kiosk', { signPinTriesLeft: 0, platform: 'win32' }));
    expect(win.earliestSigning).not.toBe(mac.earliestSigning);
    expect(win.earliestSigningText!.en).toMatch(/^\w{3} \d+ \w{3}, around \d+:\d{2}$/);
  });

  it('gives no earliest signing when no route surely applies', () => {
    const remark = run({ cardPresent: true }).diagnoses.find((d) => d.id === 'remark')!;
    expect(remark.earliestSigning).toBeUndefined();
    expect(remark.earliestSigningText).toBeUndefined();
    expect(remark.basis).toBe('practice');
    expect(remark.sources).toEqual([]);
  });

  it('lists every fact as checked or not', () => {
    const checked = run({ signPinTriesLeft: 0 }).checked;
    expect(checked.find((x) => x.fact === 'signPinTriesLeft')).toEqual({ fact: 'signPinTriesLeft', known: true });
    expect(checked.find((x) => x.fact === 'abroad')).toEqual({ fact: 'abroad', known: false });
    expect(checked.find((x) => x.fact === 'now')).toEqual({ fact: 'now', known: true });
  });

  it('passes declined questions on and returns no question for a rule set without any', () => {
    expect(run({}).nextQuestion).toBeNull();
  });
});

describe('flowPath', () => {
  const path = (facts: Facts) => flowPath(evaluateRules({ now: NOW, ...facts }, rules()), rules());

  it('follows the first edge whose condition surely holds, stopping where none does', () => {
    expect(path({})).toEqual(['start', 'check-card']);
    expect(path({ signPinTriesLeft: 0, cardPresent: true })).toEqual(['start', 'check-card', 'locked']);
    expect(path({ signPinTriesLeft: 3, cardPresent: true })).toEqual(['start', 'check-card', 'fine']);
  });

  it('stops instead of going round a cycle', () => {
    expect(path({ cardPresent: true })).toEqual(['start', 'check-card', 'fine']);
  });

  it('exports nodes and edges for drawing, without conditions', () => {
    const g = flowGraph(rules());
    expect(g.nodes[0]).toEqual({ id: 'start', kind: 'start', label: t('Start'), explain: t('Begin') });
    expect(g.edges[0]).toEqual({ from: 'start', to: 'check-card', label: t('go') });
    expect(g.edges[1]).toEqual({ from: 'check-card', to: 'locked' });
  });
});

describe('humanDate', () => {
  const at = (iso: string) => Date.parse(iso);
  it('writes the date the Japanese way and the English way, with the year only when it differs', () => {
    expect(humanDate(at('2026-01-15T10:00:00+09:00'), NOW_MS, 'ja')).toBe('1月15日(木)');
    expect(humanDate(at('2026-01-15T10:00:00+09:00'), NOW_MS, 'en')).toBe('Thu 15 Jan');
    expect(humanDate(at('2027-01-15T10:00:00+09:00'), NOW_MS, 'ja')).toBe('2027年1月15日(金)');
    expect(humanDate(at('2027-12-31T10:00:00+09:00'), NOW_MS, 'en')).toBe('Fri 31 Dec 2027');
  });

  it('uses Japan time: a late UTC evening is already the next day', () => {
    expect(humanDate(at('2026-12-31T15:30:00Z'), NOW_MS, 'ja')).toBe('2027年1月1日(金)');
  });

  it('adds the time, with minutes only when there are some in Japanese', () => {
    expect(humanDateTime(at('2026-01-15T10:00:00+09:00'), NOW_MS, 'ja')).toBe('1月15日(木)10時ごろ');
    expect(humanDateTime(at('2026-01-15T06:30:00+09:00'), NOW_MS, 'ja')).toBe('1月15日(木)6時30分ごろ');
    expect(humanDateTime(at('2026-01-15T06:05:00+09:00'), NOW_MS, 'en')).toBe('Thu 15 Jan, around 6:05');
  });

  it('says now once the moment has come', () => {
    expect(humanEarliest(NOW_MS, NOW_MS, 'ja')).toBe('いますぐ');
    expect(humanEarliest(NOW_MS - 1, NOW_MS, 'en')).toBe('now');
    expect(humanEarliest(NOW_MS + 3600_000, NOW_MS, 'en')).toBe('Wed 25 Nov, around 13:00');
  });
});
