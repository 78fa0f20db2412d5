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

/* Per-direction facts, one bit each (a boolean field costs 8 bytes, kept for every connection). */
const D_SACK_PERM = 0x01;
const D_TIMESTAMPS = 0x02;
const D_SAW_SYN = 0x04;
const D_SAW_SYN_ACK = 0x08;
const D_SAW_FIN = 0x10;
const D_SAW_RST = 0x20;
const D_SAW_ACK = 0x40;
const D_HAS_ISN = 0x80;

/** Per-direction facts. */
export class DirectionSummary {
  packets = 0;
  /** Bytes on the wire (frame lengths). */
  bytes = 0;
  /** TCP payload bytes. */
  payloadBytes = 0;
  /** The ISN as a signed 32-bit number (no heap number per direction); see `isn`. */
  private isnI = 0;
  mss = -1;
  /** Window scale shift from the SYN, −1 when not offered. */
  wscale = -1;
  synFrame = 0;
  synAckFrame = 0;
  finFrame = 0;
  rstFrame = 0;
  /** D_* bits. */
  private f = 0;
  /** History letters recorded in this direction: bit (char code & 31) per letter. */
  marks = 0;

  /** Initial sequence number (unsigned), −1 before this direction's SYN. */
  get isn(): number {
    return (this.f & D_HAS_ISN) !== 0 ? this.isnI >>> 0 : -1;
  }
  set isn(v: number) {
    if (v < 0) {
      this.f &= ~D_HAS_ISN;
    } else {
      this.isnI = v | 0;
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

export class ConnSummary {
  readonly client = new DirectionSummary();
  readonly server = new DirectionSummary();
  /** True when client/server were guessed (the first SYN was not seen). */
  roleHeuristic = false;
  /** The first captured packet came from the server. */
  flipped = false;
  firstTime = 0;
  lastTime = 0;
  firstFrame = 0;
  lastFrame = 0;
  /** Time of the SYN, SYN-ACK and the ACK that completed the handshake. */
  synTime = -1;
  synAckTime = -1;
  ackTime = -1;
  handshakeAckFrame = 0;
  /** Who closed first, how and when. */
  firstCloser: 'client' | 'server' | null = null;
  closeHow: 'FIN' | 'RST' | null = null;
  closeFrame = 0;
  /** Analysis flags counted over the connection, made at the first one (most connections have none). */
  private counts: Record<string, number> | null = null;
  private history = '';

  add(s: SegmentFacts): void {
    const d = s.fromClient ? this.client : this.server;
    if (this.firstFrame === 0) {
      this.firstFrame = s.frame;
      this.firstTime = s.time;
      this.flipped = !s.fromClient;
      if (this.flipped) this.history = '^';
    }
    this.lastFrame = s.frame;
    this.lastTime = s.time;
    d.packets++;
    d.bytes += s.frameLen;
    d.payloadBytes += s.payloadLen;
    const f = s.flags;
    const syn = (f & TH_SYN) !== 0, ack = (f & TH_ACK) !== 0, fin = (f & TH_FIN) !== 0, rst = (f & TH_RST) !== 0;
    if (syn) {
      if (d.isn < 0) d.isn = s.seq;
      if (s.mss >= 0) d.mss = s.mss;
      if (s.wscale >= 0) d.wscale = s.wscale;
      d.sackPerm ||= s.sackPerm;
      d.timestamps ||= s.timestamps;
      if (ack) {
        if (!d.sawSynAck) { d.sawSynAck = true; d.synAckFrame = s.frame; if (this.synAckTime < 0) this.synAckTime = s.time; }
      } else if (!d.sawSyn) {
        d.sawSyn = true; d.synFrame = s.frame; if (this.synTime < 0) this.synTime = s.time;
      }
    } else if (ack && this.synAckTime >= 0 && this.ackTime < 0 && s.fromClient) {
      this.ackTime = s.time;
      this.handshakeAckFrame = s.frame;
    }
    if (ack) d.sawAck = true;
    if (fin && !d.sawFin) { d.sawFin = true; d.finFrame = s.frame; }
    if (rst && !d.sawRst) { d.sawRst = true; d.rstFrame = s.frame; }
    if ((fin || rst) && this.firstCloser === null) {
      this.firstCloser = s.fromClient ? 'client' : 'server';
      this.closeHow = rst ? 'RST' : 'FIN';
      this.closeFrame = s.frame;
    }
    // History letters (no closure or string made per segment: this runs for every packet).
    const c = s.fromClient;
    if (syn && (fin || rst)) this.mark(d, c ? 'Q' : 'q');
    if (syn && ack && c && !this.roleHeuristic) this.mark(d, 'I');
    if (syn) this.mark(d, ack ? (c ? 'H' : 'h') : c ? 'S' : 's');
    if (s.payloadLen > 0) this.mark(d, c ? 'D' : 'd');
    else if (ack && !syn && !fin && !rst) this.mark(d, c ? 'A' : 'a');
    if (fin) this.mark(d, c ? 'F' : 'f');
    if (rst) this.mark(d, c ? 'R' : 'r');
    if (s.badChecksum) this.mark(d, c ? 'C' : 'c');
    if (s.retransmission) this.mark(d, c ? 'T' : 't');
    if (s.zeroWindow) this.mark(d, c ? 'W' : 'w');
  }

  /** Records a history letter the first time it happens in its direction. */
  private mark(d: DirectionSummary, letter: string): void {
    const bit = 1 << (letter.charCodeAt(0) & 31);
    if ((d.marks & bit) === 0) {
      d.marks |= bit;
      this.history += letter;
    }
  }

  count(flag: string): void {
    const c = (this.counts ??= {});
    c[flag] = (c[flag] ?? 0) + 1;
  }

  /** Analysis flags counted over the connection (`tcp.analysis.retransmission` → n), a copy. */
  get analysis(): Record<string, number> {
    return { ...this.counts };
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
