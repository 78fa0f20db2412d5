import { describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { BoundsError } from '../../../dissectors/core/errors.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { checkTruncations, dissect, dissectFrames, fieldsOf, fieldsOrExperts, hexDump } from '../../helpers/corpus-net.js';

// Expected values: tshark 4.0.17 on the same bytes (`-T fields -E occurrence=a -E aggregator=,`,
// Info from `tshark -n -r`).

// A mutated MLD report whose hop-by-hop option became an unknown type (0x47) of length 0.
const UNKNOWN_OPT_EMPTY = hexDump(`
0000  33 33 ff 0e 4c 67 00 0c 29 0e 4c 67 86 dd 60 00  33..Lg..).Lg....
0010  00 00 00 20 00 01 fe 80 00 00 00 00 00 00 02 0c  ... ............
0020  29 ff fe 0e 4c 67 ff 02 00 00 00 00 00 19 00 00  )...Lg..........
0030  00 01 ff 0e 4c 67 3a 00 05 02 00 00 47 00 83 00  ....Lg:.....G...
0040  72 b6 00 00 00 00 ff 02 00 00 00 00 00 00 00 00  r...............
0050  00 01 ff 0e 4c 67                                ....Lg
`);

// Crafted: a hop-by-hop header with an SMF_DPD option (RFC 6621) in hash mode: H set, a 3-byte
// hash assist value.
const SMF_DPD = hexDump(`
0000  33 33 00 00 00 01 02 00 00 00 00 01 86 dd 60 00  33..............
0010  00 00 00 08 00 40 fe 80 00 00 00 00 00 00 00 00  .....@..........
0020  00 00 00 00 00 01 ff 02 00 00 00 00 00 00 00 00  ................
0030  00 00 00 00 00 01 3b 00 08 04 85 11 22 33        ......;....."3
`);

// Crafted: two fragments (ident 0x1234) of a UDP datagram 4000 → 4001 with 20 bytes of data.
const FRAG1 = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 18 2c 40 20 01 0d b8 00 00 00 00 00 00   ....,@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 11 00 00 01 00 00 12 34 0f a0   .............4..
0040  0f a1 00 1c 11 11 51 51 51 51 51 51 51 51         ......QQQQQQQQ
`);
const FRAG2 = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 14 2c 40 20 01 0d b8 00 00 00 00 00 00   ....,@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 11 00 00 10 00 00 12 34 51 51   .............4QQ
0040  51 51 51 51 51 51 51 51 51 51                     QQQQQQQQQQ
`);

// Crafted: an atomic fragment (offset 0, M=0) with traffic class 0xb8, flow 0x12345, a 6to4
// source and a Teredo destination.
const ATOMIC = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 6b 81   .."3DUfw......k.
0010  23 45 00 12 2c 40 20 02 c0 00 02 01 00 00 00 00   #E..,@ .........
0020  00 00 00 00 00 01 20 01 00 00 41 36 e3 78 80 00   ...... ...A6.x..
0030  63 bf 3f ff fd d2 11 00 00 00 00 00 00 77 04 d2   c.?..........w..
0040  10 e1 00 0a 11 11 68 69                           ......hi
`);

// pcpp-ipv6_options.pcap frame 3: type 0 routing header (segments left 1) then UDP.
const ROUTING0 = hexDump(`
0000  00 13 c4 c7 84 f0 00 12 3f ae 22 f7 86 dd 60 00   ........?."...\`.
0010  00 00 00 20 2b 04 22 00 00 00 00 00 02 44 02 12   ... +."......D..
0020  3f ff fe ae 22 f7 22 00 00 00 00 00 02 40 00 02   ?..."."......@..
0030  00 00 00 00 00 04 11 02 00 01 00 00 00 00 22 00   ..............".
0040  00 00 00 00 02 10 00 02 00 00 00 00 00 04 16 0d   ................
0050  16 0a 00 08 27 b6                                 ....'.
`);

// pcpp-ipv6_options.pcap frame 6: destination options (unknown option 0x0b, PadN) then UDP.
const DSTOPTS = hexDump(`
0000  f4 ca e5 4d 1f 41 00 1e 8c 76 29 b6 86 dd 60 00   ...M.A...v)...\`.
0010  00 00 00 1a 3c 40 2a 01 0e 35 8b d9 8b b0 a0 a7   ....<@*..5......
0020  ea 9c 74 e8 d3 97 20 01 4b 98 0d c0 00 41 02 16   ..t... .K....A..
0030  3e ff fe ce 19 02 11 00 0b 01 09 01 01 00 a6 11   >...............
0040  00 2a 00 12 68 89 61 62 63 64 65 66 67 68 69 6a   .*..h.abcdefghij
`);

// Crafted: destination options with a tunnel encapsulation limit and PadN, then no next header.
const TEL = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 08 3c 40 20 01 0d b8 00 00 00 00 00 00   ....<@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 3b 00 04 01 04 01 01 00         ......;.......
`);

// Crafted: type 2 routing header (home address) then an unknown protocol (253).
const ROUTING2 = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 1b 2b 40 20 01 0d b8 00 00 00 00 00 00   ....+@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 fd 02 02 01 00 00 00 00 20 01   .............. .
0040  0d b8 00 00 00 00 00 00 00 00 00 00 00 99 61 62   ..............ab
0050  63                                                c
`);

// Crafted: hop-by-hop with a jumbo payload option (payload length 0).
const JUMBO = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 00 00 40 20 01 0d b8 00 00 00 00 00 00   .....@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 3b 00 c2 04 00 01 00 00         ......;.......
`);

// Crafted: unknown routing type 9.
const ROUTING9 = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 10 2b 40 20 01 0d b8 00 00 00 00 00 00   ....+@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 3b 01 09 00 00 00 00 00 00 00   ......;.........
0040  00 00 00 00 00 00                                 ......
`);

// zeek-ip6-ext-trunc.pcap: a hop-by-hop header announced, nothing after the fixed header.
const EXT_TRUNC = hexDump(`
0000  ff ff ff ff ff ff 00 00 00 00 00 00 86 dd 60 00   ..............\`.
0010  00 00 00 14 00 40 20 01 04 f8 00 04 00 07 02 e0   .....@ .........
0020  81 ff fe 52 ff ff 20 01 04 f8 00 04 00 07 02 e0   ...R.. .........
0030  81 ff fe 52 9a 6b                                 ...R.k
`);

// Crafted: a hop-by-hop IP_DFF option (RFC 6971) with a length of 4 (it has 3 bytes).
const DFF_LEN4 = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 86 dd 60 00   ..............\`.
0010  00 00 00 08 00 40 20 01 0d b8 00 00 00 00 00 00   .....@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 3b 00 ee 04 20 00 05 09         ......;... ...
`);

describe('IPv6', () => {
  it('decodes the fixed header, address kinds and an atomic fragment', () => {
    const p = dissect(ATOMIC);
    expect([p.protocol, p.info, p.srcText(), p.dstText()]).toEqual(['UDP', '1234 → 4321 Len=2', '2002:c000:201::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2']);
    expect(fieldsOf(p, [
      'ipv6.version', 'ipv6.tclass', 'ipv6.tclass.dscp', 'ipv6.tclass.ecn', 'ipv6.flow', 'ipv6.plen', 'ipv6.nxt', 'ipv6.hlim', 'ipv6.src', 'ipv6.dst',
      'ipv6.addr', 'ip.version', 'ipv6.src_6to4_gw_ipv4', 'ipv6.src_6to4_sla_id', 'ipv6.dst_ts_ipv4', 'ipv6.dst_tc_port', 'ipv6.dst_tc_ipv4',
      'ipv6.fraghdr.nxt', 'ipv6.fraghdr.offset', 'ipv6.fraghdr.more', 'ipv6.fraghdr.ident', 'udp.length', 'data.data', 'frame.protocols',
    ])).toEqual({
      'ipv6.version': '6', 'ipv6.tclass': '0x000000b8', 'ipv6.tclass.dscp': '46', 'ipv6.tclass.ecn': '0', 'ipv6.flow': '0x012345', 'ipv6.plen': '18',
      'ipv6.nxt': '44', 'ipv6.hlim': '64', 'ipv6.src': '2002:c000:201::1', 'ipv6.dst': '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      'ipv6.addr': '2002:c000:201::1,2001:0:4136:e378:8000:63bf:3fff:fdd2', 'ip.version': '6', 'ipv6.src_6to4_gw_ipv4': '192.0.2.1',
      'ipv6.src_6to4_sla_id': '0', 'ipv6.dst_ts_ipv4': '65.54.227.120', 'ipv6.dst_tc_port': '40000', 'ipv6.dst_tc_ipv4': '192.0.2.45',
      'ipv6.fraghdr.nxt': '17', 'ipv6.fraghdr.offset': '0', 'ipv6.fraghdr.more': '0', 'ipv6.fraghdr.ident': '0x00000077', 'udp.length': '10',
      'data.data': '6869', 'frame.protocols': 'eth:ethertype:ipv6:ipv6.fraghdr:udp:data',
    });
    const ip = findNodes(p.tree, 'ipv6')[0]!;
    expect(nodeLabel(ip)).toBe('Internet Protocol Version 6, Src: 2002:c000:201::1, Dst: 2001:0:4136:e378:8000:63bf:3fff:fdd2');
  });

  it('reassembles fragments: the last one carries the datagram in a new data source', () => {
    const [f1, f2] = dissectFrames([{ bytes: FRAG1 }, { bytes: FRAG2 }], [
      'ipv6.fraghdr.offset', 'ipv6.fraghdr.more', 'ipv6.fraghdr.ident', 'ipv6.fragment', 'ipv6.fragment.count', 'ipv6.reassembled.length',
      'udp.srcport', 'udp.length', 'data.data', 'frame.protocols',
    ]);
    expect([f1!.protocol, f1!.info]).toEqual(['IPv6', 'IPv6 fragment (off=0 more=y ident=0x00001234 nxt=17)']);
    expect(f1!.fields).toEqual(['0', '1', '0x00001234', '', '', '', '', '', '0fa00fa1001c11115151515151515151', 'eth:ethertype:ipv6:ipv6.fraghdr:data']);
    expect([f2!.protocol, f2!.info]).toEqual(['UDP', '4000 → 4001 Len=20']);
    expect(f2!.fields).toEqual(['2', '0', '0x00001234', '1,2', '2', '28', '4000', '28', '5151515151515151515151515151515151515151', 'eth:ethertype:ipv6:ipv6.fraghdr:udp:data']);
  });

  it('warns (Warning/Protocol, as tshark 4.0) of more segments left than a type 0 routing header has addresses', () => {
    const bytes = ROUTING0.slice();
    bytes[0x39] = 5;
    const n = findNodes(dissect(bytes).tree, 'ipv6.routing.invalid_segleft');
    expect(n.map((x) => [x.expert?.def.severity, x.expert?.message])).toEqual([['warn', 'IPv6 Type 0 Routing Header segments left field must not exceed address count (1)']]);
  });

  it('checks a type 2 routing header\'s length and segments left before reading its address (a header of 8 bytes: both experts, then malformed, as tshark 4.0)', () => {
    const bytes = ROUTING2.slice();
    bytes[0x37] = 0; // length 0: 8 bytes, so the home address runs past the header
    bytes[0x39] = 0; // segments left 0
    const p = new CaptureDissector().dissect({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: bytes.length }, bytes, true);
    expect(fieldsOrExperts(p, ['ipv6.routing.mipv6.reserved', 'ipv6.routing.invalid_length', 'ipv6.routing.invalid_segleft', 'ipv6.routing.mipv6.home_address'])).toEqual({
      'ipv6.routing.mipv6.reserved': '00000000',
      'ipv6.routing.invalid_length': 'IPv6 Type 2 Routing Header extension header length must equal 2',
      'ipv6.routing.invalid_segleft': 'IPv6 Type 2 Routing Header segments left field must equal 1',
      'ipv6.routing.mipv6.home_address': '',
    });
    expect(p.malformed).toBe(true);
  });

  it('decodes routing headers (type 0 and 2 set the destination column; unknown types)', () => {
    const r0 = dissect(ROUTING0);
    expect([r0.protocol, r0.info, r0.dstText()]).toEqual(['UDP', '5645 → 5642 Len=0', '2200::210:2:0:0:4']);
    expect(fieldsOf(r0, [
      'ipv6.plen', 'ipv6.nxt', 'ipv6.routing.nxt', 'ipv6.routing.len', 'ipv6.routing.type', 'ipv6.routing.segleft', 'ipv6.routing.src.reserved',
      'ipv6.routing.src.addr', 'ipv6.dst', 'udp.srcport', 'udp.length', 'frame.protocols',
    ])).toEqual({
      'ipv6.plen': '32', 'ipv6.nxt': '43', 'ipv6.routing.nxt': '17', 'ipv6.routing.len': '2', 'ipv6.routing.type': '0', 'ipv6.routing.segleft': '1',
      'ipv6.routing.src.reserved': '00000000', 'ipv6.routing.src.addr': '2200::210:2:0:0:4', 'ipv6.dst': '2200::240:2:0:0:4', 'udp.srcport': '5645',
      'udp.length': '8', 'frame.protocols': 'eth:ethertype:ipv6:ipv6.routing:udp',
    });
    const r2 = dissect(ROUTING2);
    expect([r2.protocol, r2.info, r2.dstText()]).toEqual(['IPv6', 'Unknown IP Protocol: Unknown (253)', '2001:db8::99']);
    expect(fieldsOf(r2, ['ipv6.routing.type', 'ipv6.routing.segleft', 'ipv6.routing.mipv6.home_address', 'data.data', 'frame.protocols'])).toEqual({
      'ipv6.routing.type': '2', 'ipv6.routing.segleft': '1', 'ipv6.routing.mipv6.home_address': '2001:db8::99', 'data.data': '616263',
      'frame.protocols': 'eth:ethertype:ipv6:ipv6.routing:data',
    });
    const r9 = dissect(ROUTING9);
    expect([r9.protocol, r9.info]).toEqual(['IPv6', 'IPv6 no next header']);
    expect(fieldsOf(r9, ['ipv6.routing.type', 'ipv6.routing.unknown_data', 'frame.protocols'])).toEqual({
      'ipv6.routing.type': '9', 'ipv6.routing.unknown_data': '000000000000000000000000', 'frame.protocols': 'eth:ethertype:ipv6:ipv6.routing',
    });
  });

  it('decodes destination and hop-by-hop options', () => {
    const d = dissect(DSTOPTS);
    expect([d.protocol, d.info]).toEqual(['UDP', '42513 → 42 Len=10']);
    expect(fieldsOf(d, ['ipv6.dstopts.nxt', 'ipv6.dstopts.len', 'ipv6.dstopts.len_oct', 'ipv6.opt.type', 'ipv6.opt.length', 'ipv6.opt.padn', 'udp.length', 'frame.protocols'])).toEqual({
      'ipv6.dstopts.nxt': '17', 'ipv6.dstopts.len': '0', 'ipv6.dstopts.len_oct': '8', 'ipv6.opt.type': '0x0b,0x01', 'ipv6.opt.length': '1,1',
      'ipv6.opt.padn': '00', 'udp.length': '18', 'frame.protocols': 'eth:ethertype:ipv6:ipv6.dstopts:udp:data',
    });
    const t = dissect(TEL);
    expect([t.protocol, t.info]).toEqual(['IPv6', 'IPv6 no next header']);
    expect(fieldsOf(t, ['ipv6.opt.type', 'ipv6.opt.length', 'ipv6.opt.tel', 'ipv6.opt.padn', 'ipv6.dstopts.nxt'])).toEqual({
      'ipv6.opt.type': '0x04,0x01', 'ipv6.opt.length': '1,1', 'ipv6.opt.tel': '4', 'ipv6.opt.padn': '00', 'ipv6.dstopts.nxt': '59',
    });
    const j = dissect(JUMBO);
    expect([j.protocol, j.info]).toEqual(['IPv6', 'IPv6 no next header']);
    expect(fieldsOrExperts(j, ['ipv6.plen', 'ipv6.hopopts.nxt', 'ipv6.hopopts.len_oct', 'ipv6.opt.type', 'ipv6.opt.length', 'ipv6.opt.jumbo', 'ipv6.plen_exceeds_framing'])).toEqual({
      'ipv6.plen': '0', 'ipv6.hopopts.nxt': '59', 'ipv6.hopopts.len_oct': '8', 'ipv6.opt.type': '0xc2', 'ipv6.opt.length': '4', 'ipv6.opt.jumbo': '65536',
      'ipv6.plen_exceeds_framing': 'IPv6 payload length exceeds framing length (8 bytes)',
    });
  });

  it('decodes the SMF_DPD option (hash assist value when H is set), as tshark 4.0', () => {
    const p = dissect(SMF_DPD);
    expect([p.protocol, p.info]).toEqual(['IPv6', 'IPv6 no next header']);
    expect(fieldsOf(p, ['ipv6.opt.type', 'ipv6.opt.length', 'ipv6.opt.smf_dpd.hash_bit', 'ipv6.opt.smf_dpd.hav', 'ipv6.opt.smf_dpd.tid_type'])).toEqual({
      'ipv6.opt.type': '0x08', 'ipv6.opt.length': '4', 'ipv6.opt.smf_dpd.hash_bit': '1', 'ipv6.opt.smf_dpd.hav': '85112233', 'ipv6.opt.smf_dpd.tid_type': '',
    });
    expect(nodeLabel(findNodes(p.tree, 'ipv6.opt.smf_dpd.hash_bit')[0]!)).toBe('1... .... = H-bit: True');
  });

  it('shows an empty unknown option payload as <MISSING>, as tshark 4.0 (an empty PadN is <none>)', () => {
    const p = dissect(UNKNOWN_OPT_EMPTY);
    expect(fieldsOf(p, ['ipv6.opt.type', 'ipv6.opt.length'])).toEqual({ 'ipv6.opt.type': '0x05,0x47', 'ipv6.opt.length': '2,0' });
    expect(nodeLabel(findNodes(p.tree, 'ipv6.opt.unknown')[0]!)).toBe('Unknown Option Payload: <MISSING>');
  });

  it('marks a truncated extension header chain malformed, like tshark', () => {
    expect(() => dissect(EXT_TRUNC)).toThrow(BoundsError);
    const p = new CaptureDissector().dissect({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: EXT_TRUNC.length }, EXT_TRUNC, true);
    expect([p.protocol, p.info, p.malformed]).toEqual(['IPv6', 'IPv6 hop-by-hop options[Malformed Packet]', true]);
    expect(fieldsOrExperts(p, ['ipv6.plen', 'ipv6.nxt', 'ipv6.src_slaac_mac', 'ipv6.dst_slaac_mac', 'ipv6.plen_exceeds_framing', 'frame.protocols'])).toEqual({
      'ipv6.plen': '20', 'ipv6.nxt': '0', 'ipv6.src_slaac_mac': '00:e0:81:52:ff:ff', 'ipv6.dst_slaac_mac': '00:e0:81:52:9a:6b',
      'ipv6.plen_exceeds_framing': 'IPv6 payload length exceeds framing length (0 bytes)', 'frame.protocols': 'eth:ethertype:ipv6:ipv6.hopopts',
    });
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    for (const f of [FRAG1, ATOMIC, ROUTING0, DSTOPTS, TEL, ROUTING2, JUMBO, ROUTING9, EXT_TRUNC, SMF_DPD, UNKNOWN_OPT_EMPTY]) checkTruncations(f);
    checkTruncations(FRAG2, { before: [{ bytes: FRAG1 }] });
  });
  it('decodes the IP_DFF option as tshark 4.0.17, its length error and the byte past its three', () => {
    const p = dissect(DFF_LEN4);
    expect(fieldsOrExperts(p, ['ipv6.opt.dff.flags', 'ipv6.opt.dff.flag.ver', 'ipv6.opt.dff.flag.dup', 'ipv6.opt.dff.flag.ret', 'ipv6.opt.dff.sequence_number', 'ipv6.opt_unknown_data', 'ipv6.opt.invalid_len'])).toEqual({
      'ipv6.opt.dff.flags': '0x20', 'ipv6.opt.dff.flag.ver': '0', 'ipv6.opt.dff.flag.dup': '1', 'ipv6.opt.dff.flag.ret': '0',
      'ipv6.opt.dff.sequence_number': '5', 'ipv6.opt_unknown_data': '09', 'ipv6.opt.invalid_len': 'IPv6 DFF: Invalid length (4 bytes)',
    });
    expect(nodeLabel(findNodes(p.tree, 'ipv6.opt.dff.flags')[0]!)).toBe('Flags: 0x20, Duplicate (DUP)');
    checkTruncations(DFF_LEN4);
  });
});
