/**
 * Unit tests of the analyzer's own machinery: the conversation key table, the per-segment result
 * table, the 10000-segment limit (values confirmed with tshark 4.0 on the same segments), stream
 * numbering with many conversations.
 */
import { describe, expect, it } from 'vitest';
import { TcpAnalysisTable } from '../../../dissectors/tcp/analysis-table.js';
import { A_ACK_LOST_PACKET, MAX_UNACKED_SEGMENTS, TcpAnalyzer, TcpSegmentResult, TH_ACK, TH_FIN, TH_SYN, type TcpSegmentInput } from '../../../dissectors/tcp/analysis.js';
import { ConvKeyTable, KEY_WORDS } from '../../../dissectors/tcp/conv-table.js';
import { analyzeWhole, resultCells } from '../../helpers/tshark-tcp-input.js';

function seg(a: TcpAnalyzer, frame: number, t: number, src: number, dst: number, sport: number, dport: number, seq: number, ack: number, flags: number, len = 0): TcpSegmentResult {
  const i = a.input;
  i.frame = frame;
  i.tsSec = Math.floor(t);
  i.tsNsec = Math.round((t - Math.floor(t)) * 1e9);
  i.setIPv4(src, dst);
  i.srcPort = sport;
  i.dstPort = dport;
  i.seq = seq >>> 0;
  i.ack = ack >>> 0;
  i.flags = flags;
  i.win = 1000;
  i.payloadLen = len;
  i.hdrLen = 20;
  i.hdrCaptured = 20;
  i.wscale = -1;
  i.sackCount = 0;
  return analyzeWhole(a);
}

describe('ConvKeyTable', () => {
  it('finds every key after growing, and replaces values', () => {
    const t = new ConvKeyTable(4);
    const k = new Uint32Array(KEY_WORDS);
    const fill = (n: number): void => {
      k.fill(0);
      k[0] = n * 2654435761;
      k[4] = 0x0a000001;
      k[8] = (n & 0xffff) << 16 | 443;
      k[9] = 4;
    };
    for (let n = 0; n < 50000; n++) {
      fill(n);
      t.set(k, n);
    }
    expect(t.size).toBe(50000);
    for (let n = 0; n < 50000; n += 7) {
      fill(n);
      expect(t.get(k)).toBe(n);
    }
    fill(123);
    t.set(k, 99);
    expect(t.get(k)).toBe(99);
    expect(t.size).toBe(50000);
    k[9] = 6;
    expect(t.get(k)).toBe(-1);
  });

  it('keeps IPv4 keys (short) and IPv6 keys (long) apart, and keys without addresses by family', () => {
    const t = new ConvKeyTable(4);
    const k = new Uint32Array(KEY_WORDS);
    const v6 = (n: number): void => {
      k.fill(0);
      k[0] = 0xfd000000;
      k[3] = n;
      k[4] = 0xfd000000;
      k[7] = 1;
      k[8] = (n << 16) | 53;
      k[9] = 6;
    };
    for (let n = 1; n <= 3000; n++) {
      v6(n);
      t.set(k, n);
      // The same low words as an IPv4 key: another conversation.
      k[3] = k[7] = 0;
      k[9] = 4;
      expect(t.get(k)).toBe(-1);
      t.set(k, -n);
    }
    for (let n = 1; n <= 3000; n += 13) {
      v6(n);
      expect(t.get(k)).toBe(n);
      k[3] = k[7] = 0;
      k[9] = 4;
      expect(t.get(k)).toBe(-n);
      k[9] = 0;
      expect(t.get(k)).toBe(-1);
    }
    expect(t.size).toBe(6000);
  });
});

describe('TcpAnalyzer', () => {
  it('numbers streams in order of first appearance, either direction finding the same one', () => {
    const a = new TcpAnalyzer();
    const srv = 0xc0a80001;
    for (let n = 0; n < 3000; n++) expect(seg(a, n + 1, n, 0x0a000000 + n, srv, 1024 + n, 80, 1, 0, TH_SYN).stream).toBe(n);
    for (let n = 2999; n >= 0; n--) expect(seg(a, 5000 - n, 4000, srv, 0x0a000000 + n, 80, 1024 + n, 7, 2, TH_SYN | TH_ACK).stream).toBe(n);
    expect(a.streamCount).toBe(3000);
  });

  it('remembers at most 10000 unacknowledged segments per direction (as tshark 4.0)', () => {
    const a = new TcpAnalyzer();
    const C = 0x0a000001;
    const S = 0x0a000002;
    let f = 1;
    let t = 0;
    seg(a, f++, t, C, S, 1, 2, 100, 0, TH_SYN);
    seg(a, f++, (t += 0.001), S, C, 2, 1, 500, 101, TH_SYN | TH_ACK);
    seg(a, f++, (t += 0.001), C, S, 1, 2, 101, 501, TH_ACK);
    let r: TcpSegmentResult | null = null;
    const bif: number[] = [];
    for (let i = 0; i < MAX_UNACKED_SEGMENTS + 3; i++) {
      r = seg(a, f++, (t += 0.0001), C, S, 1, 2, 101 + i, 501, TH_ACK, 1);
      bif.push(r.bytesInFlight);
    }
    expect(bif.slice(9997)).toEqual([9998, 9999, 10000, 10000, 10000, 10000]);
    expect(r!.pushBytesSent).toBe(10003);
    // The FIN beyond the limit is not remembered, so its ACK acknowledges an unseen segment.
    const fin = seg(a, f++, (t += 0.001), C, S, 1, 2, 101 + 10003, 501, TH_FIN | TH_ACK);
    expect(fin.hasAnalysis).toBe(false);
    expect(fin.nxtseq).toBe(10005);
    const ack = seg(a, f++, (t += 0.001), S, C, 2, 1, 501, 101 + 10004, TH_ACK);
    expect(ack.flags).toBe(A_ACK_LOST_PACKET);
    expect(ack.acksFrame).toBe(0);
  });

  it('keeps a list of unacknowledged segments only while a direction has some, and still analyzes late segments', () => {
    const a = new TcpAnalyzer();
    const C = 0x0a000001;
    const S = 0x0a000002;
    seg(a, 1, 0, C, S, 1, 2, 100, 0, TH_SYN);
    expect(a.unackedLists).toBe(1);
    seg(a, 2, 0.01, S, C, 2, 1, 500, 101, TH_SYN | TH_ACK);
    expect(a.unackedLists).toBe(1); // the client's SYN is acknowledged, the SYN-ACK is not yet
    seg(a, 3, 0.02, C, S, 1, 2, 101, 501, TH_ACK, 10);
    seg(a, 4, 0.03, S, C, 2, 1, 501, 111, TH_FIN | TH_ACK);
    expect(a.unackedLists).toBe(1);
    const last = seg(a, 5, 0.04, C, S, 1, 2, 111, 502, TH_FIN | TH_ACK);
    expect(last.acksFrame).toBe(4);
    expect(a.unackedLists).toBe(1);
    seg(a, 6, 0.05, S, C, 2, 1, 502, 112, TH_ACK);
    expect(a.unackedLists).toBe(0);
    // A retransmission of the client's FIN after the close: the connection's state is still there.
    const late = seg(a, 7, 0.06, C, S, 1, 2, 111, 502, TH_FIN | TH_ACK);
    expect([late.stream, late.seq, late.flags & 0x0001]).toEqual([0, 11, 1]);
  });
});

describe('TcpAnalysisTable', () => {
  it('gives back the first-pass results by frame, with consecutive rows for several headers in one frame', () => {
    const a = new TcpAnalyzer();
    const table = new TcpAnalysisTable();
    a.table = table;
    const C = 0x0a000001;
    const S = 0x0a000002;
    const first: ReturnType<typeof resultCells>[] = [];
    const inputs: TcpSegmentInput[] = [];
    const keep = (r: TcpSegmentResult): void => {
      first.push(resultCells(r));
      inputs.push(a.input.cloneNumbers());
    };
    keep(seg(a, 1, 0, C, S, 1, 2, 100, 0, TH_SYN));
    keep(seg(a, 2, 0.01, S, C, 2, 1, 500, 101, TH_SYN | TH_ACK));
    // Frame 3 carries two TCP headers (say, a tunnel): the inner one of another conversation.
    keep(seg(a, 3, 0.02, C, S, 1, 2, 101, 501, TH_ACK, 10));
    keep(seg(a, 3, 0.02, C, S, 7, 8, 9, 0, TH_SYN));
    // Frame 40000: rows and frames far apart (several pages of rows).
    for (let i = 0; i < 20000; i++) seg(a, 10 + i, 1 + i / 1000, C, S, 3, 4, 1000 + i, 0, TH_ACK, 1);
    keep(seg(a, 40000, 100, S, C, 2, 1, 501, 111, TH_ACK));
    expect(table.size).toBe(20005);
    expect(table.rowOf(3)).toBe(2);
    expect(table.rowOf(4)).toBe(-1);
    expect(table.rowOf(1_000_000)).toBe(-1);
    const r = new TcpSegmentResult();
    const rows = [table.rowOf(1), table.rowOf(2), table.rowOf(3), table.rowOf(3) + 1, table.rowOf(40000)];
    expect(rows.map((row, i) => resultCells(table.load(row, inputs[i]!, r)))).toEqual(first);
    // Everything is computed again from the raw numbers; only frame 40000's time delta (79 s) needs an extra record.
    expect(table.extraRecords).toBe(1);
    expect(first[4]!['tcp.analysis.acks_frame']).toBe('3');
    expect(first[3]!['tcp.stream']).toBe('1');
  });
});
