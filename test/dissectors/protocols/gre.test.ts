/**
 * GRE (dissectors/protocols/gre.ts): the header with each optional field, the checksum verified,
 * and what it carries by Protocol Type. The frame written out below is checked field by field; the
 * variants are compared with tshark 4.0 on the spot (tree from GRE on, columns, fields).
 */
import { describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-net.js';
import { compareFrames } from '../../helpers/http-bodies.js';
import { ipv4Packet } from '../../helpers/tcp-frames.js';

// Crafted: 192.0.2.1 → 192.0.2.2, GRE with checksum (correct), key 0x11223344 and sequence number
// 7, carrying an IPv4 ICMP echo request between the same hosts.
const GRE_CKS = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 48 00 07 00 00 40 2f f6 7c c0 00 02 01 c0 00   .H....@/.|......
0020  02 02 b0 00 08 00 03 92 00 00 11 22 33 44 00 00   ..........."3D..
0030  00 07 45 00 00 24 00 07 00 00 40 01 f6 ce c0 00   ..E..$....@.....
0040  02 01 c0 00 02 02 08 00 54 35 12 34 00 01 61 62   ........T5.4..ab
0050  63 64 65 66 67 68                                 cdefgh
`);

const ETH = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x66, 0x77, 0x88, 0x99, 0xaa, 0x08, 0x00];
/** The inner IPv4 packet of GRE_CKS (ICMP echo request). */
const INNER = [...GRE_CKS.slice(50)];

function cksum(b: number[]): number {
  let s = 0;
  for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** A GRE packet in IPv4 in Ethernet: flags, type, the optional words, the payload (checksum filled in when C is set and `good`). */
function gre(flags: number, type: number, words: number[], payload: number[], good = true): Uint8Array {
  const g = [flags >> 8, flags & 255, type >> 8, type & 255, ...words, ...payload];
  if (flags & 0x8000 && good) {
    const c = cksum(g);
    g[4] = c >> 8;
    g[5] = c & 255;
  }
  return Uint8Array.from([...ETH, ...ipv4Packet('192.0.2.1', '192.0.2.2', 47, g)]);
}

const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const ARP = [0, 1, 8, 0, 6, 4, 0, 1, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, 192, 0, 2, 2];

describe('GRE', () => {
  it('shows the flags, the verified checksum, key and sequence number, then what it carries', () => {
    const p = dissect(GRE_CKS);
    expect([p.protocol, p.info]).toEqual(['ICMP', 'Echo (ping) request  id=0x1234, seq=1/256, ttl=64']);
    expect(fieldsOf(p, ['gre.flags_and_version', 'gre.flags.checksum', 'gre.flags.key', 'gre.flags.sequence_number', 'gre.flags.version', 'gre.proto',
      'gre.checksum', 'gre.checksum.status', 'gre.offset', 'gre.key', 'gre.sequence_number', 'frame.protocols'])).toEqual({
      'gre.flags_and_version': '0xb000', 'gre.flags.checksum': '1', 'gre.flags.key': '1', 'gre.flags.sequence_number': '1', 'gre.flags.version': '0',
      'gre.proto': '0x0800', 'gre.checksum': '0x0392', 'gre.checksum.status': '1', 'gre.offset': '0', 'gre.key': '0x11223344', 'gre.sequence_number': '7',
      'frame.protocols': 'eth:ethertype:ip:gre:ip:icmp:data',
    });
    const g = findNodes(p.tree, 'gre')[0]!;
    expect([nodeLabel(g), g.offset, g.length]).toEqual(['Generic Routing Encapsulation (IP)', 34, 16]);
    expect(g.children!.slice(1).map((n) => nodeLabel(n))).toEqual([
      'Protocol Type: IP (0x0800)', 'Checksum: 0x0392 [correct]', 'Checksum Status: Good', 'Offset: 0', 'Key: 0x11223344', 'Sequence Number: 7',
    ]);
  });

  it('agrees with tshark on the spot: bad checksum, key alone, routing entries, keepalive, Ethernet, ARP, an unknown type, an empty payload', () => {
    const cases: { what: string; data: Uint8Array }[] = [
      { what: 'checksum, key and sequence', data: GRE_CKS },
      { what: 'a bad checksum', data: gre(0x8000, 0x0800, [0x11, 0x11, 0, 0], INNER, false) },
      { what: 'a key alone', data: gre(0x2000, 0x0800, be32(5), INNER) },
      { what: 'routing (RFC 1701): one entry, then the null one', data: gre(0x4000, 0x0800, [0, 0, 0, 0, 0x08, 0x00, 0, 4, 10, 0, 0, 1, 0, 0, 0, 0], INNER) },
      { what: 'a keepalive', data: gre(0, 0, [], []) },
      { what: 'transparent Ethernet bridging', data: gre(0, 0x6558, [], [0, 0x11, 0x22, 0x33, 0x44, 0x56, 0, 0x66, 0x77, 0x88, 0x99, 0xab, 0x08, 0x00, ...INNER]) },
      { what: 'ARP', data: gre(0, 0x0806, [], ARP) },
      { what: 'an unknown protocol type', data: gre(0, 0x1234, [], [...Buffer.from('whatever')]) },
      { what: 'a sequence number and nothing after it', data: gre(0x1000, 0x0800, be32(1), []) },
      { what: 'cut in the checksum word', data: gre(0xb000, 0x0800, [], []).slice(0, 14 + 20 + 6) },
    ];
    expect(compareFrames(cases, /^Generic Routing Encapsulation/, ['gre.checksum.status', 'gre.key', '_ws.expert.message'])).toEqual([]);
  });

  it('PPTP\'s enhanced GRE (version 1, PPP): payload length and call ID as the key, an acknowledgment number', () => {
    const p = dissect(gre(0x3081, 0x880b, [0, 30, 0x12, 0x34, ...be32(9), ...be32(8)], [0xff, 0x03, 0x00, 0x21, ...INNER.slice(0, 26)]));
    expect([p.protocol, p.info]).toEqual(['GRE', 'Encapsulated PPP']);
    expect(fieldsOf(p, ['gre.flags.ack', 'gre.flags.reserved', 'gre.flags.version', 'gre.key.payload_length', 'gre.key.call_id', 'gre.sequence_number', 'gre.ack_number'])).toEqual({
      'gre.flags.ack': '1', 'gre.flags.reserved': '0', 'gre.flags.version': '1', 'gre.key.payload_length': '30', 'gre.key.call_id': '4660', 'gre.sequence_number': '9', 'gre.ack_number': '8',
    });
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(GRE_CKS);
    checkTruncations(gre(0x4000, 0x0800, [0, 0, 0, 0, 0x08, 0x00, 0, 4, 10, 0, 0, 1, 0, 0, 0, 0], INNER));
  });
});
