/**
 * The TCP stream graphs view (Wireshark's Statistics › TCP Stream Graphs) for the connection of the
 * selected packet: tcptrace, Stevens, throughput, round-trip time and window scaling (model.ts
 * computes them from the engine's `connection` answer; plot.tsx draws them), for either direction,
 * with a legend and a short "how to read it" in the current language.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionView } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { useConnection } from '../conversations/use-connection.js';
import { buildGraph, busierDirection, DEFAULT_MA_WINDOW, GRAPH_KINDS, type Direction, type GraphKind, type Hit } from './model.js';
import { Plot, type Zoom } from '../plot/plot.js';

export interface StreamGraphViewProps {
  view: ConnectionView | null;
  selectedNo?: number | null;
  onSelectPacket?: (no: number) => void;
  initialKind?: GraphKind;
  initialDir?: Direction;
}

const MA_WINDOWS = [0.001, 0.01, 0.1, 1, 10];

export function StreamGraphView({ view, selectedNo = null, onSelectPacket, initialKind = 'tcptrace', initialDir }: StreamGraphViewProps) {
  const { t } = useTranslation('analysis');
  const [kind, setKind] = useState<GraphKind>(initialKind);
  const [dirChoice, setDir] = useState<Direction | null>(initialDir ?? null);
  const [maWindow, setMaWindow] = useState(DEFAULT_MA_WINDOW);
  const [zoom, setZoom] = useState<Zoom | null>(null);
  const [hover, setHover] = useState<Hit | null>(null);
  const stream = view?.stream ?? null;
  // Another connection: its busier direction, unzoomed.
  useEffect(() => {
    setDir(initialDir ?? null);
    setZoom(null);
  }, [stream, initialDir]);
  const dir = dirChoice ?? (view ? busierDirection(view) : 'c2s');
  const graph = useMemo(() => (view ? buildGraph(view, kind, dir, maWindow) : null), [view, kind, dir, maWindow]);
  if (!view || !graph) return <div className="stream-graph-view empty">{t('graph.none')}</div>;

  const client = `${view.client.address}:${view.client.port}`;
  const server = `${view.server.address}:${view.server.port}`;
  // Looked up only while hovering (the view may hold hundreds of thousands of packets).
  const hovered = hover ? view.packets.find((p) => p.no === hover.point.no) : undefined;
  const shown = graph.series.filter((s) => s.points.length > 0);

  return (
    <div className="stream-graph-view" data-stream={view.stream}>
      <div className="sg-controls">
        <strong>{t('graph.title', { stream: view.stream })}</strong>
        <label>
          {t('graph.typeLabel')}{' '}
          <select value={kind} onChange={(e) => { setKind(e.target.value as GraphKind); setZoom(null); }} aria-label={t('graph.typeLabel')}>
            {GRAPH_KINDS.map((k) => <option key={k} value={k}>{t(`graph.kind.${k}`)}</option>)}
          </select>
        </label>
        <label>
          {t('graph.dirLabel')}{' '}
          <select value={dir} onChange={(e) => { setDir(e.target.value as Direction); setZoom(null); }} aria-label={t('graph.dirLabel')}>
            <option value="c2s">{t('graph.dir', { from: client, to: server, interpolation: { escapeValue: false } })}</option>
            <option value="s2c">{t('graph.dir', { from: server, to: client, interpolation: { escapeValue: false } })}</option>
          </select>
        </label>
        {kind === 'throughput' && (
          <label>
            {t('graph.maLabel')}{' '}
            <select value={maWindow} onChange={(e) => setMaWindow(Number(e.target.value))} aria-label={t('graph.maLabel')}>
              {MA_WINDOWS.map((w) => <option key={w} value={w}>{t('graph.seconds', { s: w })}</option>)}
            </select>
          </label>
        )}
        <button type="button" disabled={!zoom} onClick={() => setZoom(null)}>{t('graph.resetZoom')}</button>
        {view.live && <span className="pl-muted">{t('handshake.live')}</span>}
      </div>
      <div className="sg-body">
        <div className="sg-plot">
          <Plot
            graph={graph}
            labels={{ title: t(`graph.kind.${kind}`), x: t('graph.axis.time'), y: t(`graph.axis.${graph.yUnit}`), y2: t('graph.axis.bitsPerSecond') }}
            data={{ kind, dir }}
            className="stream-graph"
            zoom={zoom} onZoom={setZoom} selectedNo={selectedNo} onSelectPacket={onSelectPacket} onHover={setHover} />
          <div className="sg-readout" aria-live="polite">
            {hovered
              ? t('graph.readout', {
                no: hovered.no,
                time: hovered.time.toFixed(6),
                flags: hovered.flags,
                seq: hovered.seq,
                ack: hovered.ack,
                len: hovered.len,
                win: hovered.win,
                series: t(`graph.series.${hover!.series}`),
                interpolation: { escapeValue: false },
              })
              : t('graph.hint')}
          </div>
        </div>
        <div className="sg-side">
          <ul className="sg-legend">
            {shown.map((s) => (
              <li key={s.id} data-series={s.id}>
                <svg width={18} height={10} aria-hidden="true"><path className={`sg-series sg-${s.id}`} d={s.style === 'bar' ? 'M9,0V10' : s.style === 'dot' ? 'M6,5h6' : 'M0,5H18'} /></svg>
                {t(`graph.series.${s.id}`)} <span className="pl-muted">({s.points.length})</span>
              </li>
            ))}
          </ul>
          <p className="sg-explain">{t(`graph.explain.${kind}`)}</p>
        </div>
      </div>
    </div>
  );
}

/**
 * The view as the main window mounts it: the connection of the selected packet's TCP stream (or of
 * a stream asked for from another view), fetched again as a live capture grows.
 */
export function View(props: AnalysisViewProps) {
  const { t } = useTranslation('analysis');
  const { stream, call } = useConnection('stream-graph', props);
  if (call.error) return <div className="stream-graph-view error">{t('handshake.error', { message: call.error.message })}</div>;
  if (stream !== null && !call.value) return <div className="stream-graph-view loading">{t('handshake.loading')}</div>;
  return <StreamGraphView view={call.value} selectedNo={props.selected?.no ?? null} onSelectPacket={props.selectPacket} />;
}

export default View;
