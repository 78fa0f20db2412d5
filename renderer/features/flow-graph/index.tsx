/**
 * The flow graph view (Wireshark's Statistics › Flow Graph): the displayed packets as arrows
 * between the addresses that sent and received them, in capture order — every packet, TCP only,
 * or the selected packet's conversation. A window of at most MAX_FLOW_PACKETS rows around the
 * selected packet (filter first in a large capture); a click on an arrow selects its packet, and
 * the list's selection is ringed here. A live capture's graph grows once a second.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Row } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { useCall, useRefreshKey } from '../conversations/use-call.js';
import { cut, FLOW, layoutFlow, MAX_FLOW_PACKETS, scopeTest, windowStart, type FlowScope } from './model.js';

const SCOPES: FlowScope[] = ['all', 'tcp', 'conversation'];
/** Height of the header (addresses, column names): the arrows start below it. */
const HEAD = FLOW.top - 4;

export interface FlowGraphViewProps {
  /** The window's rows (null while loading), and where it starts in the view of `displayed` rows. */
  rows: readonly Row[] | null;
  start: number;
  displayed: number;
  selected: Row | null;
  onSelectPacket?: (no: number) => void;
  initialScope?: FlowScope;
  error?: string | null;
}

/** A filled arrowhead whose tip is at (x, y), pointing right (dir 1) or left (−1). */
function arrowHead(x: number, y: number, dir: 1 | -1): string {
  return `M${x},${y} l${-9 * dir},-4 v8 z`;
}

/** One colour class per stream (the arrows of a conversation alike), grey for the rest. */
function streamClass(stream: string | null): string {
  if (stream === null) return 'fg-other';
  let h = 0;
  for (let i = 0; i < stream.length; i++) h = (h * 31 + stream.charCodeAt(i)) >>> 0;
  return `fg-s${h % 4}`;
}

export function FlowGraphView({ rows, start, displayed, selected, onSelectPacket, initialScope = 'all', error = null }: FlowGraphViewProps) {
  const { t } = useTranslation('analysis');
  const [scope, setScope] = useState<FlowScope>(initialScope);
  const graph = useMemo(() => (rows ? layoutFlow(rows, scopeTest(scope, selected)) : null), [rows, scope, selected]);
  const selectedRef = useRef<SVGGElement>(null);
  const selectedNo = selected?.no ?? null;
  // (A block: scrollIntoView may return a promise, which React would take for a cleanup function.)
  useEffect(() => {
    selectedRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedNo, graph]);

  const head = (
    <div className="fg-head">
      <label>
        {t('flow.scope')}{' '}
        <select value={scope} onChange={(e) => setScope(e.target.value as FlowScope)}>
          {SCOPES.map((s) => <option key={s} value={s} disabled={s === 'conversation' && !selected}>{t(`flow.scopeOption.${s}`)}</option>)}
        </select>
      </label>
      {rows && displayed > MAX_FLOW_PACKETS && (
        <span className="pl-muted">{t('flow.window', { from: start + 1, to: start + rows.length, n: displayed })}</span>
      )}
    </div>
  );
  if (error) return <div className="fg-view">{head}<p role="alert">{error}</p></div>;
  if (!graph) return <div className="fg-view">{head}<p className="pl-muted">{t('flow.loading')}</p></div>;
  if (graph.arrows.length === 0) return <div className="fg-view">{head}<p className="pl-muted">{t('flow.none')}</p></div>;
  const commentX = FLOW.left + graph.hosts.length * FLOW.column + 12;
  return (
    <div className="fg-view">
      {head}
      <div className="fg-scroll">
        {/* The addresses stay in view while the arrows scroll (a sticky header of the same width). */}
        <svg className="fg-svg fg-header" width={graph.width} height={HEAD} viewBox={`0 0 ${graph.width} ${HEAD}`} aria-hidden="true">
          <text x={8} y={FLOW.top - 14} className="fg-colhead">{t('flow.time')}</text>
          <text x={commentX} y={FLOW.top - 14} className="fg-colhead">{t('flow.comment')}</text>
          {graph.hosts.map((h) => (
            <g key={h.name} className="fg-host" data-host={h.name}>
              <text x={h.x} y={FLOW.top - 14} textAnchor="middle">{cut(h.name, 24)}<title>{h.name}</title></text>
              <line x1={h.x} x2={h.x} y1={FLOW.top - 8} y2={HEAD} className="fg-lifeline" />
            </g>
          ))}
        </svg>
        <svg className="fg-svg" width={graph.width} height={graph.height - HEAD} viewBox={`0 ${HEAD} ${graph.width} ${graph.height - HEAD}`} role="img" aria-label={t('flow.label', { n: graph.arrows.length, hosts: graph.hosts.length })}>
          {graph.hosts.map((h) => (
            <line key={h.name} x1={h.x} x2={h.x} y1={HEAD} y2={graph.height - FLOW.bottomPad / 2} className="fg-lifeline" />
          ))}
          {graph.arrows.map((a) => {
            const isSel = a.no === selectedNo;
            const self = a.from === a.to;
            const mid = (a.x1 + a.x2) / 2;
            return (
              <g
                key={a.no}
                ref={isSel ? selectedRef : undefined}
                className={`fg-arrow ${streamClass(a.stream)}${isSel ? ' selected' : ''}`}
                data-no={a.no}
                onClick={() => onSelectPacket?.(a.no)}
              >
                <title>{`${a.no}: ${a.comment}`}</title>
                <rect x={0} y={a.y - FLOW.row / 2} width={graph.width} height={FLOW.row} className="fg-hit" />
                <text x={8} y={a.y + 4} className="fg-time">{a.time.toFixed(6)}</text>
                {self ? (
                  <path d={`M${a.x1},${a.y - 6} h28 v12 h-28`} className="fg-line" />
                ) : (
                  <line x1={a.x1} x2={a.x2} y1={a.y + 4} y2={a.y + 4} className="fg-line" />
                )}
                <path d={arrowHead(self ? a.x1 : a.x2, self ? a.y + 6 : a.y + 4, self || a.x2 < a.x1 ? -1 : 1)} className="fg-arrowhead" />
                <text x={self ? a.x1 + 34 : mid} y={a.y - 2} textAnchor={self ? 'start' : 'middle'} className="fg-label">{a.label}</text>
                <text x={commentX} y={a.y + 4} className="fg-comment">{cut(a.comment, 70)}</text>
              </g>
            );
          })}
        </svg>
      </div>
      <p className="sg-explain">{t('flow.explain')}</p>
    </div>
  );
}

/** The view as the main window mounts it: a window of the displayed packets around the selected one. */
export function View({ api, session, status, selected, selectPacket, namesVersion = 0 }: AnalysisViewProps) {
  const refresh = useRefreshKey(status);
  const displayed = status?.displayed ?? 0;
  const pos = useCall(api, 'rowOf', selected ? { session: session.id, no: selected.no } : null, selected && displayed > MAX_FLOW_PACKETS ? `${session.id}/${selected.no}/${status?.filter ?? ''}` : null);
  const start = windowStart(pos.value?.index ?? -1, displayed);
  const rows = useCall(api, 'rows', { session: session.id, start, count: MAX_FLOW_PACKETS }, `${session.id}/${start}/${status?.filter ?? ''}/${refresh}/${namesVersion}`);
  return <FlowGraphView rows={rows.value?.rows ?? null} start={start} displayed={displayed} selected={selected} onSelectPacket={selectPacket} error={rows.error?.message ?? null} />;
}

export default View;
