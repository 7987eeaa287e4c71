import { describe, expect, it } from 'vitest';
import type { Question } from '../../../src-main/contract';
import { answerToFacts } from '../../../src/lib/answerValue';
import { answerRows, chosenEventOption } from '../../../src/lib/eventAnswer';

// A question that settles several facts at once (kind 'event', CONTRACT-9), as the engine sends it.
const lifeEvents: Question = {
  id: 'lifeEvents',
  fact: 'abroad',
  kind: 'event',
  text: { ja: '証明書の発行後に、次のどれかを届け出ましたか？', en: 'Since the certificate was issued, did you report any of these?' },
  facts: ['abroad', 'moveOutFiledAt', 'movedAt', 'nameChangedAt'],
  dateLabel: { ja: '届け出た日', en: 'Date reported' },
  options: [
    { value: 'abroad', label: { ja: '国外への転出', en: 'Moved abroad' }, sets: { abroad: true } },
    { value: 'moved', label: { ja: '住所の変更', en: 'Change of address' }, sets: { abroad: false, moveOutFiledAt: null }, dateFact: 'movedAt' },
    { value: 'none', label: { ja: 'どれもない', en: 'None of these' }, sets: { abroad: false, moveOutFiledAt: null, movedAt: null, nameChangedAt: null } },
  ],
};

describe('answering an event question', () => {
  it('an option with a date: its facts plus the date, typed any usual way, as an ISO date', () => {
    expect(answerToFacts(lifeEvents, { kind: 'event', value: 'moved', date: '２０２５年８月１日' })).toEqual({
      ok: true,
      patch: { abroad: false, moveOutFiledAt: null, movedAt: '2025-08-01' },
    });
  });

  it('an option without a date ignores the date field', () => {
    expect(answerToFacts(lifeEvents, { kind: 'event', value: 'none', date: '' })).toEqual({
      ok: true,
      patch: { abroad: false, moveOutFiledAt: null, movedAt: null, nameChangedAt: null },
    });
    expect(answerToFacts(lifeEvents, { kind: 'event', value: 'abroad', date: 'garbage' })).toEqual({ ok: true, patch: { abroad: true } });
  });

  it('refuses no choice, a missing or impossible date, and a value not offered, in both languages', () => {
    for (const draft of [
      { kind: 'event' as const, value: undefined, date: '' },
      { kind: 'event' as const, value: 'moved', date: '' },
      { kind: 'event' as const, value: 'moved', date: '2025-02-30' },
      { kind: 'event' as const, value: 'married', date: '' },
    ]) {
      const r = answerToFacts(lifeEvents, draft);
      expect(r.ok, JSON.stringify(draft)).toBe(false);
      if (!r.ok) expect(r.message.ja.length * r.message.en.length).toBeGreaterThan(0);
    }
  });

  it('one-fact answers do not fit an event question, nor an event answer a one-fact question', () => {
    expect(answerToFacts(lifeEvents, { kind: 'option', value: 'none' }).ok).toBe(false);
    const boolQ: Question = { fact: 'faceAuthCard', kind: 'boolean', text: { ja: 'はい？', en: 'Yes?' } };
    expect(answerToFacts(boolQ, { kind: 'event', value: true, date: '' }).ok).toBe(false);
  });
});

describe('showing an event answer', () => {
  it('finds the option the answers match, needing its date', () => {
    expect(chosenEventOption(lifeEvents, { abroad: false, moveOutFiledAt: null, movedAt: '2025-08-01' })?.value).toBe('moved');
    expect(chosenEventOption(lifeEvents, { abroad: false, moveOutFiledAt: null, movedAt: null, nameChangedAt: null })?.value).toBe('none');
    expect(chosenEventOption(lifeEvents, { abroad: false, moveOutFiledAt: null })).toBeUndefined();
  });

  it('folds the facts of one event question into one row, where its first fact was', () => {
    const questions = { abroad: lifeEvents, moveOutFiledAt: lifeEvents, movedAt: lifeEvents, nameChangedAt: lifeEvents };
    const rows = answerRows(['errorCode', 'abroad', 'movedAt', 'enteredPinKind', 'moveOutFiledAt'], questions);
    expect(rows.map((r) => (r.kind === 'fact' ? r.fact : `event:${r.question.id}:${r.facts.join('+')}`))).toEqual([
      'errorCode',
      'event:lifeEvents:abroad+movedAt+moveOutFiledAt',
      'enteredPinKind',
    ]);
  });
});
