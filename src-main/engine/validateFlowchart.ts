/**
 * The flowchart is read by people as "start here, follow the arrows": a loop
 * would send them round in circles and a node no arrow reaches is advice nobody
 * can get to. Both are rule-file mistakes, found at load time and named.
 */

export interface FlowShape {
  nodes: { id: string; kind: string }[];
  edges: { from: string; to: string }[];
}

export type FlowProblem = { kind: 'cycle'; path: string[] } | { kind: 'unreachable'; nodes: string[] };

/** The first cycle found (as a closed path a → b → a) and every node not reachable from the start. */
export function flowchartProblems(flow: FlowShape): FlowProblem[] {
  const next = new Map<string, string[]>(flow.nodes.map((n) => [n.id, []]));
  for (const e of flow.edges) next.get(e.from)?.push(e.to);
  const problems: FlowProblem[] = [];

  // Cycle: iterative depth-first search (a long chain must not overflow the stack).
  const state = new Map<string, 'open' | 'done'>();
  outer: for (const { id: root } of flow.nodes) {
    if (state.has(root)) continue;
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    state.set(root, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const succ = next.get(top.id)!;
      if (top.i < succ.length) {
        const to = succ[top.i++]!;
        const s = state.get(to);
        if (s === 'open') {
          const from = stack.findIndex((f) => f.id === to);
          problems.push({ kind: 'cycle', path: [...stack.slice(from).map((f) => f.id), to] });
          break outer;
        }
        if (s === undefined) {
          state.set(to, 'open');
          stack.push({ id: to, i: 0 });
        }
      } else {
        state.set(top.id, 'done');
        stack.pop();
      }
    }
  }

  const start = flow.nodes.find((n) => n.kind === 'start');
  if (start) {
    const seen = new Set([start.id]);
    const queue = [start.id];
    for (let head = 0; head < queue.length; head++) {
      for (const to of next.get(queue[head]!)!) {
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    const unreachable = flow.nodes.filter((n) => !seen.has(n.id)).map((n) => n.id);
    if (unreachable.length) problems.push({ kind: 'unreachable', nodes: unreachable });
  }
  return problems;
}

/** One line naming the problem, for RuleLoadError. */
export function describeFlowProblem(p: FlowProblem): string {
  return p.kind === 'cycle'
    ? `the flowchart has a cycle: ${p.path.join(' → ')}`
    : `no path from the start node reaches: ${p.nodes.join(', ')}`;
}
