import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import { ConditionError, parseCondition } from '../../src-main/engine/condition';
import { diagnose } from '../../src-main/engine/diagnose';
import { evaluateRules } from '../../src-main/engine/evaluateRules';
import { flowPath } from '../../src-main/engine/flowPath';
import { loadRules } from '../../src-main/engine/loadRules';
import type { RuleSet } from '../../src-main/engine/ruleSet';
import { counterOpenOn, earliestSigningMs, type Timing } from '../../src-main/engine/schedule';
import { formatJstDateTime, jstMidnight, parseInstant } from '../../src-main/engine/time';
import { describeFlowProblem, flowchartProblems } from '../../src-main/engine/validateFlowchart';
import { cond } from './handRules';

/**
 * Edges of the engine's other files that the mutation run (28 Nov 2026) found
 * untested: a kiosk visit never placed before now, one-day and month-long counter
 * closures, flowcharts whose start node is not listed first or whose branches
 * converge many times, the loader's messages, and alternative steps in a result.
 */
const practice = { sources: [], practice: true };
const timing: Timing = {
  counter: { weekdays: [1, 2, 3, 4, 5], opens: '08:30', lastEntry: '16:30', closedFrom: '12-29', closedTo: '01-03', closedOnNationalHolidays: true, grounds: practice },
  kiosk: { opens: '06:30', closes: '23:00', minutesNeeded: 30, grounds: practice },
  newCertificateWait: { hours: 24, grounds: practice },
};
const at = (now: string, route: Parameters<typeof earliestSigningMs>[0], t: Timing = timing) => {
  const ms = earliestSigningMs(route, {}, parseInstant(now), t);
  return ms === undefined ? undefined : formatJstDateTime(ms);
};

describe('kiosk: the estimate is never earlier than now', () => {
  it('within the opening minute itself, the answer is now, not the minute\'s start', () => {
    expect(at('2026-01-14T06:30:30+09:00', 'kiosk')).toBe('2026-01-14T06:30:30+09:00');
    expect(at('2026-01-14T06:29:59+09:00', 'kiosk')).toBe('2026-01-14T06:30:00+09:00');
  });
});

describe('counter closures of unusual length', () => {
  it('a one-day closure closes exactly that day', () => {
    const oneDay = { ...timing.counter, closedFrom: '06-10', closedTo: '06-10' };
    const day = (ymd: string) => jstMidnight(parseInstant(ymd));
    // 2026-06-09, -10 and -11 are Tuesday to Thursday.
    expect([counterOpenOn(day('2026-06-09'), oneDay), counterOpenOn(day('2026-06-10'), oneDay), counterOpenOn(day('2026-06-11'), oneDay)]).toEqual([true, false, true]);
    expect(at('2026-06-09T17:00:00+09:00', 'counter-reset', { ...timing, counter: oneDay })).toBe('2026-06-11T08:30:00+09:00');
  });

  it('the first opening day 31 days ahead is still found (a month-long closure)', () => {
    // Closed 1–30 January; 31 December 2027 is a Friday, 31 January 2028 a Monday.
    const month = { ...timing, counter: { ...timing.counter, closedFrom: '01-01', closedTo: '01-30' } };
    expect(at('2027-12-31T17:00:00+09:00', 'counter-reset', month)).toBe('2028-01-31T08:30:00+09:00');
  });
});

describe('flowcharts whose start is not the first node', () => {
  const shape = {
    nodes: [
      { id: 'orphan-first', kind: 'check' },
      { id: 'start', kind: 'start' },
      { id: 'a', kind: 'check' },
    ],
    edges: [{ from: 'start', to: 'a' }],
  };

  it('are checked from the node of kind start', () => {
    expect(flowchartProblems(shape)).toEqual([{ kind: 'unreachable', nodes: ['orphan-first'] }]);
  });

  it('are walked from the node of kind start', () => {
    const real = loadRules();
    const node = (id: string, kind: 'start' | 'check') => ({ id, kind, label: { ja: id, en: id }, explain: { ja: id, en: id } });
    const rules = {
      ...real,
      flow: {
        nodes: [node('elsewhere', 'check'), node('begin', 'start'), node('card', 'check'), node('next', 'check')],
        edges: [
          { from: 'elsewhere', to: 'next' },
          { from: 'begin', to: 'card', when: cond({ fact: 'cardPresent', eq: true }) },
        ],
      },
    } as RuleSet;
    expect(flowPath(evaluateRules({ now: '2026-01-14T10:00:00+09:00', cardPresent: true }, rules), rules)).toEqual(['begin', 'card']);
  });
});

describe('flowcharts with many converging branches', () => {
  it('visit each node once: forty diamonds in a row are checked at once', () => {
    const nodes = [{ id: 'n0', kind: 'start' }];
    const edges: { from: string; to: string }[] = [];
    for (let i = 0; i < 40; i++) {
      nodes.push({ id: `a${i}`, kind: 'check' }, { id: `b${i}`, kind: 'check' }, { id: `n${i + 1}`, kind: 'check' });
      edges.push({ from: `n${i}`, to: `a${i}` }, { from: `n${i}`, to: `b${i}` }, { from: `a${i}`, to: `n${i + 1}` }, { from: `b${i}`, to: `n${i + 1}` });
    }
    expect(flowchartProblems({ nodes, edges })).toEqual([]);
  });
});

describe('messages for rule authors', () => {
  it('lists every unreachable node, separated', () => {
    expect(describeFlowProblem({ kind: 'unreachable', nodes: ['x', 'y'] })).toBe('no path from the start node reaches: x, y');
    expect(describeFlowProblem({ kind: 'cycle', path: ['a', 'b', 'a'] })).toBe('the flowchart has a cycle: a → b → a');
  });

  it('quotes at most 40 characters of a long string that is no date', () => {
    const long = `tomorrow${'x'.repeat(100)}`;
    try {
      parseCondition({ fact: 'movedAt', after: long }, 'when');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConditionError);
      expect((e as ConditionError).reason).toMatch(new RegExp(`^"${long.slice(0, 40)}" is not a date: `));
      expect((e as ConditionError).reason).not.toContain(long.slice(0, 41));
    }
  });
});

describe('diagnose: alternative steps keep their group', () => {
  it('a step of an alternative group says so in the result; other steps carry no group', () => {
    const real = loadRules();
    expect(real.steps.get('counter-new-signing')?.alternativeGroup).toBe('get-signing-cert');
    const rule = { ...real.diagnoses[0]!, id: 'test-rule', when: cond({ fact: 'cardPresent', eq: true }), steps: [{ value: 'counter-new-signing' }, { value: 'counter-hours' }], earliestSigning: [] };
    const rules = { ...real, diagnoses: [rule], byId: new Map([[rule.id, rule]]), questions: [] } as RuleSet;
    const result = diagnose({ now: '2026-01-14T10:00:00+09:00', cardPresent: true } as Facts, rules);
    expect(result.diagnoses.map((d) => d.id)).toEqual(['test-rule']);
    const [renew, hours] = result.diagnoses[0]!.steps;
    expect(renew).toMatchObject({ id: 'counter-new-signing', alternativeGroup: 'get-signing-cert' });
    expect(hours!.id).toBe('counter-hours');
    expect(hours).not.toHaveProperty('alternativeGroup');
  });
});
