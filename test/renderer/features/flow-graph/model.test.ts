// The flow graph's geometry (renderer/features/flow-graph/model.ts): lifelines in order of first
// appearance, one arrow per kept row from its source to its destination, labels cut, the scopes,
// and the window around the selected packet.
import { describe, expect, it } from 'vitest';
import type { Row } from '../../../../electron/api/contract.js';
import { cut, FLOW, layoutFlow, MAX_FLOW_PACKETS, scopeTest, windowStart } from '../../../../renderer/features/flow-graph/model.js';

const row = (no: number, source: string, destination: string, info: string, extra: Partial<Row> = {}): Row => ({
  no, time: no / 10, delta: 0, epoch: 0, source, destination, protocol: extra.protocol ?? 'TCP', length: 60, info, color: '', expert: '', ...extra,
});

const ROWS: Row[] = [
  row(1, 'aa:aa', 'Broadcast', 'Who has 10.0.0.2? Tell 10.0.0.1', { protocol: 'ARP' }),
  row(2, '10.0.0.1', '10.0.0.53', 'Standard query 0x0001 A example.test', { protocol: 'DNS', udpStream: 0 }),
  row(3, '10.0.0.53', '10.0.0.1', 'Standard query response 0x0001 A example.test A 10.0.0.2', { protocol: 'DNS', udpStream: 0 }),
  row(4, '10.0.0.1', '10.0.0.2', '40000 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM WS=128', { tcpStream: 0 }),
  row(5, '10.0.0.2', '10.0.0.1', '80 → 40000 [SYN, ACK] Seq=0 Ack=1', { tcpStream: 0 }),
  row(6, '10.0.0.1', '10.0.0.1', 'loopback', { tcpStream: 1 }),
];

describe('the flow graph', () => {
  it('has a lifeline per address in order of first appearance, and an arrow per packet', () => {
    const g = layoutFlow(ROWS);
    expect(g.hosts.map((h) => h.name)).toEqual(['aa:aa', 'Broadcast', '10.0.0.1', '10.0.0.53', '10.0.0.2']);
    expect(g.hosts.map((h) => h.x)).toEqual([0, 1, 2, 3, 4].map((i) => FLOW.left + FLOW.column / 2 + i * FLOW.column));
    expect(g.arrows.map((a) => [a.no, a.from, a.to])).toEqual([[1, 0, 1], [2, 2, 3], [3, 3, 2], [4, 2, 4], [5, 4, 2], [6, 2, 2]]);
    expect(g.arrows.map((a) => a.y)).toEqual([0, 1, 2, 3, 4, 5].map((k) => FLOW.top + k * FLOW.row + FLOW.row / 2));
    expect(g.arrows[2]!.x1).toBeGreaterThan(g.arrows[2]!.x2);
    expect(g.arrows.map((a) => a.stream)).toEqual([null, 'udp0', 'udp0', 'tcp0', 'tcp0', 'tcp1']);
    expect(g.arrows[3]!.label).toBe(cut(ROWS[3]!.info, FLOW.labelChars));
    expect(g.arrows[3]!.label).toHaveLength(FLOW.labelChars);
    expect(g.arrows[3]!.label.endsWith('…')).toBe(true);
    expect(g.arrows[3]!.comment).toBe(`TCP: ${ROWS[3]!.info}`);
    expect(g.width).toBe(FLOW.left + 5 * FLOW.column + FLOW.comment);
    expect(g.height).toBe(FLOW.top + 6 * FLOW.row + FLOW.bottomPad);
  });

  it('keeps every packet, the TCP ones, or the selected packet\'s conversation', () => {
    const nos = (keep: (r: Row) => boolean) => layoutFlow(ROWS, keep).arrows.map((a) => a.no);
    expect(nos(scopeTest('all', null))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(nos(scopeTest('tcp', null))).toEqual([4, 5, 6]);
    expect(nos(scopeTest('conversation', ROWS[4]!))).toEqual([4, 5]);
    expect(nos(scopeTest('conversation', ROWS[1]!))).toEqual([2, 3]);
    expect(nos(scopeTest('conversation', ROWS[0]!))).toEqual([1]);
    // Only the kept rows' addresses get a lifeline.
    expect(layoutFlow(ROWS, scopeTest('conversation', ROWS[4]!)).hosts.map((h) => h.name)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(layoutFlow([], () => true).arrows).toEqual([]);
  });

  it('shows a window of the view around the selected packet', () => {
    expect(windowStart(5000, 800)).toBe(0);
    expect(windowStart(-1, 50_000)).toBe(0);
    expect(windowStart(30, 50_000)).toBe(0);
    expect(windowStart(20_000, 50_000)).toBe(19_950);
    expect(windowStart(49_999, 50_000)).toBe(50_000 - MAX_FLOW_PACKETS);
  });
});
