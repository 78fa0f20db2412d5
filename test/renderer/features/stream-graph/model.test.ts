/**
 * The stream graphs' data (renderer/features/stream-graph/model.ts) for a small connection written
 * out by hand, each series worked out from Wireshark's algorithms (ui/qt/tcp_stream_dialog.cpp):
 * the client sends three 100-byte segments; the server ACKs the first, then repeats that ACK with a
 * SACK of the third (a duplicate ACK); the client retransmits the second; the server ACKs all.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionPacket, ConnectionView } from '../../../../electron/api/contract.js';
import { buildGraph, busierDirection, nearest, scale, selectable, ticks, type GraphSeries } from '../../../../renderer/features/stream-graph/model.js';
import { connectionView, OWN } from '../fixture-data.js';

type P = Partial<ConnectionPacket> & Pick<ConnectionPacket, 'no' | 'time' | 'dir' | 'flags'>;
const pk = (p: P): ConnectionPacket => ({ seq: 0, ack: 0, len: 0, win: 0, client: 'ESTABLISHED', server: 'ESTABLISHED', transition: '', inferred: false, analysis: [], ...p });

const packets = [
  pk({ no: 1, time: 0, dir: 'c2s', flags: 'SYN', win: 64240 }),
  pk({ no: 2, time: 0.01, dir: 's2c', flags: 'SYN, ACK', ack: 1, win: 65160 }),
  pk({ no: 3, time: 0.02, dir: 'c2s', flags: 'ACK', seq: 1, ack: 1, win: 502 }),
  pk({ no: 4, time: 0.03, dir: 'c2s', flags: 'PSH, ACK', seq: 1, ack: 1, len: 100, win: 502 }),
  pk({ no: 5, time: 0.031, dir: 'c2s', flags: 'ACK', seq: 101, ack: 1, len: 100, win: 502 }),
  pk({ no: 6, time: 0.032, dir: 'c2s', flags: 'ACK', seq: 201, ack: 1, len: 100, win: 502 }),
  pk({ no: 7, time: 0.04, dir: 's2c', flags: 'ACK', seq: 1, ack: 101, win: 1000 }),
  pk({ no: 8, time: 0.042, dir: 's2c', flags: 'ACK', seq: 1, ack: 101, win: 1000, sack: [201, 301], analysis: ['duplicate-ack'] }),
  pk({ no: 9, time: 0.05, dir: 'c2s', flags: 'ACK', seq: 101, ack: 1, len: 100, win: 502, analysis: ['retransmission'] }),
  pk({ no: 10, time: 0.06, dir: 's2c', flags: 'ACK', seq: 1, ack: 301, win: 2000 }),
  pk({ no: 11, time: 0.07, dir: 'c2s', flags: 'FIN, ACK', seq: 301, ack: 1, win: 502 }),
  pk({ no: 12, time: 0.08, dir: 's2c', flags: 'FIN, ACK', seq: 1, ack: 302, win: 2000 }),
  pk({ no: 13, time: 0.09, dir: 'c2s', flags: 'ACK', seq: 302, ack: 2, win: 0 }),
];
const view: ConnectionView = {
  stream: 0,
  client: { address: '10.0.0.1', port: 40000 },
  server: { address: '10.0.0.2', port: 80 },
  roleHeuristic: false,
  outcome: 'SF',
  outcomeText: '',
  history: '',
  duration: 0.09,
  packets,
  live: false,
};

const series = (s: GraphSeries[], id: string) => s.find((x) => x.id === id)!.points.map((p) => [p.no, p.x, p.y, ...(p.y2 === undefined ? [] : [p.y2])]);

describe('stream graph model', () => {
  it('tcptrace: data segments and retransmissions as bars, ACK and window as steps, SACK, dup ACK', () => {
    const g = buildGraph(view, 'tcptrace', 'c2s');
    expect(g.yUnit).toBe('seq');
    expect(series(g.series, 'segments')).toEqual([[4, 0.03, 1, 101], [5, 0.031, 101, 201], [6, 0.032, 201, 301]]);
    expect(series(g.series, 'retransmissions')).toEqual([[9, 0.05, 101, 201]]);
    expect(series(g.series, 'ack')).toEqual([[2, 0.01, 1], [7, 0.04, 101], [8, 0.042, 101], [10, 0.06, 301], [12, 0.08, 302]]);
    expect(series(g.series, 'rwin')).toEqual([[2, 0.01, 65161], [7, 0.04, 1101], [8, 0.042, 1101], [10, 0.06, 2301], [12, 0.08, 2302]]);
    expect(series(g.series, 'sack')).toEqual([[8, 0.042, 201, 301]]);
    expect(series(g.series, 'sack2')).toEqual([]);
    expect(series(g.series, 'dupAck')).toEqual([[8, 0.042, 101]]);
    // The client's last ACK advertises a zero window (not a SYN, FIN or RST).
    expect(series(g.series, 'zeroWindow')).toEqual([[13, 0.09, 302]]);
    expect(g.x).toEqual({ min: 0.01, max: 0.09 });
    expect(g.y).toEqual({ min: 1, max: 65161 });
    // The other way: the server sent no data; the client's ACKs are the lines.
    const back = buildGraph(view, 'tcptrace', 's2c');
    expect(series(back.series, 'segments')).toEqual([]);
    expect(series(back.series, 'ack').map((p) => p[0])).toEqual([3, 4, 5, 6, 9, 11, 13]);
  });

  it('Stevens: every segment of the direction, its sequence number over time', () => {
    const g = buildGraph(view, 'stevens', 'c2s');
    expect(series(g.series, 'sequence')).toEqual([[1, 0, 0], [3, 0.02, 1], [4, 0.03, 1], [5, 0.031, 101], [6, 0.032, 201], [9, 0.05, 101], [11, 0.07, 301], [13, 0.09, 302]]);
  });

  it('throughput: segment lengths and bits per second over a moving time window', () => {
    const g = buildGraph(view, 'throughput', 'c2s', 1);
    expect(series(g.series, 'segmentLength').map((p) => p[2])).toEqual([0, 0, 100, 100, 100, 100, 0, 0]);
    // Within one second: the running total of bits.
    expect(series(g.series, 'throughput').map((p) => [p[1], p[2]])).toEqual([[0, 0], [0.02, 0], [0.03, 800], [0.031, 1600], [0.032, 2400], [0.05, 3200], [0.07, 3200], [0.09, 3200]]);
    expect(g.series.find((s) => s.id === 'throughput')!.right).toBe(true);
    expect(g.y2).toEqual({ min: 0, max: 3200 });
    // A 10 ms window: segments leave it, each leaving adds a point 10 ms after that segment.
    const short = series(buildGraph(view, 'throughput', 'c2s', 0.01).series, 'throughput');
    const at = (x: number) => short.filter((p) => Math.abs(p[1]! - x) < 1e-9).map((p) => Math.round(p[2]!));
    expect(at(0.032)).toEqual([240000]); // 300 bytes in (0.022, 0.032]
    expect(at(0.05)).toEqual([80000]); // only the retransmission: the others left the window
    expect(short.at(-1)![2]).toBe(0);
  });

  it('round-trip time: by the segment’s time, from the ACK or SACK that covered it; a retransmission is not timed', () => {
    const g = buildGraph(view, 'rtt', 'c2s');
    const rtt = series(g.series, 'rtt').map(([no, x, y]) => [no, x, Math.round(y! * 1000) / 1000]);
    expect(rtt).toEqual([[7, 0.03, 10], [8, 0.032, 10], [10, 0.031, 29]]);
    expect(g.yUnit).toBe('ms');
  });

  it('round-trip time: a SACK block inside an unacknowledged range splits it', () => {
    const big = [
      pk({ no: 1, time: 0, dir: 'c2s', flags: 'ACK', seq: 1, len: 300 }),
      pk({ no: 2, time: 0.01, dir: 's2c', flags: 'ACK', ack: 1, sack: [101, 201] }),
      pk({ no: 3, time: 0.03, dir: 's2c', flags: 'ACK', ack: 101, sack: [101, 201] }),
      pk({ no: 4, time: 0.05, dir: 's2c', flags: 'ACK', ack: 301 }),
    ];
    const g = buildGraph({ ...view, packets: big }, 'rtt', 'c2s');
    // The SACK times the middle; the ACK to 101 the left part; the ACK to 301 the right part.
    expect(series(g.series, 'rtt').map(([no, , y]) => [no, Math.round(y!)])).toEqual([[2, 10], [3, 30], [4, 50]]);
  });

  it('window scaling: bytes out beyond the highest ACK, and the advertised receive window', () => {
    const g = buildGraph(view, 'window', 'c2s');
    expect(series(g.series, 'bytesOut').map((p) => [p[0], p[2]])).toEqual([[3, 0], [4, 100], [5, 200], [6, 300], [9, 100], [11, 0], [13, 0]]);
    expect(series(g.series, 'rwinSize').map((p) => [p[0], p[2]])).toEqual([[7, 1000], [8, 1000], [10, 2000], [12, 2000]]);
  });

  it('the busier direction, ticks, the nearest point and the selectable packets', () => {
    expect(busierDirection(view)).toBe('c2s');
    expect(busierDirection({ ...view, packets: packets.map((p) => ({ ...p, dir: p.dir === 'c2s' ? 's2c' : 'c2s' })) })).toBe('s2c');
    expect(ticks({ min: 0, max: 1 }, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks({ min: 3, max: 47 }, 4)).toEqual([10, 20, 30, 40]);
    expect(ticks({ min: 1, max: 65161 }, 6)).toEqual([10000, 20000, 30000, 40000, 50000, 60000]);
    const g = buildGraph(view, 'tcptrace', 'c2s');
    const sx = scale(g.x, 0, 800);
    const sy = scale({ min: 0, max: 400 }, 400, 0);
    // On the retransmission's bar (t = 0.05, seq 101..201): its packet.
    const hit = nearest(g, sx(0.05), sy(150), sx, sy, sy);
    expect(hit && [hit.series, hit.point.no]).toEqual(['retransmissions', 9]);
    expect(nearest(g, sx(0.05), sy(150) - 200, sx, sy, sy)).toBeNull();
    expect(selectable(g)).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 12, 13]);
  });

  it('a real connection with loss (fixtures/own/tcp-analysis.pcap, stream 0): every data segment drawn once', () => {
    const real = connectionView(OWN + 'tcp-analysis.pcap', 0);
    let retransmitted = 0;
    for (const dir of ['c2s', 's2c'] as const) {
      const g = buildGraph(real, 'tcptrace', dir);
      const data = real.packets.filter((p) => p.dir === dir && p.len > 0);
      const drawn = g.series.filter((s) => s.id === 'segments' || s.id === 'retransmissions').flatMap((s) => s.points.map((p) => p.no));
      expect(drawn.sort((a, b) => a - b)).toEqual(data.map((p) => p.no));
      retransmitted += g.series.find((s) => s.id === 'retransmissions')!.points.length;
      // Every RTT is positive and no longer than the connection.
      for (const p of buildGraph(real, 'rtt', dir).series[0]!.points) expect(p.y > 0 && p.y <= real.duration * 1000).toBe(true);
    }
    expect(retransmitted).toBe(real.packets.filter((p) => p.len > 0 && p.analysis.some((a) => /retransmission/.test(a))).length);
    expect(retransmitted).toBeGreaterThan(0);
    expect(buildGraph(real, 'tcptrace', 's2c').series.find((s) => s.id === 'sack')!.points.length + buildGraph(real, 'tcptrace', 'c2s').series.find((s) => s.id === 'sack')!.points.length).toBeGreaterThan(0);
  });
});
