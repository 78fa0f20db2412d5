import { formatEther, formatIPv4Bytes, formatIPv6 } from './addr.js';
import { PROTO_MALFORMED, type ExpertDef } from './expert.js';
import type { ProtocolDef } from './fields.js';
import type { HostNames } from '../resolve/host-names.js';
import type { DecodeAsEntry, DecodeAsTables } from '../decode-as.js';
import type { EnabledProtocols } from '../enabled-protocols.js';
import type { DisabledSet } from './dispatch.js';
import { fitLabelBuffer } from './label-buffer.js';
import { NodeFlags, NULL_TREE, ProtoNode } from './tree.js';
import { Tvb, type TvbPool } from './tvb.js';

export const enum AddrKind {
  None = 0,
  Ether = 1,
  IPv4 = 2,
  IPv6 = 3,
}

/**
 * State that lives across the packets of one capture (IP fragments, later TCP streams). Each
 * protocol keeps its own slot, keyed by its ProtocolDef. A capture that is dissected again from
 * the start needs a new context.
 */
export class CaptureContext {
  /** State by the owner's field id (an array index, not a Map lookup: several per packet). */
  private slots: unknown[] = [];
  /** Options of this capture's dissection (set by CaptureDissector from its DissectOptions). */
  options: CaptureOptions = {};
  /**
   * The capture's Decode As entries, by table and key (dissectors/decode-as.ts compiles them from
   * `options.decodeAs`); null when there are none, which is what the tables check per packet.
   */
  decodeAs: DecodeAsTables | null = null;
  /** What the capture switched off (`options.protocols`, dissectors/enabled-protocols.ts); null when nothing. */
  disabled: DisabledSet | null = null;
  /**
   * The state of a finished first pass over the same frames, when this one dissects them again
   * from the start (a replayed stream, electron/engine/stream-replay.ts): full trees then also show
   * what only the end of a first pass knows, as Wireshark's second pass does (an HTTP request's
   * response, the frame a PDU is reassembled in, the conversation's completeness and iRTT).
   */
  hindsight: CaptureContext | null = null;

  /**
   * The state of `owner`, created by `init` the first time. Per packet, pass a function made
   * once (a module-level one), not an arrow written in the call: that allocates a closure per call.
   */
  state<T>(owner: { readonly id: number }, init: () => T): T {
    const slots = this.slots;
    const id = owner.id;
    let s = (id < slots.length ? slots[id] : undefined) as T | undefined;
    if (s === undefined) {
      s = init();
      // Grown with explicit undefined entries: the array stays packed.
      while (slots.length <= id) slots.push(undefined);
      slots[id] = s;
    }
    return s;
  }

  /** The state of `owner` if it has any (nothing is made). */
  existingState<T>(owner: { readonly id: number }): T | undefined {
    return this.slots[owner.id] as T | undefined;
  }
}

/**
 * Receives every expert item as it is raised, with or without a tree (the expert view of a whole
 * capture is made from the summary pass, without trees): `pinfo.current` is the protocol whose
 * dissector raised it (for a malformed-packet item, the protocol that threw), `pinfo.inErrorPkt`
 * whether it is inside a packet quoted by an ICMP error.
 */
export interface ExpertSink {
  item(def: ExpertDef, message: string, pinfo: PacketInfo): void;
}

/** Per-capture dissection options that dissectors read from `CaptureContext.options`. */
export interface CaptureOptions {
  /** SYN flood warning (dissectors/tcp/syn-flood.ts): above `threshold` half-open connections to one server within `windowSec`. */
  synFlood?: { threshold?: number; windowSec?: number };
  /**
   * MAC name resolution (`-N m`): the name of the 6 address bytes at `data[off]` (`Intel_12:34:56`,
   * `Broadcast`), or undefined. The Ethernet dissector puts it in eth.*_resolved and in its
   * protocol line, as Wireshark's does with name resolution on.
   */
  etherName?: (data: Uint8Array, off: number) => string | undefined;
  /**
   * Network name resolution (`-N n`): the names of IP addresses known so far (a hosts file, the
   * capture's name resolution blocks). IPv4 and IPv6 put them in ip.*_host and in their protocol
   * line (`Src: name (192.0.2.1)`), as Wireshark's do with network names on.
   */
  hostNames?: HostNames;
  /**
   * `-N d`: the DNS dissector adds the names of the A and AAAA records it reads (on a packet's
   * first visit) to this table: `hostNames` itself for tshark, the app's table even while names are
   * not shown (so that turning them on needs no new pass).
   */
  dnsHostNames?: HostNames;
  /**
   * `-o tcp.relative_sequence_numbers:FALSE`: tcp.seq, tcp.ack, tcp.nxtseq and SACK edges as they
   * are on the wire (no tcp.seq_raw / tcp.ack_raw items then), as Wireshark shows them with that
   * preference off. The analysis itself is the same.
   */
  tcpAbsoluteSeq?: boolean;
  /** Decode As (tshark's `-d`): these keys of these tables go to these protocols (dissectors/decode-as.ts). */
  decodeAs?: readonly DecodeAsEntry[];
  /** Protocols and heuristics switched off (tshark's --disable-protocol, --disable-heuristic; dissectors/enabled-protocols.ts). */
  protocols?: EnabledProtocols;
}

/** desegmentLen: "I cannot tell how much more I need: give me at least one more segment". */
export const DESEGMENT_ONE_MORE_SEGMENT = 0x0fffffff;
/** desegmentLen: "the message ends when the connection closes" (HTTP body without length). */
export const DESEGMENT_UNTIL_FIN = 0x0ffffffe;

/** A buffer other than the frame that tree nodes can point into (a reassembled datagram). */
export interface DataSource {
  /** Tab name, as Wireshark shows it: `Reassembled IPv4 (1480 bytes)`. */
  name: string;
  data: Uint8Array;
}

const NO_SOURCES: DataSource[] = [];

/** The record a capture file reader hands to the dissectors. */
export interface FrameMeta {
  /** Frame number, from 1. */
  num: number;
  tsSec: number;
  tsNsec: number;
  /** False for records without a timestamp (pcapng Simple Packet Blocks). */
  hasTs: boolean;
  /** Link type (pcap LINKTYPE_ value). */
  linkType: number;
  interfaceId: number;
  /** Bytes on the wire (≥ captured bytes). */
  origLen: number;
  comments?: readonly string[];
  /** Interface name, when the file says it (pcapng if_name). */
  interfaceName?: string;
  /** pcapng: if_description, the section number (from 1) and the interface's id within its section. */
  interfaceDescription?: string;
  section?: number;
  sectionInterfaceId?: number;
  /** Time since the first packet and since the previous one (filled in by the driver). */
  relSec?: number;
  relNsec?: number;
  deltaSec?: number;
  deltaNsec?: number;
  /** Time since the previous displayed frame (frame.time_delta_displayed; filled in with the others). */
  deltaDisSec?: number;
  deltaDisNsec?: number;
}

/**
 * Per-packet information (Wireshark's packet_info): columns, addresses, ports, and what the
 * layers found. One object is reused for every packet of a pass; `reset` clears it.
 */
/** Dissections started, over every PacketInfo (PacketInfo.serial). */
let dissections = 0;

export class PacketInfo {
  meta!: FrameMeta;
  data: Uint8Array = new Uint8Array(0);
  /**
   * Where the frame starts in `data` (0 unless the frame is dissected in place in a bigger buffer,
   * CaptureDissector.dissect's `start`): turns absolute offsets into frame offsets.
   */
  frameStart = 0;
  /** Whole decode tree root (NULL_TREE in the summary pass). */
  tree: ProtoNode = NULL_TREE;
  /** True when this packet was already seen in an earlier pass (use stored cross-packet results). */
  visited = false;
  /**
   * The Info column too is Wireshark's second pass's (packet details, `packetloom -2`): an
   * unanswered echo request says "(no response found!)", a fragment where it was reassembled. Off
   * for the rows, which show the first pass's Info (tshark -r). Set by the caller, kept across packets.
   */
  secondPass = false;
  ctx: CaptureContext;

  /** Protocol column. */
  protocol = '';
  /** Info column. */
  info = '';
  /**
   * Whether the Info column is wanted in this pass (DissectOptions `info`, default true). When
   * false, setInfo/appendInfo/appendInfoSep do nothing and dissectors skip building Info text
   * (`if (pinfo.wantInfo) …`): the index pass of a big capture formats Info only for the rows it
   * shows, as Wireshark's packet list does. Reads that the text would have made (and their
   * bounds errors) must still happen.
   */
  wantInfo = true;
  /** Source / destination columns: the latest layer's addresses (net over link). */
  srcKind: AddrKind = AddrKind.None;
  srcData: Uint8Array = this.data;
  srcOff = 0;
  dstKind: AddrKind = AddrKind.None;
  dstData: Uint8Array = this.data;
  dstOff = 0;
  /** Link-layer addresses (Ethernet / SLL). */
  dlSrcOff = -1;
  dlDstOff = -1;
  /** Transport ports (−1 when none). */
  srcPort = -1;
  dstPort = -1;
  /** Inside the copy of an IP header quoted by an ICMP error: inner layers leave columns alone. */
  inErrorPkt = false;
  /**
   * Payloads on an HTTP port that HTTP refused but Wireshark 4.0's HTTP dissector still hands to
   * its http tap (http.ts tapRefused): the HTTP stats trees count each as "Other HTTP Packets".
   */
  httpRefused = 0;
  /**
   * The Ethernet, IPv4 and IPv6 headers of the packet (not those an ICMP error quotes), outermost
   * first, as Wireshark queues their conversation taps: a tunnel (GRE, IP in IP, 6in4, gretap)
   * has several. Slots are reused; `tapCount` are this packet's.
   */
  readonly taps: { kind: AddrKind; src: Uint8Array; srcOff: number; dst: Uint8Array; dstOff: number }[] = [];
  tapCount = 0;
  /**
   * The addresses setSrc/setDst were given while `inErrorPkt` (the quoted IP header's, which the
   * columns do not take): TCP and UDP file a quoted header under its conversation with them.
   */
  quotedSrcKind: AddrKind = AddrKind.None;
  quotedSrcData: Uint8Array = this.data;
  quotedSrcOff = 0;
  quotedDstKind: AddrKind = AddrKind.None;
  quotedDstData: Uint8Array = this.data;
  quotedDstOff = 0;
  /**
   * The payload being dissected is only part of an IP datagram (a first fragment that could not be
   * reassembled): transports must not trust their length fields or verify checksums
   * (Wireshark's pinfo->fragmented). Set and restored by the IP layers.
   */
  fragmented = false;
  /**
   * Desegmentation over TCP (Wireshark's can_desegment / desegment_offset / desegment_len): TCP
   * sets `canDesegment` when it can hold bytes back for the next segments; a dissector that finds
   * its message incomplete sets `desegmentOffset` (where the incomplete message starts in its tvb)
   * and `desegmentLen` (bytes still needed, or DESEGMENT_ONE_MORE_SEGMENT / DESEGMENT_UNTIL_FIN)
   * and returns. TCP calls it again with the reassembled bytes once they are all there.
   */
  canDesegment = false;
  /**
   * Set by a dissector that refuses the data (returns 0) and asks its caller to go on to the next
   * candidates, as Wireshark's dissector_try_uint_new fails over: the other port, the heuristics,
   * then data (TLS refusing plain text on 443). Read and cleared by `claimedBy`.
   */
  failOver = false;
  /** Which dissection of a frame this is (unique over every PacketInfo): state kept "for this frame only". */
  serial = 0;
  desegmentOffset = 0;
  desegmentLen = 0;
  /** TCP started a PDU in this packet that needs the next segments (its bytes wait for them). */
  pduStarted = false;
  /**
   * TCP hands the sub-dissector a PDU it put together again after that dissector asked for more
   * of it: the captured length the dissector saw of it at the previous call (0 otherwise). A
   * dissector that remembers it found nothing in those bytes may go on from there.
   */
  pduSeenLen = 0;
  /**
   * The pass's reusable views (the summary pass; null for a full tree): views made from them are
   * valid only during this packet. `frameView` takes one for a buffer of the dissector's own.
   */
  views: TvbPool | null = null;
  /** Protocols seen, in order (frame.protocols). */
  layers = new Uint16Array(64);
  layerCount = 0;
  /** Highest expert severity (−1 none) and count per severity. */
  expertMax = -1;
  expertCounts = new Uint32Array(5);
  /** The dissector stopped on a malformed or truncated packet. */
  malformed = false;
  /**
   * Dissector errors are caught (shown as [Malformed Packet]) where Wireshark catches them: at the
   * top of the chain and in the Ethertype dissector. Off in tests, so that bugs are not hidden.
   */
  catchErrors = true;
  /** What a catch below the top caught in this packet (CaptureDissector.caught reports it). */
  caught: unknown = undefined;
  /** Wireshark's set_actual_length, for a caller that catches its payload's exception: view starts and their actual ends. */
  private readonly actualStarts: number[] = [];
  private readonly actualEnds: number[] = [];
  private actualCount = 0;
  /**
   * Where the summary pass sends expert items (a full tree keeps them as nodes instead): the
   * expert view of a whole capture is then made without building trees (electron/engine/views.ts).
   * Null: items are only counted.
   */
  expertSink: ExpertSink | null = null;
  /** The protocol whose dissector runs (set by callDissector): whom an expert item belongs to. */
  current: ProtocolDef | null = null;
  /**
   * Expert messages are wanted even without a tree (an expert sink is set): dissectors that make
   * a message only for a full tree (to save the string) make it when this is true.
   */
  get wantExpertText(): boolean {
    return this.expertSink !== null || this.tree.real;
  }
  /**
   * Extra data sources of this packet (reassembled buffers, Wireshark's "Reassembled IPv4" tabs):
   * source number `i + 1` is `sources[i]`; the frame itself is source 0. Tree nodes refer to them
   * by `ProtoNode.source`. Replaced (not cleared in place) by `reset`, so a caller may keep the
   * array of a packet it has finished with.
   */
  sources: DataSource[] = NO_SOURCES;

  constructor(ctx = new CaptureContext()) {
    this.ctx = ctx;
  }

  /**
   * Wireshark's set_actual_length: the data of `tvb` is `len` bytes long (an IP datagram in a
   * padded frame). A caller that catches the exception of what follows still knows where the
   * trailer starts (actualLength).
   */
  setActualLength(tvb: Tvb, len: number): void {
    const n = this.actualCount;
    if (n === 8) return;
    this.actualStarts[n] = tvb.start;
    this.actualEnds[n] = tvb.start + len;
    this.actualCount = n + 1;
  }

  /** The length `tvb` was given by setActualLength, else its reported length. */
  actualLength(tvb: Tvb): number {
    for (let i = 0; i < this.actualCount; i++) if (this.actualStarts[i] === tvb.start) return this.actualEnds[i]! - tvb.start;
    return tvb.reportedLength;
  }

  reset(meta: FrameMeta, data: Uint8Array, tree: ProtoNode): void {
    this.serial = ++dissections;
    this.meta = meta;
    this.data = data;
    this.frameStart = 0;
    this.tree = tree;
    this.protocol = '';
    this.info = '';
    this.srcKind = AddrKind.None;
    this.dstKind = AddrKind.None;
    this.srcData = data;
    this.dstData = data;
    this.dlSrcOff = -1;
    this.dlDstOff = -1;
    this.srcPort = -1;
    this.dstPort = -1;
    this.inErrorPkt = false;
    this.httpRefused = 0;
    this.tapCount = 0;
    this.quotedSrcKind = AddrKind.None;
    this.quotedDstKind = AddrKind.None;
    this.fragmented = false;
    this.failOver = false;
    this.canDesegment = false;
    this.desegmentOffset = 0;
    this.desegmentLen = 0;
    this.pduStarted = false;
    this.pduSeenLen = 0;
    this.layerCount = 0;
    // Counts are non-zero only after an expert item, which also raised expertMax.
    if (this.expertMax >= 0) this.expertCounts.fill(0);
    this.expertMax = -1;
    this.malformed = false;
    this.caught = undefined;
    this.actualCount = 0;
    this.current = null;
    this.sources = NO_SOURCES;
  }

  /**
   * Registers a data source for this packet (e.g. a reassembled datagram) and returns its number,
   * to put in `Tvb.source` (see `Tvb.frame(bytes, bytes.length)`); `bytes` must not change after.
   */
  addDataSource(name: string, bytes: Uint8Array): number {
    if (this.sources === NO_SOURCES) this.sources = [];
    this.sources.push({ name, data: bytes });
    return this.sources.length;
  }

  /**
   * `Tvb.frame(data, reportedLen, layer)` (e.g. over reassembled bytes), without allocating a view
   * in the summary pass: valid only during this packet, and its `sub` views come from the pool too.
   */
  frameView(data: Uint8Array, reportedLen: number, layer: string): Tvb {
    const v = this.views;
    return v !== null ? v.frame(data, reportedLen, layer) : Tvb.frame(data, reportedLen, layer);
  }

  /** The bytes of data source `n` (0 = the frame). */
  sourceData(n: number): Uint8Array | undefined {
    return n === 0 ? this.data : this.sources[n - 1]?.data;
  }

  /** True when the full tree is being built (not the summary pass). */
  get full(): boolean {
    return this.tree.real;
  }

  setSrc(kind: AddrKind, tvb: Tvb, off: number): void {
    if (this.inErrorPkt) {
      this.quotedSrcKind = kind;
      this.quotedSrcData = tvb.data;
      this.quotedSrcOff = tvb.start + off;
      return;
    }
    this.srcKind = kind;
    this.srcData = tvb.data;
    this.srcOff = tvb.start + off;
  }

  setDst(kind: AddrKind, tvb: Tvb, off: number): void {
    if (this.inErrorPkt) {
      this.quotedDstKind = kind;
      this.quotedDstData = tvb.data;
      this.quotedDstOff = tvb.start + off;
      return;
    }
    this.dstKind = kind;
    this.dstData = tvb.data;
    this.dstOff = tvb.start + off;
  }

  /** Notes a header's addresses (the ones setSrc/setDst were just given) for the conversation tables. */
  noteTap(kind: AddrKind): void {
    if (this.inErrorPkt) return;
    const n = this.tapCount++;
    const s = this.taps[n] ?? (this.taps[n] = { kind, src: this.srcData, srcOff: 0, dst: this.dstData, dstOff: 0 });
    s.kind = kind;
    s.src = this.srcData;
    s.srcOff = this.srcOff;
    s.dst = this.dstData;
    s.dstOff = this.dstOff;
  }

  srcText(): string {
    return addrText(this.srcKind, this.srcData, this.srcOff);
  }

  dstText(): string {
    return addrText(this.dstKind, this.dstData, this.dstOff);
  }

  setProtocol(short: string): void {
    if (!this.inErrorPkt) this.protocol = short;
  }

  setInfo(s: string): void {
    if (!this.inErrorPkt && this.wantInfo) this.info = s;
  }

  appendInfo(s: string): void {
    if (!this.inErrorPkt && this.wantInfo) this.info += s;
  }

  /** Appends with a separator unless the column is empty (col_append_sep_str). */
  appendInfoSep(sep: string, s: string): void {
    if (this.inErrorPkt || !this.wantInfo) return;
    this.info = this.info ? this.info + sep + s : s;
  }

  /** Records that a protocol was entered (for frame.protocols). */
  enter(p: ProtocolDef): void {
    if (this.layerCount < this.layers.length) this.layers[this.layerCount++] = p.id;
  }

  /**
   * Raises an expert item: counted for the packet, and added under `node` in a full tree.
   * Returns the new node (the null tree in the summary pass).
   */
  expert(node: ProtoNode, def: ExpertDef, tvb?: Tvb, off = 0, len = 0, message?: string): ProtoNode {
    const rank = def.rank;
    this.expertCounts[rank]!++;
    if (rank > this.expertMax) this.expertMax = rank;
    // Cut as Wireshark's message buffer cuts it (a long HTTP request line, say).
    const text = message === undefined ? def.summary : fitLabelBuffer(message);
    if (this.expertSink !== null) this.expertSink.item(def, text, this);
    if (!node.real) return node;
    const n = new ProtoNode(def.field, tvb ? tvb.start + off : node.offset, tvb ? len : 0, null, tvb ? tvb.source : node.source);
    n.expert = { def, message: text, inErrorPkt: this.inErrorPkt };
    n.label = n.expert.message;
    const added = node.addNode(n);
    if (def.group === 'malformed') {
      // As Wireshark's expert code: a hidden "Malformed Packet" item beside it, for `_ws.malformed`.
      const m = new ProtoNode(PROTO_MALFORMED, n.offset, 0, null, n.source);
      m.flags |= NodeFlags.Hidden;
      node.addNode(m);
    }
    return added;
  }
}

export function addrText(kind: AddrKind, d: Uint8Array, off: number): string {
  switch (kind) {
    case AddrKind.Ether: return formatEther(d, off);
    case AddrKind.IPv4: return formatIPv4Bytes(d, off);
    case AddrKind.IPv6: return formatIPv6(d, off);
    default: return '';
  }
}
