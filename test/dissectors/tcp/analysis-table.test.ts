/**
 * The per-segment table keeps 16 to 32 bytes per row: what a revisit computes again from the header's
 * raw numbers (relative seq/ack, length, window, relative time, iRTT) is not kept, and rare values
 * go to an extra record. Every value a TcpSegmentResult can hold must come back unchanged from the
 * same raw numbers, whichever way it was stored.
 */
import { describe, expect, it } from 'vitest';
import {
  A_DUPLICATE_ACK, A_RETRANSMISSION, REACH_ALL, REACH_SEQ, REACH_TIMES, TcpSegmentInput, TcpSegmentResult, TH_ACK, TH_FIN, TH_SYN,
} from '../../../dissectors/tcp/analysis.js';
import { ROW_BYTES, TcpAnalysisTable } from '../../../dissectors/tcp/analysis-table.js';
import { AddrTable } from '../../../dissectors/tcp/addr-table.js';

function result(fill: Partial<TcpSegmentResult>): TcpSegmentResult {
  const r = new TcpSegmentResult();
  Object.assign(r, fill);
  return r;
}

function input(fill: Partial<TcpSegmentInput>): TcpSegmentInput {
  const i = new TcpSegmentInput();
  Object.assign(i, fill);
  return i;
}

const plain = (r: TcpSegmentResult) => ({ ...r });

/** Results that do not follow from their raw numbers: the table must keep them as they are. */
const CASES: Partial<TcpSegmentResult>[] = [
  // An ordinary data segment.
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
  it('gives back results that do not follow from the raw numbers as stored', () => {
    const t = new TcpAnalysisTable();
    const want = CASES.map((c) => plain(result(c)));
    // Spread the cases over several pages and between ordinary rows.
    const frames: number[] = [];
    const inputs: TcpSegmentInput[] = [];
    let frame = 1;
    for (let k = 0; k < 40000; k++) {
      const c = want[k % want.length]!;
      const inp = input({ frame, seq: (k * 7919) >>> 0, ack: (k * 104729) >>> 0, win: k & 0xffff, flags: k & 0x1f, payloadLen: k % 1500, tsSec: k, tsNsec: k % 1000 });
      t.store(inp, result(c), k & 1);
      frames.push(frame);
      inputs.push(inp);
      frame += 1 + (k % 3);
    }
    const r = new TcpSegmentResult();
    for (let k = 0; k < frames.length; k += 7) {
      const row = t.rowOf(frames[k]!);
      expect([k, plain(t.load(row, inputs[k]!, r))]).toEqual([k, want[k % want.length]]);
    }
    expect(t.size).toBe(40000);
    expect(ROW_BYTES).toBe(32);
  });

  it('computes the relative numbers, window, times and iRTT of a stream again from the raw ones, without extra records', () => {
    const t = new TcpAnalysisTable();
    const rows: [TcpSegmentInput, ReturnType<typeof plain>][] = [];
    const add = (inp: Partial<TcpSegmentInput>, r: Partial<TcpSegmentResult>, dir: number): void => {
      const i = input(inp);
      const res = result(r);
      t.store(i, res, dir);
      rows.push([i, plain(res)]);
    };
    const isnC = 0xfffffff0; // wraps
    const isnS = 0x12345678;
    // revBase: the peer's base as the whole pass recorded it (frame 1 too: a revisit knows it, as tshark -2).
    add({ frame: 1, tsSec: 100, tsNsec: 900_000_000, seq: isnC, ack: 0, flags: TH_SYN, win: 64240, payloadLen: 0 },
      { stream: 0, analyzed: true, seq: 0, ack: 0, nxtseq: 1, revBase: isnS, window: 64240, scaleFactor: -1, timeRelSec: 0, timeRelNsec: 0 }, 0);
    add({ frame: 2, tsSec: 101, tsNsec: 100_000_000, seq: isnS, ack: isnC + 1 - 2 ** 32, flags: TH_SYN | TH_ACK, win: 65160, payloadLen: 0 },
      { stream: 0, analyzed: true, seq: 0, ack: 1, nxtseq: 1, revBase: isnC, window: 65160, scaleFactor: -1, timeRelSec: 0, timeRelNsec: 200_000_000 }, 1);
    add({ frame: 3, tsSec: 101, tsNsec: 200_000_000, seq: 0xfffffff1, ack: isnS + 1, flags: TH_ACK, win: 502, payloadLen: 0 },
      { stream: 0, analyzed: true, seq: 1, ack: 1, nxtseq: 1, revBase: isnS, window: 502 * 128, scaleFactor: 128, showScaleFactor: true,
        hasAnalysis: true, hasInitialRtt: true, initialRttSec: 0, initialRttNsec: 300_000_000, timeRelSec: 0, timeRelNsec: 300_000_000 }, 0);
    // A second stream starts; then a FIN of the first one (nxtseq one past), a header not analyzed.
    add({ frame: 4, tsSec: 200, tsNsec: 0, seq: 5, ack: 9, flags: TH_ACK, win: 10, payloadLen: 20 },
      { stream: 1, analyzed: true, seq: 1, ack: 1, len: 20, nxtseq: 21, revBase: 8, window: 10, scaleFactor: -1, showScaleFactor: true }, 1);
    add({ frame: 5, tsSec: 202, tsNsec: 0, seq: isnS + 1, ack: 0xfffffff1, flags: TH_FIN | TH_ACK, win: 100, payloadLen: 0 },
      { stream: 0, analyzed: true, seq: 1, ack: 1, nxtseq: 2, revBase: isnC, window: 100 * 256, scaleFactor: 256, showScaleFactor: true,
        hasAnalysis: true, hasInitialRtt: true, initialRttSec: 0, initialRttNsec: 300_000_000, timeRelSec: 101, timeRelNsec: 100_000_000 }, 1);
    add({ frame: 6, tsSec: 201, tsNsec: 500, seq: 77, ack: 88, flags: TH_ACK, win: 7, payloadLen: -1 },
      { stream: 1, analyzed: false, seq: 77, ack: 88, revBase: 4, window: 7, scaleFactor: -1, showScaleFactor: true, timeRelSec: 1, timeRelNsec: 500 }, 0);
    expect(t.extraRecords).toBe(0);
    const r = new TcpSegmentResult();
    for (const [inp, want] of rows) expect([inp.frame, plain(t.load(t.rowOf(inp.frame), inp, r))]).toEqual([inp.frame, want]);
  });

  it('keeps a row’s own numbers when the base sequence number moved (a SYN-ACK reusing the ports)', () => {
    const t = new TcpAnalysisTable();
    const a = input({ frame: 1, seq: 1000, flags: TH_SYN | TH_ACK, payloadLen: 0 });
    t.store(a, result({ stream: 0, analyzed: true, seq: 0, nxtseq: 1 }), 0);
    const b = input({ frame: 2, seq: 5000, flags: TH_SYN | TH_ACK, payloadLen: 0 });
    const want = plain(result({ stream: 0, analyzed: true, seq: 0, nxtseq: 1, flags: 0x2000, hasAnalysis: true }));
    t.store(b, result(want), 0);
    expect(t.extraRecords).toBe(1);
    expect(plain(t.load(1, b, new TcpSegmentResult()))).toEqual(want);
  });

  it('finds rows by frame: consecutive rows of one frame, frames without rows, frames stored out of order', () => {
    const t = new TcpAnalysisTable();
    for (const f of [2, 3, 3, 9, 5]) t.store(input({ frame: f }), result({ stream: 99 }), 0);
    expect([1, 2, 3, 4, 5, 9, 10].map((f) => t.rowOf(f))).toEqual([-1, 0, 1, -1, 4, 3, -1]);
    expect(t.frameAt(2)).toBe(3);
  });

  it('finds the side records (acks_frame and RTT, bytes in flight) of rows that have them, across blocks and pages', () => {
    const t = new TcpAnalysisTable();
    const want: ReturnType<typeof plain>[] = [];
    const inputs: TcpSegmentInput[] = [];
    for (let k = 0; k < 40000; k++) {
      const inp = input({ frame: k + 1, tsSec: k });
      const r = result({
        stream: 0, timeRelSec: k, acksFrame: k % 3 === 0 ? k : 0, ackRttNsec: k % 3 === 0 ? -k | 0 : 0,
        bytesInFlight: k % 5 === 0 ? k * 2 : 0, pushBytesSent: k % 5 === 0 || k % 7 === 0 ? k + 1 : 0,
      });
      t.store(inp, r, 0);
      want.push(plain(r));
      inputs.push(inp);
    }
    expect(t.extraRecords).toBe(0);
    const r = new TcpSegmentResult();
    for (let k = 0; k < 40000; k += k < 200 ? 1 : 97) expect([k, plain(t.load(k, inputs[k]!, r))]).toEqual([k, want[k]]);
    expect(plain(t.load(39999, inputs[39999]!, r))).toEqual(want[39999]);
  });

  it('uses every scale factor code', () => {
    const t = new TcpAnalysisTable();
    const factors = [-2, -1, ...Array.from({ length: 15 }, (_, i) => 1 << i)];
    const inputs = factors.map((_, i) => input({ frame: i + 1, win: 3 }));
    factors.forEach((f, i) => t.store(inputs[i]!, result({ stream: 0, scaleFactor: f, showScaleFactor: true, window: 3 }), 0));
    const r = new TcpSegmentResult();
    expect(factors.map((_, i) => t.load(t.rowOf(i + 1), inputs[i]!, r).scaleFactor)).toEqual(factors);
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
