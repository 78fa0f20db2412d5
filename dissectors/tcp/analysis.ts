/**
 * TCP conversations and sequence analysis with Wireshark 4.0's rules and default preferences
 * (analyze sequence numbers, relative sequence numbers, track bytes in flight from the captured
 * payloads, conversation timestamps, no default window scaling, fast retransmission before
 * out-of-order): tcp.stream, relative tcp.seq/ack/nxtseq, the calculated window, and every
 * tcp.analysis.* result, checked cell by cell against tshark 4.0 on the corpus.
 *
 * Written from Wireshark's documented behaviour and observed output (the rules below are
 * described, not copied: Wireshark is GPL, this file is MIT).
 *
 * Input: one call per TCP header the TCP dissector reads, in capture order (the first pass):
 * fill `analyzer.input`, call `analyze()`, read `analyzer.result` (both objects are reused;
 * nothing is allocated per packet unless a new conversation starts or a stream's list of
 * unacknowledged segments grows). Nothing is kept per packet: a caller that dissects frames again
 * later sets `analyzer.table` to a TcpAnalysisTable (analysis-table.ts: typed arrays indexed by
 * segment, found by frame number) and reads the results back from there.
 *
 * How the TCP dissector calls it (one TcpAnalyzer per capture, e.g. in its CaptureContext slot):
 * - Call it once it has read 16 bytes of header (ports … window), for every TCP header including
 *   ones quoted in ICMP errors (they join their conversation: stream number, timestamps, port
 *   reuse); not for headers cut before the window field.
 * - input: frame/tsSec/tsNsec from pinfo.meta (nanoseconds as the file gives them); the IP
 *   header's addresses with setAddrs(4|6, pinfo.srcData, pinfo.srcOff, pinfo.dstData,
 *   pinfo.dstOff) (for a quoted header: the quoted IP header's, which pinfo does not take while
 *   inErrorPkt); ports, raw seq/ack, flags, raw window; payloadLen = reported TCP length −
 *   header length, or −1 for a quoted header, an unreassembled IP fragment, or a reported length
 *   below the header length; hdrLen; hdrCaptured = captured header bytes; wscale (the WS option's
 *   shift, −1 if none) and the SACK edges of the options it managed to read.
 * - output: TcpSegmentResult says what to show (see its comment and REACH_*) and
 *   `infoPrefix()` the text to put in front of the Info column ("[TCP Retransmission] " …; leave
 *   it out for quoted headers, whose columns are not writable).
 *
 * What is remembered per stream and direction: the base sequence number, the highest next
 * sequence number and the highest contiguous one (for "previous segment not captured" and
 * "ACKed unseen segment"), the last ACK/window/time, the duplicate-ACK counter, the window scale,
 * the last SACK blocks, and the list of segments not yet acknowledged (at most 10000, as
 * Wireshark), which gives acks_frame/ack_rtt, the RTO of a retransmission and bytes in flight.
 */
import { ConvKeyTable, KEY_WORDS } from './conv-table.js';
import { ndelta, nsDelta } from './nstime.js';
import { seqGT, seqLE, seqLT } from './seq.js';
import { Conv, Flow, FlowStore } from './flows.js';
import { AckOutcome } from './unacked.js';

/* TCP header flags. */
export const TH_FIN = 0x01;
export const TH_SYN = 0x02;
export const TH_RST = 0x04;
export const TH_PUSH = 0x08;
export const TH_ACK = 0x10;

/* Analysis flags (Wireshark's TCP_A_* bits). */
/* What verifyWindowScaling has to check: nothing, a SYN, a SYN-ACK. */
const WS_CHECK_NONE = 0;
const WS_CHECK_SYN = 1;
const WS_CHECK_SYNACK = 2;

export const A_RETRANSMISSION = 0x0001;
export const A_LOST_PACKET = 0x0002;
export const A_ACK_LOST_PACKET = 0x0004;
export const A_KEEP_ALIVE = 0x0008;
export const A_DUPLICATE_ACK = 0x0010;
export const A_ZERO_WINDOW = 0x0020;
export const A_ZERO_WINDOW_PROBE = 0x0040;
export const A_ZERO_WINDOW_PROBE_ACK = 0x0080;
export const A_KEEP_ALIVE_ACK = 0x0100;
export const A_OUT_OF_ORDER = 0x0200;
export const A_FAST_RETRANSMISSION = 0x0400;
export const A_WINDOW_UPDATE = 0x0800;
export const A_WINDOW_FULL = 0x1000;
export const A_REUSED_PORTS = 0x2000;
export const A_SPURIOUS_RETRANSMISSION = 0x4000;

/** The most unacknowledged segments remembered per direction (Wireshark's limit). */
export const MAX_UNACKED_SEGMENTS = 10000;
/** Wireshark keeps at most this many SACK blocks of a segment for bytes in flight. */
const MAX_SACK_KEPT = 3;

/* Flow static flags. */
const S_BASE_SEQ_SET = 0x01;
const S_SAW_SYN = 0x03;
const S_SAW_SYNACK = 0x05;

const NS = 1_000_000_000;
/** Fast retransmission: within this many ns of the duplicate ACK. */
const FAST_RT_NS = 20_000_000;
/** Out-of-order threshold when the handshake RTT is not known. */
const OOO_DEFAULT_NS = 3_000_000;
/** Duplicate-ACK counter after an "ACKed unseen segment" from the peer (Wireshark's (guint32)−1). */
const DUPACK_UNSEEN = 0xffffffff;

const EMPTY = new Uint8Array(0);

/** One TCP segment as the TCP dissector read it. Reused: set every field for every segment. */
export class TcpSegmentInput {
  /** Frame number (from 1). */
  frame = 0;
  /** Absolute capture time (0/0 for records without a timestamp). */
  tsSec = 0;
  tsNsec = 0;
  /** Network addresses of the IP header that carries this TCP header: 4 or 6. */
  af: 4 | 6 = 4;
  src: Uint8Array = EMPTY;
  srcOff = 0;
  dst: Uint8Array = EMPTY;
  dstOff = 0;
  srcPort = 0;
  dstPort = 0;
  /** Raw sequence and acknowledgment numbers (unsigned 32-bit). */
  seq = 0;
  ack = 0;
  /** TCP flags (the 12 bits after the data offset; only FIN/SYN/RST/PSH/ACK matter here). */
  flags = 0;
  /** Raw 16-bit window field. */
  win = 0;
  /**
   * Segment length (tcp.len): reported TCP length minus the header length. −1 when it is not
   * known: the header was in an unreassembled IP fragment, quoted in an ICMP error, or the
   * reported length is shorter than the header. Such segments join their conversation (stream,
   * timestamps, port-reuse check) but take no part in sequence analysis.
   */
  payloadLen = 0;
  /** Header length in bytes (data offset × 4). Below 20 Wireshark stops after tcp.seq. */
  hdrLen = 20;
  /**
   * How many bytes of the TCP header were captured (at least 16, else do not call analyze()).
   * Wireshark stops where the captured header ends: below 20 bytes before the timestamps and the
   * options, below `hdrLen` inside the options (so the analysis tree is not shown and a SYN's
   * window scaling is not verified).
   */
  hdrCaptured = 60;
  /** Window scale option shift (values above 14 count as 14), −1 when there is none. */
  wscale = -1;
  /** SACK blocks (raw edges). Only the first three are used, like Wireshark. */
  sackCount = 0;
  readonly sackLe = new Uint32Array(4);
  readonly sackRe = new Uint32Array(4);

  private addrBuf = new Uint8Array(8);

  /** A copy of the numbers (addresses and SACK edges stay behind): what TcpAnalysisTable.load() reads. */
  cloneNumbers(): TcpSegmentInput {
    const c = new TcpSegmentInput();
    c.frame = this.frame;
    c.tsSec = this.tsSec;
    c.tsNsec = this.tsNsec;
    c.af = this.af;
    c.srcPort = this.srcPort;
    c.dstPort = this.dstPort;
    c.seq = this.seq;
    c.ack = this.ack;
    c.flags = this.flags;
    c.win = this.win;
    c.payloadLen = this.payloadLen;
    c.hdrLen = this.hdrLen;
    c.hdrCaptured = this.hdrCaptured;
    c.wscale = this.wscale;
    return c;
  }

  /** Sets IPv4 addresses given as unsigned 32-bit numbers. */
  setIPv4(src: number, dst: number): void {
    const b = this.addrBuf;
    b[0] = src >>> 24; b[1] = src >>> 16; b[2] = src >>> 8; b[3] = src;
    b[4] = dst >>> 24; b[5] = dst >>> 16; b[6] = dst >>> 8; b[7] = dst;
    this.af = 4;
    this.src = b;
    this.srcOff = 0;
    this.dst = b;
    this.dstOff = 4;
  }

  /** Sets the addresses from bytes (4 each for IPv4, 16 each for IPv6), without copying. */
  setAddrs(af: 4 | 6, src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    this.af = af;
    this.src = src;
    this.srcOff = srcOff;
    this.dst = dst;
    this.dstOff = dstOff;
  }
}

/* How far Wireshark's TCP dissector gets, which decides the fields it shows (TcpSegmentResult.reach). */
/** Header length below 20: tcp.stream, tcp.seq, tcp.len only. */
export const REACH_SEQ = 0;
/** Less than 20 header bytes captured: also tcp.ack, tcp.nxtseq, tcp.window_size(_scalefactor). */
export const REACH_HEADER = 1;
/** Options cut off: also tcp.time_relative and tcp.time_delta. */
export const REACH_TIMES = 2;
/** Everything, including the tcp.analysis subtree. */
export const REACH_ALL = 3;

/**
 * What Wireshark shows for one segment. Reused: valid until the next analyze()/load().
 * Field presence follows tshark 4.0 (see `reach` for what a short header hides):
 * - tcp.stream: always.
 * - tcp.seq: relative when `analyzed`, else the raw number.
 * - tcp.ack: relative when `analyzed` and ACK is set, else raw.
 * - tcp.len, tcp.nxtseq: only when `analyzed`.
 * - tcp.window_size: scaled only when `analyzed`; tcp.window_size_scalefactor when
 *   `showScaleFactor` (not for SYNs).
 * - tcp.analysis subtree: only when `hasAnalysis` (see the individual fields).
 */
export class TcpSegmentResult {
  stream = 0;
  /** Sequence analysis ran (segment length known): seq/ack/nxtseq are relative. */
  analyzed = false;
  /** REACH_*: how far the TCP dissector gets (the fields after that point are not shown). */
  reach = REACH_ALL;
  seq = 0;
  ack = 0;
  nxtseq = 0;
  len = 0;
  /**
   * The other direction's base sequence number (0 while it has none): what SACK edges are
   * relative to, with or without the ACK flag (dissect_tcpopt_sack's tcpd->rev->base_seq).
   */
  revBase = 0;
  /** tcp.window_size (the calculated window). */
  window = 0;
  /** tcp.window_size_scalefactor: −1 unknown, −2 no scaling, else the multiplier. */
  scaleFactor = -1;
  showScaleFactor = false;
  /** There is a tcp.analysis subtree (Wireshark's per-segment analysis record was made). */
  hasAnalysis = false;
  /** A_* bits. */
  flags = 0;
  dupAckNum = 0;
  dupAckFrame = 0;
  /** tcp.analysis.acks_frame (0 none); ack_rtt is shown with it when not zero. */
  acksFrame = 0;
  ackRttSec = 0;
  ackRttNsec = 0;
  /** tcp.analysis.initial_rtt. */
  hasInitialRtt = false;
  initialRttSec = 0;
  initialRttNsec = 0;
  /** tcp.analysis.bytes_in_flight and push_bytes_sent are shown when bytesInFlight ≠ 0. */
  bytesInFlight = 0;
  pushBytesSent = 0;
  /** tcp.analysis.rto / rto_frame, shown for a retransmission when the RTO is not zero. */
  rtoSec = 0;
  rtoNsec = 0;
  rtoFrame = 0;
  timeRelSec = 0;
  timeRelNsec = 0;
  timeDeltaSec = 0;
  timeDeltaNsec = 0;

  reset(): void {
    this.analyzed = false;
    this.reach = REACH_ALL;
    this.nxtseq = 0;
    this.len = 0;
    this.showScaleFactor = false;
    this.scaleFactor = -1;
    this.hasAnalysis = false;
    this.flags = 0;
    this.dupAckNum = 0;
    this.dupAckFrame = 0;
    this.acksFrame = 0;
    this.ackRttSec = 0;
    this.ackRttNsec = 0;
    this.hasInitialRtt = false;
    this.initialRttSec = 0;
    this.initialRttNsec = 0;
    this.bytesInFlight = 0;
    this.pushBytesSent = 0;
    this.rtoSec = 0;
    this.rtoNsec = 0;
    this.rtoFrame = 0;
  }

  /** ack_rtt is shown. */
  get hasAckRtt(): boolean {
    return this.acksFrame !== 0 && (this.ackRttSec !== 0 || this.ackRttNsec !== 0);
  }

  /** rto/rto_frame are shown. */
  get hasRto(): boolean {
    return (this.flags & A_RETRANSMISSION) !== 0 && (this.rtoSec !== 0 || this.rtoNsec !== 0);
  }

  /** The text Wireshark puts in front of the Info column ('' when none). */
  infoPrefix(): string {
    return this.hasAnalysis && this.flags !== 0 ? infoPrefix(this.flags, this.dupAckFrame, this.dupAckNum) : '';
  }
}

/**
 * The Info column prefix for a set of analysis flags. Wireshark prepends each one in this order
 * (reused ports, retransmissions, lost, window, keep-alive, dup ACK, zero window), so the last
 * one ends up first.
 */
export function infoPrefix(flags: number, dupAckFrame: number, dupAckNum: number): string {
  let s = '';
  if (flags & A_REUSED_PORTS) s = '[TCP Port numbers reused] ' + s;
  if (flags & A_RETRANSMISSION) s = '[TCP Retransmission] ' + s;
  if (flags & A_FAST_RETRANSMISSION) s = '[TCP Fast Retransmission] ' + s;
  if (flags & A_SPURIOUS_RETRANSMISSION) s = '[TCP Spurious Retransmission] ' + s;
  if (flags & A_OUT_OF_ORDER) s = '[TCP Out-Of-Order] ' + s;
  if (flags & A_LOST_PACKET) s = '[TCP Previous segment not captured] ' + s;
  if (flags & A_ACK_LOST_PACKET) s = '[TCP ACKed unseen segment] ' + s;
  if (flags & A_WINDOW_UPDATE) s = '[TCP Window Update] ' + s;
  if (flags & A_WINDOW_FULL) s = '[TCP Window Full] ' + s;
  if (flags & A_KEEP_ALIVE) s = '[TCP Keep-Alive] ' + s;
  if (flags & A_KEEP_ALIVE_ACK) s = '[TCP Keep-Alive ACK] ' + s;
  if (dupAckNum !== 0 && flags & A_DUPLICATE_ACK) s = `[TCP Dup ACK ${dupAckFrame}#${dupAckNum}] ` + s;
  if (flags & A_ZERO_WINDOW_PROBE) s = '[TCP ZeroWindowProbe] ' + s;
  if (flags & A_ZERO_WINDOW) s = '[TCP ZeroWindow] ' + s;
  if (flags & A_ZERO_WINDOW_PROBE_ACK) s = '[TCP ZeroWindowProbeAck] ' + s;
  return s;
}

/** now − then in ns (signed; see ltU64). */
function elapsedNs(nowSec: number, nowNsec: number, thenSec: number, thenNsec: number): number {
  return (nowSec - thenSec) * NS + (nowNsec - thenNsec);
}

/**
 * a < b as Wireshark compares these times: unsigned 64-bit numbers, so a negative value (time
 * going backwards, a negative handshake RTT) counts as huge.
 */
function ltU64(a: number, b: number): boolean {
  return a < 0 === b < 0 ? a < b : b < 0;
}

/** Receives every result of the first pass. */
export interface TcpResultSink {
  /** `dir`: 0 for the conversation's first flow (the "greater" endpoint sends), 1 for the other. */
  store(inp: TcpSegmentInput, r: TcpSegmentResult, dir: number): void;
}

export class TcpAnalyzer {
  /** Fill this, then call analyze(). */
  readonly input = new TcpSegmentInput();
  /** The results of the last analyze(). */
  readonly result = new TcpSegmentResult();

  /** Every conversation's state, and cursors over it for the segment being analyzed. */
  private readonly flows = new FlowStore();
  private readonly conv = new Conv(this.flows);
  private readonly fwd = new Flow(this.flows);
  private readonly rev = new Flow(this.flows);
  private keys = new ConvKeyTable();
  /** release() was called: no more segments can be analyzed. */
  private released = false;
  private key = new Uint32Array(KEY_WORDS);
  private acked = new AckOutcome();
  /** Flow of the segment being analyzed: 0 flow1, 1 flow2. */
  private dir = 0;
  /** The SYN analyzed last, until its window scaling is verified (verifyWindowScaling). */
  private wsCheck = WS_CHECK_NONE;
  /** Every result is also handed to this (a TcpAnalysisTable keeps them for later passes). */
  table: TcpResultSink | null = null;

  /** Number of TCP streams so far. */
  get streamCount(): number {
    return this.flows.count;
  }

  /** No room kept for more conversations (the end of a pass); they grow again when one comes. */
  trim(): void {
    this.flows.trim();
    this.keys.trim();
  }

  /**
   * The end of the last pass (no packet comes any more): the conversations' state and keys go (on
   * the 1M bench file some 12 bytes per packet); streamCount stays. Revisits read the table, not
   * this; analyze() after it is a bug and throws.
   */
  release(): void {
    this.flows.release();
    this.keys = new ConvKeyTable(0);
    this.released = true;
  }

  /** Directions that hold unacknowledged segments now (a finished, fully acknowledged connection holds none). */
  get unackedLists(): number {
    return this.flows.listsInUse;
  }

  /** Analyzes `this.input` (one TCP header, in capture order); returns `this.result`. */
  analyze(): TcpSegmentResult {
    if (this.released) throw new Error('TCP analysis was asked for a segment after the capture\'s first pass was released');
    const inp = this.input;
    const r = this.result;
    r.reset();
    this.wsCheck = WS_CHECK_NONE;
    const flags = inp.flags;
    const seq = inp.seq >>> 0;
    const ack = inp.ack >>> 0;
    const win = inp.win;

    // Conversation: the newest one with these addresses and ports (either direction).
    const dir = this.fillKey(inp);
    this.dir = dir >= 0 ? 0 : 1;
    const ci = this.keys.get(this.key);
    const conv = this.conv;
    const fwd = this.fwd;
    const rev = this.rev;
    conv.load(ci < 0 ? this.newConv(inp) : ci);
    fwd.load(conv.i * 2 + this.dir);
    rev.load(conv.i * 2 + 1 - this.dir);

    if ((flags & (TH_SYN | TH_ACK)) === TH_SYN && fwd.staticFlags & S_BASE_SEQ_SET) {
      if (seq !== fwd.baseSeq) {
        // A SYN with another sequence number than this direction's base: a new conversation.
        conv.load(this.newConv(inp));
        fwd.load(conv.i * 2 + this.dir);
        rev.load(conv.i * 2 + 1 - this.dir);
        r.hasAnalysis = true;
        r.flags |= A_REUSED_PORTS;
      } else {
        // The same SYN again: go back to the highest contiguous sequence number (a RST may have
        // carried another number), and make the analysis record (shown even if empty).
        if (fwd.maxseqtobeacked !== 0) fwd.nextseq = fwd.maxseqtobeacked;
        r.hasAnalysis = true;
      }
    }
    if ((flags & (TH_SYN | TH_ACK)) === (TH_SYN | TH_ACK) && fwd.staticFlags & S_BASE_SEQ_SET && seq !== fwd.baseSeq) {
      // A SYN-ACK with another sequence number: flagged as port reuse, and it becomes the base.
      fwd.baseSeq = seq;
      r.hasAnalysis = true;
      r.flags |= A_REUSED_PORTS;
    }

    r.stream = conv.stream;
    fwd.sackCount = 0;
    fwd.sackBytes = 0;

    // Conversation timestamps.
    const nowSec = inp.tsSec;
    const nowNsec = inp.tsNsec;
    r.timeDeltaSec = nsDelta(nowSec, nowNsec, conv.tsPrevSec, conv.tsPrevNsec);
    r.timeDeltaNsec = ndelta.nsec;
    conv.tsPrevSec = nowSec;
    conv.tsPrevNsec = nowNsec;
    r.timeRelSec = nsDelta(nowSec, nowNsec, conv.tsFirstSec, conv.tsFirstNsec);
    r.timeRelNsec = ndelta.nsec;

    r.seq = seq;
    r.ack = ack;
    r.window = win;
    const seglen = inp.payloadLen;
    if (seglen >= 0) {
      r.analyzed = true;
      r.len = seglen;
      this.sequenceAnalysis(conv, fwd, rev, seglen >>> 0, flags, win, nowSec, nowNsec);
      r.seq = (seq - fwd.baseSeq) >>> 0;
      if (flags & TH_ACK) r.ack = (ack - rev.baseSeq) >>> 0;
      if (!(flags & TH_SYN) && fwd.winScale >= 0) r.window = (win << fwd.winScale) >>> 0;
      r.nxtseq = (r.seq + seglen + (flags & (TH_SYN | TH_FIN) ? 1 : 0)) >>> 0;
    }
    r.revBase = rev.staticFlags & S_BASE_SEQ_SET ? rev.baseSeq : 0;

    if (inp.hdrLen < 20) {
      // Wireshark gives up on a bogus header length right after tcp.seq.
      r.reach = REACH_SEQ;
      r.hasAnalysis = false;
      this.store(inp, r);
      return r;
    }

    if (!(flags & TH_SYN)) {
      r.showScaleFactor = true;
      const ws = fwd.winScale;
      r.scaleFactor = ws >= 0 ? 1 << ws : ws;
    }
    if (flags & TH_SYN) {
      if (!(flags & TH_ACK)) {
        conv.tsMruSynSec = nowSec;
        conv.tsMruSynNsec = nowNsec;
      }
      fwd.isFirstAck = true;
    }
    if ((flags & (TH_SYN | TH_ACK)) === TH_ACK) {
      // The first pure ACK after a SYN gives the initial RTT.
      if ((conv.tsMruSynSec !== 0 || conv.tsMruSynNsec !== 0) && conv.tsFirstRttSec === 0 && conv.tsFirstRttNsec === 0) {
        conv.tsFirstRttSec = nsDelta(nowSec, nowNsec, conv.tsMruSynSec, conv.tsMruSynNsec);
        conv.tsFirstRttNsec = ndelta.nsec;
      }
      fwd.isFirstAck = false;
    }
    if (inp.hdrCaptured < 20) {
      // The checksum or urgent pointer is cut off.
      r.reach = REACH_HEADER;
      r.hasAnalysis = false;
      this.store(inp, r);
      return r;
    }

    // Options: window scale and SACK blocks are remembered for later segments.
    if (inp.wscale >= 0) fwd.winScale = inp.wscale > 14 ? 14 : inp.wscale;
    const nsack = inp.sackCount < MAX_SACK_KEPT ? inp.sackCount : MAX_SACK_KEPT;
    if (nsack > 0) {
      let bytes = 0;
      for (let i = 0; i < nsack; i++) bytes = (bytes + (inp.sackRe[i]! - inp.sackLe[i]!)) >>> 0;
      fwd.sackCount = nsack;
      fwd.sackBytes = bytes;
    }
    if (inp.hdrCaptured < inp.hdrLen) {
      r.reach = REACH_TIMES;
      r.hasAnalysis = false;
      this.store(inp, r);
      return r;
    }

    if (r.hasAnalysis && (conv.tsFirstRttSec !== 0 || conv.tsFirstRttNsec !== 0)) {
      r.hasInitialRtt = true;
      r.initialRttSec = conv.tsFirstRttSec;
      r.initialRttNsec = conv.tsFirstRttNsec;
    }

    // Whether window scaling is used is checked once the options have been dissected.
    if (flags & TH_SYN) this.wsCheck = flags & TH_ACK ? WS_CHECK_SYNACK : WS_CHECK_SYN;
    this.store(inp, r);
    return r;
  }

  /**
   * Wireshark's verify_tcp_window_scaling, for the SYN analyze() returned last: window scaling is
   * used only when both SYNs carried the option. Call it once the segment's options have been
   * dissected without an error — a SYN whose options throw stops Wireshark's dissector before
   * the check, so its scale stays unknown (-1) rather than unused (-2).
   */
  verifyWindowScaling(): void {
    const check = this.wsCheck;
    if (check === WS_CHECK_NONE) return;
    this.wsCheck = WS_CHECK_NONE;
    const conv = this.conv;
    const fwd = this.fwd;
    const rev = this.rev;
    fwd.load(conv.i * 2 + this.dir);
    rev.load(conv.i * 2 + 1 - this.dir);
    if (fwd.winScale === -1) {
      fwd.winScale = -2;
      rev.winScale = -2;
    } else if (check === WS_CHECK_SYNACK && rev.winScale === -2) {
      fwd.winScale = -2;
    }
    fwd.save();
    rev.save();
  }

  /** The segment is analyzed: its conversation's working copies go back to the store, the result to the table. */
  private store(inp: TcpSegmentInput, r: TcpSegmentResult): void {
    this.conv.save();
    this.fwd.save();
    this.rev.save();
    if (this.table !== null) this.table.store(inp, r, this.dir);
  }

  private newConv(inp: TcpSegmentInput): number {
    const c = this.flows.add(inp.tsSec, inp.tsNsec);
    this.keys.set(this.key, c);
    return c;
  }

  /**
   * Fills the conversation key (the same for both directions) and returns Wireshark's direction
   * of the segment: the comparison of the source and destination addresses (byte order), then
   * of the ports when the addresses are equal. The key lists the "greater" endpoint first.
   */
  private fillKey(inp: TcpSegmentInput): number {
    const k = this.key;
    const s = inp.src;
    const d = inp.dst;
    let so = inp.srcOff;
    let dofs = inp.dstOff;
    let cmp = 0;
    const words = inp.af === 6 ? 4 : 1;
    for (let i = 0; i < 4; i++) {
      let a = 0;
      let b = 0;
      if (i < words) {
        a = ((s[so]! << 24) | (s[so + 1]! << 16) | (s[so + 2]! << 8) | s[so + 3]!) >>> 0;
        b = ((d[dofs]! << 24) | (d[dofs + 1]! << 16) | (d[dofs + 2]! << 8) | d[dofs + 3]!) >>> 0;
        so += 4;
        dofs += 4;
      }
      if (cmp === 0 && a !== b) cmp = a < b ? -1 : 1;
      k[i] = a;
      k[4 + i] = b;
    }
    const sp = inp.srcPort & 0xffff;
    const dp = inp.dstPort & 0xffff;
    if (cmp === 0) cmp = sp > dp ? 1 : -1;
    if (cmp >= 0) {
      k[8] = ((sp << 16) | dp) >>> 0;
    } else {
      for (let i = 0; i < 4; i++) {
        const t = k[i]!;
        k[i] = k[4 + i]!;
        k[4 + i] = t;
      }
      k[8] = ((dp << 16) | sp) >>> 0;
    }
    k[9] = inp.af;
    return cmp;
  }

  /** Wireshark's tcp_analyze_sequence_number for one segment with a known length. */
  private sequenceAnalysis(
    conv: Conv, fwd: Flow, rev: Flow, seglen: number, flags: number, window: number, nowSec: number, nowNsec: number,
  ): void {
    const r = this.result;
    // Read here rather than passed: a number above 2^31 passed to a call is a heap allocation.
    const seq = this.input.seq >>> 0;
    const ack = this.input.ack >>> 0;
    const frame = this.input.frame;
    const noSynFinRst = (flags & (TH_SYN | TH_FIN | TH_RST)) === 0;

    // Base sequence numbers: a SYN's own number, else one before the first seen; the reverse
    // direction's from the first ACK (ack − 1).
    if (!(fwd.staticFlags & S_BASE_SEQ_SET)) {
      if (flags & TH_SYN) {
        fwd.baseSeq = seq;
        fwd.staticFlags |= flags & TH_ACK ? S_SAW_SYNACK : S_SAW_SYN;
      } else {
        fwd.baseSeq = (seq - 1) >>> 0;
      }
      fwd.staticFlags |= S_BASE_SEQ_SET;
    }
    if (!(rev.staticFlags & S_BASE_SEQ_SET) && flags & TH_ACK) {
      rev.baseSeq = (ack - 1) >>> 0;
      rev.staticFlags |= S_BASE_SEQ_SET;
    }
    if (flags & TH_ACK) rev.validBif = true;

    let af = 0; // analysis flags of this segment
    let ta = r.hasAnalysis; // the analysis record exists
    af = r.flags;

    checks: {
      // Zero window probe: one byte at the next expected sequence number into a zero window.
      if (seglen === 1 && seq === fwd.nextseq && rev.window === 0) {
        af |= A_ZERO_WINDOW_PROBE;
        ta = true;
        break checks;
      }
      // Zero window.
      if (window === 0 && (flags & (TH_RST | TH_FIN | TH_SYN)) === 0) {
        af |= A_ZERO_WINDOW;
        ta = true;
      }
      // Previous segment not captured: beyond the highest next sequence number seen.
      if (fwd.nextseq !== 0 && seqGT(seq, fwd.nextseq) && (flags & TH_RST) === 0) {
        af |= A_LOST_PACKET;
        ta = true;
        fwd.validBif = false;
      }
      // Keep-alive: 0 or 1 byte starting one before the next sequence number.
      if (seglen <= 1 && seq === ((fwd.nextseq - 1) >>> 0) && noSynFinRst) {
        af |= A_KEEP_ALIVE;
        ta = true;
      }
      // Window update: no data, same seq/ack, new non-zero window.
      if (seglen === 0 && window !== 0 && window !== fwd.window && seq === fwd.nextseq && ack === fwd.lastack && noSynFinRst) {
        af |= A_WINDOW_UPDATE;
        ta = true;
      }
      // Window full: data up to the right edge of the peer's advertised window.
      if (seglen > 0 && rev.winScale !== -1 && noSynFinRst) {
        const shift = rev.isFirstAck ? 0 : rev.winScale === -2 ? 0 : rev.winScale;
        if (((seq + seglen) >>> 0) === ((rev.lastack + ((rev.window << shift) >>> 0)) >>> 0)) {
          af |= A_WINDOW_FULL;
          ta = true;
        }
      }
      const sameAck = seglen === 0 && seq === fwd.nextseq && ack === fwd.lastack && noSynFinRst;
      // Keep-alive ACK: repeats the last ACK and window after a keep-alive from the peer.
      if (sameAck && window !== 0 && window === fwd.window && rev.lastSegmentFlags & A_KEEP_ALIVE) {
        af |= A_KEEP_ALIVE_ACK;
        ta = true;
        break checks;
      }
      // Zero window probe ACK: repeats the zero window after a probe from the peer.
      if (sameAck && window === 0 && window === fwd.window && rev.lastSegmentFlags & A_ZERO_WINDOW_PROBE) {
        af |= A_ZERO_WINDOW_PROBE_ACK;
        ta = true;
        break checks;
      }
      // Duplicate ACK: no data, same seq/ack/window.
      if (sameAck && window !== 0 && window === fwd.window) {
        fwd.dupacknum = fwd.dupacknum === DUPACK_UNSEEN ? 1 : fwd.dupacknum + 1;
        af |= A_DUPLICATE_ACK;
        ta = true;
        r.dupAckNum = fwd.dupacknum;
        r.dupAckFrame = fwd.lastnondupack;
      }
    }

    if (ack !== fwd.lastack) {
      fwd.lastnondupack = frame;
      fwd.dupacknum = 0;
    }

    // ACKed unseen segment: acknowledges beyond the highest contiguous data of the peer.
    if (rev.maxseqtobeacked !== 0 && seqGT(ack, rev.maxseqtobeacked) && flags & TH_ACK) {
      ta = true;
      if (seqGT(rev.nextseq, rev.maxseqtobeacked)) {
        // The peer sent more after a gap: flag it, and not again for the same gap.
        af |= A_ACK_LOST_PACKET;
        rev.maxseqtobeacked = rev.nextseq;
      } else {
        // Acknowledges data beyond anything the peer sent: flag it once while the peer sends
        // nothing new, marking the peer's duplicate-ACK counter (Wireshark's unsigned −1, which
        // then also counts as "two or more duplicate ACKs" for fast retransmissions).
        if (rev.dupacknum === 0) af |= A_ACK_LOST_PACKET;
        rev.dupacknum = DUPACK_UNSEEN;
      }
    }

    // Retransmission, fast retransmission, spurious retransmission, out-of-order.
    retrans: if (seglen > 0 || flags & (TH_SYN | TH_FIN)) {
      let notAdvanced = fwd.nextseq !== 0 && seqLT(seq, fwd.nextseq);
      if (ta && af & A_KEEP_ALIVE) break retrans;
      // More than one byte starting one before the next expected: new data after a probe.
      if (seglen > 1 && ((fwd.nextseq - 1) >>> 0) === seq) notAdvanced = false;
      if (seglen > 0 && rev.lastack !== 0 && seqLE((seq + seglen) >>> 0, rev.lastack)) {
        af |= A_SPURIOUS_RETRANSMISSION;
        ta = true;
        break retrans;
      }
      if (
        notAdvanced && rev.dupacknum >= 2 && rev.lastack === seq &&
        ltU64(elapsedNs(nowSec, nowNsec, rev.lastackSec, rev.lastackNsec), FAST_RT_NS)
      ) {
        af |= A_FAST_RETRANSMISSION;
        ta = true;
        break retrans;
      }
      const thres = conv.tsFirstRttSec === 0 && conv.tsFirstRttNsec === 0
        ? OOO_DEFAULT_NS
        : conv.tsFirstRttNsec + conv.tsFirstRttSec * NS;
      if (
        notAdvanced && ltU64(elapsedNs(nowSec, nowNsec, fwd.nextseqSec, fwd.nextseqNsec), thres) &&
        fwd.nextseq !== ((seq + seglen + (flags & (TH_SYN | TH_FIN) ? 1 : 0)) >>> 0)
      ) {
        af |= A_OUT_OF_ORDER;
        ta = true;
        break retrans;
      }
      if (notAdvanced) {
        af |= A_RETRANSMISSION;
        ta = true;
        // RTO: from the oldest unacknowledged segment, else from the highest one.
        let rtoSec = nsDelta(nowSec, nowNsec, fwd.nextseqSec, fwd.nextseqNsec);
        let rtoNsec = ndelta.nsec;
        let rtoFrame = fwd.nextseqframe;
        const u = fwd.unacked;
        if (u.count > 0) {
          rtoSec = nsDelta(nowSec, nowNsec, u.oldestSec(), u.oldestNsec());
          rtoNsec = ndelta.nsec;
          rtoFrame = u.oldestFrame();
        }
        r.rtoSec = rtoSec;
        r.rtoNsec = rtoNsec;
        r.rtoFrame = rtoFrame;
      }
    }

    let nextseq = (seq + seglen) >>> 0;
    if ((seglen !== 0 || flags & (TH_SYN | TH_FIN)) && fwd.unacked.count < MAX_UNACKED_SEGMENTS) {
      if (flags & (TH_SYN | TH_FIN)) nextseq = (nextseq + 1) >>> 0;
      fwd.addUnacked(seq | 0, nextseq | 0, frame, nowSec, nowNsec);
    }

    const zwp = (af & A_ZERO_WINDOW_PROBE) !== 0;
    if ((seqGT(nextseq, fwd.nextseq) || fwd.nextseq === 0) && !zwp) {
      fwd.nextseq = nextseq;
      fwd.nextseqframe = frame;
      fwd.nextseqSec = nowSec;
      fwd.nextseqNsec = nowNsec;
    }
    if ((seq === fwd.maxseqtobeacked || fwd.maxseqtobeacked === 0) && !zwp) {
      fwd.maxseqtobeacked = fwd.nextseq;
    }

    fwd.window = window;
    fwd.lastack = ack;
    fwd.lastackSec = nowSec;
    fwd.lastackNsec = nowNsec;
    fwd.lastSegmentFlags = ta ? af : 0;

    // Remove what this acknowledges from the peer's unacknowledged segments; the oldest segment
    // it acknowledges exactly gives acks_frame and the RTT.
    const acked = this.acked;
    rev.unacked.ack(ack | 0, acked);
    rev.releaseUnacked();
    if (acked.frame !== 0) {
      ta = true;
      r.acksFrame = acked.frame;
      r.ackRttSec = nsDelta(nowSec, nowNsec, acked.sec, acked.nsec);
      r.ackRttNsec = ndelta.nsec;
    }

    // Bytes in flight (from the captured payloads) and bytes sent since the last PSH.
    if (seglen !== 0 && fwd.unacked.count > 0 && fwd.validBif) {
      let inFlight = fwd.unacked.inFlight(fwd.baseSeq | 0);
      if (rev.sackCount > 0) inFlight = (inFlight - rev.sackBytes) >>> 0;
      if (inFlight > 0 && inFlight < 2000000000) {
        ta = true;
        r.bytesInFlight = flags & (TH_SYN | TH_FIN) ? inFlight - 1 : inFlight;
      }
      if (flags & TH_PUSH) {
        fwd.pushBytesSent = fwd.pushSetLast ? seglen : (fwd.pushBytesSent + seglen) >>> 0;
        fwd.pushSetLast = true;
      } else if (fwd.pushSetLast) {
        fwd.pushBytesSent = seglen;
        fwd.pushSetLast = false;
      } else {
        fwd.pushBytesSent = (fwd.pushBytesSent + seglen) >>> 0;
      }
      ta = true;
      r.pushBytesSent = fwd.pushBytesSent;
    }

    r.flags = af;
    r.hasAnalysis = ta;
  }
}
