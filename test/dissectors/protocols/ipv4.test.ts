import { describe, expect, it } from 'vitest';
import { FragmentTable } from '../../../dissectors/core/defrag.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { nodeLabel } from '../../../dissectors/core/format.js';
import type { PacketInfo } from '../../../dissectors/core/pinfo.js';
import type { ProtoNode } from '../../../dissectors/core/tree.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { compileFilter } from '../../../dissectors/filter/index.js';
import { checkTruncations, dissect, dissectFrames, fieldsOf, fieldsOrExperts, hexDump } from '../../helpers/corpus-net.js';

// Expected values: tshark 4.0.17 on the same bytes (`-T fields -E occurrence=a -E aggregator=,`).

// A small UDP datagram in a 60-byte Ethernet frame: 14 bytes of padding after ip.len (32).
const PADDED = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 20 1a 2b 40 00 80 11 5d 46 c0 a8 01 0a c0 a8   . .+@...]F......
0020  01 01 c8 22 14 ea 00 0c 11 11 01 02 03 04 00 00   ..."............
0030  00 00 00 00 00 00 00 00 00 00 00 00               ............
`);

// The same with a wrong header checksum (0x9bc2 should be 0x64c2).
const BAD_SUM = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 20 00 07 00 00 40 11 9b c2 0a 01 01 01 0a 01   . ....@.........
0020  01 02 03 e8 07 d0 00 0c 11 11 61 62 63 64         ..........abcd
`);

// Two fragments of one UDP datagram (ID 0x4242): 16 bytes at offset 0 (MF), 16 at offset 16.
const FRAG1 = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 24 42 42 20 00 40 11 04 85 0a 00 00 01 0a 00   .$BB .@.........
0020  00 02 0f a0 0f a1 00 20 11 11 00 01 02 03 04 05   ....... ........
0030  06 07                                             ..
`);
const FRAG2 = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 24 42 42 00 02 40 11 24 83 0a 00 00 01 0a 00   .$BB..@.$.......
0020  00 02 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15   ................
0030  16 17                                             ..
`);

// pcpp-ipv4-options.pcap frame 4: Record Route (3 recorded, 6 empty) + EOL, TCP RST/ACK.
const RECORD_ROUTE = hexDump(`
0000  08 00 27 19 1c 78 c4 12 f5 ff 72 e8 08 00 4f 00   ..'..x....r...O.
0010  00 50 00 00 40 00 40 06 ea d8 0a 00 00 8a 0a 00   .P..@.@.........
0020  00 06 07 27 10 01 02 03 04 0a 00 00 8a 0a 00 00   ...'............
0030  8a 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0040  00 00 00 00 00 00 00 00 00 00 00 00 0a 85 00 00   ................
0050  00 00 19 28 c7 3a 50 14 00 00 b0 59 00 00         ...(.:P....Y..
`);

// pcpp-ipv4-options.pcap frame 6: NOP + Strict Source Route; the destination is the route's end.
const SOURCE_ROUTE = hexDump(`
0000  c4 12 f5 ff 72 e8 08 00 27 19 1c 78 08 00 47 00   ....r...'..x..G.
0010  00 24 33 4c 00 00 40 01 28 71 0a 00 00 06 0a 00   .$3L..@.(q......
0020  00 8a 01 89 07 04 00 00 00 00 08 00 5d 07 9a f6   ............]...
0030  00 02                                             ..
`);

// Security options (RFC 1108): classification 0xab, then a Protection Authority octet whose Field
// Termination Indicator says another follows — missing (the option ends), and present (0xfe:
// its unassigned bits 0x7f, under the first octet's field name, registered again with mask 0xfe).
const SEC_FTI_MISSING = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 46 00   .."3DU.w......F.
0010  00 20 00 01 00 00 40 01 38 d4 0a 00 00 01 0a 00   . ....@.8.......
0020  00 02 82 04 ab 01 08 00 f7 ff 00 00 00 00         ..............
`);
const SEC_TWO_OCTETS = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 47 00   .."3DU.w......G.
0010  00 24 00 01 00 00 40 01 39 ce 0a 00 00 01 0a 00   .$....@.9.......
0020  00 02 82 05 ab 01 fe 00 00 00 08 00 f7 ff 00 00   ................
0030  00 00                                             ..
`);

// Three fragments of one datagram (ID 1, protocol 253): 16 × 'A' at 0, 16 × 'B' at 8, 16 × 'A' at
// 16 (last). The second and the third overlap bytes already placed, with other data.
const CONFLICT = [hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 24 00 01 20 00 40 fd 45 da 0a 00 00 01 0a 00   .$.. .@.E.......
0020  00 02 41 41 41 41 41 41 41 41 41 41 41 41 41 41   ..AAAAAAAAAAAAAA
0030  41 41                                             AA
`), hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 24 00 01 20 01 40 fd 45 d9 0a 00 00 01 0a 00   .$.. .@.E.......
0020  00 02 42 42 42 42 42 42 42 42 42 42 42 42 42 42   ..BBBBBBBBBBBBBB
0030  42 42                                             BB
`), hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 24 00 01 00 02 40 fd 65 d8 0a 00 00 01 0a 00   .$....@.e.......
0020  00 02 41 41 41 41 41 41 41 41 41 41 41 41 41 41   ..AAAAAAAAAAAAAA
0030  41 41                                             AA
`)];

// IP in IP (protocol 4) whose inner header says version 13.
const IPIP_BOGUS = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 30 00 03 00 00 40 04 66 c1 0a 00 00 03 0a 00   .0....@.f.......
0020  00 04 d5 00 00 1c 00 01 00 00 40 11 00 00 0a 00   ..........@.....
0030  00 01 0a 00 00 02 00 01 00 02 00 08 00 00         ..............
`);

// Router Alert + Time Stamp (with addresses) + an unknown option 0x9e; protocol 253, TTL 3.
const OPTIONS = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 4a 00   .."3DUfw......J.
0010  00 2d 00 01 40 00 03 fd d7 b2 0a 00 00 01 0a 00   .-..@...........
0020  00 02 94 04 00 00 44 0c 05 01 0a 00 00 01 00 00   ......D.........
0030  00 05 9e 04 01 02 68 65 6c 6c 6f                  ......hello
`);

// tcpdump-ipv4_invalid_hdr_length.pcap: IHL 4 (16 bytes).
const BOGUS_IHL = hexDump(`
0000  c0 d6 82 36 03 2b f0 4d a2 3d 5d a3 08 00 44 00   ...6.+.M.=]...D.
0010  00 54 f1 a6 00 00 40 11 45 94 8c d3 09 ce 2d 21   .T....@.E.....-!
0020  7f 9c 98 b7 00 35 00 40 6e cb 92 aa 01 20 00 01   .....5.@n.... ..
`);

// pcpp-IcmpPackets.pcap's echo reply with a CIPSO option whose tag type became 124 (unknown).
const CIPSO_UNKNOWN_TAG = hexDump(`
0000  00 00 00 00 00 00 00 00 00 00 00 00 08 00 4b 00  ..............K.
0010  00 6c 78 37 00 00 40 01 75 2d 7f 00 00 01 7f 00  .lx7..@.u-......
0020  00 01 86 16 00 00 00 02 7c 10 00 02 00 00 00 02  ........|.......
0030  00 04 00 05 00 06 00 ef 00 00 00 00 29 50 8c 0a  ............)P..
0040  00 01 92 4d ae 45 13 0e 0c 00 08 09 0a 0b 0c 0d  ...M.E..........
0050  0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d  ................
0060  1e 1f 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d  .. !"#.%&'()*+,-
0070  2e 2f 30 31 32 33 34 35 36 37                    ./01234567
`);

// pcpp-ipv4-options.pcap's timestamp option (flag: address and time) with its length made odd:
// the last entry is cut short.
const TIMESTAMP_CUT = hexDump(`
0000  08 00 27 19 1c 78 c4 12 f5 ff 72 e8 08 00 4f 00  ..'..x....r...O.
0010  00 50 00 00 40 00 40 06 ea d8 0a 00 00 8a 0a 00  .P..@.@.........
0020  00 06 44 27 10 01 02 03 04 0a 00 00 8a 0a 00 00  ..D'............
0030  8a 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
0040  00 00 00 00 00 00 00 00 00 00 00 00 0a 85 00 00  ................
0050  00 00 19 28 c7 3a 50 14 00 00 b0 59 00 00        ...(.:P....Y..
`);

describe('IPv4', () => {
  it('decodes the header and cuts the payload at the total length (padding below)', () => {
    const p = dissect(PADDED);
    expect(fieldsOf(p, [
      'ip.version', 'ip.hdr_len', 'ip.dsfield', 'ip.dsfield.dscp', 'ip.len', 'ip.id', 'ip.flags', 'ip.flags.rb', 'ip.flags.df',
      'ip.flags.mf', 'ip.frag_offset', 'ip.ttl', 'ip.proto', 'ip.checksum', 'ip.checksum.status', 'ip.src', 'ip.dst', 'ip.addr',
      'ip.src_host', 'ip.host', 'eth.padding', 'frame.protocols',
    ])).toEqual({
      'ip.version': '4', 'ip.hdr_len': '20', 'ip.dsfield': '0x00', 'ip.dsfield.dscp': '0', 'ip.len': '32', 'ip.id': '0x1a2b',
      'ip.flags': '0x02', 'ip.flags.rb': '0', 'ip.flags.df': '1', 'ip.flags.mf': '0', 'ip.frag_offset': '0', 'ip.ttl': '128',
      'ip.proto': '17', 'ip.checksum': '0x5d46', 'ip.checksum.status': '2', 'ip.src': '192.168.1.10', 'ip.dst': '192.168.1.1',
      'ip.addr': '192.168.1.10,192.168.1.1', 'ip.src_host': '192.168.1.10', 'ip.host': '192.168.1.10,192.168.1.1',
      'eth.padding': '0000000000000000000000000000', 'frame.protocols': 'eth:ethertype:ip:udp:data',
    });
    expect([p.srcText(), p.dstText(), p.protocol]).toEqual(['192.168.1.10', '192.168.1.1', 'UDP']);
    const ip = findNodes(p.tree, 'ip')[0]!;
    expect(nodeLabel(ip)).toBe('Internet Protocol Version 4, Src: 192.168.1.10, Dst: 192.168.1.1');
    const labels = ip.children!.filter((n) => !(n.flags & 2)).map((n) => nodeLabel(n));
    expect(labels.slice(0, 8)).toEqual([
      '0100 .... = Version: 4',
      '.... 0101 = Header Length: 20 bytes (5)',
      'Differentiated Services Field: 0x00 (DSCP: CS0, ECN: Not-ECT)',
      'Total Length: 32',
      'Identification: 0x1a2b (6699)',
      "010. .... = Flags: 0x2, Don't fragment",
      '...0 0000 0000 0000 = Fragment Offset: 0',
      'Time to Live: 128',
    ]);
    expect(labels).toContain('Header Checksum: 0x5d46 [validation disabled]');
    expect(labels).toContain('Protocol: UDP (17)');
  });

  it('shows a wrong checksum like tshark by default: unverified, and no expert item (checksum offload)', () => {
    const p = dissect(BAD_SUM);
    expect(fieldsOrExperts(p, ['ip.checksum', 'ip.checksum.status', 'ip.checksum_bad.expert'])).toEqual({
      'ip.checksum': '0x9bc2', 'ip.checksum.status': '2', 'ip.checksum_bad.expert': '',
    });
    expect(p.info).toBe('1000 → 2000 Len=4');
    expect(fieldsOrExperts(dissect(PADDED), ['ip.checksum_bad.expert'])['ip.checksum_bad.expert']).toBe('');
  });

  it('reassembles fragments: the last one carries the datagram in a new data source', () => {
    const [f1, f2] = dissectFrames([{ bytes: FRAG1 }, { bytes: FRAG2 }], [
      'ip.flags.mf', 'ip.frag_offset', 'ip.fragment', 'ip.fragment.count', 'ip.reassembled.length', 'ip.reassembled.data', 'udp.srcport', 'udp.length', 'data.data', 'frame.protocols',
    ]);
    expect([f1!.protocol, f1!.info]).toEqual(['IPv4', 'Fragmented IP protocol (proto=UDP 17, off=0, ID=4242)']);
    expect(f1!.fields).toEqual(['1', '0', '', '', '', '', '', '', '0fa00fa1002011110001020304050607', 'eth:ethertype:ip:data']);
    expect([f2!.protocol, f2!.info]).toEqual(['UDP', '4000 → 4001 Len=24']);
    expect(f2!.fields).toEqual([
      '0', '2', '1,2', '2', '32', '0fa00fa100201111000102030405060708090a0b0c0d0e0f1011121314151617', '4000', '32',
      '000102030405060708090a0b0c0d0e0f1011121314151617', 'eth:ethertype:ip:udp:data',
    ]);
  });

  it('flags overlapping, conflicting fragments under each fragment, and says [Illegal IPv4 fragments] as tshark 4.0', () => {
    const d = new CaptureDissector({ catchErrors: false });
    const last = CONFLICT.map((b, i) => d.dissect({ num: i + 1, tsSec: i, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: b.length }, b, true)).at(-1)!;
    expect(last.info).toBe('[Illegal IPv4 fragments]');
    const fragments = findNodes(last.tree, 'ip.fragment').map((n) => [nodeLabel(n), ...(n.children ?? []).map((c) => nodeLabel(c))]);
    expect(fragments).toEqual([
      ['Frame: 1, payload: 0-15 (16 bytes)'],
      ['Frame: 2, payload: 8-23 (16 bytes)', 'Fragment overlap: True', 'Conflicting data in fragment overlap: True'],
      ['Frame: 3, payload: 16-31 (16 bytes)', 'Fragment overlap: True', 'Conflicting data in fragment overlap: True'],
    ]);
    expect(findNodes(last.tree, '_ws.expert')).toEqual([]);
  });

  it('gives the reassembled bytes their own data source, pointed at by the upper layers', () => {
    const frames = [FRAG1, FRAG2];
    let last: PacketInfo | undefined;
    const cd = new CaptureDissector({ catchErrors: false });
    frames.forEach((b, i) => (last = cd.dissect({ num: i + 1, tsSec: 1, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: b.length }, b, true)));
    expect(last!.sources.map((s) => [s.name, s.data.length])).toEqual([['Reassembled IPv4', 32]]);
    const udp = findNodes(last!.tree, 'udp')[0]!;
    expect(udp.source).toBe(1);
    expect(last!.sourceData(1)).toBe(last!.sources[0]!.data);
    const frag = findNodes(last!.tree, 'ip.fragment').map((n) => nodeLabel(n));
    expect(frag).toEqual(['Frame: 1, payload: 0-15 (16 bytes)', 'Frame: 2, payload: 16-31 (16 bytes)']);
    expect(nodeLabel(findNodes(last!.tree, 'ip.fragments')[0]!)).toBe('2 IPv4 Fragments (32 bytes): #1(16), #2(16)');
  });

  it('keeps reassembly memory bounded: the oldest pending datagram is dropped', () => {
    const t = new FragmentTable({ maxSets: 2, maxBytes: 1000 });
    t.add('a', 1, 0, new Uint8Array(8), true);
    t.add('b', 2, 0, new Uint8Array(8), true);
    t.add('c', 3, 0, new Uint8Array(8), true);
    expect(t.pendingCount).toBe(2);
    // 'a' was dropped: its tail alone does not complete anything; 'c' completes.
    expect(t.add('a', 4, 8, new Uint8Array(8), false).done).toBe(false);
    expect(t.add('c', 5, 8, new Uint8Array(8), false).done).toBe(true);
    const big = new FragmentTable({ maxSets: 100, maxBytes: 20 });
    big.add('x', 1, 0, new Uint8Array(16), true);
    big.add('y', 2, 0, new Uint8Array(16), true);
    expect(big.pendingCount).toBe(1);
    expect(big.bytesHeld).toBeLessThanOrEqual(20);
  });

  it('decodes record route options, and takes the destination from a source route', () => {
    const rr = dissect(RECORD_ROUTE);
    expect(fieldsOf(rr, ['ip.opt.type', 'ip.opt.len', 'ip.opt.ptr', 'ip.rec_rt', 'ip.empty_rt', 'ip.dst'])).toEqual({
      'ip.opt.type': '7,0', 'ip.opt.len': '39', 'ip.opt.ptr': '16', 'ip.rec_rt': '1.2.3.4,10.0.0.138,10.0.0.138',
      'ip.empty_rt': '0.0.0.0,0.0.0.0,0.0.0.0,0.0.0.0,0.0.0.0,0.0.0.0', 'ip.dst': '10.0.0.6',
    });
    expect(rr.info).toBe('0 → 2693 [RST, ACK] Seq=1 Ack=1 Win=0 Len=0');
    const opts = findNodes(rr.tree, 'ip.options.record_route')[0]!;
    expect(nodeLabel(opts)).toBe('IP Option - Record Route (39 bytes)');
    const sr = dissect(SOURCE_ROUTE);
    expect(fieldsOf(sr, ['ip.opt.type', 'ip.opt.len', 'ip.opt.ptr', 'ip.cur_rt', 'ip.dst', 'ip.host'])).toEqual({
      'ip.opt.type': '1,137', 'ip.opt.len': '7', 'ip.opt.ptr': '4', 'ip.cur_rt': '10.0.0.138', 'ip.dst': '0.0.0.0', 'ip.host': '10.0.0.6,0.0.0.0',
    });
    expect([sr.srcText(), sr.dstText(), sr.info]).toEqual(['10.0.0.6', '0.0.0.0', 'Echo (ping) request  id=0x9af6, seq=2/512, ttl=64']);
    expect(nodeLabel(findNodes(sr.tree, 'ip')[0]!)).toBe('Internet Protocol Version 4, Src: 10.0.0.6, Dst: 0.0.0.0, Via: 10.0.0.138');
  });

  it('decodes router alert and timestamp options, unknown options and protocols', () => {
    const p = dissect(OPTIONS);
    expect(fieldsOrExperts(p, ['ip.opt.type', 'ip.opt.len', 'ip.opt.ra', 'ip.opt.ptr', 'ip.opt.flag', 'ip.opt.time_stamp', 'ip.opt.time_stamp_addr', 'data.data', 'ip.ttl.too_small'])).toEqual({
      'ip.opt.type': '148,68', 'ip.opt.len': '4,12', 'ip.opt.ra': '0', 'ip.opt.ptr': '5', 'ip.opt.flag': '0x01',
      'ip.opt.time_stamp': '5', 'ip.opt.time_stamp_addr': '10.0.0.1', 'data.data': '68656c6c6f', 'ip.ttl.too_small': '"Time To Live" only 3',
    });
    expect([p.protocol, p.info]).toEqual(['IPv4', 'Unknown (253)']);
    const opt = p.tree.children!.find((n) => n.field?.abbrev === 'ip')!.children!.find((n) => n.label?.startsWith('Options'))!;
    expect(opt.label).toBe('Options: (20 bytes), Router Alert, Time Stamp');
    expect(opt.children!.map((n) => nodeLabel(n))).toEqual([
      'IP Option - Router Alert (4 bytes): Router shall examine packet (0)',
      'IP Option - Time Stamp (12 bytes)',
      'Unknown (0x9e) (4 bytes)',
    ]);
  });

  it('reports bogus header and total lengths like Wireshark', () => {
    const p = dissect(BOGUS_IHL);
    expect([p.protocol, p.info]).toEqual(['IPv4', 'Bogus IP header length (16, must be at least 20)']);
    expect(fieldsOrExperts(p, ['ip.version', 'ip.hdr_len', 'ip.src', 'ip.bogus_header_length', 'frame.protocols'])).toEqual({
      'ip.version': '4', 'ip.hdr_len': '16', 'ip.src': '', 'ip.bogus_header_length': 'Bogus IP header length (16, must be at least 20)', 'frame.protocols': 'eth:ethertype:ip',
    });
    expect(p.srcText()).toBe('f0:4d:a2:3d:5d:a3');
    // Total length 12 < header length 20.
    const short = dissect(hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 0c 00 01 40 00 40 11 26 de 0a 00 00 01 0a 00   ....@.@.&.......
0020  00 02 00 01 00 02 00 0a 11 11 78 79               ..........xy
`));
    expect([short.protocol, short.info]).toEqual(['IPv4', 'Bogus IP length (12, less than header length 20)']);
    expect(fieldsOrExperts(short, ['ip.len', 'ip.id', 'ip.bogus_ip_length'])).toEqual({ 'ip.len': '12', 'ip.id': '', 'ip.bogus_ip_length': 'Bogus IP length' });
    // Total length 100 > the 30 bytes there are.
    const long = dissect(hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 64 00 01 40 00 40 11 26 86 0a 00 00 01 0a 00   .d..@.@.&.......
0020  00 02 00 01 00 02 00 0a 11 11 78 79               ..........xy
`));
    expect(long.info).toBe('1 → 2 Len=2');
    expect(fieldsOrExperts(long, ['ip.bogus_ip_length'])['ip.bogus_ip_length']).toBe('IPv4 total length exceeds packet length (30 bytes)');
    // Version 5.
    const v5 = dissect(hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 55 00   .."3DUfw......U.
0010  00 16 00 01 40 00 40 11 26 d4 0a 00 00 01 0a 00   ....@.@.&.......
0020  00 02 7a 7a                                       ..zz
`));
    expect([v5.protocol, v5.info]).toEqual(['IPv4', 'Bogus IPv4 version (5, must be 4)']);
  });

  it('warns when a packet to the Local Network Control Block (224.0.0.0/24) has a TTL other than 1, as tshark does', () => {
    // pcpp-IcmpPackets.pcap frame 1: ICMP to 224.0.0.2 with TTL 128 (tshark 4.0: ip.ttl.lncb).
    const p = dissect(hexDump(`
0000  01 00 5e 00 00 02 00 00 65 10 22 1b 08 00 45 00   ..^.....e."...E.
0010  00 1c 5f 01 00 00 80 01 db da 0a 01 16 02 e0 00   .._.............
0020  00 02 0a 00 f5 ff 00 00 00 00 00 00 00 00 00 00   ................
0030  00 00 00 00 00 00 00 00 00 00 00 00               ............
`));
    expect(fieldsOrExperts(p, ['ip.dst', 'ip.ttl', 'ip.ttl.lncb'])).toEqual({
      'ip.dst': '224.0.0.2', 'ip.ttl': '128',
      'ip.ttl.lncb': '"Time To Live" != 1 for a packet sent to the Local Network Control Block (see RFC 3171)',
    });
    // mDNS (224.0.0.251) is meant to be sent with TTL 255: no warning.
    const mdns = dissect(hexDump(`
0000  01 00 5e 00 00 fb 00 00 65 10 22 1b 08 00 45 00   ..^.....e."...E.
0010  00 1c 5f 01 00 00 ff 11 00 00 0a 01 16 02 e0 00   .._.............
0020  00 fb 14 e9 14 e9 00 08 00 00                     ..........
`));
    expect(fieldsOrExperts(mdns, ['ip.ttl', 'ip.ttl.lncb'])).toEqual({ 'ip.ttl': '255', 'ip.ttl.lncb': '' });
  });

  it('stops at bad option lengths with an expert item', () => {
    const tooShort = dissect(hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 46 00   .."3DUfw......F.
0010  00 18 00 01 40 00 40 06 1e dc 0a 00 00 01 0a 00   ....@.@.........
0020  00 02 07 01 00 00                                 ......
`));
    expect(fieldsOrExperts(tooShort, ['ip.opt.len.invalid'])['ip.opt.len.invalid']).toBe('Record Route (with too-short option length = 1 byte)');
    // A text line under Options, with the expert item under it (proto_tree_add_expert_format).
    const options = findNodes(tooShort.tree, 'ip')[0]!.children!.find((n) => n.label?.startsWith('Options: ('))!;
    const line = options.children!.find((n) => n.label === 'Record Route (with too-short option length = 1 byte)');
    expect(line && findNodes(line, 'ip.opt.len.invalid')).toHaveLength(1);
    expect(tooShort.info).toBe('');
    const pastEnd = dissect(hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 46 00   .."3DUfw......F.
0010  00 18 00 01 40 00 40 06 1a d2 0a 00 00 01 0a 00   ....@.@.........
0020  00 02 07 0b 04 00                                 ......
`));
    expect(fieldsOrExperts(pastEnd, ['ip.opt.len.invalid'])['ip.opt.len.invalid']).toBe('Record Route (option length = 11 bytes says option goes past end of options)');
  });

  it('decodes security options as tshark 4.0: flags named on their octet, a missing octet, a second octet', () => {
    const missing = dissect(SEC_FTI_MISSING);
    expect(nodeLabel(findNodes(missing.tree, 'ip.opt.sec_prot_auth_flags')[0]!)).toBe('Protection Authority Flags: 0x01, Field Termination Indicator');
    expect(fieldsOrExperts(missing, ['ip.opt.len.invalid'])).toEqual({ 'ip.opt.len.invalid': 'Field Termination Indicator set to 1 for last byte of option' });
    const two = dissect(SEC_TWO_OCTETS);
    expect(fieldsOf(two, ['ip.opt.sec_prot_auth_flags', 'ip.opt.sec_prot_auth_unassigned', 'ip.opt.sec_prot_auth_fti'])).toEqual({
      'ip.opt.sec_prot_auth_flags': '0x01,0xfe', 'ip.opt.sec_prot_auth_unassigned': '0x00,0x7f', 'ip.opt.sec_prot_auth_fti': '1,0',
    });
    expect(findNodes(two.tree, 'ip.opt.sec_prot_auth_unassigned').map((n) => nodeLabel(n))).toEqual(['.... .00. = Unassigned: 0x0', '1111 111. = Unassigned: 0x7f']);
    // A filter on the name finds the second registration too.
    const r = compileFilter('ip.opt.sec_prot_auth_unassigned == 0x7f');
    expect(r.ok && r.filter.matches(two.tree, two)).toBe(true);
  });

  it('takes a total length of 0 as TCP segmentation offload: the captured length, in a generated item, as tshark', () => {
    const bytes = SEC_FTI_MISSING.slice();
    bytes[0x10] = 0;
    bytes[0x11] = 0;
    const p = dissect(bytes);
    expect(fieldsOf(p, ['ip.len'])).toEqual({ 'ip.len': String(bytes.length - 14) });
    expect(findNodes(p.tree, 'ip.len').map((n) => nodeLabel(n))).toEqual([`Total Length: ${bytes.length - 14} bytes (reported as 0, presumed to be because of "TCP segmentation offload" (TSO))`]);
    expect(p.protocol).toBe('ICMP');
  });

  it('gives IP in IP to Wireshark\'s "ip" dissector: a bogus inner version is one item', () => {
    const p = dissect(IPIP_BOGUS);
    expect([p.protocol, p.info]).toEqual(['IP', 'Bogus IP version (13)']);
    const inner = findNodes(p.tree, 'ip')[1]!;
    expect([nodeLabel(inner), ...(inner.children ?? []).map((n) => nodeLabel(n))]).toEqual(['Internet Protocol, bogus version (13)', '1101 .... = Version: 13']);
    expect(fieldsOrExperts(p, ['ip.bogus_ip_version'])).toEqual({ 'ip.bogus_ip_version': 'Bogus IP version' });
  });

  it('names an unknown CIPSO tag type, and shows a timestamp entry cut short as a text item with its expert, as tshark 4.0', () => {
    const c = dissect(CIPSO_UNKNOWN_TAG);
    expect(fieldsOf(c, ['ip.cipso.tag_type'])).toEqual({ 'ip.cipso.tag_type': '124' });
    expect(nodeLabel(findNodes(c.tree, 'ip.cipso.tag_type')[0]!)).toBe('Tag Type: Unknown (124) (16 bytes)');
    const t = dissect(TIMESTAMP_CUT);
    const texts: ProtoNode[] = [];
    const walk = (n: ProtoNode): void => {
      if (n.field === null && n.label === 'Suboption would go past end of option') texts.push(n);
      for (const c of n.children ?? []) walk(c);
    };
    walk(t.tree);
    expect(texts).toHaveLength(1);
    expect(findNodes(texts[0]!, 'ip.subopt_too_long')).toHaveLength(1);
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(IPIP_BOGUS);
    checkTruncations(CIPSO_UNKNOWN_TAG);
    checkTruncations(TIMESTAMP_CUT);
    checkTruncations(SEC_FTI_MISSING);
    checkTruncations(SEC_TWO_OCTETS);
    checkTruncations(PADDED);
    checkTruncations(RECORD_ROUTE);
    checkTruncations(SOURCE_ROUTE);
    checkTruncations(OPTIONS);
    checkTruncations(BOGUS_IHL);
    checkTruncations(FRAG2, { before: [{ bytes: FRAG1 }] });
  });
});
