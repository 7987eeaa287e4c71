import type { FlowGraph } from '../contract/diagnosis';
import { evaluate } from './evaluate';
import type { Evaluation } from './evaluateRules';
import type { RuleSet } from './ruleSet';

/**
 * Walks the flowchart from the start node, following at each node the first
 * edge whose condition is definitely true, and stops where no edge is.
 */
export function flowPath(ev: Evaluation, rules: RuleSet): string[] {
  const start = rules.flow.nodes.find((n) => n.kind === 'start')!;
  const path = [start.id];
  const seen = new Set(path);
  let current = start.id;
  for (;;) {
    const edge = rules.flow.edges.find((e) => e.from === current && (e.when === undefined || evaluate(e.when, ev.ctx) === true));
    if (!edge || seen.has(edge.to)) return path;
    path.push(edge.to);
    seen.add(edge.to);
    current = edge.to;
  }
}

export function flowGraph(rules: RuleSet): FlowGraph {
  return {
    nodes: rules.flow.nodes.map(({ id, kind, label, explain }) => ({ id, kind, label, explain })),
    edges: rules.flow.edges.map(({ from, to, label }) => ({ from, to, ...(label ? { label } : {}) })),
  };
}
