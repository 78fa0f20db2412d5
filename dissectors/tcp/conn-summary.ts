/**
 * One TCP connection's summary: who is client and server, the handshake (ISNs, options, RTT split),
 * who closed first and how, counts each way, and an outcome code with a history string in the
 * manner of Zeek's conn.log (`conn_state`, `history`).
 *
 * Outcome codes (Zeek's, same meaning; "originator" = the client, who sent the first SYN):
 *   S0      Connection attempt seen, no reply.
 *   S1      Connection established, not terminated.
 *   SF      Normal establishment and termination.
 *   REJ     Connection attempt rejected.
 *   S2      Established, close attempt by the originator seen (but no reply from the responder).
 *   S3      Established, close attempt by the responder seen (but no reply from the originator).
 *   RSTO    Established, the originator aborted (sent a RST).
 *   RSTR    Established, the responder aborted.
 *   RSTOS0  The originator sent a SYN followed by a RST; no SYN-ACK from the responder was seen.
 *   RSTRH   The responder sent a SYN-ACK followed by a RST; no SYN from the originator was seen.
 *   SH      The originator sent a SYN followed by a FIN; no SYN-ACK from the responder was seen.
 *   SHR     The responder sent a SYN-ACK followed by a FIN; no SYN from the originator was seen.
 *   OTH     No SYN seen, just midstream traffic (a partial connection that was not later closed).
 *
 * History letters, upper case for the client and lower case for the server, each recorded the
 * first time it happens in that direction: S a SYN without ACK, H a SYN-ACK, A a pure ACK, D a
 * segment with payload, F a FIN, R a RST, C a bad checksum, T a retransmission, W a zero window,
 * Q a multi-flag segment (SYN with FIN or RST), I an inconsistent segment (SYN-ACK from the client).
 * A leading ^ means the roles were flipped from the capture order (the first packet came from the
 * server).
 */
import { TH_ACK, TH_FIN, TH_RST, TH_SYN } from './endpoint-states.js';

export const CONN_STATES: Record<string, string> = {
  S0: 'Connection attempt seen, no reply',
  S1: 'Connection established, not terminated',
  SF: 'Normal establishment and termination',
  REJ: 'Connection attempt rejected',
  S2: 'Established, close attempt by the client seen (no reply from the server)',
  S3: 'Established, close attempt by the server seen (no reply from the client)',
  RSTO: 'Established, the client aborted (sent a RST)',
  RSTR: 'Established, the server aborted (sent a RST)',
  RSTOS0: 'The client sent a SYN then a RST; no SYN-ACK from the server was seen',
  RSTRH: 'The server sent a SYN-ACK then a RST; no SYN from the client was seen',
  SH: 'The client sent a SYN then a FIN; no SYN-ACK from the server was seen (half-open)',
  SHR: 'The server sent a SYN-ACK then a FIN; no SYN from the client was seen',
  OTH: 'No SYN seen, just midstream traffic',
};

/* Per-direction facts, one bit each. */
const D_SACK_PERM = 0x01;
const D_TIMESTAMPS = 0x02;
const D_SAW_SYN = 0x04;
const D_SAW_SYN_ACK = 0x08;
const D_SAW_FIN = 0x10;
const D_SAW_RST = 0x20;
const D_SAW_ACK = 0x40;
const D_HAS_ISN = 0x80;

/*
 * A connection's summary in a SummaryStore: int32 words (the connection's, then each
 * direction's) and float64 words (times, then each direction's byte counts).
 */
const I_FIRSTFRAME = 0;
const I_LASTFRAME = 1;
const I_HSACKFRAME = 2;
const I_CLOSEFRAME = 3;
const I_BITS = 4; // CB_* bits
const I_HISTORY = 5; // index into SummaryStore.histories
const I_DIR = 6; // client's words, then the server's
const DI_PACKETS = 0;
const DI_ISN = 1;
const DI_MSS = 2;
const DI_WSCALE = 3;
const DI_SYNFRAME = 4;
const DI_SYNACKFRAME = 5;
const DI_FINFRAME = 6;
const DI_RSTFRAME = 7;
const DI_FLAGS = 8;
const DI_MARKS = 9;
const DIW = 10;
const IW = I_DIR + 2 * DIW;
const F_FIRSTTIME = 0;
const F_LASTTIME = 1;
const F_SYNTIME = 2;
const F_SYNACKTIME = 3;
const F_ACKTIME = 4;
const F_DIR = 5;
const DF_BYTES = 0;
const DF_PAYLOAD = 1;
const DFW = 2;
const FW = F_DIR + 2 * DFW;

/* Connection bits. */
const CB_ROLE_HEURISTIC = 0x1;
const CB_FLIPPED = 0x2;
const CB_CLOSER_SHIFT = 2; // 0 none, 1 client, 2 server
const CB_HOW_SHIFT = 4; // 0 none, 1 FIN, 2 RST

/**
 * The summaries of many connections: about 180 bytes each in typed arrays (objects cost some
 * 600). History strings are interned (most connections share a handful), the rare analysis
 * counts are kept by connection in a map. ConnSummary is a cursor over it.
 */
export class SummaryStore {
  iw: Int32Array = new Int32Array(IW);
  fw: Float64Array = new Float64Array(FW);
  /** Connections with a record (0 … count − 1). */
  count = 0;
  readonly histories: string[] = [''];
  private readonly historyIds = new Map<string, number>([['', 0]]);
  readonly counts = new Map<number, Record<string, number>>();

  /** Makes room for connection `i` and gives every connection up to it a fresh record. */
  ensure(i: number): void {
    if (i < this.count) return;
    if ((i + 1) * IW > this.iw.length) {
      let recs = Math.floor(this.iw.length / IW);
      while (recs < i + 1) recs = Math.ceil(recs * 1.5) + 64;
      const w = new Int32Array(recs * IW);
      w.set(this.iw);
      this.iw = w;
      const f = new Float64Array(recs * FW);
      f.set(this.fw);
      this.fw = f;
    }
    for (let c = this.count; c <= i; c++) {
      const b = c * IW;
      this.iw.fill(0, b, b + IW);
      for (let d = 0; d < 2; d++) {
        this.iw[b + I_DIR + d * DIW + DI_MSS] = -1;
        this.iw[b + I_DIR + d * DIW + DI_WSCALE] = -1;
      }
      const f = c * FW;
      this.fw.fill(0, f, f + FW);
      this.fw[f + F_SYNTIME] = -1;
      this.fw[f + F_SYNACKTIME] = -1;
      this.fw[f + F_ACKTIME] = -1;
    }
    this.count = i + 1;
  }

  /** The arrays cut to the connections there are (ensure() grows them again). */
  trim(): void {
    const c = Math.max(1, this.count);
    if (this.iw.length > c * IW) this.iw = this.iw.slice(0, c * IW);
    if (this.fw.length > c * FW) this.fw = this.fw.slice(0, c * FW);
  }

  /** Interned history after `id` with `letter` appended, by id × 128 + char code: no string made or hashed per letter once seen. */
  private readonly nextIds = new Map<number, number>();

  /** The id of history `id` + `letter`. */
  append(id: number, letter: string): number {
    const key = id * 128 + (letter.charCodeAt(0) & 127);
    let next = this.nextIds.get(key);
    if (next === undefined) {
      next = this.historyId(this.histories[id]! + letter);
      this.nextIds.set(key, next);
    }
    return next;
  }

  /** The id of history `h` (interned). */
  historyId(h: string): number {
    let id = this.historyIds.get(h);
    if (id === undefined) {
      id = this.histories.length;
      this.histories.push(h);
      this.historyIds.set(h, id);
    }
    return id;
  }
}

/** Per-direction facts: a cursor over its connection's record (follows ConnSummary.i). */
export class DirectionSummary {
  constructor(private readonly conn: ConnSummary, private readonly d: number) {}

  private get k(): number {
    return this.conn.i * IW + I_DIR + this.d * DIW;
  }
  private get kf(): number {
    return this.conn.i * FW + F_DIR + this.d * DFW;
  }
  private get f(): number {
    return this.conn.store.iw[this.k + DI_FLAGS]!;
  }
  private set f(v: number) {
    this.conn.store.iw[this.k + DI_FLAGS] = v;
  }
  get packets(): number {
    return this.conn.store.iw[this.k + DI_PACKETS]! >>> 0;
  }
  set packets(v: number) {
    this.conn.store.iw[this.k + DI_PACKETS] = v;
  }
  /** Bytes on the wire (frame lengths). */
  get bytes(): number {
    return this.conn.store.fw[this.kf + DF_BYTES]!;
  }
  set bytes(v: number) {
    this.conn.store.fw[this.kf + DF_BYTES] = v;
  }
  /** TCP payload bytes. */
  get payloadBytes(): number {
    return this.conn.store.fw[this.kf + DF_PAYLOAD]!;
  }
  set payloadBytes(v: number) {
    this.conn.store.fw[this.kf + DF_PAYLOAD] = v;
  }
  get mss(): number {
    return this.conn.store.iw[this.k + DI_MSS]!;
  }
  set mss(v: number) {
    this.conn.store.iw[this.k + DI_MSS] = v;
  }
  /** Window scale shift from the SYN, −1 when not offered. */
  get wscale(): number {
    return this.conn.store.iw[this.k + DI_WSCALE]!;
  }
  set wscale(v: number) {
    this.conn.store.iw[this.k + DI_WSCALE] = v;
  }
  get synFrame(): number {
    return this.conn.store.iw[this.k + DI_SYNFRAME]!;
  }
  set synFrame(v: number) {
    this.conn.store.iw[this.k + DI_SYNFRAME] = v;
  }
  get synAckFrame(): number {
    return this.conn.store.iw[this.k + DI_SYNACKFRAME]!;
  }
  set synAckFrame(v: number) {
    this.conn.store.iw[this.k + DI_SYNACKFRAME] = v;
  }
  get finFrame(): number {
    return this.conn.store.iw[this.k + DI_FINFRAME]!;
  }
  set finFrame(v: number) {
    this.conn.store.iw[this.k + DI_FINFRAME] = v;
  }
  get rstFrame(): number {
    return this.conn.store.iw[this.k + DI_RSTFRAME]!;
  }
  set rstFrame(v: number) {
    this.conn.store.iw[this.k + DI_RSTFRAME] = v;
  }
  /** History letters recorded in this direction: bit (char code & 31) per letter. */
  get marks(): number {
    return this.conn.store.iw[this.k + DI_MARKS]!;
  }
  set marks(v: number) {
    this.conn.store.iw[this.k + DI_MARKS] = v;
  }

  /** Initial sequence number (unsigned), −1 before this direction's SYN. */
  get isn(): number {
    return (this.f & D_HAS_ISN) !== 0 ? this.conn.store.iw[this.k + DI_ISN]! >>> 0 : -1;
  }
  set isn(v: number) {
    if (v < 0) {
      this.f &= ~D_HAS_ISN;
    } else {
      this.conn.store.iw[this.k + DI_ISN] = v;
      this.f |= D_HAS_ISN;
    }
  }
  get sackPerm(): boolean {
    return (this.f & D_SACK_PERM) !== 0;
  }
  set sackPerm(v: boolean) {
    this.f = v ? this.f | D_SACK_PERM : this.f & ~D_SACK_PERM;
  }
  get timestamps(): boolean {
    return (this.f & D_TIMESTAMPS) !== 0;
  }
  set timestamps(v: boolean) {
    this.f = v ? this.f | D_TIMESTAMPS : this.f & ~D_TIMESTAMPS;
  }
  get sawSyn(): boolean {
    return (this.f & D_SAW_SYN) !== 0;
  }
  set sawSyn(v: boolean) {
    this.f = v ? this.f | D_SAW_SYN : this.f & ~D_SAW_SYN;
  }
  get sawSynAck(): boolean {
    return (this.f & D_SAW_SYN_ACK) !== 0;
  }
  set sawSynAck(v: boolean) {
    this.f = v ? this.f | D_SAW_SYN_ACK : this.f & ~D_SAW_SYN_ACK;
  }
  get sawFin(): boolean {
    return (this.f & D_SAW_FIN) !== 0;
  }
  set sawFin(v: boolean) {
    this.f = v ? this.f | D_SAW_FIN : this.f & ~D_SAW_FIN;
  }
  get sawRst(): boolean {
    return (this.f & D_SAW_RST) !== 0;
  }
  set sawRst(v: boolean) {
    this.f = v ? this.f | D_SAW_RST : this.f & ~D_SAW_RST;
  }
  get sawAck(): boolean {
    return (this.f & D_SAW_ACK) !== 0;
  }
  set sawAck(v: boolean) {
    this.f = v ? this.f | D_SAW_ACK : this.f & ~D_SAW_ACK;
  }
}

export interface SegmentFacts {
  frame: number;
  /** Seconds since the epoch (double precision is enough for durations). */
  time: number;
  fromClient: boolean;
  flags: number;
  seq: number;
  ack: number;
  payloadLen: number;
  frameLen: number;
  /** Options of the segment (−1 / false when absent). */
  mss: number;
  wscale: number;
  sackPerm: boolean;
  timestamps: boolean;
  retransmission: boolean;
  zeroWindow: boolean;
  badChecksum: boolean;
}

/** One connection's summary: a cursor over a SummaryStore (standalone: a store of its own). */
export class ConnSummary {
  /** The connection in `store` this cursor reads and writes. */
  i = 0;
  readonly client: DirectionSummary;
  readonly server: DirectionSummary;

  /** Without a store: one connection of its own. With one: set `i` (after store.ensure(i)). */
  constructor(readonly store: SummaryStore = new SummaryStore()) {
    this.client = new DirectionSummary(this, 0);
    this.server = new DirectionSummary(this, 1);
    if (store.count === 0) store.ensure(0);
  }

  private iget(w: number): number {
    return this.store.iw[this.i * IW + w]!;
  }
  private iset(w: number, v: number): void {
    this.store.iw[this.i * IW + w] = v;
  }
  private fget(w: number): number {
    return this.store.fw[this.i * FW + w]!;
  }
  private fset(w: number, v: number): void {
    this.store.fw[this.i * FW + w] = v;
  }
  private bit(b: number): boolean {
    return (this.iget(I_BITS) & b) !== 0;
  }
  private setBit(b: number, v: boolean): void {
    const x = this.iget(I_BITS);
    this.iset(I_BITS, v ? x | b : x & ~b);
  }

  /** True when client/server were guessed (the first SYN was not seen). */
  get roleHeuristic(): boolean {
    return this.bit(CB_ROLE_HEURISTIC);
  }
  set roleHeuristic(v: boolean) {
    this.setBit(CB_ROLE_HEURISTIC, v);
  }
  /** The first captured packet came from the server. */
  get flipped(): boolean {
    return this.bit(CB_FLIPPED);
  }
  set flipped(v: boolean) {
    this.setBit(CB_FLIPPED, v);
  }
  get firstTime(): number {
    return this.fget(F_FIRSTTIME);
  }
  set firstTime(v: number) {
    this.fset(F_FIRSTTIME, v);
  }
  get lastTime(): number {
    return this.fget(F_LASTTIME);
  }
  set lastTime(v: number) {
    this.fset(F_LASTTIME, v);
  }
  get firstFrame(): number {
    return this.iget(I_FIRSTFRAME);
  }
  set firstFrame(v: number) {
    this.iset(I_FIRSTFRAME, v);
  }
  get lastFrame(): number {
    return this.iget(I_LASTFRAME);
  }
  set lastFrame(v: number) {
    this.iset(I_LASTFRAME, v);
  }
  /** Time of the SYN, SYN-ACK and the ACK that completed the handshake (−1: not seen). */
  get synTime(): number {
    return this.fget(F_SYNTIME);
  }
  set synTime(v: number) {
    this.fset(F_SYNTIME, v);
  }
  get synAckTime(): number {
    return this.fget(F_SYNACKTIME);
  }
  set synAckTime(v: number) {
    this.fset(F_SYNACKTIME, v);
  }
  get ackTime(): number {
    return this.fget(F_ACKTIME);
  }
  set ackTime(v: number) {
    this.fset(F_ACKTIME, v);
  }
  get handshakeAckFrame(): number {
    return this.iget(I_HSACKFRAME);
  }
  set handshakeAckFrame(v: number) {
    this.iset(I_HSACKFRAME, v);
  }
  /** Who closed first, how and when. */
  get firstCloser(): 'client' | 'server' | null {
    const c = (this.iget(I_BITS) >> CB_CLOSER_SHIFT) & 3;
    return c === 1 ? 'client' : c === 2 ? 'server' : null;
  }
  set firstCloser(v: 'client' | 'server' | null) {
    const x = this.iget(I_BITS) & ~(3 << CB_CLOSER_SHIFT);
    this.iset(I_BITS, x | ((v === 'client' ? 1 : v === 'server' ? 2 : 0) << CB_CLOSER_SHIFT));
  }
  get closeHow(): 'FIN' | 'RST' | null {
    const c = (this.iget(I_BITS) >> CB_HOW_SHIFT) & 3;
    return c === 1 ? 'FIN' : c === 2 ? 'RST' : null;
  }
  set closeHow(v: 'FIN' | 'RST' | null) {
    const x = this.iget(I_BITS) & ~(3 << CB_HOW_SHIFT);
    this.iset(I_BITS, x | ((v === 'FIN' ? 1 : v === 'RST' ? 2 : 0) << CB_HOW_SHIFT));
  }
  get closeFrame(): number {
    return this.iget(I_CLOSEFRAME);
  }
  set closeFrame(v: number) {
    this.iset(I_CLOSEFRAME, v);
  }
  private get history(): string {
    return this.store.histories[this.iget(I_HISTORY)]!;
  }

  add(s: SegmentFacts): void {
    const d = s.fromClient ? this.client : this.server;
    // What every segment updates straight in the words (times and byte counts too: a double
    // through an accessor that is not inlined is a heap number per call); the rest through the
    // accessors.
    const iw = this.store.iw;
    const ib = this.i * IW;
    const db = ib + I_DIR + (s.fromClient ? 0 : DIW);
    const fw = this.store.fw;
    const fb = this.i * FW;
    const dfb = fb + F_DIR + (s.fromClient ? 0 : DFW);
    const time = s.time;
    if (iw[ib + I_FIRSTFRAME] === 0) {
      this.firstFrame = s.frame;
      fw[fb + F_FIRSTTIME] = time;
      this.flipped = !s.fromClient;
      if (this.flipped) iw[ib + I_HISTORY] = this.store.append(iw[ib + I_HISTORY]!, '^');
    }
    iw[ib + I_LASTFRAME] = s.frame;
    fw[fb + F_LASTTIME] = time;
    iw[db + DI_PACKETS]!++;
    fw[dfb + DF_BYTES]! += s.frameLen;
    fw[dfb + DF_PAYLOAD]! += s.payloadLen;
    const f = s.flags;
    const syn = (f & TH_SYN) !== 0, ack = (f & TH_ACK) !== 0, fin = (f & TH_FIN) !== 0, rst = (f & TH_RST) !== 0;
    if (syn) {
      if (d.isn < 0) d.isn = s.seq;
      if (s.mss >= 0) d.mss = s.mss;
      if (s.wscale >= 0) d.wscale = s.wscale;
      d.sackPerm ||= s.sackPerm;
      d.timestamps ||= s.timestamps;
      if (ack) {
        if (!d.sawSynAck) { d.sawSynAck = true; d.synAckFrame = s.frame; if (fw[fb + F_SYNACKTIME]! < 0) fw[fb + F_SYNACKTIME] = time; }
      } else if (!d.sawSyn) {
        d.sawSyn = true; d.synFrame = s.frame; if (fw[fb + F_SYNTIME]! < 0) fw[fb + F_SYNTIME] = time;
      }
    } else if (ack && fw[fb + F_SYNACKTIME]! >= 0 && fw[fb + F_ACKTIME]! < 0 && s.fromClient) {
      fw[fb + F_ACKTIME] = time;
      this.handshakeAckFrame = s.frame;
    }
    if (ack) iw[db + DI_FLAGS]! |= D_SAW_ACK;
    if (fin && !d.sawFin) { d.sawFin = true; d.finFrame = s.frame; }
    if (rst && !d.sawRst) { d.sawRst = true; d.rstFrame = s.frame; }
    if ((fin || rst) && this.firstCloser === null) {
      this.firstCloser = s.fromClient ? 'client' : 'server';
      this.closeHow = rst ? 'RST' : 'FIN';
      this.closeFrame = s.frame;
    }
    // History letters (no closure or string made per segment: this runs for every packet).
    const c = s.fromClient;
    if (syn && (fin || rst)) this.mark(db, c ? 'Q' : 'q');
    if (syn && ack && c && !this.roleHeuristic) this.mark(db, 'I');
    if (syn) this.mark(db, ack ? (c ? 'H' : 'h') : c ? 'S' : 's');
    if (s.payloadLen > 0) this.mark(db, c ? 'D' : 'd');
    else if (ack && !syn && !fin && !rst) this.mark(db, c ? 'A' : 'a');
    if (fin) this.mark(db, c ? 'F' : 'f');
    if (rst) this.mark(db, c ? 'R' : 'r');
    if (s.badChecksum) this.mark(db, c ? 'C' : 'c');
    if (s.retransmission) this.mark(db, c ? 'T' : 't');
    if (s.zeroWindow) this.mark(db, c ? 'W' : 'w');
  }

  /** Records a history letter the first time it happens in its direction (`db`: the direction's first word). */
  private mark(db: number, letter: string): void {
    const bit = 1 << (letter.charCodeAt(0) & 31);
    const iw = this.store.iw;
    const m = iw[db + DI_MARKS]!;
    if ((m & bit) === 0) {
      iw[db + DI_MARKS] = m | bit;
      const h = this.i * IW + I_HISTORY;
      iw[h] = this.store.append(iw[h]!, letter);
    }
  }

  count(flag: string): void {
    let c = this.store.counts.get(this.i);
    if (c === undefined) this.store.counts.set(this.i, (c = {}));
    c[flag] = (c[flag] ?? 0) + 1;
  }

  /** Analysis flags counted over the connection (`tcp.analysis.retransmission` → n), a copy. */
  get analysis(): Record<string, number> {
    return { ...this.store.counts.get(this.i) };
  }

  get historyString(): string {
    return this.history;
  }

  get duration(): number {
    return this.lastTime - this.firstTime;
  }

  /** SYN → SYN-ACK (seen at the capture point: the server-side part of the RTT), in seconds. */
  get synToSynAck(): number | null {
    return this.synTime >= 0 && this.synAckTime >= 0 ? this.synAckTime - this.synTime : null;
  }

  /** SYN-ACK → ACK (the client-side part), in seconds. */
  get synAckToAck(): number | null {
    return this.synAckTime >= 0 && this.ackTime >= 0 ? this.ackTime - this.synAckTime : null;
  }

  /** The outcome code (see the table at the top of this file). */
  get connState(): string {
    const done = this.ackTime >= 0;
    return connState(zeekState(this.client, done), zeekState(this.server, done), this.client.payloadBytes, this.server.payloadBytes, this.history);
  }
}

/** Zeek's per-endpoint states. */
export const enum Z {
  Inactive, SynSent, SynAckSent, Partial, Established, Closed, Reset,
}

function zeekState(d: DirectionSummary, handshakeDone: boolean): Z {
  if (d.sawRst) return Z.Reset;
  if (d.sawFin) return Z.Closed;
  if (d.sawSynAck) return handshakeDone ? Z.Established : Z.SynAckSent;
  if (d.sawSyn) return handshakeDone || d.sawAck ? Z.Established : Z.SynSent;
  if (d.packets > 0) return Z.Partial;
  return Z.Inactive;
}

/** Zeek's conn_state() over the two endpoints' states (orig = client, resp = server). */
export function connState(os: Z, rs: Z, origBytes: number, respBytes: number, history: string): string {
  const oInactive = os === Z.Inactive || os === Z.Partial;
  const rInactive = rs === Z.Inactive || rs === Z.Partial;
  if (rs === Z.Reset) {
    if (os === Z.SynSent || os === Z.SynAckSent || (os === Z.Reset && origBytes === 0 && respBytes === 0)) return 'REJ';
    return oInactive ? 'RSTRH' : 'RSTR';
  }
  if (os === Z.Reset) {
    if (rInactive) return /^\^?S[^HAFGIQ]*R/.test(history) ? 'RSTOS0' : 'OTH';
    return 'RSTO';
  }
  if (rs === Z.Closed && os === Z.Closed) return 'SF';
  if (os === Z.Closed) return rInactive ? 'SH' : 'S2';
  if (rs === Z.Closed) return oInactive ? 'SHR' : 'S3';
  if (os === Z.SynSent && rs === Z.Inactive) return 'S0';
  if (os === Z.Established && rs === Z.Established) return 'S1';
  return 'OTH';
}
