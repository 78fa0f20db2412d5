/**
 * One capture session: the index of a capture and everything the session API asks of it.
 *
 * The session is fed packets one at a time (`add`): the file indexer (file-indexer.ts) feeds it
 * as it reads a file chunk by chunk; a live capture feeds it the batches it receives and the
 * packets' bytes are re-read from its write-through file the same way. Each packet is dissected
 * once, in order, without a tree and without the Info text (the summary pass), keeping the
 * cross-packet state (TCP streams and endpoint states, reassembly, IP fragments) in one
 * CaptureDissector. What the index keeps per packet is small and in typed arrays (PacketIndex
 * plus a few columns): the file offset, times, lengths, the Source/Destination/Protocol columns
 * as ids into string tables, and the TCP facts common filters need (ports, stream, length, flags).
 *
 * What the grid shows of a row — Info, colour, stream numbers — is made on demand by dissecting
 * that packet again with the same CaptureDissector's state (`pinfo.visited`: the dissectors read
 * what the first pass recorded), as Wireshark's packet list does; rows are cached.
 *
 * Methods are synchronous and run between indexing slices; they throw EngineError for bad
 * requests (the engine turns it into an error value).
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import type {
  CaptureProperties, ExpertRow, PacketDetail, ResolvedAddress, Row, RowsResult, SessionInfo, SessionKind, SessionState, SessionStatus, ColumnId, SortColumn, SortDir,
} from '../api/contract.js';
import type { CaptureFileError, CaptureMeta } from '../../dissectors/capture/types.js';
import { CapturePropertiesCollector } from '../../dissectors/stats/capture-properties.js';
import { ExpertTable } from '../../dissectors/stats/expert.js';
import { fieldByName, fieldsByName, type FieldType } from '../../dissectors/core/fields.js';
import { AddrKind, addrText, type FrameMeta, type PacketInfo } from '../../dissectors/core/pinfo.js';
import type { ProtoNode } from '../../dissectors/core/tree.js';
import { compileFilter, type DisplayFilter } from '../../dissectors/filter/index.js';
import { coloringRules } from '../../dissectors/filter/coloring.js';
import { CaptureDissector, type DissectOptions } from '../../dissectors/packet.js';
import type { DecodeAsEntry } from '../../dissectors/decode-as.js';
import { switchesOff, type EnabledProtocols } from '../../dissectors/enabled-protocols.js';
import { PacketBytes } from './packet-bytes.js';
import { indexOfSorted, lowerBound } from './sorted.js';
import { TreeInterest } from '../../dissectors/core/reduced-tree.js';
import { StreamReplayer } from './stream-replay.js';
import { FilterReplay, InOrderReplay } from './filter-replay.js';
import { readCaptureFile } from './read-capture.js';
import { addTcpSegmentTap } from '../../dissectors/tcp/desegment.js';
import { releaseFirstPassState } from '../../dissectors/tcp/trim-state.js';
import type { FollowSegment } from '../../dissectors/tcp/follow.js';
import { PacketIndex } from './packet-index.js';
import { EngineError } from './errors.js';
import { FastFilter } from './fast-filter.js';
import { LayerSets, packetFlags, type LayerSet } from './layer-sets.js';
import { treeView } from './tree-view.js';

import { F_COMPLEX, F_IPV4, F_IPV6, F_MALFORMED, F_NO_TS, F_TCP, F_UDP } from './index-flags.js';
import { setFrameMeta, setInterfaceMeta } from '../../dissectors/capture/frame-meta.js';
import { sourceName } from '../../dissectors/output/text.js';
import { FieldSelector } from '../../dissectors/output/fields.js';
import { AddressTable } from '../../dissectors/core/address-table.js';
import { NumberSet } from './number-set.js';
import { etherName, etherNameAt, ouiResolver } from './oui.js';
import { addCaptureNames, hostResolver, type HostNames } from '../../dissectors/resolve/host-names.js';
import type { Resolver } from '../../dissectors/core/format.js';
import { readIPv4 } from '../../dissectors/core/addr.js';

const EXPERT_NAMES = ['', 'chat', 'chat', 'note', 'warning', 'error'] as const;
/** Slots of StringTable's cache of texts (a power of two). */
const RECENT_TEXTS = 64;
const V4_CACHE_BITS = 12;
const V4_CACHE = 1 << V4_CACHE_BITS;
/** Session's direct-mapped cache of protocol stacks (a power of two). */

/** Interned strings (addresses, protocol names): one id per distinct text. */
export class StringTable {
  readonly strings: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);
  /** For address entries: kind and bytes (what the fast filter compares). */
  readonly kinds: number[] = [0];
  readonly bytes: (Uint8Array | null)[] = [null];

  /*
   * Texts looked up before, direct-mapped by length, first and last character (protocol names: a
   * capture has a dozen or so, each one a different slot): a hit costs one string compare
   * instead of hashing the string for the map.
   */
  private readonly recentText: string[] = new Array<string>(RECENT_TEXTS).fill('');
  private readonly recentId = new Int32Array(RECENT_TEXTS);

  id(s: string): number {
    const n = s.length;
    const k = n === 0 ? 0 : (Math.imul(n, 31) + s.charCodeAt(0) * 7 + s.charCodeAt(n - 1)) & (RECENT_TEXTS - 1);
    if (this.recentText[k] === s) return this.recentId[k]!;
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.kinds.push(0);
      this.bytes.push(null);
      this.ids.set(s, id);
    }
    this.recentText[k] = s;
    this.recentId[k] = id;
    return id;
  }

  /** Address bytes → id (the entry's id in `addrIds`), looked up without allocating. */
  private readonly addrTable = new AddressTable();
  private readonly addrIds: number[] = [];

  /*
   * IPv4 addresses → id, direct-mapped (most addresses of a capture are IPv4 and a few of them
   * carry most packets): a hit costs a multiply and a compare instead of the table's probe.
   */
  private readonly v4Key = new Int32Array(V4_CACHE);
  private readonly v4Id = new Int32Array(V4_CACHE);

  /** The id of an address column (formatted once per distinct address). */
  addr(kind: AddrKind, d: Uint8Array, off: number): number {
    if (kind !== AddrKind.IPv4) return this.addrOf(kind, d, off);
    const v = (d[off]! << 24) | (d[off + 1]! << 16) | (d[off + 2]! << 8) | d[off + 3]!;
    const h = Math.imul(v, 0x9e3779b1) >>> (32 - V4_CACHE_BITS);
    // Id 0 is the empty text, never an address: an empty slot.
    if (this.v4Key[h] === v && this.v4Id[h] !== 0) return this.v4Id[h]!;
    const id = this.addrOf(kind, d, off);
    this.v4Key[h] = v;
    this.v4Id[h] = id;
    return id;
  }

  private addrOf(kind: AddrKind, d: Uint8Array, off: number): number {
    const e = this.addrTable.entry(kind, d, off, true);
    if (e < 0) return 0;
    const ids = this.addrIds;
    if (e < ids.length && ids[e]! >= 0) return ids[e]!;
    const id = this.newAddr(kind, d, off, kind === AddrKind.IPv4 ? 4 : kind === AddrKind.Ether ? 6 : 16);
    // Grown with −1 (not yet seen) so the array stays packed.
    while (ids.length <= e) ids.push(-1);
    ids[e] = id;
    return id;
  }

  private newAddr(kind: AddrKind, d: Uint8Array, off: number, n: number): number {
    const id = this.id(addrText(kind, d, off));
    if (this.kinds[id] === 0) {
      this.kinds[id] = kind;
      this.bytes[id] = d.slice(off, off + n);
    }
    return id;
  }
}

export interface SessionOptions {
  id: string;
  kind: SessionKind;
  path: string;
  name: string;
  /** Called with the status at most every `statusIntervalMs` while indexing, and when it ends. */
  onStatus?: (s: SessionStatus) => void;
  statusIntervalMs?: number;
  /** No file behind the packets (the worker's warm-up, warm-up.ts): nothing is ever read back. */
  noFile?: boolean;
  /** Decode As (dissectors/decode-as.ts), for every packet of the session (checked by the caller). */
  decodeAs?: readonly DecodeAsEntry[];
  /** Protocols and heuristics switched off (dissectors/enabled-protocols.ts), as decodeAs. */
  protocols?: EnabledProtocols;
}

export class Session {
  readonly info: SessionInfo;
  /**
   * Options of every CaptureDissector of this session (the replays' too). MAC names are on, as
   * in Wireshark (View → Name Resolution → Resolve Physical Addresses); setNameResolution.
   */
  readonly dissectOptions: DissectOptions = { etherName: etherNameAt };
  readonly dissector = new CaptureDissector({ ...this.dissectOptions, info: false });
  /** Columns and trees of desegmented TCP streams, by replaying them. */
  readonly replayer = new StreamReplayer(this);
  /** Dissects packets again (visited) with the first pass's cross-packet state. */
  private readonly revisitor = new CaptureDissector();
  /** The expert items of the packets indexed so far (tshark's -z expert, Wireshark's Expert Information). */
  private readonly expertTable = new ExpertTable();
  readonly index: PacketIndex;
  readonly strings = new StringTable();
  /** Extra columns (re-read after growth: PacketIndex replaces arrays when it grows). */
  private cols!: {
    /** String-table ids (16 bits until an id needs more: then 32), and the layer set's id (8 bits, then 32). */
    src: IdColumn; dst: IdColumn; proto: IdColumn; layers: Uint8Array | Uint32Array;
    sport: Uint16Array; dport: Uint16Array;
    /** tcp.stream + 1 (0: no TCP stream; 16 bits until a stream number reaches 65,535: then 32). Read it with streamOf. */
    stream: Uint16Array | Uint32Array;
    /** tcp.len (a packet with more is F_COMPLEX: filters dissect it again). */
    tcpLen: Uint16Array;
    tcpFlags: Uint16Array;
    /** Wireshark's sequence-analysis flags shown on the segment (A_* of dissectors/tcp/analysis.ts; 0: no tcp.analysis.flags). */
    analysis: Uint16Array;
  };
  /** First and last packet of each TCP stream (−1: none): a stream's packets are found between them. */
  private streamFirst = new Int32Array(1024).fill(-1);
  private streamLast = new Int32Array(1024).fill(-1);
  /** The protocol stacks of the capture (the `layers` column holds their ids). */
  private readonly stacks = new LayerSets();
  get layerSets(): readonly LayerSet[] {
    return this.stacks.list;
  }
  meta: CaptureMeta | null = null;
  state: SessionState = 'indexing';
  /** finish() was called: no packet comes any more. */
  private finished = false;
  bytesDone = 0;
  bytesTotal = 0;
  message: string | undefined;
  /** TCP streams in which the first pass reassembled a message from several segments. */
  readonly desegStreams = new NumberSet();
  /** Why reading stopped early (a damaged or cut file), for the properties. */
  stopError: CaptureFileError | null = null;
  /** pcapng packet comments, by packet index (rare: a map). */
  readonly comments = new Map<number, string[]>();

  private fd: number;
  /** Packet bytes re-read from `fd` (made on the first read). */
  private reader: PacketBytes | null = null;
  private readonly firstMeta: FrameMeta = { num: 0, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 0, interfaceId: 0, origLen: 0 };
  private untap: () => void;
  /* The TCP facts of the packet being indexed (from the segment tap). */
  private tapFrame = 0;
  private tapCount = 0;
  private tapStream = -1;
  private tapLen = 0;
  private tapFlags = 0;
  private tapAnalysis = 0;

  /* The view: all packets, or those a filter matched (in packet order), then maybe sorted. */
  /** Run filters on the index columns where they allow it (off: every packet is dissected again; tests compare both). */
  useFastFilter = true;
  private filter: DisplayFilter | null = null;
  private filterText = '';
  private fast: FastFilter | null = null;
  private matched: Uint32Array | null = null;
  private matchedLen = 0;
  /** Packets the filter has been run on. */
  private filteredUpTo = 0;
  private sortCol: SortColumn | null = null;
  /** The custom column's field when sortCol is 'custom'. */
  private sortField = '';
  private sortDir: SortDir = 'asc';
  private sorted: Uint32Array | null = null;
  private sortedFor = -1;

  private rowCache = new Map<number, Row>();
  /** The custom columns' fields (setColumns), and their selector (null: none). */
  private customFields: readonly string[] = [];
  private customSel: FieldSelector | null = null;
  /** MAC names of address string ids (addressText), while MAC names are on. */
  private readonly macNames = new Map<number, string>();
  /** The host names this session learns and shows (useHostNames), or null. */
  private hostTable: HostNames | null = null;
  /** Name resolution block entries already in hostTable. */
  private namesRead = 0;
  /** The hostTable version the cached rows show. */
  private namesSeen = -1;
  private lastStatus = 0;
  private closed = false;

  constructor(readonly opts: SessionOptions, fileSize = 0) {
    this.info = { id: opts.id, kind: opts.kind, path: opts.path, name: opts.name };
    this.index = PacketIndex.forFileSize(fileSize);
    this.bytesTotal = fileSize;
    this.addColumns();
    if (opts.decodeAs?.length) {
      this.dissectOptions.decodeAs = opts.decodeAs;
      this.dissector.setDecodeAs(opts.decodeAs);
    }
    if (switchesOff(opts.protocols)) {
      this.dissectOptions.protocols = opts.protocols;
      this.dissector.setProtocols(opts.protocols!);
    }
    this.revisitor.pinfo.ctx = this.dissector.ctx;
    this.revisitor.pinfo.visited = true;
    // The expert items are counted as the index pass raises them: the summary is there at once,
    // for a file as for a live capture, without another pass.
    this.dissector.pinfo.expertSink = this.expertTable.sink();
    const ctx = this.dissector.ctx;
    this.untap = addTcpSegmentTap((s: FollowSegment) => {
      if (s.pinfo.ctx !== ctx || s.pinfo.visited) return;
      if (s.frame !== this.tapFrame) {
        this.tapFrame = s.frame;
        this.tapCount = 0;
      }
      if (this.tapCount++ === 0) {
        this.tapStream = s.stream;
        this.tapLen = s.segLen;
        this.tapFlags = s.flags;
        this.tapAnalysis = s.analysis;
      }
    });
    if (opts.noFile) {
      this.fd = -1;
      return;
    }
    try {
      this.fd = openSync(opts.path, 'r');
    } catch (e) {
      this.untap();
      throw new EngineError('file', `The file "${opts.path}" could not be opened: ${(e as Error).message}`);
    }
  }

  private addColumns(): void {
    const ix = this.index;
    ix.addColumn('src', Uint16Array);
    ix.addColumn('dst', Uint16Array);
    ix.addColumn('proto', Uint16Array);
    ix.addColumn('layers', Uint8Array);
    ix.addColumn('sport', Uint16Array);
    ix.addColumn('dport', Uint16Array);
    ix.addColumn('stream', Uint16Array);
    ix.addColumn('tcpLen', Uint16Array);
    ix.addColumn('tcpFlags', Uint16Array);
    ix.addColumn('analysis', Uint16Array);
    this.refreshCols();
  }

  private refreshCols(): void {
    const c = (n: string) => this.index.column(n)!;
    this.cols = {
      src: c('src') as IdColumn, dst: c('dst') as IdColumn, proto: c('proto') as IdColumn, layers: c('layers') as Uint8Array | Uint32Array,
      sport: c('sport') as Uint16Array, dport: c('dport') as Uint16Array, stream: c('stream') as Uint16Array | Uint32Array,
      tcpLen: c('tcpLen') as Uint16Array, tcpFlags: c('tcpFlags') as Uint16Array,
      analysis: c('analysis') as Uint16Array,
    };
  }

  /* Largest id the id columns and the layers column hold now, and the largest tcp.stream + 1 of the stream column. */
  private idMax = 0xffff;
  private layersMax = 0xff;
  private streamMax = 0xffff;

  /** A value outgrew its column: the column becomes 32-bit (once; the values so far are copied). */
  private widen(src: number, dst: number, proto: number, ls: number): void {
    if ((src | dst | proto) > this.idMax) {
      for (const name of ['src', 'dst', 'proto']) this.index.widen(name, Uint32Array);
      this.idMax = 0xffffffff;
    }
    if (ls > this.layersMax) {
      this.index.widen('layers', Uint32Array);
      this.layersMax = 0xffffffff;
    }
    this.refreshCols();
  }

  /** A stream number outgrew the stream column: it becomes 32-bit (once). */
  private widenStream(): void {
    this.index.widen('stream', Uint32Array);
    this.streamMax = 0xffffffff;
    this.refreshCols();
  }

  /** tcp.stream of packet index `i`, or −1 when it has none. */
  streamOf(i: number): number {
    return this.cols.stream[i]! - 1;
  }

  /** The expert items of every packet indexed so far, counted per severity, protocol and summary. */
  expertRows(): ExpertRow[] {
    return this.expertTable.rows();
  }

  /** TCP streams so far (tcp.stream is below this). */
  get tcpStreamCount(): number {
    let n = this.streamFirst.length;
    while (n > 0 && this.streamFirst[n - 1]! < 0) n--;
    return n;
  }

  /** Packet index `i`'s addresses and ports as one text, the same both ways (what a reused port shares). */
  tupleKey(i: number): string {
    const c = this.cols;
    const a = `${c.src[i]}:${c.sport[i]}`;
    const b = `${c.dst[i]}:${c.dport[i]}`;
    return a < b ? `${a} ${b}` : `${b} ${a}`;
  }

  /** Columns (for the fast filter and the views). */
  get columns() {
    return this.cols;
  }

  get count(): number {
    return this.index.count;
  }

  // ------------------------------------------------------------------------------------------
  // Feeding packets

  /**
   * Indexes one packet (the next one: packets come in order). `buf[start..end)` are its captured
   * bytes (valid during the call only), `dataOffset` where they are in the session's file. Not
   * after finish(): the first pass's state is gone then.
   */
  add(
    rec: { num: number; tsSec: number; tsNsec: number; hasTs: boolean; linkType: number; interfaceId: number; origLen: number; dataOffset: number; comments?: string[] },
    buf: Uint8Array, start: number, end: number, meta: CaptureMeta,
  ): void {
    if (this.finished) throw new Error(`A packet was added to a session whose indexing has ended (${this.state})`);
    this.meta = meta;
    // The capture's name resolution blocks, as the reader meets them.
    if (this.hostTable && meta.names.length > this.namesRead) this.namesRead = addCaptureNames(this.hostTable, meta.names, this.namesRead);
    const m = setFrameMeta(this.firstMeta, rec, meta);
    this.tapFrame = -1;
    const pi = this.dissector.dissect(m, buf, false, start, end);

    const i = this.index.count;
    const cap0 = this.index.capacity;
    const top = pi.layerCount > 0 ? pi.layers[pi.layerCount - 1]! : 0;
    this.index.push(rec.dataOffset, rec.tsSec, rec.tsNsec, end - start, rec.origLen, rec.interfaceId, rec.linkType, top, pi.expertMax + 1, 0);
    if (this.index.capacity !== cap0) this.refreshCols();
    const src = this.strings.addr(pi.srcKind, pi.srcData, pi.srcOff);
    const dst = this.strings.addr(pi.dstKind, pi.dstData, pi.dstOff);
    const proto = this.strings.id(pi.protocol);
    const ls = this.stacks.idOf(pi);
    if ((src | dst | proto) > this.idMax || ls > this.layersMax) this.widen(src, dst, proto, ls);
    const c = this.cols;
    c.src[i] = src;
    c.dst[i] = dst;
    c.proto[i] = proto;
    c.layers[i] = ls;
    const set = this.stacks.list[ls]!;
    const tapped = set.tcp && this.tapFrame === rec.num;
    let flags = packetFlags(pi, set, tapped ? this.tapLen : -1);
    if (!rec.hasTs) flags |= F_NO_TS;
    if (tapped) {
      if (this.tapStream + 1 > this.streamMax) this.widenStream();
      this.cols.stream[i] = this.tapStream + 1;
      this.link(this.tapStream, i);
      // A message put together from several segments (or one that waits for more): its stream is
      // shown through replays (stream-replay.ts).
      if (pi.pduStarted || (pi.sources.length && hasReassembledTcp(pi))) this.desegStreams.add(this.tapStream);
      if (this.tapLen <= 0xffff) c.tcpLen[i] = this.tapLen;
      c.tcpFlags[i] = this.tapFlags;
      c.analysis[i] = this.tapAnalysis;
    }
    c.sport[i] = pi.srcPort >= 0 ? pi.srcPort : 0;
    c.dport[i] = pi.dstPort >= 0 ? pi.dstPort : 0;
    this.index.flags[i] = flags;
    if (rec.comments?.length) this.comments.set(i, rec.comments.slice());
  }

  private link(stream: number, i: number): void {
    if (stream >= this.streamFirst.length) {
      const n = Math.max(stream + 1, this.streamFirst.length * 2);
      const f = new Int32Array(n).fill(-1);
      const l = new Int32Array(n).fill(-1);
      f.set(this.streamFirst);
      l.set(this.streamLast);
      this.streamFirst = f;
      this.streamLast = l;
    }
    if (this.streamFirst[stream]! < 0) this.streamFirst[stream] = i;
    this.streamLast[stream] = i;
  }

  /** Packet indexes of a TCP stream, in order (a scan of the stream column between its first and last packet). */
  streamPackets(stream: number): number[] {
    const out: number[] = [];
    if (stream < 0 || stream >= this.streamFirst.length) return out;
    const col = this.cols.stream;
    const first = this.streamFirst[stream]!;
    if (first < 0) return out;
    for (let i = first, last = this.streamLast[stream]!; i <= last; i++) if (col[i] === stream + 1) out.push(i);
    return out;
  }

  /** After a slice of packets was added: extend the filtered view, and report progress now and then. */
  afterBatch(force = false): void {
    this.extendFilter(FILTER_SLICE_MS);
    this.scheduleFilter();
    const now = Date.now();
    if (force || now - this.lastStatus >= (this.opts.statusIntervalMs ?? 100)) {
      this.lastStatus = now;
      this.opts.onStatus?.(this.status());
    }
  }

  /** Indexing ended (`state`: done, cancelled or error, with `message` why it stopped early). */
  finish(state: SessionState, message?: string): void {
    this.state = state;
    this.finished = true;
    if (message !== undefined) this.message = message;
    this.index.trim();
    this.refreshCols();
    // No packet is added after this (a file read to its end, a live capture stopped, a pass stopped
    // or cancelled): the conversation state kept for revisits is cut to what is used, and what only
    // a first pass reads goes.
    releaseFirstPassState(this.dissector.ctx);
    this.afterBatch(true);
  }

  // ------------------------------------------------------------------------------------------
  // Status, rows

  get displayed(): number {
    return this.filter ? this.matchedLen : this.index.count;
  }

  status(): SessionStatus {
    const s: SessionStatus = {
      id: this.info.id,
      state: this.state,
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
      packets: this.index.count,
      displayed: this.displayed,
      filter: this.filterText,
    };
    if (this.message !== undefined) s.message = this.message;
    return s;
  }

  /** Indexing has stopped (done, cancelled or failed): no packet will be added. */
  get indexingStopped(): boolean {
    return this.finished;
  }

  /** No more rows will come: indexing has stopped and the filter has seen every packet. */
  get complete(): boolean {
    return this.state !== 'indexing' && this.state !== 'capturing' && !this.filterBehind;
  }

  /** The applied filter has not been run on every indexed packet yet. */
  get filterBehind(): boolean {
    return this.filter !== null && this.filteredUpTo < this.index.count;
  }

  /** Packet index (0-based) at position `pos` of the view (below `displayed`). */
  atView(pos: number): number {
    const order = this.order();
    if (order) return order[pos]!;
    return this.filter ? this.matched![pos]! : pos;
  }

  /** The sorted order of the view (null when in packet order). */
  private order(): Uint32Array | null {
    if (this.sortCol === null || this.sortCol === 'no' && this.sortDir === 'asc') return null;
    if (this.sorted && this.sortedFor === this.displayed) return this.sorted;
    this.sorted = this.sortView(this.sortCol, this.sortDir);
    this.sortedFor = this.displayed;
    return this.sorted;
  }

  rows(start: number, count: number): RowsResult {
    const n = this.displayed;
    const rows: Row[] = [];
    const end = Math.min(n, start + count);
    for (let pos = start; pos < end; pos++) rows.push(this.row(this.atView(pos)));
    return { start, rows, displayed: n, complete: this.complete };
  }

  /**
   * Reads the first `n` packets of the file again, in order and in chunks (for passes of a fresh
   * dissector: conversation tables, exports). `meta` is reused from packet to packet.
   */
  forEachPacket(n: number, fn: (meta: FrameMeta, buf: Uint8Array, start: number, end: number) => void): void {
    if (n <= 0) return;
    const meta: FrameMeta = { num: 0, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 0, interfaceId: 0, origLen: 0 };
    readCaptureFile(this.info.path, (rec, m, b) => {
      setFrameMeta(meta, rec, m);
      fn(meta, b.buf, b.start, b.end);
      return rec.num < n;
    }, undefined, { views: false });
  }

  /** Capture properties (capinfos) of the packets indexed so far, from the index columns. */
  properties(): CaptureProperties {
    if (!this.meta) throw new EngineError('busy', 'properties: the file has not been read yet');
    const p = new CapturePropertiesCollector();
    const ix = this.index;
    const rec = { tsSec: 0, tsNsec: 0, hasTs: true, linkType: 0, capLen: 0, data: { length: 0 } };
    for (let i = 0; i < ix.count; i++) {
      rec.tsSec = ix.tsSecOf(i);
      rec.tsNsec = ix.tsNsec[i]!;
      rec.hasTs = (ix.flags[i]! & F_NO_TS) === 0;
      rec.linkType = ix.linkTypeOf(i);
      rec.capLen = ix.capLen[i]!;
      p.add(rec);
    }
    return p.properties(this.info.path, this.bytesTotal, this.meta, this.stopError);
  }

  /** Packet indexes of the current view, in packet order (the filter is first run to the end). */
  viewPackets(): Uint32Array {
    this.extendFilter();
    if (!this.filter) return Uint32Array.from({ length: this.index.count }, (_, i) => i);
    return this.matched!.slice(0, this.matchedLen);
  }

  rowOf(no: number): number {
    if (no < 1 || no > this.index.count) return -1;
    const i = no - 1;
    const order = this.order();
    if (order) {
      const p = order.indexOf(i);
      return p;
    }
    if (!this.filter) return i;
    // The matched packets are in packet order.
    return indexOfSorted(this.matched!, this.matchedLen, i);
  }

  /** The FrameMeta of packet index `i` for dissecting it again. */
  frameMeta(i: number): FrameMeta {
    const ix = this.index;
    const hasTs = (ix.flags[i]! & F_NO_TS) === 0;
    // Every time field from the start (one object shape; no pair allocated per difference).
    const m: FrameMeta = {
      num: i + 1, tsSec: ix.tsSecOf(i), tsNsec: ix.tsNsec[i]!, hasTs, linkType: ix.linkTypeOf(i), interfaceId: ix.interfaceId[i]!, origLen: ix.origLenOf(i),
      relSec: 0, relNsec: 0, deltaSec: 0, deltaNsec: 0, deltaDisSec: 0, deltaDisNsec: 0,
    };
    const comments = this.comments.get(i);
    if (comments) m.comments = comments;
    if (this.meta) setInterfaceMeta(m, this.meta, m.interfaceId);
    // Relative to the first packet with a time, and to the previous one with a time.
    let first = -1;
    for (let j = 0; j < ix.count && j <= i; j++) if ((ix.flags[j]! & F_NO_TS) === 0) { first = j; break; }
    let prev = -1;
    for (let j = i - 1; j >= 0; j--) if ((ix.flags[j]! & F_NO_TS) === 0) { prev = j; break; }
    // Since the previous packet the view shows (with a filter: the previous one it matched), as Wireshark's list.
    const dis = this.shownBefore?.packet === i ? this.shownBefore.prev : this.filter && this.matched ? this.prevMatched(i) : prev;
    if (prev < 0) prev = first;
    if (hasTs && first >= 0) {
      m.relSec = diffSec(m.tsSec, m.tsNsec, ix.tsSecOf(first), ix.tsNsec[first]!);
      m.relNsec = diffNsec;
      m.deltaSec = diffSec(m.tsSec, m.tsNsec, ix.tsSecOf(prev), ix.tsNsec[prev]!);
      m.deltaNsec = diffNsec;
      if (dis >= 0) {
        m.deltaDisSec = diffSec(m.tsSec, m.tsNsec, ix.tsSecOf(dis), ix.tsNsec[dis]!);
        m.deltaDisNsec = diffNsec;
      }
    }
    return m;
  }

  /**
   * For a caller that applies a display filter itself (the CLI's second pass, -2 -Y): the packet
   * with a time it showed last before `packet` (−1: none), which frame.time_delta_displayed of
   * `packet` counts from.
   */
  shownBefore: { packet: number; prev: number } | null = null;

  /** The last packet with a time before `i` that the filter matched, or −1. */
  private prevMatched(i: number): number {
    const ix = this.index;
    // The matches are in packet order: the last one below i, then back to one with a time.
    const mt = this.matched!;
    const lo = lowerBound(mt, this.matchedLen, i);
    for (let k = lo - 1; k >= 0; k--) if ((ix.flags[mt[k]!]! & F_NO_TS) === 0) return mt[k]!;
    return -1;
  }

  /** The captured bytes of packet index `i`, re-read from the file. */
  bytes(i: number): Uint8Array {
    const b = (this.reader ??= new PacketBytes(this.fd)).read(this.index.offsetOf(i), this.index.capLen[i]!);
    if (b === null) throw new EngineError('file', `${this.info.path}: packet ${i + 1} could not be read again (the file is shorter than when it was opened)`);
    return b;
  }

  /** Dissects packet index `i` again with a full tree, or one reduced to `interest` (valid until the next revisit). */
  revisit(i: number, interest: TreeInterest | null = null): PacketInfo {
    return this.revisitor.dissect(this.frameMeta(i), this.bytes(i), interest ?? true);
  }

  /**
   * The full tree of packet index `i` as the packet details show it and filters see it: a replay
   * of its stream for a segment that took part in desegmentation (stream-replay.ts), else a
   * revisit. With `interest`, the tree is reduced to those fields (a display filter's). Valid
   * until the next call.
   */
  details(i: number, interest: TreeInterest | null = null): PacketInfo {
    const batched = this.inOrder?.tree(i, interest);
    if (batched) return batched;
    const replayed = this.replayer.tree(i, interest);
    if (replayed) return replayed;
    this.revisitor.pinfo.secondPass = true;
    try {
      return this.revisit(i, interest);
    } finally {
      this.revisitor.pinfo.secondPass = false;
    }
  }

  /** Packet index `i`'s row (with the custom columns' values unless `withCustom` is false: a sort by Info needs none). */
  row(i: number, withCustom = true): Row {
    const hosts = this.dissectOptions.hostNames;
    if (hosts && hosts.version !== this.namesSeen) {
      // Names learned since (the rest of a file being read, a live capture's DNS answers): every
      // row shows them, as Wireshark's packet list does.
      this.namesSeen = hosts.version;
      this.addressesRenamed();
    }
    let row = this.rowCache.get(i);
    if (!row) {
      row = this.columnsOf(i);
      if (this.rowCache.size >= 20000) this.rowCache.clear();
      this.rowCache.set(i, row);
    }
    // The custom columns, from the packet's details (what the user sees there, after the first pass).
    if (withCustom && this.customSel && !row.custom) row.custom = this.customSel.extract(this.details(i).tree).map((v) => v.join(','));
    return row;
  }

  /** The columns of packet index `i` (not cached). */
  private columnsOf(i: number): Row {
    const ix = this.index;
    const c = this.cols;
    const m = this.frameMeta(i);
    const hasTs = m.hasTs;
    const row: Row = {
      no: i + 1,
      time: hasTs ? m.relSec! + m.relNsec! / 1e9 : 0,
      delta: hasTs ? m.deltaSec! + m.deltaNsec! / 1e9 : 0,
      epoch: hasTs ? m.tsSec + m.tsNsec / 1e9 : 0,
      source: this.addressText(c.src[i]!),
      destination: this.addressText(c.dst[i]!),
      protocol: '',
      length: ix.origLenOf(i),
      info: '',
      color: '',
      expert: EXPERT_NAMES[ix.expert[i]!] ?? '',
    };
    // Segments of desegmented messages: the columns of the first pass, from a replay of their
    // stream (a revisit does not desegment).
    const first = this.replayer.columns(i);
    if (first) {
      row.protocol = first.protocol;
      row.info = first.info;
      row.color = first.color;
      const stream = this.streamOf(i);
      if (stream >= 0) row.tcpStream = stream;
    } else {
      const pi = this.revisitor.dissect(m, this.bytes(i), true);
      // A revisit that names another protocol than the first pass did is one of those too.
      const stream = this.streamOf(i);
      if (pi.protocol !== this.strings.strings[c.proto[i]!] && stream >= 0 && ix.flags[i]! & F_TCP) {
        this.desegStreams.add(stream);
        return this.columnsOf(i);
      }
      row.protocol = pi.protocol;
      row.info = pi.info;
      row.color = colorOf(pi);
      const streams = streamNumbers(pi.tree);
      if (streams.tcp >= 0) row.tcpStream = streams.tcp;
      if (streams.udp >= 0) row.udpStream = streams.udp;
    }
    return row;
  }

  /**
   * The Source/Destination text of string id `id`: a MAC address named when MAC names are on, an
   * IP address named when network names are (with every name known now, as Wireshark's packet
   * list shows them).
   */
  private addressText(id: number): string {
    const t = this.strings;
    const kind = t.kinds[id];
    if (kind === AddrKind.Ether) {
      if (!this.dissectOptions.etherName) return t.strings[id]!;
      let name = this.macNames.get(id);
      if (name === undefined) {
        name = etherName(t.bytes[id]!) ?? t.strings[id]!;
        this.macNames.set(id, name);
      }
      return name;
    }
    const hosts = this.dissectOptions.hostNames;
    if (hosts && kind === AddrKind.IPv4) return hosts.ipv4(readIPv4(t.bytes[id]!, 0)) ?? t.strings[id]!;
    if (hosts && kind === AddrKind.IPv6) return hosts.ipv6(t.bytes[id]!, 0) ?? t.strings[id]!;
    return t.strings[id]!;
  }

  /** What the packet details name (MAC vendors, host names), as the name resolution switches say. */
  get resolver(): Resolver | undefined {
    const hosts = this.dissectOptions.hostNames;
    if (!hosts) return this.resolveMac ? ouiResolver : undefined;
    return { ...(this.resolveMac ? ouiResolver : {}), ...hostResolver(hosts) };
  }

  /** Whether IP addresses are shown by name (View → Name Resolution → Resolve Network Addresses). */
  get resolveNetwork(): boolean {
    return this.dissectOptions.hostNames !== undefined;
  }

  /**
   * Host names for this session: `names` learns the DNS answers' names when `fromDns` (set before
   * the first packet), and is shown when `shown` (Resolve Network Addresses; can change any time).
   */
  useHostNames(names: HostNames, fromDns: boolean, shown = true): void {
    this.hostTable = names;
    const o = this.dissector.ctx.options;
    this.dissectOptions.dnsHostNames = o.dnsHostNames = fromDns ? names : undefined;
    this.setNetworkNames(shown);
  }

  /** The host name of an IP address given as text, while network names are on (else undefined). */
  get hostNameOf(): ((address: string) => string | undefined) | undefined {
    const hosts = this.dissectOptions.hostNames;
    return hosts ? (a) => hosts.nameOfText(a) : undefined;
  }

  /** Sequence numbers as on the wire (`-o tcp.relative_sequence_numbers:FALSE`; before the first packet). */
  setTcpAbsoluteSeq(): void {
    this.dissectOptions.tcpAbsoluteSeq = this.dissector.ctx.options.tcpAbsoluteSeq = true;
  }

  /** Every address named so far (Statistics › Resolved Addresses, `-z hosts`). */
  resolvedAddresses(): ResolvedAddress[] {
    return this.hostTable?.entries() ?? [];
  }

  /** The Source/Destination texts changed (a name switch, a name learned): rows made again, a sort by them too. */
  private addressesRenamed(): void {
    this.rowCache.clear();
    if (this.sortCol === 'source' || this.sortCol === 'destination') this.sorted = null;
  }

  /** Shows IP addresses by name, or not (the names learned so far stay). */
  setNetworkNames(on: boolean): void {
    const names = on ? (this.hostTable ?? undefined) : undefined;
    if (names === this.dissectOptions.hostNames) return;
    // The revisits share the first pass's context, and with it its options.
    this.dissectOptions.hostNames = this.dissector.ctx.options.hostNames = names;
    this.addressesRenamed();
  }

  /** Whether MAC addresses are shown by name (`Universa_6c:0c:cc`) in rows and packet details. */
  get resolveMac(): boolean {
    return this.dissectOptions.etherName !== undefined;
  }

  /** Turns MAC names on or off (Wireshark's View → Name Resolution → Resolve Physical Addresses). */
  setNameResolution(mac: boolean): void {
    if (mac === this.resolveMac) return;
    this.dissectOptions.etherName = mac ? etherNameAt : undefined;
    // The revisits share the first pass's context, and with it its options.
    this.dissector.ctx.options.etherName = this.dissectOptions.etherName;
    this.addressesRenamed();
  }

  /** Sets the custom columns (Row.custom): field or protocol names, each known to the registry. */
  setColumns(fields: readonly string[]): void {
    for (const f of fields) {
      if (fieldsByName(f).length === 0) throw new EngineError('bad-request', `setColumns: "${f}" is neither a field nor a protocol name`);
    }
    this.customFields = [...fields];
    this.customSel = fields.length ? new FieldSelector(fields) : null;
    this.rowCache.clear();
    // A sort by a custom column: again with its new position, or back to packet order without it.
    if (this.sortCol === 'custom') {
      if (!fields.includes(this.sortField)) {
        this.sortCol = null;
        this.sortField = '';
      }
      this.sorted = null;
    }
  }

  /** The custom columns' fields. */
  get columnFields(): readonly string[] {
    return this.customFields;
  }

  packet(no: number): PacketDetail {
    if (no > this.index.count) throw new EngineError('bad-request', `packet: there is no packet ${no} (${this.index.count} indexed so far)`);
    const i = no - 1;
    const pi = this.details(i);
    const sources = [{ name: sourceName('Frame', pi.data.length), bytes: Buffer.from(pi.data).toString('base64') }];
    for (const s of pi.sources) sources.push({ name: sourceName(s.name, s.data.length), bytes: Buffer.from(s.data.buffer, s.data.byteOffset, s.data.length).toString('base64') });
    return { no, tree: treeView(pi.tree, this.resolver), sources };
  }

  // ------------------------------------------------------------------------------------------
  // Display filter and sort

  setFilter(text: string): number {
    const r = compileFilter(text);
    if (!r.ok) throw new EngineError('filter', r.error.message, r.error.start, r.error.end);
    this.rowCacheKeep();
    this.sorted = null;
    if (r.filter.empty) {
      this.filter = null;
      this.fast = null;
      this.filterText = '';
      this.matched = null;
      this.matchedLen = 0;
      return this.displayed;
    }
    this.filter = r.filter;
    this.filterText = text;
    this.fast = this.useFastFilter ? FastFilter.for(text, r.filter) : null;
    this.matched = new Uint32Array(1024);
    this.matchedLen = 0;
    this.filteredUpTo = 0;
    this.filterGen++;
    // Answer within SET_FILTER_MS with the matches so far; the rest are found in the background.
    this.extendFilter(this.setFilterMs);
    this.scheduleFilter();
    return this.displayed;
  }

  /** How long setFilter works before it answers (the rest of the packets are filtered in slices after). */
  setFilterMs = SET_FILTER_MS;
  private filterGen = 0;
  private filterScheduled = false;

  /** Filters the packets not filtered yet in slices, between calls, reporting progress. */
  private scheduleFilter(): void {
    if (!this.filterBehind || this.filterScheduled || this.closed) return;
    this.filterScheduled = true;
    const gen = this.filterGen;
    setImmediate(() => {
      this.filterScheduled = false;
      if (gen !== this.filterGen || this.closed) return this.scheduleFilter();
      this.extendFilter(FILTER_SLICE_MS);
      const now = Date.now();
      if (!this.filterBehind || now - this.lastStatus >= (this.opts.statusIntervalMs ?? 100)) {
        this.lastStatus = now;
        this.opts.onStatus?.(this.status());
      }
      this.scheduleFilter();
    });
  }

  /** True when the applied filter runs on the index columns (fast-filter.ts). */
  get filterIsFast(): boolean {
    return this.fast !== null;
  }

  /** Does packet index `i` match the current filter? */
  matches(i: number, filter: DisplayFilter, fast: FastFilter | null): boolean {
    if (fast && (this.index.flags[i]! & F_COMPLEX) === 0) return fast.matches(this, i);
    const interest = this.useReducedTrees ? interestOf(filter) : null;
    if (this.finished && this.useFilterReplay && (this.index.flags[i]! & F_TCP)) {
      // Decided once per filter (FilterReplay.for says null where the replays must go one by one).
      if (this.filterReplayOf !== filter) {
        this.filterReplayOf = filter;
        this.filterReplay = FilterReplay.for(this, filter, interest);
      }
      const m = this.filterReplay?.matches(i);
      if (m !== undefined && m !== null) {
        this.batchVerdicts++;
        return m;
      }
    }
    const pi = this.details(i, interest);
    return filter.matches(pi.tree, pi);
  }

  /** Dissect packets for a filter into trees reduced to the fields it reads (off: full trees; tests compare both). */
  useReducedTrees = true;
  /** Replay the desegmented streams for a filter in batches (filter-replay.ts; off: one by one, as details(); tests compare both). */
  useFilterReplay = true;
  private filterReplay: FilterReplay | null = null;
  /** The filter `filterReplay` was made (or refused) for. */
  private filterReplayOf: DisplayFilter | null = null;
  /** Packets a filter's batch replay answered (what the tests check was exercised). */
  batchVerdicts = 0;
  private inOrder: InOrderReplay | null = null;

  /**
   * The caller asks details() for every packet in file order from now on (the CLI's second pass):
   * the desegmented streams are replayed in batches (filter-replay.ts). A finished session only.
   */
  detailsInOrder(): void {
    if (this.finished) this.inOrder = InOrderReplay.for(this);
  }

  /** Runs the filter on further packets for up to `ms` (or to the last one indexed). */
  private extendFilter(ms = Infinity): void {
    const f = this.filter;
    if (!f) return;
    const n = this.index.count;
    const t0 = performance.now();
    let i = this.filteredUpTo;
    for (; i < n; i++) {
      if ((i & 255) === 0 && i > this.filteredUpTo && performance.now() - t0 >= ms) break;
      if (this.matches(i, f, this.fast)) {
        if (this.matchedLen === this.matched!.length) {
          const b = new Uint32Array(Math.max(1024, this.matched!.length * 2));
          b.set(this.matched!);
          this.matched = b;
        }
        this.matched![this.matchedLen++] = i;
      }
    }
    this.filteredUpTo = i;
    // The whole capture is filtered: the batch replay's verdicts are not needed any more.
    if (this.finished && i >= n) {
      this.filterReplay = null;
      this.filterReplayOf = null;
    }
  }

  private rowCacheKeep(): void {
    // Rows do not depend on the view: the cache stays.
  }

  sort(column: SortColumn | null, dir: SortDir, field?: string): void {
    if (column === 'custom' && (field === undefined || !this.customFields.includes(field))) {
      throw new EngineError('bad-request', `sort: ${field === undefined ? 'a custom column needs its field' : `"${field}" is not a custom column (setColumns)`}`);
    }
    // Info and the custom columns are made by dissecting each row again: over many rows that would hold the session for minutes.
    if ((column === 'info' || column === 'custom') && this.displayed > MAX_INFO_SORT) {
      const what = column === 'info' ? 'Info' : `the column ${field}`;
      throw new EngineError('bad-request', `sort: sorting by ${what} needs every row's text, which is made on demand; it is available for views of up to ${MAX_INFO_SORT.toLocaleString('en-US')} rows (this one has ${this.displayed.toLocaleString('en-US')}): filter first`);
    }
    this.sortCol = column;
    this.sortField = column === 'custom' ? field! : '';
    this.sortDir = dir;
    this.sorted = null;
  }

  private sortView(col: SortColumn, dir: SortDir): Uint32Array {
    const n = this.displayed;
    const v = new Uint32Array(n);
    for (let p = 0; p < n; p++) v[p] = this.filter ? this.matched![p]! : p;
    const ix = this.index;
    const c = this.cols;
    let key: (i: number) => number | string;
    switch (col) {
      case 'no': key = (i) => i; break;
      case 'time': key = (i) => ix.tsSecOf(i) + ix.tsNsec[i]! / 1e9; break;
      case 'length': key = (i) => ix.origLenOf(i); break;
      case 'source': case 'destination': case 'protocol': {
        const arr = col === 'source' ? c.src : col === 'destination' ? c.dst : c.proto;
        // Ranked by the text shown (a MAC address's name when names are on).
        const rank = stringRanks(col === 'protocol' ? this.strings.strings : this.strings.strings.map((_, id) => this.addressText(id)));
        key = (i) => rank[arr[i]!]!;
        break;
      }
      case 'info': {
        const texts = new Map<number, string>();
        for (let p = 0; p < n; p++) texts.set(v[p]!, this.row(v[p]!, false).info);
        key = (i) => texts.get(i)!;
        break;
      }
      case 'custom': {
        // As Wireshark sorts a custom column: numbers (the first occurrence) as numbers, an empty
        // cell before every value; other fields by their text.
        const k = this.customFields.indexOf(this.sortField);
        const numeric = fieldsByName(this.sortField).every((f) => NUMERIC_TYPES.has(f.type));
        const cells = new Map<number, number | string>();
        for (let p = 0; p < n; p++) {
          const text = this.row(v[p]!, true).custom?.[k] ?? '';
          cells.set(v[p]!, numeric ? numericKey(text) : text);
        }
        key = (i) => cells.get(i)!;
        break;
      }
    }
    const arr = Array.from(v);
    const keys = new Map<number, number | string>();
    for (const i of arr) keys.set(i, key(i));
    const sign = dir === 'asc' ? 1 : -1;
    arr.sort((a, b) => {
      const ka = keys.get(a)!;
      const kb = keys.get(b)!;
      // Stable by packet number among equal keys, whichever direction.
      if (ka < kb) return -sign;
      if (ka > kb) return sign;
      return a - b;
    });
    return Uint32Array.from(arr);
  }

  // ------------------------------------------------------------------------------------------

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.untap();
    if (this.fd < 0) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Size of the file now (a live capture's file grows). */
  fileSize(): number {
    return fstatSync(this.fd).size;
  }
}

/** setFilter answers after this long at most; filtering goes on in slices of FILTER_SLICE_MS. */
export const SET_FILTER_MS = 1000;
const FILTER_SLICE_MS = 25;
/** Largest view that can be sorted by Info. */
export const MAX_INFO_SORT = 100_000;

const HF_TCP_STREAM = fieldByName('tcp.stream')!;
const HF_UDP_STREAM = fieldByName('udp.stream')!;

/** A column of string-table ids. */
type IdColumn = Uint16Array | Uint32Array;

/** The first `n` layers of a packet are `ids`. */
/** The packet has a TCP reassembly among its data sources (a message put together from several segments). */
function hasReassembledTcp(pi: PacketInfo): boolean {
  const src = pi.sources;
  for (let k = 0; k < src.length; k++) if (src[k]!.name.startsWith('Reassembled TCP')) return true;
  return false;
}

/** Field types a custom column sorts as numbers. */
const NUMERIC_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  'uint8', 'uint16', 'uint24', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'boolean', 'framenum', 'rel_time', 'double', 'float',
]);

/** A numeric cell's sort key: its first value ("0.000123", "0x0012" as 18), −Infinity when empty or not a number. */
function numericKey(text: string): number {
  const first = text.split(',')[0]!.trim();
  if (first === '') return -Infinity;
  const v = Number(first);
  return Number.isNaN(v) ? -Infinity : v;
}

/** Position of each string in sorted order. */
function stringRanks(strings: readonly string[]): Uint32Array {
  const order = strings.map((s, i) => [s, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rank = new Uint32Array(strings.length);
  order.forEach(([, i], r) => (rank[i] = r));
  return rank;
}

/** tcp.stream and udp.stream of a packet's first transport header (−1 when none). */
export function streamNumbers(tree: ProtoNode): { tcp: number; udp: number } {
  let tcp = -1;
  let udp = -1;
  for (const p of tree.children ?? []) {
    if (p.field?.abbrev === 'tcp' && tcp < 0) {
      for (const c of p.children ?? []) if (c.field === HF_TCP_STREAM) { tcp = c.value as number; break; }
    } else if ((p.field?.abbrev === 'udp' || p.field?.abbrev === 'udplite') && udp < 0) {
      for (const c of p.children ?? []) if (c.field === HF_UDP_STREAM) { udp = c.value as number; break; }
    }
  }
  return { tcp, udp };
}

/** The name of the first default coloring rule that matches ('' for none). */
export function colorOf(pi: PacketInfo): string {
  for (const r of coloringRules()) if (r.filter.matches(pi.tree, pi)) return r.name;
  return '';
}

/** The nanoseconds of the last diffSec. */
let diffNsec = 0;

/** The seconds of time a − time b (the nanoseconds, with the same sign, in `diffNsec`). */
function diffSec(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  let s = aSec - bSec;
  let n = aNsec - bNsec;
  if (s > 0 && n < 0) { s--; n += 1e9; } else if (s < 0 && n > 0) { s++; n -= 1e9; }
  diffNsec = n;
  return s;
}

/** The fields a filter reads from a tree, once per filter. */
const interests = new WeakMap<DisplayFilter, TreeInterest>();
function interestOf(f: DisplayFilter): TreeInterest {
  let t = interests.get(f);
  if (!t) interests.set(f, (t = new TreeInterest(f.treeFieldIds)));
  return t;
}
