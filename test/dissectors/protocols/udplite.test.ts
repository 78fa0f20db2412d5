/**
 * UDP-Lite (RFC 3828, dissectors/protocols/udplite.ts): UDP's dissector with a checksum coverage
 * in place of the length. Expected values: tshark 4.0.17 on the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { checkTruncations, dissect, dissectFrames, fieldsOrExperts, hexDump } from '../../helpers/corpus-net.js';

// A DNS query over UDP-Lite: 40000 → 53, coverage 0 (the whole datagram), checksum 0x1234.
const DNS_QUERY = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 39 00 01 40 00 40 88 26 3a 0a 00 00 01 0a 00   .9..@.@.&:......
0020  00 02 9c 40 00 35 00 00 12 34 ab cd 01 00 00 01   ...@.5...4......
0030  00 00 00 00 00 00 07 65 78 61 6d 70 6c 65 03 63   .......example.c
0040  6f 6d 00 00 01 00 01                              om.....
`);

// Coverage 4: less than the header.
const COVERAGE_4 = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 21 00 01 40 00 40 88 26 52 0a 00 00 01 0a 00   .!..@.@.&R......
0020  00 02 9c 41 27 0f 00 04 11 11 68 65 6c 6c 6f      ...A'.....hello
`);

// Coverage 13 (all of it), checksum 0: illegal in UDP-Lite, over IPv4 too.
const ZERO_CHECKSUM = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 21 00 01 40 00 40 88 26 52 0a 00 00 01 0a 00   .!..@.@.&R......
0020  00 02 9c 41 27 0f 00 0d 00 00 68 65 6c 6c 6f      ...A'.....hello
`);

// Over IPv6 (next header 136).
const IPV6 = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 86 dd 60 00   .."3DU.fw.....\`.
0010  00 00 00 0f 88 40 fd 00 00 00 00 00 00 00 00 00   .....@..........
0020  00 00 00 00 00 01 fd 00 00 00 00 00 00 00 00 00   ................
0030  00 00 00 00 00 02 9c 42 27 0f 00 00 00 00 76 36   .......B'.....v6
0040  20 64 61 74 61                                     data
`);

// An ICMP port unreachable quoting DNS_QUERY's IP and UDP-Lite headers.
const QUOTED = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 40 00 01 40 00 40 01 26 ba 0a 00 00 02 0a 00   .@..@.@.&.......
0020  00 01 03 03 a1 84 00 00 00 00 45 00 00 39 00 01   ..........E..9..
0030  40 00 40 88 26 3a 0a 00 00 01 0a 00 00 02 9c 40   @.@.&:.........@
0040  00 35 00 00 12 34 ab cd 01 00 00 01 00 00         .5...4........
`);

// A 6-byte IP payload: the header ends before the checksum.
const SHORT = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 1a 00 01 40 00 40 88 26 59 0a 00 00 01 0a 00   ....@.@.&Y......
0020  00 02 9c 41 27 0f 00 00                           ...A'...
`);

const FIELDS = ['udp.srcport', 'udp.dstport', 'udp.checksum_coverage', 'udp.length', 'udp.checksum', 'udp.checksum.status', 'frame.protocols'];

describe('UDP-Lite', () => {
  it('decodes the header, with the IP payload as its length, and hands the payload to the UDP ports (here DNS)', () => {
    const p = dissect(DNS_QUERY);
    expect([p.protocol, p.info]).toEqual(['DNS', 'Standard query 0xabcd A example.com']);
    expect(fieldsOrExperts(p, [...FIELDS, 'udp.stream', 'dns.qry.name'])).toEqual({
      'udp.srcport': '40000', 'udp.dstport': '53', 'udp.checksum_coverage': '0', 'udp.length': '37', 'udp.checksum': '0x1234',
      'udp.checksum.status': '2', 'frame.protocols': 'eth:ethertype:ip:udplite:dns', 'udp.stream': '0', 'dns.qry.name': 'example.com',
    });
    const u = findNodes(p.tree, 'udplite')[0]!;
    expect(nodeLabel(u)).toBe('Lightweight User Datagram Protocol, Src Port: 40000, Dst Port: 53');
    expect(u.children!.filter((n) => !(n.flags & 2)).slice(0, 6).map((n) => nodeLabel(n))).toEqual([
      'Source Port: 40000', 'Destination Port: 53', 'Checksum coverage: 0', 'Length: 37', 'Checksum: 0x1234 [unverified]', 'Checksum Status: Unverified',
    ]);
    expect(findNodes(p.tree, 'udp')).toEqual([]);
  });

  it('notes a bad coverage and goes on, and a zero checksum is illegal over IPv4 and IPv6', () => {
    const c = dissect(COVERAGE_4);
    expect([c.protocol, c.info]).toEqual(['UDP-Lite', '40001 \u2192 9999 [BAD LIGHTWEIGHT UDP CHECKSUM COVERAGE LENGTH 4 < 8 or > 13] Len=5']);
    expect(fieldsOrExperts(c, [...FIELDS, 'udplite.checksum_coverage.bad'])).toEqual({
      'udp.srcport': '40001', 'udp.dstport': '9999', 'udp.checksum_coverage': '4', 'udp.length': '13', 'udp.checksum': '0x1111', 'udp.checksum.status': '2',
      'frame.protocols': 'eth:ethertype:ip:udplite:data', 'udplite.checksum_coverage.bad': 'Bad checksum coverage length value 4 < 8 or > 13',
    });
    expect(nodeLabel(findNodes(c.tree, 'udp.checksum_coverage')[0]!)).toBe('Checksum coverage: 4 (bogus, must be >= 8 and <= 13)');
    const z = dissect(ZERO_CHECKSUM);
    expect(z.info).toBe('40001 \u2192 9999 Len=5 [ILLEGAL CHECKSUM (0)]');
    expect(fieldsOrExperts(z, ['udp.checksum_coverage', 'udp.checksum.status', 'udp.checksum.zero'])).toEqual({
      'udp.checksum_coverage': '13', 'udp.checksum.status': '4', 'udp.checksum.zero': 'Illegal checksum value (0)',
    });
    const v6 = dissect(IPV6);
    expect(v6.info).toBe('40002 \u2192 9999 Len=7 [ILLEGAL CHECKSUM (0)]');
    expect(fieldsOrExperts(v6, ['udp.length', 'udp.checksum.status', 'frame.protocols'])).toEqual({
      'udp.length': '15', 'udp.checksum.status': '4', 'frame.protocols': 'eth:ethertype:ipv6:udplite:data',
    });
  });

  it('shares UDP\'s stream numbers: a datagram of either joins the conversation of its addresses and ports', () => {
    const frames = [DNS_QUERY, COVERAGE_4, ZERO_CHECKSUM, IPV6].map((bytes) => ({ bytes }));
    expect(dissectFrames(frames, ['udp.stream']).map((f) => f.fields[0])).toEqual(['0', '1', '1', '2']);
  });

  it('in an ICMP error: the quoted header, as tshark shows it', () => {
    const p = dissect(QUOTED);
    expect(p.info).toBe('Destination unreachable (Port unreachable)');
    expect(fieldsOrExperts(p, ['udp.checksum_coverage', 'udp.length', 'udp.checksum.status', 'frame.protocols'])).toEqual({
      'udp.checksum_coverage': '0', 'udp.length': '16', 'udp.checksum.status': '2', 'frame.protocols': 'eth:ethertype:ip:icmp:ip:udplite:dns',
    });
  });

  it('a header cut before its checksum: the coverage is bad, the length is printed unsigned as Wireshark does, then the header fails', () => {
    expect(() => dissect(SHORT)).toThrow(/udplite: needed 2 byte\(s\) at offset 40, 0 available/);
    const p = new CaptureDissector().dissect({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: SHORT.length }, SHORT, true);
    expect([p.protocol, p.info]).toEqual(['UDP-Lite', '40001 \u2192 9999 [BAD LIGHTWEIGHT UDP CHECKSUM COVERAGE LENGTH 6 < 8 or > 6] Len=4294967294[Malformed Packet]']);
    checkTruncations(SHORT);
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    for (const f of [DNS_QUERY, COVERAGE_4, ZERO_CHECKSUM, IPV6, QUOTED]) checkTruncations(f);
  });
});
