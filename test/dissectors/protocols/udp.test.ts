import { describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { checkTruncations, dissect, fieldsOf, fieldsOrExperts, hexDump } from '../../helpers/corpus-net.js';

// Expected values: tshark 4.0.17 on the same bytes.

// 51234 → 9999, 32 bytes of payload, checksum 0xbeef (not verified, as tshark's default).
const PLAIN = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 3c 00 01 40 00 40 11 26 ae 0a 00 00 01 0a 00   .<..@.@.&.......
0020  00 02 c8 22 27 0f 00 28 be ef 78 78 78 78 78 78   ..."'..(..xxxxxx
0030  78 78 78 78 78 78 78 78 78 78 78 78 78 78 78 78   xxxxxxxxxxxxxxxx
0040  78 78 78 78 78 78 78 78 78 78                     xxxxxxxxxx
`);

// UDP length 5 (< 8).
const SHORT_LEN = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 1f 00 01 40 00 40 11 26 cb 0a 00 00 01 0a 00   ....@.@.&.......
0020  00 02 03 e8 07 d0 00 05 11 11 61 62 63            ..........abc
`);

// UDP length 40 in an 11-byte IP payload.
const LONG_LEN = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 1f 00 01 40 00 40 11 26 cb 0a 00 00 01 0a 00   ....@.@.&.......
0020  00 02 03 e8 07 d0 00 28 11 11 61 62 63            .......(..abc
`);

// Checksum 0 over IPv4 (allowed) and over IPv6 (illegal).
const ZERO4 = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 1f 00 01 40 00 40 11 26 cb 0a 00 00 01 0a 00   ....@.@.&.......
0020  00 02 03 e8 07 d0 00 0b 00 00 61 62 63            ..........abc
`);
const ZERO6 = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 86 dd 60 00   .."3DUfw......\`.
0010  00 00 00 0b 11 40 20 01 0d b8 00 00 00 00 00 00   .....@ .........
0020  00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00   ...... .........
0030  00 00 00 00 00 02 03 e8 07 d0 00 0b 00 00 61 62   ..............ab
0040  63                                                c
`);

// To a traceroute port (33440), no payload.
const TRACEROUTE = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 1c 00 01 40 00 40 11 26 ce 0a 00 00 01 0a 00   ....@.@.&.......
0020  00 02 9c 40 82 a0 00 08 00 05                     ...@......
`);

// UDP length 10 in a 14-byte IP payload: the payload handed on is cut to 2 bytes.
const LEN_SHORTER = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 22 00 01 40 00 40 11 26 c8 0a 00 00 01 0a 00   ."..@.@.&.......
0020  00 02 03 e8 07 d0 00 0a 11 11 61 62 63 64 65 66   ..........abcdef
`);

describe('UDP', () => {
  it('decodes the header and hands the payload on (here to data)', () => {
    const p = dissect(PLAIN);
    expect([p.protocol, p.info]).toEqual(['UDP', '51234 → 9999 Len=32']);
    expect(fieldsOf(p, ['udp.srcport', 'udp.dstport', 'udp.port', 'udp.length', 'udp.checksum', 'udp.checksum.status', 'udp.payload', 'data.data', 'frame.protocols'])).toEqual({
      'udp.srcport': '51234', 'udp.dstport': '9999', 'udp.port': '51234,9999', 'udp.length': '40', 'udp.checksum': '0xbeef', 'udp.checksum.status': '2',
      'udp.payload': '78'.repeat(32), 'data.data': '78'.repeat(32), 'frame.protocols': 'eth:ethertype:ip:udp:data',
    });
    const u = findNodes(p.tree, 'udp')[0]!;
    expect(nodeLabel(u)).toBe('User Datagram Protocol, Src Port: 51234, Dst Port: 9999');
    const labels = u.children!.filter((n) => !(n.flags & 2)).map((n) => nodeLabel(n));
    expect(labels.slice(0, 5)).toEqual(['Source Port: 51234', 'Destination Port: 9999', 'Length: 40', 'Checksum: 0xbeef [unverified]', 'Checksum Status: Unverified']);
    // Then the conversation items (udp.stream …), and the payload last.
    expect(labels.at(-1)).toBe('UDP payload (32 bytes)');
    // The data layer is at the root of the tree, as in Wireshark.
    expect(p.tree.children!.map((n) => n.field?.abbrev)).toContain('data');
  });

  it('reports bad lengths like Wireshark', () => {
    const s = dissect(SHORT_LEN);
    expect(s.info).toBe('1000 → 2000 [BAD UDP LENGTH 5 < 8]');
    expect(fieldsOrExperts(s, ['udp.length', 'udp.checksum', 'udp.length.bad'])).toEqual({ 'udp.length': '5', 'udp.checksum': '', 'udp.length.bad': 'Bad length value 5 < 8' });
    const l = dissect(LONG_LEN);
    expect(l.info).toBe('1000 → 2000 [BAD UDP LENGTH 40 > IP PAYLOAD LENGTH] Len=32');
    expect(fieldsOrExperts(l, ['udp.payload', 'data.data', 'udp.length.bad'])).toEqual({ 'udp.payload': '616263', 'data.data': '616263', 'udp.length.bad': 'Bad length value 40 > IP payload length' });
    const c = dissect(LEN_SHORTER);
    expect(c.info).toBe('1000 → 2000 Len=2');
    expect(fieldsOf(c, ['udp.payload', 'data.data'])).toEqual({ 'udp.payload': '616263646566', 'data.data': '6162' });
  });

  it('treats a zero checksum as absent over IPv4 and illegal over IPv6', () => {
    const v4 = dissect(ZERO4);
    expect(v4.info).toBe('1000 → 2000 Len=3');
    expect(fieldsOf(v4, ['udp.checksum', 'udp.checksum.status'])).toEqual({ 'udp.checksum': '0x0000', 'udp.checksum.status': '3' });
    const v6 = dissect(ZERO6);
    expect(v6.info).toBe('1000 → 2000 Len=3 [ILLEGAL CHECKSUM (0)]');
    expect(fieldsOrExperts(v6, ['udp.checksum.status', 'udp.checksum.zero'])).toEqual({ 'udp.checksum.status': '4', 'udp.checksum.zero': 'Illegal checksum value (0)' });
  });

  it('notes possible traceroute probes', () => {
    const p = dissect(TRACEROUTE);
    expect(p.info).toBe('40000 → 33440 Len=0');
    expect(fieldsOrExperts(p, ['udp.possible_traceroute', 'udp.payload', 'frame.protocols'])).toEqual({
      'udp.possible_traceroute': 'Possible traceroute: hop #2, attempt #3', 'udp.payload': '', 'frame.protocols': 'eth:ethertype:ip:udp',
    });
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    for (const f of [PLAIN, SHORT_LEN, LONG_LEN, ZERO4, ZERO6, TRACEROUTE, LEN_SHORTER]) checkTruncations(f);
  });
});
