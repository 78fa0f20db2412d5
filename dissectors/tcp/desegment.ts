/**
 * TCP desegmentation, Wireshark 4.0's way (tcp.desegment_tcp_streams on, in-order: out-of-order
 * reassembly off, tcp.no_subdissector_on_error on): the TCP dissector hands each segment's payload
 * here; we call the sub-dissector (tcp.port table, server port first, then the `tcp` heuristics,
 * then data) with `pinfo.canDesegment` set and a TcpPayloadInfo
 * (`{ stream, fromClient, fin }`) as data. When it asks for more bytes (`pinfo.desegmentOffset` /
 * `desegmentLen`, see pinfo.ts) we keep the rest of the segment as the first fragment of a
 * multi-segment PDU (MSP) of that direction; the segments that follow in sequence are added to it,
 * and the one that completes it calls the sub-dissector again with the reassembled bytes (data
 * source `Reassembled TCP (N bytes)`), shows `[N Reassembled TCP Segments (M bytes): #a(len), …]`
 * right after the TCP tree (tcp.segments, tcp.segment, tcp.segment.count, tcp.reassembled.length,
 * tcp.reassembled.data), and takes any bytes after the PDU as the start of the next one.
 * Segments that only carry part of a PDU show `TCP segment data` and, when they start it, Info
 * ` [TCP segment of a reassembled PDU]`.
 *
 * What tshark's single pass shows is what we show: tcp.reassembled_in only where the first pass
 * already knew it (a retransmission of a segment of a PDU completed earlier). Retransmitted and
 * out-of-order segments are not handed to sub-dissectors (tcp.no_subdissector_on_error), so their
 * bytes never corrupt a PDU; a fast retransmission that overlaps a completed PDU is a reassembly
 * error, as in tshark (`[Reassembly error, protocol TCP: New fragment overlaps old data
 * (retransmission?)]`). DESEGMENT_UNTIL_FIN completes on the FIN.
 *
 * `tcpDissectPdus` is Wireshark's tcp_dissect_pdus (length-prefixed protocols such as DNS over TCP):
 * it loops over the PDUs of the bytes it is given, asks for more when one is cut, and adds
 * tcp.pdu.size to the TCP tree.
 *
 * This module installs itself into the TCP dissector (`setTcpPayloadHandler`). Stream numbers,
 * analysis flags and relative sequence numbers come from the TCP stream tracker (tracker.ts,
 * `tcpTracking(ctx).cur`); when another tracker is installed (tests), this module runs its own
 * TcpAnalyzer for them.
 *
 * Memory and speed: nothing is allocated for a segment of a stream no sub-dissector is waiting on
 * (per stream: a small record when its first segment is seen). Payload bytes are copied only for
 * PDUs actually pending; a completed PDU keeps its reassembled buffer only until the next PDU of
 * its direction starts. Per direction at most MAX_PENDING_BYTES (16 MiB) are held for pending PDUs
 * (a PDU that would need more is abandoned: its segments show as TCP segment data) and the last
 * MAX_KEPT_MSPS PDU records are kept for retransmission checks. First pass only: a frame
 * dissected again (`pinfo.visited`) is dissected without desegmentation.
 *
 * "Sticky packets": application dissectors call `notePdu` for each message they decode; it maps
 * the message's bytes back to (frame, payload offset, length) ranges of the segments they came
 * from, adds a generated, hidden `PDU ranges: …` item (tcp.pdu.ranges: in the tree, -T json and
 * -T fields, not in -V text) in full trees, and, when the
 * message table is on (`enableTcpMessageTable`), records them for `tcpMessagesOf`.
 */
import { callByPorts, claimedBy, heuristicTable, table } from '../core/dispatch.js';
import { MalformedError } from '../core/errors.js';
import { defineExpert, PROTO_MALFORMED } from '../core/expert.js';
import { defineField, defineProtocol, fieldByName, type ProtocolDef } from '../core/fields.js';
import { AddrKind, DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN, type CaptureContext, type PacketInfo } from '../core/pinfo.js';
import { NodeFlags, type ProtoNode } from '../core/tree.js';
import { Tvb } from '../core/tvb.js';
import { callData } from '../protocols/ipv4.js';
import { setTcpPayloadHandler, type TcpHeader, type TcpShown } from '../protocols/tcp.js';
import {
  A_KEEP_ALIVE, A_OUT_OF_ORDER, A_RETRANSMISSION, A_SPURIOUS_RETRANSMISSION, REACH_ALL, REACH_SEQ, TcpAnalyzer,
} from './analysis.js';
import { AddrTable } from './addr-table.js';
import type { FollowSegment } from './follow.js';
import { seqLE, seqLT } from './seq.js';
import { tcpTracking } from './tracker.js';
import { Tap } from '../core/taps.js';

const TH_FIN = 0x01;
const TH_SYN = 0x02;
const TH_ACK = 0x10;

/** Bytes held for pending PDUs per direction. */
export const MAX_PENDING_BYTES = 16 * 1024 * 1024;
/** Completed PDU records kept per direction (older ones are forgotten). */
export const MAX_KEPT_MSPS = 4096;
/** Wireshark does not start a PDU whose first fragment is longer than this. */
const MAX_FIRST_FRAGMENT = 1024 * 1024;

/*
 * PDU buffers are recycled in the summary pass: allocating a typed array bigger than 64 bytes
 * costs microseconds (an off-heap backing store), once per reassembled PDU. A buffer goes back to
 * the pool when its PDU's bytes are no longer needed (storeMsp), but only once the packet that
 * dropped it is over (its pinfo.sources may still show it), and only when no decode tree can be
 * holding views of it (buffers of a full-tree dissection are left to the garbage collector).
 * Buffers come in power-of-two sizes; a few per size are kept.
 */
const POOL_MIN = 1024;
const POOL_MAX = 1 << 20;
const POOL_PER_SIZE = 8;
const bufPool = new Map<number, Uint8Array[]>();
/** Buffers dropped during frame `releaseFrame`, pooled once a later frame starts. */
const toRelease: (Uint8Array | null)[] = [];
/** Live entries of toRelease (the array keeps its length: no regrowth per frame). */
let releaseCount = 0;
let releaseFrame = 0;

/** A buffer of at least `n` bytes (contents undefined): pooled when it fits a pooled size. */
function takeBuffer(n: number, pooled: boolean): Uint8Array {
  if (!pooled || n > POOL_MAX) return new Uint8Array(n);
  let size = POOL_MIN;
  while (size < n) size *= 2;
  const list = bufPool.get(size);
  return list !== undefined && list.length > 0 ? list.pop()! : new Uint8Array(size);
}

/** `buf` (from takeBuffer) is no longer used by its PDU: pool it after frame `frame`. */
function dropBuffer(buf: Uint8Array, frame: number): void {
  const size = buf.length;
  if (size < POOL_MIN || size > POOL_MAX || (size & (size - 1)) !== 0) return;
  if (frame !== releaseFrame) flushReleases();
  releaseFrame = frame;
  if (releaseCount === toRelease.length) toRelease.push(buf);
  else toRelease[releaseCount] = buf;
  releaseCount++;
}

function flushReleases(): void {
  for (let i = 0; i < releaseCount; i++) {
    const b = toRelease[i]!;
    toRelease[i] = null;
    let list = bufPool.get(b.length);
    if (list === undefined) bufPool.set(b.length, (list = []));
    if (list.length < POOL_PER_SIZE) list.push(b);
  }
  releaseCount = 0;
}

// --- Fields (Wireshark 4.0 names) ---------------------------------------------------------------

const hfReassembledIn = defineField('tcp.reassembled_in', 'Reassembled PDU in frame', 'framenum', { blurb: 'The PDU that doesn\'t end in this segment is reassembled in this frame' });
const hfSegments = defineField('tcp.segments', 'Reassembled TCP Segments', 'none', { blurb: 'TCP Segments' });
const hfSegment = defineField('tcp.segment', 'TCP Segment', 'framenum');
const hfSegmentOverlap = defineField('tcp.segment.overlap', 'Segment overlap', 'boolean', { tfs: ['True', 'False'], blurb: 'Segment overlaps with other segments' });
const hfSegmentOverlapConflict = defineField('tcp.segment.overlap.conflict', 'Conflicting data in segment overlap', 'boolean', { tfs: ['True', 'False'], blurb: 'Overlapping segments contained conflicting data' });
const hfSegmentMultipleTails = defineField('tcp.segment.multipletails', 'Multiple tail segments found', 'boolean', { tfs: ['True', 'False'], blurb: 'Several tails were found when reassembling the pdu' });
const hfSegmentTooLong = defineField('tcp.segment.toolongfragment', 'Segment too long', 'boolean', { tfs: ['True', 'False'], blurb: 'Segment contained data past end of the pdu' });
const hfSegmentError = defineField('tcp.segment.error', 'Reassembling error', 'framenum', { blurb: 'Reassembling error due to illegal segments' });
const hfSegmentCount = defineField('tcp.segment.count', 'Segment count', 'uint32');
const hfReassembledLength = defineField('tcp.reassembled.length', 'Reassembled TCP length', 'uint32', { blurb: 'The total length of the reassembled payload' });
const hfReassembledData = defineField('tcp.reassembled.data', 'Reassembled TCP Data', 'bytes', { blurb: 'The reassembled payload' });
const hfSegmentData = defineField('tcp.segment_data', 'TCP segment data', 'bytes', { blurb: 'A data segment used in reassembly of a lower-level protocol' });
const hfPduSize = defineField('tcp.pdu.size', 'PDU Size', 'uint32', { blurb: 'The size of this PDU' });
const hfFinRetransmission = defineField('tcp.fin_retransmission', 'Retransmission of FIN from frame', 'framenum');
/** Packetloom: where an application message's bytes are in the segments ("frame:offset-end,…"). */
const hfPduRanges = defineField('tcp.pdu.ranges', 'PDU ranges', 'string', { blurb: 'Packetloom: the segment byte ranges an application message came from (frame:first-last of its TCP payload)' });

const eiReassembly = defineExpert('_ws.malformed.reassembly', 'malformed', 'error', 'Reassembly error');
/** Packetloom: a PDU given up at the reassembly cap (MAX_PENDING_BYTES; Wireshark has none). */
const eiAbandoned = defineExpert('tcp.reassembly.abandoned', 'reassemble', 'note', 'Reassembly given up: the message is larger than Packetloom holds');
const ABANDONED_TEXT = `Reassembly given up: the message is larger than the ${MAX_PENDING_BYTES / 1048576} MiB Packetloom holds per direction; the rest of its segments show as TCP segment data`;

// --- Taps ----------------------------------------------------------------------------------------

const segmentTap = new Tap<FollowSegment>();
const NO_BYTES = new Uint8Array(0);
/** The one segment record handed to the taps; its payload view is made only when a tap reads it. */
class TapSegment implements FollowSegment {
  frame = 0;
  stream = 0;
  seq = 0;
  ack = 0;
  flags = 0;
  analysis = 0;
  segLen = 0;
  pinfo = null as unknown as PacketInfo;
  tvb: Tvb | null = null;
  hlen = 0;
  get payload(): Uint8Array {
    const t = this.tvb;
    if (!t) return NO_BYTES;
    const n = t.remaining(this.hlen);
    return n > 0 ? t.bytes(this.hlen, n) : NO_BYTES;
  }
}
const tapSeg = new TapSegment();

/**
 * Registers a listener for every TCP segment with a known length (Wireshark's tcp_follow tap), in
 * capture order; returns the function that removes it. The object passed is reused.
 */
export function addTcpSegmentTap(fn: (s: FollowSegment) => void): () => void {
  return segmentTap.add(fn);
}

// --- State ---------------------------------------------------------------------------------------

/** One fragment of a multi-segment PDU. */
interface Frag {
  frame: number;
  /** Offset in the PDU. */
  offset: number;
  len: number;
  /** Offset of the first byte in the frame's TCP payload. */
  payloadOff: number;
  /** The bytes (a copy) while the PDU is pending, unless they went straight into `Msp.buf`. */
  bytes: Uint8Array | null;
  /** The bytes were written in place into the PDU's buffer (an in-order fragment). */
  inBuf: boolean;
  flags: number;
}

const FD_OVERLAP = 1;
const FD_OVERLAPCONFLICT = 2;
const FD_MULTIPLETAILS = 4;
const FD_TOOLONGFRAGMENT = 8;

/* Msp booleans (a boolean field costs 8 bytes per PDU record). */
const M_ENTIRE_SEGMENT = 0x1;
const M_DATALEN_SET = 0x2;
const M_DEFRAGMENTED = 0x4;
const M_PARTIAL = 0x8;
const M_POOLED = 0x10;
const M_ABANDONED = 0x20;

/**
 * What a PDU needs only while it is put together: made with the PDU's first fragment, let go
 * (flushDone) once it is complete and the frame that completed it is over. Later frames look at
 * a completed PDU's sequence range, frames, length and reassembledIn only.
 */
class MspWork {
  frags: Frag[] = NO_FRAGS;
  maxFrame = 0;
  data: Uint8Array | null = null;
  headFlags = 0;
  contig = 0;
  buf: Uint8Array | null = null;
  sizeHint = 0;
  pooledBuf: Uint8Array | null = null;
  pendingBytes = 0;
  seenLen = 0;
  /**
   * A partial reassembly continued in place (fragmentAdd): its first `settledFrags` fragments were
   * put together already, into the first `settledEnd` bytes of `buf`, and are not walked again.
   */
  settledFrags = 0;
  settledEnd = 0;
}

/**
 * A multi-segment PDU (Wireshark's tcp_multisegment_pdu with its fragment_head). The last
 * MAX_KEPT_MSPS of each direction are kept for retransmission checks, so the fields only a
 * pending PDU needs are in its MspWork (read as their start values once it is gone).
 */
class Msp {
  /** M_* bits. */
  private bits = 0;
  datalen = 0;
  reassembledIn = 0;
  lastFrame: number;
  private work: MspWork | null = null;
  constructor(public seq: number, public nxtpdu: number, readonly firstFrame: number) {
    this.lastFrame = firstFrame;
  }

  /** The pending part, made on the first write of a value other than its start value. */
  private w(): MspWork {
    return (this.work ??= new MspWork());
  }
  /** The PDU is complete and its frame over: the pending part goes (its values are back at their start, or unused). */
  settle(): void {
    this.work = null;
  }

  /** The fragments, sorted by offset (NO_FRAGS until the first, and once a completed PDU's frame is over). */
  get frags(): Frag[] {
    return this.work?.frags ?? NO_FRAGS;
  }
  set frags(v: Frag[]) {
    if (this.work !== null || v !== NO_FRAGS) this.w().frags = v;
  }
  get maxFrame(): number {
    return this.work?.maxFrame ?? 0;
  }
  set maxFrame(v: number) {
    if (this.work !== null || v !== 0) this.w().maxFrame = v;
  }
  /** The reassembled bytes (while they may still be needed). */
  get data(): Uint8Array | null {
    return this.work?.data ?? null;
  }
  set data(v: Uint8Array | null) {
    if (this.work !== null || v !== null) this.w().data = v;
  }
  get headFlags(): number {
    return this.work?.headFlags ?? 0;
  }
  set headFlags(v: number) {
    if (this.work !== null || v !== 0) this.w().headFlags = v;
  }
  /** How far the fragments cover the PDU from its start without a hole. */
  get contig(): number {
    return this.work?.contig ?? 0;
  }
  set contig(v: number) {
    if (this.work !== null || v !== 0) this.w().contig = v;
  }
  /**
   * The PDU's buffer: in-order fragments are copied straight to their place (one copy per byte);
   * sized from the length the dissector asked for when it said, else grown as needed.
   */
  get buf(): Uint8Array | null {
    return this.work?.buf ?? null;
  }
  set buf(v: Uint8Array | null) {
    if (this.work !== null || v !== null) this.w().buf = v;
  }
  /** Captured length the sub-dissector saw of this PDU at its last call (PacketInfo.pduSeenLen). */
  get seenLen(): number {
    return this.work?.seenLen ?? 0;
  }
  set seenLen(v: number) {
    if (this.work !== null || v !== 0) this.w().seenLen = v;
  }
  get sizeHint(): number {
    return this.work?.sizeHint ?? 0;
  }
  set sizeHint(v: number) {
    if (this.work !== null || v !== 0) this.w().sizeHint = v;
  }
  /** The pooled buffer behind `data` once the PDU is complete (released by storeMsp). */
  get pooledBuf(): Uint8Array | null {
    return this.work?.pooledBuf ?? null;
  }
  set pooledBuf(v: Uint8Array | null) {
    if (this.work !== null || v !== null) this.w().pooledBuf = v;
  }
  get settledFrags(): number {
    return this.work?.settledFrags ?? 0;
  }
  set settledFrags(v: number) {
    if (this.work !== null || v !== 0) this.w().settledFrags = v;
  }
  get settledEnd(): number {
    return this.work?.settledEnd ?? 0;
  }
  set settledEnd(v: number) {
    if (this.work !== null || v !== 0) this.w().settledEnd = v;
  }
  get pendingBytes(): number {
    return this.work?.pendingBytes ?? 0;
  }
  set pendingBytes(v: number) {
    if (this.work !== null || v !== 0) this.w().pendingBytes = v;
  }

  get entireSegment(): boolean {
    return (this.bits & M_ENTIRE_SEGMENT) !== 0;
  }
  set entireSegment(v: boolean) {
    this.bits = v ? this.bits | M_ENTIRE_SEGMENT : this.bits & ~M_ENTIRE_SEGMENT;
  }
  get datalenSet(): boolean {
    return (this.bits & M_DATALEN_SET) !== 0;
  }
  set datalenSet(v: boolean) {
    this.bits = v ? this.bits | M_DATALEN_SET : this.bits & ~M_DATALEN_SET;
  }
  get defragmented(): boolean {
    return (this.bits & M_DEFRAGMENTED) !== 0;
  }
  set defragmented(v: boolean) {
    this.bits = v ? this.bits | M_DEFRAGMENTED : this.bits & ~M_DEFRAGMENTED;
  }
  get partial(): boolean {
    return (this.bits & M_PARTIAL) !== 0;
  }
  set partial(v: boolean) {
    this.bits = v ? this.bits | M_PARTIAL : this.bits & ~M_PARTIAL;
  }
  /** `buf` comes from the pool (summary pass) and goes back to it when the PDU is done with. */
  get pooled(): boolean {
    return (this.bits & M_POOLED) !== 0;
  }
  set pooled(v: boolean) {
    this.bits = v ? this.bits | M_POOLED : this.bits & ~M_POOLED;
  }
  get abandoned(): boolean {
    return (this.bits & M_ABANDONED) !== 0;
  }
  set abandoned(v: boolean) {
    this.bits = v ? this.bits | M_ABANDONED : this.bits & ~M_ABANDONED;
  }
}

/** The msps of a direction without PDUs (never changed: storeMsp puts a new array in its place). */
const NO_MSPS: Msp[] = [];

/** One direction's PDU records; made when its first PDU starts (most directions never have one). */
class DirState {
  /** PDUs by sequence number (unsigned order, as Wireshark's tree). */
  msps: Msp[] = NO_MSPS;
  untilFin = false;
  fin = 0;
  pendingBytes = 0;
}

class StreamState {
  af = 0;
  /* The first sender's address is the stream's slot of CaptureState.addrs. */
  port = 0;
  /** Direction (0: node 0, the first sender) of the connection's client. */
  clientDir = 0;
  clientKnown = false;
  serverPort = 0;
  /* The two directions as fields (a two-element array costs two more objects per stream), made on first use. */
  dir0: DirState | null = null;
  dir1: DirState | null = null;

  /** Direction `dir`'s state, made when it has none yet. */
  dirState(dir: 0 | 1): DirState {
    if (dir === 0) return (this.dir0 ??= new DirState());
    return (this.dir1 ??= new DirState());
  }
}

/** One application message and where its bytes came from. */
export interface TcpMessage {
  stream: number;
  /** 0: from node 0 (the stream's first sender); 1: the other way. */
  dir: 0 | 1;
  /** Protocol that decoded it (abbrev). */
  protocol: string;
  /** Frame in which it was dissected. */
  frame: number;
  /** Relative sequence number of its first byte. */
  seq: number;
  len: number;
  /** The pieces, in order: frame, offset in that frame's TCP payload, length. */
  ranges: { frame: number; offset: number; len: number }[];
}

class CaptureState {
  streams: (StreamState | undefined)[] = [];
  /** Each stream's first sender address (node 0). */
  readonly addrs = new AddrTable(16);
  analyzer: TcpAnalyzer | null = null;
  messages: TcpMessage[] | null = null;
}

const states = new WeakMap<CaptureContext, CaptureState>();
let lastCtx: CaptureContext | null = null;
let lastState: CaptureState | null = null;

function stateOf(ctx: CaptureContext): CaptureState {
  if (ctx === lastCtx) return lastState!;
  let s = states.get(ctx);
  if (!s) {
    s = new CaptureState();
    states.set(ctx, s);
  }
  lastCtx = ctx;
  lastState = s;
  return s;
}

/** The end of a pass: the per-stream records keep no room for more streams (they grow again when one comes). */
export function trimTcpDesegmentState(ctx: CaptureContext): void {
  const s = states.get(ctx);
  if (s === undefined) return;
  s.addrs.trim(Math.max(1, s.streams.length));
  s.streams = s.streams.slice();
}

/**
 * The end of the last pass (no packet comes any more): the PDU records of every direction go (on
 * the 1M bench file some 8 bytes per packet). They serve only the first pass (desegmentation,
 * retransmission checks, reassembly until FIN); a frame dissected again is not desegmented, and
 * reads only the stream's record (its direction and roles), which stays.
 */
export function releaseTcpDesegmentState(ctx: CaptureContext): void {
  const s = states.get(ctx);
  if (s === undefined) return;
  for (const st of s.streams) {
    if (st === undefined) continue;
    st.dir0 = null;
    st.dir1 = null;
  }
}

/** Turns on the per-capture table of application messages (off by default: it costs memory). */
export function enableTcpMessageTable(ctx: CaptureContext): void {
  const s = stateOf(ctx);
  s.messages ??= [];
}

/** The application messages of a stream direction (empty unless the table is on). */
export function tcpMessagesOf(ctx: CaptureContext, stream: number, dir?: 0 | 1): TcpMessage[] {
  const m = stateOf(ctx).messages ?? [];
  return m.filter((x) => x.stream === stream && (dir === undefined || x.dir === dir));
}

// --- The current segment (set for each TCP header) ---------------------------------------------

let curValid = false;
let curStream = 0;
let curFlags = 0;
let curSeq = 0;
let curAck = 0;
/** The segment has ACK set (curAck means something). */
let curHasAck = false;
let curDir: 0 | 1 = 0;
let curState: StreamState | null = null;
/** The Info prefix of the segment's analysis flags. */
let curPrefix = '';
/** A fenced call is running (Info was emptied; what was there goes back in front after it). */
let fenceActive = false;
/** Its fence: the Info text that goes back in front. */
let activeFence = '';

/**
 * In a call behind a column fence: the Info text before the fence, the PDUs before it in the
 * segment or TCP's analysis prefix (a dissector that appends with a separator,
 * col_append_sep_str, puts one after it), else null.
 */
export function infoFence(): string | null {
  // TCP's analysis prefix ("[TCP Retransmission] ") is fenced too (it goes back in front after).
  return fenceActive ? activeFence : curPrefix || null;
}

/**
 * Called by the TCP dissector for every header, right after the stream tracker: takes the
 * tracker's results for this header (or runs the fallback analyzer when no tracker ran) and finds
 * the stream and direction.
 */
function segmentSeen(h: TcpHeader, pinfo: PacketInfo, sh: TcpShown, tvb: Tvb): void {
  curValid = false;
  curHasAck = (h.flags & TH_ACK) !== 0;
  if (releaseCount !== 0 && pinfo.meta.num !== releaseFrame) flushReleases();
  if (doneCount !== 0 && pinfo.meta.num !== doneFrame) flushDone();
  curPrefix = sh.infoPrefix;
  if (h.inErrorPkt || pinfo.inErrorPkt) return;
  const st = stateOf(pinfo.ctx);
  let stream: number;
  const r0 = tcpTracking(pinfo.ctx).cur;
  if (r0) {
    stream = r0.stream;
    curFlags = sh.analysisFlags;
    curSeq = r0.seq;
    curAck = r0.ack;
  } else {
    if (tvb.length < 16) return;
    const a = (st.analyzer ??= new TcpAnalyzer());
    const inp = a.input;
    const kind = pinfo.srcKind;
    if (kind !== AddrKind.IPv4 && kind !== AddrKind.IPv6) return;
    inp.frame = pinfo.meta.num;
    inp.tsSec = pinfo.meta.hasTs ? pinfo.meta.tsSec : 0;
    inp.tsNsec = pinfo.meta.hasTs ? pinfo.meta.tsNsec : 0;
    inp.setAddrs(kind === AddrKind.IPv4 ? 4 : 6, pinfo.srcData, pinfo.srcOff, pinfo.dstData, pinfo.dstOff);
    inp.srcPort = h.srcPort;
    inp.dstPort = h.dstPort;
    inp.seq = h.seq;
    inp.ack = h.ack;
    inp.flags = h.flags;
    inp.win = h.win;
    inp.payloadLen = h.segLen;
    inp.hdrLen = h.hdrLen;
    inp.hdrCaptured = Math.min(tvb.length, Math.max(h.hdrLen, 20));
    inp.wscale = h.wscale;
    inp.sackCount = h.sackCount;
    for (let i = 0; i < h.sackCount; i++) {
      inp.sackLe[i] = h.sackLe[i]!;
      inp.sackRe[i] = h.sackRe[i]!;
    }
    const r = a.analyze();
    // (Only sequence numbers are taken from this analysis: window scaling checked at once.)
    a.verifyWindowScaling();
    if (r.reach === REACH_SEQ && h.hdrLen < 20) return;
    stream = r.stream;
    curFlags = r.hasAnalysis && r.reach === REACH_ALL ? r.flags : 0;
    curSeq = r.seq;
    curAck = r.ack;
  }
  const kind = pinfo.srcKind;
  if (kind !== AddrKind.IPv4 && kind !== AddrKind.IPv6) return;
  const n = kind === AddrKind.IPv4 ? 4 : 16;
  let s = st.streams[stream];
  if (!s) {
    s = new StreamState();
    s.af = kind;
    st.addrs.ensure(stream);
    st.addrs.set(stream, 0, pinfo.srcData, pinfo.srcOff, n);
    s.port = h.srcPort;
    st.streams[stream] = s;
  }
  const dir: 0 | 1 = s.af === kind && s.port === h.srcPort && st.addrs.equals(stream, 0, pinfo.srcData, pinfo.srcOff, n) ? 0 : 1;
  if (h.flags & TH_SYN) {
    // Wireshark's server_port: the SYN's destination, the SYN-ACK's source.
    s.serverPort = h.flags & TH_ACK ? h.srcPort : h.dstPort;
    if (!s.clientKnown) {
      s.clientKnown = true;
      s.clientDir = h.flags & TH_ACK ? dir ^ 1 : dir;
    }
  }
  curValid = true;
  curStream = stream;
  curDir = dir;
  curState = s;
}

// --- Payload handling ----------------------------------------------------------------------------

/** What TCP passes to sub-dissectors (http.ts TcpPayloadInfo). One object, updated per call. */
const payloadInfo = { stream: 0, fromClient: true, fin: false, seq: 0, ack: 0, hasAck: false };

const tcpPorts = table('tcp.port', 'TCP port');
const tcpHeuristics = heuristicTable('tcp');

/** Thrown by the reassembly (Wireshark's ReassemblyError); caught in this module. */
class ReassemblyError extends Error {}

/** The TCP tree of the segment being dissected (for tcp.pdu.size from tcpDissectPdus). */
let curTcpTree: ProtoNode | null = null;

/** Where the bytes given to the sub-dissector came from (for notePdu). */
interface CallSource {
  data: Uint8Array;
  /** Absolute offset in `data` of the first byte. */
  start: number;
  /** Single segment: its frame and the payload offset of `start`. Reassembled: the fragments. */
  frame: number;
  payloadOff: number;
  frags: Frag[] | null;
  seq: number;
}
let callSource: CallSource | null = null;

/**
 * Before the payload (also for segments without one): the follow taps, and a FIN that completes a
 * PDU reassembled until FIN. Returns true when the segment has been fully handled.
 */
function beforePayload(tvb: Tvb, hlen: number, h: TcpHeader, pinfo: PacketInfo, tree: ProtoNode, tcpTree: ProtoNode): boolean {
  if (!curValid || h.segLen < 0) return false;
  const stream = curStream;
  const dir = curDir;
  const s = curState!;
  if (segmentTap.active) {
    const ts = tapSeg;
    ts.frame = pinfo.meta.num;
    ts.stream = stream;
    ts.seq = curSeq;
    ts.ack = curAck;
    ts.flags = h.flags;
    ts.analysis = curFlags;
    ts.segLen = h.segLen;
    ts.tvb = tvb;
    ts.hlen = hlen;
    ts.pinfo = pinfo;
    segmentTap.emit(ts);
    ts.tvb = null;
  }
  const d = dir === 0 ? s.dir0 : s.dir1;
  if (!(h.flags & TH_FIN) || d === null || !d.untilFin || pinfo.visited) return false;
  if (d.fin !== 0 && d.fin !== pinfo.meta.num) {
    tcpTree.add(hfFinRetransmission, tvb, 0, 0, d.fin);
    return false;
  }
  d.fin = pinfo.meta.num;
  const seq = curSeq;
  const msp = lookupLE(d, (seq - 1) >>> 0);
  if (!msp) return false;
  const payload = tvb.sub(hlen);
  let complete: boolean;
  try {
    complete = fragmentAdd(d, msp, payload, 0, (seq - msp.seq) >>> 0, h.segLen, false, pinfo.meta.num, 0);
  } catch (e) {
    if (e instanceof ReassemblyError) {
      reassemblyError(pinfo, tree, e.message);
      return true;
    }
    throw e;
  }
  if (!complete || msp.reassembledIn !== pinfo.meta.num) return false;
  const next = reassembledTvb(pinfo, msp);
  // Wireshark prints this tree before it dissects the payload (its protocol hierarchy shows it so).
  fragmentTree(msp, pinfo, curPrefix, tree, tcpTree, next, true);
  pinfo.canDesegment = false;
  const prevTree = curTcpTree;
  curTcpTree = tcpTree;
  try {
    callSub(next, pinfo, tree, s, dir, stream, true, msp.frags, msp.seq, 0, 0);
  } finally {
    curTcpTree = prevTree;
  }
  pduDone(msp, pinfo.meta.num);
  return true;
}

/**
 * The sub-dissector is done with a reassembled PDU (and did not ask for more of it): its bytes
 * are not kept (a whole capture's reassembled payload would stay in memory otherwise); a pooled
 * buffer goes back to the pool after this frame.
 */
function pduDone(msp: Msp, frame: number): void {
  if (msp.partial || !msp.defragmented) return;
  if (msp.pooledBuf !== null) dropBuffer(msp.pooledBuf, frame);
  msp.pooledBuf = null;
  msp.data = null;
  if (frame !== doneFrame) flushDone();
  doneFrame = frame;
  if (doneCount === doneMsps.length) doneMsps.push(msp);
  else doneMsps[doneCount] = msp;
  doneCount++;
}

/*
 * A completed PDU's fragment list is read only while the frame that completed it is dissected
 * (its tree, notePdu, a second PDU of that frame); later frames look at its sequence range and
 * reassembledIn only (a retransmission into it is a reassembly error whatever the fragments). So
 * the list is let go once the next frame starts: about 5 records per PDU kept for every
 * connection otherwise.
 */
const NO_FRAGS: Frag[] = [];
const doneMsps: (Msp | null)[] = [];
let doneCount = 0;
let doneFrame = 0;

function flushDone(): void {
  for (let i = 0; i < doneCount; i++) {
    const m = doneMsps[i]!;
    doneMsps[i] = null;
    if (m.defragmented && !m.partial) {
      const fl = m.frags;
      m.settle();
      // Nothing else holds them (trees copy their values; the call sources are gone): reuse.
      for (let k = 0; k < fl.length && fragPool.length < FRAG_POOL_SIZE; k++) {
        const f = fl[k]!;
        f.bytes = null;
        fragPool.push(f);
      }
    }
  }
  doneCount = 0;
}

/* Fragment records of completed PDUs, reused by the next ones (one object per segment otherwise). */
const FRAG_POOL_SIZE = 1024;
const fragPool: Frag[] = [];

function takeFrag(frame: number, offset: number, len: number, payloadOff: number, bytes: Uint8Array | null, inBuf: boolean): Frag {
  const f = fragPool.pop();
  if (f === undefined) return { frame, offset, len, payloadOff, bytes, inBuf, flags: 0 };
  f.frame = frame;
  f.offset = offset;
  f.len = len;
  f.payloadOff = payloadOff;
  f.bytes = bytes;
  f.inBuf = inBuf;
  f.flags = 0;
  return f;
}

/**
 * The payload of a TCP segment (`tvb` starts at its first byte): desegmentation, or a plain call
 * of the sub-dissector when it cannot be done (truncated capture, IP fragment, quoted header,
 * frame seen before).
 */
function payload(tvb: Tvb, h: TcpHeader, pinfo: PacketInfo, tree: ProtoNode, tcpTree: ProtoNode): void {
  if (!curValid) {
    // No conversation (not IP, or a header too short for the analysis): hand it on as it is.
    payloadInfo.stream = -1;
    plainCall(tvb, h, pinfo, tree, null, 0);
    return;
  }
  const prevTree = curTcpTree;
  curTcpTree = tcpTree;
  try {
    const can = !pinfo.fragmented && !pinfo.inErrorPkt && h.segLen >= 0 && tvb.length === tvb.reportedLength;
    if (!can || pinfo.visited) {
      // Dissected again: no desegmentation (a stream with PDUs over several segments is shown
      // through a replay, electron/engine/stream-replay.ts), but a retransmission is still not
      // handed to the sub-dissector (tcp.no_subdissector_on_error), as in desegment().
      if (can && curFlags & A_RETRANSMISSION) {
        if (!(curFlags & A_SPURIOUS_RETRANSMISSION)) segmentData(tcpTree, tvb, 0, tvb.reportedRemaining(0), 'Retransmitted ');
        return;
      }
      plainCall(tvb, h, pinfo, tree, curState, curDir);
      return;
    }
    let seq = curSeq;
    let nxtseq = (seq + h.segLen) >>> 0;
    if (h.flags & TH_SYN) {
      seq = (seq + 1) >>> 0;
      nxtseq = (nxtseq + 1) >>> 0;
    }
    try {
      desegment(tvb, pinfo, tree, tcpTree, seq, nxtseq, h.flags, curStream, curDir, curState!, curFlags);
    } catch (e) {
      if (e instanceof ReassemblyError) {
        reassemblyError(pinfo, tree, e.message);
        return;
      }
      throw e;
    }
  } finally {
    curTcpTree = prevTree;
  }
}

function plainCall(tvb: Tvb, h: TcpHeader, pinfo: PacketInfo, tree: ProtoNode, s: StreamState | null, dir: 0 | 1): void {
  const saved = pinfo.fragmented;
  pinfo.fragmented = true;
  pinfo.canDesegment = false;
  try {
    if (s) setPayloadInfo(s, dir, curStream, (h.flags & TH_FIN) !== 0);
    const src = single(tvb, pinfo.meta.num, 0, s ? curSeq : 0);
    decodePorts(tvb, pinfo, tree, s, s ? curFlags : 0, src);
  } finally {
    pinfo.fragmented = saved;
  }
}

function setPayloadInfo(s: StreamState, dir: 0 | 1, stream: number, fin: boolean): void {
  payloadInfo.stream = stream;
  payloadInfo.fromClient = dir === s.clientDir;
  payloadInfo.fin = fin;
  payloadInfo.ack = curAck;
  payloadInfo.hasAck = curHasAck;
}

const singleSource: CallSource = { data: new Uint8Array(0), start: 0, frame: 0, payloadOff: 0, frags: null, seq: 0 };

function single(tvb: Tvb, frame: number, payloadOff: number, seq: number): CallSource {
  const c = singleSource;
  c.data = tvb.data;
  c.start = tvb.start;
  c.frame = frame;
  c.payloadOff = payloadOff;
  c.frags = null;
  c.seq = seq;
  return c;
}

/**
 * Wireshark's decode_tcp_ports: keep-alives go to data; retransmissions and out-of-order segments
 * to nobody; otherwise the server port, the lower port, the higher port, the heuristics, data.
 * Returns true when a sub-dissector took it.
 */
function decodePorts(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, s: StreamState | null, aflags: number, src: CallSource): boolean {
  if (aflags & A_KEEP_ALIVE) {
    callData(tvb, pinfo, tree);
    return true;
  }
  if (aflags & (A_RETRANSMISSION | A_OUT_OF_ORDER)) return false;
  const layers = pinfo.layerCount;
  const kids = tree.real ? tree.addedCount : 0;
  try {
    return tryPorts(tvb, pinfo, tree, s, src);
  } finally {
    // A dissector that used none of the bytes (it added nothing; in the summary pass: it asked for
    // more from the start) is not listed in frame.protocols, as in tshark.
    const none = tree.real ? tree.addedCount === kids : pinfo.desegmentLen > 0 && pinfo.desegmentOffset === 0;
    if (none) pinfo.layerCount = layers;
    // The analysis prefix ("[TCP Retransmission] ") is fenced in Wireshark: it stays in front.
    if (curPrefix && !fenceActive && !pinfo.info.startsWith(curPrefix)) pinfo.info = curPrefix + pinfo.info;
  }
}

function tryPorts(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, s: StreamState | null, src: CallSource): boolean {
  const prev = callSource;
  callSource = src;
  try {
    const sport = pinfo.srcPort;
    const dport = pinfo.dstPort;
    if (s) payloadInfo.seq = src.seq;
    const data = s ? payloadInfo : undefined;
    const server = s ? s.serverPort : 0;
    if (server && claimedBy(tcpPorts.call(server, tvb, pinfo, tree, data), pinfo)) return true;
    if (sport && dport) {
      if (claimedBy(callByPorts(tcpPorts, sport, dport, tvb, pinfo, tree, data), pinfo)) return true;
    } else if (sport || dport) {
      if (claimedBy(tcpPorts.call(sport || dport, tvb, pinfo, tree, data), pinfo)) return true;
    }
    if (tcpHeuristics.call(tvb, pinfo, tree, data)) return true;
    callData(tvb, pinfo, tree);
    return false;
  } finally {
    callSource = prev;
  }
}

/** Calls the sub-dissector through decodePorts, as Wireshark's process_tcp_payload. */
function callSub(
  tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, s: StreamState, dir: 0 | 1, stream: number, fin: boolean,
  frags: Frag[] | null, seq: number, payloadOff: number, aflags: number,
): void {
  setPayloadInfo(s, dir, stream, fin);
  const src: CallSource = frags
    ? { data: tvb.data, start: tvb.start, frame: pinfo.meta.num, payloadOff: 0, frags, seq }
    : single(tvb, pinfo.meta.num, payloadOff, seq);
  decodePorts(tvb, pinfo, tree, s, aflags, src);
}

/** Wireshark's desegment_tcp (in-order). */
function desegment(
  tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, tcpTree: ProtoNode, seq: number, nxtseq: number, tcpFlags: number,
  stream: number, dir: 0 | 1, s: StreamState, aflags: number,
): void {
  const num = pinfo.meta.num;
  /** TCP's Info, before any sub-dissector adds to it. */
  const tcpInfo = pinfo.info;
  // Made when a PDU starts (or the sub-dissector asks for everything up to the FIN).
  let d = dir === 0 ? s.dir0 : s.dir1;
  const fin = (tcpFlags & TH_FIN) !== 0;
  let offset = 0;
  let firstPdu = true;
  let fenceInfo: string | null = null;
  let lockedProtocol: string | null = null;

  for (;;) {
    let ipfdHead: Msp | null = null;
    let lastFragmentLen = 0;
    let mustDesegment = false;
    let calledDissector = false;
    let anotherPduFollows = 0;
    let msp: Msp | null = null;
    /** The PDU this segment's bytes were added to (not complete here). */
    let addedTo: Msp | null = null;
    let nextTvb: Tvb | null = null;
    pinfo.canDesegment = true;
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = 0;
    let desegOffset = offset;

    // A PDU that starts exactly here: this is a retransmission of its first segment.
    msp = lookupExact(d, seq);
    if (msp && seqLE(nxtseq, msp.nxtpdu) && msp.lastFrame !== num) {
      const retrans = msp.firstFrame !== num;
      if (!retrans && msp.reassembledIn !== 0) tcpTree.addGenerated(hfReassembledIn, msp.reassembledIn, tvb, 0, 0);
      segmentData(tcpTree, tvb, offset, tvb.reportedRemaining(offset), retrans ? 'Retransmitted ' : '');
      break;
    }
    if (aflags & A_SPURIOUS_RETRANSMISSION) break;
    if (aflags & A_RETRANSMISSION) {
      segmentData(tcpTree, tvb, offset, tvb.reportedRemaining(offset), 'Retransmitted ');
      break;
    }
    if (!msp) msp = lookupLE(d, (seq - 1) >>> 0);

    // An abandoned PDU (too big to hold) still takes its segments: they show as TCP segment data.
    if (msp && seqLE(msp.seq, seq) && seqLT(seq, msp.nxtpdu)) {
      msp.lastFrame = num;
      const len = msp.entireSegment ? tvb.remaining(offset) : Math.min((nxtseq - seq) >>> 0, (msp.nxtpdu - seq) >>> 0);
      lastFragmentLen = len;
      // The PDU came from this direction's records, so they exist.
      const wasPartial = msp.defragmented && msp.partial;
      const wasAbandoned = msp.abandoned;
      let complete: boolean;
      try {
        complete = fragmentAdd(d!, msp, tvb, offset, (seq - msp.seq) >>> 0, len, seqLT(nxtseq, msp.nxtpdu), num, offset);
        if (msp.abandoned && !wasAbandoned) abandoned(pinfo, tcpTree, tvb, offset, len);
      } catch (e) {
        // A retransmission into a PDU put together in part so far is a reassembly error of the
        // first pass, but Wireshark keeps it among the PDU's fragments: its second pass shows
        // these bytes as part of the PDU. (Into a complete PDU, it is an error in both passes.)
        // The pass itself ends here, as the error ends it.
        if (!(e instanceof ReassemblyError) || !wasPartial || !tcpTree.real || pinfo.ctx.hindsight === null) throw e;
        const later = laterReassembledIn(pinfo.ctx.hindsight, stream, dir, msp.seq);
        if (later !== 0 && later !== num) tcpTree.addGenerated(hfReassembledIn, later, tvb, 0, 0);
        if (lockedProtocol === null) pinfo.setProtocol('TCP');
        if (firstPdu) pinfo.appendInfoSep(' ', '[TCP segment of a reassembled PDU]');
        segmentData(tcpTree, tvb, offset, tvb.reportedRemaining(offset), '');
        return;
      }
      if (complete) ipfdHead = msp;
      else addedTo = msp;
      if (msp.entireSegment) {
        msp.entireSegment = false;
        if (seqLT(msp.nxtpdu, nxtseq)) msp.nxtpdu = nxtseq;
      }
      if (seqLT(msp.nxtpdu, nxtseq) && seqLE(seq, msp.nxtpdu) && len > 0) anotherPduFollows = (msp.nxtpdu - seq) >>> 0;
    } else if ((msp = pduPutTogetherLater(pinfo, stream, dir, seq, num, tcpTree)) !== null) {
      // Beside a finished first pass (a replay's tree), a PDU that starts here and that pass put
      // together in a later frame is not handed to the sub-dissector, as Wireshark's second pass
      // finds the first pass's MSP first: its bytes are TCP segment data, collected as then.
      const left = (msp.nxtpdu - nxtseq) | 0;
      pinfo.desegmentLen = left > 0 ? left : DESEGMENT_ONE_MORE_SEGMENT;
      mustDesegment = true;
      desegOffset = offset;
      msp = null;
    } else {
      const sub = offset === 0 ? tvb : tvb.sub(offset);
      if (fenceInfo === null) callSub(sub, pinfo, tree, s, dir, stream, fin, null, seq, offset, aflags);
      else fenced(pinfo, fenceInfo, lockedProtocol, () => callSub(sub, pinfo, tree, s, dir, stream, fin, null, seq, offset, aflags));
      calledDissector = true;
      if (pinfo.desegmentLen) {
        mustDesegment = true;
        desegOffset = offset + pinfo.desegmentOffset;
      }
      msp = null;
    }

    if (ipfdHead && ipfdHead.reassembledIn === num) {
      msp = ipfdHead;
      nextTvb = reassembledTvb(pinfo, msp);
      pinfo.canDesegment = true;
      pinfo.desegmentOffset = 0;
      pinfo.desegmentLen = 0;
      const next = nextTvb;
      const m = msp;
      pinfo.pduSeenLen = m.seenLen;
      if (fenceInfo === null) callSub(next, pinfo, tree, s, dir, stream, fin, m.frags, m.seq, 0, aflags);
      else fenced(pinfo, fenceInfo, lockedProtocol, () => callSub(next, pinfo, tree, s, dir, stream, fin, m.frags, m.seq, 0, aflags));
      pinfo.pduSeenLen = 0;
      calledDissector = true;
      const oldLen = nextTvb.reportedLength - lastFragmentLen;
      if (pinfo.desegmentLen && pinfo.desegmentOffset <= oldLen) {
        // It needs more for this very PDU: keep collecting into it.
        msp.partial = true;
        msp.seenLen = nextTvb.length;
        if (pinfo.desegmentLen === DESEGMENT_ONE_MORE_SEGMENT) {
          const end = (seq + tvb.reportedRemaining(offset)) >>> 0;
          msp.nxtpdu = ((seqLT(msp.nxtpdu, end) ? end : msp.nxtpdu) + 1) >>> 0;
          msp.entireSegment = true;
        } else if (pinfo.desegmentLen === DESEGMENT_UNTIL_FIN) {
          (d ??= s.dirState(dir)).untilFin = true;
          msp.nxtpdu = (msp.seq + 0x40000000) >>> 0;
        } else if (seqLE(msp.nxtpdu, (seq + lastFragmentLen) >>> 0)) {
          msp.nxtpdu = (seq + lastFragmentLen + pinfo.desegmentLen) >>> 0;
        } else {
          msp.nxtpdu = (msp.nxtpdu + pinfo.desegmentLen) >>> 0;
        }
        anotherPduFollows = 0;
        offset += lastFragmentLen;
        seq = (seq + lastFragmentLen) >>> 0;
        if (tvb.remaining(offset) > 0) continue;
      } else {
        const nbytes = anotherPduFollows > 0 ? anotherPduFollows : tvb.reportedRemaining(offset);
        segmentData(tcpTree, tvb, offset, nbytes, '');
        fragmentTree(msp, pinfo, fenceInfo ?? curPrefix, tree, tcpTree, nextTvb);
        pduDone(msp, num);
        if (pinfo.desegmentLen) {
          mustDesegment = true;
          desegOffset = tvb.reportedLength - (msp.datalen - pinfo.desegmentOffset);
        }
      }
    }

    if (mustDesegment) {
      d ??= s.dirState(dir);
      if (pinfo.desegmentLen === DESEGMENT_UNTIL_FIN) d.untilFin = true;
      const desegSeq = (seq + (desegOffset - offset)) >>> 0;
      if (((nxtseq - desegSeq) >>> 0) <= MAX_FIRST_FRAGMENT) {
        let nxtpdu: number;
        if (pinfo.desegmentLen === DESEGMENT_ONE_MORE_SEGMENT) nxtpdu = (nxtseq + 1) >>> 0;
        else if (pinfo.desegmentLen === DESEGMENT_UNTIL_FIN) nxtpdu = (nxtseq + 0x40000000) >>> 0;
        else nxtpdu = (nxtseq + pinfo.desegmentLen) >>> 0;
        const m = storeMsp(d, desegSeq, nxtpdu, num, !tree.real);
        pinfo.pduStarted = true;
        // The sub-dissector saw the PDU's bytes of this segment when it starts where it was handed them.
        if (desegOffset === offset) m.seenLen = tvb.remaining(offset);
        if (pinfo.desegmentLen === DESEGMENT_ONE_MORE_SEGMENT) m.entireSegment = true;
        else if (pinfo.desegmentLen !== DESEGMENT_UNTIL_FIN) m.sizeHint = (nxtpdu - desegSeq) >>> 0;
        fragmentAdd(d, m, tvb, desegOffset, 0, (nxtseq - desegSeq) >>> 0, seqLT(nxtseq, m.nxtpdu), num, desegOffset);
        if (m.abandoned) abandoned(pinfo, tcpTree, tvb, desegOffset, (nxtseq - desegSeq) >>> 0);
      }
    }

    if (!calledDissector || pinfo.desegmentLen !== 0) {
      if (ipfdHead && ipfdHead.reassembledIn !== 0 && ipfdHead.reassembledIn !== num && !ipfdHead.partial) {
        tcpTree.addGenerated(hfReassembledIn, ipfdHead.reassembledIn, tvb, 0, 0);
      } else if (tcpTree.real && pinfo.ctx.hindsight !== null) {
        // Beside a finished first pass, what Wireshark's second pass shows: the frame where the
        // PDU these bytes belong to (one they were added to, one put together here only in part,
        // or one that starts right here) ended — a PDU's first segment shows it even when that
        // frame put it together only in part.
        const hs = pinfo.ctx.hindsight;
        const into = addedTo ?? ipfdHead;
        const starts = !into && mustDesegment && desegOffset === offset ? laterPdu(hs, stream, dir, seq) : null;
        // A PDU that starts further on in the segment (after PDUs dissected here) shows it too.
        const startsLater = !into && mustDesegment && desegOffset !== offset ? laterPdu(hs, stream, dir, (seq + (desegOffset - offset)) >>> 0) : null;
        const later = into ? laterReassembledIn(hs, stream, dir, into.seq) : (starts ?? startsLater)?.reassembledIn ?? 0;
        if (later !== 0 && later !== num) tcpTree.addGenerated(hfReassembledIn, later, tvb, 0, 0);
        // Nor does that pass hand the segment to a sub-dissector (the PDU starts here, or is put
        // together in another frame): Info is TCP's own.
        const elsewhere = ipfdHead !== null && (laterPdu(hs, stream, dir, ipfdHead.seq)?.reassembledIn ?? num) !== num;
        if (firstPdu && (starts !== null || elsewhere)) pinfo.info = tcpInfo;
      }
      if (pinfo.desegmentOffset === 0) {
        if (lockedProtocol === null) pinfo.setProtocol('TCP');
        if (firstPdu) pinfo.appendInfoSep(' ', '[TCP segment of a reassembled PDU]');
      }
      const nbytes = anotherPduFollows ? anotherPduFollows : tvb.reportedRemaining(desegOffset);
      segmentData(tcpTree, tvb, desegOffset, nbytes, '');
    }
    pinfo.canDesegment = false;
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = 0;
    if (!anotherPduFollows) break;
    // Another PDU follows in this segment: what is in Info and Protocol now stays.
    fenceInfo = pinfo.info;
    lockedProtocol = pinfo.protocol;
    firstPdu = false;
    offset += anotherPduFollows;
    seq = (seq + anotherPduFollows) >>> 0;
  }
  pinfo.canDesegment = false;
  pinfo.desegmentOffset = 0;
  pinfo.desegmentLen = 0;
}

/**
 * A sub-dissector call behind Wireshark's column fences (col_set_fence / a non-writable Protocol
 * column) once another PDU follows in the segment: Info keeps what is there (`fenceInfo`), the
 * sub-dissector's Info goes after it, and Protocol stays `lockedProtocol`.
 */
function fenced(pinfo: PacketInfo, fenceInfo: string | null, lockedProtocol: string | null, call: () => void): void {
  if (fenceInfo === null) {
    call();
    return;
  }
  pinfo.info = '';
  fenceActive = true;
  activeFence = fenceInfo;
  try {
    call();
  } finally {
    fenceActive = false;
    pinfo.info = fenceInfo + pinfo.info;
    if (lockedProtocol !== null) pinfo.protocol = lockedProtocol;
  }
}

/** The PDU this segment was being added to was given up at the cap: a note says so, once. */
function abandoned(pinfo: PacketInfo, tcpTree: ProtoNode, tvb: Tvb, off: number, len: number): void {
  pinfo.expert(tcpTree, eiAbandoned, tvb, off, Math.max(0, Math.min(len, tvb.remaining(off))), pinfo.wantExpertText ? ABANDONED_TEXT : undefined);
}

function segmentData(tcpTree: ProtoNode, tvb: Tvb, off: number, n: number, prefix: string): void {
  if (!tcpTree.real) return;
  const cap = Math.max(0, Math.min(n, tvb.remaining(off)));
  const sd = tcpTree.add(hfSegmentData, tvb, off, cap, tcpTree.wants(hfSegmentData) ? tvb.bytes(off, cap) : null);
  if (sd.detailed) sd.setLabel(`${prefix}TCP segment data (${n} byte${n === 1 ? '' : 's'})`);
}

function reassemblyError(pinfo: PacketInfo, tree: ProtoNode, msg: string): void {
  pinfo.malformed = true;
  const frameTvb = Tvb.frame(pinfo.data, pinfo.meta.origLen);
  const n = tree.addProto(PROTO_MALFORMED, frameTvb, 0, 0, `[Reassembly error, protocol TCP: ${msg}]`);
  pinfo.expert(n, eiReassembly, undefined, 0, 0, msg);
  pinfo.appendInfo(`[Reassembly error, protocol TCP: ${msg}]`);
  pinfo.canDesegment = false;
  pinfo.desegmentOffset = 0;
  pinfo.desegmentLen = 0;
}

// --- MSP table -----------------------------------------------------------------------------------

/** Index of the first MSP whose seq is > key (unsigned order). */
function upperBound(list: Msp[], key: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.seq <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The PDU that starts at `seq` of a stream direction in the first pass `ctx` (null: none, or not kept). */
function laterPdu(ctx: CaptureContext, stream: number, dir: 0 | 1, seq: number): Msp | null {
  const st = states.get(ctx)?.streams[stream];
  return st ? lookupExact(dir === 0 ? st.dir0 : st.dir1, seq) : null;
}

/**
 * In a tree pass beside a finished first pass (CaptureContext.hindsight): the PDU that pass began
 * at `seq` in this very frame and completed in a later one, else null.
 */
function pduPutTogetherLater(pinfo: PacketInfo, stream: number, dir: 0 | 1, seq: number, num: number, tcpTree: ProtoNode): Msp | null {
  const hs = pinfo.ctx.hindsight;
  if (hs === null || !tcpTree.real) return null;
  const st = states.get(hs)?.streams[stream];
  const d = st ? (dir === 0 ? st.dir0 : st.dir1) : null;
  // A message that ends with the connection (until FIN) is collected by the FIN: left as it was.
  if (d === null || d.untilFin) return null;
  const m = lookupExact(d, seq);
  return m && !m.partial && m.firstFrame === num && m.reassembledIn !== 0 && m.reassembledIn !== num ? m : null;
}

/** The frame in which the first pass `ctx` put that PDU together (0: none, not kept, or only in part). */
function laterReassembledIn(ctx: CaptureContext, stream: number, dir: 0 | 1, seq: number): number {
  const m = laterPdu(ctx, stream, dir, seq);
  return m && !m.partial ? m.reassembledIn : 0;
}

function lookupExact(d: DirState | null, seq: number): Msp | null {
  if (d === null) return null;
  const list = d.msps;
  if (!list.length) return null;
  const i = upperBound(list, seq) - 1;
  return i >= 0 && list[i]!.seq === seq ? list[i]! : null;
}

/** The MSP with the highest seq ≤ key (Wireshark's wmem_tree_lookup32_le). */
function lookupLE(d: DirState | null, key: number): Msp | null {
  if (d === null) return null;
  const list = d.msps;
  if (!list.length) return null;
  const i = upperBound(list, key) - 1;
  return i >= 0 ? list[i]! : null;
}

/** Wireshark's pdu_store_sequencenumber_of_next_pdu (an MSP at the same seq is replaced). */
function storeMsp(d: DirState, seq: number, nxtpdu: number, frame: number, pooled: boolean): Msp {
  const list = d.msps;
  // Completed PDUs no longer need their bytes once a new one starts.
  for (let k = list.length - 1; k >= 0 && k >= list.length - 4; k--) {
    const old = list[k]!;
    if (old.defragmented && !old.partial) {
      if (old.pooledBuf !== null) dropBuffer(old.pooledBuf, frame);
      old.pooledBuf = null;
      old.data = null;
    }
  }
  const m = new Msp(seq, nxtpdu, frame);
  m.pooled = pooled;
  const i = upperBound(list, seq);
  if (i > 0 && list[i - 1]!.seq === seq) {
    const old = list[i - 1]!;
    d.pendingBytes -= old.pendingBytes;
    list[i - 1] = m;
  } else if (i === 0 && list.length === 0) {
    // An array of exactly one (push would reserve 16 more): most directions only ever hold one PDU.
    d.msps = [m];
  } else if (i === list.length) {
    list.push(m);
  } else {
    list.splice(i, 0, m);
  }
  if (list.length > MAX_KEPT_MSPS) {
    const gone = list.shift()!;
    d.pendingBytes -= gone.pendingBytes;
  }
  return m;
}

/**
 * Wireshark's fragment_add for TCP: adds `len` bytes of `tvb` at `off` as the fragment at
 * `fragOffset` of the PDU. Returns true when the PDU is complete (then `msp.reassembledIn` is this
 * frame). Throws ReassemblyError for a fragment added to a PDU already complete.
 */
function fragmentAdd(d: DirState, msp: Msp, tvb: Tvb, off: number, fragOffset: number, len: number, moreFrags: boolean, frame: number, payloadOff: number): boolean {
  if (msp.abandoned) return false;
  if (frame <= msp.maxFrame) {
    for (const f of msp.frags) {
      if (f.frame === frame && f.offset === fragOffset) {
        if (msp.defragmented) throw new ReassemblyError('Frame already added in first pass');
        return false;
      }
    }
  }
  if (msp.defragmented) {
    // Wireshark's fragment_add_work compares with >=: a fragment that ends where the reassembled
    // data ends (a copy of the last one) continues a partial reassembly too.
    if (fragOffset + len >= msp.datalen) {
      if (!msp.partial) throw new ReassemblyError(fragOffset >= msp.datalen ? 'New fragment past old data limits' : 'New fragment overlaps old data (retransmission?)');
      // Continue a partial reassembly (a dissector that wants one more segment, again and again).
      const data = msp.data;
      if (data !== null && msp.contig === data.length) {
        // Its bytes stay where they are: the buffer they were put together in takes the next
        // fragments (grown by doubling), and the fragments already in it are not walked again, so
        // a stream that never ends its PDU costs the same per segment however long it gets.
        msp.buf = new Uint8Array(data.buffer, data.byteOffset, data.buffer.byteLength - data.byteOffset);
        msp.settledFrags = msp.frags.length;
        msp.settledEnd = data.length;
      } else {
        // The fragments get their bytes back from the buffer.
        for (const f of msp.frags) {
          f.bytes = data ? data.subarray(f.offset, Math.min(data.length, f.offset + f.len)) : null;
          f.inBuf = false;
        }
        msp.buf = null;
        msp.settledFrags = 0;
        msp.settledEnd = 0;
      }
      // Earlier frames' reassembled bytes are views of that buffer: it is never pooled again.
      msp.pooledBuf = null;
      msp.pooled = false;
      msp.defragmented = false;
      msp.partial = false;
      msp.datalenSet = false;
      msp.pendingBytes = data ? data.length : 0;
      d.pendingBytes += msp.pendingBytes;
      msp.data = null;
    } else {
      throw new ReassemblyError('New fragment overlaps old data (retransmission?)');
    }
  }
  if (d.pendingBytes + len > MAX_PENDING_BYTES) {
    // Too much to hold: give this PDU up (its segments show as segment data).
    msp.abandoned = true;
    d.pendingBytes -= msp.pendingBytes;
    msp.pendingBytes = 0;
    for (const f of msp.frags) f.bytes = null;
    msp.buf = null;
    return false;
  }
  const cap = Math.max(0, Math.min(len, tvb.remaining(off)));
  const src = tvb.bytes(off, cap);
  let fr: Frag;
  if (fragOffset === msp.contig && cap === len && cap > 0) {
    // In order: straight into the PDU's buffer.
    const need = fragOffset + cap;
    let buf = msp.buf;
    if (!buf || buf.length < need) {
      const hint = msp.sizeHint <= MAX_PENDING_BYTES ? msp.sizeHint : 0;
      const size = need <= hint ? hint : Math.min(Math.max(need, buf ? buf.length * 2 : need * 2), Math.max(need, MAX_PENDING_BYTES));
      const grown = takeBuffer(size, msp.pooled);
      if (buf) {
        grown.set(buf.subarray(0, msp.contig));
        if (msp.pooled) dropBuffer(buf, frame);
      }
      msp.buf = buf = grown;
    }
    buf.set(src, fragOffset);
    fr = takeFrag(frame, fragOffset, len, payloadOff, null, true);
  } else {
    fr = takeFrag(frame, fragOffset, len, payloadOff, src.slice(), false);
  }
  msp.pendingBytes += cap;
  d.pendingBytes += cap;
  // Keep the list sorted by offset (after those with the same offset).
  const fl = msp.frags;
  let i = fl.length;
  while (i > 0 && fl[i - 1]!.offset > fragOffset) i--;
  if (i === fl.length) {
    // The first one in an array of exactly one (NO_FRAGS is shared and never written).
    if (fl === NO_FRAGS) msp.frags = [fr];
    else fl.push(fr);
    // In order: the contiguous length grows from where it was.
    if (fragOffset <= msp.contig && fragOffset + len > msp.contig) msp.contig = fragOffset + len;
  } else {
    if (i < msp.settledFrags) {
      // Before fragments already put together: walk them all again (their bytes are in the buffer).
      for (let k = 0; k < msp.settledFrags; k++) fl[k]!.inBuf = true;
      msp.settledFrags = 0;
      msp.settledEnd = 0;
    }
    fl.splice(i, 0, fr);
    // Out of order: walk the list again (Wireshark's loop).
    let max = 0;
    for (const f of fl) if (f.offset <= max && f.offset + f.len > max) max = f.offset + f.len;
    msp.contig = max;
  }
  if (frame > msp.maxFrame) msp.maxFrame = frame;
  if (!moreFrags) {
    if (msp.datalenSet) {
      if (fragOffset + len !== msp.datalen) {
        fr.flags |= FD_MULTIPLETAILS;
        msp.headFlags |= FD_MULTIPLETAILS;
      }
    } else {
      msp.datalen = fragOffset + len;
      msp.datalenSet = true;
    }
  }
  if (!msp.datalenSet) return false;
  const max = msp.contig;
  if (max < msp.datalen) return false;
  if (max > msp.datalen) msp.headFlags |= FD_TOOLONGFRAGMENT;
  // All there: put the PDU together (the first copy of each byte wins, in offset order). In-order
  // fragments are already in place in the buffer.
  let data: Uint8Array;
  const buf = msp.buf;
  if (buf && buf.length >= msp.datalen) {
    data = buf.subarray(0, msp.datalen);
    if (msp.pooled) msp.pooledBuf = buf;
  } else {
    data = new Uint8Array(msp.datalen);
    if (buf) {
      data.set(buf.subarray(0, Math.min(buf.length, msp.datalen)));
      if (msp.pooled) dropBuffer(buf, frame);
    }
  }
  const first = msp.settledFrags;
  let dfpos = msp.settledEnd;
  for (let k = first; k < fl.length; k++) {
    const f = fl[k]!;
    if (f.len === 0) continue;
    const b = f.bytes;
    if (f.offset + f.len > dfpos) {
      if (f.offset + f.len > msp.datalen) f.flags |= FD_TOOLONGFRAGMENT;
      const from = Math.max(dfpos, f.offset);
      const to = Math.min(f.offset + f.len, msp.datalen);
      if (!f.inBuf && to > from) {
        // Bytes a fragment did not capture are zeros (a pooled buffer holds old bytes there).
        const part = b ? b.subarray(from - f.offset, to - f.offset) : null;
        if (part) data.set(part, from);
        const done = from + (part ? part.length : 0);
        if (done < to) data.fill(0, done, to);
      }
      if (dfpos > f.offset) {
        f.flags |= FD_OVERLAP;
        msp.headFlags |= FD_OVERLAP;
        if (b && !sameBytes(data, f.offset, b, Math.min(dfpos, msp.datalen) - f.offset)) {
          f.flags |= FD_OVERLAPCONFLICT;
          msp.headFlags |= FD_OVERLAPCONFLICT;
        }
      }
    } else {
      f.flags |= FD_OVERLAP;
      msp.headFlags |= FD_OVERLAP;
      if (b && !sameBytes(data, f.offset, b, f.len)) {
        f.flags |= FD_OVERLAPCONFLICT;
        msp.headFlags |= FD_OVERLAPCONFLICT;
      }
    }
    dfpos = Math.max(dfpos, f.offset + f.len);
  }
  for (let k = first; k < fl.length; k++) {
    const f = fl[k]!;
    f.bytes = null;
    f.inBuf = false;
  }
  msp.settledFrags = 0;
  msp.settledEnd = 0;
  d.pendingBytes -= msp.pendingBytes;
  msp.pendingBytes = 0;
  msp.buf = null;
  msp.data = data;
  msp.defragmented = true;
  msp.reassembledIn = frame;
  return true;
}

function sameBytes(a: Uint8Array, aOff: number, b: Uint8Array, n: number): boolean {
  for (let i = 0; i < n && i < b.length; i++) if (a[aOff + i] !== b[i]) return false;
  return true;
}

function reassembledTvb(pinfo: PacketInfo, msp: Msp): Tvb {
  const data = msp.data!;
  const t = Tvb.frame(data, data.length, 'tcp');
  t.source = pinfo.addDataSource(`Reassembled TCP (${data.length} bytes)`, data);
  return t;
}

/**
 * Wireshark's print_tcp_fragment_tree: `[N Reassembled TCP Segments (M bytes): #a(len), …]` with a
 * line per segment, the count, the length and the data, placed right after the TCP tree; and
 * `[Illegal Segments]` in Info for a PDU put together from segments that disagree.
 */
function fragmentTree(msp: Msp, pinfo: PacketInfo, fence: string, tree: ProtoNode, tcpTree: ProtoNode, next: Tvb, beforePayload = false): void {
  // show_fragment_errs_in_col: a PDU whose segments disagree (or go past its end) says so in Info,
  // after the fence (the analysis prefix, or the PDUs before it in the segment).
  if (msp.headFlags & (FD_OVERLAPCONFLICT | FD_MULTIPLETAILS | FD_TOOLONGFRAGMENT)) pinfo.setInfo(`${fence}[Illegal Segments]`);
  if (!tree.real) return;
  const frags = msp.frags;
  const count = frags.length;
  const total = next.length;
  const fi = tree.addGenerated(hfSegments, null, next, 0, total);
  if (beforePayload) fi.flags |= NodeFlags.BeforePayload;
  // Labels only in a full tree (a reduced one keeps values).
  const det = fi.detailed;
  // As show_fragment_tree: the head is set, then each segment appended (a long list is cut).
  const head = det ? `${count} ${count === 1 ? 'TCP Segment' : 'Reassembled TCP Segments'} (${total} byte${total === 1 ? '' : 's'}): ` : '';
  let list = '';
  frags.forEach((f, k) => {
    if (det) list += `${k ? ', ' : ''}#${f.frame}(${f.len})`;
    const err = f.flags & (FD_OVERLAPCONFLICT | FD_MULTIPLETAILS | FD_TOOLONGFRAGMENT);
    const n = fi.addGenerated(err ? hfSegmentError : hfSegment, f.frame, next, f.offset, f.len);
    if (det) n.setLabel(f.len === 0 ? `Frame: ${f.frame} (no data)` : `Frame: ${f.frame}, payload: ${f.offset}-${f.offset + f.len - 1} (${f.len} byte${f.len === 1 ? '' : 's'})`);
    if (f.flags & FD_OVERLAP) n.addGenerated(hfSegmentOverlap, 1, next, 0, 0);
    if (f.flags & FD_OVERLAPCONFLICT) n.addGenerated(hfSegmentOverlapConflict, 1, next, 0, 0);
    if (f.flags & FD_MULTIPLETAILS) n.addGenerated(hfSegmentMultipleTails, 1, next, 0, 0);
    if (f.flags & FD_TOOLONGFRAGMENT) n.addGenerated(hfSegmentTooLong, 1, next, 0, 0);
  });
  if (det) fi.setLabel(head).appendLabel(list, () => head);
  fi.addGenerated(hfSegmentCount, count, next, 0, 0);
  fi.addGenerated(hfReassembledLength, total, next, 0, 0);
  fi.addGenerated(hfReassembledData, fi.wants(hfReassembledData) ? next.bytes(0, total) : null, next, 0, total);
  // (A tree reduced to a filter's fields did not keep it: what the filter reads went under `tree`.)
  if (fi.ghost) return;
  // Move it right behind the TCP tree (it was added at the end).
  const kids = tree.children!;
  kids.pop();
  const at = kids.indexOf(tcpTree);
  kids.splice(at >= 0 ? at + 1 : kids.length, 0, fi);
}

// --- tcp_dissect_pdus ----------------------------------------------------------------------------

/**
 * Wireshark's tcp_dissect_pdus: `tvb` holds whole PDUs back to back; `pduLen(tvb, off)` gives the
 * length of the PDU at `off` from its first `fixedLen` bytes (0: cannot tell yet). Each PDU goes to
 * `dissectPdu` with a view of its bytes. With `pinfo.canDesegment`, a PDU cut at the end asks TCP
 * for the rest. Returns the bytes consumed.
 */
export function tcpDissectPdus(
  tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, desegment: boolean, fixedLen: number,
  pduLen: (tvb: Tvb, off: number) => number, dissectPdu: (pdu: Tvb, pinfo: PacketInfo, tree: ProtoNode) => void,
): number {
  let offset = 0;
  while (tvb.reportedRemaining(offset) > 0) {
    const cap = tvb.remaining(offset);
    if (cap === 0) tvb.u8(offset); // throws: nothing captured here
    if (desegment && pinfo.canDesegment && cap < fixedLen) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      return tvb.reportedLength;
    }
    const plen = pduLen(tvb, offset);
    if (plen === 0) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      return tvb.reportedLength;
    }
    if (plen < fixedLen) throw new MalformedError(tvb.layer, tvb.abs(offset), `PDU length ${plen} is shorter than its fixed part (${fixedLen})`);
    if (desegment && pinfo.canDesegment && cap < plen) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = plen - cap;
      return tvb.reportedLength;
    }
    const tt = curTcpTree;
    if (tt && tt.real) tt.addGenerated(hfPduSize, plen, tvb, offset, plen);
    const len = Math.min(plen, tvb.reportedRemaining(offset));
    dissectPdu(tvb.sub(offset, len), pinfo, tree);
    offset += plen;
  }
  return tvb.reportedLength;
}

// --- Sticky packets ------------------------------------------------------------------------------

/**
 * For application dissectors over TCP: the message at `off`/`len` of `tvb` (the view TCP gave the
 * dissector, or a sub-view of it) has been decoded. Maps it to the segments its bytes came from,
 * adds `[PDU ranges: …]` in a full tree (under the last child of `node` that is `protocol`'s
 * subtree, else under `node`), and records it in the message table when that is on. Does nothing
 * when the bytes did not come from TCP.
 */
export function notePdu(pinfo: PacketInfo, node: ProtoNode, tvb: Tvb, off: number, len: number, protocol: string): void {
  const src = callSource;
  if (!src || tvb.data !== src.data || len <= 0) return;
  const st = stateOf(pinfo.ctx);
  if (!node.real && !st.messages) return;
  const start = tvb.start + off - src.start;
  const ranges: { frame: number; offset: number; len: number }[] = [];
  if (!src.frags) {
    ranges.push({ frame: src.frame, offset: src.payloadOff + start, len });
  } else {
    // Fragments are sorted by offset; where copies overlap, the first one was used.
    const end = start + len;
    let covered = start;
    for (const f of src.frags) {
      const a = Math.max(covered, f.offset);
      const b = Math.min(end, f.offset + f.len);
      if (b <= a) continue;
      ranges.push({ frame: f.frame, offset: f.payloadOff + (a - f.offset), len: b - a });
      covered = b;
    }
  }
  if (node.real) {
    const kids = node.children;
    const last = kids?.[kids.length - 1];
    if (last && last.field?.abbrev === protocol) node = last;
    // The item is always added (a reduced tree counts what was added); its texts only where kept.
    const text = node.wants(hfPduRanges) ? ranges.map((r) => `${r.frame}:${r.offset}-${r.offset + r.len - 1}`).join(',') : '';
    // Hidden (not in -V text, which stays tshark's): in the tree, -T json and -T fields.
    const pn = node.addGenerated(hfPduRanges, text, tvb, off, len).setFlags(NodeFlags.Hidden);
    if (pn.detailed) pn.setLabel(`PDU ranges: ${ranges.map((r) => `#${r.frame}[${r.offset}-${r.offset + r.len - 1}]`).join(', ')}`);
  }
  if (st.messages && curValid) {
    st.messages.push({ stream: payloadInfo.stream, dir: curDir, protocol, frame: pinfo.meta.num, seq: (src.seq + start) >>> 0, len, ranges });
  }
}

setTcpPayloadHandler({ seen: segmentSeen, before: beforePayload, payload });

