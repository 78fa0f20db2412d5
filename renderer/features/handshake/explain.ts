/**
 * The explanation of one segment of a connection, for a learner: what the sender does, why the
 * numbers are what they are, and what each endpoint's state becomes. Pure and language-free: it
 * returns i18n keys (namespace "analysis", under "explain.") with this connection's numbers as
 * parameters; a parameter that is itself words (a side's name) is given as `{ key }` for the
 * renderer to translate.
 *
 * What it reads: the packet's flags, relative seq/ack, length, window and analysis flags; both
 * endpoints' states before (the previous packet's "after"; CLOSED / LISTEN at the start) and
 * after; the ISNs and handshake RTTs of the view; and the other packets (which one acknowledges
 * this data, which one this retransmission repeats).
 */
import type { ConnectionPacket, ConnectionView, TcpState } from '../../../electron/api/contract.js';

export type Param = string | number | { key: string };

export interface Line {
  key: string;
  params: Record<string, Param>;
}

const side = (s: 'client' | 'server'): { key: string } => ({ key: `side.${s}` });

const has = (p: ConnectionPacket, flag: string): boolean => p.flags.split(/[,\s]+/).includes(flag);

/** Milliseconds with three decimals ("0.061"). */
export function ms(seconds: number): string {
  return (seconds * 1000).toFixed(3);
}

/** Both endpoints' states before packet `i` (CLOSED / LISTEN before the first one, or its own when inferred). */
export function statesBefore(view: ConnectionView, i: number): { client: TcpState; server: TcpState } {
  if (i > 0) {
    const prev = view.packets[i - 1]!;
    return { client: prev.client, server: prev.server };
  }
  const first = view.packets[0];
  if (first?.inferred) return { client: first.client, server: first.server };
  return { client: 'CLOSED', server: 'LISTEN' };
}

/** Sequence space a segment uses: its data, plus one each for SYN and FIN. */
export function seqSpace(p: ConnectionPacket): number {
  return p.len + (has(p, 'SYN') ? 1 : 0) + (has(p, 'FIN') ? 1 : 0);
}

/** The first later packet from the other side whose ACK covers this segment's sequence space. */
export function ackingPacket(view: ConnectionView, i: number): ConnectionPacket | undefined {
  const p = view.packets[i]!;
  const end = p.seq + seqSpace(p);
  return view.packets.slice(i + 1).find((q) => q.dir !== p.dir && has(q, 'ACK') && q.ack >= end);
}

/** The earlier packet of the same direction this one repeats (same seq, carrying sequence space). */
export function originalOf(view: ConnectionView, i: number): ConnectionPacket | undefined {
  const p = view.packets[i]!;
  return view.packets.slice(0, i).find((q) => q.dir === p.dir && q.seq === p.seq && seqSpace(q) > 0);
}

/**
 * The peer's SYN or FIN this packet acknowledges for the first time (its ACK reaches just past
 * it, and no earlier packet of this side's did), if any.
 */
export function newlyAckedControl(view: ConnectionView, i: number): { flag: 'SYN' | 'FIN'; no: number } | undefined {
  const p = view.packets[i]!;
  const control = view.packets.slice(0, i).find((q) => q.dir !== p.dir && (has(q, 'SYN') || has(q, 'FIN')) && q.seq + seqSpace(q) === p.ack);
  if (!control) return undefined;
  const already = view.packets.slice(0, i).some((q) => q.dir === p.dir && has(q, 'ACK') && q.ack >= p.ack);
  return already ? undefined : { flag: has(control, 'SYN') ? 'SYN' : 'FIN', no: control.no };
}

/** The window the receiver of packet `i` last announced (in a packet before it), if any. */
export function receiverWindow(view: ConnectionView, i: number): number | undefined {
  const p = view.packets[i]!;
  for (let k = i - 1; k >= 0; k--) {
    const q = view.packets[k]!;
    if (q.dir !== p.dir && has(q, 'ACK')) return q.win;
  }
  return undefined;
}

/** The explanation of packet `no` of `view` (empty when the packet is not in it). */
export function explainPacket(view: ConnectionView, no: number): Line[] {
  const i = view.packets.findIndex((p) => p.no === no);
  if (i < 0) return [];
  const p = view.packets[i]!;
  const before = statesBefore(view, i);
  const senderSide = p.dir === 'c2s' ? 'client' : 'server';
  const receiverSide = p.dir === 'c2s' ? 'server' : 'client';
  const sender = side(senderSide);
  const receiver = side(receiverSide);
  const senderEp = view[senderSide];
  const receiverEp = view[receiverSide];
  const lines: Line[] = [];
  const add = (key: string, params: Record<string, Param> = {}) => lines.push({ key: `explain.${key}`, params: { sender, receiver, ...params } });
  const unknown = { key: 'explain.unknown' };

  const syn = has(p, 'SYN');
  const ack = has(p, 'ACK');
  const fin = has(p, 'FIN');
  const rst = has(p, 'RST');
  const retrans = p.analysis.some((a) => a.endsWith('retransmission'));

  // What the segment is.
  if (rst) {
    if (before[receiverSide] === 'SYN-SENT') {
      add('rstRefused', { port: senderEp.port, seq: p.seq, ack: p.ack });
    } else {
      add('rstAbort', { seq: p.seq, state: before[senderSide] });
    }
  } else if (syn && !ack) {
    add('syn', { seq: p.seq, isn: senderEp.isn ?? unknown, state: p[senderSide], mss: senderEp.mss ?? unknown });
  } else if (syn && ack) {
    const x = receiverEp.isn;
    add('synAck', {
      seq: p.seq,
      isn: senderEp.isn ?? unknown,
      ack: p.ack,
      x: x ?? unknown,
      xPlus1: x === undefined ? unknown : (x + 1) % 2 ** 32,
      state: p[senderSide],
    });
  } else if (fin) {
    add('fin', { seq: p.seq + p.len, next: p.seq + p.len + 1, ack: p.ack });
    if (p.len > 0) add('data', { len: p.len, seq: p.seq, first: p.seq, last: p.seq + p.len - 1, next: p.seq + p.len });
  } else if (p.len > 0) {
    add('data', { len: p.len, seq: p.seq, first: p.seq, last: p.seq + p.len - 1, next: p.seq + p.len });
  }

  // What the ACK acknowledges: the peer's SYN or FIN for the first time, new data, or nothing new.
  if (ack && !rst) {
    const closing = newlyAckedControl(view, i);
    if (closing && !syn) add(closing.flag === 'SYN' ? 'ackOfSyn' : 'ackOfFin', { ack: p.ack, ofNo: closing.no });
    else if (!syn && !fin && p.len === 0) {
      const prev = view.packets.slice(0, i).reverse().find((q) => q.dir === p.dir && has(q, 'ACK'));
      const newly = prev ? p.ack - prev.ack : 0;
      if (newly > 0) add('ack', { ack: p.ack, acked: newly });
      else add('ackNothingNew', { ack: p.ack, win: p.win });
    }
  }

  // Who acknowledges the sequence space this segment used.
  if (!rst && seqSpace(p) > 0) {
    const by = ackingPacket(view, i);
    if (by) add('ackedBy', { ackNo: by.no, ack: by.ack, delay: ms(by.time - p.time) });
    else if (!view.live) add('notAcked', {});
    else add('notAckedYet', {});
  }

  // State changes, each side (sender first).
  for (const s of [senderSide, receiverSide] as const) {
    const from = before[s];
    const to = p[s];
    if (from === to) continue;
    const who = side(s);
    const params = { who, from, to };
    if (to === 'ESTABLISHED' && from === 'SYN-SENT') add('toEstablishedClient', params);
    else if (to === 'ESTABLISHED' && from === 'SYN-RECEIVED') {
      const total = (view.rttSynToSynAck ?? NaN) + (view.rttSynAckToAck ?? NaN);
      add('toEstablishedServer', { ...params, rtt: Number.isFinite(total) ? ms(total) : unknown });
    } else if (to === 'FIN-WAIT-1') add('toFinWait1', params);
    else if (to === 'CLOSE-WAIT') add('toCloseWait', params);
    else if (to === 'FIN-WAIT-2') add('toFinWait2', params);
    else if (to === 'LAST-ACK') add('toLastAck', params);
    else if (to === 'CLOSING') add('toClosing', params);
    else if (to === 'TIME-WAIT') {
      if (from === 'FIN-WAIT-1') add('skipFinWait2', params);
      add('toTimeWait', params);
    }
    else if (to === 'CLOSED' && from === 'LAST-ACK') add('lastAckToClosed', params);
    else if (to === 'CLOSED' && rst) add('rstToClosed', params);
    else if (to === 'SYN-SENT' || to === 'SYN-RECEIVED') add('toSynState', params);
    else add('stateChange', params);
  }

  // What the analysis saw.
  if (retrans) {
    const orig = originalOf(view, i);
    if (orig) add('retransmissionOf', { orig: orig.no, seq: p.seq, after: ms(p.time - orig.time) });
    else add('retransmission', { seq: p.seq });
  }
  if (p.analysis.includes('fast-retransmission')) add('fastRetransmission', {});
  if (p.analysis.includes('spurious-retransmission')) add('spuriousRetransmission', {});
  if (p.analysis.includes('out-of-order')) add('outOfOrder', { seq: p.seq });
  if (p.analysis.includes('lost-segment')) add('lostSegment', { seq: p.seq });
  if (p.analysis.includes('ack-lost-segment')) add('ackLostSegment', { ack: p.ack });
  if (p.analysis.includes('duplicate-ack')) add('duplicateAck', { ack: p.ack });
  if (p.analysis.includes('window-full')) add('windowFull', {});
  if (p.analysis.includes('zero-window')) add('zeroWindow', {});
  if (p.analysis.includes('zero-window-probe')) add('zeroWindowProbe', {});
  if (p.analysis.includes('zero-window-probe-ack')) add('zeroWindowProbeAck', { win: p.win });
  if (p.analysis.includes('window-update')) add('windowUpdate', { win: p.win });
  if (p.analysis.includes('keep-alive')) {
    add('keepAlive', { seq: p.seq });
    // Linux probes a zero window with a segment of this shape (Wireshark names it a keep-alive).
    if (receiverWindow(view, i) === 0) add('keepAliveAtZeroWindow', {});
  }
  if (p.analysis.includes('keep-alive-ack')) add('keepAliveAck', { win: p.win });
  if (p.inferred) add('inferred', {});

  add('statesAfter', { client: p.client, server: p.server });
  return lines;
}
