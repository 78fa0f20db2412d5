/**
 * Conversations and Endpoints (tabs per kind: Ethernet, IPv4, IPv6, TCP, UDP), sortable by any
 * column, with MAC vendor names, the TCP outcome in words, handshake RTT and duration, and row
 * actions; and the live connections table with both endpoints' current states, the half-open
 * count per server and the SYN-flood alert. The pure part is model.ts.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ConversationRow, ConvKind, EndpointRow, ExpertRow, SessionApi } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { openAnalysis, type OpenRequest } from './navigate.js';
import { useCall, useRefreshKey } from './use-call.js';
import { ExportConversation, ExportPacketsBar } from './export.js';
import { SYN_FLOOD_DEFAULTS } from '../../../dissectors/tcp/syn-flood.js';
import {
  conversationColumns, endpointColumns, halfOpenPerServer, isHalfOpen, KINDS, liveFromView, outcomeCode, sortRows,
  type ConvColumn, type EndpointColumn, type LiveConnection, type SortDir,
} from './model.js';

export interface ConversationsViewProps {
  conversations: Partial<Record<ConvKind, ConversationRow[]>>;
  endpoints?: Partial<Record<ConvKind, EndpointRow[]>>;
  /** The tab shown first (the parent may fetch a kind's rows when asked through onKindChange). */
  initialKind?: ConvKind;
  initialTable?: 'conversations' | 'endpoints';
  onKindChange?: (kind: ConvKind) => void;
  /** "Filter on this conversation" (its display filter). */
  onFilter?: (filter: string) => void;
  onFollow?: (proto: 'tcp' | 'udp', stream: number) => void;
  onOpenHandshake?: (stream: number) => void;
  /** "Stream graph" (the TCP stream graphs view). */
  onOpenGraph?: (stream: number) => void;
  /** "Export as JSON" (the engine's conversation export). */
  onExport?: (proto: 'tcp' | 'udp', stream: number) => void;
}

function fixed(n: number | undefined, digits: number): string {
  return n === undefined ? '' : n.toFixed(digits);
}

function SortHeader<C extends string>({ col, sort, onSort, t }: { col: C; sort: { col: C | null; dir: SortDir }; onSort: (c: C) => void; t: TFunction }) {
  const active = sort.col === col;
  return (
    <th
      scope="col"
      data-col={col}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      onClick={() => onSort(col)}
      style={{ cursor: 'pointer', whiteSpace: 'nowrap', textAlign: 'left' }}
    >
      {t(`conversations.col.${col}`)}
      {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
    </th>
  );
}

function useSort<C extends string>(): [{ col: C | null; dir: SortDir }, (c: C) => void] {
  const [sort, setSort] = useState<{ col: C | null; dir: SortDir }>({ col: null, dir: 'asc' });
  const toggle = (c: C) => setSort((s) => (s.col === c ? { col: c, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { col: c, dir: 'asc' }));
  return [sort, toggle];
}

function convCell(t: TFunction, r: ConversationRow, c: ConvColumn): string {
  switch (c) {
    case 'relStart':
      return fixed(r.relStart, 6);
    case 'duration':
      return fixed(r.duration, 6);
    case 'handshakeRtt':
      return r.handshakeRtt === undefined ? '' : t('conversations.ms', { value: (r.handshakeRtt * 1000).toFixed(3) });
    case 'outcome': {
      if (!r.outcome) return '';
      const code = outcomeCode(r.outcome);
      return `${r.outcome}: ${t(`outcome.${code}`, { defaultValue: r.outcomeText ?? code })}`;
    }
    default: {
      const v = r[c];
      return v === undefined ? '' : String(v);
    }
  }
}

/** One conversation row with its actions (no hooks: the tests call it to reach the buttons). */
export function ConversationTr({ kind, r, cols, props, t }: { kind: ConvKind; r: ConversationRow; cols: ConvColumn[]; props: ConversationsViewProps; t: TFunction }) {
  const canFollow = kind === 'tcp' || kind === 'udp';
  return (
    <tr data-stream={r.stream} data-outcome={r.outcome}>
      {cols.map((c) => (
        <td key={c} data-col={c} title={c === 'history' ? t('conversations.historyHelp') : undefined}>{convCell(t, r, c)}</td>
      ))}
      <td className="row-actions" style={{ whiteSpace: 'nowrap' }}>
        {props.onFilter && (
          <button type="button" onClick={() => props.onFilter!(r.filter)}>{t('conversations.action.filter')}</button>
        )}
        {canFollow && r.stream !== undefined && props.onFollow && (
          <button type="button" onClick={() => props.onFollow!(kind as 'tcp' | 'udp', r.stream!)}>{t('conversations.action.follow')}</button>
        )}
        {kind === 'tcp' && r.stream !== undefined && props.onOpenHandshake && (
          <button type="button" onClick={() => props.onOpenHandshake!(r.stream!)}>{t('conversations.action.handshake')}</button>
        )}
        {kind === 'tcp' && r.stream !== undefined && props.onOpenGraph && (
          <button type="button" onClick={() => props.onOpenGraph!(r.stream!)}>{t('conversations.action.graph')}</button>
        )}
        {canFollow && r.stream !== undefined && props.onExport && (
          <button type="button" onClick={() => props.onExport!(kind as 'tcp' | 'udp', r.stream!)}>{t('conversations.action.export')}</button>
        )}
      </td>
    </tr>
  );
}

function ConversationTable({ kind, rows, props, t }: { kind: ConvKind; rows: ConversationRow[]; props: ConversationsViewProps; t: TFunction }) {
  const cols = conversationColumns(kind, rows.some((r) => r.nameA !== undefined || r.nameB !== undefined));
  const [sort, onSort] = useSort<ConvColumn>();
  const sorted = sortRows(rows, sort.col, sort.dir);
  return (
    <table className="conversations-table" data-kind={kind}>
      <thead>
        <tr>
          {cols.map((c) => (
            <SortHeader key={c} col={c} sort={sort} onSort={onSort} t={t} />
          ))}
          <th scope="col">{t('conversations.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r, k) => (
          <ConversationTr key={`${r.filter}-${k}`} kind={kind} r={r} cols={cols} props={props} t={t} />
        ))}
      </tbody>
    </table>
  );
}

function EndpointTable({ kind, rows, t }: { kind: ConvKind; rows: EndpointRow[]; t: TFunction }) {
  const cols = endpointColumns(kind, rows.some((r) => r.name !== undefined));
  const [sort, onSort] = useSort<EndpointColumn>();
  const sorted = sortRows(rows, sort.col, sort.dir);
  return (
    <table className="endpoints-table" data-kind={kind}>
      <thead>
        <tr>
          {cols.map((c) => (
            <SortHeader key={c} col={c} sort={sort} onSort={onSort} t={t} />
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r, k) => (
          <tr key={`${r.address}-${r.port ?? ''}-${k}`}>
            {cols.map((c) => (
              <td key={c} data-col={c}>{r[c] === undefined ? '' : String(r[c])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConversationsView(props: ConversationsViewProps) {
  const { t } = useTranslation('analysis');
  const [kind, setKind] = useState<ConvKind>(props.initialKind ?? 'tcp');
  const [table, setTable] = useState<'conversations' | 'endpoints'>(props.initialTable ?? 'conversations');
  const choose = (k: ConvKind) => {
    setKind(k);
    props.onKindChange?.(k);
  };
  const convRows = props.conversations[kind];
  const epRows = props.endpoints?.[kind];
  const rows = table === 'conversations' ? convRows : epRows;
  return (
    <div className="conversations-view">
      <div role="tablist" className="conversations-tables">
        {(['conversations', 'endpoints'] as const).map((x) => (
          <button key={x} type="button" role="tab" aria-selected={table === x} onClick={() => setTable(x)} disabled={x === 'endpoints' && !props.endpoints}>
            {t(`conversations.${x}`)}
          </button>
        ))}
      </div>
      <div role="tablist" className="conversations-kinds">
        {KINDS.map((k) => {
          const n = (table === 'conversations' ? props.conversations[k] : props.endpoints?.[k])?.length;
          return (
            <button key={k} type="button" role="tab" data-kind={k} aria-selected={kind === k} onClick={() => choose(k)}>
              {n === undefined ? t(`conversations.kind.${k}`) : t('conversations.kindCount', { kind: t(`conversations.kind.${k}`), count: n })}
            </button>
          );
        })}
      </div>
      {rows === undefined ? (
        <p className="conversations-loading">{t('conversations.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="conversations-empty">{t('conversations.empty')}</p>
      ) : table === 'conversations' ? (
        <ConversationTable kind={kind} rows={convRows!} props={props} t={t} />
      ) : (
        <EndpointTable kind={kind} rows={epRows!} t={t} />
      )}
    </div>
  );
}

export interface LiveConnectionsViewProps {
  connections: LiveConnection[];
  /** SYN-flood rule (defaults: dissectors/tcp/syn-flood.ts). */
  threshold?: number;
  windowSec?: number;
  onSelectPacket?: (no: number) => void;
  onOpenHandshake?: (stream: number) => void;
}

export function LiveConnectionsView({ connections, threshold, windowSec, onSelectPacket, onOpenHandshake }: LiveConnectionsViewProps) {
  const { t } = useTranslation('analysis');
  const [sort, onSort] = useSort<'stream' | 'client' | 'server' | 'clientState' | 'serverState' | 'packets' | 'lastTime'>();
  const thr = threshold ?? SYN_FLOOD_DEFAULTS.threshold;
  const win = windowSec ?? SYN_FLOOD_DEFAULTS.windowSec;
  const servers = halfOpenPerServer(connections, { threshold: thr, windowSec: win });
  const alerts = servers.filter((s) => s.alert);
  const rows = sortRows(connections, sort.col, sort.dir);
  const th = (c: 'stream' | 'client' | 'server' | 'clientState' | 'serverState' | 'packets' | 'lastTime') => (
    <th scope="col" data-col={c} onClick={() => onSort(c)} style={{ cursor: 'pointer', textAlign: 'left' }}>
      {t(`conversations.live.col.${c}`)}
      {sort.col === c ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
    </th>
  );
  return (
    <div className="live-connections">
      {alerts.map((a) => (
        <div key={a.server} role="alert" className="syn-flood-alert" style={{ background: '#b71c1c', color: 'white', padding: '6px 10px', fontWeight: 'bold' }}>
          {t('conversations.live.synFlood', { server: a.server, count: a.halfOpen, threshold: thr, windowSec: win })}
          {' '}
          {t('conversations.live.synFloodHelp')}
        </div>
      ))}
      <h4>{t('conversations.live.title', { count: connections.length })}</h4>
      {connections.length === 0 ? (
        <p>{t('conversations.live.none')}</p>
      ) : (
        <table className="live-table">
          <thead>
            <tr>
              {th('stream')}{th('client')}{th('clientState')}{th('server')}{th('serverState')}{th('packets')}{th('lastTime')}
              <th scope="col">{t('conversations.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.stream} data-stream={c.stream} className={isHalfOpen(c) ? 'half-open' : undefined} style={{ fontStyle: c.inferred ? 'italic' : undefined }}>
                <td>{c.stream}</td>
                <td>{c.client}</td>
                <td data-col="clientState" title={t(`stateHelp.${c.clientState}`)}>{c.clientState}</td>
                <td>{c.server}</td>
                <td data-col="serverState" title={t(`stateHelp.${c.serverState}`)}>{c.serverState}</td>
                <td>{c.packets}</td>
                <td>{c.lastTime.toFixed(6)}</td>
                <td style={{ whiteSpace: 'nowrap' }}>
                  {onSelectPacket && <button type="button" onClick={() => onSelectPacket(c.lastNo)}>{t('conversations.live.goLast')}</button>}
                  {onOpenHandshake && <button type="button" onClick={() => onOpenHandshake(c.stream)}>{t('conversations.action.handshake')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('conversations.live.halfOpenTitle')}</h4>
      <table className="half-open-table">
        <thead>
          <tr>
            <th scope="col">{t('conversations.live.col.server')}</th>
            <th scope="col">{t('conversations.live.col.halfOpen')}</th>
            <th scope="col">{t('conversations.live.col.total')}</th>
          </tr>
        </thead>
        <tbody>
          {servers.map((s) => (
            <tr key={s.server} data-server={s.server} className={s.alert ? 'alert' : undefined}>
              <td>{s.server}</td>
              <td data-col="halfOpen">{s.halfOpen}</td>
              <td>{s.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Live connections table: at most this many connections (the most recent) are fetched each time. */
export const LIVE_MAX = 200;

/** Both endpoints' current states of the latest TCP connections, fetched again on every key change. */
function useLiveConnections(api: SessionApi, session: string, rows: ConversationRow[] | null, key: string | null): LiveConnection[] {
  const [conns, setConns] = useState<LiveConnection[]>([]);
  useEffect(() => {
    if (!rows || key === null) return;
    let stale = false;
    const recent = [...rows].sort((a, b) => b.relStart - a.relStart).slice(0, LIVE_MAX).filter((r) => r.stream !== undefined);
    void Promise.all(recent.map((r) => api.call('connection', { session, stream: r.stream! }).then((v) => (v.ok ? liveFromView(v.value, r.relStart) : null)))).then(
      (got) => {
        if (!stale) setConns(got.filter((c): c is LiveConnection => c !== null));
      },
    );
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for rows
  }, [api, session, key]);
  return conns;
}

/**
 * The view as the main window mounts it: the session's conversations and endpoints of the chosen
 * kind, fetched again as the capture grows; during a live capture, the live connections table.
 */
/** The engine's SYN-flood expert item ("Possible SYN flood: 101 half-open connections to 10.0.0.80:80 within 10 s"). */
const SYN_FLOOD_RE = /^Possible SYN flood: (\d+) half-open connections to (.+) within (\d+(?:\.\d+)?) s$/;

/** SYN-flood alerts of a capture file, from the engine's expert items (the rule ran as it read the file). */
export function synFloodAlerts(rows: readonly ExpertRow[]): { server: string; count: number; windowSec: number; no: number | undefined }[] {
  const out = [];
  for (const r of rows) {
    const m = SYN_FLOOD_RE.exec(r.summary);
    if (m) out.push({ server: m[2]!, count: Number(m[1]), windowSec: Number(m[3]), no: r.packets[0] });
  }
  return out;
}

/**
 * The view as the main window mounts it: the session's conversations and endpoints of the chosen
 * kind, fetched again as the capture grows; during a live capture, the live connections table; for
 * a file, the SYN-flood alerts the engine raised while reading it; and the export bar.
 */
export function View({ api, session, status, selected, selectPacket, applyFilter, namesVersion = 0 }: AnalysisViewProps) {
  const { t } = useTranslation('analysis');
  const [kind, setKind] = useState<ConvKind>('tcp');
  const [exporting, setExporting] = useState<{ proto: 'tcp' | 'udp'; stream: number } | null>(null);
  const tick = useRefreshKey(status);
  // Asked again when the name switches change (Host names adds a name column).
  const conv = useCall(api, 'conversations', { session: session.id, kind }, `${session.id}/${kind}/${tick}/${namesVersion}`);
  const ep = useCall(api, 'endpoints', { session: session.id, kind }, `${session.id}/${kind}/${tick}/${namesVersion}`);
  const isLive = session.kind === 'live';
  const tcp = useCall(api, 'conversations', isLive ? { session: session.id, kind: 'tcp' } : null, isLive ? `${session.id}/live/${tick}` : null);
  const live = useLiveConnections(api, session.id, tcp.value, isLive && tcp.value ? `${tick}` : null);
  const expert = useCall(api, 'expert', isLive ? null : { session: session.id }, isLive ? null : `${session.id}/expert/${tick}`);
  const floods = expert.value ? synFloodAlerts(expert.value) : [];
  // "Export as JSON" for the conversation of the packet selected in the grid.
  const selectedConv: { proto: 'tcp' | 'udp'; stream: number } | null =
    selected?.tcpStream !== undefined ? { proto: 'tcp', stream: selected.tcpStream } : selected?.udpStream !== undefined ? { proto: 'udp', stream: selected.udpStream } : null;
  const open = (view: OpenRequest['view'], proto: 'tcp' | 'udp', stream: number) => openAnalysis({ view, proto, stream });
  return (
    <div className="conversations-panel">
      {floods.map((f) => (
        <div key={`${f.server}-${f.no}`} role="alert" className="syn-flood-alert" style={{ background: '#b71c1c', color: 'white', padding: '6px 10px', fontWeight: 'bold' }}>
          {t('conversations.live.synFlood', { server: f.server, count: f.count, threshold: SYN_FLOOD_DEFAULTS.threshold, windowSec: f.windowSec })}{' '}
          {t('conversations.live.synFloodHelp')}{' '}
          {f.no !== undefined && (
            <button type="button" style={{ color: '#b71c1c', background: 'white', fontWeight: 'bold' }} onClick={() => selectPacket(f.no!)}>{t('conversations.goToPacket', { no: f.no })}</button>
          )}
        </div>
      ))}
      <ExportPacketsBar api={api} session={session.id} displayed={status?.displayed ?? 0} filter={status?.filter ?? ''} />
      {selectedConv && !exporting && (
        <button type="button" className="export-selected" onClick={() => setExporting(selectedConv)}>
          {t('export.selectedConversation', { no: selected!.no, proto: selectedConv.proto.toUpperCase(), stream: selectedConv.stream })}
        </button>
      )}
      {exporting && (
        <ExportConversation key={`${exporting.proto}/${exporting.stream}`} api={api} session={session.id} proto={exporting.proto} stream={exporting.stream} onClose={() => setExporting(null)} />
      )}
      {isLive && (
        <LiveConnectionsView connections={live} onSelectPacket={selectPacket} onOpenHandshake={(stream) => open('handshake', 'tcp', stream)} />
      )}
      <ConversationsView
        conversations={conv.value ? { [kind]: conv.value } : {}}
        endpoints={ep.value ? { [kind]: ep.value } : {}}
        initialKind={kind}
        onKindChange={setKind}
        onFilter={applyFilter}
        onFollow={(proto, stream) => open('follow', proto, stream)}
        onOpenHandshake={(stream) => open('handshake', 'tcp', stream)}
        onOpenGraph={(stream) => open('stream-graph', 'tcp', stream)}
        onExport={(proto, stream) => setExporting({ proto, stream })}
      />
    </div>
  );
}

export default View;
export { liveFromView, halfOpenPerServer, sortRows } from './model.js';
export { openAnalysis, onOpenAnalysis } from './navigate.js';
export type { LiveConnection } from './model.js';
