import * as dagre from '@dagrejs/dagre';
import type { FlowGraph, FlowNode, Lang } from '../../src-main/contract';
import { pick } from './localize';

export interface PlacedNode {
  id: string;
  kind: FlowNode['kind'];
  label: string;
  lines: string[];
  x: number; // centre
  y: number; // centre
  width: number;
  height: number;
  /** 1-based position on the person's path, or 0 when off the path. */
  pathIndex: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  label?: string;
  points: { x: number; y: number }[];
  onPath: boolean;
}

export interface FlowLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

const LINE_HEIGHT = 18;
const PADDING_X = 16;
const PADDING_Y = 12;
const MAX_LINE_UNITS = 18; // in "full-width" units

/** Full-width characters take about twice the space of Latin ones. */
function units(ch: string): number {
  return /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.55;
}

/** Wraps a label to lines of at most MAX_LINE_UNITS; breaks on spaces for Latin text. */
export function wrapLabel(label: string): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const tokens = label.match(/[A-Za-z0-9'’\-/.,:;()?!]+\s*|\s+|./gu) ?? [];
  for (const token of tokens) {
    const w = [...token].reduce((sum, c) => sum + units(c), 0);
    if (width + w > MAX_LINE_UNITS && line.trim() !== '') {
      lines.push(line.trim());
      line = '';
      width = 0;
    }
    line += token;
    width += w;
  }
  if (line.trim() !== '') lines.push(line.trim());
  return lines.length > 0 ? lines : [''];
}

/** Lays the flowchart out top to bottom; the path is marked by order, never by colour alone. */
export function layoutFlow(graph: FlowGraph, lang: Lang, path: string[]): FlowLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 44, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));

  const known = new Set(graph.nodes.map((n) => n.id));
  const pathIndex = new Map<string, number>();
  path.forEach((id, i) => {
    if (known.has(id) && !pathIndex.has(id)) pathIndex.set(id, i + 1);
  });

  const prepared = graph.nodes.map((node) => {
    const label = pick(node.label, lang);
    const lines = wrapLabel(label);
    const longest = Math.max(...lines.map((l) => [...l].reduce((s, c) => s + units(c), 0)));
    const width = Math.max(110, Math.ceil(longest * 14) + PADDING_X * 2);
    const height = lines.length * LINE_HEIGHT + PADDING_Y * 2;
    g.setNode(node.id, { width, height });
    return { node, label, lines, width, height };
  });

  const edges = graph.edges.filter((e) => known.has(e.from) && known.has(e.to));
  for (const edge of edges) g.setEdge(edge.from, edge.to);
  dagre.layout(g);

  const pathPairs = new Set<string>();
  const ordered = path.filter((id) => known.has(id));
  for (let i = 1; i < ordered.length; i++) pathPairs.add(`${ordered[i - 1]}→${ordered[i]}`);

  const info = g.graph();
  return {
    width: Math.ceil(info.width ?? 0),
    height: Math.ceil(info.height ?? 0),
    nodes: prepared.map(({ node, label, lines, width, height }) => {
      const placed = g.node(node.id);
      return {
        id: node.id,
        kind: node.kind,
        label,
        lines,
        x: placed.x,
        y: placed.y,
        width,
        height,
        pathIndex: pathIndex.get(node.id) ?? 0,
      };
    }),
    edges: edges.map((edge) => ({
      from: edge.from,
      to: edge.to,
      label: edge.label ? pick(edge.label, lang) : undefined,
      points: g.edge(edge.from, edge.to)?.points ?? [],
      onPath: pathPairs.has(`${edge.from}→${edge.to}`),
    })),
  };
}

/**
 * Where the flowchart should open: the last node on the person's path, or the start
 * node when there is no path yet. Returns the scroll offsets that centre it in a
 * viewport of the given size, clamped to the drawing.
 */
export function initialFlowScroll(layout: FlowLayout, viewport: { width: number; height: number }): { left: number; top: number } {
  const onPath = layout.nodes.filter((n) => n.pathIndex > 0).sort((a, b) => b.pathIndex - a.pathIndex);
  const focus = onPath[0] ?? layout.nodes.find((n) => n.kind === 'start') ?? layout.nodes[0];
  if (!focus) return { left: 0, top: 0 };
  const clamp = (v: number, max: number) => Math.max(0, Math.min(v, Math.max(0, max)));
  return {
    left: clamp(focus.x - viewport.width / 2, layout.width - viewport.width),
    top: clamp(focus.y - viewport.height / 2, layout.height - viewport.height),
  };
}
