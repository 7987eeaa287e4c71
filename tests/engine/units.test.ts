import { describe, expect, it } from 'vitest';
import { diagnose, flowGraph, normalizeErrorCode, parseFacts } from '../../src-main/engine';
import { parseCondition } from '../../src-main/engine/condition';
import { evaluate, type EvalContext } from '../../src-main/engine/evaluate';
import { earliestSigningMs } from '../../src-main/engine/schedule';
import { formatJstDateTime, parseInstant } from '../../src-main/engine/time';
import { NOW, healthyAnswered, healthyProbe, rules } from './scenario';

describe('normalizeErrorCode', () => {
  it.each([
    ['ｉｃｆ４０３１', 'ICF4031'],
    [' icf 4031 ', 'ICF4031'],
    ['ICF\u30004031', 'ICF4031'],
    ['hjs0407e', 'HJS0407E'],
    ['', null],
    ['   ', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (raw, want) => expect(normalizeErrorCode(raw)).toBe(want));
});

describe('parseFacts', () => {
  it('accepts valid facts', () => {
    const r = parseFacts(healthyAnswered);
    expect(r.ok).toBe(true);
  });
  it('names a field of the wrong type', () => {
    const r = parseFacts({ signPinTriesLeft: 'three' });
    expect(r).toMatchObject({ ok: false, field: 'signPinTriesLeft' });
    if (!r.ok) expect(r.localized.ja).toContain('signPinTriesLeft');
  });
  it('names an unknown field', () => {
    expect(parseFacts({ signPinTries: 3 })).toMatchObject({ ok: false, field: 'signPinTries' });
  });
  it('names a bad date', () => {
    expect(parseFacts({ movedAt: 'last spring' })).toMatchObject({ ok: false, field: 'movedAt' });
  });
  it('rejects a non-object', () => {
    expect(parseFacts([1, 2])).toMatchObject({ ok: false, field: '(root)' });
    expect(parseFacts(null)).toMatchObject({ ok: false, field: '(root)' });
  });
});

describe('three-valued conditions', () => {
  const ctx = (facts: object): EvalContext => ({
    facts,
    nowMs: parseInstant(NOW),
    diagnosis: () => undefined,
    noneFiredWithSeverity: () => true,
  });
  const c = (raw: unknown) => parseCondition(raw, 'when');
  it('a test on an unknown fact is unknown, not false', () => {
    expect(evaluate(c({ fact: 'signPinTriesLeft', eq: 0 }), ctx({}))).toBeUndefined();
    expect(evaluate(c({ not: { fact: 'signPinTriesLeft', eq: 0 } }), ctx({}))).toBeUndefined();
  });
  it('all/any follow Kleene logic', () => {
    const unknown = { fact: 'abroad', eq: true };
    expect(evaluate(c({ all: [unknown, { fact: 'platform', eq: 'win32' }] }), ctx({ platform: 'darwin' }))).toBe(false);
    expect(evaluate(c({ all: [unknown, { fact: 'platform', eq: 'win32' }] }), ctx({ platform: 'win32' }))).toBeUndefined();
    expect(evaluate(c({ any: [unknown, { fact: 'platform', eq: 'win32' }] }), ctx({ platform: 'win32' }))).toBe(true);
  });
  it('"never" (null) is neither before nor after a date', () => {
    expect(evaluate(c({ fact: 'movedAt', after: { fact: 'authCertNotBefore' } }), ctx({ movedAt: null, authCertNotBefore: '2020-01-01' }))).toBe(false);
  });
  it('durations', () => {
    expect(evaluate(c({ fact: 'certRenewedAt', hoursSince: { lt: 24 } }), ctx({ certRenewedAt: '2026-01-13T11:00:00+09:00' }))).toBe(true);
    expect(evaluate(c({ fact: 'certRenewedAt', hoursSince: { lt: 24 } }), ctx({ certRenewedAt: '2026-01-13T09:00:00+09:00' }))).toBe(false);
    expect(evaluate(c({ fact: 'authCertNotAfter', daysUntil: { lte: 90 } }), ctx({ authCertNotAfter: '2026-04-13' }))).toBe(true);
    expect(evaluate(c({ fact: 'authCertNotAfter', daysUntil: { lte: 90 } }), ctx({ authCertNotAfter: '2026-04-15' }))).toBe(false);
  });
  it('rejects malformed conditions with the path', () => {
    expect(() => c({ all: [{ fact: 'x', eq: 1 }] })).toThrow('when.all[0].fact: unknown fact "x"');
    expect(() => c({ fact: 'signPinTriesLeft', eq: 'many' })).toThrow('when.eq');
    expect(() => c({ fact: 'movedAt', lt: 3 })).toThrow('not a number');
    expect(() => c({ fact: 'readerCount', before: 'now' })).toThrow('not a date');
    expect(() => c({ fact: 'abroad', eq: true, ne: false })).toThrow('exactly one operator');
  });
});

describe('earliest signing (Japan time)', () => {
  const at = (iso: string, route: Parameters<typeof earliestSigningMs>[0], facts = {}) =>
    formatJstDateTime(earliestSigningMs(route, facts, parseInstant(iso), rules.timing)!);
  it('new certificate at the counter on a weekday morning: today, plus 24 h', () => {
    expect(at('2026-01-14T10:00:00+09:00', 'counter-issue')).toBe('2026-01-15T10:00:00+09:00');
    expect(at('2026-01-14T07:00:00+09:00', 'counter-issue')).toBe('2026-01-15T08:30:00+09:00');
  });
  it('password reset at the counter: usable at the visit, no 24 h', () => {
    expect(at('2026-01-14T10:00:00+09:00', 'counter-reset')).toBe('2026-01-14T10:00:00+09:00');
    expect(at('2026-01-14T07:00:00+09:00', 'counter-reset')).toBe('2026-01-14T08:30:00+09:00');
    expect(at('2026-01-14T16:30:00+09:00', 'counter-reset')).toBe('2026-01-15T08:30:00+09:00');
  });
  it('counter on Friday evening or Saturday: Monday opening (plus 24 h for a new certificate)', () => {
    expect(at('2026-01-16T18:00:00+09:00', 'counter-issue')).toBe('2026-01-20T08:30:00+09:00');
    expect(at('2026-01-17T12:00:00+09:00', 'counter-issue')).toBe('2026-01-20T08:30:00+09:00');
    expect(at('2026-01-23T18:00:00+09:00', 'counter-reset')).toBe('2026-01-26T08:30:00+09:00');
  });
  it('counters close on national holidays and 12/29–1/3', () => {
    expect(at('2026-01-09T18:00:00+09:00', 'counter-reset')).toBe('2026-01-13T08:30:00+09:00'); // Mon 12 Jan: 成人の日
    expect(at('2026-12-28T17:00:00+09:00', 'counter-reset')).toBe('2027-01-04T08:30:00+09:00');
    expect(at('2027-01-03T10:00:00+09:00', 'counter-reset')).toBe('2027-01-04T08:30:00+09:00');
    // Golden Week 2026: 3–6 May closed (Sun, holiday, holiday, substitute holiday).
    expect(at('2026-05-01T17:00:00+09:00', 'counter-reset')).toBe('2026-05-07T08:30:00+09:00');
  });
  it('kiosk: now within opening hours if the reset can finish before closing, else next morning; no settle hour', () => {
    expect(at('2026-01-17T12:00:00+09:00', 'kiosk')).toBe('2026-01-17T12:00:00+09:00');
    expect(at('2026-01-17T22:30:00+09:00', 'kiosk')).toBe('2026-01-17T22:30:00+09:00');
    expect(at('2026-01-17T22:50:00+09:00', 'kiosk')).toBe('2026-01-18T06:30:00+09:00');
    expect(at('2026-01-17T23:30:00+09:00', 'kiosk')).toBe('2026-01-18T06:30:00+09:00');
    expect(at('2026-01-17T05:00:00+09:00', 'kiosk')).toBe('2026-01-17T06:30:00+09:00');
  });
  it('renewal: renewedAt + 24 h', () => {
    expect(at(NOW, 'renewal-wait', { certRenewedAt: '2026-01-14T02:00:00Z' })).toBe('2026-01-15T11:00:00+09:00');
  });
  it('a UTC instant late in the evening is already the next day in Japan', () => {
    expect(at('2026-01-16T16:00:00Z', 'counter-issue')).toBe('2026-01-20T08:30:00+09:00'); // Saturday 01:00 JST
  });
});

describe('flowchart', () => {
  it('exports every node with an explanation and only valid edges', () => {
    const g = flowGraph(rules);
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const n of g.nodes) {
      // Each explanation is a sentence in its own language, not a copy of the label.
      expect(n.explain.ja, n.id).toMatch(/[ぁ-んァ-ヶ一-龠]{2}/);
      expect(n.explain.en, n.id).toMatch(/[A-Za-z]{3,}\W+[A-Za-z]{2,}/);
      expect(n.explain.en, n.id).not.toBe(n.label.en);
    }
    for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
    for (const id of rules.byId.keys()) expect(ids.has(id)).toBe(true);
  });
  it('the path stops at the first problem found', () => {
    expect(diagnose({ now: NOW, pcscService: 'unavailable' }, rules).path).toEqual(['start', 'check-pcsc', 'pcsc-service-down']);
    const path = diagnose({ ...healthyProbe, signPinTriesLeft: 0 }, rules).path;
    expect(path.at(-1)).toBe('sign-pin-locked');
    expect(path).toContain('check-cert-dates');
  });
  it('a healthy card walks to ready-to-sign', () => {
    const r = diagnose(healthyAnswered, rules);
    expect(r.path[0]).toBe('start');
    expect(r.path.at(-1)).toBe('ready-to-sign');
  });
});

describe('result shape', () => {
  it('lists which facts were known', () => {
    const r = diagnose({ now: NOW, abroad: false }, rules);
    expect(r.checked).toContainEqual({ fact: 'abroad', known: true });
    expect(r.checked).toContainEqual({ fact: 'movedAt', known: false });
  });
  // Speed is measured by npm run bench (scripts/bench-engine.ts): a timed test fails on a loaded machine.
  it('is deterministic', () => {
    const first = JSON.stringify(diagnose(healthyProbe, rules));
    for (let i = 0; i < 20; i++) expect(JSON.stringify(diagnose(healthyProbe, rules))).toBe(first);
  });
});
