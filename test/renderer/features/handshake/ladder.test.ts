/**
 * The ladder layout on real connections: arrows left to right and back, state bands on each
 * lifeline in the order a learner reads them, inferred bands, the two time axes, RTTs, growth.
 */
import { describe, expect, it } from 'vitest';
import { arrowMarks, closeRtt, LADDER, ladderWindow, layoutLadder, packetYs } from '../../../../renderer/features/handshake/ladder.js';
import { connectionView, CORPUS, OWN } from '../fixture-data.js';

describe('ladder layout', () => {
  const v = connectionView(OWN + 'refused-and-reset.pcap', 2);

  it('one arrow per segment, client on the left, server on the right, time down', () => {
    const l = layoutLadder(v, { axis: 'compressed' });
    expect(l.arrows.map((a) => a.no)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26]);
    for (const a of l.arrows) {
      expect(a.x1).toBe(a.dir === 'c2s' ? l.clientX : l.serverX);
      expect(a.x2).toBe(a.dir === 'c2s' ? l.serverX : l.clientX);
      expect(a.y2).toBeGreaterThan(a.y1);
    }
    expect(l.clientX).toBeLessThan(l.serverX);
    const ys = l.arrows.map((a) => a.y1);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('the states in the order they appear: a full open and a close led by the server', () => {
    const l = layoutLadder(v, { axis: 'compressed' });
    expect(l.stateOrder).toEqual(['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSE-WAIT', 'FIN-WAIT-2', 'LAST-ACK', 'TIME-WAIT']);
    const client = l.bands.filter((b) => b.side === 'client').map((b) => [b.state, b.from]);
    const server = l.bands.filter((b) => b.side === 'server').map((b) => [b.state, b.from]);
    expect(client).toEqual([['CLOSED', null], ['SYN-SENT', 16], ['ESTABLISHED', 17], ['CLOSE-WAIT', 23], ['LAST-ACK', 25], ['CLOSED', 26]]);
    expect(server).toEqual([['LISTEN', null], ['SYN-RECEIVED', 17], ['ESTABLISHED', 18], ['FIN-WAIT-1', 23], ['FIN-WAIT-2', 24], ['TIME-WAIT', 25]]);
    expect(l.bands.every((b) => !b.inferred)).toBe(true);
  });

  it("the sender's state changes where its arrow leaves, the receiver's where it lands", () => {
    const l = layoutLadder(v, { axis: 'compressed' });
    const a17 = l.arrows.find((a) => a.no === 17)!;
    expect(l.bands.find((b) => b.side === 'server' && b.state === 'SYN-RECEIVED')!.y1).toBe(a17.y1);
    expect(l.bands.find((b) => b.side === 'client' && b.state === 'ESTABLISHED')!.y1).toBe(a17.y2);
  });

  it('a connection whose start was not captured has inferred (dashed) bands', () => {
    const w = connectionView(CORPUS + 'pcpp-http-packets2.pcap', 0);
    expect(w.packets[0]!.inferred).toBe(true);
    const l = layoutLadder(w, { axis: 'compressed' });
    const client = l.bands.filter((b) => b.side === 'client');
    expect(client[0]).toMatchObject({ state: 'ESTABLISHED', inferred: true, from: null });
    expect(client[1]).toMatchObject({ state: 'CLOSE-WAIT', inferred: true, from: 3 });
  });

  it('compressed axis: one row per packet, a break for a long pause', () => {
    const { ys, breaks } = packetYs(v.packets, { axis: 'compressed', breakSec: 0.04 });
    // 0.0557 s between the ACK (#18) and the first data (#19), 0.041 s between #23 and #24.
    expect(breaks.map((b) => b.seconds.toFixed(3))).toEqual(['0.056', '0.041']);
    expect(ys[1]! - ys[0]!).toBe(LADDER.row);
    expect(ys[3]! - ys[2]!).toBe(LADDER.row + LADDER.breakHeight);
    expect(packetYs(v.packets, { axis: 'compressed' }).breaks).toEqual([]);
  });

  it('to scale: y proportional to time', () => {
    const { ys, breaks } = packetYs(v.packets, { axis: 'scale' });
    expect(breaks).toEqual([]);
    const k = (ys.at(-1)! - ys[0]!) / (v.packets.at(-1)!.time - v.packets[0]!.time);
    v.packets.forEach((p, i) => expect(ys[i]!).toBeCloseTo(LADDER.top + p.time * k, 6));
  });

  it('crowded arrows on the scale axis keep their labels in the tooltip only', () => {
    const scaled = layoutLadder(v, { axis: 'scale' });
    // The handshake takes 61 µs of a 107 ms connection: one label for its three arrows.
    expect(scaled.arrows.slice(0, 3).map((a) => a.labelled)).toEqual([true, false, false]);
    expect(scaled.arrows.find((a) => a.no === 24)!.labelled).toBe(true);
    expect(layoutLadder(v, { axis: 'compressed' }).arrows.every((a) => a.labelled)).toBe(true);
  });

  it('close RTT: from the first FIN to its acknowledgement', () => {
    expect(closeRtt(v)).toMatchObject({ fin: 23, ack: 24 });
    expect(closeRtt(v)!.seconds).toBeCloseTo(0.097244 - 0.055943, 6);
    expect(closeRtt(connectionView(OWN + 'refused-and-reset.pcap', 0))).toBeNull();
  });

  it('grows as packets arrive', () => {
    const part = layoutLadder(connectionView(OWN + 'refused-and-reset.pcap', 2, true, 19), { axis: 'compressed' });
    const all = layoutLadder(v, { axis: 'compressed' });
    expect(part.arrows.map((a) => a.no)).toEqual([16, 17, 18, 19]);
    expect(all.height).toBeGreaterThan(part.height);
    expect(part.arrows.map((a) => a.y1)).toEqual(all.arrows.slice(0, 4).map((a) => a.y1));
  });

  it('retransmission, out-of-order and lost-segment arrows are problems', () => {
    expect(arrowMarks(['fast-retransmission', 'retransmission', 'duplicate-ack'])).toEqual(['retransmission', 'duplicate-ack']);
    const r = layoutLadder(connectionView(CORPUS + 'arkime-wireshark-retrans.pcap', 0), { axis: 'compressed' });
    expect(r.arrows.filter((a) => a.problem).length).toBeGreaterThan(10);
    expect(r.arrows.find((a) => a.no === 7)!.problem).toBe(false);
    expect(r.arrows.find((a) => a.no === 10)!.marks).toEqual(['out-of-order']);
  });

  it('a long connection is drawn as a window around the selected packet, starting from the states before it', () => {
    const w = connectionView(CORPUS + 'ndpi-ipp.pcap', 1);
    expect(w.packets.length).toBeGreaterThan(200);
    expect(ladderWindow(w, null, 1000)).toMatchObject({ first: 0, total: w.packets.length });
    const start = ladderWindow(w, null, 50);
    expect(start).toMatchObject({ first: 0, initial: undefined });
    expect(start.packets).toHaveLength(50);
    const sel = w.packets[120]!.no;
    const mid = ladderWindow(w, sel, 50);
    expect(mid.first).toBe(95);
    expect(mid.packets.map((p) => p.no)).toContain(sel);
    expect(mid.initial).toEqual({ client: w.packets[94]!.client, server: w.packets[94]!.server, inferred: false });
    const l = layoutLadder({ ...w, packets: mid.packets }, { axis: 'compressed', initial: mid.initial });
    expect(l.bands.filter((b) => b.side === 'client')[0]).toMatchObject({ state: 'ESTABLISHED', from: null });
    const end = ladderWindow(w, w.packets.at(-1)!.no, 50);
    expect(end.first).toBe(w.packets.length - 50);
  });
});
