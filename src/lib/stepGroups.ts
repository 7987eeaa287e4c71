import type { RecoveryStep } from '../../src-main/contract';

/**
 * Steps that are alternatives, not a sequence: exactly one of them applies (which one
 * depends on a fact the person may not know, such as whether the card is a
 * face-authentication card). Listed by step id; when several of one set appear in a
 * diagnosis they are shown together as "one of these".
 */
export const ALTERNATIVE_STEPS: readonly (readonly string[])[] = [
  // A face-auth card is switched back (the signing certificate comes with it); any other card without one gets it issued.
  ['switch-face-auth', 'counter-new-signing'],
];

export type StepItem<T extends { id: string } = RecoveryStep> = { kind: 'step'; step: T } | { kind: 'alternatives'; steps: T[] };

/** Groups a diagnosis's steps, keeping their order; an alternative set sits where its first member was. */
export function groupSteps<T extends { id: string }>(steps: readonly T[]): StepItem<T>[] {
  const items: StepItem<T>[] = [];
  const placed = new Set<string>();
  for (const step of steps) {
    if (placed.has(step.id)) continue;
    const set = ALTERNATIVE_STEPS.find((ids) => ids.includes(step.id));
    const members = set ? steps.filter((s) => set.includes(s.id)) : [];
    if (members.length > 1) {
      members.forEach((m) => placed.add(m.id));
      items.push({ kind: 'alternatives', steps: members });
    } else {
      items.push({ kind: 'step', step });
    }
  }
  return items;
}
