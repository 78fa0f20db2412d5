import { describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { checkTruncations, dissect, dissectFrames, fieldsOf, fieldsOrExperts, hexDump } from '../../helpers/corpus-net.js';

// Expected values: tshark 4.0.17 on the same bytes (`-T fields -E occurrence=a -E aggregator=,`,
// Info from `tshark -n -r`).

// pcpp-IcmpPackets.pcap frames 9 and 10: echo request and its reply (timestamp in the data).
const ECHO_REQ = hexDump(`
0000  02 1a 11 f0 c8 3b 60 33 4b 13 c5 58 08 00 45 00   .....;\`3K..X..E.
0010  00 54 26 ef 00 00 40 01 57 f9 c0 a8 2b 09 08 08   .T&...@.W...+...
0020  08 08 08 00 bb b3 d7 3b 00 00 51 a7 d6 7d 00 04   .......;..Q..}..
0030  51 e4 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15   Q...............
0040  16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25   .......... !"#$%
0050  26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35   &'()*+,-./012345
0060  36 37                                             67
`);
const ECHO_REPLY = hexDump(`
0000  60 33 4b 13 c5 58 02 1a 11 f0 c8 3b 08 00 45 00   \`3K..X.....;..E.
0010  00 54 00 00 00 00 28 01 96 e8 08 08 08 08 c0 a8   .T....(.........
0020  2b 09 00 00 c3 b3 d7 3b 00 00 51 a7 d6 7d 00 04   +......;..Q..}..
0030  51 e4 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15   Q...............
0040  16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25   .......... !"#$%
0050  26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35   &'()*+,-./012345
0060  36 37                                             67
`);

// pcpp-IcmpPackets.pcap frame 6: port unreachable quoting an IPv4/UDP header.
const PORT_UNREACH = hexDump(`
0000  c2 09 66 b0 00 00 c2 0d 66 d7 00 00 08 00 45 c0   ..f.....f.....E.
0010  00 38 00 cc 00 00 fb 01 a7 35 0a 00 02 02 0a 00   .8.......5......
0020  01 02 03 03 b4 2a 00 00 00 00 45 00 00 1c 00 e6   .....*....E.....
0030  00 00 01 11 01 d8 0a 00 01 02 ac 10 00 02 c0 1e   ................
0040  82 a6 00 08 06 05                                 ......
`);

// Crafted: fragmentation needed (MTU 1500) quoting IPv4 + the first 8 bytes of a TCP header.
const FRAG_NEEDED = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 38 00 01 40 00 40 01 26 ba 0a 00 00 09 0a 00   .8..@.@.&.......
0020  00 02 03 04 f2 73 00 00 05 dc 45 00 00 3c 00 01   .....s....E..<..
0030  40 00 40 06 26 b1 0a 00 00 02 0a 00 00 09 04 57   @.@.&..........W
0040  00 50 00 00 00 05                                 .P....
`);

// pcpp-IcmpPackets.pcap frame 2: redirect for host quoting an ICMP echo request.
const REDIRECT = hexDump(`
0000  00 20 78 e1 5a 80 00 10 7b 81 43 e3 08 00 45 00   . x.Z...{.C...E.
0010  00 38 62 3d 00 00 ff 01 d8 1e 0a 02 63 63 0a 02   .8b=........cc..
0020  0a 02 05 01 38 3e 0a 02 63 62 45 00 00 3c 3a 00   ....8>..cbE..<:.
0030  00 00 1f 01 fc b3 0a 02 0a 02 0a 03 47 07 08 00   ............G...
0040  1a 5c 02 00 31 00                                 .\\..1.
`);

// pcpp-IcmpPackets.pcap frame 7: timestamp request.
const TIMESTAMP = hexDump(`
0000  00 a0 d1 be 97 dd 00 11 2f 36 8c da 08 00 45 00   ......../6....E.
0010  00 28 8e 00 00 00 80 01 2a b7 c0 a8 00 66 c0 a8   .(......*....f..
0020  00 67 0d 00 94 76 39 30 00 00 00 f6 24 63 00 00   .g...v90....$c..
0030  00 00 00 00 00 00                                 ......
`);

// pcpp-IcmpPackets.pcap frame 14: address mask request (Ethernet padding after it).
const ADDR_MASK = hexDump(`
0000  30 46 9a 23 fb fa 08 00 27 cb a9 f2 08 00 45 00   0F.#....'.....E.
0010  00 20 74 1e 00 00 40 01 dd a4 0a 00 00 06 ad c2   . t...@.........
0020  71 52 11 00 38 f3 b0 0c 06 00 00 00 00 00 00 00   qR..8...........
0030  00 00 00 00 00 00 00 00 00 00 00 00               ............
`);

// Crafted: echo request with a little-endian timestamp in the data, then two identical replies.
const LE_REQ = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 2e 00 01 40 00 40 01 26 cc 0a 00 00 01 0a 00   ....@.@.&.......
0020  00 02 08 00 3f 82 12 34 00 07 0b f1 53 65 40 e2   ....?..4....Se@.
0030  01 00 30 31 32 33 34 35 36 37 38 39               ..0123456789
`);
const LE_REPLY = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 2e 00 01 40 00 40 01 26 cc 0a 00 00 02 0a 00   ....@.@.&.......
0020  00 01 00 00 47 82 12 34 00 07 0b f1 53 65 40 e2   ....G..4....Se@.
0030  01 00 30 31 32 33 34 35 36 37 38 39               ..0123456789
`);

// Crafted: echo request with a wrong checksum (0x1234, should be 0x339b).
const BAD_SUM = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 1f 00 01 40 00 40 01 26 db 0a 00 00 01 0a 00   ....@.@.&.......
0020  00 02 08 00 12 34 00 01 00 01 61 62 63            .....4....abc
`);

describe('ICMP', () => {
  it('decodes echo request/reply and matches the reply to the request', () => {
    const names = [
      'icmp.type', 'icmp.code', 'icmp.checksum', 'icmp.checksum.status', 'icmp.ident', 'icmp.ident_le', 'icmp.seq', 'icmp.seq_le',
      'icmp.data_time', 'icmp.data_time_relative', 'icmp.resp_in', 'icmp.resp_to', 'icmp.resptime', 'data.len', 'frame.protocols',
    ];
    const [req, rep] = dissectFrames([
      { bytes: ECHO_REQ, tsSec: 1369953917, tsNsec: 283187000 },
      { bytes: ECHO_REPLY, tsSec: 1369953917, tsNsec: 775391000 },
    ], names);
    expect([req!.protocol, req!.info, req!.src, req!.dst]).toEqual(['ICMP', 'Echo (ping) request  id=0xd73b, seq=0/0, ttl=64', '192.168.43.9', '8.8.8.8']);
    expect(req!.fields).toEqual([
      '8', '0', '0xbbb3', '1', '55099', '15319', '0', '0', 'May 30, 2013 22:45:17.283108000 UTC', '0.000079000', '', '', '', '48', 'eth:ethertype:ip:icmp:data',
    ]);
    expect(rep!.info).toBe('Echo (ping) reply    id=0xd73b, seq=0/0, ttl=40 (request in 1)');
    expect(rep!.fields).toEqual([
      '0', '0', '0xc3b3', '1', '55099', '15319', '0', '0', 'May 30, 2013 22:45:17.283108000 UTC', '0.492283000', '', '1', '492.204', '48', 'eth:ethertype:ip:icmp:data',
    ]);
  });

  it('matches a reply only once, and reads little-endian data timestamps', () => {
    const [req, rep, dup] = dissectFrames([
      { bytes: LE_REQ, tsSec: 1700000011 },
      { bytes: LE_REPLY, tsSec: 1700000012 },
      { bytes: LE_REPLY, tsSec: 1700000013 },
    ], ['icmp.data_time', 'icmp.data_time_relative', 'icmp.resp_to', 'icmp.resptime']);
    expect(req!.info).toBe('Echo (ping) request  id=0x1234, seq=7/1792, ttl=64');
    expect(req!.fields).toEqual(['Nov 14, 2023 22:13:31.123456000 UTC', '-0.123456000', '', '']);
    expect(rep!.info).toBe('Echo (ping) reply    id=0x1234, seq=7/1792, ttl=64 (request in 1)');
    expect(rep!.fields).toEqual(['Nov 14, 2023 22:13:31.123456000 UTC', '0.876544000', '1', '1000']);
    expect(dup!.info).toBe('Echo (ping) reply    id=0x1234, seq=7/1792, ttl=64');
    expect(dup!.fields).toEqual(['Nov 14, 2023 22:13:31.123456000 UTC', '1.876544000', '', '']);
  });

  it('dissects the quoted datagram of an error without touching the columns', () => {
    const p = dissect(PORT_UNREACH);
    expect([p.protocol, p.info, p.srcText(), p.dstText()]).toEqual(['ICMP', 'Destination unreachable (Port unreachable)', '10.0.2.2', '10.0.1.2']);
    expect(fieldsOf(p, ['icmp.type', 'icmp.code', 'icmp.checksum', 'icmp.checksum.status', 'ip.src', 'ip.dst', 'ip.proto', 'udp.srcport', 'udp.dstport', 'frame.protocols'])).toEqual({
      'icmp.type': '3', 'icmp.code': '3', 'icmp.checksum': '0xb42a', 'icmp.checksum.status': '1', 'ip.src': '10.0.2.2,10.0.1.2',
      'ip.dst': '10.0.1.2,172.16.0.2', 'ip.proto': '1,17', 'udp.srcport': '49182', 'udp.dstport': '33446', 'frame.protocols': 'eth:ethertype:ip:icmp:ip:udp',
    });
    expect(p.malformed).toBe(false);
  });

  it('reads the MTU of "fragmentation needed" and the first 8 bytes of a quoted TCP header', () => {
    const p = dissect(FRAG_NEEDED);
    expect([p.protocol, p.info]).toEqual(['ICMP', 'Destination unreachable (Fragmentation needed)']);
    expect(fieldsOf(p, ['icmp.mtu', 'ip.proto', 'tcp.srcport', 'tcp.dstport', 'tcp.seq', 'tcp.seq_raw', 'frame.protocols'])).toEqual({
      'icmp.mtu': '1500', 'ip.proto': '1,6', 'tcp.srcport': '1111', 'tcp.dstport': '80', 'tcp.seq': '5', 'tcp.seq_raw': '', 'frame.protocols': 'eth:ethertype:ip:icmp:ip:tcp',
    });
    expect(p.malformed).toBe(false);
    const icmp = findNodes(p.tree, 'icmp')[0]!;
    expect(nodeLabel(icmp)).toBe('Internet Control Message Protocol');
  });

  it('decodes redirects (gateway, quoted ICMP echo)', () => {
    const p = dissect(REDIRECT);
    expect([p.protocol, p.info]).toEqual(['ICMP', 'Redirect             (Redirect for host)']);
    expect(fieldsOf(p, ['icmp.type', 'icmp.code', 'icmp.checksum.status', 'icmp.redir_gw', 'icmp.ident', 'icmp.seq', 'icmp.seq_le', 'ip.dst', 'frame.protocols'])).toEqual({
      'icmp.type': '5,8', 'icmp.code': '1,0', 'icmp.checksum.status': '1,2', 'icmp.redir_gw': '10.2.99.98', 'icmp.ident': '512',
      'icmp.seq': '12544', 'icmp.seq_le': '49', 'ip.dst': '10.2.10.2,10.3.71.7', 'frame.protocols': 'eth:ethertype:ip:icmp:ip:icmp',
    });
  });

  it('decodes timestamp and address mask messages', () => {
    const ts = dissect(TIMESTAMP);
    expect(ts.info).toBe('Timestamp request    id=0x3930, seq=0/0, ttl=128');
    expect(fieldsOf(ts, ['icmp.ident', 'icmp.ident_le', 'icmp.originate_timestamp', 'icmp.receive_timestamp', 'icmp.transmit_timestamp'])).toEqual({
      'icmp.ident': '14640', 'icmp.ident_le': '12345', 'icmp.originate_timestamp': '16131171', 'icmp.receive_timestamp': '0', 'icmp.transmit_timestamp': '0',
    });
    const orig = findNodes(ts.tree, 'icmp.originate_timestamp')[0]!;
    expect(nodeLabel(orig)).toBe('Originate Timestamp: 16131171 (4 hours, 28 minutes, 51.171 seconds after midnight UTC)');
    const am = dissect(ADDR_MASK);
    expect(am.info).toBe('Address mask request id=0xb00c, seq=1536/6, ttl=64');
    expect(fieldsOf(am, ['icmp.type', 'icmp.address_mask', 'icmp.seq', 'icmp.seq_le', 'eth.padding'])).toEqual({
      'icmp.type': '17', 'icmp.address_mask': '0.0.0.0', 'icmp.seq': '1536', 'icmp.seq_le': '6', 'eth.padding': '0000000000000000000000000000',
    });
  });

  it('verifies the checksum like tshark (label, status, expert item)', () => {
    const p = dissect(BAD_SUM);
    expect(fieldsOrExperts(p, ['icmp.checksum', 'icmp.checksum.status', 'icmp.checksum_bad', 'data.data'])).toEqual({
      'icmp.checksum': '0x1234', 'icmp.checksum.status': '0', 'icmp.checksum_bad': 'Bad checksum [should be 0x339b]', 'data.data': '616263',
    });
    expect(nodeLabel(findNodes(p.tree, 'icmp.checksum')[0]!)).toBe('Checksum: 0x1234 incorrect, should be 0x339b');
    expect(nodeLabel(findNodes(dissect(ECHO_REQ).tree, 'icmp.checksum')[0]!)).toBe('Checksum: 0xbbb3 [correct]');
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(ECHO_REQ);
    checkTruncations(ECHO_REPLY, { before: [{ bytes: ECHO_REQ }] });
    checkTruncations(PORT_UNREACH);
    checkTruncations(FRAG_NEEDED);
    checkTruncations(REDIRECT);
    checkTruncations(TIMESTAMP);
    checkTruncations(ADDR_MASK);
    checkTruncations(BAD_SUM);
  });
});
