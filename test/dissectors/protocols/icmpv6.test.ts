import { describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { checkTruncations, dissect, dissectFrames, fieldsOf, fieldsOrExperts, hexDump } from '../../helpers/corpus-net.js';

// Expected values: tshark 4.0.17 on the same bytes (`-T fields -E occurrence=a -E aggregator=,`,
// Info from `tshark -n -r`).

// Crafted: NS whose source link-layer address is a zero-padded EUI-64 (IEEE 1394, 6LoWPAN).
const NS_EUI64 = hexDump(`
0000  33 33 ff 00 00 02 02 00 00 00 00 01 86 dd 60 00   33............\`.
0010  00 00 00 28 3a ff fe 80 00 00 00 00 00 00 00 00   ...(:...........
0020  00 00 00 00 00 01 ff 02 00 00 00 00 00 00 00 00   ................
0030  00 01 ff 00 00 02 87 00 af 7e 00 00 00 00 fe 80   .........~......
0040  00 00 00 00 00 00 00 00 00 00 00 00 00 02 01 02   ................
0050  00 11 22 33 44 55 66 77 00 00 00 00 00 00         .."3DUfw......
`);

// NA with its target link-layer address option made 16 bytes (14 address bytes, not a padded
// EUI-64): another link layer's address, shown as bytes.
const NA_LONG_LLADDR = hexDump(`
0000  33 33 00 00 00 01 c2 00 54 f5 00 00 86 dd 6e 00  33......T.....n.
0010  00 00 00 28 3a ff fe 80 00 00 00 00 00 00 c0 00  ...(:...........
0020  54 ff fe f5 00 00 ff 02 00 00 00 00 00 00 00 00  T...............
0030  00 00 00 00 00 01 88 00 89 5d a0 00 00 00 fe 80  .........]......
0040  00 00 00 00 00 00 c0 00 54 ff fe f5 00 00 02 02  ........T.......
0050  c2 00 54 f5 00 00 11 22 33 44 55 66 77 88        ..T...."3DUfw.
`);

// Mutated zeek-icmp6-nd-options.pcap frame (a Router Advertisement): its MTU option says 210 units (1680 bytes).
const MTU_PAST_END = hexDump(`
0000  33 33 00 00 00 01 c2 00 54 f5 00 00 86 dd 6e 00  33......T.....n.
0010  00 00 fd 40 3a ff fe 80 00 00 00 00 00 00 c0 00  ...@:...........
0020  54 ff fe f5 00 00 ff 02 00 00 00 00 00 00 00 00  T...............
0030  00 00 00 00 00 01 86 00 c4 fe 40 00 07 08 00 00  ..........@.....
0040  00 00 00 00 00 00 01 01 c2 00 54 f5 00 00 05 d2  ..........T.....
0050  00 00 00 00 05 dc 03 04 40 c0 00 27 8d 00 00 09  ........@..'....
0060  3a 80 00 00 00 00 20 01 0d b8 00 00 00 01 00 00  :..... .........
0070  00 00 00 00 00 00                                ......
`);

// The same RA with an MTU of 3925870044 (0xe9ff63dc): Wireshark labels it with %d.
const MTU_NEGATIVE = hexDump(`
0000  33 33 00 00 00 01 c2 00 54 f5 00 00 86 dd 6e 00  33......T.....n.
0010  00 00 00 40 3a ff fe 80 00 00 00 00 00 00 c0 00  ...@:...........
0020  54 ff fe f5 00 00 ff 02 00 00 00 80 00 00 00 00  T...............
0030  00 00 00 00 00 01 86 00 c4 fe 40 00 07 08 00 00  ..........@.....
0040  00 00 00 00 00 00 01 01 c2 00 54 f5 00 00 05 01  ..........T.....
0050  00 00 ea 00 05 dc 03 04 40 c0 00 27 8d 00 00 09  ........@..'....
0060  3a 80 00 00 00 00 20 01 0d b8 00 00 00 01 00 00  :..... .........
0070  00 00 00 00 00 00                                ......
`);

// A Redirect of our ipv6-tcp.pcap cut after its target address.
const REDIRECT_CUT = hexDump(`
0000  02 00 00 99 00 01 02 00 00 99 00 02 86 dd 60 00  ................
0010  00 00 00 20 3a ff fd 00 00 99 00 00 00 00 00 00  ... :...........
0020  00 00 00 00 00 02 fd 00 00 99 00 00 00 00 00 00  ................
0030  00 00 00 00 00 01 89 6e 1a 36 60 00 00 00 fd 00  .......n.6......
0040  00 99 00 00 00 00 00 00 00 00 00 00 00 02 3c 01  ..............<.
0050  02 00 00 99 00 02                                ......
`);

// An MLDv2 report whose second record is cut after its number of sources.
const MLDV2_CUT = hexDump(`
0000  33 33 00 00 00 16 c2 00 54 f5 00 00 86 dd 6e 00  33......T.....n.
0010  00 00 00 20 00 01 fe 80 00 00 00 00 00 00 c0 00  ... ............
0020  54 ff fe f5 00 00 ff 02 00 00 00 00 00 00 00 00  T...............
0030  00 00 00 00 d5 16 3a 00 05 02 00 00 01 00 8f 00  ......:.........
0040  5c 1e 00 00 00 01 04 00 00 00 ff 02 00 10 00 00  ................
0050  00 00 00 00 00 01 ff f5 00 00                    ..........
`);

// zeek-icmp6-nd-options.pcap frame 1: Neighbor Solicitation (DAD, from ::, no options).
const NS = hexDump(`
0000  33 33 ff f5 00 00 c2 00 54 f5 00 00 86 dd 6e 00   33......T.....n.
0010  00 00 00 18 3a ff 00 00 00 00 00 00 00 00 00 00   ....:...........
0020  00 00 00 00 00 00 ff 02 00 00 00 00 00 00 00 00   ................
0030  00 01 ff f5 00 00 87 00 67 3c 00 00 00 00 fe 80   ........g<......
0040  00 00 00 00 00 00 c0 00 54 ff fe f5 00 00         ........T.....
`);

// zeek-icmp6-nd-options.pcap frame 2: Neighbor Advertisement (R, O) with a target link-layer address.
const NA = hexDump(`
0000  33 33 00 00 00 01 c2 00 54 f5 00 00 86 dd 6e 00   33......T.....n.
0010  00 00 00 20 3a ff fe 80 00 00 00 00 00 00 c0 00   ... :...........
0020  54 ff fe f5 00 00 ff 02 00 00 00 00 00 00 00 00   T...............
0030  00 00 00 00 00 01 88 00 9a bb a0 00 00 00 fe 80   ................
0040  00 00 00 00 00 00 c0 00 54 ff fe f5 00 00 02 01   ........T.......
0050  c2 00 54 f5 00 00                                 ..T...
`);

// zeek-icmp6-nd-options.pcap frame 3: Router Advertisement with SLLA, MTU and prefix information.
const RA = hexDump(`
0000  33 33 00 00 00 01 c2 00 54 f5 00 00 86 dd 6e 00   33......T.....n.
0010  00 00 00 40 3a ff fe 80 00 00 00 00 00 00 c0 00   ...@:...........
0020  54 ff fe f5 00 00 ff 02 00 00 00 00 00 00 00 00   T...............
0030  00 00 00 00 00 01 86 00 c4 fe 40 00 07 08 00 00   ..........@.....
0040  00 00 00 00 00 00 01 01 c2 00 54 f5 00 00 05 01   ..........T.....
0050  00 00 00 00 05 dc 03 04 40 c0 00 27 8d 00 00 09   ........@..'....
0060  3a 80 00 00 00 00 20 01 0d b8 00 00 00 01 00 00   :..... .........
0070  00 00 00 00 00 00                                 ......
`);

// zeek-icmp6-nd-options.pcap frame 4: MLDv2 report behind a hop-by-hop header (router alert).
const MLDV2 = hexDump(`
0000  33 33 00 00 00 16 c2 00 54 f5 00 00 86 dd 6e 00   33......T.....n.
0010  00 00 00 24 00 01 fe 80 00 00 00 00 00 00 c0 00   ...$............
0020  54 ff fe f5 00 00 ff 02 00 00 00 00 00 00 00 00   T...............
0030  00 00 00 00 00 16 3a 00 05 02 00 00 01 00 8f 00   ......:.........
0040  5c 13 00 00 00 01 04 00 00 00 ff 02 00 00 00 00   \\...............
0050  00 00 00 00 00 00 00 00 00 02                     ..........
`);

// Crafted: echo request and reply.
const ECHO_REQ = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 11 3a 40 20 01 0d b8 00 00 00 00 00 00   ....:@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 80 00 43 5a 12 34 00 07 70 69   ........CZ.4..pi
0040  6e 67 2d 64 61 74 61                              ng-data
`);
const ECHO_REPLY = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 11 3a 40 20 01 0d b8 00 00 00 00 00 00   ....:@ .........
0020  00 00 00 00 00 02 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 01 81 00 42 5a 12 34 00 07 70 69   ........BZ.4..pi
0040  6e 67 2d 64 61 74 61                              ng-data
`);

// Crafted: port unreachable quoting an IPv6/UDP/DNS datagram.
const UNREACH = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 3c 3a 40 20 01 0d b8 00 00 00 00 00 00   ...<:@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 01 04 d8 91 00 00 00 00 60 00   ..............\`.
0040  00 00 00 0d 11 40 20 01 0d b8 00 00 00 00 00 00   .....@ .........
0050  00 00 00 00 00 02 20 01 0d b8 00 00 00 00 00 00   ...... .........
0060  00 00 00 00 00 99 14 e9 00 35 00 0d 11 11 71 75   .........5....qu
0070  65 72                                             er
`);

// Crafted: echo request with a wrong checksum.
const BAD_SUM = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 08 3a 40 20 01 0d b8 00 00 00 00 00 00   ....:@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 80 00 35 57 00 01 00 01         ........5W....
`);

// Crafted: Router Advertisement with RDNSS, route information and an unknown option (99).
const RA_RDNSS = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 40 3a ff fe 80 00 00 00 00 00 00 00 00   ...@:...........
0020  00 00 00 00 00 01 ff 02 00 00 00 00 00 00 00 00   ................
0030  00 00 00 00 00 01 86 00 04 6c 40 48 00 1e 00 00   .........l@H....
0040  00 00 00 00 00 00 19 03 00 00 00 00 0e 10 20 01   .............. .
0050  0d b8 00 00 00 00 00 00 00 00 00 00 00 53 18 02   .............S..
0060  30 08 00 00 00 3c 20 01 0d b8 00 01 00 00 63 01   0....< .......c.
0070  01 02 03 04 05 06                                 ......
`);

// Crafted: Router Solicitation whose option has length 0.
const ZERO_OPT = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 10 3a ff fe 80 00 00 00 00 00 00 00 00   ....:...........
0020  00 00 00 00 00 01 ff 02 00 00 00 00 00 00 00 00   ................
0030  00 00 00 00 00 02 85 00 7c 2e 00 00 00 00 01 00   ........|.......
0040  00 00 00 00 00 00                                 ......
`);

// A router advertisement with two prefixes (lifetimes infinite, then 30 and 7 days) and two
// routes (high preference; infinite, then 3600 s).
const RA_LIFETIMES = hexDump(`
0000  33 33 00 00 00 01 02 77 88 99 aa bb 86 dd 60 00
0010  00 00 00 70 3a ff fe 80 00 00 00 00 00 00 00 00
0020  00 00 00 00 00 01 ff 02 00 00 00 00 00 00 00 00
0030  00 00 00 00 00 01 86 00 90 7e 40 00 07 08 00 00
0040  00 00 00 00 00 00 03 04 40 c0 ff ff ff ff ff ff
0050  ff ff 00 00 00 00 20 01 0d b8 00 00 00 00 00 00
0060  00 00 00 00 00 00 03 04 40 c0 00 27 8d 00 00 09
0070  3a 80 00 00 00 00 20 01 0d b8 00 01 00 00 00 00
0080  00 00 00 00 00 00 18 02 30 08 ff ff ff ff 20 01
0090  0d b8 00 02 00 00 18 02 30 08 00 00 0e 10 20 01
00a0  0d b8 00 03 00 00
`);

// A router advertisement with DNS servers and a search list valid for 3600 s, and an MTU.
const RA_DNS_LIFETIMES = hexDump(`
0000  33 33 00 00 00 01 02 77 88 99 aa bb 86 dd 60 00
0010  00 00 00 40 3a ff fe 80 00 00 00 00 00 00 00 00
0020  00 00 00 00 00 01 ff 02 00 00 00 00 00 00 00 00
0030  00 00 00 00 00 01 86 00 35 13 40 00 07 08 00 00
0040  00 00 00 00 00 00 19 03 00 00 00 00 0e 10 20 01
0050  0d b8 00 00 00 00 00 00 00 00 00 00 00 53 1f 02
0060  00 00 00 00 0e 10 03 66 6f 6f 00 00 00 00 05 01
0070  00 00 00 00 05 dc
`);

describe('ICMPv6', () => {
  it('decodes neighbor solicitations and advertisements', () => {
    const ns = dissect(NS);
    expect([ns.protocol, ns.info, ns.srcText(), ns.dstText()]).toEqual(['ICMPv6', 'Neighbor Solicitation for fe80::c000:54ff:fef5:0', '::', 'ff02::1:fff5:0']);
    expect(fieldsOf(ns, ['icmpv6.type', 'icmpv6.code', 'icmpv6.checksum', 'icmpv6.checksum.status', 'icmpv6.reserved', 'icmpv6.nd.ns.target_address', 'frame.protocols'])).toEqual({
      'icmpv6.type': '135', 'icmpv6.code': '0', 'icmpv6.checksum': '0x673c', 'icmpv6.checksum.status': '1', 'icmpv6.reserved': '00000000',
      'icmpv6.nd.ns.target_address': 'fe80::c000:54ff:fef5:0', 'frame.protocols': 'eth:ethertype:ipv6:icmpv6',
    });
    const na = dissect(NA);
    expect(na.info).toBe('Neighbor Advertisement fe80::c000:54ff:fef5:0 (rtr, ovr) is at c2:00:54:f5:00:00');
    expect(fieldsOf(na, [
      'icmpv6.nd.na.flag', 'icmpv6.nd.na.flag.r', 'icmpv6.nd.na.flag.s', 'icmpv6.nd.na.flag.o', 'icmpv6.nd.na.target_address',
      'icmpv6.opt.type', 'icmpv6.opt.length', 'icmpv6.opt.linkaddr', 'icmpv6.opt.target_linkaddr',
    ])).toEqual({
      'icmpv6.nd.na.flag': '0xa0000000', 'icmpv6.nd.na.flag.r': '1', 'icmpv6.nd.na.flag.s': '0', 'icmpv6.nd.na.flag.o': '1',
      'icmpv6.nd.na.target_address': 'fe80::c000:54ff:fef5:0', 'icmpv6.opt.type': '2', 'icmpv6.opt.length': '1',
      'icmpv6.opt.linkaddr': 'c2:00:54:f5:00:00', 'icmpv6.opt.target_linkaddr': 'c2:00:54:f5:00:00',
    });
  });

  it('shows a zero-padded EUI-64 link-layer address as one (FT_EUI64), as tshark 4.0.17', () => {
    const p = dissect(NS_EUI64);
    expect(p.info).toBe('Neighbor Solicitation for fe80::2 from 00:11:22:33:44:55:66:77');
    expect(fieldsOf(p, ['icmpv6.opt.linkaddr_eui64', 'icmpv6.opt.src_linkaddr_eui64', 'icmpv6.opt.linkaddr', 'icmpv6.opt.src_linkaddr'])).toEqual({
      'icmpv6.opt.linkaddr_eui64': '00:11:22:33:44:55:66:77', 'icmpv6.opt.src_linkaddr_eui64': '00:11:22:33:44:55:66:77',
      'icmpv6.opt.linkaddr': '0011223344556677', 'icmpv6.opt.src_linkaddr': '0011223344556677',
    });
    expect(nodeLabel(findNodes(p.tree, 'icmpv6.opt.linkaddr_eui64')[0]!)).toBe('Link-layer address: 00:11:22:33:44:55:66:77 (00:11:22:33:44:55:66:77)');
    checkTruncations(NS_EUI64);
  });

  it('decodes router advertisements and their options', () => {
    const ra = dissect(RA);
    expect(ra.info).toBe('Router Advertisement from c2:00:54:f5:00:00');
    expect(fieldsOf(ra, [
      'icmpv6.nd.ra.cur_hop_limit', 'icmpv6.nd.ra.flag', 'icmpv6.nd.ra.flag.m', 'icmpv6.nd.ra.flag.prf', 'icmpv6.nd.ra.router_lifetime',
      'icmpv6.nd.ra.reachable_time', 'icmpv6.nd.ra.retrans_timer', 'icmpv6.opt.type', 'icmpv6.opt.length', 'icmpv6.opt.src_linkaddr',
      'icmpv6.opt.mtu', 'icmpv6.opt.prefix.length', 'icmpv6.opt.prefix.flag.l', 'icmpv6.opt.prefix.flag.a',
      'icmpv6.opt.prefix.valid_lifetime', 'icmpv6.opt.prefix.preferred_lifetime', 'icmpv6.opt.prefix',
    ])).toEqual({
      'icmpv6.nd.ra.cur_hop_limit': '64', 'icmpv6.nd.ra.flag': '0x00', 'icmpv6.nd.ra.flag.m': '0', 'icmpv6.nd.ra.flag.prf': '0',
      'icmpv6.nd.ra.router_lifetime': '1800', 'icmpv6.nd.ra.reachable_time': '0', 'icmpv6.nd.ra.retrans_timer': '0',
      'icmpv6.opt.type': '1,5,3', 'icmpv6.opt.length': '1,1,4', 'icmpv6.opt.src_linkaddr': 'c2:00:54:f5:00:00', 'icmpv6.opt.mtu': '1500',
      'icmpv6.opt.prefix.length': '64', 'icmpv6.opt.prefix.flag.l': '1', 'icmpv6.opt.prefix.flag.a': '1',
      'icmpv6.opt.prefix.valid_lifetime': '2592000', 'icmpv6.opt.prefix.preferred_lifetime': '604800', 'icmpv6.opt.prefix': '2001:db8:0:1::',
    });
    const r2 = dissect(RA_RDNSS);
    expect(r2.info).toBe('Router Advertisement');
    expect(fieldsOf(r2, [
      'icmpv6.nd.ra.flag.o', 'icmpv6.nd.ra.flag.prf', 'icmpv6.nd.ra.router_lifetime', 'icmpv6.opt.type', 'icmpv6.opt.length', 'icmpv6.opt.rdnss',
      'icmpv6.opt.rdnss.lifetime', 'icmpv6.opt.route_lifetime', 'icmpv6.opt.route_info.flag.route_preference', 'icmpv6.opt.prefix.length', 'icmpv6.opt.prefix',
    ])).toEqual({
      'icmpv6.nd.ra.flag.o': '1', 'icmpv6.nd.ra.flag.prf': '1', 'icmpv6.nd.ra.router_lifetime': '30', 'icmpv6.opt.type': '25,24,99',
      'icmpv6.opt.length': '3,2,1', 'icmpv6.opt.rdnss': '2001:db8::53', 'icmpv6.opt.rdnss.lifetime': '3600', 'icmpv6.opt.route_lifetime': '60',
      'icmpv6.opt.route_info.flag.route_preference': '1', 'icmpv6.opt.prefix.length': '48', 'icmpv6.opt.prefix': '2001:db8:1::',
    });
    const zero = dissect(ZERO_OPT);
    expect(zero.info).toBe('Router Solicitation');
    expect(fieldsOrExperts(zero, ['icmpv6.opt.type', 'icmpv6.opt.length', 'icmpv6.invalid_option_length'])).toEqual({
      'icmpv6.opt.type': '1', 'icmpv6.opt.length': '0', 'icmpv6.invalid_option_length': 'Invalid option length (Zero)',
    });
  });

  it('names infinite lifetimes and leaves the others plain, and names route preferences on the flag line, as tshark 4.0', () => {
    const p = dissect(RA_LIFETIMES);
    const labels = (abbrev: string) => findNodes(p.tree, abbrev).map((n) => nodeLabel(n));
    expect(labels('icmpv6.opt.prefix.valid_lifetime')).toEqual(['Valid Lifetime: Infinity (4294967295)', 'Valid Lifetime: 2592000']);
    expect(labels('icmpv6.opt.prefix.preferred_lifetime')).toEqual(['Preferred Lifetime: Infinity (4294967295)', 'Preferred Lifetime: 604800']);
    expect(labels('icmpv6.opt.route_lifetime')).toEqual(['Route Lifetime: Infinity (4294967295)', 'Route Lifetime: 3600']);
    expect(labels('icmpv6.opt.route_info.flag')).toEqual(['Flag: 0x08, Route Preference: High', 'Flag: 0x08, Route Preference: High']);
    expect(labels('icmpv6.opt.prefix.flag')[0]).toBe('Flag: 0xc0, On-link flag(L), Autonomous address-configuration flag(A)');
    const d = dissect(RA_DNS_LIFETIMES);
    expect(findNodes(d.tree, 'icmpv6.opt.rdnss.lifetime').map((n) => nodeLabel(n))).toEqual(['Lifetime: 3600']);
    expect(findNodes(d.tree, 'icmpv6.opt.dnssl.lifetime').map((n) => nodeLabel(n))).toEqual(['Lifetime: 3600']);
  });

  it('decodes MLDv2 reports behind a hop-by-hop header', () => {
    const p = dissect(MLDV2);
    expect([p.protocol, p.info]).toEqual(['ICMPv6', 'Multicast Listener Report Message v2']);
    expect(fieldsOf(p, [
      'icmpv6.type', 'icmpv6.checksum', 'icmpv6.reserved', 'icmpv6.mldr.nb_mcast_records', 'icmpv6.mldr.mar.record_type',
      'icmpv6.mldr.mar.aux_data_len', 'icmpv6.mldr.mar.nb_sources', 'icmpv6.mldr.mar.multicast_address', 'ipv6.hopopts.nxt',
      'ipv6.opt.type', 'ipv6.opt.router_alert', 'frame.protocols',
    ])).toEqual({
      'icmpv6.type': '143', 'icmpv6.checksum': '0x5c13', 'icmpv6.reserved': '0000', 'icmpv6.mldr.nb_mcast_records': '1',
      'icmpv6.mldr.mar.record_type': '4', 'icmpv6.mldr.mar.aux_data_len': '0', 'icmpv6.mldr.mar.nb_sources': '0',
      'icmpv6.mldr.mar.multicast_address': 'ff02::2', 'ipv6.hopopts.nxt': '58', 'ipv6.opt.type': '0x05,0x01', 'ipv6.opt.router_alert': '0',
      'frame.protocols': 'eth:ethertype:ipv6:ipv6.hopopts:icmpv6',
    });
  });

  it('decodes echo and matches the reply to the request', () => {
    const names = ['icmpv6.echo.identifier', 'icmpv6.echo.sequence_number', 'icmpv6.resp_in', 'icmpv6.resp_to', 'icmpv6.resptime', 'data.data', 'frame.protocols'];
    const [req, rep] = dissectFrames([{ bytes: ECHO_REQ, tsSec: 1_700_000_000 }, { bytes: ECHO_REPLY, tsSec: 1_700_000_001 }], names);
    expect(req!.info).toBe('Echo (ping) request id=0x1234, seq=7, hop limit=64');
    expect(req!.fields).toEqual(['0x1234', '7', '', '', '', '70696e672d64617461', 'eth:ethertype:ipv6:icmpv6:data']);
    expect(rep!.info).toBe('Echo (ping) reply id=0x1234, seq=7, hop limit=64 (request in 1)');
    expect(rep!.fields).toEqual(['0x1234', '7', '', '1', '1000', '70696e672d64617461', 'eth:ethertype:ipv6:icmpv6:data']);
  });

  it('verifies the checksum over the pseudo-header', () => {
    const p = dissect(BAD_SUM);
    expect(fieldsOrExperts(p, ['icmpv6.checksum', 'icmpv6.checksum.status', 'icmpv6.checksum_bad.expert'])).toEqual({
      'icmpv6.checksum': '0x3557', 'icmpv6.checksum.status': '0', 'icmpv6.checksum_bad.expert': 'Bad checksum [should be 0x2446]',
    });
    const sum = findNodes(p.tree, 'icmpv6.checksum')[0]!;
    expect(nodeLabel(sum)).toBe('Checksum: 0x3557 incorrect, should be 0x2446');
  });

  it('dissects the packet quoted by an error without touching the columns', () => {
    const p = dissect(UNREACH);
    expect([p.protocol, p.info, p.srcText(), p.dstText()]).toEqual(['ICMPv6', 'Destination Unreachable (Port unreachable)', '2001:db8::1', '2001:db8::2']);
    expect(fieldsOf(p, ['icmpv6.type', 'icmpv6.code', 'icmpv6.checksum', 'icmpv6.reserved', 'ipv6.src', 'ipv6.dst', 'udp.srcport', 'udp.dstport', 'frame.protocols'])).toEqual({
      'icmpv6.type': '1', 'icmpv6.code': '4', 'icmpv6.checksum': '0xd891', 'icmpv6.reserved': '00000000', 'ipv6.src': '2001:db8::1,2001:db8::2',
      'ipv6.dst': '2001:db8::2,2001:db8::99', 'udp.srcport': '5353', 'udp.dstport': '53', 'frame.protocols': 'eth:ethertype:ipv6:icmpv6:ipv6:udp:dns',
    });
    expect(p.malformed).toBe(false);
  });

  it('shows a link-layer address that is not a MAC as its bytes, as tshark 4.0', () => {
    const p = dissect(NA_LONG_LLADDR);
    expect(p.info).toBe('Neighbor Advertisement fe80::c000:54ff:fef5:0 (rtr, ovr)');
    expect(fieldsOf(p, ['icmpv6.opt.length', 'icmpv6.opt.linkaddr', 'icmpv6.opt.target_linkaddr', 'icmpv6.checksum.status'])).toEqual({
      'icmpv6.opt.length': '2', 'icmpv6.opt.linkaddr': 'c20054f500001122334455667788', 'icmpv6.opt.target_linkaddr': 'c20054f500001122334455667788', 'icmpv6.checksum.status': '1',
    });
    expect(nodeLabel(findNodes(p.tree, 'icmpv6.opt.linkaddr')[0]!)).toBe('Link-layer address: c20054f500001122334455667788');
  });

  it('keeps what Wireshark adds before a cut: an option label without its closing parenthesis, a Redirect target, the first items of an MLDv2 record; a signed MTU label (tshark 4.0)', () => {
    const d = new CaptureDissector();
    const at = (bytes: Uint8Array) => d.dissect({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: bytes.length }, bytes, true);
    const mtu = at(MTU_PAST_END);
    expect([mtu.info, mtu.malformed]).toEqual(['Router Advertisement from c2:00:54:f5:00:00[Malformed Packet]', true]);
    expect(findNodes(mtu.tree, 'icmpv6.opt').map((n) => nodeLabel(n))).toEqual(['ICMPv6 Option (Source link-layer address : c2:00:54:f5:00:00)', 'ICMPv6 Option (MTU : 1500']);
    expect(findNodes(mtu.tree, 'icmpv6.unknown_data')).toHaveLength(0);
    const neg = at(MTU_NEGATIVE);
    expect(nodeLabel(findNodes(neg.tree, 'icmpv6.opt')[1]!)).toBe('ICMPv6 Option (MTU : -369097252)');
    expect(fieldsOf(neg, ['icmpv6.opt.mtu'])).toEqual({ 'icmpv6.opt.mtu': '3925870044' });
    const rd = at(REDIRECT_CUT);
    expect([rd.info, rd.malformed]).toEqual(['Redirect[Malformed Packet]', true]);
    expect(fieldsOf(rd, ['icmpv6.nd.rd.target_address', 'icmpv6.rd.na.destination_address'])).toEqual({ 'icmpv6.nd.rd.target_address': 'fd00:99::2', 'icmpv6.rd.na.destination_address': '' });
    const mld = at(MLDV2_CUT);
    expect([mld.info, mld.malformed]).toEqual(['Multicast Listener Report Message v2[Malformed Packet]', true]);
    expect(fieldsOf(mld, ['icmpv6.mldr.mar.record_type'])).toEqual({ 'icmpv6.mldr.mar.record_type': '4' });
    expect(nodeLabel(findNodes(mld.tree, 'icmpv6.mldr.mar')[0]!)).toBe('Multicast Address Record');
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    for (const f of [NS, NA, NA_LONG_LLADDR, MTU_PAST_END, MTU_NEGATIVE, REDIRECT_CUT, MLDV2_CUT, RA, MLDV2, ECHO_REQ, UNREACH, BAD_SUM, RA_RDNSS, ZERO_OPT, RA_LIFETIMES, RA_DNS_LIFETIMES]) checkTruncations(f);
    checkTruncations(ECHO_REPLY, { before: [{ bytes: ECHO_REQ }] });
  });
});
