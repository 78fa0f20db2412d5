/**
 * The TCP stream tracker (dissectors/tcp/tracker.ts) through the real dissector: what tshark 4.0
 * shows for tcp.stream, relative numbers, the analysis subtree with its expert items, the FIN
 * roles, relative SACK edges; udp.stream; expert counts of the summary pass equal to the full
 * tree's; revisits (pinfo.visited) showing the same fields as the first pass. Expected values are
 * tshark's (`tshark -n -r <file> -T fields -e …` / `-V`) on the same bytes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFields, findNodes } from '../../../dissectors/output/fields.js';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { treeLines } from '../../../dissectors/output/text.js';
import { TcpTracking, tcpTracking } from '../../../dissectors/tcp/tracker.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { runTsharkFields } from '../../helpers/tshark-tcp-input.js';
import { dissectSegs, HAVE_TSHARK, tsharkRun, type Seg } from './craft.js';
import {
  CRAFT_EPOCH, connection, dissectFrames, fileFrames, icmpErrorFrame, ipv4Packet, pcapOf, segFrames, tcpBytes, udpFrame, type FrameInput,
} from '../../helpers/tcp-frames.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));

/** The fields a revisit must reproduce (everything the tracker decides). */
const TRACKED = [
  'tcp.stream', 'tcp.completeness', 'tcp.seq', 'tcp.ack', 'tcp.nxtseq', 'tcp.len', 'tcp.window_size', 'tcp.window_size_scalefactor',
  'tcp.time_relative', 'tcp.time_delta', 'tcp.analysis', 'tcp.analysis.flags', 'tcp.analysis.acks_frame',
  'tcp.analysis.ack_rtt', 'tcp.analysis.initial_rtt', 'tcp.analysis.bytes_in_flight', 'tcp.analysis.push_bytes_sent',
  'tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission', 'tcp.analysis.spurious_retransmission',
  'tcp.analysis.out_of_order', 'tcp.analysis.lost_segment', 'tcp.analysis.ack_lost_segment',
  'tcp.analysis.duplicate_ack', 'tcp.analysis.duplicate_ack_num', 'tcp.analysis.duplicate_ack_frame',
  'tcp.analysis.keep_alive', 'tcp.analysis.zero_window', 'tcp.analysis.window_update', 'tcp.analysis.window_full',
  'tcp.analysis.rto', 'tcp.analysis.rto_frame', 'tcp.connection.fin_active', 'tcp.connection.fin_passive',
  'tcp.options.sack_le', 'tcp.options.sack_re', 'tcp.options.sack.dsack_le',
  'tcp.state.client', 'tcp.state.server', 'tcp.state.client_before', 'tcp.state.server_before',
  'tcp.state.transition', 'tcp.state.inferred', 'tcp.state.role_heuristic', 'udp.stream',
];

function meta(f: FrameInput, num: number) {
  return { num, tsSec: f.tsSec, tsNsec: f.tsNsec, hasTs: true, linkType: f.linkType ?? 1, interfaceId: 0, origLen: f.origLen ?? f.data.length };
}

describe('TCP stream tracker: what tshark shows', () => {
  // Port 5555: no dissector takes the payload (it stays TCP, as in tshark).
  const { c, s } = connection('10.0.0.1', 40001, '10.0.0.2', 5555);

  it('a handshake, data and a duplicate ACK: relative numbers, analysis items and Info', () => {
    const { results, dissector } = dissectFrames(segFrames([
      c(0, 'S', 1000, 0, { mss: 1460 }),
      s(0.01, 'SA', 5000, 1001, { mss: 1460 }),
      c(0.02, 'A', 1001, 5001),
      c(0.03, 'PA', 1001, 5001, { len: 100 }),
      s(0.04, 'A', 5001, 1101),
      s(0.05, 'A', 5001, 1101), // duplicate ACK
    ]), ['tcp.stream', 'tcp.seq', 'tcp.seq_raw', 'tcp.ack', 'tcp.nxtseq', 'tcp.len', 'tcp.analysis.acks_frame', 'tcp.analysis.ack_rtt',
      'tcp.analysis.initial_rtt', 'tcp.analysis.bytes_in_flight', 'tcp.analysis.duplicate_ack', 'tcp.analysis.duplicate_ack_num',
      'tcp.analysis.duplicate_ack_frame', 'tcp.time_relative', 'tcp.time_delta', 'tcp.window_size_scalefactor', 'tcp.completeness']);
    expect(results.map((r) => r.info)).toEqual([
      '40001 \u2192 5555 [SYN] Seq=0 Win=64240 Len=0 MSS=1460',
      '5555 \u2192 40001 [SYN, ACK] Seq=0 Ack=1 Win=64240 Len=0 MSS=1460',
      '40001 \u2192 5555 [ACK] Seq=1 Ack=1 Win=64240 Len=0',
      '40001 \u2192 5555 [PSH, ACK] Seq=1 Ack=1 Win=64240 Len=100',
      '5555 \u2192 40001 [ACK] Seq=1 Ack=101 Win=64240 Len=0',
      '[TCP Dup ACK 5#1] 5555 \u2192 40001 [ACK] Seq=1 Ack=101 Win=64240 Len=0',
    ]);
    const f = results.map((r) => r.fields);
    expect(f.map((x) => x['tcp.completeness'])).toEqual(['0', '1', '3', '7', '15', '15']);
    expect(f[0]).toMatchObject({ 'tcp.stream': '0', 'tcp.seq': '0', 'tcp.seq_raw': '1000', 'tcp.ack': '0', 'tcp.nxtseq': '1', 'tcp.len': '0', 'tcp.time_relative': '0.000000000', 'tcp.window_size_scalefactor': '' });
    expect(f[1]).toMatchObject({ 'tcp.ack': '1', 'tcp.analysis.acks_frame': '1', 'tcp.analysis.ack_rtt': '0.010000000' });
    expect(f[2]).toMatchObject({ 'tcp.analysis.initial_rtt': '0.020000000', 'tcp.window_size_scalefactor': '-2' });
    expect(f[3]).toMatchObject({ 'tcp.nxtseq': '101', 'tcp.len': '100', 'tcp.analysis.bytes_in_flight': '100', 'tcp.time_delta': '0.010000000' });
    expect(f[5]).toMatchObject({ 'tcp.analysis.duplicate_ack': '1,1', 'tcp.analysis.duplicate_ack_num': '1', 'tcp.analysis.duplicate_ack_frame': '5' });

    // The tree, as tshark -V prints it.
    const p = dissector.dissect(meta(segFrames([s(0.06, 'A', 5001, 1101)])[0]!, 7), segFrames([s(0.06, 'A', 5001, 1101)])[0]!.data, true);
    const tcp = treeLines(p.tree).slice(treeLines(p.tree).findIndex((l) => l.startsWith('Transmission Control Protocol')));
    expect(tcp.slice(0, 12)).toEqual([
      'Transmission Control Protocol, Src Port: 5555, Dst Port: 40001, Seq: 1, Ack: 101, Len: 0',
      '    Source Port: 5555',
      '    Destination Port: 40001',
      '    [Stream index: 0]',
      '    [Conversation completeness: Incomplete, DATA (15)]',
      '    [TCP Segment Len: 0]',
      '    Sequence Number: 1    (relative sequence number)',
      '    Sequence Number (raw): 5001',
      '    [Next Sequence Number: 1    (relative sequence number)]',
      '    Acknowledgment Number: 101    (relative ack number)',
      '    Acknowledgment number (raw): 1101',
      '    0101 .... = Header Length: 20 bytes (5)',
    ]);
    const from = tcp.indexOf('    [Timestamps]');
    expect(tcp.slice(from, from + 14)).toEqual([
      '    [Timestamps]',
      '        [Time since first frame in this TCP stream: 0.060000000 seconds]',
      '        [Time since previous frame in this TCP stream: 0.010000000 seconds]',
      '    [SEQ/ACK analysis]',
      '        [iRTT: 0.020000000 seconds]',
      '        [TCP Analysis Flags]',
      '            [This is a TCP duplicate ack]',
      '        [Duplicate ACK #: 2]',
      '        [Duplicate to the ACK in frame: 5]',
      '            [Expert Info (Note/Sequence): Duplicate ACK (#2)]',
      '                [Duplicate ACK (#2)]',
      '                [Severity level: Note]',
      '                [Group: Sequence]',
      '    [Endpoint states]',
    ]);
  });

  it('a retransmission: expert item, RTO, and the data not handed on again', () => {
    const { results, dissector } = dissectFrames(segFrames([
      c(0, 'S', 1000), s(0.01, 'SA', 5000, 1001), c(0.02, 'A', 1001, 5001),
      c(0.03, 'PA', 1001, 5001, { len: 10 }),
      c(0.5, 'PA', 1001, 5001, { len: 10 }),
    ]), ['tcp.analysis.retransmission', 'tcp.analysis.rto', 'tcp.analysis.rto_frame']);
    const last = results[4]!;
    expect(last.info).toBe('[TCP Retransmission] 40001 \u2192 5555 [PSH, ACK] Seq=1 Ack=1 Win=64240 Len=10');
    expect(last.fields).toEqual({ 'tcp.analysis.retransmission': '1', 'tcp.analysis.rto': '0.470000000', 'tcp.analysis.rto_frame': '4' });
    expect(last.experts).toEqual([0, 0, 1, 0, 0]);
    const lines = treeLines(dissector.pinfo.tree);
    expect(lines.filter((l) => /Retransmitted TCP segment data|Expert Info \(Note/.test(l)).map((l) => l.trim())).toEqual([
      '[Expert Info (Note/Sequence): This frame is a (suspected) retransmission]',
      'Retransmitted TCP segment data (10 bytes)',
    ]);
  });

  it('who closes first: tcp.connection.fin_active, then fin_passive, on the flags string', () => {
    const { results, dissector } = dissectFrames(segFrames([
      c(0, 'S', 1000), s(0.01, 'SA', 5000, 1001), c(0.02, 'A', 1001, 5001),
      s(0.03, 'FA', 5001, 1001),
      c(0.04, 'FA', 1001, 5002),
    ]), ['tcp.connection.fin_active', 'tcp.connection.fin_passive']);
    expect(results.slice(3).map((r) => r.fields)).toEqual([
      { 'tcp.connection.fin_active': '1', 'tcp.connection.fin_passive': '' },
      { 'tcp.connection.fin_active': '', 'tcp.connection.fin_passive': '1' },
    ]);
    const str = findNodes(dissector.pinfo.tree, 'tcp.flags.str')[0]!;
    expect(str.children?.map((n) => nodeLabel(n))).toEqual(['This frame undergoes the connection closing']);
  });

  it('SACK edges relative to the peer (pcpp-one_tcp_stream.pcap frame 9, as tshark)', () => {
    const { results } = dissectFrames(fileFrames(CORPUS + 'pcpp-one_tcp_stream.pcap'), ['tcp.options.sack_le', 'tcp.options.sack_re', 'tcp.options.sack.dsack_le', 'tcp.options.sack.dsack_re']);
    expect(results[8]!.info).toBe('80 \u2192 61541 [ACK] Seq=1 Ack=2872 Win=66560 Len=0 SLE=1452 SRE=2872');
    expect(results[8]!.fields).toEqual({ 'tcp.options.sack_le': '1452', 'tcp.options.sack_re': '2872', 'tcp.options.sack.dsack_le': '1452', 'tcp.options.sack.dsack_re': '2872' });
  });

  it('SACK edges are relative to the peer\'s base also without the ACK flag, raw while the peer has none (as tshark)', () => {
    const names = ['tcp.options.sack_le', 'tcp.options.sack_re', 'tcp.options.sack.dsack_le'];
    const at = (a: string, b: string, sp: number, dp: number, flags: string, seq: number, ack: number, sack: [number, number][]): Seg =>
      ({ src: a, dst: b, sport: sp, dport: dp, flags, seq, ack, sack });
    const segs: Seg[] = [
      // A stream whose first segment has no ACK: the peer has no base yet, the edges stay raw.
      at('10.0.0.3', '10.0.0.4', 40002, 5555, 'P', 7000, 0, [[9000, 9100]]),
      // After a handshake (client ISN 1000, server 5000): a RST and a bare PSH, no ACK flag.
      at('10.0.0.1', '10.0.0.2', 40001, 5555, 'S', 1000, 0, []),
      at('10.0.0.2', '10.0.0.1', 5555, 40001, 'SA', 5000, 1001, []),
      at('10.0.0.1', '10.0.0.2', 40001, 5555, 'A', 1001, 5001, []),
      at('10.0.0.2', '10.0.0.1', 5555, 40001, 'R', 5001, 1001, [[1101, 1201]]),
      at('10.0.0.1', '10.0.0.2', 40001, 5555, 'P', 1001, 0, [[4990, 5001]]),
      at('10.0.0.1', '10.0.0.2', 40001, 5555, 'PA', 1001, 5001, [[4990, 5001]]),
    ];
    const rows: string[][] = [];
    const d = dissectSegs(segs, (p) => rows.push(extractFields(p.pinfo.tree, names).map((v) => v.join(','))));
    // Dissected again (a click in the app): the same edges, from the recorded bases.
    d.pinfo.visited = true;
    const again: string[][] = [];
    dissectSegs(segs, (p) => again.push(extractFields(p.pinfo.tree, names).map((v) => v.join(','))), d);
    expect(again).toEqual(rows);
    expect(rows).toEqual([
      ['9000', '9100', ''], ['', '', ''], ['', '', ''], ['', '', ''],
      ['101', '201', '101'], ['4294967286', '1', ''], ['4294967286', '1', '4294967286'],
    ]);
    if (HAVE_TSHARK) {
      const out = tsharkRun(segs, ['-T', 'fields', ...names.flatMap((n) => ['-e', n]), '-E', 'occurrence=a', '-E', 'aggregator=,']);
      expect(rows).toEqual(out.trimEnd().split('\n').map((l) => l.split('\t')));
    }
  });

  it('a SYN whose options are malformed leaves window scaling unknown, as Wireshark stops before checking it', () => {
    // The client's SYN: MSS 1460, then a SACK option of length 3 (malformed: 8n+2 bytes needed), NOP.
    //   0000  02 04 05 b4 05 03 00 01
    const names = ['tcp.window_size_value', 'tcp.window_size', 'tcp.window_size_scalefactor', '_ws.malformed'];
    const segs = [
      c(0, 'S', 1000, 0, { mss: 1460, rawOptions: [5, 3, 0] }),
      s(0.01, 'SA', 5000, 1001, { mss: 1460, ws: 7 }),
      c(0.02, 'A', 1001, 5001, { win: 502 }),
      s(0.03, 'A', 5001, 1001, { win: 509 }),
    ];
    const frames = segFrames(segs);
    const { results } = dissectFrames(frames, names, { catchErrors: true });
    const rows = results.map((r) => names.map((n) => r.fields[n]));
    // The client's scale is unknown (-1: its window as it is), the server's 7 stays (its SYN-ACK
    // checked against a SYN that did not say "no scaling"). Checking before the options gave -2.
    expect(rows.slice(2)).toEqual([['502', '502', '-1', ''], ['509', '65152', '128', '']]);
    expect(results[0]!.info).toMatch(/\[Malformed Packet\]$/);
    // A well-formed SYN without the option: no scaling on either side (-2), the SYN-ACK's too.
    const plain = dissectFrames(segFrames([c(0, 'S', 1000, 0, { mss: 1460 }), ...segs.slice(1)]), names).results;
    expect(plain.slice(2).map((r) => r.fields['tcp.window_size_scalefactor'])).toEqual(['-2', '-2']);
    if (HAVE_TSHARK) {
      const path = join(mkdtempSync(join(tmpdir(), 'packetloom-ws-')), 'ws.pcap');
      writeFileSync(path, pcapOf(frames));
      expect(rows).toEqual(runTsharkFields(path, names));
    }
  });

  it('an ICMP-quoted header joins its stream but changes no state and writes no Info prefix', () => {
    const hs = [c(0, 'S', 1000), s(0.01, 'SA', 5000, 1001), c(0.02, 'A', 1001, 5001)];
    const quoted = ipv4Packet('10.0.0.1', '10.0.0.2', 6, tcpBytes(c(0.03, 'PA', 1001, 5001, { len: 8 })));
    const frames = [...segFrames(hs), { tsSec: CRAFT_EPOCH, tsNsec: 30_000_000, data: icmpErrorFrame('10.0.0.2', '10.0.0.1', quoted, 48) }];
    const { results } = dissectFrames(frames, ['tcp.stream', 'tcp.seq', 'tcp.ack', 'tcp.time_relative', 'tcp.state.client']);
    expect(results[3]!.protocol).toBe('ICMP');
    expect(results[3]!.fields).toEqual({ 'tcp.stream': '0', 'tcp.seq': '1001', 'tcp.ack': '5001', 'tcp.time_relative': '0.030000000', 'tcp.state.client': '' });
  });
});

describe('udp.stream', () => {
  it('numbers address/port pairs in order of first appearance, either direction; ICMP quotes join', () => {
    const quoted = ipv4Packet('10.0.0.1', '10.0.0.9', 17, [0xc3, 0x50, 0x1e, 0x61, 0, 12, 0, 0, 1, 2, 3, 4]);
    const frames: FrameInput[] = [
      udpFrame('10.0.0.1', '10.0.0.9', 50000, 7777),
      udpFrame('10.0.0.9', '10.0.0.1', 7777, 50000),
      udpFrame('10.0.0.2', '10.0.0.9', 50000, 7777),
      udpFrame('10.0.0.1', '10.0.0.9', 50001, 7777),
      udpFrame('10.0.0.9', '10.0.0.2', 7777, 50000),
    ].map((data) => ({ tsSec: 1, tsNsec: 0, data }));
    frames.push({ tsSec: 1, tsNsec: 0, data: icmpErrorFrame('10.0.0.9', '10.0.0.1', quoted, 28) });
    const { results } = dissectFrames(frames, ['udp.stream']);
    expect(results.map((r) => r.fields['udp.stream'])).toEqual(['0', '0', '1', '2', '1', '0']);
  });
});

describe('the summary pass counts the same expert items as the full tree', () => {
  // Captures whose other dissectors count the same in both passes too.
  for (const f of [CORPUS + 'arkime-wireshark-retrans.pcap', CORPUS + 'arkime-tcpseq_synthetic.pcap', CORPUS + 'suricata-http-pipeline-files-with-gap.pcap', OWN + 'refused-and-reset.pcap']) {
    it(f.slice(f.lastIndexOf('/') + 1), () => {
      const frames = fileFrames(f);
      const summary = dissectFrames(frames, [], { full: false, catchErrors: true }).results;
      const full = dissectFrames(frames, [], { full: true, catchErrors: true }).results;
      expect(summary.map((r) => [r.num, ...r.experts, r.info])).toEqual(full.map((r) => [r.num, ...r.experts, r.info]));
    });
  }
});

/** What a revisit shows as Wireshark's second pass does: what only the end of the first pass knows. */
const SECOND_PASS = ['tcp.completeness', 'tcp.analysis.initial_rtt'];

describe('revisits: a frame dissected again, out of order, shows what the first pass showed (and, for tcp.completeness and the iRTT, what tshark -2 shows)', () => {
  const files = [CORPUS + 'arkime-wireshark-retrans.pcap', CORPUS + 'pcpp-one_tcp_stream.pcap', CORPUS + 'zeek-icmp-destunreach-udp.pcap', OWN + 'refused-and-reset.pcap', OWN + 'handshake-http.pcapng'];
  for (const path of files) {
    it(path.slice(path.lastIndexOf('/') + 1), () => {
      const frames = fileFrames(path);
      const inOrder = dissectFrames(frames, TRACKED, { catchErrors: true }).results;
      // First pass: the summary pass, in order. Then every frame again, full tree, in a shuffled order.
      const d = new CaptureDissector();
      frames.forEach((f, i) => d.dissect(meta(f, i + 1), f.data, false));
      const order = frames.map((_, i) => i);
      let seed = 12345;
      for (let i = order.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const j = seed % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const twoPass = runTsharkFields(path, SECOND_PASS, true);
      d.pinfo.visited = true;
      for (const i of order) {
        const p = d.dissect(meta(frames[i]!, i + 1), frames[i]!.data, true);
        const vals = extractFields(p.tree, TRACKED);
        const got = Object.fromEntries(TRACKED.map((n, k) => [n, vals[k]!.join(',')]));
        const want = { ...inOrder[i]!.fields, ...Object.fromEntries(SECOND_PASS.map((n, k) => [n, twoPass[i]![k]!])) };
        expect([i + 1, got]).toEqual([i + 1, want]);
      }
    });
  }

  it('says what it keeps', () => {
    expect(TcpTracking.BYTES_PER_SEGMENT).toBe(36);
    const { dissector } = dissectFrames(fileFrames(OWN + 'refused-and-reset.pcap'), [], { full: false });
    const t = tcpTracking(dissector.ctx);
    expect(t.segments).toBe(24);
    expect([t.revisitable(1), t.revisitable(3), t.streamOfFrame(26), t.streamOfFrame(2)]).toEqual([false, true, 2, -1]);
  });
});
