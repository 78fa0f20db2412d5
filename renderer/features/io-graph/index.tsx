/**
 * The I/O graph view (Wireshark's Statistics › I/O Graphs): packets, bytes or bits per interval
 * over the whole capture, one line per display filter (all packets and TCP errors to begin with,
 * as Wireshark), each shown or hidden, edited, added or removed. Zoom, hover and click as in the
 * stream graphs (plot.tsx); a click selects the first packet of the interval. A live capture's
 * graph grows once a second.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IoGraphResult } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { useCall, useRefreshKey, useSettledRefresh } from '../conversations/use-call.js';
import { Plot, type Zoom } from '../plot/plot.js';
import type { Hit } from '../plot/scales.js';
import { autoInterval, DEFAULT_LINES, IO_INTERVALS, IO_UNITS, ioPlot, MAX_IO_GRAPHS, spanText, valueOf, type IoGraphLine, type IoUnit } from './model.js';

export interface IoGraphViewProps {
  result: IoGraphResult | null;
  lines: readonly IoGraphLine[];
  onLines(lines: IoGraphLine[]): void;
  interval: number;
  onInterval(s: number): void;
  /** Why the engine refused (a filter that does not compile …). */
  error?: string | null;
  selectedNo?: number | null;
  onSelectPacket?: (no: number) => void;
  initialUnit?: IoUnit;
}

const fmt = new Intl.NumberFormat('en-US');

/** One graph's row: shown, its filter (applied on Enter or when the field is left), remove. */
function LineEditor({ k, line, canRemove, onChange, onRemove }: { k: number; line: IoGraphLine; canRemove: boolean; onChange(l: IoGraphLine): void; onRemove(): void }) {
  const { t } = useTranslation('analysis');
  const [draft, setDraft] = useState(line.filter);
  const commit = () => draft !== line.filter && onChange({ ...line, filter: draft.trim() });
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    else if (e.key === 'Escape') setDraft(line.filter);
  };
  return (
    <li className="io-line" data-graph={k}>
      <input type="checkbox" checked={line.shown} onChange={(e) => onChange({ ...line, shown: e.target.checked })} aria-label={t('io.show', { n: k + 1 })} />
      <svg width={18} height={10} aria-hidden="true"><path className={`sg-series sg-g${k}`} d="M0,5H18" /></svg>
      <input type="text" className="io-filter" value={draft} placeholder={t('io.allPackets')} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={onKey} aria-label={t('io.filter', { n: k + 1 })} spellCheck={false} />
      {canRemove && <button type="button" onClick={onRemove} aria-label={t('io.remove', { n: k + 1 })}>×</button>}
    </li>
  );
}

export function IoGraphView({ result, lines, onLines, interval, onInterval, error = null, selectedNo = null, onSelectPacket, initialUnit = 'packets' }: IoGraphViewProps) {
  const { t } = useTranslation('analysis');
  const [unit, setUnit] = useState<IoUnit>(initialUnit);
  const [zoom, setZoom] = useState<Zoom | null>(null);
  const [hover, setHover] = useState<Hit | null>(null);
  const plot = useMemo(() => (result ? ioPlot(result, lines, unit) : null), [result, lines, unit]);
  const setLine = (k: number, l: IoGraphLine) => onLines(lines.map((x, i) => (i === k ? l : x)));
  const name = (l: IoGraphLine) => l.filter || t('io.allPackets');
  const hovered = (() => {
    if (!hover || !result) return null;
    const k = Number(hover.series.slice(1));
    const b = Math.round(hover.point.x / result.interval);
    const g = result.graphs[k];
    if (!g) return null;
    return t('io.readout', {
      span: spanText(b, result.interval),
      name: name(lines[k]!),
      packets: fmt.format(g.packets[b]!),
      bytes: fmt.format(g.bytes[b]!),
      first: g.first[b]!,
      interpolation: { escapeValue: false },
    });
  })();
  return (
    <div className="io-graph-view stream-graph-view" data-interval={interval}>
      <div className="sg-controls">
        <strong>{t('io.title')}</strong>
        <label>
          {t('io.intervalLabel')}{' '}
          <select value={interval} onChange={(e) => { onInterval(Number(e.target.value)); setZoom(null); }} aria-label={t('io.intervalLabel')}>
            {IO_INTERVALS.map((s) => <option key={s} value={s}>{t('io.interval', { s })}</option>)}
          </select>
        </label>
        <label>
          {t('io.unitLabel')}{' '}
          <select value={unit} onChange={(e) => { setUnit(e.target.value as IoUnit); setZoom(null); }} aria-label={t('io.unitLabel')}>
            {IO_UNITS.map((u) => <option key={u} value={u}>{t(`io.unit.${u}`)}</option>)}
          </select>
        </label>
        <button type="button" disabled={!zoom} onClick={() => setZoom(null)}>{t('graph.resetZoom')}</button>
        {result && <span className="pl-muted">{t('io.summary', { packets: fmt.format(result.packets), buckets: fmt.format(result.buckets) })}</span>}
      </div>
      <div className="sg-body">
        <div className="sg-plot">
          {error && <div className="io-error" role="alert">{error}</div>}
          {plot && result ? (
            <Plot
              graph={plot}
              labels={{ title: t('io.title'), x: t('io.axis.time'), y: t(`io.axis.${unit}`, { s: result.interval }) }}
              data={{ unit }}
              className="io-graph"
              zoom={zoom}
              onZoom={setZoom}
              selectedNo={selectedNo}
              onSelectPacket={onSelectPacket}
              onHover={setHover}
            />
          ) : !error && <div className="pl-muted">{t('handshake.loading')}</div>}
          <div className="sg-readout" aria-live="polite">{hovered ?? t('io.hint')}</div>
        </div>
        <div className="sg-side">
          <ul className="io-lines">
            {lines.map((l, k) => (
              // Keyed by place and filter: an edited filter starts its draft afresh.
              <LineEditor key={`${k}/${l.filter}`} k={k} line={l} canRemove={lines.length > 1} onChange={(x) => setLine(k, x)} onRemove={() => onLines(lines.filter((_, i) => i !== k))} />
            ))}
          </ul>
          {lines.length < MAX_IO_GRAPHS && (
            <button type="button" onClick={() => onLines([...lines, { filter: '', shown: true }])}>{t('io.add')}</button>
          )}
          {result && (
            <ul className="sg-legend">
              {lines.map((l, k) => l.shown && result.graphs[k] && (
                <li key={k} data-series={`g${k}`}>
                  {name(l)} <span className="pl-muted">({t(`io.total.${unit}`, { n: fmt.format(result.graphs[k]!.packets.reduce((a, _, b) => a + valueOf(result.graphs[k]!, b, unit), 0)) })})</span>
                </li>
              ))}
            </ul>
          )}
          <p className="sg-explain">{t('io.explain')}</p>
        </div>
      </div>
    </div>
  );
}

/**
 * The view as the main window mounts it: the graphs of the open capture (a live one's, once a
 * second), the interval chosen from the capture's length until the user picks one.
 */
export function View({ api, session, status, selected, selectPacket }: AnalysisViewProps) {
  const [lines, setLines] = useState<IoGraphLine[]>(() => DEFAULT_LINES.map((l) => ({ ...l })));
  const [chosen, setChosen] = useState<number | null>(null);
  const refresh = useRefreshKey(status);
  const props = useCall(api, 'properties', { session: session.id }, chosen === null ? `${session.id}/${refresh}` : `${session.id}/fixed`);
  const interval = chosen ?? (props.value ? autoInterval(props.value.duration) : null);
  const filters = lines.map((l) => l.filter);
  // What the user changes is asked for at once; a live capture's growth once the last count is in.
  const settled = useSettledRefresh(status);
  const key = interval === null ? null : `${session.id}/${interval}/${JSON.stringify(filters)}/${settled.key}`;
  const call = useCall(api, 'ioGraph', interval === null ? null : { session: session.id, interval, graphs: filters.map((filter) => ({ filter })) }, key);
  useEffect(() => settled.settle(call.loading), [call.loading]); // eslint-disable-line react-hooks/exhaustive-deps -- settle is stable
  return (
    <IoGraphView
      result={call.value}
      lines={lines}
      onLines={setLines}
      interval={interval ?? 1}
      onInterval={setChosen}
      error={call.error?.message ?? props.error?.message ?? null}
      selectedNo={selected?.no ?? null}
      onSelectPacket={selectPacket}
    />
  );
}

export default View;
