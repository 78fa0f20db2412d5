/**
 * ICMP multi-part extensions (RFC 4884): the MPLS label stack traceroute shows through an MPLS
 * network (RFC 4950), interface information (RFC 5837) and identification (RFC 8335) objects,
 * and the extended echo ("PROBE") messages that carry the last.
 * Crafted frames (built with struct.pack, checksums computed); the expected lines
 * are tshark 4.0.17's -V output for the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { treeLines } from '../../../dissectors/output/text.js';
import { checkTruncations, dissect, hexDump } from '../../helpers/corpus-net.js';

// A time exceeded with an RFC 4884 length (128 bytes quoted) and a two-entry MPLS label stack.
const MPLS = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.
0010  00 ac 00 01 00 00 40 01 63 4e 0a 00 02 01 0a 00   ......@.cN......
0020  01 02 0b 00 b2 14 00 20 00 00 45 00 00 1c 00 01   ....... ..E.....
0030  00 00 01 11 02 bd 0a 00 01 02 ac 10 00 02 c0 1d   ................
0040  82 a5 00 08 00 00 00 00 00 00 00 00 00 00 00 00   ................
0050  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0060  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0070  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0080  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0090  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
00a0  00 00 00 00 00 00 00 00 00 00 20 00 5f 0a 00 0c   .......... ._...
00b0  01 01 00 01 60 01 03 e8 1b fe                     ....\`.....
`);

// A port unreachable without an extension checksum: an interface information object (ifIndex, IPv4 address, name, MTU).
const INTERFACE_INFO = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.
0010  00 bc 00 01 00 00 40 01 63 3e 0a 00 02 01 0a 00   ......@.c>......
0020  01 02 03 03 22 b3 00 20 00 00 45 00 00 1c 00 01   ....".. ..E.....
0030  00 00 01 11 02 bd 0a 00 01 02 ac 10 00 02 c0 1d   ................
0040  82 a5 00 08 00 00 00 00 00 00 00 00 00 00 00 00   ................
0050  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0060  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0070  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0080  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0090  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
00a0  00 00 00 00 00 00 00 00 00 00 20 00 00 00 00 1c   .......... .....
00b0  02 8f 00 00 00 07 00 01 00 00 c0 00 02 01 08 65   ...............e
00c0  74 68 30 00 00 00 00 00 05 dc                     th0.......
`);

// A bad extension checksum, an unknown object class, an object longer than the data.
const BAD_SUM = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.
0010  00 b0 00 01 00 00 40 01 63 4a 0a 00 02 01 0a 00   ......@.cJ......
0020  01 02 0b 00 c3 23 00 20 00 00 45 00 00 1c 00 01   .....#. ..E.....
0030  00 00 01 11 02 bd 0a 00 01 02 ac 10 00 02 c0 1d   ................
0040  82 a5 00 08 00 00 00 00 00 00 00 00 00 00 00 00   ................
0050  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0060  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0070  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0080  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0090  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
00a0  00 00 00 00 00 00 00 00 00 00 20 00 ac ed 00 08   .......... .....
00b0  09 02 61 62 63 64 00 28 01 01 00 00 53 09         ..abcd.(....S.
`);

// No RFC 4884 length (128 bytes): interface identification objects, an extended payload, an unknown MPLS C-Type, stack entries with trailing bytes.
const IDENTIFICATION = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.
0010  00 e0 00 01 00 00 40 01 63 1a 0a 00 02 01 0a 00   ......@.c.......
0020  01 02 03 01 ba 33 00 00 00 00 45 00 00 1c 00 01   .....3....E.....
0030  00 00 01 11 02 bd 0a 00 01 02 ac 10 00 02 c0 1d   ................
0040  82 a5 00 08 00 00 00 00 00 00 00 00 00 00 00 00   ................
0050  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0060  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0070  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0080  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0090  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
00a0  00 00 00 00 00 00 00 00 00 00 20 00 25 ef 00 10   .......... .%...
00b0  03 03 00 01 08 00 0a 01 01 01 0a 02 02 02 00 0c   ................
00c0  03 01 67 65 2d 30 2f 30 2f 31 00 08 03 02 00 00   ..ge-0/0/1......
00d0  00 2a 00 0c 00 01 78 78 78 78 78 78 78 78 00 06   .*....xxxxxxxx..
00e0  01 02 7a 7a 00 0a 01 01 00 00 3f 40 01 02         ..zz......?@..
`);

// ICMPv6 time exceeded with a length of 16 words and an MPLS label stack.
const V6_MPLS = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 86 dd 60 00   ..............\`.
0010  00 00 00 94 3a 40 20 01 0d b8 00 00 00 00 00 00   ....:@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 03 00 2e 0b 10 00 00 00 60 00   ..............\`.
0040  00 00 00 08 11 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0050  00 00 00 00 00 02 20 01 0d b8 00 00 00 00 00 00   ...... .........
0060  00 00 00 00 00 09 13 88 82 9a 00 08 00 00 00 00   ................
0070  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0080  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
0090  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
00a0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
00b0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 20 00   .............. .
00c0  9d ef 00 08 01 01 00 06 41 01                     ........A.
`);

// An extended echo request (RFC 8335) asking about the interface named eth0.
const EXT_ECHO_REQ = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.
0010  00 28 00 01 00 00 40 01 63 d2 0a 00 02 01 0a 00   .(....@.c.......
0020  01 02 2a 00 bc ca 12 34 07 01 20 00 0f 52 00 08   ..*....4.. ..R..
0030  03 01 65 74 68 30                                 ..eth0
`);

// Its reply: the interface is reachable, active, with IPv4.
const EXT_ECHO_REPLY = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.
0010  00 1c 00 01 00 00 40 01 63 de 0a 00 02 01 0a 00   ......@.c.......
0020  01 02 2b 00 bb 85 12 34 07 46                     ..+....4.F
`);

// An ICMPv6 extended echo request asking about the interface with index 5.
const V6_EXT_ECHO_REQ = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 86 dd 60 00   ..............\`.
0010  00 00 00 14 3a 40 20 01 0d b8 00 00 00 00 00 00   ....:@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 a0 00 be 19 43 21 03 01 20 00   ..........C!.. .
0040  dc f0 00 08 03 02 00 00 00 05                     ..........
`);

/** The extension's lines of the packet's -V text (from its item to the end of the ICMP tree). */
function extensionLines(bytes: Uint8Array): string[] {
  const lines = treeLines(dissect(bytes).tree);
  const at = lines.indexOf('    ICMP Multi-Part Extensions');
  return at < 0 ? [] : lines.slice(at).filter((l) => l.startsWith('    ') && !l.startsWith('    [Endpoint'));
}

describe('ICMP multi-part extensions', () => {
  it('shows a time exceeded with an RFC 4884 length (128 bytes quoted) and a two-entry MPLS label stack, as tshark does', () => {
    expect(extensionLines(MPLS)).toEqual([
      '    ICMP Multi-Part Extensions',
      '        Version: 2',
      '        .... 0000 0000 0000 = Reserved: 0x000',
      '        Checksum: 0x5f0a [correct]',
      '        [Checksum Status: Good]',
      '        MPLS Stack Entry',
      '            Length: 12',
      '            Class: MPLS Label Stack Class (1)',
      '            C-Type: 1',
      '            Label: 22, Exp: 0, S: 0, TTL: 1',
      '                0000 0000 0000 0001 0110 .... = Label: 22',
      '                .... .... .... .... .... 000. = Experimental: 0',
      '                .... .... .... .... .... ...0 = Stack bit: Not set',
      '                Time to live: 1',
      '            Label: 16001, Exp: 5, S: 1, TTL: 254',
      '                0000 0011 1110 1000 0001 .... = Label: 16001',
      '                .... .... .... .... .... 101. = Experimental: 5',
      '                .... .... .... .... .... ...1 = Stack bit: Set',
      '                Time to live: 254',
    ]);
  });

  it('shows a port unreachable without an extension checksum: an interface information object (ifIndex, IPv4 address, name, MTU), as tshark does', () => {
    expect(extensionLines(INTERFACE_INFO)).toEqual([
      '    ICMP Multi-Part Extensions',
      '        Version: 2',
      '        .... 0000 0000 0000 = Reserved: 0x000',
      '        [Checksum: [missing]]',
      '        [Checksum Status: Not present]',
      '        Interface Information Object',
      '            Length: 28',
      '            Class: Interface Information Object (2)',
      '            C-Type: 143, Interface Role: IP interface through which datagram would be forwarded, ifIndex, IP Address, Interface Name, MTU',
      '                10.. .... = Interface Role: IP interface through which datagram would be forwarded (2)',
      '                ..00 .... = Reserved: 0',
      '                .... 1... = ifIndex: True',
      '                .... .1.. = IP Address: Present',
      '                .... ..1. = Interface Name: Present',
      '                .... ...1 = MTU: Present',
      '            Interface Index: 7',
      '            IP Address Sub-Object',
      '                Address Family Identifier: 1',
      '                Reserved: 0000',
      '                Source: 192.0.2.1',
      '            Interface Name Sub-Object',
      '                Name Length: 8',
      '                Name: eth0',
      '            Maximum Transmission Unit: 1500',
    ]);
  });

  it('shows a bad extension checksum, an unknown object class, an object longer than the data, as tshark does', () => {
    expect(extensionLines(BAD_SUM)).toEqual([
      '    ICMP Multi-Part Extensions',
      '        Version: 2',
      '        .... 0000 0000 0000 = Reserved: 0x000',
      '        Checksum: 0xaced incorrect, should be 0xbdfc',
      '            [Expert Info (Warning/Checksum): Bad checksum [should be 0xbdfc]]',
      '                [Bad checksum [should be 0xbdfc]]',
      '                [Severity level: Warning]',
      '                [Group: Checksum]',
      '        [Checksum Status: Bad]',
      '        Unknown object (9/2)',
      '            Length: 8',
      '            Class: Unknown (9)',
      '            C-Type: 2',
      '            Data: 61626364',
      '        MPLS Stack Entry (truncated)',
      '            Length: 40',
      '            Class: MPLS Label Stack Class (1)',
      '            C-Type: 1',
      '            Label: 5, Exp: 1, S: 1, TTL: 9',
      '                0000 0000 0000 0000 0101 .... = Label: 5',
      '                .... .... .... .... .... 001. = Experimental: 1',
      '                .... .... .... .... .... ...1 = Stack bit: Set',
      '                Time to live: 9',
    ]);
  });

  it('shows no RFC 4884 length (128 bytes): interface identification objects, an extended payload, an unknown MPLS C-Type, stack entries with trailing bytes, as tshark does', () => {
    expect(extensionLines(IDENTIFICATION)).toEqual([
      '    ICMP Multi-Part Extensions',
      '        Version: 2',
      '        .... 0000 0000 0000 = Reserved: 0x000',
      '        Checksum: 0x25ef [correct]',
      '        [Checksum Status: Good]',
      '        Interface Identification Object',
      '            Length: 16',
      '            Class: Interface Identification Object (3)',
      '            C-Type: 3 (Identifies Interface By Address)',
      '            Address Family Identifier: IPv4 (1)',
      '            Address Length: 8',
      '            Reserved: 00',
      '            Address: 10.1.1.1',
      '            Address: 10.2.2.2',
      '        Interface Identification Object',
      '            Length: 12',
      '            Class: Interface Identification Object (3)',
      '            C-Type: 1 (Identifies Interface By Name)',
      '            Name: ge-0/0/1',
      '        Interface Identification Object',
      '            Length: 8',
      '            Class: Interface Identification Object (3)',
      '            C-Type: 2 (Identifies Interface By Index)',
      '            Interface Index: 42',
      '        Extended Payload',
      '            Length: 12',
      '            Class: Unknown (0)',
      '            C-Type: 1',
      '            Data: 7878787878787878',
      '        Unknown object (1/2)',
      '            Length: 6',
      '            Class: MPLS Label Stack Class (1)',
      '            C-Type: 2',
      '            C-Type: 2',
      '            Data: 7a7a',
      '        MPLS Stack Entry',
      '            Length: 10',
      '            Class: MPLS Label Stack Class (1)',
      '            C-Type: 1',
      '            Label: 3, Exp: 7, S: 1, TTL: 64',
      '                0000 0000 0000 0000 0011 .... = Label: 3',
      '                .... .... .... .... .... 111. = Experimental: 7',
      '                .... .... .... .... .... ...1 = Stack bit: Set',
      '                Time to live: 64',
      '            Data: 0102',
    ]);
  });

  it('shows ICMPv6 time exceeded with a length of 16 words and an MPLS label stack, as tshark does', () => {
    expect(extensionLines(V6_MPLS)).toEqual([
      '    ICMP Multi-Part Extensions',
      '        Version: 2',
      '        .... 0000 0000 0000 = Reserved: 0x000',
      '        Checksum: 0x9def [correct]',
      '        [Checksum Status: Good]',
      '        MPLS Stack Entry',
      '            Length: 8',
      '            Class: MPLS Label Stack Class (1)',
      '            C-Type: 1',
      '            Label: 100, Exp: 0, S: 1, TTL: 1',
      '                0000 0000 0000 0110 0100 .... = Label: 100',
      '                .... .... .... .... .... 000. = Experimental: 0',
      '                .... .... .... .... .... ...1 = Stack bit: Set',
      '                Time to live: 1',
    ]);
  });

  it('shows an extended echo request with its interface identification object, as tshark does', () => {
    expect(treeLines(dissect(EXT_ECHO_REQ).tree).filter((l) => !l.startsWith('    [Endpoint')).slice(-20)).toEqual([
      'Internet Control Message Protocol',
      '    Type: 42 (Extended Echo request)',
      '    Code: 0 (No error)',
      '    Checksum: 0xbcca [correct]',
      '    [Checksum Status: Good]',
      '    Identifier (BE): 4660 (0x1234)',
      '    Identifier (LE): 13330 (0x3412)',
      '    Sequence Number: 7 (0x07)',
      '    0000 000. = Reserved: 0x00',
      '    .... ...1 = Local bit: Set',
      '    ICMP Multi-Part Extensions',
      '        Version: 2',
      '        .... 0000 0000 0000 = Reserved: 0x000',
      '        Checksum: 0x0f52 [correct]',
      '        [Checksum Status: Good]',
      '        Interface Identification Object',
      '            Length: 8',
      '            Class: Interface Identification Object (3)',
      '            C-Type: 1 (Identifies Interface By Name)',
      '            Name: eth0',
    ]);
  });

  it('shows an extended echo reply with its state and bits, as tshark does', () => {
    expect(treeLines(dissect(EXT_ECHO_REPLY).tree).filter((l) => !l.startsWith('    [Endpoint')).slice(-13)).toEqual([
      'Internet Control Message Protocol',
      '    Type: 43 (Extended Echo reply)',
      '    Code: 0 (No error)',
      '    Checksum: 0xbb85 [correct]',
      '    [Checksum Status: Good]',
      '    Identifier (BE): 4660 (0x1234)',
      '    Identifier (LE): 13330 (0x3412)',
      '    Sequence Number: 7 (0x07)',
      '    010. .... = State: Reachable (2)',
      '    ...0 0... = Reserved: 0x0',
      '    .... .1.. = Active bit: Set',
      '    .... ..1. = IPv4 bit: Set',
      '    .... ...0 = IPv6 bit: Not set',
    ]);
  });

  it('shows an ICMPv6 extended echo request, as tshark does', () => {
    expect(treeLines(dissect(V6_EXT_ECHO_REQ).tree).filter((l) => !l.startsWith('    [Endpoint')).slice(-19)).toEqual([
      'Internet Control Message Protocol v6',
      '    Type: Extended Echo request (160)',
      '    Code: 0 (No error)',
      '    Checksum: 0xbe19 [correct]',
      '    [Checksum Status: Good]',
      '    Identifier: 0x4321',
      '    Sequence number: 3 (0x03)',
      '    0000 000. = Reserved: 0x00',
      '    .... ...1 = Local bit: Set',
      '    ICMP Multi-Part Extensions',
      '        Version: 2',
      '        .... 0000 0000 0000 = Reserved: 0x000',
      '        Checksum: 0xdcf0 [correct]',
      '        [Checksum Status: Good]',
      '        Interface Identification Object',
      '            Length: 8',
      '            Class: Interface Identification Object (3)',
      '            C-Type: 2 (Identifies Interface By Index)',
      '            Interface Index: 5',
    ]);
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(V6_EXT_ECHO_REQ);
    checkTruncations(EXT_ECHO_REQ);
    checkTruncations(EXT_ECHO_REPLY);
    checkTruncations(MPLS);
    checkTruncations(INTERFACE_INFO);
    checkTruncations(BAD_SUM);
    checkTruncations(IDENTIFICATION);
    checkTruncations(V6_MPLS);
  });
});
