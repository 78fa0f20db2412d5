/**
 * The state of BOTH endpoints of a TCP connection after every segment, in RFC 9293's names, as an
 * observer on the wire can infer it.
 *
 * The model: a segment seen on the wire is sent by one endpoint and (unless lost later) received
 * by the other, so each segment applies the sender's "send" transition and then the receiver's
 * "receive" transition. What each endpoint has sent and seen is kept as a few facts (SYN sent,
 * SYN acknowledged, FIN sent, FIN received, …); the state is a pure function of those facts
 * (`stateOf`), which keeps the many orderings (simultaneous open, simultaneous close, FIN+ACK in
 * one segment, retransmissions) consistent. Acknowledgement numbers decide the orderings that
 * the wire alone cannot: a FIN that does not acknowledge the peer's FIN was sent before that FIN
 * arrived (simultaneous close → CLOSING), a bare SYN sent after the peer's SYN crossed it
 * (simultaneous open).
 *
 * When the handshake was not captured, the states before the first segment are inferred
 * (ESTABLISHED on both sides for mid-stream traffic) and marked as such; when a segment
 * acknowledges a SYN or FIN that was never captured, the missing segment is inferred too.
 */

import { seqGE as ge } from './seq.js';

export const TCP_STATES = [
  'CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2',
  'CLOSING', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

export const enum S {
  Closed = 0, Listen, SynSent, SynReceived, Established, FinWait1, FinWait2, Closing, TimeWait,
  CloseWait, LastAck,
}

export const TH_FIN = 0x01;
export const TH_SYN = 0x02;
export const TH_RST = 0x04;
export const TH_PUSH = 0x08;
export const TH_ACK = 0x10;


/* Endpoint facts, one bit each (a boolean field costs 8 bytes per endpoint, kept for every connection). */
const E_SENT_SYN = 0x1;
const E_PASSIVE_OPEN = 0x2;
const E_SYN_ACKED = 0x4;
const E_RCVD_SYN = 0x8;
const E_SENT_FIN = 0x10;
const E_FIN_ACKED = 0x20;
const E_RCVD_FIN = 0x40;
const E_PASSIVE_CLOSE = 0x80;
const E_RESET = 0x100;
const E_SEEN = 0x200;
const E_INFERRED = 0x400;
const E_NO_LISTENER = 0x800;

/* int32 words per connection in an EndpointStore: each endpoint's E_* bits, ISN and FIN sequence number. */
const W_CLIENT = 0;
const W_SERVER = 3;
const O_BITS = 0;
const O_ISN = 1;
const O_FINSEQ = 2;
const CW = 6;
/** In the client's bits: the first segment was seen (ConnectionStates.start ran). */
const E_STARTED = 0x1000;

/**
 * Both endpoints' facts of many connections, 24 bytes each in one typed array (a capture keeps
 * them for every connection: objects would cost some 200 bytes). A ConnectionStates loads one
 * connection's words into its endpoints and saves them back.
 */
export class EndpointStore {
  w: Int32Array = new Int32Array(CW);

  /** Makes room for connection `i` (new connections start with every word 0). */
  ensure(i: number): void {
    const need = (i + 1) * CW;
    if (need <= this.w.length) return;
    let n = this.w.length;
    while (n < need) n = Math.ceil(n * 1.5) + CW * 64;
    const w = new Int32Array(n);
    w.set(this.w);
    this.w = w;
  }

  /** The array cut to `count` connections (ensure() grows it again). */
  trim(count: number): void {
    const n = Math.max(1, count) * CW;
    if (this.w.length > n) this.w = this.w.slice(0, n);
  }
}

/** What one endpoint has done and seen (a working copy of its words when the connection has a store). */
class Endpoint {
  /** E_* bits. */
  private f = 0;
  /** Sequence numbers as signed 32-bit numbers (compared modulo 2^32). */
  isn = 0;
  finSeq = 0;

  constructor(readonly isServer: boolean) {}

  /** Copies the words at `k` in. */
  load(w: Int32Array, k: number): void {
    this.f = w[k + O_BITS]!;
    this.isn = w[k + O_ISN]!;
    this.finSeq = w[k + O_FINSEQ]!;
  }

  /** Writes the fields to the words at `k`. */
  save(w: Int32Array, k: number): void {
    w[k + O_BITS] = this.f;
    w[k + O_ISN] = this.isn;
    w[k + O_FINSEQ] = this.finSeq;
  }

  /** (client only) The connection's first segment was seen. */
  get started(): boolean {
    return (this.f & E_STARTED) !== 0;
  }
  set started(v: boolean) {
    this.f = v ? this.f | E_STARTED : this.f & ~E_STARTED;
  }

  /** Sent a SYN (or is inferred to have). */
  get sentSyn(): boolean {
    return (this.f & E_SENT_SYN) !== 0;
  }
  set sentSyn(v: boolean) {
    this.f = v ? this.f | E_SENT_SYN : this.f & ~E_SENT_SYN;
  }

  /** Its SYN carried an ACK: it opened passively (answered a SYN). */
  get passiveOpen(): boolean {
    return (this.f & E_PASSIVE_OPEN) !== 0;
  }
  set passiveOpen(v: boolean) {
    this.f = v ? this.f | E_PASSIVE_OPEN : this.f & ~E_PASSIVE_OPEN;
  }

  /** The peer acknowledged our SYN. */
  get synAcked(): boolean {
    return (this.f & E_SYN_ACKED) !== 0;
  }
  set synAcked(v: boolean) {
    this.f = v ? this.f | E_SYN_ACKED : this.f & ~E_SYN_ACKED;
  }

  /** Received the peer's SYN. */
  get rcvdSyn(): boolean {
    return (this.f & E_RCVD_SYN) !== 0;
  }
  set rcvdSyn(v: boolean) {
    this.f = v ? this.f | E_RCVD_SYN : this.f & ~E_RCVD_SYN;
  }

  get sentFin(): boolean {
    return (this.f & E_SENT_FIN) !== 0;
  }
  set sentFin(v: boolean) {
    this.f = v ? this.f | E_SENT_FIN : this.f & ~E_SENT_FIN;
  }

  get finAcked(): boolean {
    return (this.f & E_FIN_ACKED) !== 0;
  }
  set finAcked(v: boolean) {
    this.f = v ? this.f | E_FIN_ACKED : this.f & ~E_FIN_ACKED;
  }

  get rcvdFin(): boolean {
    return (this.f & E_RCVD_FIN) !== 0;
  }
  set rcvdFin(v: boolean) {
    this.f = v ? this.f | E_RCVD_FIN : this.f & ~E_RCVD_FIN;
  }

  /** Its FIN acknowledged the peer's FIN: it closed second (passively). */
  get passiveClose(): boolean {
    return (this.f & E_PASSIVE_CLOSE) !== 0;
  }
  set passiveClose(v: boolean) {
    this.f = v ? this.f | E_PASSIVE_CLOSE : this.f & ~E_PASSIVE_CLOSE;
  }

  /** Sent a RST, or accepted one. */
  get reset(): boolean {
    return (this.f & E_RESET) !== 0;
  }
  set reset(v: boolean) {
    this.f = v ? this.f | E_RESET : this.f & ~E_RESET;
  }

  /** Nothing from this endpoint is known yet: before its first segment it is LISTEN (server) or CLOSED. */
  get seen(): boolean {
    return (this.f & E_SEEN) !== 0;
  }
  set seen(v: boolean) {
    this.f = v ? this.f | E_SEEN : this.f & ~E_SEEN;
  }

  /** State was inferred (not derived from captured segments alone). */
  get inferred(): boolean {
    return (this.f & E_INFERRED) !== 0;
  }
  set inferred(v: boolean) {
    this.f = v ? this.f | E_INFERRED : this.f & ~E_INFERRED;
  }

  /** The connection was refused: this endpoint had no listener. */
  get noListener(): boolean {
    return (this.f & E_NO_LISTENER) !== 0;
  }
  set noListener(v: boolean) {
    this.f = v ? this.f | E_NO_LISTENER : this.f & ~E_NO_LISTENER;
  }
}

/** The endpoint was ESTABLISHED before the capture saw it. */
function inferEstablished(e: Endpoint): void {
  if (!e.sentSyn) {
    e.sentSyn = true;
    e.inferred = true;
  }
  e.rcvdSyn = true;
  e.synAcked = true;
  e.seen = true;
}

/** The state of an endpoint from its facts. */
function stateOf(e: Endpoint): S {
  // RFC 9293 §3.10.7.3: a RST returns a passively opened connection that was not yet
  // synchronized to LISTEN; otherwise the connection is CLOSED.
  if (e.reset) return e.isServer && !e.synAcked && !e.noListener ? S.Listen : S.Closed;
  if (e.sentFin || e.rcvdFin) {
    if (e.sentFin && e.rcvdFin) {
      if (e.passiveClose) return e.finAcked ? S.Closed : S.LastAck;
      return e.finAcked ? S.TimeWait : S.Closing;
    }
    if (e.sentFin) return e.finAcked ? S.FinWait2 : S.FinWait1;
    return S.CloseWait;
  }
  if (e.sentSyn) {
    if (!e.rcvdSyn) return S.SynSent;
    if (!e.synAcked) return S.SynReceived;
    return S.Established;
  }
  // A server that has not answered yet (even if the SYN arrived) is still listening.
  if (e.isServer && !e.noListener) return S.Listen;
  return S.Closed;
}

export interface StateChange {
  /** Client and server state after the segment (indexes into TCP_STATES). */
  client: S;
  server: S;
  /** States before the segment. */
  clientBefore: S;
  serverBefore: S;
  /** The state of that endpoint is inferred, not seen. */
  clientInferred: boolean;
  serverInferred: boolean;
}

/** What segment() returns: one object for every connection, valid until the next call. */
const lastChange: StateChange = {
  client: S.Closed, server: S.Listen, clientBefore: S.Closed, serverBefore: S.Listen,
  clientInferred: false, serverInferred: false,
};

/**
 * Both endpoints of one connection. Feed it every segment of the connection in capture order;
 * `fromClient` says the direction.
 */
export class ConnectionStates {
  /** The connection of `store` loaded (0 for a standalone one). */
  i = 0;
  readonly client = new Endpoint(false);
  readonly server = new Endpoint(true);

  /**
   * Without a store: one connection of its own. With one (connections kept in typed arrays):
   * load(i) a connection (after store.ensure(i)), and save() it after segment().
   */
  constructor(readonly store: EndpointStore | null = null) {}

  /** Copies connection `i`'s words into the endpoints. */
  load(i: number): void {
    this.i = i;
    const w = this.store!.w;
    this.client.load(w, i * CW + W_CLIENT);
    this.server.load(w, i * CW + W_SERVER);
  }

  /** Writes the endpoints back to connection `i`'s words. */
  save(): void {
    const w = this.store!.w;
    this.client.save(w, this.i * CW + W_CLIENT);
    this.server.save(w, this.i * CW + W_SERVER);
  }

  /** The current states. */
  get clientState(): S {
    return stateOf(this.client);
  }
  get serverState(): S {
    return stateOf(this.server);
  }

  /** One segment of this connection; the result is one object shared by every connection, valid until the next call. */
  segment(fromClient: boolean, flags: number, seq: number, ack: number, len: number): StateChange {
    const snd = fromClient ? this.client : this.server;
    const rcv = fromClient ? this.server : this.client;
    const out = lastChange;
    if (!this.client.started) this.start(snd, rcv, flags);
    out.clientBefore = this.clientState;
    out.serverBefore = this.serverState;

    const syn = (flags & TH_SYN) !== 0;
    const fin = (flags & TH_FIN) !== 0;
    const rst = (flags & TH_RST) !== 0;
    const hasAck = (flags & TH_ACK) !== 0;

    if (rst) {
      this.rst(snd, rcv, hasAck, ack);
    } else {
      // Sender side.
      if (syn && !snd.sentSyn) {
        snd.sentSyn = true;
        snd.isn = seq | 0;
        if (hasAck) {
          snd.passiveOpen = true;
          if (!snd.rcvdSyn) { snd.rcvdSyn = true; this.inferSyn(rcv, (ack - 1) | 0); }
        } else if (rcv.sentSyn) {
          // A bare SYN after the peer's SYN: the two crossed (simultaneous open).
          snd.rcvdSyn = true;
        }
      }
      snd.seen = true;
      if (hasAck) this.acknowledge(snd, rcv, ack);
      if (fin && !snd.sentFin) {
        if (!snd.sentSyn) this.inferEstablished(snd, rcv);
        snd.sentFin = true;
        snd.finSeq = (seq + len + (syn ? 1 : 0)) | 0;
        // Closed second iff this FIN acknowledges the peer's FIN.
        snd.passiveClose = rcv.sentFin && hasAck && ge(ack, (rcv.finSeq + 1) | 0);
        if (rcv.sentFin && !snd.passiveClose) snd.rcvdFin = true; // crossing FINs: it arrives after
      } else if (!syn && !fin && !snd.sentSyn && (len > 0 || hasAck)) {
        this.inferEstablished(snd, rcv);
      }
      // Receiver side (the segment arrives).
      if (syn) {
        rcv.rcvdSyn = true;
        if (rcv.sentSyn && !hasAck && !rcv.passiveOpen) snd.rcvdSyn = true; // both SYNs crossed
      }
      if (fin) rcv.rcvdFin = true;
    }

    out.client = this.clientState;
    out.server = this.serverState;
    out.clientInferred = this.client.inferred;
    out.serverInferred = this.server.inferred;
    return out;
  }

  /** The first segment decides what the endpoints were doing before the capture saw them. */
  private start(snd: Endpoint, rcv: Endpoint, flags: number): void {
    this.client.started = true;
    const syn = (flags & TH_SYN) !== 0;
    const ack = (flags & TH_ACK) !== 0;
    if (syn && !ack) return; // a clean start: client CLOSED → SYN-SENT, server LISTEN
    if (syn && ack) return; // SYN-ACK first: the client's SYN is inferred from its ack number

    if ((flags & TH_RST) !== 0) return;
    // Mid-stream: both were ESTABLISHED before this segment.
    this.inferEstablished(snd, rcv);
  }

  private inferEstablished(a: Endpoint, b: Endpoint): void {
    inferEstablished(a);
    inferEstablished(b);
  }

  /** `snd` acknowledged up to `ack`: what of the peer's SYN and FIN does that cover? */
  private acknowledge(snd: Endpoint, rcv: Endpoint, ack: number): void {
    if (rcv.sentSyn && !rcv.synAcked && ge(ack, (rcv.isn + 1) | 0)) {
      rcv.synAcked = true;
      snd.rcvdSyn = true;
    } else if (!rcv.sentSyn && snd.sentSyn && !snd.passiveOpen) {
      // The peer's SYN-ACK was not captured, but this ACK answers it: that SYN-ACK also
      // acknowledged our SYN.
      this.inferSyn(rcv, (ack - 1) | 0);
      rcv.passiveOpen = true;
      rcv.rcvdSyn = true;
      rcv.synAcked = true;
      snd.rcvdSyn = true;
      snd.synAcked = true;
    }
    if (rcv.sentFin && !rcv.finAcked && ge(ack, (rcv.finSeq + 1) | 0)) {
      rcv.finAcked = true;
      snd.rcvdFin = true;
    }
  }

  /** The peer must have sent a SYN that the capture missed. */
  private inferSyn(peer: Endpoint, isn: number): void {
    if (peer.sentSyn) return;
    peer.sentSyn = true;
    peer.isn = isn | 0;
    peer.inferred = true;
  }

  private rst(snd: Endpoint, rcv: Endpoint, hasAck: boolean, ack: number): void {
    // A RST answering a SYN that was never answered: nobody listens on that port.
    if (!snd.sentSyn && rcv.sentSyn && !rcv.rcvdSyn) {
      snd.noListener = true;
      if (!hasAck || ge(ack, (rcv.isn + 1) | 0)) rcv.reset = true;
      snd.seen = true;
      return;
    }
    snd.reset = true;
    snd.seen = true;
    // The receiver accepts it (we do not model the window check: a capture shows what was accepted
    // by what follows, and a connection that goes on after a RST is a new stream in practice).
    rcv.reset = true;
  }
}

export function stateName(s: S): TcpState {
  return TCP_STATES[s]!;
}

/** `SYN-SENT → ESTABLISHED`, or '' when the state did not change. */
export function transitionText(before: S, after: S): string {
  return before === after ? '' : `${TCP_STATES[before]} → ${TCP_STATES[after]}`;
}
