/**
 * The main window: a toolbar (filter bar, view options, language and theme), then either the
 * start page or the open session — packet grid above, decode tree and bytes below, the analysis
 * views in a bottom panel — and the status bar. Everything goes through the SessionApi.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResult, ColumnId, DecodeAsEntry, EnabledProtocols, FindResult, PacketDetail, Row, SessionApi, SessionInfo, SessionStatus, Severity } from '../../electron/api/contract.js';
import { LANGUAGES } from '../i18n/index.js';
import { StartPage } from '../features/start/StartPage.js';
import { ProgressBar } from '../features/progress/ProgressBar.js';
import { PacketGrid, TIME_FORMATS, type PacketGridHandle, type TimeFormat } from '../features/grid/PacketGrid.js';
import { COLOR_RULES, ruleKey } from '../features/grid/coloring.js';
import { ColumnsMenu } from '../features/grid/ColumnsMenu.js';
import { RowMenu } from '../features/grid/RowMenu.js';
import { loadCustomColumns, saveCustomColumns, withColumn, withoutColumn, type CustomColumn } from '../features/grid/custom-columns.js';
import { FilterBar, type FilterBarHandle } from '../features/filter/FilterBar.js';
import { FindBar, type FindBarHandle } from '../features/find/FindBar.js';
import { conversationFilter } from '../features/find/conversation.js';
import { DecodeTree } from '../features/tree/DecodeTree.js';
import { nodeAt, nodeForByte, type NodePath } from '../features/tree/model.js';
import { HexPane } from '../features/hex/HexPane.js';
import { StatusBar } from '../features/status/StatusBar.js';
import { AnalysisPanel } from './AnalysisPanel.js';
import { PropertiesDialog } from '../features/properties/PropertiesDialog.js';
import { DecodeAsDialog } from '../features/decode-as/DecodeAsDialog.js';
import { entryText, loadDecodeAs, saveDecodeAs } from '../features/decode-as/model.js';
import { EnabledProtocolsDialog } from '../features/enabled-protocols/EnabledProtocolsDialog.js';
import { disabledCount, flagsText, loadEnabledProtocols, saveEnabledProtocols } from '../features/enabled-protocols/model.js';
import type { AnalysisViewName } from './analysis-mount.js';
import { addRecent, loadRecent, loadSetting, saveSetting } from './settings.js';
import type { AppCommand } from '../../electron/preload/bridge.js';
import { onOpenAnalysis, openAnalysis } from '../features/conversations/navigate.js';
import { Dropdown } from './Dropdown.js';
import { chooseStatsTree, type StatsTreeName } from '../features/stats-trees/choose.js';

/** Statistics › … menu commands → the stats tree they show. */
const STATS_TREE_OF_COMMAND: Record<'statistics.packetLengths' | 'statistics.httpPacketCounter' | 'statistics.httpRequests' | 'statistics.httpLoadDistribution' | 'statistics.ipProtocolTypes' | 'statistics.dns' | 'statistics.ipv4AllAddresses' | 'statistics.ipv4SourceDestination' | 'statistics.ipv4DestinationsPorts' | 'statistics.ipv6AllAddresses' | 'statistics.ipv6SourceDestination' | 'statistics.ipv6DestinationsPorts' | 'statistics.ipv6ProtocolTypes', StatsTreeName> = {
  'statistics.packetLengths': 'plen',
  'statistics.httpPacketCounter': 'http',
  'statistics.httpRequests': 'http_req',
  'statistics.httpLoadDistribution': 'http_srv',
  'statistics.ipProtocolTypes': 'ptype',
  'statistics.dns': 'dns',
  'statistics.ipv4AllAddresses': 'ip_hosts',
  'statistics.ipv4SourceDestination': 'ip_srcdst',
  'statistics.ipv4DestinationsPorts': 'dests',
  'statistics.ipv6AllAddresses': 'ipv6_hosts',
  'statistics.ipv6SourceDestination': 'ipv6_srcdst',
  'statistics.ipv6DestinationsPorts': 'ipv6_dests',
  'statistics.ipv6ProtocolTypes': 'ipv6_ptype',
};

export interface AppProps {
  api: SessionApi;
  mode: 'electron' | 'browser';
  /** A capture to open at start (from the command line). */
  openAtStart: string | null;
  styleNonce: string | undefined;
  storage: Storage | null;
  /** Called once the connection to the engine is lost (browser mode). */
  subscribeDisconnect?: (cb: () => void) => void;
  /** The desktop app's menus, command line and drops (Electron only). */
  subscribeCommands?: (cb: (command: AppCommand) => void) => () => void;
}

type Theme = 'light' | 'dark';

const TERMINAL = new Set(['done', 'cancelled', 'error']);

export function App({ api, mode, openAtStart, styleNonce, storage, subscribeDisconnect, subscribeCommands }: AppProps) {
  const { t, i18n } = useTranslation();
  const [theme, setTheme] = useState<Theme>(() => loadSetting<Theme>(storage, 'theme', ['light', 'dark'], matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  const [timeFormat, setTimeFormat] = useState<TimeFormat>(() => loadSetting<TimeFormat>(storage, 'timeFormat', TIME_FORMATS, 'relative'));
  const [hidden, setHidden] = useState<ColumnId[]>(() => loadSetting<ColumnId[]>(storage, 'hiddenColumns', null, []));
  const [live, setLive] = useState<{ available: boolean; reason?: string } | null>(null);
  const [recent, setRecent] = useState<string[]>(() => loadRecent(storage));
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filterText, setFilterText] = useState('');
  const [applied, setApplied] = useState('');
  const appliedRef = useRef(applied);
  appliedRef.current = applied;
  const [viewVersion, setViewVersion] = useState(0);
  const [selectedRow, setSelectedRowState] = useState<Row | null>(null);
  /** The selected row as the grid reports it (a key pressed right after a selection, before the next render, sees it). */
  const selectedRowRef = useRef<Row | null>(null);
  const setSelectedRow = useCallback((r: Row | null) => {
    selectedRowRef.current = r;
    setSelectedRowState(r);
  }, []);
  const [detail, setDetail] = useState<PacketDetail | null>(null);
  const [selectedPath, setSelectedPath] = useState<NodePath | null>(null);
  const [hexSource, setHexSource] = useState(0);
  const [gotoOpen, setGotoOpen] = useState(false);
  const [gotoText, setGotoText] = useState('');
  const [gotoMsg, setGotoMsg] = useState('');
  const [expert, setExpert] = useState<Record<Severity, number> | null>(null);
  const [rate, setRate] = useState<number | null>(null);
  const [connection, setConnection] = useState<'ok' | 'lost'>('ok');
  const [analysisTab, setAnalysisTab] = useState<AnalysisViewName | null>(null);
  const [colorize, setColorize] = useState<boolean>(() => loadSetting<boolean>(storage, 'colorize', [true, false], true));
  // MAC names in the packet list and details (Wireshark's Resolve Physical Addresses, on by default).
  const [resolveMac, setResolveMac] = useState<boolean>(() => loadSetting<boolean>(storage, 'resolveMac', [true, false], true));
  // Host names of IP addresses (Wireshark's Resolve Network Addresses, off by default).
  const [resolveNetwork, setResolveNetwork] = useState<boolean>(() => loadSetting<boolean>(storage, 'resolveNetwork', [true, false], false));
  const [namesVersion, setNamesVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [propertiesOpen, setPropertiesOpen] = useState(false);
  // Analyze › Decode As: the entries every open sends (remembered), and the dialog.
  const [decodeAs, setDecodeAs] = useState<DecodeAsEntry[]>(() => loadDecodeAs(storage));
  const decodeAsRef = useRef(decodeAs);
  decodeAsRef.current = decodeAs;
  const [decodeAsOpen, setDecodeAsOpen] = useState(false);
  const [enabledProtocols, setEnabledProtocols] = useState(() => loadEnabledProtocols(storage));
  const enabledProtocolsRef = useRef(enabledProtocols);
  enabledProtocolsRef.current = enabledProtocols;
  const [enabledProtocolsOpen, setEnabledProtocolsOpen] = useState(false);
  const [filtering, setFiltering] = useState(false);
  const gridRef = useRef<PacketGridHandle>(null);
  const filterRef = useRef<FilterBarHandle>(null);
  const findRef = useRef<FindBarHandle>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [rowMenu, setRowMenu] = useState<{ row: Row; x: number; y: number } | null>(null);
  const [customColumns, setCustomColumns] = useState<CustomColumn[]>(() => loadCustomColumns(storage));
  /** What a search found in the packet it goes to: the details item or the bytes to select once the details are there. */
  const foundIn = useRef<FindResult | null>(null);
  /** The bytes a search matched (highlighted, rather than the whole item, while that item stays selected). */
  const [foundBytes, setFoundBytes] = useState<{ no: number; path: NodePath | null; start: number; end: number } | null>(null);
  /** Selects what a search matched in the packet whose details `d` are (the item, or the item holding the bytes, those highlighted). */
  const showFound = (d: PacketDetail, r: FindResult) => {
    const path = foundPath(d, r);
    setSelectedPath(path);
    if (r.offset !== undefined) setFoundBytes({ no: d.no, path, start: r.offset, end: r.offset + (r.length ?? 0) });
  };
  const gotoInput = useRef<HTMLInputElement>(null);
  const lastRateSample = useRef<{ t: number; packets: number } | null>(null);
  const sessionRef = useRef<SessionInfo | null>(null);
  sessionRef.current = session;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    saveSetting(storage, 'theme', theme);
  }, [theme, storage]);
  useEffect(() => saveSetting(storage, 'timeFormat', timeFormat), [timeFormat, storage]);
  useEffect(() => saveSetting(storage, 'hiddenColumns', hidden), [hidden, storage]);
  useEffect(() => saveSetting(storage, 'colorize', colorize), [colorize, storage]);
  useEffect(() => saveSetting(storage, 'resolveMac', resolveMac), [resolveMac, storage]);
  useEffect(() => saveSetting(storage, 'resolveNetwork', resolveNetwork), [resolveNetwork, storage]);
  useEffect(() => saveCustomColumns(storage, customColumns), [customColumns, storage]);
  useEffect(() => {
    document.title = session ? t('app.titleWithFile', { name: session.name, app: t('app.name') }) : t('app.name');
  }, [session, t]);
  // "Follow" / "Open handshake view" from a conversation row switches the bottom panel's tab.
  useEffect(() => onOpenAnalysis((r) => setAnalysisTab(r.view)), []);
  useEffect(() => subscribeDisconnect?.(() => setConnection('lost')), [subscribeDisconnect]);

  const report = useCallback(<T,>(r: ApiResult<T>): T | undefined => {
    if (r.ok) return r.value;
    setError(r.error.message);
    return undefined;
  }, []);

  // -------------------------------------------------------------------------------------------
  // Sessions

  const adopt = useCallback(
    async (info: SessionInfo) => {
      const old = sessionRef.current;
      if (old && old.id !== info.id) void api.call('close', { session: old.id });
      setSession(info);
      setStatus(null);
      setApplied('');
      setFilterText('');
      setSelectedRow(null);
      setDetail(null);
      setSelectedPath(null);
      setExpert(null);
      setRate(null);
      lastRateSample.current = null;
      setViewVersion((v) => v + 1);
      const s = await api.call('status', { session: info.id });
      if (s.ok) setStatus(s.value);
    },
    [api],
  );

  /** The Decode As entries and the protocols switched off, as the open calls take them (none: the keys left out). */
  const withDecodeAs = <P extends object>(p: P): P & { decodeAs?: DecodeAsEntry[]; protocols?: EnabledProtocols } => {
    const out: P & { decodeAs?: DecodeAsEntry[]; protocols?: EnabledProtocols } = { ...p };
    if (decodeAsRef.current.length) out.decodeAs = decodeAsRef.current;
    if (disabledCount(enabledProtocolsRef.current)) out.protocols = enabledProtocolsRef.current;
    return out;
  };

  const openFile = useCallback(
    async (path: string): Promise<SessionInfo | undefined> => {
      setBusy(true);
      setError(null);
      const r = await api.call('openFile', withDecodeAs({ path }));
      setBusy(false);
      const info = report(r);
      if (!info) return undefined;
      const next = addRecent(recent, path);
      setRecent(next);
      saveSetting(storage, 'recent', next);
      await adopt(info);
      return info;
    },
    [api, adopt, recent, report, storage],
  );

  /**
   * View › Reload, and Decode As: the file read again (with the Decode As entries), the display
   * filter applied again as Wireshark keeps it.
   */
  const reloadFile = useCallback(
    async (path: string) => {
      const keep = appliedRef.current;
      const info = await openFile(path);
      if (!info || !keep) return;
      const r = await api.call('setFilter', { session: info.id, filter: keep });
      if (!r.ok) return;
      setFilterText(keep);
      setApplied(keep);
      setFiltering(true);
      setStatus((s) => (s ? { ...s, displayed: r.value.displayed, filter: keep } : s));
      setViewVersion((x) => x + 1);
    },
    [api, openFile],
  );

  const openSample = useCallback(async () => {
    setBusy(true);
    setError(null);
    const r = await api.call('openSample', withDecodeAs({}));
    setBusy(false);
    const info = report(r);
    if (info) await adopt(info);
  }, [api, adopt, report]);

  const startCapture = useCallback(
    async (interfaces: string[], filter: string) => {
      setBusy(true);
      setError(null);
      const r = await api.call('startCapture', withDecodeAs({ interfaces, filter }));
      setBusy(false);
      const info = report(r);
      if (info) await adopt(info);
    },
    [api, adopt, report],
  );

  const closeSession = useCallback(() => {
    if (session) void api.call('close', { session: session.id });
    setSession(null);
    setStatus(null);
    setDetail(null);
    setSelectedRow(null);
  }, [api, session]);

  // Start: what the engine can do, and the file given on the command line.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void api.call('hello', {}).then((r) => {
      if (r.ok) setLive(r.value.liveCapture);
      else setError(r.error.message);
    });
    if (openAtStart) void openFile(openAtStart);
  }, [api, openAtStart, openFile]);

  // Status: pushed as events; polled too while work is under way, so a missed event costs a second.
  useEffect(() => {
    if (!session) return;
    const id = session.id;
    const off = api.on('status', (s) => {
      if (s.id === id) setStatus(s);
    });
    const offStop = api.on('captureStopped', (c) => {
      if (c.session === id) void api.call('status', { session: id }).then((r) => r.ok && setStatus(r.value));
    });
    const timer = setInterval(() => {
      void api.call('status', { session: id }).then((r) => {
        // Also after indexing: a display filter goes on in the background and grows the view.
        if (!r.ok || sessionRef.current?.id !== id) return;
        setStatus((prev) => (prev && JSON.stringify(prev) === JSON.stringify(r.value) ? prev : r.value));
        // Whether the filter has gone over every packet yet (the rows say so).
        if (r.value.filter && TERMINAL.has(r.value.state)) {
          void api.call('rows', { session: id, start: 0, count: 1 }).then((q) => q.ok && setFiltering(!q.value.complete));
        } else setFiltering(false);
      });
    }, 1000);
    return () => {
      off();
      offStop();
      clearInterval(timer);
    };
  }, [api, session]);

  // Capture rate and expert counts follow the status.
  const state = status?.state;
  useEffect(() => {
    if (!status || status.state !== 'capturing') return;
    const now = performance.now();
    const prev = lastRateSample.current;
    if (prev && now - prev.t > 500) {
      setRate(((status.packets - prev.packets) * 1000) / (now - prev.t));
      lastRateSample.current = { t: now, packets: status.packets };
    } else if (!prev) lastRateSample.current = { t: now, packets: status.packets };
  }, [status]);
  // Expert counts: asked once a file is read (and every few seconds of a capture). The engine
  // counts the items as it indexes, so the answer costs nothing, however large the capture.
  const expertAsked = useRef<{ session: string; packets: number; at: number } | null>(null);
  const packetsNow = status?.packets ?? 0;
  useEffect(() => {
    if (!session || !state || state === 'indexing') return;
    const asked = expertAsked.current;
    const now = performance.now();
    if (asked && asked.session === session.id && (asked.packets === packetsNow || (state === 'capturing' && now - asked.at < 5000))) return;
    expertAsked.current = { session: session.id, packets: packetsNow, at: now };
    let live = true;
    void api.call('expert', { session: session.id }).then((r) => {
      if (!live || !r.ok) return;
      const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0, chat: 0 };
      for (const e of r.value) counts[e.severity] += e.count;
      setExpert(counts);
    });
    return () => {
      live = false;
    };
  }, [api, session, state, packetsNow]);
  useEffect(() => {
    expertAsked.current = null;
  }, [session?.id]);

  // -------------------------------------------------------------------------------------------
  // Selection: packet → tree and bytes; tree node ↔ bytes

  // The engine names MAC addresses and not IP addresses when a session opens; told otherwise, its
  // rows and the packet details are asked for again.
  const namesSent = useRef<{ id: string; mac: boolean; network: boolean } | null>(null);
  useEffect(() => {
    if (!session) return;
    const sent = namesSent.current ?? { id: '', mac: true, network: false };
    const engine = sent.id === session.id ? sent : { id: session.id, mac: true, network: false };
    namesSent.current = { id: session.id, mac: resolveMac, network: resolveNetwork };
    if (engine.mac === resolveMac && engine.network === resolveNetwork) return;
    void api.call('setNameResolution', { session: session.id, mac: resolveMac, network: resolveNetwork }).then((r) => {
      if (report(r) === undefined) return;
      setViewVersion((v) => v + 1);
      setNamesVersion((v) => v + 1);
    });
  }, [api, session, resolveMac, resolveNetwork, report]);

  useEffect(() => {
    if (!session || !selectedRow) return;
    let live = true;
    void api.call('packet', { session: session.id, no: selectedRow.no }).then((r) => {
      if (!live) return;
      const d = report(r);
      setDetail(d ?? null);
      setHexSource(0);
      const found = foundIn.current;
      foundIn.current = null;
      if (d && found?.no === d.no) showFound(d, found);
      else setSelectedPath(null);
    });
    return () => {
      live = false;
    };
  }, [api, session, selectedRow, report, namesVersion]);

  // A search found a packet: go to it, and to what matched in it (the details item, or the bytes).
  const onFound = useCallback(
    (r: FindResult) => {
      if (r.no === null) return;
      if (detail && detail.no === r.no && selectedRow?.no === r.no) return showFound(detail, r);
      foundIn.current = r;
      void goToPacket(r.no);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [detail, selectedRow, session],
  );
  const openFind = useCallback(() => {
    setFindOpen(true);
    requestAnimationFrame(() => findRef.current?.focus());
  }, []);
  const findAgain = useCallback(
    (backward: boolean) => {
      if (!findOpen) return openFind();
      findRef.current?.find(backward);
    },
    [findOpen, openFind],
  );

  // Go › Next / Previous Packet in Conversation: the next packet of the view in the selected one's conversation (no wrapping).
  const goConversation = useCallback(
    async (backward: boolean) => {
      const row = selectedRowRef.current;
      if (!session || !row) return;
      const filter = conversationFilter(row);
      if (filter === null) return setNotice(t('find.noConversation'));
      const r = await api.call('findPacket', { session: session.id, from: row.no, backward, by: 'filter', text: filter, wrap: false });
      if (!r.ok) return setError(r.error.message);
      if (r.value.no === null) return setNotice(t(backward ? 'find.conversationStart' : 'find.conversationEnd'));
      setNotice(null);
      void goToPacket(r.value.no);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, session, t],
  );

  const selectedNode = detail && selectedPath ? nodeAt(detail.tree, selectedPath) : undefined;
  const found = foundBytes && detail?.no === foundBytes.no && selectedPath === foundBytes.path ? foundBytes : null;
  const highlight = found
    ? { source: 0, start: found.start, end: found.end }
    : selectedNode && selectedNode.length > 0 ? { source: selectedNode.source, start: selectedNode.offset, end: selectedNode.offset + selectedNode.length } : null;

  const selectPath = useCallback(
    (path: NodePath | null) => {
      setSelectedPath(path);
      const n = path && detail ? nodeAt(detail.tree, path) : undefined;
      if (n && n.length > 0) setHexSource(n.source);
    },
    [detail],
  );

  const onByte = useCallback(
    (source: number, offset: number) => {
      if (!detail) return;
      const path = nodeForByte(detail.tree, source, offset);
      if (path) setSelectedPath(path);
    },
    [detail],
  );

  // -------------------------------------------------------------------------------------------
  // Filter, go to packet

  const goToPacket = useCallback(
    async (no: number): Promise<boolean> => {
      if (!session) return false;
      const r = await api.call('rowOf', { session: session.id, no });
      if (!r.ok || r.value.index < 0) return false;
      gridRef.current?.goToIndex(r.value.index);
      return true;
    },
    [api, session],
  );

  const applyFilter = useCallback(
    async (text: string) => {
      if (!session) return;
      const r = await api.call('setFilter', { session: session.id, filter: text });
      const v = report(r);
      if (!v) return;
      setFilterText(text);
      setApplied(text);
      setFiltering(text !== '');
      setStatus((s) => (s ? { ...s, displayed: v.displayed, filter: text } : s));
      setViewVersion((x) => x + 1);
      if (selectedRow) void goToPacket(selectedRow.no);
    },
    [api, session, report, selectedRow, goToPacket],
  );

  const onTreeFilter = useCallback(
    (expr: string, apply: boolean) => {
      setFilterText(expr);
      if (apply) void applyFilter(expr);
      else filterRef.current?.focus();
    },
    [applyFilter],
  );

  const submitGoto = async () => {
    const no = Number(gotoText);
    if (!Number.isSafeInteger(no) || no < 1) {
      setGotoMsg(t('goto.invalid'));
      return;
    }
    if (await goToPacket(no)) {
      setGotoOpen(false);
      setGotoMsg('');
    } else setGotoMsg(t('goto.notShown', { no }));
  };

  // Keyboard: Ctrl+F filter, Ctrl+G go to packet, Escape closes the dialog.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      // As in Wireshark: Ctrl+F finds a packet, Ctrl+N / Ctrl+B (and F3 / Shift+F3) find again, Ctrl+/ the display filter.
      if (mod && !e.shiftKey && !e.altKey && key === 'f' && session) {
        e.preventDefault();
        openFind();
      } else if (mod && !e.shiftKey && !e.altKey && (key === 'n' || key === 'b') && session) {
        e.preventDefault();
        findAgain(key === 'b');
      } else if (e.key === 'F3' && !mod && session) {
        e.preventDefault();
        findAgain(e.shiftKey);
      } else if (mod && !e.shiftKey && !e.altKey && (key === '.' || key === ',') && session) {
        e.preventDefault();
        void goConversation(key === ',');
      } else if (mod && !e.altKey && key === '/') {
        e.preventDefault();
        filterRef.current?.focus();
      } else if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'g' && session) {
        e.preventDefault();
        setGotoOpen(true);
        setGotoMsg('');
        requestAnimationFrame(() => gotoInput.current?.select());
      } else if (e.key === 'Escape' && gotoOpen) setGotoOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, gotoOpen, openFind, findAgain, goConversation]);

  // Custom columns: the engine is told the fields (on open and on every change), then the rows are fetched again.
  const columnsSent = useRef('');
  useEffect(() => {
    if (!session) return;
    // (A new session has none: nothing to send until there are some.)
    const key = `${session.id} ${customColumns.map((c) => c.field).join(' ')}`;
    if (key === columnsSent.current || (customColumns.length === 0 && !columnsSent.current.startsWith(`${session.id} `))) return;
    columnsSent.current = key;
    let live = true;
    void api.call('setColumns', { session: session.id, fields: customColumns.map((c) => c.field) }).then(async (r) => {
      if (!live) return;
      if (r.ok) return setViewVersion((v) => v + 1);
      // A remembered field this version does not know: drop it (and say so).
      setError(r.error.message);
      const known = await Promise.all(customColumns.map(async (c) => (await api.call('checkFilter', { filter: c.field })).ok));
      if (live) setCustomColumns((cols) => cols.filter((c) => known[customColumns.indexOf(c)] !== false));
    });
    return () => {
      live = false;
    };
  }, [api, session, customColumns]);
  /** Adds a custom column for `field` (Apply as Column); resolves to an error message, or null. */
  const addColumn = useCallback(
    async (field: string): Promise<string | null> => {
      const r = await api.call('fields', { prefix: field, limit: 1 });
      const def = r.ok ? r.value.find((f) => f.name === field) : undefined;
      if (!def) return t('columns.unknown', { field });
      setCustomColumns((cols) => withColumn(cols, { field, title: def.label }));
      return null;
    },
    [api, t],
  );

  const toggleColumn = (col: ColumnId, visible: boolean) => {
    gridRef.current?.setColumnVisible(col, visible);
    setHidden((h) => (visible ? h.filter((c) => c !== col) : [...h.filter((c) => c !== col), col]));
  };
  // Hidden columns are re-applied whenever a grid is (re)created.
  useEffect(() => {
    const timer = setTimeout(() => hidden.forEach((c) => gridRef.current?.setColumnVisible(c, false)), 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session?.id]);

  const isLive = session?.kind === 'live';
  const capturing = status?.state === 'capturing';
  const stopCapture = async () => {
    if (session) report(await api.call('stopCapture', { session: session.id }));
  };
  const restartCapture = async () => {
    if (!session) return;
    // The Decode As entries of now (none: the capture's are dropped).
    const info = report(await api.call('restartCapture', { session: session.id, decodeAs: decodeAsRef.current, protocols: enabledProtocolsRef.current }));
    if (info) await adopt(info);
  };

  // The desktop app's menus (and the command line, drops, Open Recent, a second launch).
  const commandRef = useRef<(c: AppCommand) => void>(() => undefined);
  commandRef.current = (c: AppCommand) => {
    const sid = session?.id;
    const saveTo = async (path: string, format: 'pcap' | 'pcapng', displayedOnly: boolean) => {
      if (!sid) return setError(t('command.noSession'));
      const v = report(await api.call('save', { session: sid, path, format, displayedOnly }));
      if (v) setNotice(t('command.saved', { packets: v.packets, path }));
    };
    switch (c.type) {
      case 'open':
        void openFile(c.path);
        return;
      case 'save-as':
        void saveTo(c.path, c.format, false);
        return;
      case 'export-packets':
        void saveTo(c.path, c.format, true);
        return;
      case 'export-dissections':
        if (!sid) return setError(t('command.noSession'));
        void api.call('exportDissections', { session: sid, path: c.path, format: c.format, displayedOnly: true }).then((r) => {
          const v = report(r);
          if (v) setNotice(t('command.exportedDissections', { packets: v.packets, path: v.path }));
        });
        return;
      case 'export-objects':
        if (!sid) return setError(t('command.noSession'));
        setAnalysisTab('export-objects');
        void api.call('saveExportObjects', { session: sid, proto: c.proto, dir: c.dir }).then((r) => {
          const v = report(r);
          if (!v) return;
          if (v.errors.length) setError(`${t('command.savedObjects', { count: v.written.length, dir: v.dir })} ${v.errors.join(' ')}`);
          else setNotice(t('command.savedObjects', { count: v.written.length, dir: v.dir }));
        });
        return;
      case 'export-conversation': {
        const stream = selectedRow?.tcpStream ?? selectedRow?.udpStream;
        if (!sid || stream === undefined) return setError(t('command.noConversation'));
        const proto = selectedRow?.tcpStream !== undefined ? 'tcp' : 'udp';
        void api.call('exportConversation', { session: sid, proto, stream, path: c.path }).then((r) => {
          const v = report(r);
          if (v) setNotice(t('command.exported', { path: c.path }));
        });
        return;
      }
      case 'engine-restarted':
        setSession(null);
        setStatus(null);
        setDetail(null);
        setSelectedRow(null);
        setError(t('command.engineRestarted', { reason: c.reason }));
        return;
      case 'menu':
        break;
    }
    const displayed = status?.displayed ?? 0;
    const go = (delta: number) => {
      if (!selectedRow) return gridRef.current?.goToIndex(0);
      void api.call('rowOf', { session: sid!, no: selectedRow.no }).then((r) => {
        if (r.ok && r.value.index >= 0) gridRef.current?.goToIndex(Math.max(0, Math.min(displayed - 1, r.value.index + delta)));
      });
    };
    switch (c.action) {
      case 'file.close':
      case 'capture.interfaces':
      case 'capture.filter':
        closeSession();
        if (c.action === 'capture.filter') requestAnimationFrame(() => document.getElementById('pl-cap-filter')?.focus());
        break;
      case 'capture.start':
        if (session?.kind === 'live' && status?.state !== 'capturing') void restartCapture();
        else if (!session) requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('.pl-cap-form button[type="submit"]')?.click());
        else closeSession();
        break;
      case 'capture.stop':
        if (session?.kind === 'live') void stopCapture();
        break;
      case 'capture.restart':
        if (session?.kind === 'live') void restartCapture();
        break;
      case 'view.colorize':
        setColorize((x) => !x);
        break;
      case 'view.resolveMac':
        setResolveMac((x) => !x);
        break;
      case 'view.resolveNetwork':
        setResolveNetwork((x) => !x);
        break;
      case 'view.timeSinceStart':
        setTimeFormat('relative');
        break;
      case 'view.timeSincePrevious':
        setTimeFormat('delta');
        break;
      case 'view.timeEpoch':
        setTimeFormat('absolute');
        break;
      case 'view.reloadFile':
        if (session?.kind === 'file') void reloadFile(session.path);
        break;
      case 'analyze.decodeAs':
        setDecodeAsOpen(true);
        break;
      case 'analyze.enabledProtocols':
        setEnabledProtocolsOpen(true);
        break;
      case 'go.toPacket':
        if (session) {
          setGotoOpen(true);
          setGotoMsg('');
          requestAnimationFrame(() => gotoInput.current?.select());
        }
        break;
      case 'go.first':
        if (session && displayed) gridRef.current?.goToIndex(0);
        break;
      case 'go.last':
        if (session && displayed) gridRef.current?.goToIndex(displayed - 1);
        break;
      case 'go.next':
        if (session) go(1);
        break;
      case 'go.previous':
        if (session) go(-1);
        break;
      case 'go.nextInConversation':
      case 'go.previousInConversation':
        void goConversation(c.action === 'go.previousInConversation');
        break;
      case 'analyze.displayFilter':
        filterRef.current?.focus();
        break;
      case 'edit.findPacket':
        if (session) openFind();
        break;
      case 'edit.findNext':
      case 'edit.findPrevious':
        if (session) findAgain(c.action === 'edit.findPrevious');
        break;
      case 'analyze.followTcp':
      case 'analyze.followHttp':
        // The selected packet's TCP stream, as bytes or as HTTP messages (Wireshark's two menu items).
        if (selectedRow?.tcpStream !== undefined) openAnalysis({ view: 'follow', proto: c.action === 'analyze.followHttp' ? 'http' : 'tcp', stream: selectedRow.tcpStream });
        setAnalysisTab('follow');
        break;
      case 'analyze.followUdp':
        setAnalysisTab('follow');
        break;
      case 'analyze.conversations':
      case 'analyze.endpoints':
        setAnalysisTab('conversations');
        break;
      case 'analyze.expert':
        setAnalysisTab('expert');
        break;
      case 'statistics.tcpStreamGraphs':
        setAnalysisTab('stream-graph');
        break;
      case 'statistics.ioGraphs':
        setAnalysisTab('io-graph');
        break;
      case 'tools.credentials':
        setAnalysisTab('credentials');
        break;
      case 'statistics.resolvedAddresses':
        setAnalysisTab('resolved-addresses');
        break;
      case 'statistics.flowGraph':
        setAnalysisTab('flow-graph');
        break;
      case 'file.exportObjectsHttp':
        setAnalysisTab('export-objects');
        break;
      case 'statistics.protocolHierarchy':
        setAnalysisTab('protocol-hierarchy');
        break;
      case 'statistics.packetLengths':
      case 'statistics.httpPacketCounter':
      case 'statistics.httpRequests':
      case 'statistics.httpLoadDistribution':
      case 'statistics.ipProtocolTypes':
      case 'statistics.dns':
      case 'statistics.ipv4AllAddresses':
      case 'statistics.ipv4SourceDestination':
      case 'statistics.ipv4DestinationsPorts':
      case 'statistics.ipv6AllAddresses':
      case 'statistics.ipv6SourceDestination':
      case 'statistics.ipv6DestinationsPorts':
      case 'statistics.ipv6ProtocolTypes':
        chooseStatsTree(STATS_TREE_OF_COMMAND[c.action]);
        setAnalysisTab('stats-trees');
        break;
      case 'analyze.properties':
        if (sid) setPropertiesOpen(true);
        break;
    }
  };
  useEffect(() => subscribeCommands?.((c) => commandRef.current(c)), [subscribeCommands]);

  const analysisProps = useMemo(
    () =>
      session
        ? {
            api,
            session,
            status,
            selected: selectedRow,
            selectPacket: (no: number) => void goToPacket(no),
            applyFilter: (f: string) => void applyFilter(f),
            namesVersion,
          }
        : null,
    [api, session, status, selectedRow, goToPacket, applyFilter, namesVersion],
  );

  return (
    <div className="pl-app">
      <header className="pl-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
        <span className="pl-brand">{t('app.name')}</span>
        {session && (
          <button type="button" onClick={closeSession} title={t('toolbar.closeTitle')}>
            {t('toolbar.close')}
          </button>
        )}
        {isLive && capturing && <button type="button" onClick={() => void stopCapture()}>{t('toolbar.stop')}</button>}
        {isLive && <button type="button" onClick={() => void restartCapture()}>{t('toolbar.restart')}</button>}
        <FilterBar
          ref={filterRef}
          api={api}
          value={filterText}
          onChange={setFilterText}
          applied={applied}
          onApply={(f) => void applyFilter(f)}
          disabled={!session}
          storage={storage}
        />
        <div className="pl-toolbar-group">
          <label>
            <span className="pl-sr">{t('toolbar.timeFormat')}</span>
            <select aria-label={t('toolbar.timeFormat')} value={timeFormat} onChange={(e) => setTimeFormat(e.target.value as TimeFormat)}>
              {TIME_FORMATS.map((f) => (
                <option key={f} value={f}>{t(`time.${f}`)}</option>
              ))}
            </select>
          </label>
          <ColumnsMenu hidden={hidden} onToggle={toggleColumn} custom={customColumns} onAdd={addColumn} onRemove={(f) => setCustomColumns((cols) => withoutColumn(cols, f))} />
          <Dropdown summary={t('toolbar.legend')}>
            <ul className="pl-dropdown-body pl-legend" aria-label={t('toolbar.legend')}>
              {COLOR_RULES.map((r) => (
                <li key={r.name} style={{ background: r.colors.bg, color: r.colors.fg }}>{t(ruleKey(r.name))}</li>
              ))}
            </ul>
          </Dropdown>
          <label className="pl-check-inline">
            <input type="checkbox" checked={colorize} onChange={(e) => setColorize(e.target.checked)} />
            {t('toolbar.colorize')}
          </label>
          <label className="pl-check-inline" title={t('toolbar.resolveMacTitle')}>
            <input type="checkbox" checked={resolveMac} onChange={(e) => setResolveMac(e.target.checked)} />
            {t('toolbar.resolveMac')}
          </label>
          <label className="pl-check-inline" title={t('toolbar.resolveNetworkTitle')}>
            <input type="checkbox" checked={resolveNetwork} onChange={(e) => setResolveNetwork(e.target.checked)} />
            {t('toolbar.resolveNetwork')}
          </label>
          {session && <button type="button" onClick={() => setPropertiesOpen(true)}>{t('properties.open')}</button>}
          <button type="button" aria-haspopup="dialog" onClick={() => setDecodeAsOpen(true)} title={decodeAs.map(entryText).join('\n') || undefined}>
            {t('decodeAs.open')}{decodeAs.length ? ` (${decodeAs.length})` : ''}
          </button>
          <button type="button" aria-haspopup="dialog" onClick={() => setEnabledProtocolsOpen(true)} title={flagsText(enabledProtocols) || undefined}>
            {t('enabledProtocols.open')}{disabledCount(enabledProtocols) ? ` (${disabledCount(enabledProtocols)})` : ''}
          </button>
          <select aria-label={t('toolbar.language')} value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>{l.name}</option>
            ))}
          </select>
          <button type="button" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
            {theme === 'dark' ? t('toolbar.light') : t('toolbar.dark')}
          </button>
        </div>
      </header>

      {error && (
        <div className="pl-banner" role="alert">
          <span>{error}</span>
          <button type="button" aria-label={t('app.dismiss')} onClick={() => setError(null)}>×</button>
        </div>
      )}

      {notice && (
        <div className="pl-banner pl-notice" role="status">
          <span>{notice}</span>
          <button type="button" aria-label={t('app.dismiss')} onClick={() => setNotice(null)}>×</button>
        </div>
      )}

      {!session ? (
        <StartPage api={api} liveCapture={live} recent={recent} busy={busy} onOpen={(p) => void openFile(p)} onSample={() => void openSample()} onCapture={(i, f) => void startCapture(i, f)} />
      ) : (
        <div className="pl-session">
          {findOpen && (
            <FindBar ref={findRef} api={api} session={session.id} from={() => selectedRowRef.current?.no ?? 0} onFound={onFound} onClose={() => setFindOpen(false)} />
          )}
          {status?.state === 'indexing' && <ProgressBar status={status} onCancel={() => void api.call('cancel', { session: session.id })} />}
          <PacketGrid
            key={session.id}
            ref={gridRef}
            api={api}
            session={session}
            displayed={status?.displayed ?? 0}
            complete={!!status && TERMINAL.has(status.state)}
            viewVersion={viewVersion}
            live={status?.state === 'capturing'}
            timeFormat={timeFormat}
            theme={theme}
            colorize={colorize}
            styleNonce={styleNonce}
            storage={storage}
            custom={customColumns}
            onSelect={setSelectedRow}
            onRowMenu={(row, x, y) => setRowMenu({ row, x, y })}
            onError={setError}
          />
          {rowMenu && (
            <RowMenu
              {...rowMenu}
              onClose={() => setRowMenu(null)}
              onFilter={onTreeFilter}
              onFollow={() => setAnalysisTab('follow')}
              onHandshake={() => setAnalysisTab('handshake')}
            />
          )}
          <div className="pl-lower">
            <DecodeTree tree={detail?.tree ?? []} selected={selectedPath} onSelect={selectPath} onFilter={onTreeFilter} onGoTo={(no) => void goToPacket(no)} onColumn={(f) => void addColumn(f).then((m) => m && setError(m))} />
            <HexPane sources={detail?.sources ?? []} active={hexSource} onActive={setHexSource} highlight={highlight} onByte={onByte} />
          </div>
          {analysisProps && <AnalysisPanel {...analysisProps} tab={analysisTab} onTab={setAnalysisTab} />}
        </div>
      )}

      {gotoOpen && (
        <div className="pl-dialog-backdrop">
          <div className="pl-dialog" role="dialog" aria-modal="true" aria-labelledby="pl-goto-h">
            <h2 id="pl-goto-h">{t('goto.title')}</h2>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void submitGoto();
              }}
            >
              <label htmlFor="pl-goto-input">{t('goto.label')}</label>
              <input id="pl-goto-input" ref={gotoInput} inputMode="numeric" value={gotoText} onChange={(e) => setGotoText(e.target.value)} />
              <button type="submit">{t('goto.go')}</button>
              <button type="button" onClick={() => setGotoOpen(false)}>{t('goto.cancel')}</button>
              <div role="status" className="pl-filter-msg invalid">{gotoMsg}</div>
            </form>
          </div>
        </div>
      )}

      {propertiesOpen && session && <PropertiesDialog api={api} session={session.id} onClose={() => setPropertiesOpen(false)} />}

      {decodeAsOpen && (
        <DecodeAsDialog
          api={api}
          entries={decodeAs}
          tree={detail?.tree ?? []}
          live={session?.kind === 'live'}
          onClose={() => setDecodeAsOpen(false)}
          onApply={(entries) => {
            setDecodeAsOpen(false);
            const changed = JSON.stringify(entries) !== JSON.stringify(decodeAsRef.current);
            decodeAsRef.current = entries;
            setDecodeAs(entries);
            saveDecodeAs(storage, entries);
            if (!changed) return;
            setNotice(entries.length ? t('decodeAs.applied', { entries: entries.map(entryText).join('  ') }) : t('decodeAs.cleared'));
            if (session?.kind === 'file') void reloadFile(session.path);
          }}
        />
      )}

      {enabledProtocolsOpen && (
        <EnabledProtocolsDialog
          api={api}
          value={enabledProtocols}
          live={session?.kind === 'live'}
          onClose={() => setEnabledProtocolsOpen(false)}
          onApply={(value) => {
            setEnabledProtocolsOpen(false);
            const changed = JSON.stringify(value) !== JSON.stringify(enabledProtocolsRef.current);
            enabledProtocolsRef.current = value;
            setEnabledProtocols(value);
            saveEnabledProtocols(storage, value);
            if (!changed) return;
            setNotice(disabledCount(value) ? t('enabledProtocols.applied', { flags: flagsText(value) }) : t('enabledProtocols.cleared'));
            if (session?.kind === 'file') void reloadFile(session.path);
          }}
        />
      )}

      <StatusBar session={session} status={status} filtering={filtering} rate={rate} expert={expert} connection={connection} />
      {mode === 'browser' && <span className="pl-sr">{t('app.browserMode')}</span>}
    </div>
  );
}

/** The details item a search matched, or the one holding the bytes it matched (in the frame). */
function foundPath(d: PacketDetail, r: FindResult): NodePath | null {
  if (r.path) return r.path.join('.');
  if (r.offset !== undefined) return nodeForByte(d.tree, 0, r.offset);
  return null;
}
