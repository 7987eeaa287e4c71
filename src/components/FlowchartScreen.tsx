import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useWizard } from '../store/wizard';
import { initialFlowScroll, layoutFlow, type PlacedNode } from '../lib/flowLayout';
import { pick } from '../lib/localize';

/** The drawing's scale in a narrow window: the window's width when that stays readable, else a readable minimum. */
function narrowScale(drawingWidth: number): number {
  const available = Math.max(200, window.innerWidth - 40);
  return Math.min(1, Math.max(0.6, available / Math.max(1, drawingWidth)));
}

export function FlowchartScreen() {
  const { t } = useTranslation();
  const lang = useWizard((s) => s.lang);
  const flow = useWizard((s) => s.flow);
  const path = useWizard((s) => s.result?.path);
  const [selected, setSelected] = useState<string | null>(null);
  const layout = useMemo(() => (flow ? layoutFlow(flow, lang, path ?? []) : null), [flow, lang, path]);
  const selectedNode = flow?.nodes.find((n) => n.id === selected);
  const scrollRef = useRef<HTMLDivElement>(null);

  // In a narrow window the whole drawing is shrunk to the window's width (no sideways hunting).
  const [fit, setFit] = useState(() => typeof window !== 'undefined' && window.matchMedia?.('(max-width: 600px)').matches);
  useEffect(() => {
    const query = window.matchMedia?.('(max-width: 600px)');
    if (!query) return;
    const onChange = () => setFit(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  // The drawing is larger than the window: open it centred on the end of the person's path (or the start), not on a blank corner.
  useEffect(() => {
    const box = scrollRef.current;
    const svg = box?.querySelector('svg');
    if (!layout || !box || !svg) return;
    const scale = layout.width > 0 ? svg.getBoundingClientRect().width / layout.width : 1;
    const { left, top } = initialFlowScroll(layout, { width: box.clientWidth / scale, height: box.clientHeight / scale });
    box.scrollLeft = left * scale;
    box.scrollTop = top * scale;
  }, [layout, fit]);

  const onKey = (e: KeyboardEvent, id: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setSelected(id);
    }
  };

  return (
    <section aria-labelledby="f-h" className="screen">
      <h2 id="f-h" tabIndex={-1}>{t('flow.heading')}</h2>
      <p>{t('flow.intro')}</p>
      <p className="note">{t('flow.legend')}</p>
      {!layout && <p>{t('flow.loading')}</p>}
      {layout && (
        <div className="flow-layout">
          <div className="flow-scroll" ref={scrollRef} data-testid="flow-scroll">
            <svg
              className={fit ? 'flow flow-fit' : 'flow'}
              // Narrow window: shrunk to the window's width, but never below a readable size (then scrolled to the path).
              width={fit ? layout.width * narrowScale(layout.width) : layout.width}
              height={fit ? layout.height * narrowScale(layout.width) : layout.height}
              viewBox={`0 0 ${layout.width} ${layout.height}`}
              role="group"
              aria-label={t('flow.heading')}
            >
              <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">
                  <path d="M0 0 L10 5 L0 10 z" fill="#5b6b7f" />
                </marker>
                <marker id="arrow-path" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse">
                  <path d="M0 0 L10 5 L0 10 z" fill="#1f4e8c" />
                </marker>
              </defs>
              {layout.edges.map((e) => (
                <g key={`${e.from}-${e.to}`} aria-hidden="true">
                  <polyline
                    points={e.points.map((p) => `${p.x},${p.y}`).join(' ')}
                    className={e.onPath ? 'edge edge-path' : 'edge'}
                    markerEnd={e.onPath ? 'url(#arrow-path)' : 'url(#arrow)'}
                  />
                  {e.label && e.points.length > 0 && (
                    <text className="edge-label" x={e.points[Math.floor(e.points.length / 2)].x + 6} y={e.points[Math.floor(e.points.length / 2)].y}>
                      {e.label}
                    </text>
                  )}
                </g>
              ))}
              {layout.nodes.map((n) => (
                <FlowNodeBox key={n.id} node={n} selected={selected === n.id} onSelect={setSelected} onKey={onKey} />
              ))}
            </svg>
          </div>
          <aside className="panel flow-explain" aria-live="polite" aria-labelledby="fx-h">
            <h3 id="fx-h">{t('flow.explainHeading')}</h3>
            {selectedNode ? (
              <>
                <h4>{pick(selectedNode.label, lang)}</h4>
                <p data-testid="flow-explain">{pick(selectedNode.explain, lang)}</p>
              </>
            ) : (
              <p>{t('flow.pick')}</p>
            )}
          </aside>
        </div>
      )}
    </section>
  );
}

function FlowNodeBox({
  node,
  selected,
  onSelect,
  onKey,
}: {
  node: PlacedNode;
  selected: boolean;
  onSelect: (id: string) => void;
  onKey: (e: KeyboardEvent, id: string) => void;
}) {
  const { t } = useTranslation();
  const left = node.x - node.width / 2;
  const top = node.y - node.height / 2;
  const onPath = node.pathIndex > 0;
  const label = onPath ? `${node.label} (${t('flow.onPath', { n: node.pathIndex })})` : node.label;
  const classes = ['node', `node-${node.kind}`, onPath ? 'node-path' : '', selected ? 'node-selected' : ''].join(' ');
  return (
    <g
      className={classes}
      tabIndex={0}
      role="button"
      aria-label={label}
      aria-pressed={selected}
      data-node={node.id}
      data-on-path={onPath ? 'true' : 'false'}
      onClick={() => onSelect(node.id)}
      onKeyDown={(e) => onKey(e, node.id)}
    >
      <rect x={left} y={top} width={node.width} height={node.height} rx={node.kind === 'diagnosis' ? 4 : node.kind === 'start' ? node.height / 2 : 10} />
      {node.lines.map((line, i) => (
        <text key={i} x={node.x} y={top + 12 + 18 * (i + 0.75)} textAnchor="middle">
          {line}
        </text>
      ))}
      {onPath && (
        <g className="path-marker" aria-hidden="true">
          <circle cx={left} cy={top} r={11} />
          <text x={left} y={top + 4} textAnchor="middle">{node.pathIndex}</text>
        </g>
      )}
    </g>
  );
}
