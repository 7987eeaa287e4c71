import { FactsSchema, FACT_NAMES, type FactName } from '../contract/facts';

export type FactKind = 'boolean' | 'number' | 'date' | 'string';

export interface FactInfo {
  kind: FactKind;
  nullable: boolean;
}

const accepts = (fact: FactName, value: unknown) => FactsSchema.shape[fact].safeParse(value).success;

/**
 * Kinds are probed from FactsSchema instead of listed by hand, so that a fact
 * added to the contract is usable in rules without touching the engine.
 */
function probe(fact: FactName): FactInfo {
  const nullable = accepts(fact, null);
  let kind: FactKind = 'string';
  if (accepts(fact, true)) kind = 'boolean';
  else if (accepts(fact, 1) || accepts(fact, 0)) kind = 'number';
  else if (accepts(fact, '2020-01-01') && !accepts(fact, 'not a date')) kind = 'date';
  return { kind, nullable };
}

export const FACT_INFO: Record<FactName, FactInfo> = Object.fromEntries(
  FACT_NAMES.map((f) => [f, probe(f)]),
) as Record<FactName, FactInfo>;

export function isFactName(name: unknown): name is FactName {
  return typeof name === 'string' && (FACT_NAMES as string[]).includes(name);
}

/** Whether a literal in a rule is a value this fact can take. */
export function factAccepts(fact: FactName, value: unknown): boolean {
  return accepts(fact, value);
}
