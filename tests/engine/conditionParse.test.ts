import { describe, expect, it } from 'vitest';
import { ConditionError, parseCondition, referencedDiagnoses, referencedSeverities } from '../../src-main/engine/condition';

/**
 * A rule author's mistake is named at its exact path, with what was expected:
 * one case per check in the condition parser.
 */
function problem(raw: unknown): { path: string; reason: string } {
  try {
    parseCondition(raw, 'when');
  } catch (e) {
    expect(e).toBeInstanceOf(ConditionError);
    const { path, reason, message } = e as ConditionError;
    expect(message).toBe(`${path}: ${reason}`);
    return { path, reason };
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

describe('parseCondition refuses, naming the path', () => {
  it.each<[string, unknown, string, string | RegExp]>([
    ['not an object', 'abroad', 'when', 'expected a condition object'],
    ['an array', [], 'when', 'expected a condition object'],
    ['null', null, 'when', 'expected a condition object'],
    ['two keys', { all: [], any: [] }, 'when', 'expected exactly one of fact/all/any/not/diagnosis/notDiagnosis/noDiagnosisWithSeverity, got all, any'],
    ['no key', {}, 'when', 'expected exactly one of fact/all/any/not/diagnosis/notDiagnosis/noDiagnosisWithSeverity, got nothing'],
    ['unknown key', { some: [] }, 'when.some', 'unknown condition "some"'],
    ['empty all', { all: [] }, 'when.all', 'expected a non-empty list of conditions'],
    ['any not a list', { any: { fact: 'abroad', eq: true } }, 'when.any', 'expected a non-empty list of conditions'],
    ['nested item', { all: [{ fact: 'abroad', eq: true }, { fact: 'nope', eq: 1 }] }, 'when.all[1].fact', 'unknown fact "nope"'],
    ['inside not', { not: { fact: 'abroad' } }, 'when.not', 'a fact condition needs exactly one operator (eq, ne, in, notIn, lt, lte, gt, gte, known, unknown, before, after, hoursSince, daysSince, daysUntil), got none'],
    ['two operators', { fact: 'abroad', eq: true, ne: false }, 'when', /got eq, ne$/],
    ['unknown operator', { fact: 'abroad', is: true }, 'when.is', /^unknown operator "is" \(use eq, ne, /],
    ['empty diagnosis id', { diagnosis: '' }, 'when.diagnosis', 'expected a diagnosis id'],
    ['notDiagnosis not a string', { notDiagnosis: 3 }, 'when.notDiagnosis', 'expected a diagnosis id'],
    ['unknown severity', { noDiagnosisWithSeverity: ['blocker', 'fatal'] }, 'when.noDiagnosisWithSeverity[1]', 'unknown severity "fatal" (use blocker/warning/info)'],
    ['value the fact cannot take', { fact: 'token', eq: 'passport' }, 'when.eq', '"passport" is not a possible value of fact "token"'],
    ['bad list item', { fact: 'token', in: ['juki', 'x'] }, 'when.in[1]', '"x" is not a possible value of fact "token"'],
    ['empty list', { fact: 'token', notIn: [] }, 'when.notIn', 'expected a non-empty list'],
    ['in without a list', { fact: 'token', in: 'juki' }, 'when.in', 'expected a non-empty list'],
    ['number test on a boolean', { fact: 'abroad', lt: 1 }, 'when.lt', 'fact "abroad" is not a number; use before/after/hoursSince/daysUntil for dates'],
    ['number test without a number', { fact: 'signPinTriesLeft', gte: '2' }, 'when.gte', 'expected a number'],
    ['known: not true', { fact: 'abroad', known: false }, 'when.known', 'expected true'],
    ['unknown: not true', { fact: 'abroad', unknown: 'yes' }, 'when.unknown', 'expected true'],
    ['before on a non-date', { fact: 'abroad', before: 'now' }, 'when.before', 'fact "abroad" is not a date'],
    ['after a non-date fact', { fact: 'movedAt', after: { fact: 'abroad' } }, 'when.after.fact', 'fact "abroad" is not a date'],
    ['after an unknown fact', { fact: 'movedAt', after: { fact: 'nope' } }, 'when.after.fact', 'unknown fact "nope"'],
    ['after an object with more keys', { fact: 'movedAt', after: { fact: 'signCertNotBefore', x: 1 } }, 'when.after', 'expected "now", {fact: <date fact>} or an ISO date'],
    ['after a number', { fact: 'movedAt', after: 5 }, 'when.after', 'expected "now", {fact: <date fact>} or an ISO date'],
    ['after a string that is no date', { fact: 'movedAt', after: 'yesterday' }, 'when.after', /^"yesterday" is not a date: /],
    ['span on a non-date', { fact: 'abroad', hoursSince: { lt: 1 } }, 'when.hoursSince', 'fact "abroad" is not a date'],
    ['span without a range', { fact: 'movedAt', daysSince: 3 }, 'when.daysSince', 'expected a range such as {lt: 24} or {gte: 0, lte: 90}'],
    ['empty range', { fact: 'movedAt', daysUntil: {} }, 'when.daysUntil', 'expected a range such as {lt: 24} or {gte: 0, lte: 90}'],
    ['unknown bound', { fact: 'movedAt', daysUntil: { under: 3 } }, 'when.daysUntil.under', 'unknown range bound (use lt/lte/gt/gte)'],
    ['bound not a number', { fact: 'movedAt', hoursSince: { lt: '24' } }, 'when.hoursSince.lt', 'expected a number'],
    ['bound not finite', { fact: 'movedAt', hoursSince: { lt: Infinity } }, 'when.hoursSince.lt', 'expected a number'],
  ])('%s', (_name, raw, path, reason) => {
    const p = problem(raw);
    expect(p.path).toBe(path);
    if (typeof reason === 'string') expect(p.reason).toBe(reason);
    else expect(p.reason).toMatch(reason);
  });
});

describe('parseCondition accepts', () => {
  it('every operator in its shape', () => {
    expect(parseCondition({ fact: 'token', in: ['juki'] }, 'w')).toEqual({ kind: 'fact', fact: 'token', op: 'in', values: ['juki'] });
    expect(parseCondition({ fact: 'signPinTriesLeft', lte: 2 }, 'w')).toEqual({ kind: 'fact', fact: 'signPinTriesLeft', op: 'lte', value: 2 });
    expect(parseCondition({ fact: 'abroad', known: true }, 'w')).toEqual({ kind: 'fact', fact: 'abroad', op: 'known' });
    expect(parseCondition({ fact: 'movedAt', after: 'now' }, 'w')).toEqual({ kind: 'fact', fact: 'movedAt', op: 'after', operand: { now: true } });
    expect(parseCondition({ fact: 'movedAt', after: { fact: 'signCertNotBefore' } }, 'w')).toEqual({ kind: 'fact', fact: 'movedAt', op: 'after', operand: { fact: 'signCertNotBefore' } });
    expect(parseCondition({ fact: 'movedAt', before: '2024-04-01' }, 'w')).toEqual({ kind: 'fact', fact: 'movedAt', op: 'before', operand: { literal: '2024-04-01' } });
    expect(parseCondition({ fact: 'movedAt', hoursSince: { gte: 0, lt: 24 } }, 'w')).toEqual({ kind: 'fact', fact: 'movedAt', op: 'hoursSince', range: { gte: 0, lt: 24 } });
    expect(parseCondition({ fact: 'movedAt', eq: null }, 'w')).toEqual({ kind: 'fact', fact: 'movedAt', op: 'eq', value: null });
  });

  it('diagnosis references and a single severity', () => {
    expect(parseCondition({ diagnosis: 'a' }, 'w')).toEqual({ kind: 'diagnosis', id: 'a', negate: false });
    expect(parseCondition({ notDiagnosis: 'a' }, 'w')).toEqual({ kind: 'diagnosis', id: 'a', negate: true });
    expect(parseCondition({ noDiagnosisWithSeverity: 'blocker' }, 'w')).toEqual({ kind: 'noDiagnosisWithSeverity', severities: ['blocker'] });
  });
});

describe('what a condition refers to', () => {
  const c = parseCondition(
    {
      all: [
        { diagnosis: 'a' },
        { any: [{ notDiagnosis: 'b' }, { noDiagnosisWithSeverity: ['warning'] }] },
        { not: { all: [{ diagnosis: 'c' }, { noDiagnosisWithSeverity: ['blocker', 'info'] }] } },
        { fact: 'abroad', eq: true },
      ],
    },
    'w',
  );
  it('lists diagnoses and severities at any depth, in order', () => {
    expect(referencedDiagnoses(c)).toEqual(['a', 'b', 'c']);
    expect(referencedSeverities(c)).toEqual(['warning', 'blocker', 'info']);
    expect(referencedDiagnoses(parseCondition({ fact: 'abroad', eq: true }, 'w'))).toEqual([]);
    expect(referencedSeverities(parseCondition({ diagnosis: 'x' }, 'w'))).toEqual([]);
  });
});
