/**
 * Follow Stream: a connection's client and server bytes in two colours, as ASCII, hex dump or
 * raw; search; save; "filter out this stream"; the stream chooser; and the "sticky packet" view,
 * where segment boundaries and application-message boundaries are drawn over the same bytes.
 * The pure work is in model.ts; the framing splitter in dissectors/tcp/framing.ts.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FollowMessage, FollowResult, Framing } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { lastOpenRequest, onOpenAnalysis } from '../conversations/navigate.js';
import { useCall, useRefreshKey } from '../conversations/use-call.js';
import {
  asciiText, countOverlapping, decodeChunks, dirMessages, dirStream, filterOutText, findMatches, followAsText, followBytes, hexLines, highlightParts, messagesFor, rawHex,
  stickyPieces, stickyStats, ebcdicText, yamlChunk, type Chunk, type Dir, type DirStream, type FollowMode, type Match,
} from './model.js';

export interface SaveRequest {
  /** Suggested file name ("tcp-stream-3.txt"). */
  name: string;
  mode: FollowMode;
  /** Text for ASCII / hex dump; the stream's bytes in capture order for raw. */
  content: string | Uint8Array;
}

export interface FollowViewProps {
  /** The engine's `follow` result; null while none is loaded. */
  result: FollowResult | null;
  /** Stream numbers to choose from (the chooser is a number field when absent). */
  streams?: number[];
  /** The framing asked for (controlled by the parent when given with onFramingChange). */
  framing?: Framing;
  /** The user chose another framing: pass it to the engine's follow call. */
  onFramingChange?: (f: Framing) => void;
  onStreamChange?: (stream: number) => void;
  /** Shown for a TCP stream: follow it as HTTP (headers, then bodies de-chunked and decompressed) or as bytes. */
  onAsHttpChange?: (asHttp: boolean) => void;
  /** What was asked for (the box follows the click at once; the content follows when the engine answers). */
  asHttp?: boolean;
  onSave?: (file: SaveRequest) => void;
  /** "Filter out this stream": the display filter to apply. */
  onFilter?: (filter: string) => void;
  /** Clicking a segment's bytes selects the packet that carried them. */
  onSelectPacket?: (no: number) => void;
  initialMode?: FollowMode;
  initialSticky?: boolean;
  initialQuery?: string;
}

export const COLORS = {
  c2s: { fg: '#8b1a1a', bg: '#fbeded' },
  s2c: { fg: '#1a3c8b', bg: '#edf1fb' },
  segment: '#e65100',
  message: ['#c8e6c9', '#fff59d'],
} as const;

/** Most bytes drawn (the rest is still searched and saved). */
export const MAX_SHOWN_BYTES = 256 * 1024;

function Highlighted({ c, matches }: { c: Chunk; matches: readonly Match[] }) {
  const parts = highlightParts(c, matches);
  return (
    <>
      {parts.map((p, k) => {
        const text = asciiText(c.data.subarray(p.from, p.to));
        return p.hit ? <mark key={k}>{text}</mark> : <span key={k}>{text}</span>;
      })}
    </>
  );
}

/** One segment's bytes (no hooks: the tests call it to reach its click handler). */
export function ChunkBlock({ c, mode, offset, matches, t, onSelectPacket }: { c: Chunk; mode: FollowMode; offset: number; matches: readonly Match[]; t: TFunction; onSelectPacket?: (no: number) => void }) {
  const color = COLORS[c.dir];
  let body: ReactNode;
  if (mode === 'ascii') body = <Highlighted c={c} matches={matches} />;
  else if (mode === 'ebcdic') body = ebcdicText(c.data);
  else if (mode === 'yaml') body = yamlChunk(c);
  else if (mode === 'raw') body = rawHex(c.data);
  else body = hexLines(c.data, offset).join('\n');
  return (
    <pre
      className={`follow-chunk ${c.dir}`}
      data-no={c.no}
      data-dir={c.dir}
      title={t('follow.chunkTitle', { no: c.no, len: c.data.length })}
      onClick={onSelectPacket ? () => onSelectPacket(c.no) : undefined}
      style={{ cursor: onSelectPacket ? 'pointer' : undefined, color: color.fg, background: color.bg, margin: 0, marginLeft: c.dir === 's2c' && mode !== 'ascii' ? 24 : 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
    >
      {body}
    </pre>
  );
}

/** The ranges to draw: one per pixel column at most (a stream of 100 000 lines stays drawable). */
function thin<R extends { start: number; end: number }>(ranges: readonly R[], x: (o: number) => number): R[] {
  const out: R[] = [];
  let last = -1;
  for (const r of ranges) {
    const px = Math.floor(x(r.start));
    if (px === last) continue;
    out.push(r);
    last = px;
  }
  return out;
}

/** Segments lane over messages lane, proportional to the bytes. */
function Lanes({ s, messages, t }: { s: DirStream; messages: readonly FollowMessage[]; t: TFunction }) {
  const W = 720;
  const total = Math.max(1, s.bytes.length);
  const x = (o: number) => (o / total) * W;
  const msgs = thin(messages.filter((m) => m.dir === s.dir), x);
  const segs = thin(s.segments, x);
  return (
    <svg className="follow-lanes" width={W + 90} height={52} role="img" aria-label={t('follow.lanesAria')}>
      <text x={0} y={16} fontSize={10}>{t('follow.laneSegments')}</text>
      <text x={0} y={40} fontSize={10}>{t('follow.laneMessages')}</text>
      <g transform="translate(88,0)">
        {segs.map((g, k) => (
          <rect key={`s${k}`} className="lane-segment" data-no={g.no} x={x(g.start)} y={4} width={Math.max(1, x(g.end) - x(g.start))} height={18} fill={COLORS[s.dir].bg} stroke={COLORS.segment}>
            <title>{t('follow.segmentTitle', { no: g.no, start: g.start, end: g.end, len: g.end - g.start })}</title>
          </rect>
        ))}
        {msgs.map((m, k) => (
          <rect key={`m${k}`} className="lane-message" x={x(m.start)} y={28} width={Math.max(1, x(m.end) - x(m.start))} height={18} fill={COLORS.message[k % 2]} stroke="#33691e">
            <title>{t('follow.messageTitle', { label: m.label, start: m.start, end: m.end, len: m.end - m.start, interpolation: { escapeValue: false } })}</title>
          </rect>
        ))}
      </g>
    </svg>
  );
}

function StickyDirection({ s, messages, address, t }: { s: DirStream; messages: readonly FollowMessage[]; address: string; t: TFunction }) {
  const msgs = dirMessages(messages, s.dir);
  const pieces = stickyPieces(s, messages, MAX_SHOWN_BYTES);
  const stats = stickyStats(s, messages);
  return (
    <section className={`follow-sticky ${s.dir}`} data-dir={s.dir}>
      <h4 style={{ color: COLORS[s.dir].fg, margin: '6px 0' }}>{t(`follow.dir.${s.dir}`, { address, bytes: s.bytes.length })}</h4>
      <Lanes s={s} messages={messages} t={t} />
      <p className="sticky-stats">
        {t('follow.stickyStats', { segments: s.segments.length, messages: msgs.length, several: stats.segmentsWithSeveral.length, spanning: stats.messagesOverSeveral.length })}
      </p>
      <ul className="sticky-findings">
        {stats.segmentsWithSeveral.slice(0, 5).map((g) => (
          <li key={`g${g.no}`} className="segment-several">{t('follow.segmentCarries', { no: g.no, count: countOverlapping(msgs, g.start, g.end) })}</li>
        ))}
        {stats.messagesOverSeveral.slice(0, 5).map((m) => (
          <li key={`m${m.start}`} className="message-spans">
            {t('follow.messageSpans', { label: m.label, count: countOverlapping(s.segments, m.start, m.end), interpolation: { escapeValue: false } })}
          </li>
        ))}
      </ul>
      <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', color: COLORS[s.dir].fg, lineHeight: 1.9 }}>
        {pieces.map((p, k) => {
          const seg = s.segments[p.segment];
          const msg = msgs[p.message];
          return (
            <span
              key={k}
              className="sticky-piece"
              data-segment={seg?.no}
              data-message={p.message}
              style={{
                background: p.message >= 0 ? COLORS.message[p.message % 2] : undefined,
                borderLeft: p.segmentStart ? `2px solid ${COLORS.segment}` : undefined,
              }}
            >
              {p.segmentStart && seg && <sup className="segment-mark" style={{ color: COLORS.segment }}>{t('follow.segmentMark', { no: seg.no })}</sup>}
              {p.messageStart && msg && <sub className="message-mark" style={{ color: '#33691e', fontWeight: 'bold' }}>{t('follow.messageMark', { label: msg.label, interpolation: { escapeValue: false } })}</sub>}
              {asciiText(s.bytes.subarray(p.start, Math.min(p.end, MAX_SHOWN_BYTES)))}
            </span>
          );
        })}
      </pre>
    </section>
  );
}

function FramingChooser({ framing, onChange, t }: { framing: Framing; onChange: (f: Framing) => void; t: TFunction }) {
  return (
    <span className="follow-framing">
      <label>
        {t('follow.framing')}{' '}
        <select
          value={framing.kind}
          onChange={(e) => {
            const k = e.target.value;
            onChange(k === 'length' ? { kind: 'length', bytes: 2, endian: 'big' } : k === 'delimiter' ? { kind: 'delimiter', delimiter: '\\n' } : { kind: 'auto' });
          }}
        >
          <option value="auto">{t('follow.framingAuto')}</option>
          <option value="length">{t('follow.framingLength')}</option>
          <option value="delimiter">{t('follow.framingDelimiter')}</option>
        </select>
      </label>
      {framing.kind === 'length' && (
        <>
          <select value={framing.bytes} aria-label={t('follow.lengthBytesLabel')} onChange={(e) => onChange({ ...framing, bytes: Number(e.target.value) as 1 | 2 | 4 })}>
            {[1, 2, 4].map((n) => (
              <option key={n} value={n}>{t('follow.lengthBytes', { count: n })}</option>
            ))}
          </select>
          <select value={framing.endian} aria-label={t('follow.endianLabel')} onChange={(e) => onChange({ ...framing, endian: e.target.value as 'big' | 'little' })}>
            <option value="big">{t('follow.endianBig')}</option>
            <option value="little">{t('follow.endianLittle')}</option>
          </select>
        </>
      )}
      {framing.kind === 'delimiter' && (
        <input
          type="text"
          size={6}
          value={framing.delimiter}
          aria-label={t('follow.delimiterLabel')}
          title={t('follow.delimiterHelp')}
          onChange={(e) => onChange({ kind: 'delimiter', delimiter: e.target.value })}
        />
      )}
    </span>
  );
}

export function FollowView(props: FollowViewProps) {
  const { result, streams, onStreamChange, onAsHttpChange, asHttp, onSave, onFilter } = props;
  const { t } = useTranslation('analysis');
  const [mode, setMode] = useState<FollowMode>(props.initialMode ?? 'ascii');
  const [sticky, setSticky] = useState(props.initialSticky ?? false);
  const [query, setQuery] = useState(props.initialQuery ?? '');
  const [ownFraming, setOwnFraming] = useState<Framing>(props.framing ?? { kind: 'auto' });
  const framing = props.framing && props.onFramingChange ? props.framing : ownFraming;
  const setFraming = (f: Framing) => {
    setOwnFraming(f);
    props.onFramingChange?.(f);
  };

  const chunks = useMemo(() => (result ? decodeChunks(result) : []), [result]);
  const dirs = useMemo(() => ({ c2s: dirStream(chunks, 'c2s'), s2c: dirStream(chunks, 's2c') }) as Record<Dir, DirStream>, [chunks]);
  const messages = useMemo(() => (result ? messagesFor(result, framing, dirs) : []), [result, framing, dirs]);
  const matches = useMemo(() => [...findMatches(dirs.c2s, query), ...findMatches(dirs.s2c, query)], [dirs, query]);

  if (!result) return <div className="follow-view empty">{t('follow.none')}</div>;

  const shownChunks: { c: Chunk; offset: number }[] = [];
  const pos = { c2s: 0, s2c: 0 };
  let shown = 0;
  for (const c of chunks) {
    if (shown < MAX_SHOWN_BYTES) shownChunks.push({ c, offset: pos[c.dir] });
    shown += c.data.length;
    pos[c.dir] += c.data.length;
  }
  const save = () => {
    const content = mode === 'raw' ? followBytes(chunks) : followAsText(chunks, mode, result.client, result.server);
    onSave?.({ name: `${result.proto}-stream-${result.stream}.${mode === 'raw' ? 'bin' : mode === 'yaml' ? 'yaml' : 'txt'}`, mode, content });
  };

  return (
    <div className="follow-view" data-stream={result.stream} data-proto={result.proto}>
      <div className="follow-toolbar" style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
        <strong>{t('follow.title', { proto: result.proto.toUpperCase(), stream: result.stream })}</strong>
        <label>
          {t('follow.stream')}{' '}
          {streams ? (
            <select value={result.stream} onChange={(e) => onStreamChange?.(Number(e.target.value))}>
              {streams.map((s) => (
                <option key={s} value={s}>{s}</option>
              ))}
            </select>
          ) : (
            <input type="number" min={0} value={result.stream} onChange={(e) => onStreamChange?.(Number(e.target.value))} style={{ width: 70 }} />
          )}
        </label>
        {onAsHttpChange && (
          <label title={t('follow.asHttpHelp')}>
            <input type="checkbox" checked={asHttp ?? result.proto === 'http'} onChange={(e) => onAsHttpChange(e.target.checked)} /> {t('follow.asHttp')}
          </label>
        )}
        <label>
          {t('follow.showAs')}{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as FollowMode)}>
            <option value="ascii">{t('follow.modeAscii')}</option>
            <option value="hex">{t('follow.modeHex')}</option>
            <option value="raw">{t('follow.modeRaw')}</option>
            <option value="ebcdic">{t('follow.modeEbcdic')}</option>
            <option value="yaml">{t('follow.modeYaml')}</option>
          </select>
        </label>
        <label>
          {t('follow.search')}{' '}
          <input type="search" value={query} placeholder={t('follow.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
        </label>
        {query && <span className="follow-matches">{t('follow.matches', { count: matches.length })}</span>}
        <label>
          <input type="checkbox" checked={sticky} onChange={(e) => setSticky(e.target.checked)} /> {t('follow.sticky')}
        </label>
        {sticky && <FramingChooser framing={framing} onChange={setFraming} t={t} />}
        {onSave && <button type="button" onClick={save}>{t('follow.save')}</button>}
        {onFilter && (
          <button type="button" onClick={() => onFilter(filterOutText(result.proto === 'http' ? 'tcp' : result.proto, result.stream))}>{t('follow.filterOut')}</button>
        )}
      </div>
      <div className="follow-legend">
        <span style={{ color: COLORS.c2s.fg, background: COLORS.c2s.bg }}>{t('follow.dir.c2s', { address: result.client, bytes: result.bytesC2S })}</span>{' '}
        <span style={{ color: COLORS.s2c.fg, background: COLORS.s2c.bg }}>{t('follow.dir.s2c', { address: result.server, bytes: result.bytesS2C })}</span>
      </div>
      {chunks.length === 0 ? (
        <p className="follow-empty">{t('follow.noData')}</p>
      ) : sticky ? (
        <div className="follow-sticky-body">
          <p className="sticky-help">{t('follow.stickyHelp')}</p>
          {(['c2s', 's2c'] as const).map((d) => (dirs[d].bytes.length > 0 ? <StickyDirection key={d} s={dirs[d]} messages={messages} address={d === 'c2s' ? result.client : result.server} t={t} /> : null))}
        </div>
      ) : (
        <div className="follow-body">
          {shownChunks.map(({ c, offset }) => (
            <ChunkBlock key={c.index} c={c} mode={mode} offset={offset} matches={mode === 'ascii' ? matches : []} t={t} onSelectPacket={props.onSelectPacket} />
          ))}
        </div>
      )}
      {shown > MAX_SHOWN_BYTES && <p className="follow-truncated">{t('follow.truncated', { shown: MAX_SHOWN_BYTES, total: shown })}</p>}
    </div>
  );
}

/** Offers a file to the user (the browser's download; Electron shows its save dialog for it). */
export function downloadFile(file: SaveRequest): void {
  const blob = new Blob([file.content as BlobPart], { type: typeof file.content === 'string' ? 'text/plain;charset=utf-8' : 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The view as the main window mounts it: follows the selected packet's TCP or UDP stream (or the
 * one asked for from another view, or chosen in the view), with the framing chosen.
 */
export function View({ api, session, status, selected, applyFilter, selectPacket }: AnalysisViewProps) {
  const { t } = useTranslation('analysis');
  const first = lastOpenRequest();
  const [asked, setAsked] = useState<{ proto: 'tcp' | 'udp'; stream: number } | null>(() =>
    first && first.view === 'follow' ? { proto: first.proto === 'udp' ? 'udp' : 'tcp', stream: first.stream } : null);
  // A TCP stream may be followed as HTTP (Analyze › Follow › HTTP Stream, or the box in the view): kept as the selection moves.
  const [asHttp, setAsHttp] = useState(() => first?.view === 'follow' && first.proto === 'http');
  useEffect(() => onOpenAnalysis((r) => {
    if (r.view !== 'follow') return;
    setAsked({ proto: r.proto === 'udp' ? 'udp' : 'tcp', stream: r.stream });
    if (r.proto !== 'udp') setAsHttp(r.proto === 'http');
  }), []);
  const selProto = selected?.tcpStream !== undefined ? 'tcp' : selected?.udpStream !== undefined ? 'udp' : null;
  const selStream = selected?.tcpStream ?? selected?.udpStream ?? null;
  useEffect(() => {
    if (selStream !== null) setAsked(null);
  }, [selProto, selStream]);
  const [framing, setFraming] = useState<Framing>({ kind: 'auto' });
  const base = asked ?? (selProto && selStream !== null ? { proto: selProto, stream: selStream } : null);
  const target = base && base.proto === 'tcp' && asHttp ? { proto: 'http' as const, stream: base.stream } : base;
  const tick = useRefreshKey(status);
  const key = target ? `${session.id}/${target.proto}/${target.stream}/${JSON.stringify(framing)}/${tick}` : null;
  const call = useCall(api, 'follow', target ? { session: session.id, proto: target.proto, stream: target.stream, framing } : null, key);
  const convs = useCall(api, 'conversations', base ? { session: session.id, kind: base.proto } : null, base ? `${session.id}/${base.proto}/${tick}` : null);
  const streams = convs.value?.map((c) => c.stream).filter((s): s is number => s !== undefined);
  if (call.error) return <div className="follow-view error">{t('follow.error', { message: call.error.message })}</div>;
  if (target && !call.value) return <div className="follow-view loading">{t('follow.loading')}</div>;
  return (
    <FollowView
      result={call.value}
      streams={streams && streams.length ? streams : undefined}
      framing={framing}
      onFramingChange={setFraming}
      onStreamChange={(stream) => base && setAsked({ proto: base.proto, stream })}
      onAsHttpChange={base?.proto === 'tcp' ? setAsHttp : undefined}
      asHttp={asHttp}
      onSave={downloadFile}
      onFilter={applyFilter}
      onSelectPacket={selectPacket}
    />
  );
}

export default View;
export type { FollowMode } from './model.js';
