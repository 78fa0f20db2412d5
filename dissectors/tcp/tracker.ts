/**
 * TCP stream tracking, installed into the TCP dissector (protocols/tcp.ts, `setTcpStreamTracker`)
 * by protocols/index.ts. For every TCP header it:
 *
 * - runs Wireshark's sequence analysis (analysis.ts) and shows what tshark 4.0 shows: tcp.stream
 *   and tcp.completeness right after the ports, relative tcp.seq/ack/nxtseq (tcp.seq_raw/ack_raw
 *   stay raw) and relative SACK edges, the calculated window and its scaling factor,
 *   `[Timestamps]` (tcp.time_relative/time_delta), the `[SEQ/ACK analysis]` subtree with every
 *   tcp.analysis.* item and expert item (Wireshark's names, severities and messages), who closes
 *   first (tcp.connection.fin_active/fin_passive), and the Info prefix ("[TCP Retransmission] " …).
 *   The analysis flags go to the payload path too (TcpShown.analysisFlags: retransmitted data is
 *   not handed on again). Headers quoted in ICMP errors join their conversation (no Info prefix:
 *   the columns are not writable there). Checked line by line against tshark -V on the corpus, our
 *   own captures and the crafted scenarios (test/dissectors/tcp/tracker-tshark.test.ts);
 * - keeps the RFC 9293 state of BOTH endpoints of each stream (endpoint-states.ts) and shows them
 *   in an `[Endpoint states]` subtree (tcp.state.*, Packetloom fields, see state-fields.ts);
 *   quoted headers do not change states;
 * - feeds a connection summary per stream (conn-summary.ts), read with `tcpConnections(ctx)`;
 * - counts half-open connections per server (syn-flood.ts) and raises tcp.synflood (security,
 *   warning) on the packet whose SYN goes above the threshold (CaptureContext.options.synFlood,
 *   i.e. DissectOptions.synFlood).
 *
 * Roles: the client is the sender of the stream's first SYN without ACK; a SYN-ACK seen first
 * makes its sender the server; otherwise the roles are guessed (tcp.state.role_heuristic): the
 * side with a well-known port (< 1024) is the server, else the side with the lower port, else the
 * first packet's destination.
 *
 * State lives in the capture's CaptureContext (`tcpTracking(ctx)`, a TcpTracking: the analyzer,
 * its per-segment table, the streams; `tcpConnections(ctx)` for the summaries): a new
 * CaptureDissector starts afresh. The summary pass allocates nothing per packet here except the Info prefix
 * strings tshark prints; tree items and their labels are made only for a real tree.
 *
 * Revisits (dissecting one frame again, out of order, after the first pass): set
 * `pinfo.visited = true` (CaptureDissector.pinfo) and dissect the frame with the SAME
 * CaptureDissector. The tracker then reads everything from what the first pass recorded instead of
 * analyzing again: per TCP segment one TcpAnalysisTable row (16 to 32 bytes with the frame number,
 * see analysis-table.ts: what the header gives again is not kept; plus a record for the rare
 * values such as RTOs and duplicate ACKs) plus 4 bytes here (client/server state before and after,
 * flags, tcp.completeness), and a map entry only for the rare SYN-flood alert: at most 36 bytes
 * per TCP segment.
 * Frames the first pass never reached are shown with raw numbers.
 * udp.stream needs nothing per frame (udp/conversations.ts).
 */
import { formatIPv4Bytes, formatIPv6 } from '../core/addr.js';
import { defineExpert } from '../core/expert.js';
import { grown } from '../core/grow.js';
import { defineField } from '../core/fields.js';
import { AddrKind, type CaptureContext, type FrameMeta, type PacketInfo } from '../core/pinfo.js';
import { NULL_TREE, type ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import {
  proto as tcpProto, setTcpStreamTracker, TFO_ACCEPTED, TFO_IGNORED, TH_ACK, TH_FIN, TH_RST, TH_SYN,
  type TcpHeader, type TcpShown, type TcpStreamTracker,
} from '../protocols/tcp.js';
import {
  A_ACK_LOST_PACKET, A_DUPLICATE_ACK, A_FAST_RETRANSMISSION, A_KEEP_ALIVE, A_KEEP_ALIVE_ACK, A_LOST_PACKET,
  A_OUT_OF_ORDER, A_RETRANSMISSION, A_REUSED_PORTS, A_SPURIOUS_RETRANSMISSION, A_WINDOW_FULL, A_WINDOW_UPDATE,
  A_ZERO_WINDOW, A_ZERO_WINDOW_PROBE, A_ZERO_WINDOW_PROBE_ACK, REACH_ALL, REACH_SEQ, REACH_TIMES, TcpAnalyzer, TcpSegmentInput, TcpSegmentResult,
} from './analysis.js';
import { AddrTable } from './addr-table.js';
import { ROW_BYTES as TABLE_ROW_BYTES, TcpAnalysisTable } from './analysis-table.js';
import { CONN_STATES, ConnSummary, SummaryStore, type SegmentFacts } from './conn-summary.js';
import { ConnectionStates, EndpointStore, S, TCP_STATES, type TcpState } from './endpoint-states.js';
import {
  hfState, hfStateClient, hfStateClientBefore, hfStateInferred, hfStateRoleHeuristic, hfStateServer,
  hfStateServerBefore, hfStateTransition, transitionWords,
} from './state-fields.js';
import { HalfOpenMonitor } from './syn-flood.js';

/* ---- Fields and expert items (Wireshark 4.0's names, labels, severities and messages) ---- */

const hfStream = defineField('tcp.stream', 'Stream index', 'uint32');
const hfCompleteness = defineField('tcp.completeness', 'Conversation completeness', 'uint8', {
  base: 'custom',
  blurb: 'The completeness of the conversation capture (SYN 1, SYN-ACK 2, ACK 4, data 8, FIN 16, RST 32), before this segment',
});
const hfTimeRelative = defineField('tcp.time_relative', 'Time since first frame in this TCP stream', 'rel_time', { unit: ' seconds', blurb: 'Time relative to first frame in this TCP stream' });
const hfTimeDelta = defineField('tcp.time_delta', 'Time since previous frame in this TCP stream', 'rel_time', { unit: ' seconds', blurb: 'Time delta from previous frame in this TCP stream' });
const hfAnalysis = defineField('tcp.analysis', 'SEQ/ACK analysis', 'none', { blurb: 'This frame has some of the TCP analysis shown' });
const hfAnalysisFlags = defineField('tcp.analysis.flags', 'TCP Analysis Flags', 'none', { blurb: 'This frame has some of the TCP analysis flags set' });
const hfAcksFrame = defineField('tcp.analysis.acks_frame', 'This is an ACK to the segment in frame', 'framenum', { blurb: 'Which previous segment is this an ACK for' });
const hfAckRtt = defineField('tcp.analysis.ack_rtt', 'The RTT to ACK the segment was', 'rel_time', { unit: ' seconds', blurb: 'How long time it took to ACK the segment (RTT)' });
const hfInitialRtt = defineField('tcp.analysis.initial_rtt', 'iRTT', 'rel_time', { unit: ' seconds', blurb: 'How long it took for the SYN to ACK handshake (iRTT)' });
const hfBytesInFlight = defineField('tcp.analysis.bytes_in_flight', 'Bytes in flight', 'uint32', { blurb: 'How many bytes are now in flight for this connection' });
const hfPushBytesSent = defineField('tcp.analysis.push_bytes_sent', 'Bytes sent since last PSH flag', 'uint32', { blurb: 'How many bytes have been sent since the last PSH flag' });
const hfRto = defineField('tcp.analysis.rto', 'The RTO for this segment was', 'rel_time', { unit: ' seconds', blurb: 'How long transmission was delayed before this segment was retransmitted (RTO)' });
const hfRtoFrame = defineField('tcp.analysis.rto_frame', 'RTO based on delta from frame', 'framenum', { blurb: 'This is the frame we measure the RTO from' });
// The field and the expert item share this name (two occurrences in -T fields, as in tshark).
const hfDuplicateAck = defineField('tcp.analysis.duplicate_ack', 'Duplicate ACK', 'none', { blurb: 'This is a duplicate ACK' });
const hfDuplicateAckNum = defineField('tcp.analysis.duplicate_ack_num', 'Duplicate ACK #', 'uint32', { blurb: 'This is duplicate ACK number #' });
const hfDuplicateAckFrame = defineField('tcp.analysis.duplicate_ack_frame', 'Duplicate to the ACK in frame', 'framenum', { blurb: 'This is a duplicate to the ACK in frame #' });

const eiRetransmission = defineExpert('tcp.analysis.retransmission', 'sequence', 'note', 'This frame is a (suspected) retransmission');
const eiFastRetransmission = defineExpert('tcp.analysis.fast_retransmission', 'sequence', 'note', 'This frame is a (suspected) fast retransmission');
const eiSpuriousRetransmission = defineExpert('tcp.analysis.spurious_retransmission', 'sequence', 'note', 'This frame is a (suspected) spurious retransmission');
const eiOutOfOrder = defineExpert('tcp.analysis.out_of_order', 'sequence', 'warn', 'This frame is a (suspected) out-of-order segment');
const eiReusedPorts = defineExpert('tcp.analysis.reused_ports', 'sequence', 'note', 'A new tcp session is started with the same ports as an earlier session in this trace');
const eiLostSegment = defineExpert('tcp.analysis.lost_segment', 'sequence', 'warn', 'Previous segment(s) not captured (common at capture start)');
const eiAckLostSegment = defineExpert('tcp.analysis.ack_lost_segment', 'sequence', 'warn', "ACKed segment that wasn't captured (common at capture start)");
const eiWindowUpdate = defineExpert('tcp.analysis.window_update', 'sequence', 'chat', 'TCP window update');
const eiWindowFull = defineExpert('tcp.analysis.window_full', 'sequence', 'warn', 'TCP window specified by the receiver is now completely full');
const eiKeepAlive = defineExpert('tcp.analysis.keep_alive', 'sequence', 'note', 'TCP keep-alive segment');
const eiKeepAliveAck = defineExpert('tcp.analysis.keep_alive_ack', 'sequence', 'note', 'ACK to a TCP keep-alive segment');
const eiDuplicateAck = defineExpert('tcp.analysis.duplicate_ack', 'sequence', 'note', 'Duplicate ACK');
const eiZeroWindowProbe = defineExpert('tcp.analysis.zero_window_probe', 'sequence', 'note', 'TCP Zero Window Probe');
const eiZeroWindow = defineExpert('tcp.analysis.zero_window', 'sequence', 'warn', 'TCP Zero Window segment');
const eiZeroWindowProbeAck = defineExpert('tcp.analysis.zero_window_probe_ack', 'sequence', 'note', 'ACK to a TCP Zero Window Probe');
const eiFinActive = defineExpert('tcp.connection.fin_active', 'sequence', 'note', 'This frame initiates the connection closing');
const eiFinPassive = defineExpert('tcp.connection.fin_passive', 'sequence', 'note', 'This frame undergoes the connection closing');
/** Packetloom's own (Wireshark has no such item). */
const eiSynFlood = defineExpert('tcp.synflood', 'security', 'warn', 'Possible SYN flood');

/** The TCP dissector's flags item and its string, where the FIN roles go. */

/* ---- Per-stream state ---- */

/* StreamInfo booleans. */
const SI_ROLE_HEURISTIC = 0x1;
const SI_SYN_FED = 0x2;
const SI_HALF_OPEN = 0x4;
const SI_CLIENT_CLOSING = 0x8;
const SI_SERVER_CLOSING = 0x10;
const SI_EXISTS = 0x20;
const SI_V6 = 0x40;
const SI_TFO_SYN_DATA = 0x80;

/* int32 words per stream in TcpTracking.streamWords. */
const SW_PORTS = 0; // client port << 16 | server port
const SW_BITS = 1; // SI_* bits
const SW = 2;

/**
 * One TCP stream as the tracker sees it (made at its first segment outside an ICMP error): a
 * cursor over the tracker's per-stream words, its endpoint states and its summary (all in typed
 * arrays: nothing kept per stream as objects). `at(stream)` points all three at a stream.
 */
class StreamInfo {
  stream = 0;
  readonly states: ConnectionStates;
  readonly summary: ConnSummary;

  constructor(private readonly t: { streamWords: Int32Array }, endpoints: EndpointStore, summaries: SummaryStore) {
    this.states = new ConnectionStates(endpoints);
    this.summary = new ConnSummary(summaries);
  }

  at(stream: number): this {
    this.stream = stream;
    this.states.load(stream);
    this.summary.i = stream;
    return this;
  }

  private get bits(): number {
    return this.t.streamWords[this.stream * SW + SW_BITS]!;
  }
  private set bits(v: number) {
    this.t.streamWords[this.stream * SW + SW_BITS] = v;
  }
  private flag(b: number): boolean {
    return (this.bits & b) !== 0;
  }
  private setFlag(b: number, v: boolean): void {
    this.bits = v ? this.bits | b : this.bits & ~b;
  }

  get af(): 4 | 6 {
    return this.flag(SI_V6) ? 6 : 4;
  }
  /* The client's address is at byte 0 and the server's at 16 of the stream's TcpTracking.addrs slot. */
  get clientPort(): number {
    return this.t.streamWords[this.stream * SW + SW_PORTS]! >>> 16;
  }
  get serverPort(): number {
    return this.t.streamWords[this.stream * SW + SW_PORTS]! & 0xffff;
  }
  setPorts(client: number, server: number): void {
    this.t.streamWords[this.stream * SW + SW_PORTS] = ((client & 0xffff) << 16) | (server & 0xffff);
  }
  /** Roles guessed from the ports, not from a SYN. */
  get roleHeuristic(): boolean {
    return this.flag(SI_ROLE_HEURISTIC);
  }
  set roleHeuristic(v: boolean) {
    this.setFlag(SI_ROLE_HEURISTIC, v);
  }
  /** The first SYN went to the half-open monitor. */
  get synFed(): boolean {
    return this.flag(SI_SYN_FED);
  }
  set synFed(v: boolean) {
    this.setFlag(SI_SYN_FED, v);
  }
  /** A SYN of the stream carried a Fast Open cookie and data (Wireshark's tcpd->tfo_syn_data). */
  get tfoSynData(): boolean {
    return this.flag(SI_TFO_SYN_DATA);
  }
  set tfoSynData(v: boolean) {
    this.setFlag(SI_TFO_SYN_DATA, v);
  }
  /** Still half-open (counted by the monitor). */
  get halfOpen(): boolean {
    return this.flag(SI_HALF_OPEN);
  }
  set halfOpen(v: boolean) {
    this.setFlag(SI_HALF_OPEN, v);
  }
  /** Sent a FIN before the other side did (Wireshark's closing_initiator, per direction). */
  get clientClosing(): boolean {
    return this.flag(SI_CLIENT_CLOSING);
  }
  set clientClosing(v: boolean) {
    this.setFlag(SI_CLIENT_CLOSING, v);
  }
  get serverClosing(): boolean {
    return this.flag(SI_SERVER_CLOSING);
  }
  set serverClosing(v: boolean) {
    this.setFlag(SI_SERVER_CLOSING, v);
  }
}

/** True when (address, port) is the client's. */
function isClient(addrs: AddrTable, s: StreamInfo, a: Uint8Array, off: number, port: number): boolean {
  return port === s.clientPort && addrs.equals(s.stream, 0, a, off, s.af === 6 ? 16 : 4);
}

function addrText(addrs: AddrTable, s: StreamInfo, which: 'client' | 'server'): string {
  const at = s.stream * addrs.stride + (which === 'client' ? 0 : 16);
  return s.af === 6 ? formatIPv6(addrs.bytes, at) : formatIPv4Bytes(addrs.bytes, at);
}

/** `10.0.0.2:80` / `[fd00::2]:80`: the server as the half-open monitor keys it. */
function serverKey(addrs: AddrTable, s: StreamInfo): string {
  const a = addrText(addrs, s, 'server');
  return s.af === 6 ? `[${a}]:${s.serverPort}` : `${a}:${s.serverPort}`;
}

/* Per-row flags (byte 2 of a row). */
const R_STATES = 0x01; // the segment went through the endpoint states (not quoted)
const R_INFERRED = 0x02;
const R_HEURISTIC = 0x04;
const R_FROM_CLIENT = 0x08;
const R_FLOOD = 0x10;
const R_FIN_ACTIVE = 0x20; // a FIN that starts the close (tcp.connection.fin_active)
const R_FIN_PASSIVE = 0x40; // a FIN answering the other side's (tcp.connection.fin_passive)
const R_TFO = 0x80; // a SYN-ACK that accepts (relative ACK above 1) or ignores (a SYN carried data) TFO data
const ROW_BYTES = 4; // before, after, R_* flags, tcp.completeness shown (C_* bits) | RC_FIRST
/** Byte 3 of a row: the segment that created its stream (above the six completeness bits). */
const RC_FIRST = 0x80;
const C_MASK = 0x3f;

/* Wireshark's conversation completeness bits. */
const C_SYN = 1;
const C_SYNACK = 2;
const C_ACK = 4;
const C_DATA = 8;
const C_FIN = 16;
const C_RST = 32;

/** tcp.completeness as Wireshark labels it. */
function completenessText(v: number): string {
  switch (v) {
    case C_SYN: return `Incomplete, SYN_SENT (${v})`;
    case C_SYN | C_SYNACK: return `Incomplete, CLIENT_ESTABLISHED (${v})`;
    case C_SYN | C_SYNACK | C_ACK: return `Incomplete, ESTABLISHED (${v})`;
    case C_SYN | C_SYNACK | C_ACK | C_DATA: return `Incomplete, DATA (${v})`;
    case C_SYN | C_SYNACK | C_ACK | C_DATA | C_FIN:
    case C_SYN | C_SYNACK | C_ACK | C_DATA | C_RST:
    case C_SYN | C_SYNACK | C_ACK | C_DATA | C_FIN | C_RST:
      return `Complete, WITH_DATA (${v})`;
    case C_SYN | C_SYNACK | C_ACK | C_FIN:
    case C_SYN | C_SYNACK | C_ACK | C_RST:
    case C_SYN | C_SYNACK | C_ACK | C_FIN | C_RST:
      return `Complete, NO_DATA (${v})`;
    default: return `Incomplete (${v})`;
  }
}

/** Analysis flags → the expert items they raise, counted per stream in the connection summary. */
const SEGMENT_NAMES: readonly [number, string][] = [
  [A_RETRANSMISSION | A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION, 'tcp.analysis.retransmission'],
  [A_FAST_RETRANSMISSION, 'tcp.analysis.fast_retransmission'],
  [A_SPURIOUS_RETRANSMISSION, 'tcp.analysis.spurious_retransmission'],
  [A_OUT_OF_ORDER, 'tcp.analysis.out_of_order'],
  [A_REUSED_PORTS, 'tcp.analysis.reused_ports'],
  [A_LOST_PACKET, 'tcp.analysis.lost_segment'],
  [A_ACK_LOST_PACKET, 'tcp.analysis.ack_lost_segment'],
  [A_WINDOW_UPDATE, 'tcp.analysis.window_update'],
  [A_WINDOW_FULL, 'tcp.analysis.window_full'],
  [A_KEEP_ALIVE, 'tcp.analysis.keep_alive'],
  [A_KEEP_ALIVE_ACK, 'tcp.analysis.keep_alive_ack'],
  [A_DUPLICATE_ACK, 'tcp.analysis.duplicate_ack'],
  [A_ZERO_WINDOW_PROBE, 'tcp.analysis.zero_window_probe'],
  [A_ZERO_WINDOW, 'tcp.analysis.zero_window'],
  [A_ZERO_WINDOW_PROBE_ACK, 'tcp.analysis.zero_window_probe_ack'],
];

/** One endpoint in a connection summary. */
export interface TcpEndpointSummary {
  address: string;
  port: number;
  /** Initial sequence number (raw), null when no SYN from this side was seen. */
  isn: number | null;
  /** Options of its SYN (null / false when absent). */
  mss: number | null;
  windowScale: number | null;
  sackPermitted: boolean;
  timestamps: boolean;
  /** Packets and bytes (frame lengths on the wire) sent, and TCP payload bytes. */
  packets: number;
  bytes: number;
  payloadBytes: number;
  /** RFC 9293 state after the last segment seen. */
  state: TcpState;
}

/** One TCP connection (tcp.stream) of a capture, as plain JSON-able data. */
export interface TcpConnectionInfo {
  stream: number;
  client: TcpEndpointSummary;
  server: TcpEndpointSummary;
  /** The roles were guessed from the ports (no SYN or SYN-ACK opened the capture of this stream). */
  rolesHeuristic: boolean;
  /** Some endpoint state was inferred (the handshake, or a SYN/FIN, was not captured). */
  statesInferred: boolean;
  firstFrame: number;
  lastFrame: number;
  /** Time of the first packet (seconds since the epoch) and the span to the last one (seconds). */
  startTime: number;
  duration: number;
  handshake: {
    synFrame: number | null;
    synAckFrame: number | null;
    ackFrame: number | null;
    /** SYN → SYN-ACK at the capture point (the server side of the RTT), seconds. */
    synToSynAck: number | null;
    /** SYN-ACK → ACK (the client side), seconds. */
    synAckToAck: number | null;
    /** Their sum: the whole handshake RTT. */
    rtt: number | null;
  };
  /** Who closed first, how, and in which frame. */
  close: { by: 'client' | 'server' | null; how: 'FIN' | 'RST' | null; frame: number | null };
  /** Zeek-style outcome code (SF, REJ, RSTO …), its meaning, and the history letters. */
  connState: string;
  connStateText: string;
  history: string;
  /** Analysis expert items raised in this stream, by name (a fast or spurious retransmission also counts as a retransmission, as the expert items do). */
  analysis: Record<string, number>;
}

/**
 * The tracker's state for one capture: the analyzer with its per-segment table, the streams, the
 * per-segment state bytes and the half-open monitor. Get it with `tcpTracking(ctx)`.
 */
export class TcpTracking {
  readonly analyzer = new TcpAnalyzer();
  readonly table = new TcpAnalysisTable();
  readonly halfOpen: HalfOpenMonitor;
  /** SW words per stream (SI_EXISTS once the stream had a segment outside ICMP errors). */
  streamWords: Int32Array = new Int32Array(SW * 16);
  private readonly endpoints = new EndpointStore();
  private readonly summaries = new SummaryStore();
  /** The cursor over the streams (one stream at a time). */
  private readonly si = new StreamInfo(this, this.endpoints, this.summaries);
  /** Client and server address of each stream. */
  private readonly addrs = new AddrTable(32, 16);
  /** ROW_BYTES per table row: client<<4|server before, the same after, R_* flags. */
  private rows = new Uint8Array(ROW_BYTES * 64);
  /** Conversation completeness (C_* bits) so far, per stream. */
  private completeness = new Uint8Array(16);
  /**
   * Per stream, the bits its first segment adds when Wireshark dissects it again (a conversation
   * that already exists: what every later segment adds), for the value a revisit shows.
   */
  private firstBits = new Uint8Array(16);
  /** The current header is a revisit (load()), not the first pass (analyze()). */
  private curVisited = false;
  /** SYN-flood messages by row (only where the threshold was crossed). */
  private floods = new Map<number, string>();
  private readonly replay = new TcpSegmentResult();
  /** The raw numbers of a revisited header (the table computes the relative ones again from them). */
  private readonly replayInput = new TcpSegmentInput();
  /**
   * Summary times are seconds since this whole second (the capture's first timestamp): doubles
   * since the epoch would lose the sub-microsecond part of handshake RTTs.
   */
  private baseSec = NaN;
  private readonly facts: SegmentFacts = {
    frame: 0, time: 0, fromClient: true, flags: 0, seq: 0, ack: 0, payloadLen: 0, frameLen: 0, mss: -1, wscale: -1,
    sackPerm: false, timestamps: false, retransmission: false, zeroWindow: false, badChecksum: false,
  };

  /* The segment being dissected (between segment() and the tree callbacks). */
  cur: TcpSegmentResult | null = null;
  curRow = -1;
  curFlood = '';

  constructor(ctx: CaptureContext) {
    this.halfOpen = new HalfOpenMonitor(ctx.options.synFlood ?? {});
    this.analyzer.table = this.table;
  }

  /** TCP segments recorded by the first pass. */
  get segments(): number {
    return this.table.size;
  }

  /** Bytes kept per TCP segment for revisits, at most (the analysis table's row plus the state bytes). */
  static readonly BYTES_PER_SEGMENT = TABLE_ROW_BYTES + ROW_BYTES;

  /**
   * tcp.completeness shown for the current header. The first pass shows the value before it. A
   * revisit shows what Wireshark's second pass does (packet details, tshark -2): the stream's
   * value so far, which dissecting again keeps OR-ing into — so after the stream's first segment
   * also with the bits that segment adds the second time, when its conversation already exists.
   */
  get curCompleteness(): number {
    return this.curVisited ? this.revisitCompleteness(this.curRow, this.replay.stream) : this.rows[this.curRow * ROW_BYTES + 3]! & C_MASK;
  }

  private revisitCompleteness(row: number, st: number): number {
    const v = this.rows[row * ROW_BYTES + 3]!;
    const now = st < this.completeness.length ? this.completeness[st]! : v & C_MASK;
    return v & RC_FIRST ? now : now | this.firstBits[st]!;
  }

  /**
   * What a revisit of the TCP header `ordinal` of `frame` would show for the conversation (this
   * tracker's first pass being over): tcp.completeness (−1: not analyzed), and into `r` the iRTT
   * when the conversation has one. For a pass that runs beside this one (CaptureContext.hindsight).
   */
  secondPass(frame: number, ordinal: number, r: TcpSegmentResult): number {
    const row = this.rowFor(frame, ordinal);
    if (row < 0) return -1;
    const st = this.table.streamOf(row);
    if (this.table.initialRttOf(st, r)) r.hasInitialRtt = true;
    return this.revisitCompleteness(row, st);
  }

  /** Frames can be dissected again (pinfo.visited) when the first pass analyzed them. */
  revisitable(frame: number): boolean {
    return this.table.rowOf(frame) >= 0;
  }

  /** tcp.stream of the first TCP header of `frame` (−1 when none was analyzed). */
  streamOfFrame(frame: number): number {
    const row = this.table.rowOf(frame);
    return row < 0 ? -1 : this.table.streamOf(row);
  }

  /** Every stream's summary, in stream order (streams seen only inside ICMP errors are left out). */
  connections(): TcpConnectionInfo[] {
    const out: TcpConnectionInfo[] = [];
    const n = this.summaries.count;
    for (let st = 0; st < n; st++) {
      const s = this.streamAt(st);
      if (s) out.push(connectionInfo(s, this.addrs, this.baseSec || 0));
    }
    return out;
  }

  /**
   * The end of a pass: every array is cut to what is used (no room kept for more segments or
   * streams; they grow again if more come, e.g. a live capture that goes on).
   */
  trim(): void {
    this.analyzer.trim();
    this.table.trim();
    const streams = this.summaries.count;
    this.summaries.trim();
    this.endpoints.trim(streams);
    this.addrs.trim(Math.max(1, streams));
    if (this.streamWords.length > Math.max(1, streams) * SW) this.streamWords = this.streamWords.slice(0, Math.max(1, streams) * SW);
    const rows = Math.max(1, this.table.size) * ROW_BYTES;
    if (this.rows.length > rows) this.rows = this.rows.slice(0, rows);
    const conv = Math.max(1, this.analyzer.streamCount);
    if (this.completeness.length > conv) this.completeness = this.completeness.slice(0, conv);
    if (this.firstBits.length > conv) this.firstBits = this.firstBits.slice(0, conv);
  }

  /**
   * The end of the last pass (no packet comes any more: a file read to its end, a live capture
   * stopped): what only a first pass needs goes — the analyzer's per-conversation state and keys,
   * the half-open windows. Revisits, summaries and connections() read only what stays.
   */
  releaseFirstPass(): void {
    this.analyzer.release();
    this.halfOpen.release();
  }

  /** One stream's summary (undefined when the stream has no segment outside ICMP errors). */
  connection(stream: number): TcpConnectionInfo | undefined {
    const s = this.streamAt(stream);
    return s ? connectionInfo(s, this.addrs, this.baseSec || 0) : undefined;
  }

  /** First pass: analyze one header, update the stream, record the row. */
  analyze(h: TcpHeader, pinfo: PacketInfo): TcpSegmentResult {
    const a = this.analyzer;
    const inp = a.input;
    const meta = pinfo.meta;
    inp.frame = meta.num;
    if (meta.hasTs) {
      inp.tsSec = meta.tsSec;
      inp.tsNsec = meta.tsNsec;
    } else {
      inp.tsSec = 0;
      inp.tsNsec = 0;
    }
    const quoted = h.inErrorPkt;
    const kind = quoted ? pinfo.quotedSrcKind : pinfo.srcKind;
    if (kind === AddrKind.IPv6) {
      if (quoted) inp.setAddrs(6, pinfo.quotedSrcData, pinfo.quotedSrcOff, pinfo.quotedDstData, pinfo.quotedDstOff);
      else inp.setAddrs(6, pinfo.srcData, pinfo.srcOff, pinfo.dstData, pinfo.dstOff);
    } else if (kind === AddrKind.IPv4) {
      if (quoted) inp.setAddrs(4, pinfo.quotedSrcData, pinfo.quotedSrcOff, pinfo.quotedDstData, pinfo.quotedDstOff);
      else inp.setAddrs(4, pinfo.srcData, pinfo.srcOff, pinfo.dstData, pinfo.dstOff);
    } else {
      inp.setIPv4(0, 0);
    }
    inp.srcPort = h.srcPort;
    inp.dstPort = h.dstPort;
    inp.seq = h.seq;
    inp.ack = h.ack;
    inp.flags = h.flags;
    inp.win = h.win;
    inp.payloadLen = h.segLen;
    inp.hdrLen = h.hdrLen;
    inp.hdrCaptured = h.hdrCaptured;
    inp.wscale = h.wscale;
    const n = h.sackCount;
    inp.sackCount = n;
    for (let i = 0; i < n; i++) {
      inp.sackLe[i] = h.sackLe[i]!;
      inp.sackRe[i] = h.sackRe[i]!;
    }
    const row = this.table.size;
    const streamsBefore = a.streamCount;
    const r = a.analyze();
    this.curRow = row;
    this.curVisited = false;
    this.curFlood = '';
    this.ensureRow(row);
    const b = row * ROW_BYTES;
    this.rows[b + 2] = 0;
    this.rows[b + 3] = this.updateCompleteness(r, h, a.streamCount > streamsBefore);
    if (!quoted) this.track(h, pinfo, r, row);
    else if (h.flags & TH_FIN) {
      // A quoted FIN still counts for who closed first (Wireshark tracks it in the conversation).
      const s = this.streamAt(r.stream);
      if (s) this.rows[b + 2] = finRole(s, isClient(this.addrs, s, inp.src, inp.srcOff, h.srcPort));
    }
    return r;
  }

  /** Endpoint states, summary and SYN-flood monitor for one segment outside ICMP errors. */
  private track(h: TcpHeader, pinfo: PacketInfo, r: TcpSegmentResult, row: number): void {
    const inp = this.analyzer.input;
    let s = this.streamAt(r.stream);
    if (s === null) s = this.newStream(r.stream, h, inp.af, inp.src, inp.srcOff, inp.dst, inp.dstOff);
    const fromClient = isClient(this.addrs, s, inp.src, inp.srcOff, h.srcPort);
    const flags = h.flags;
    const len = h.segLen > 0 ? h.segLen : 0;
    // Signed 32-bit: a number above 2^31 passed to a call is a heap allocation (states compare modulo 2^32).
    const ch = s.states.segment(fromClient, flags, h.seq | 0, h.ack | 0, len);
    s.states.save();
    const rows = this.rows;
    const b = row * ROW_BYTES;
    rows[b] = (ch.clientBefore << 4) | ch.serverBefore;
    rows[b + 1] = (ch.client << 4) | ch.server;
    let rf = R_STATES;
    if (ch.clientInferred || ch.serverInferred) rf |= R_INFERRED;
    if (s.roleHeuristic) rf |= R_HEURISTIC;
    if (fromClient) rf |= R_FROM_CLIENT;
    if (flags & TH_FIN) rf |= finRole(s, fromClient);

    // Connection summary.
    const f = this.facts;
    const meta = pinfo.meta;
    f.frame = meta.num;
    f.time = this.relTime(meta.hasTs, meta.tsSec, meta.tsNsec);
    f.fromClient = fromClient;
    f.flags = flags;
    f.seq = h.seq >>> 0;
    f.ack = h.ack >>> 0;
    f.payloadLen = len;
    f.frameLen = meta.origLen;
    f.mss = h.mss;
    f.wscale = h.wscale;
    f.sackPerm = h.sackPerm;
    f.timestamps = h.tsval >= 0;
    const af = r.hasAnalysis && r.reach === REACH_ALL ? r.flags : 0;
    f.retransmission = (af & (A_RETRANSMISSION | A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION)) !== 0;
    f.zeroWindow = (af & A_ZERO_WINDOW) !== 0;
    f.badChecksum = false;
    s.summary.add(f);
    if (af !== 0) {
      for (let i = 0; i < SEGMENT_NAMES.length; i++) {
        const e = SEGMENT_NAMES[i]!;
        if (af & e[0]) s.summary.count(e[1]);
      }
    }

    // TCP Fast Open: a SYN with a cookie and data, then the SYN-ACK that acknowledges it or not.
    if ((flags & (TH_SYN | TH_ACK)) === TH_SYN && len > 0 && h.tfoCookie) s.tfoSynData = true;
    else if ((flags & (TH_SYN | TH_ACK)) === (TH_SYN | TH_ACK) && (r.ack > 1 || s.tfoSynData)) rf |= R_TFO;

    // Half-open connections: from the stream's first SYN to the end of its handshake (or a reset / close).
    if (!s.synFed && (flags & (TH_SYN | TH_ACK)) === TH_SYN && fromClient) {
      s.synFed = true;
      s.halfOpen = true;
      // IPv4 servers by a number (address × 65536 + port: no string per connection).
      const a = this.addrs.bytes;
      const o = s.stream * 32 + 16;
      const key = s.af === 4 ? (((a[o]! << 24) >>> 0) + ((a[o + 1]! << 16) | (a[o + 2]! << 8) | a[o + 3]!)) * 65536 + s.serverPort : serverKey(this.addrs, s);
      const res = this.halfOpen.syn(key, s.stream, f.time);
      if (res.crossed) {
        const msg = `Possible SYN flood: ${res.count} half-open connections to ${serverKey(this.addrs, s)} within ${this.halfOpen.windowSec} s`;
        this.floods.set(row, msg);
        this.curFlood = msg;
        rf |= R_FLOOD;
      }
    } else if (s.halfOpen && ((flags & (TH_RST | TH_FIN)) !== 0 || (ch.server !== S.Listen && ch.server !== S.SynReceived))) {
      s.halfOpen = false;
      this.halfOpen.resolve(s.stream);
    }
    rows[b + 2] = rf;
  }

  /**
   * Wireshark's conversation completeness: returns the value shown for this header (before it
   * counts) and adds what it brings. A new conversation starts at 0 (its first pure SYN sets the
   * SYN bit); one started by a SYN that reuses the ports starts at SYN.
   */
  private updateCompleteness(r: TcpSegmentResult, h: TcpHeader, created: boolean): number {
    const st = r.stream;
    if (st >= this.completeness.length) {
      this.completeness = grown(this.completeness, st + 1);
      this.firstBits = grown(this.firstBits, st + 1);
    }
    const reused = created && (r.flags & A_REUSED_PORTS) !== 0;
    if (reused) this.completeness[st] = C_SYN;
    const shown = created && !reused ? 0 : this.completeness[st]!;
    const first = created ? RC_FIRST : 0;
    if (r.reach === REACH_SEQ) {
      if (created) this.firstBits[st] = 0;
      if (created && !reused) this.completeness[st] = 0;
      return shown | first;
    }
    const f = h.flags;
    const len = h.segLen > 0 ? h.segLen : 0;
    const adds = completenessBits(f, len);
    if (created) this.firstBits[st] = adds;
    let c: number;
    if (created && !reused) {
      c = 0;
      if ((f & (TH_SYN | TH_ACK)) === TH_SYN) c = len > 0 ? C_SYN | C_DATA : C_SYN;
    } else {
      c = shown | adds;
    }
    this.completeness[st] = c;
    return shown | first;
  }

  private relTime(hasTs: boolean, sec: number, nsec: number): number {
    if (!hasTs) return 0;
    if (Number.isNaN(this.baseSec)) this.baseSec = sec;
    return sec - this.baseSec + nsec / 1e9;
  }

  private newStream(stream: number, h: TcpHeader, af: 4 | 6, src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): StreamInfo {
    const words = (stream + 1) * SW;
    if (words > this.streamWords.length) {
      let n = this.streamWords.length;
      while (n < words) n = Math.ceil(n * 1.5) + SW * 64;
      const w = new Int32Array(n);
      w.set(this.streamWords);
      this.streamWords = w;
    }
    this.endpoints.ensure(stream);
    this.summaries.ensure(stream);
    const s = this.si.at(stream);
    this.streamWords[stream * SW + SW_BITS] = SI_EXISTS | (af === 6 ? SI_V6 : 0);
    const n = af === 6 ? 16 : 4;
    const flags = h.flags;
    let srcIsClient: boolean;
    if ((flags & (TH_SYN | TH_ACK)) === TH_SYN) srcIsClient = true;
    else if ((flags & (TH_SYN | TH_ACK)) === (TH_SYN | TH_ACK)) srcIsClient = false;
    else {
      s.roleHeuristic = true;
      const sp = h.srcPort;
      const dp = h.dstPort;
      if ((sp < 1024) !== (dp < 1024)) srcIsClient = dp < 1024;
      else if (sp !== dp) srcIsClient = dp < sp;
      else srcIsClient = true;
    }
    const ca = srcIsClient ? src : dst;
    const co = srcIsClient ? srcOff : dstOff;
    const sa = srcIsClient ? dst : src;
    const so = srcIsClient ? dstOff : srcOff;
    this.addrs.ensure(stream);
    this.addrs.set(stream, 0, ca, co, n);
    this.addrs.set(stream, 16, sa, so, n);
    s.setPorts(srcIsClient ? h.srcPort : h.dstPort, srcIsClient ? h.dstPort : h.srcPort);
    s.summary.roleHeuristic = s.roleHeuristic;
    return s;
  }

  /** The stream cursor at `stream`, or null when the stream has no segment outside ICMP errors. */
  private streamAt(stream: number): StreamInfo | null {
    if (stream < 0 || (stream + 1) * SW > this.streamWords.length) return null;
    return this.streamWords[stream * SW + SW_BITS]! & SI_EXISTS ? this.si.at(stream) : null;
  }

  private ensureRow(row: number): void {
    const need = (row + 1) * ROW_BYTES;
    if (need <= this.rows.length) return;
    // (Cut to nothing by trim() when there were no rows.)
    let c = this.rows.length || ROW_BYTES * 64;
    while (c < need) c *= 2;
    const r = new Uint8Array(c);
    r.set(this.rows);
    this.rows = r;
  }

  /** Revisit: the row of the `ordinal`-th TCP header (from 1) of `frame`, −1 when not recorded. */
  rowFor(frame: number, ordinal: number): number {
    const base = this.table.rowOf(frame);
    if (base < 0) return -1;
    const row = base + ordinal - 1;
    return row < this.table.size ? row : -1;
  }

  /** Revisit: the recorded results of a row, with what the header `h` of frame `meta` gives again. */
  load(row: number, h: TcpHeader, meta: FrameMeta): TcpSegmentResult {
    this.curRow = row;
    this.curVisited = true;
    this.curFlood = this.rows[row * ROW_BYTES + 2]! & R_FLOOD ? (this.floods.get(row) ?? '') : '';
    const inp = this.replayInput;
    inp.frame = meta.num;
    inp.tsSec = meta.hasTs ? meta.tsSec : 0;
    inp.tsNsec = meta.hasTs ? meta.tsNsec : 0;
    inp.seq = h.seq;
    inp.ack = h.ack;
    inp.flags = h.flags;
    inp.win = h.win;
    inp.payloadLen = h.segLen;
    const r = this.table.load(row, inp, this.replay);
    // The iRTT belongs to the conversation: dissected again, every segment with a SEQ/ACK analysis
    // shows it once the handshake has ended, the handshake's own segments too (tshark -2).
    if (!r.hasInitialRtt && r.hasAnalysis && this.table.initialRttOf(r.stream, r)) r.hasInitialRtt = true;
    return r;
  }

  /** Current row's state bytes without allocating. */
  stateByte(i: 0 | 1 | 2): number {
    return this.rows[this.curRow * ROW_BYTES + i]!;
  }
}

/** The completeness bits a segment adds to a conversation that already exists. */
function completenessBits(f: number, len: number): number {
  let c = 0;
  if ((f & (TH_SYN | TH_ACK)) === (TH_SYN | TH_ACK)) c |= C_SYNACK;
  if ((f & (TH_SYN | TH_ACK)) === TH_ACK) c |= len > 0 ? C_DATA : C_ACK;
  if ((f & (TH_FIN | TH_ACK)) === (TH_FIN | TH_ACK)) c |= C_FIN;
  if (f & TH_RST) c |= C_RST;
  return c;
}

/** Wireshark's FIN roles: the first side to send a FIN initiates the close (every FIN it sends says so). */
function finRole(s: StreamInfo, fromClient: boolean): number {
  if (fromClient ? s.serverClosing : s.clientClosing) return R_FIN_PASSIVE;
  if (fromClient) s.clientClosing = true;
  else s.serverClosing = true;
  return R_FIN_ACTIVE;
}

function connectionInfo(s: StreamInfo, addrs: AddrTable, baseSec: number): TcpConnectionInfo {
  const sm = s.summary;
  const endpoint = (which: 'client' | 'server'): TcpEndpointSummary => {
    const d = which === 'client' ? sm.client : sm.server;
    return {
      address: addrText(addrs, s, which),
      port: which === 'client' ? s.clientPort : s.serverPort,
      isn: d.isn >= 0 ? d.isn : null,
      mss: d.mss >= 0 ? d.mss : null,
      windowScale: d.wscale >= 0 ? d.wscale : null,
      sackPermitted: d.sackPerm,
      timestamps: d.timestamps,
      packets: d.packets,
      bytes: d.bytes,
      payloadBytes: d.payloadBytes,
      state: TCP_STATES[which === 'client' ? s.states.clientState : s.states.serverState]!,
    };
  };
  const a = sm.synToSynAck;
  const b = sm.synAckToAck;
  const code = sm.connState;
  return {
    stream: s.stream,
    client: endpoint('client'),
    server: endpoint('server'),
    rolesHeuristic: s.roleHeuristic,
    statesInferred: s.states.client.inferred || s.states.server.inferred,
    firstFrame: sm.firstFrame,
    lastFrame: sm.lastFrame,
    startTime: baseSec + sm.firstTime,
    duration: sm.duration,
    handshake: {
      synFrame: sm.client.synFrame || null,
      synAckFrame: sm.server.synAckFrame || null,
      ackFrame: sm.handshakeAckFrame || null,
      synToSynAck: a,
      synAckToAck: b,
      rtt: a !== null && b !== null ? a + b : null,
    },
    close: { by: sm.firstCloser, how: sm.closeHow, frame: sm.closeFrame || null },
    connState: code,
    connStateText: CONN_STATES[code] ?? '',
    history: sm.historyString,
    analysis: sm.analysis,
  };
}

/* ---- The tracker ---- */

/* The last capture's tracking state: one lookup per capture, and no closure per call. */
let lastCtx: CaptureContext | null = null;
let lastTracking: TcpTracking | null = null;
let initCtx: CaptureContext | null = null;
function makeTracking(): TcpTracking {
  return new TcpTracking(initCtx!);
}

/** The tracker's state of a capture, made on first use. */
export function tcpTracking(ctx: CaptureContext): TcpTracking {
  if (ctx === lastCtx) return lastTracking!;
  initCtx = ctx;
  const t = ctx.state(tcpProto, makeTracking);
  initCtx = null;
  lastCtx = ctx;
  lastTracking = t;
  return t;
}

/** Every TCP connection of the capture dissected with `ctx` so far (see TcpConnectionInfo). */
export function tcpConnections(ctx: CaptureContext): TcpConnectionInfo[] {
  return tcpTracking(ctx).connections();
}

const TCP_ID = tcpProto.id;

/** Which TCP header of the frame this is (1 for the first): tunnels can carry several. */
function tcpOrdinal(pinfo: PacketInfo): number {
  let n = 0;
  const layers = pinfo.layers;
  for (let i = 0; i < pinfo.layerCount; i++) if (layers[i] === TCP_ID) n++;
  return n > 0 ? n : 1;
}

/**
 * The expert items (and the items that go with them) of a segment's analysis flags, in
 * Wireshark's order, under `flagsNode` (the "TCP Analysis Flags" item) and `analysisNode`. With
 * the null tree only the expert counts change.
 */
function flagItems(pinfo: PacketInfo, r: TcpSegmentResult, flagsNode: ProtoNode, analysisNode: ProtoNode, tvb?: Tvb): void {
  const f = r.flags;
  const real = flagsNode.real;
  if (f & A_REUSED_PORTS) pinfo.expert(flagsNode, eiReusedPorts, tvb);
  if (f & A_FAST_RETRANSMISSION) {
    pinfo.expert(flagsNode, eiFastRetransmission, tvb);
    pinfo.expert(flagsNode, eiRetransmission, tvb);
  }
  if (f & A_SPURIOUS_RETRANSMISSION) {
    pinfo.expert(flagsNode, eiSpuriousRetransmission, tvb);
    pinfo.expert(flagsNode, eiRetransmission, tvb);
  }
  if (f & A_RETRANSMISSION) {
    pinfo.expert(flagsNode, eiRetransmission, tvb);
    if (real && r.hasRto) {
      flagsNode.addGenerated(hfRto, { sec: r.rtoSec, nsec: r.rtoNsec }, tvb, 0, 0);
      flagsNode.addGenerated(hfRtoFrame, r.rtoFrame, tvb, 0, 0);
    }
  }
  if (f & A_OUT_OF_ORDER) pinfo.expert(flagsNode, eiOutOfOrder, tvb);
  if (f & A_LOST_PACKET) pinfo.expert(flagsNode, eiLostSegment, tvb);
  if (f & A_ACK_LOST_PACKET) pinfo.expert(flagsNode, eiAckLostSegment, tvb);
  if (f & A_WINDOW_UPDATE) pinfo.expert(flagsNode, eiWindowUpdate, tvb);
  if (f & A_WINDOW_FULL) pinfo.expert(flagsNode, eiWindowFull, tvb);
  if (f & A_KEEP_ALIVE) pinfo.expert(flagsNode, eiKeepAlive, tvb);
  if (f & A_KEEP_ALIVE_ACK) pinfo.expert(flagsNode, eiKeepAliveAck, tvb);
  if (r.dupAckNum !== 0) {
    if (real && f & A_DUPLICATE_ACK) flagsNode.addGenerated(hfDuplicateAck, null, tvb, 0, 0).setLabel('This is a TCP duplicate ack');
    analysisNode.addGenerated(hfDuplicateAckNum, r.dupAckNum, tvb, 0, 0);
    const n = analysisNode.addGenerated(hfDuplicateAckFrame, r.dupAckFrame, tvb, 0, 0);
    pinfo.expert(n, eiDuplicateAck, tvb, 0, 0, pinfo.wantExpertText ? `Duplicate ACK (#${r.dupAckNum})` : undefined);
  }
  if (f & A_ZERO_WINDOW_PROBE) pinfo.expert(flagsNode, eiZeroWindowProbe, tvb);
  if (f & A_ZERO_WINDOW) pinfo.expert(flagsNode, eiZeroWindow, tvb);
  if (f & A_ZERO_WINDOW_PROBE_ACK) pinfo.expert(flagsNode, eiZeroWindowProbeAck, tvb);
}

/**
 * The items flagItems (with addAnalysisItems) puts in a segment's tree, each with the analysis
 * flags any of which brings it: what a filter on the analysis can be answered from without the
 * tree (the engine keeps each segment's flags in its index). tcp.analysis.duplicate_ack is both
 * a field and an expert item, present with A_DUPLICATE_ACK (its number is never 0 then).
 */
export const ANALYSIS_FIELD_FLAGS: Readonly<Record<string, number>> = {
  'tcp.analysis.flags': 0x7fff,
  'tcp.analysis.reused_ports': A_REUSED_PORTS,
  'tcp.analysis.retransmission': A_RETRANSMISSION | A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION,
  'tcp.analysis.fast_retransmission': A_FAST_RETRANSMISSION,
  'tcp.analysis.spurious_retransmission': A_SPURIOUS_RETRANSMISSION,
  'tcp.analysis.out_of_order': A_OUT_OF_ORDER,
  'tcp.analysis.lost_segment': A_LOST_PACKET,
  'tcp.analysis.ack_lost_segment': A_ACK_LOST_PACKET,
  'tcp.analysis.window_update': A_WINDOW_UPDATE,
  'tcp.analysis.window_full': A_WINDOW_FULL,
  'tcp.analysis.keep_alive': A_KEEP_ALIVE,
  'tcp.analysis.keep_alive_ack': A_KEEP_ALIVE_ACK,
  'tcp.analysis.duplicate_ack': A_DUPLICATE_ACK,
  'tcp.analysis.zero_window_probe': A_ZERO_WINDOW_PROBE,
  'tcp.analysis.zero_window': A_ZERO_WINDOW,
  'tcp.analysis.zero_window_probe_ack': A_ZERO_WINDOW_PROBE_ACK,
};

/** The tracker state of the header being dissected (set by segment(), used by the tree callbacks right after). */
let current: TcpTracking | null = null;
/** What the hindsight pass gives for the header being dissected (addStreamItems, then addAnalysisItems). */
const hsResult = new TcpSegmentResult();

export const tcpTracker: TcpStreamTracker = {
  segment(h: TcpHeader, pinfo: PacketInfo, sh: TcpShown): void {
    const st = tcpTracking(pinfo.ctx);
    current = st;
    hsResult.hasInitialRtt = false;
    let r: TcpSegmentResult;
    if (pinfo.visited) {
      const row = st.rowFor(pinfo.meta.num, tcpOrdinal(pinfo));
      if (row < 0) {
        st.cur = null;
        return;
      }
      r = st.load(row, h, pinfo.meta);
    } else {
      r = st.analyze(h, pinfo);
    }
    st.cur = r;
    sh.seq = r.seq;
    sh.ack = r.ack;
    sh.nxtseq = r.nxtseq;
    sh.window = r.window;
    sh.scaleFactor = r.scaleFactor;
    sh.showScaleFactor = r.showScaleFactor;
    // Wireshark labels tcp.seq/nxtseq "relative" whenever it analyzes sequence numbers (even when
    // the segment length is unknown and they stay raw), tcp.ack whenever ACK is set.
    sh.seqRelative = true;
    sh.ackRelative = (h.flags & TH_ACK) !== 0;
    if (!h.inErrorPkt && pinfo.wantInfo) sh.infoPrefix = r.infoPrefix();
    // SACK edges relative to the peer's base sequence number, whether or not ACK is set.
    sh.sackRelative = true;
    sh.sackBase = r.revBase;
    if (pinfo.ctx.options.tcpAbsoluteSeq) {
      // tcp.relative_sequence_numbers off: the wire's numbers, labelled plainly (the analysis is the same).
      sh.seq = h.seq;
      sh.ack = h.ack;
      sh.nxtseq = (h.seq + (r.nxtseq - r.seq)) >>> 0;
      sh.seqRelative = false;
      sh.ackRelative = false;
      sh.sackRelative = false;
      sh.sackBase = 0;
    }
    sh.analysisFlags = r.hasAnalysis && r.reach === REACH_ALL ? r.flags : 0;
    // A SYN-ACK and TCP Fast Open: accepting the SYN's data when it acknowledges more than the SYN.
    sh.tfo = st.stateByte(2) & R_TFO ? (r.ack > 1 ? TFO_ACCEPTED : TFO_IGNORED) : 0;
    // The summary pass: no tree, but the expert items are raised where the full tree raises them
    // (the SYN flood here, as addStreamItems does; the others in addTimeItems and addAnalysisItems).
    if (!pinfo.tree.real && st.curFlood !== '') pinfo.expert(NULL_TREE, eiSynFlood, undefined, 0, 0, pinfo.wantExpertText ? st.curFlood : undefined);
  },

  addStreamItems(_h: TcpHeader, pinfo: PacketInfo, t: ProtoNode, tvb: Tvb): void {
    const st = current;
    const r = st?.cur;
    if (!st || !r) return;
    t.addGenerated(hfStream, r.stream, tvb, 0, 0);
    let c = st.curCompleteness;
    const hs = pinfo.ctx.hindsight;
    if (hs !== null) {
      // A pass that has the finished first pass beside it shows what Wireshark's second pass does.
      hsResult.hasInitialRtt = false;
      const later = tcpTracking(hs).secondPass(pinfo.meta.num, tcpOrdinal(pinfo), hsResult);
      if (later >= 0) c = later;
    }
    const cn = t.addGenerated(hfCompleteness, c, undefined, 0, 0);
    if (cn.detailed) cn.setLabel(`Conversation completeness: ${completenessText(c)}`);
    if (st.curFlood !== '') pinfo.expert(t, eiSynFlood, tvb, 0, 0, st.curFlood);
  },

  addFinRole(pinfo: PacketInfo, t: ProtoNode, tvb: Tvb, flagsStr: ProtoNode): void {
    const st = current;
    const r = st?.cur;
    if (!st || !r) return;
    if (!t.real) {
      // As in the full tree, where they go on the flags string (headers cut before it have none).
      const sf = r.reach >= REACH_TIMES ? st.stateByte(2) : 0;
      if (sf & R_FIN_ACTIVE) pinfo.expert(NULL_TREE, eiFinActive);
      else if (sf & R_FIN_PASSIVE) pinfo.expert(NULL_TREE, eiFinPassive);
      return;
    }
    const rf = st.stateByte(2);
    // Who closes first goes on the flags string (where Wireshark puts tcp.connection.fin_active/passive).
    if (rf & (R_FIN_ACTIVE | R_FIN_PASSIVE)) pinfo.expert(flagsStr, rf & R_FIN_ACTIVE ? eiFinActive : eiFinPassive, tvb, 12, 2);
  },

  addTimeItems(_h: TcpHeader, _pinfo: PacketInfo, t: ProtoNode, tvb: Tvb): void {
    const r = current?.cur;
    if (!r || !t.real) return;
    if (r.reach >= REACH_TIMES) {
      const ts = t.addText(tvb, 0, 0, 'Timestamps').setFlags(1 /* NodeFlags.Generated */);
      // Time values are objects: made only for a tree that keeps them.
      ts.addGenerated(hfTimeRelative, ts.wants(hfTimeRelative) ? { sec: r.timeRelSec, nsec: r.timeRelNsec } : null, tvb, 0, 0);
      ts.addGenerated(hfTimeDelta, ts.wants(hfTimeDelta) ? { sec: r.timeDeltaSec, nsec: r.timeDeltaNsec } : null, tvb, 0, 0);
    }
  },

  addAnalysisItems(_h: TcpHeader, pinfo: PacketInfo, t: ProtoNode, tvb: Tvb): void {
    const st = current;
    const r = st?.cur;
    if (!st || !r) return;
    // The options were dissected without an error: a SYN's window scaling is checked now.
    if (!pinfo.visited) st.analyzer.verifyWindowScaling();
    if (!t.real) {
      if (r.hasAnalysis && r.reach === REACH_ALL && r.flags !== 0) flagItems(pinfo, r, NULL_TREE, NULL_TREE);
      return;
    }
    const rf = st.stateByte(2);
    if (r.reach === REACH_ALL && r.hasAnalysis) {
      const an = t.addGenerated(hfAnalysis, null, tvb, 0, 0);
      if (r.acksFrame !== 0) {
        an.addGenerated(hfAcksFrame, r.acksFrame, tvb, 0, 0);
        if (r.hasAckRtt) an.addGenerated(hfAckRtt, { sec: r.ackRttSec, nsec: r.ackRttNsec }, tvb, 0, 0);
      }
      if (r.hasInitialRtt) an.addGenerated(hfInitialRtt, { sec: r.initialRttSec, nsec: r.initialRttNsec }, tvb, 0, 0);
      else if (pinfo.ctx.hindsight !== null && hsResult.hasInitialRtt) an.addGenerated(hfInitialRtt, { sec: hsResult.initialRttSec, nsec: hsResult.initialRttNsec }, tvb, 0, 0);
      if (r.bytesInFlight !== 0) {
        an.addGenerated(hfBytesInFlight, r.bytesInFlight, tvb, 0, 0);
        an.addGenerated(hfPushBytesSent, r.pushBytesSent, tvb, 0, 0);
      }
      if (r.flags !== 0) flagItems(pinfo, r, an.addGenerated(hfAnalysisFlags, null, tvb, 0, 0), an, tvb);
    }
    if (rf & R_STATES) {
      const before = st.stateByte(0);
      const after = st.stateByte(1);
      const es = t.addGenerated(hfState, null, tvb, 0, 0);
      es.addGenerated(hfStateClient, TCP_STATES[after >> 4], tvb, 0, 0);
      es.addGenerated(hfStateServer, TCP_STATES[after & 15], tvb, 0, 0);
      es.addGenerated(hfStateClientBefore, TCP_STATES[before >> 4], tvb, 0, 0);
      es.addGenerated(hfStateServerBefore, TCP_STATES[before & 15], tvb, 0, 0);
      es.addGenerated(hfStateTransition, es.wants(hfStateTransition) ? transitionWords(before >> 4, after >> 4, before & 15, after & 15) : '', tvb, 0, 0);
      es.addGenerated(hfStateInferred, rf & R_INFERRED ? 1 : 0, tvb, 0, 0);
      es.addGenerated(hfStateRoleHeuristic, rf & R_HEURISTIC ? 1 : 0, tvb, 0, 0);
    }
  },
};

setTcpStreamTracker(tcpTracker);
