/**
 * The per-segment table keeps 56 bytes per row and moves rare values to an extra record: every
 * value a TcpSegmentResult can hold must come back unchanged, whichever way it was stored.
 */
import { describe, expect, it } from 'vitest';
import { A_DUPLICATE_ACK, A_RETRANSMISSION, REACH_ALL, REACH_SEQ, REACH_TIMES, TcpSegmentResult } from '../../../dissectors/tcp/analysis.js';
import { ROW_BYTES, TcpAnalysisTable } from '../../../dissectors/tcp/analysis-table.js';
import { AddrTable } from '../../../dissectors/tcp/addr-table.js';

function result(fill: Partial<TcpSegmentResult>): TcpSegmentResult {
  const r = new TcpSegmentResult();
  Object.assign(r, fill);
  return r;
}

const plain = (r: TcpSegmentResult) => ({ ...r });

const CASES: Partial<TcpSegmentResult>[] = [
  // An ordinary data segment: everything in the row.
  { stream: 7, analyzed: true, seq: 1, ack: 1, len: 1448, nxtseq: 1449, window: 65535 * 128, scaleFactor: 128, showScaleFactor: true,
    hasAnalysis: true, acksFrame: 12, ackRttNsec: 250_000, bytesInFlight: 2896, pushBytesSent: 1448, hasInitialRtt: true,
    initialRttNsec: 1_000_000, timeRelSec: 3, timeRelNsec: 500, timeDeltaNsec: 999_999_999 },
  // A SYN (nxtseq one past), raw numbers above 2^31, no scaling.
  { stream: 0x7fffffff, analyzed: true, seq: 0, ack: 0xfffffffe, len: 0, nxtseq: 1, window: 0xffff, scaleFactor: -2 },
  { stream: 1, analyzed: true, seq: 0xffffffff, ack: 5, len: 10, nxtseq: 9, scaleFactor: -1, showScaleFactor: true },
  // Not analyzed: raw seq, nxtseq 0.
  { stream: 2, analyzed: false, seq: 0xdeadbeef, ack: 0x80000000, reach: REACH_SEQ },
  // The rare values: duplicate ACK, RTO, whole seconds, negative nanoseconds, a relative time beyond 32 bits.
  { stream: 3, analyzed: true, hasAnalysis: true, flags: A_DUPLICATE_ACK, dupAckNum: 4, dupAckFrame: 100, timeDeltaSec: 2, timeDeltaNsec: -5 },
  { stream: 4, analyzed: true, seq: 10, len: 5, nxtseq: 15, hasAnalysis: true, flags: A_RETRANSMISSION, rtoSec: 1, rtoNsec: -300, rtoFrame: 9,
    ackRttSec: 1, ackRttNsec: 2, acksFrame: 3, hasInitialRtt: true, initialRttSec: 2, initialRttNsec: 7, reach: REACH_ALL },
  { stream: 5, analyzed: true, timeRelSec: 4_000_000_000, timeRelNsec: 1, reach: REACH_TIMES },
  { stream: 6, analyzed: true, timeRelSec: -3, timeRelNsec: -1 },
  { stream: 8, analyzed: true, timeRelSec: 1.5 },
];

describe('TcpAnalysisTable', () => {
  it('gives back every result as stored, rows in the row, rare values in extra records', () => {
    const t = new TcpAnalysisTable();
    const want = CASES.map((c) => plain(result(c)));
    // Spread the cases over several pages and between ordinary rows.
    const frames: number[] = [];
    let frame = 1;
    for (let k = 0; k < 40000; k++) {
      const c = want[k % want.length]!;
      t.store(frame, result(c));
      frames.push(frame);
      frame += 1 + (k % 3);
    }
    const r = new TcpSegmentResult();
    for (let k = 0; k < frames.length; k += 7) {
      const row = t.rowOf(frames[k]!);
      expect([k, plain(t.load(row, r))]).toEqual([k, want[k % want.length]]);
    }
    expect(t.size).toBe(40000);
    expect(ROW_BYTES).toBe(56);
  });

  it('uses every scale factor code', () => {
    const t = new TcpAnalysisTable();
    const factors = [-2, -1, ...Array.from({ length: 15 }, (_, i) => 1 << i)];
    factors.forEach((f, i) => t.store(i + 1, result({ scaleFactor: f, showScaleFactor: true })));
    const r = new TcpSegmentResult();
    expect(factors.map((_, i) => t.load(t.rowOf(i + 1), r).scaleFactor)).toEqual(factors);
  });
});

describe('AddrTable', () => {
  it('keeps each stream’s addresses across growth and compares them', () => {
    const a = new AddrTable(32, 2);
    const src = new Uint8Array(40).map((_, i) => i * 7);
    for (let s = 0; s < 100; s++) {
      a.ensure(s);
      a.set(s, 0, src, s % 20, 16);
      a.set(s, 16, src, (s + 3) % 20, 4);
    }
    for (let s = 0; s < 100; s++) {
      expect([s, a.equals(s, 0, src, s % 20, 16), a.equals(s, 16, src, (s + 3) % 20, 4)]).toEqual([s, true, true]);
      expect(a.equals(s, 0, src, (s % 20) + 1, 16)).toBe(false);
    }
  });
});
