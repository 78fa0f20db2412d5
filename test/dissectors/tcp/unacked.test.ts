/**
 * The unacknowledged-segment list's fast paths (ordered lists) against Wireshark's full walks, on
 * random conversations: with and without them, every analysis result must be the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TcpAnalyzer, TH_ACK, TH_FIN, TH_PUSH, TH_RST, TH_SYN } from '../../../dissectors/tcp/analysis.js';
import { AckOutcome, UnackedList, setUnackedFastPaths } from '../../../dissectors/tcp/unacked.js';
import { analyzeWhole, resultCells } from '../../helpers/tshark-tcp-input.js';

interface Step {
  fromClient: boolean;
  /** How the sequence number is chosen: next, back by `delta`, ahead by `delta`, anything. */
  seqMode: number;
  delta: number;
  ackMode: number;
  ackDelta: number;
  len: number;
  flags: number;
  win: number;
  wild: number;
  dt: number;
}

const FLAG_SETS = [TH_ACK, TH_ACK | TH_PUSH, TH_ACK, TH_ACK, TH_ACK | TH_FIN, TH_SYN, TH_SYN | TH_ACK, TH_RST | TH_ACK, 0];

const step = fc.record({
  fromClient: fc.boolean(),
  seqMode: fc.nat(19),
  delta: fc.oneof(fc.constantFrom(0, 1, 2, 10, 100, 1460), fc.nat(5000)),
  ackMode: fc.nat(19),
  ackDelta: fc.oneof(fc.constantFrom(0, 1, 2, 9, 10, 11, 99, 100, 101, 1459, 1460, 1461), fc.nat(5000)),
  len: fc.constantFrom(0, 0, 1, 10, 100, 1000, 1460),
  flags: fc.nat(FLAG_SETS.length - 1).map((i) => FLAG_SETS[i]!),
  win: fc.constantFrom(0, 1000, 65535),
  wild: fc.nat(0xffffffff),
  dt: fc.constantFrom(0, 0.0001, 0.002, 0.05, 1),
});

function run(isns: [number, number], steps: Step[], fast: boolean): string[] {
  setUnackedFastPaths(fast);
  try {
    const a = new TcpAnalyzer();
    const next = [isns[0], isns[1]];
    /** Ends of the latest segments each way (ACKs aimed at them and next to them). */
    const ends: number[][] = [[], []];
    const out: string[] = [];
    let t = 1000;
    steps.forEach((s, i) => {
      const me = s.fromClient ? 0 : 1;
      const peer = 1 - me;
      let seq = next[me]!;
      if (s.seqMode < 3) seq = (seq - s.delta) >>> 0;
      else if (s.seqMode < 5) seq = (seq + s.delta) >>> 0;
      else if (s.seqMode === 5) seq = s.wild;
      let ack = next[peer]!;
      if (s.ackMode < 3) ack = (ack - s.ackDelta) >>> 0;
      else if (s.ackMode < 5) ack = (ack + s.ackDelta) >>> 0;
      else if (s.ackMode === 5) ack = s.wild ^ 0x5a5a5a5a;
      else if (s.ackMode < 9 && ends[peer]!.length) {
        const e = ends[peer]![s.ackDelta % ends[peer]!.length]!;
        ack = (e + (s.ackMode - 7)) >>> 0;
      } else if (s.ackMode === 9) ack = (next[peer]! + 0x80000000 - (s.ackDelta & 0xff) + 128) >>> 0;
      const end = (seq + s.len + (s.flags & (TH_SYN | TH_FIN) ? 1 : 0)) >>> 0;
      if (((end - next[me]!) | 0) > 0) next[me] = end;
      ends[me]!.push(end);
      if (ends[me]!.length > 8) ends[me]!.shift();
      t += s.dt;
      const inp = a.input;
      inp.frame = i + 1;
      inp.tsSec = Math.floor(t);
      inp.tsNsec = Math.round((t % 1) * 1e9);
      inp.setIPv4(me === 0 ? 0x0a000001 : 0x0a000002, me === 0 ? 0x0a000002 : 0x0a000001);
      inp.srcPort = me === 0 ? 40000 : 80;
      inp.dstPort = me === 0 ? 80 : 40000;
      inp.seq = seq;
      inp.ack = ack;
      inp.flags = s.flags;
      inp.win = s.win;
      inp.payloadLen = s.len;
      inp.hdrLen = 20;
      inp.hdrCaptured = 20;
      inp.wscale = -1;
      inp.sackCount = 0;
      out.push(JSON.stringify(resultCells(analyzeWhole(a))));
    });
    return out;
  } finally {
    setUnackedFastPaths(true);
  }
}

describe('unacknowledged segments: fast paths equal the full walks', () => {
  it('on random conversations (mostly in order, with retransmissions, gaps and wild numbers)', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.oneof(fc.nat(0xffffffff), fc.constant(0xfffff000)), fc.nat(0xffffffff)),
        fc.array(step, { minLength: 1, maxLength: 300 }),
        (isns, steps) => {
          expect(run(isns, steps, true)).toEqual(run(isns, steps, false));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on a long in-order transfer across the 2^32 wrap', () => {
    const steps: Step[] = [];
    for (let i = 0; i < 3000; i++) {
      steps.push({ fromClient: true, seqMode: 10, delta: 0, ackMode: 10, ackDelta: 0, len: 1460, flags: TH_ACK, win: 65535, wild: 0, dt: 0.0001 });
      if (i % 3 === 2) steps.push({ fromClient: false, seqMode: 10, delta: 0, ackMode: i % 6 === 2 ? 0 : 10, ackDelta: 2920, len: 0, flags: TH_ACK, win: 65535, wild: 0, dt: 0.0001 });
    }
    expect(run([0xffff0000, 7], steps, true)).toEqual(run([0xffff0000, 7], steps, false));
  });

  it('on overlapping retransmissions that start inside an earlier segment', () => {
    // [0,100) [100,200) then [50,250): an ACK at 80 shortens the first and the last.
    const script = (fast: boolean): string[] => {
      setUnackedFastPaths(fast);
      try {
        const l = new UnackedList();
        const out = new AckOutcome();
        const log: string[] = [];
        l.add(1000, 1100, 1, 0, 0);
        l.add(1100, 1200, 2, 0, 0);
        l.add(1050, 1250, 3, 0, 0);
        l.ack(1080, out);
        log.push(`${out.frame} ${l.count} ${l.inFlight(999)}`);
        l.add(1250, 1300, 4, 0, 0);
        l.ack(1200, out);
        log.push(`${out.frame} ${l.count} ${l.inFlight(999)}`);
        l.ack(1300, out);
        log.push(`${out.frame} ${l.count}`);
        return log;
      } finally {
        setUnackedFastPaths(true);
      }
    };
    expect(script(true)).toEqual(script(false));
    expect(script(false)).toEqual(['0 3 170', '2 2 100', '4 0']);
  });
});
