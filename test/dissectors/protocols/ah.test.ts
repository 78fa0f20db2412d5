/**
 * The IP Authentication Header (RFC 4302, dissectors/protocols/ah.ts): a layer of its own over
 * IPv4, an extension header inside the IPv6 tree. Expected values: tshark 4.0.17 on the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-net.js';

// Crafted: 192.0.2.1 → 192.0.2.2, AH (SPI 0x1000, sequence 5, a 12-byte ICV) over an ICMP echo request.
const IPV4_ICMP = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 3c 00 07 00 00 40 33 f6 84 c0 00 02 01 c0 00   .<....@3........
0020  02 02 01 04 00 00 00 00 10 00 00 00 00 05 01 02   ................
0030  03 04 05 06 07 08 09 0a 0b 0c 08 00 54 35 12 34   ............T5.4
0040  00 01 61 62 63 64 65 66 67 68                     ..abcdefgh
`);

// Crafted: AH of 12 bytes (length 1: no ICV), next header 59 (none).
const NO_ICV = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 20 00 07 00 00 40 33 f6 a0 c0 00 02 01 c0 00   . ....@3........
0020  02 02 3b 01 00 00 de ad be ef 00 00 00 07         ..;...........
`);

// fixtures/corpus/pcpp-ipv6_options.pcap frame 4: OSPFv3 Hello to ff02::5 behind AH (SPI 0x100).
const IPV6_OSPF = hexDump(`
0000  33 33 00 00 00 05 c2 01 68 b3 00 01 86 dd 6e 00   33......h.....n.
0010  00 00 00 40 33 01 fe 80 00 00 00 00 00 00 00 00   ...@3...........
0020  00 00 00 00 00 02 ff 02 00 00 00 00 00 00 00 00   ................
0030  00 00 00 00 00 05 59 04 00 00 00 00 01 00 00 00   ......Y.........
0040  00 20 35 48 21 48 b2 43 5a 23 dc dd 55 36 03 01   . 5H!H.CZ#..U6..
0050  00 28 02 02 02 02 00 00 00 01 f1 73 00 00 00 00   .(.........s....
0060  00 05 01 00 00 13 00 0a 00 28 02 02 02 02 01 01   .........(......
0070  01 01 01 01 01 01                                 ......
`);

const FIELDS = ['ah.next_header', 'ah.length', 'ah.reserved', 'ah.spi', 'ah.sequence', 'ah.icv', 'frame.protocols'];

describe('AH', () => {
  it('over IPv4: a layer of its own, then what it protects (here ICMP)', () => {
    const p = dissect(IPV4_ICMP);
    expect([p.protocol, p.info]).toEqual(['ICMP', 'Echo (ping) request  id=0x1234, seq=1/256']);
    expect(fieldsOf(p, FIELDS)).toEqual({
      'ah.next_header': '1', 'ah.length': '4', 'ah.reserved': '0000', 'ah.spi': '0x00001000', 'ah.sequence': '5', 'ah.icv': '0102030405060708090a0b0c',
      'frame.protocols': 'eth:ethertype:ip:ah:icmp:data',
    });
    const a = findNodes(p.tree, 'ah')[0]!;
    expect([a.offset, a.length]).toEqual([34, 24]);
    expect(a.children!.map((n) => nodeLabel(n))).toEqual([
      'Next header: ICMP (1)', 'Length: 4 (24 bytes)', 'Reserved: 0000', 'AH SPI: 0x00001000', 'AH Sequence: 5', 'AH ICV: 0102030405060708090a0b0c',
    ]);
    expect(p.tree.children!.map((n) => n.field?.abbrev)).toEqual(['frame', 'eth', 'ip', 'ah', 'icmp']);
  });

  it('without an ICV or a payload: the ICV is missing, the Info says the SPI, no data layer', () => {
    const p = dissect(NO_ICV);
    expect([p.protocol, p.info]).toEqual(['AH', 'AH (SPI=0xdeadbeef)']);
    expect(fieldsOf(p, ['ah.next_header', 'ah.length', 'ah.icv', 'frame.protocols'])).toEqual({
      'ah.next_header': '59', 'ah.length': '1', 'ah.icv': '<MISSING>', 'frame.protocols': 'eth:ethertype:ip:ah',
    });
    expect(findNodes(p.tree, 'ah')[0]!.children!.map((n) => nodeLabel(n)).slice(-1)).toEqual(['AH ICV: <MISSING>']);
  });

  it('over IPv6: an extension header inside the IPv6 tree, counted in its length', () => {
    const p = dissect(IPV6_OSPF);
    expect([p.protocol, p.info]).toEqual(['AH', 'Unknown IP Protocol: OSPF IGP (89)']);
    expect(fieldsOf(p, FIELDS)).toEqual({
      'ah.next_header': '89', 'ah.length': '4', 'ah.reserved': '0000', 'ah.spi': '0x00000100', 'ah.sequence': '32', 'ah.icv': '35482148b2435a23dcdd5536',
      'frame.protocols': 'eth:ethertype:ipv6:ah:data',
    });
    const v6 = findNodes(p.tree, 'ipv6')[0]!;
    expect(v6.length).toBe(64);
    expect(v6.children!.at(-1)!.field?.abbrev).toBe('ah');
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    for (const f of [IPV4_ICMP, NO_ICV, IPV6_OSPF]) checkTruncations(f);
  });
});
