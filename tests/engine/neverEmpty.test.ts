import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src-main/contract/facts';
import { diagnose, loadRules, parseFacts } from '../../src-main/engine';
import { evaluateRules } from '../../src-main/engine/evaluateRules';

const rules = loadRules();
const NOW = '2026-11-25T12:00:00+09:00';
const dir = path.join(__dirname, '../fixtures/facts');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const parsed = parseFacts(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
    if (!parsed.ok) throw new Error(`${f}: ${parsed.message}`);
    return [f, parsed.facts] as const;
  });

/** Every fixture, and every fixture with any one or two facts left out (what a partial file or an early wizard step knows). */
function variants(): [string, Facts][] {
  const out: [string, Facts][] = [];
  for (const [name, facts] of fixtures) {
    const keys = Object.keys(facts).filter((k) => k !== 'now') as (keyof Facts)[];
    out.push([name, facts]);
    for (let i = 0; i < keys.length; i++) {
      for (let j = i; j < keys.length; j++) {
        const f: Facts = { ...facts };
        delete f[keys[i]!];
        delete f[keys[j]!];
        out.push([`${name} without ${keys[i]}${i === j ? '' : `, ${keys[j]}`}`, f]);
      }
    }
  }
  return out;
}

// Card states a probe can end in, crossed with every error code the rules know and none.
const cardStates: Facts[] = [
  {},
  { pcscService: 'unavailable' },
  { pcscService: 'ok', readerCount: 0 },
  { pcscService: 'ok', readerCount: 1, cardPresent: false },
  { pcscService: 'ok', readerCount: 1, cardPresent: true, cardInUse: true },
  { pcscService: 'ok', readerCount: 1, cardPresent: true, cardReadable: false },
  { jpkiApplet: false },
  { jpkiApplet: true },
  { jpkiApplet: true, signPinTriesLeft: 5 },
  { jpkiApplet: true, signPinTriesLeft: 2 },
  { jpkiApplet: true, signPinTriesLeft: 0 },
  { jpkiApplet: true, signCert: 'absent', signPinTriesLeft: 5 },
];
const codes = [undefined, null, 'ICF4031', 'ICF4010', 'ICF4013', 'ICF4032', 'HJS0407E', 'XYZ123'];

describe('never an empty result', () => {
  it('every fixture, with any one or two facts left out, gets at least one diagnosis', () => {
    // The fired rules are exactly the result's diagnoses; evaluating them alone skips the question look-ahead.
    const empty = variants().filter(([, f]) => evaluateRules(f, rules).fired.length === 0).map(([n]) => n);
    expect(empty).toEqual([]);
  });

  it('every card state with every error code gets at least one diagnosis', () => {
    const empty: string[] = [];
    for (const card of cardStates) {
      for (const errorCode of codes) {
        const facts: Facts = { now: NOW, ...card, ...(errorCode !== undefined ? { errorCode } : {}) };
        if (evaluateRules(facts, rules).fired.length === 0) empty.push(JSON.stringify(facts));
      }
    }
    expect(empty).toEqual([]);
  });

  it('when nothing points anywhere, the result says not enough is known yet and what to do', () => {
    const r = diagnose({ now: NOW, jpkiApplet: true }, rules);
    expect(r.diagnoses.map((d) => d.id)).toEqual(['not-enough-known']);
    expect(r.diagnoses[0]!.steps.map((s) => s.id)).toContain('run-card-check');
    expect(r.diagnoses[0]!.basis).toBe('practice');
  });
});
