/**
 * The handshake and connection view: the ladder diagram of one TCP connection (ladder.ts lays it
 * out) and the explanation of the selected segment (explain.ts writes it as i18n keys), with the
 * handshake and close RTTs. Controlled by its props: a new `view` (a live capture's connection
 * growing) redraws it; `selectedNo` highlights an arrow; clicking an arrow calls onSelectPacket.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ConnectionPacket, ConnectionView } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { useConnection } from '../conversations/use-connection.js';
import { explainPacket, ms, statesBefore, type Line } from './explain.js';
import { closeRtt, LADDER, ladderWindow, layoutLadder, MAX_ARROWS, type LadderArrow, type StateBand, type TimeAxis } from './ladder.js';

export interface HandshakeViewProps {
  /** The connection (the engine's `connection` result); null while none is chosen. */
  view: ConnectionView | null;
  /** Packet number selected in the grid / tree (its arrow is highlighted and explained). */
  selectedNo?: number | null;
  onSelectPacket?: (no: number) => void;
  /** Starting time axis (the user toggles it). */
  initialAxis?: TimeAxis;
  /** Show the explanation in the other language too (English and Chinese side by side). */
  initialBilingual?: boolean;
  /** Most arrows drawn; a longer connection shows a window around the selected packet. */
  maxArrows?: number;
}

/** The words of an explanation line: side names and other word parameters translated first. */
export function lineText(t: TFunction, line: Line): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(line.params)) params[k] = typeof v === 'object' ? t(v.key) : v;
  return t(line.key, { ...params, interpolation: { escapeValue: false } });
}

/** Arrow colours: a normal segment, the selected one, a problem (retransmission …), a reset. */
const ARROW_COLOR = { normal: '#37474f', selected: '#0d47a1', problem: '#c62828', reset: '#d84315' } as const;

/** A white outline behind text that crosses an arrow, so the label stays readable. */
const HALO = { stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' } as const;

const STATE_COLOR: Record<string, string> = {
  CLOSED: '#9e9e9e', LISTEN: '#7cb342', 'SYN-SENT': '#fb8c00', 'SYN-RECEIVED': '#fb8c00', ESTABLISHED: '#2e7d32',
  'FIN-WAIT-1': '#8e24aa', 'FIN-WAIT-2': '#8e24aa', CLOSING: '#8e24aa', 'TIME-WAIT': '#5e35b1', 'CLOSE-WAIT': '#1e88e5', 'LAST-ACK': '#1e88e5',
};

function Band({ band, x, t }: { band: StateBand; x: number; t: TFunction }) {
  const color = STATE_COLOR[band.state] ?? '#555';
  const left = band.side === 'client';
  return (
    <g className={`ladder-band${band.inferred ? ' inferred' : ''}`} data-side={band.side} data-state={band.state} data-inferred={band.inferred ? '1' : '0'}>
      <title>{`${t(`stateHelp.${band.state}`)}${band.inferred ? ` (${t('handshake.inferred')})` : ''}`}</title>
      <line x1={x} y1={band.y1} x2={x} y2={band.y2} stroke={color} strokeWidth={6} strokeDasharray={band.inferred ? '6 4' : undefined} opacity={band.inferred ? 0.6 : 1} />
      <line x1={x - 10} y1={band.y1} x2={x + 10} y2={band.y1} stroke={color} strokeWidth={2} />
      <text x={left ? x - 12 : x + 12} y={band.y1 + 12} textAnchor={left ? 'end' : 'start'} fontSize={11} fontWeight="bold" fill={color} fontStyle={band.inferred ? 'italic' : undefined}>
        {band.state}
      </text>
    </g>
  );
}

/** "client CLOSED → SYN-SENT, server stays LISTEN", in the current language. */
export function transitionText(t: TFunction, before: { client: string; server: string }, after: { client: string; server: string }): string {
  return (['client', 'server'] as const)
    .map((s) => before[s] === after[s]
      ? t('handshake.stays', { side: t(`side.${s}`), state: after[s] })
      : t('handshake.changes', { side: t(`side.${s}`), from: before[s], to: after[s] }))
    .join(t('handshake.listSep'));
}

/** Both sides' ISNs, when both are known (the raw numbers can be shown then). */
export interface Isns {
  client: number;
  server: number;
}

/**
 * The seq and ack an arrow shows: relative (Wireshark's default: the SYN is 0), or with `isns` the
 * numbers on the wire — the sender's ISN added to seq, the receiver's to ack (when ACK is set).
 */
export function arrowNumbers(p: ConnectionPacket, isns: Isns | null): { seq: number; ack: number } {
  if (!isns) return { seq: p.seq, ack: p.ack };
  const mine = p.dir === 'c2s' ? isns.client : isns.server;
  const peer = p.dir === 'c2s' ? isns.server : isns.client;
  return { seq: (p.seq + mine) >>> 0, ack: /ACK/.test(p.flags) ? (p.ack + peer) >>> 0 : p.ack };
}

/** One arrow (no hooks: the tests call it to reach its click handler). */
export function Arrow({ a, before, selected, onSelect, t, isns = null }: { a: LadderArrow; before: { client: string; server: string }; selected: boolean; onSelect?: (no: number) => void; t: TFunction; isns?: Isns | null }) {
  const p = a.packet;
  const n = arrowNumbers(p, isns);
  const midX = (a.x1 + a.x2) / 2;
  const midY = (a.y1 + a.y2) / 2;
  const kind: keyof typeof ARROW_COLOR = a.problem ? 'problem' : /RST/.test(p.flags) ? 'reset' : selected ? 'selected' : 'normal';
  const color = ARROW_COLOR[kind];
  const label = t('handshake.arrowLabel', { flags: p.flags, seq: n.seq, ack: n.ack, len: p.len, interpolation: { escapeValue: false } });
  const marks = a.marks.map((m) => t(`handshake.mark.${m}`)).join(', ');
  return (
    <g
      className={`ladder-arrow${selected ? ' selected' : ''}${a.problem ? ' problem' : ''}`}
      data-no={a.no}
      data-dir={a.dir}
      role="button"
      tabIndex={0}
      aria-label={`#${a.no} ${label}`}
      aria-pressed={selected}
      style={{ cursor: 'pointer' }}
      onClick={() => onSelect?.(a.no)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect?.(a.no);
        }
      }}
    >
      <title>{`${t('handshake.arrowTitle', { no: a.no, transition: transitionText(t, before, p), interpolation: { escapeValue: false } })}\n${label}`}</title>
      {selected && <rect x={LADDER.clientX} y={a.y1 - 18} width={LADDER.serverX - LADDER.clientX} height={a.y2 - a.y1 + 24} fill="#e3f2fd" />}
      <line x1={a.x1} y1={a.y1} x2={a.x2} y2={a.y2} stroke={color} strokeWidth={selected ? 2.5 : 1.5} strokeDasharray={a.problem ? '5 3' : undefined} markerEnd={`url(#ladder-head-${kind})`} />
      {/* A wide invisible line makes the arrow easy to click. */}
      <line x1={a.x1} y1={a.y1} x2={a.x2} y2={a.y2} stroke="transparent" strokeWidth={14} />
      {(a.labelled || selected) && <text x={midX} y={midY - 5} textAnchor="middle" fontSize={11} fill={color} fontWeight={selected ? 'bold' : undefined} {...HALO}>
        {label}
      </text>}
      {marks && (a.labelled || selected) && (
        <text x={midX} y={midY + 13} textAnchor="middle" fontSize={10} fill="#c62828" className="ladder-marks" {...HALO}>
          {`[${marks}]`}
        </text>
      )}
      {(a.labelled || selected) && (
        <>
          <text x={8} y={a.y1 + 4} fontSize={10} fill="#607d8b">{`#${a.no}`}</text>
          <text x={LADDER.width - 8} y={a.y1 + 4} fontSize={10} fill="#607d8b" textAnchor="end">
            {t('handshake.arrowTime', { time: p.time.toFixed(6) })}
          </text>
        </>
      )}
    </g>
  );
}

/** The language the bilingual explanation adds: Chinese beside English, English beside Chinese. */
export function otherLanguage(lng: string | undefined): 'en' | 'zh-CN' {
  return lng?.toLowerCase().startsWith('zh') ? 'en' : 'zh-CN';
}

export function HandshakeView({ view, selectedNo = null, onSelectPacket, initialAxis = 'compressed', initialBilingual = false, maxArrows = MAX_ARROWS }: HandshakeViewProps) {
  const { t, i18n } = useTranslation('analysis');
  const [axis, setAxis] = useState<TimeAxis>(initialAxis);
  const [bilingual, setBilingual] = useState(initialBilingual);
  // Wireshark's "Relative sequence numbers" preference, off: the numbers on the wire (both ISNs needed).
  const [raw, setRaw] = useState(false);
  const win = useMemo(() => (view ? ladderWindow(view, selectedNo, maxArrows) : null), [view, selectedNo, maxArrows]);
  const layout = useMemo(() => (view && win ? layoutLadder({ ...view, packets: win.packets }, { axis, initial: win.initial }) : null), [view, win, axis]);
  // The main window loads only the current language: fetch the other one for the bilingual explanation.
  useEffect(() => {
    if (bilingual) void i18n.loadLanguages(otherLanguage(i18n.language));
  }, [bilingual, i18n]);
  if (!view || !layout || !win) return <div className="handshake-view empty">{t('handshake.none')}</div>;

  const lines = selectedNo === null ? [] : explainPacket(view, selectedNo);
  const otherLng = otherLanguage(i18n.language);
  const tOther = i18n.getFixedT(otherLng, 'analysis');
  const hsTotal = view.rttSynToSynAck !== undefined && view.rttSynAckToAck !== undefined ? view.rttSynToSynAck + view.rttSynAckToAck : undefined;
  const close = closeRtt(view);
  const isns: Isns | null = view.client.isn !== undefined && view.server.isn !== undefined ? { client: view.client.isn, server: view.server.isn } : null;

  return (
    <div className="handshake-view" data-stream={view.stream}>
      <div className="handshake-header" style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
        <strong>{t('handshake.title', { stream: view.stream, client: `${view.client.address}:${view.client.port}`, server: `${view.server.address}:${view.server.port}`, interpolation: { escapeValue: false } })}</strong>
        <span className="handshake-outcome">{t('handshake.outcome', { code: view.outcome, text: t(`outcome.${view.outcome}`, { defaultValue: view.outcomeText }), interpolation: { escapeValue: false } })}</span>
        <label>
          {t('handshake.axisLabel')}{' '}
          <select value={axis} onChange={(e) => setAxis(e.target.value as TimeAxis)}>
            <option value="compressed">{t('handshake.axisCompressed')}</option>
            <option value="scale">{t('handshake.axisScale')}</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={bilingual} onChange={(e) => setBilingual(e.target.checked)} /> {t('handshake.bilingual')}
        </label>
        {isns && (
          <label title={t('handshake.rawTitle')}>
            <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} /> {t('handshake.raw')}
          </label>
        )}
        {view.live && <span className="handshake-live">{t('handshake.live')}</span>}
      </div>
      <div className="handshake-rtts">
        {hsTotal !== undefined ? (
          <span className="rtt-handshake">{t('handshake.rttHandshake', { total: ms(hsTotal), synToSynAck: ms(view.rttSynToSynAck!), synAckToAck: ms(view.rttSynAckToAck!) })}</span>
        ) : (
          <span className="rtt-handshake">{t('handshake.noRtt')}</span>
        )}
        {' · '}
        {close ? <span className="rtt-close">{t('handshake.rttClose', { ms: ms(close.seconds), fin: close.fin, ack: close.ack })}</span> : <span className="rtt-close">{t('handshake.noCloseRtt')}</span>}
        {view.roleHeuristic && <div className="handshake-heuristic">{t('handshake.roleHeuristic')}</div>}
        {win.packets.length < win.total && (
          <div className="handshake-window">
            {t('handshake.window', { from: win.packets[0]!.no, to: win.packets.at(-1)!.no, shown: win.packets.length, total: win.total })}
          </div>
        )}
      </div>
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
        <svg
          className="ladder"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-label={t('handshake.aria', { stream: view.stream })}
          style={{ flex: 'none', fontFamily: 'sans-serif' }}
        >
          <defs>
            {Object.entries(ARROW_COLOR).map(([k, c]) => (
              <marker key={k} id={`ladder-head-${k}`} markerWidth={10} markerHeight={8} refX={9} refY={4} orient="auto" markerUnits="userSpaceOnUse">
                <path d="M0,0 L10,4 L0,8 z" fill={c} />
              </marker>
            ))}
          </defs>
          <text x={layout.clientX} y={18} textAnchor="middle" fontWeight="bold" fontSize={13}>{t('side.clientTitle')}</text>
          <text x={layout.clientX} y={34} textAnchor="middle" fontSize={11}>{`${view.client.address}:${view.client.port}`}</text>
          <text x={layout.serverX} y={18} textAnchor="middle" fontWeight="bold" fontSize={13}>{t('side.serverTitle')}</text>
          <text x={layout.serverX} y={34} textAnchor="middle" fontSize={11}>{`${view.server.address}:${view.server.port}`}</text>
          {layout.bands.map((b, k) => (
            <Band key={`b${k}`} band={b} x={b.side === 'client' ? layout.clientX : layout.serverX} t={t} />
          ))}
          {layout.breaks.map((b, k) => (
            <g key={`p${k}`} className="ladder-break">
              <path d={`M${layout.clientX - 30},${b.y} l10,-5 l10,10 l10,-5 M${layout.serverX - 10},${b.y} l10,-5 l10,10 l10,-5`} stroke="#78909c" fill="none" />
              <text x={(layout.clientX + layout.serverX) / 2} y={b.y + 4} textAnchor="middle" fontSize={10} fill="#78909c" fontStyle="italic">
                {t('handshake.pause', { seconds: b.seconds.toFixed(3) })}
              </text>
            </g>
          ))}
          {layout.arrows.map((a, i) => (
            <Arrow key={a.no} a={a} before={statesBefore(view, win.first + i)} selected={a.no === selectedNo} onSelect={onSelectPacket} t={t} isns={raw ? isns : null} />
          ))}
          {view.live && (
            <text x={(layout.clientX + layout.serverX) / 2} y={layout.height - 12} textAnchor="middle" fontSize={11} fill="#78909c">
              {t('handshake.waiting')}
            </text>
          )}
        </svg>
        <div className="handshake-explain" style={{ minWidth: 260, maxWidth: 460 }}>
          <div className="handshake-legend" style={{ fontSize: 11, color: '#607d8b' }}>
            <div>{t('handshake.legendInferred')}</div>
            <div>{t('handshake.legendProblem')}</div>
          </div>
          {lines.length === 0 ? (
            <p className="explain-prompt">{t('handshake.selectPrompt')}</p>
          ) : (
            <>
              <h4>{t('handshake.explainTitle', { no: selectedNo })}</h4>
              <div className="explain-lines" lang={i18n.language}>
                {lines.map((l, k) => (
                  <p key={k} data-key={l.key}>{lineText(t, l)}</p>
                ))}
              </div>
              {bilingual && (
                <div className="explain-lines other-language" lang={otherLng} style={{ color: '#455a64', borderTop: '1px solid #cfd8dc' }}>
                  {lines.map((l, k) => (
                    <p key={k} data-key={l.key}>{lineText(tOther, l)}</p>
                  ))}
                </div>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * The view as the main window mounts it: the connection of the selected packet's TCP stream (or of
 * a stream asked for from another view), fetched again as a live capture's status moves on.
 */
export function View(props: AnalysisViewProps) {
  const { t } = useTranslation('analysis');
  const { stream, call } = useConnection('handshake', props);
  if (call.error) return <div className="handshake-view error">{t('handshake.error', { message: call.error.message })}</div>;
  if (stream !== null && !call.value) return <div className="handshake-view loading">{t('handshake.loading')}</div>;
  return <HandshakeView view={call.value} selectedNo={props.selected?.no ?? null} onSelectPacket={props.selectPacket} />;
}

export default View;
export { explainPacket } from './explain.js';
export { layoutLadder, closeRtt } from './ladder.js';
export type { TimeAxis } from './ladder.js';
