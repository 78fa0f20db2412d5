import { describe, expect, it } from 'vitest';
import { ConnSummary, type SegmentFacts } from '../../../dissectors/tcp/conn-summary.js';
import { TH_ACK, TH_FIN, TH_RST, TH_SYN } from '../../../dissectors/tcp/endpoint-states.js';

const SA = TH_SYN | TH_ACK, A = TH_ACK, FA = TH_FIN | TH_ACK, RA = TH_RST | TH_ACK;

function seg(frame: number, time: number, fromClient: boolean, flags: number, payloadLen = 0, extra: Partial<SegmentFacts> = {}): SegmentFacts {
  return {
    frame, time, fromClient, flags, seq: 0, ack: 0, payloadLen, frameLen: 54 + payloadLen, mss: -1, wscale: -1,
    sackPerm: false, timestamps: false, retransmission: false, zeroWindow: false, badChecksum: false, ...extra,
  };
}

function summarize(segs: SegmentFacts[]): ConnSummary {
  const s = new ConnSummary();
  for (const x of segs) s.add(x);
  return s;
}

describe('connection summary and outcome code', () => {
  it('SF: normal establishment and termination, with the handshake RTT split', () => {
    const s = summarize([
      seg(1, 10.0, true, TH_SYN, 0, { mss: 1460, wscale: 7, sackPerm: true, timestamps: true, seq: 100 }),
      seg(2, 10.03, false, SA, 0, { mss: 1400, wscale: 9, seq: 300 }),
      seg(3, 10.031, true, A),
      seg(4, 10.032, true, A | 0x08, 75),
      seg(5, 10.07, false, A | 0x08, 1200),
      seg(6, 10.08, true, FA),
      seg(7, 10.11, false, FA),
      seg(8, 10.111, true, A),
    ]);
    expect(s.connState).toBe('SF');
    expect(s.historyString).toBe('ShADdFf');
    expect(s.client.isn).toBe(100);
    expect(s.server.isn).toBe(300);
    expect([s.client.mss, s.client.wscale, s.client.sackPerm, s.client.timestamps]).toEqual([1460, 7, true, true]);
    expect([s.server.mss, s.server.wscale, s.server.sackPerm]).toEqual([1400, 9, false]);
    expect(s.synToSynAck).toBeCloseTo(0.03, 9);
    expect(s.synAckToAck).toBeCloseTo(0.001, 9);
    expect([s.firstCloser, s.closeHow, s.closeFrame]).toEqual(['client', 'FIN', 6]);
    expect([s.client.packets, s.server.packets, s.client.payloadBytes, s.server.payloadBytes]).toEqual([5, 3, 75, 1200]);
    expect(s.duration).toBeCloseTo(0.111, 9);
  });

  it('REJ: refused with RST', () => {
    const s = summarize([seg(1, 0, true, TH_SYN), seg(2, 0.001, false, RA)]);
    expect(s.connState).toBe('REJ');
    expect(s.historyString).toBe('Sr');
    expect([s.firstCloser, s.closeHow]).toEqual(['server', 'RST']);
  });

  it('S0: attempt with no reply, retransmitted SYNs', () => {
    const s = summarize([seg(1, 0, true, TH_SYN), seg(2, 1, true, TH_SYN, 0, { retransmission: true }), seg(3, 3, true, TH_SYN)]);
    expect(s.connState).toBe('S0');
    expect(s.historyString).toBe('ST');
  });

  it('RSTO and RSTR: aborted after establishment', () => {
    const open = [seg(1, 0, true, TH_SYN), seg(2, 0.1, false, SA), seg(3, 0.2, true, A)];
    expect(summarize([...open, seg(4, 1, true, RA)]).connState).toBe('RSTO');
    expect(summarize([...open, seg(4, 1, false, RA)]).connState).toBe('RSTR');
  });

  it('S1 established and still open; S2/S3 one-sided close', () => {
    const open = [seg(1, 0, true, TH_SYN), seg(2, 0.1, false, SA), seg(3, 0.2, true, A)];
    expect(summarize(open).connState).toBe('S1');
    expect(summarize([...open, seg(4, 1, true, FA)]).connState).toBe('S2');
    expect(summarize([...open, seg(4, 1, false, FA)]).connState).toBe('S3');
  });

  it('OTH: midstream traffic, history flags the flip when the server speaks first', () => {
    const s = summarize([seg(1, 0, false, A, 10), seg(2, 0.1, true, A)]);
    expect(s.connState).toBe('OTH');
    expect(s.historyString).toBe('^dA');
  });

  it('RSTOS0: SYN then RST from the client', () => {
    expect(summarize([seg(1, 0, true, TH_SYN), seg(2, 0.1, true, TH_RST)]).connState).toBe('RSTOS0');
  });

  it('SH: SYN then FIN from the client without any answer', () => {
    expect(summarize([seg(1, 0, true, TH_SYN), seg(2, 0.1, true, FA)]).connState).toBe('SH');
  });
});
