import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadRules, RuleLoadError } from '../../src-main/engine';
import { flowchartProblems, type FlowShape } from '../../src-main/engine/validateFlowchart';

const node = (id: string, kind = 'check') => ({ id, kind });
const flow = (ids: string[], edges: [string, string][]): FlowShape => ({
  nodes: [node(ids[0]!, 'start'), ...ids.slice(1).map((id) => node(id))],
  edges: edges.map(([from, to]) => ({ from, to })),
});

describe('flowchart shape', () => {
  it.each<[string, FlowShape, unknown[]]>([
    ['a tree', flow(['s', 'a', 'b', 'c'], [['s', 'a'], ['s', 'b'], ['a', 'c']]), []],
    ['a diamond (two ways to one node is fine)', flow(['s', 'a', 'b', 'c'], [['s', 'a'], ['s', 'b'], ['a', 'c'], ['b', 'c']]), []],
    ['a loop back to the start', flow(['s', 'a', 'b'], [['s', 'a'], ['a', 'b'], ['b', 's']]), [{ kind: 'cycle', path: ['s', 'a', 'b', 's'] }]],
    ['a loop further down', flow(['s', 'a', 'b', 'c'], [['s', 'a'], ['a', 'b'], ['b', 'c'], ['c', 'b']]), [{ kind: 'cycle', path: ['b', 'c', 'b'] }]],
    ['a node pointing at itself', flow(['s', 'a'], [['s', 'a'], ['a', 'a']]), [{ kind: 'cycle', path: ['a', 'a'] }]],
    ['an orphan', flow(['s', 'a', 'lost'], [['s', 'a']]), [{ kind: 'unreachable', nodes: ['lost'] }]],
    ['an island with its own loop', flow(['s', 'a', 'x', 'y'], [['s', 'a'], ['x', 'y'], ['y', 'x']]), [{ kind: 'cycle', path: ['x', 'y', 'x'] }, { kind: 'unreachable', nodes: ['x', 'y'] }]],
  ])('%s', (_label, shape, problems) => {
    expect(flowchartProblems(shape)).toEqual(problems);
  });

  it('a very long chain is checked without running out of stack', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).map((id, i) => [ids[i]!, id] as [string, string]);
    expect(flowchartProblems(flow(ids, edges))).toEqual([]);
    expect(flowchartProblems(flow(ids, [...edges, [ids.at(-1)!, 'n1']]))[0]).toMatchObject({ kind: 'cycle' });
  });
});

describe('the rules loader refuses a bad flowchart, naming the nodes', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const REPO = path.resolve(import.meta.dirname, '../..');
  function withFlow(change: (doc: { nodes: { id: string; kind: string }[]; edges: { from: string; to: string }[] }) => void): RuleLoadError {
    const root = mkdtempSync(path.join(tmpdir(), 'jpki-flow-'));
    roots.push(root);
    cpSync(path.join(REPO, 'rules'), path.join(root, 'rules'), { recursive: true });
    cpSync(path.join(REPO, 'assets'), path.join(root, 'assets'), { recursive: true });
    const file = path.join(root, 'rules', 'flowchart.yaml');
    const doc = parse(readFileSync(file, 'utf8'));
    change(doc);
    writeFileSync(file, stringify(doc));
    try {
      loadRules(path.join(root, 'rules'));
    } catch (e) {
      expect(e).toBeInstanceOf(RuleLoadError);
      return e as RuleLoadError;
    }
    throw new Error('expected loadRules to fail');
  }

  it('the real flowchart has neither', () => {
    expect(() => loadRules()).not.toThrow();
  });

  it('a cycle', () => {
    const e = withFlow((doc) => {
      // x → y → z exists; z → x closes the loop.
      const xy = doc.edges.find((e) => doc.edges.some((f) => f.from === e.to))!;
      const yz = doc.edges.find((f) => f.from === xy.to)!;
      doc.edges.push({ from: yz.to, to: xy.from });
    });
    expect(e.file).toBe('rules/flowchart.yaml');
    expect(e.reason).toMatch(/cycle: .+ → .+ → /);
  });

  it('an unreachable node', () => {
    const e = withFlow((doc) => {
      doc.nodes.push({ id: 'orphan-check', kind: 'check', label: { ja: '孤立', en: 'Orphan' }, explain: { ja: '孤立', en: 'Orphan' } } as never);
    });
    expect(e.reason).toBe('no path from the start node reaches: orphan-check');
  });
});
