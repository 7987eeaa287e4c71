import { describe, expect, it } from 'vitest';
import { diagnose, loadRules } from '../../../src-main/engine';
import { groupSteps } from '../../../src/lib/stepGroups';
import { buildIntakeReport } from '../../../src/lib/reportModel';

// Which steps are alternatives lives in rules/steps.yaml (alternativeGroup), not in the renderer.
describe('alternative steps come from the rules', () => {
  const rules = loadRules();
  const NOW = '2026-11-27T10:00:00+09:00';

  it('a card without a signing certificate, face-auth unknown: switch back OR a new certificate, shown as one item', () => {
    const result = diagnose({ now: NOW, cardPresent: true, jpkiApplet: true, signCert: 'absent' }, rules);
    const primary = result.diagnoses[0];
    expect(primary.id).toBe('no-signing-cert');
    const ids = primary.steps.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['switch-face-auth', 'counter-new-signing']));
    const items = groupSteps(primary.steps);
    const alternatives = items.filter((i) => i.kind === 'alternatives');
    expect(alternatives).toHaveLength(1);
    expect(alternatives[0].kind === 'alternatives' && alternatives[0].steps.map((s) => s.id).sort()).toEqual(['counter-new-signing', 'switch-face-auth']);
    // The set sits where its first member was, and every step is shown exactly once.
    expect(items.length).toBe(ids.length - 1);
    // The intake sheet groups the same way.
    const report = buildIntakeReport({ now: NOW }, result, null, 'ja');
    expect(groupSteps(report.steps).filter((i) => i.kind === 'alternatives')).toHaveLength(1);
  });

  it('a card known not to be face-auth gets its one way out as a plain step', () => {
    const result = diagnose({ now: NOW, cardPresent: true, jpkiApplet: true, signCert: 'absent', faceAuthCard: false }, rules);
    const primary = result.diagnoses[0];
    expect(primary.id).toBe('no-signing-cert');
    expect(primary.steps.map((s) => s.id)).not.toContain('switch-face-auth');
    expect(groupSteps(primary.steps).every((i) => i.kind === 'step')).toBe(true);
  });

  it('a step of a set alone in a diagnosis (a revoked certificate: only the new one) is a plain step', () => {
    const items = groupSteps([
      { id: 'counter-new-signing', alternativeGroup: 'get-signing-cert' },
      { id: 'wait-24h' },
    ]);
    expect(items.map((i) => i.kind)).toEqual(['step', 'step']);
  });

  it('every group in steps.yaml names at least two steps', () => {
    const groups = new Map<string, number>();
    for (const s of rules.steps.values()) if (s.alternativeGroup) groups.set(s.alternativeGroup, (groups.get(s.alternativeGroup) ?? 0) + 1);
    expect(groups.size).toBeGreaterThan(0);
    for (const [, n] of groups) expect(n).toBeGreaterThanOrEqual(2);
  });
});
