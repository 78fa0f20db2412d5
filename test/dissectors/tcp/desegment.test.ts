/**
 * TCP desegmentation (dissectors/tcp/desegment.ts) on crafted conversations, one per path of
 * Wireshark's desegment_tcp / tcp_dissect_pdus: the reassembly fields, Protocol and Info are
 * asserted as tshark 4.0 shows them (the expectations below were read off tshark), and, when tshark
 * is installed, every cell of a wider field list is compared with tshark on the spot.
 */
import { describe, expect, it } from 'vitest';
import { BoundsError } from '../../../dissectors/core/errors.js';
import { isDissectorError } from '../../../dissectors/core/errors.js';
import { extractFields } from '../../../dissectors/output/fields.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { enableTcpMessageTable, MAX_PENDING_BYTES, tcpMessagesOf } from '../../../dissectors/tcp/desegment.js';
import { Conn, dissectSegs, frameOf, HAVE_TSHARK, type Seg } from './craft.js';
import { scenarios } from './desegment-scenarios.js';
import { compareFields } from './tshark-compare.js';

const FIELDS = [
  'frame.protocols', '_ws.col.Protocol', '_ws.col.Info', 'tcp.reassembled_in', 'tcp.segment', 'tcp.segment.count',
  'tcp.reassembled.length', 'tcp.segment_data', 'tcp.pdu.size', 'tcp.fin_retransmission', 'http.request.method',
  'http.request.uri', 'http.response.code', 'http.content_length', 'http.file_data', 'dns.id', 'dns.length',
  'dns.response_to', 'dns.time', '_ws.expert.message',
];

/**
 * Cells that may differ from tshark for reasons outside TCP desegmentation, by scenario (none
 * now: the segment cut by the snap length agrees with tshark 4.0 in every cell too).
 */
const NOT_DESEGMENTATION: Record<string, RegExp> = {};

/** Protocol, Info, tcp.segment, tcp.reassembled.length of the frames where something happens (from tshark). */
const EXPECTED: Record<string, Record<number, [string, string, string?, string?]>> = {
  'a longer segment over part of a growing request line (same bytes)': {
    6: ['TCP', '40000 → 80 [PSH, ACK] Seq=201 Ack=1 Win=8192 Len=100 [TCP segment of a reassembled PDU]'],
    7: ['TCP', '[TCP Out-Of-Order] 40000 → 80 [PSH, ACK] Seq=151 Ack=1 Win=8192 Len=230', '4,5,7,6', '380'],
  },
  'a longer segment over part of a growing request line (other bytes)': {
    7: ['TCP', '[TCP Out-Of-Order] [Illegal Segments]', '4,5,6', '380'],
  },
  'request split over three segments': {
    4: ['TCP', 'POST /upload HTTP/1.1  [TCP segment of a reassembled PDU]'],
    5: ['TCP', 'POST /upload HTTP/1.1  [TCP segment of a reassembled PDU]'],
    6: ['HTTP', 'POST /upload HTTP/1.1 ', '4,5,6', '74'],
    7: ['HTTP', 'HTTP/1.1 200 OK '],
  },
  'pipelined requests and responses': {
    4: ['HTTP', 'GET /a HTTP/1.1 GET /b HTTP/1.1 '],
    5: ['HTTP', 'GET /b HTTP/1.1 ', '4,5', '28'],
    6: ['TCP', 'HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]'],
    7: ['HTTP', 'HTTP/1.1 200 OK HTTP/1.1 200 OK ', '6,7', '41'],
    8: ['HTTP', 'HTTP/1.1 200 OK ', '7,8', '40'],
  },
  'retransmissions of a reassembled request': {
    4: ['TCP', 'GET /r HTTP/1.1  [TCP segment of a reassembled PDU]'],
    6: ['HTTP', 'GET /r HTTP/1.1 ', '4,6', '36'],
    7: ['HTTP', 'HTTP/1.1 204 No Content '],
  },
  'out-of-order segment in a pending request': {
    4: ['TCP', 'GET /ooo HTTP/1.1  [TCP segment of a reassembled PDU]'],
    5: ['TCP', '[TCP Previous segment not captured] 40000 → 80 [PSH, ACK] Seq=37 Ack=1 Win=8192 Len=2'],
    6: ['TCP', '[TCP Out-Of-Order] 40000 → 80 [PSH, ACK] Seq=20 Ack=1 Win=8192 Len=17', '4,6', '36'],
  },
  'body until FIN (FIN without data)': {
    5: ['TCP', 'HTTP/1.0 200 OK  [TCP segment of a reassembled PDU]'],
    6: ['TCP', '80 → 40000 [PSH, ACK] Seq=36 Ack=22 Win=8192 Len=6 [TCP segment of a reassembled PDU]'],
    7: ['HTTP', 'HTTP/1.0 200 OK ', '5,6,7', '41'],
  },
  'body until FIN (FIN with data)': {
    5: ['TCP', 'HTTP/1.0 200 OK  [TCP segment of a reassembled PDU]'],
    6: ['HTTP', 'HTTP/1.0 200 OK ', '5,6', '41'],
  },
  'headers over two segments, then body until FIN': {
    5: ['TCP', 'HTTP/1.0 200 OK  [TCP segment of a reassembled PDU]'],
    6: ['TCP', 'HTTP/1.0 200 OK  [TCP segment of a reassembled PDU]'],
    8: ['TCP', '80 → 40000 [PSH, ACK] Seq=42 Ack=22 Win=8192 Len=6 [TCP segment of a reassembled PDU]'],
    9: ['HTTP', 'HTTP/1.0 200 OK ', '5,6,7,8,9', '47'],
  },
  'keep-alive': {
    6: ['TCP', '[TCP Keep-Alive] 40000 → 80 [ACK] Seq=29 Ack=28 Win=8192 Len=1'],
  },
  'lost segment inside a PDU': {
    4: ['TCP', 'POST /lost HTTP/1.1  [TCP segment of a reassembled PDU]'],
    5: ['TCP', '[TCP Previous segment not captured] 40000 → 80 [PSH, ACK] Seq=52 Ack=1 Win=8192 Len=4 [TCP segment of a reassembled PDU]'],
    6: ['HTTP', '[TCP ACKed unseen segment] HTTP/1.1 200 OK '],
  },
  'PDU across the sequence wrap-around': {
    4: ['TCP', 'GET /wrap HTTP/1.1  [TCP segment of a reassembled PDU]'],
    5: ['HTTP', 'GET /wrap HTTP/1.1 ', '4,5', '39'],
  },
  'DNS over TCP: split and packed messages': {
    4: ['TCP', '40000 → 53 [PSH, ACK] Seq=1 Ack=1 Win=8192 Len=1 [TCP segment of a reassembled PDU]'],
    6: ['DNS', 'Standard query 0x1111 A a.example', '4,5,6', '29'],
    7: ['DNS', 'Standard query 0x3333 A c.example'],
    9: ['DNS', 'Standard query response 0x2222 A b.example A 5.6.7.8Standard query response 0x3333 A c.example A 9.9.9.9', '8,9', '45'],
  },
  'copies of segments of a PDU put together in part': {
    7: ['TCP', '[TCP Previous segment not captured] 80 → 40000 [PSH, ACK] Seq=321 Ack=19 Win=8192 Len=100 [TCP segment of a reassembled PDU]'],
    8: ['TCP', '[TCP Out-Of-Order] 80 → 40000 [PSH, ACK] Seq=121 Ack=19 Win=8192 Len=100 [TCP segment of a reassembled PDU]'],
    9: ['TCP', '[TCP Retransmission] 80 → 40000 [PSH, ACK] Seq=221 Ack=19 Win=8192 Len=100'],
    10: ['HTTP', 'Continuation', '7,10', '104'],
  },
  'DNS over TCP: PDUs following each other across segments': {
    5: ['DNS', 'Standard query 0x1111 A a.example', '4,5', '29'],
    6: ['DNS', 'Standard query 0x2222 A b.example', '5,6', '29'],
    7: ['DNS', 'Standard query 0x3333 A c.example', '6,7', '29'],
    8: ['TCP', '[TCP Retransmission] 40000 → 53 [PSH, ACK] Seq=60 Ack=1 Win=8192 Len=28'],
  },
};

describe('TCP desegmentation on crafted conversations', () => {
  for (const s of scenarios()) {
    it(s.name, async () => {
      const r = await compareFields(s.segs, ['_ws.col.Protocol', '_ws.col.Info', 'tcp.segment', 'tcp.reassembled.length']);
      for (const [n, want] of Object.entries(EXPECTED[s.name] ?? {})) {
        const row = r.ours[Number(n) - 1]!;
        expect([row[0], row[1]], `frame ${n}`).toEqual([want[0], want[1]]);
        if (want[2] !== undefined) expect([row[2], row[3]], `frame ${n}`).toEqual([want[2], want[3]]);
      }
      if (HAVE_TSHARK) {
        const wide = await compareFields(s.segs, FIELDS);
        const skip = NOT_DESEGMENTATION[s.name];
        expect(wide.diffs.filter((d) => !skip || !skip.test(d))).toEqual([]);
      }
    });
  }

  it('gives up a PDU too big to hold: its segments stay TCP segment data, and what follows it is HTTP again', () => {
    // A response body of MAX_PENDING_BYTES + 2 MiB: past the cap the PDU is given up, and the rest
    // of its body must not be handed to HTTP segment by segment (each one then asked HTTP to look
    // again at everything since, for a line end: the read of such a capture never ended).
    const c = new Conn().handshake();
    c.c('GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
    const body = MAX_PENDING_BYTES + (2 << 20);
    const chunk = new Uint8Array(1400).fill(0x61);
    c.s(`HTTP/1.1 200 OK\r\nContent-Length: ${body}\r\n\r\n`);
    for (let sent = 0; sent < body; sent += chunk.length) c.s(sent + chunk.length <= body ? chunk : chunk.subarray(0, body - sent), 'A');
    c.c('GET /next HTTP/1.1\r\nHost: x\r\n\r\n');
    const cols: [string, string, number][] = [];
    const notes: [number, string][] = [];
    dissectSegs(c.segs, (d) => {
      cols.push([d.protocol, d.info, d.pinfo.sources.length]);
      for (const m of extractFields(d.pinfo.tree, ['_ws.expert.message'])[0]!) if (m.startsWith('Reassembly given up')) notes.push([d.num, m]);
    }, new CaptureDissector({ catchErrors: false, info: true }));
    const body0 = 5;
    // The segment that would have taken the PDU past the cap says so (once), and why.
    const last = body0 + Math.floor(MAX_PENDING_BYTES / chunk.length);
    expect(notes).toEqual([[last + 1, `Reassembly given up: the message is larger than the 16 MiB Packetloom holds per direction; the rest of its segments show as TCP segment data`]]);
    const bodyCols = cols.slice(body0, -1);
    expect(bodyCols.length).toBeGreaterThan(13_000);
    // No body segment is put together with the next ones as a message of its own.
    expect(bodyCols.filter(([p, info, sources]) => p !== 'TCP' || !info.endsWith('[TCP segment of a reassembled PDU]') || sources !== 0).length).toBe(0);
    expect(cols[cols.length - 1]).toEqual(['HTTP', 'GET /next HTTP/1.1 ', 0]);
  });

  it('shows the reassembly tree right after TCP, with the data source of the PDU', () => {
    const s = scenarios().find((x) => x.name === 'request split over three segments')!;
    let tree: string[] = [];
    let sources: string[] = [];
    dissectSegs(s.segs, (d) => {
      if (d.num !== 6) return;
      tree = (d.pinfo.tree.children ?? []).map((n) => n.label ?? n.field?.abbrev ?? '');
      sources = d.pinfo.sources.map((x) => x.name);
      const v = extractFields(d.pinfo.tree, ['tcp.segment.count', 'tcp.reassembled.length', 'tcp.segment_data', 'tcp.reassembled.data']);
      expect(v[0]).toEqual(['3']);
      expect(v[1]).toEqual(['74']);
      expect(v[2]).toEqual(['35363738 39'.replace(' ', '')]);
      expect(v[3]![0]!.startsWith('504f5354')).toBe(true);
    });
    const i = tree.findIndex((l) => l.startsWith('Transmission Control Protocol'));
    expect(tree[i + 1]).toBe('3 Reassembled TCP Segments (74 bytes): #4(53), #5(16), #6(5)');
    expect(tree[i + 2]).toBe('http');
    expect(sources).toEqual(['Reassembled TCP (74 bytes)']);
  });

  it('records which segment bytes each message came from (sticky packets)', () => {
    const pipelined = scenarios().find((x) => x.name === 'pipelined requests and responses')!;
    const d = new CaptureDissector({ catchErrors: false });
    enableTcpMessageTable(d.ctx);
    const ranges: Record<number, string[]> = {};
    dissectSegs(pipelined.segs, (x) => {
      ranges[x.num] = extractFields(x.pinfo.tree, ['tcp.pdu.ranges'])[0]!;
    }, d);
    // Frame 4 holds GET /a and the start of GET /b; frame 5 ends GET /b. The first response ends
    // one byte into frame 7, the second in frame 8.
    expect(ranges[4]).toEqual(['4:0-27']);
    expect(ranges[5]).toEqual(['4:28-46,5:0-8']);
    expect(ranges[7]).toEqual(['6:0-39,7:0-0']);
    expect(ranges[8]).toEqual(['7:1-28,8:0-11']);
    const msgs = tcpMessagesOf(d.ctx, 0);
    expect(msgs.map((m) => [m.dir, m.protocol, m.frame, m.seq, m.len, m.ranges.map((r) => `${r.frame}:${r.offset}+${r.len}`).join(' ')])).toEqual([
      [0, 'http', 4, 1, 28, '4:0+28'],
      [0, 'http', 5, 29, 28, '4:28+19 5:0+9'],
      [1, 'http', 7, 1, 41, '6:0+40 7:0+1'],
      [1, 'http', 8, 42, 40, '7:1+28 8:0+12'],
    ]);
    expect(tcpMessagesOf(d.ctx, 0, 1).every((m) => m.dir === 1)).toBe(true);

    const dns = scenarios().find((x) => x.name === 'DNS over TCP: split and packed messages')!;
    const d2 = new CaptureDissector({ catchErrors: false });
    enableTcpMessageTable(d2.ctx);
    dissectSegs(dns.segs, undefined, d2);
    expect(tcpMessagesOf(d2.ctx, 0).map((m) => `${m.dir}:${m.seq}:${m.len}:${m.ranges.map((r) => `${r.frame}@${r.offset}+${r.len}`).join(',')}`)).toEqual([
      '0:1:29:4@0+1,5@0+9,6@0+19',
      '0:30:29:7@0+29',
      '0:59:29:7@29+29',
      '1:1:45:8@0+45',
      '1:46:45:8@45+7,9@0+38',
      '1:91:45:9@38+45',
    ]);
  });

  it('throws only bounds and malformed errors on every truncation of every frame', () => {
    for (const s of scenarios().filter((x) => /pipelined|DNS over TCP: split|until FIN \(FIN with/.test(x.name))) {
      for (let k = 0; k < s.segs.length; k++) {
        const full = frameOf(s.segs[k]!, k + 1);
        for (const cut of [0, 14, 20, 33, 34, 40, 54, full.length - 1]) {
          if (cut >= full.length) continue;
          for (const reportedCut of [false, true]) {
            const d = new CaptureDissector({ catchErrors: false });
            const segs: Seg[] = s.segs.map((x, i) => (i === k ? { ...x, snap: cut } : x));
            try {
              segs.forEach((x, i) => {
                const f = frameOf(x, i + 1);
                const cap = Math.min(f.length, x.snap ?? f.length);
                d.dissect({ num: i + 1, tsSec: 1, tsNsec: i, hasTs: true, linkType: 1, interfaceId: 0, origLen: reportedCut && i === k ? cap : f.length }, f.slice(0, cap), true);
              });
            } catch (e) {
              expect(isDissectorError(e) || e instanceof BoundsError, String(e)).toBe(true);
            }
            // With the catch on, every frame still gives a tree.
            const c = new CaptureDissector();
            segs.forEach((x, i) => {
              const f = frameOf(x, i + 1);
              const cap = Math.min(f.length, x.snap ?? f.length);
              const p = c.dissect({ num: i + 1, tsSec: 1, tsNsec: i, hasTs: true, linkType: 1, interfaceId: 0, origLen: f.length }, f.slice(0, cap), true);
              expect(p.tree.children?.length ?? 0).toBeGreaterThan(0);
            });
          }
        }
      }
    }
  });
});
