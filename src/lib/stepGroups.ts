import type { RecoveryStep } from '../../src-main/contract';

export type StepItem<T extends Pick<RecoveryStep, 'id' | 'alternativeGroup'> = RecoveryStep> = { kind: 'step'; step: T } | { kind: 'alternatives'; steps: T[] };

/**
 * Groups a diagnosis's steps, keeping their order. Steps that share an
 * `alternativeGroup` (rules/steps.yaml: exactly one of them applies, which one
 * depends on a fact the person may not know) are shown together as "one of these",
 * where the first of them was; a group with one step present is just that step.
 */
export function groupSteps<T extends Pick<RecoveryStep, 'id' | 'alternativeGroup'>>(steps: readonly T[]): StepItem<T>[] {
  const items: StepItem<T>[] = [];
  const placed = new Set<string>();
  for (const step of steps) {
    if (placed.has(step.id)) continue;
    const group = step.alternativeGroup;
    const members = group ? steps.filter((s) => s.alternativeGroup === group) : [];
    if (members.length > 1) {
      members.forEach((m) => placed.add(m.id));
      items.push({ kind: 'alternatives', steps: members });
    } else {
      items.push({ kind: 'step', step });
    }
  }
  return items;
}
