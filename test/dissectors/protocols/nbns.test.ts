/**
 * NBNS: Wireshark 4.0's "NetBIOS Name Service" on a broadcast name query written out below
 * (every truncation of it too), and on crafted messages compared with tshark on the spot: queries,
 * positive and negative responses, registrations, releases, refreshes, WACK, node status (NBSTAT)
 * with its names and statistics, scopes, illegal names, unknown record types, short records.
 */
import { describe, expect, it } from 'vitest';
import { treeLines } from '../../../dissectors/output/text.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-link.js';
import { compareFrames, linesFrom } from '../../helpers/http-bodies.js';
import { ipv4Packet } from '../../helpers/tcp-frames.js';

// 10.99.0.1 asks the LAN (10.99.0.255) who has WPAD<00>: a name query, recursion desired,
// broadcast; the name is "WPAD" and 11 spaces and the type byte, in first-level encoding.
// 0000  ff ff ff ff ff ff 02 00 00 99 00 01 08 00 45 00   ..............E.
// 0010  00 4e 00 01 40 00 40 11 24 d9 0a 63 00 01 0a 63   .N..@.@.$..c...c
// 0020  00 ff 00 89 00 89 00 3a 00 00 f9 39 01 10 00 01   .......:...9....
// 0030  00 00 00 00 00 00 20 46 48 46 41 45 42 45 45 43   ...... FHFAEBEEC
// 0040  41 43 41 43 41 43 41 43 41 43 41 43 41 43 41 43   ACACACACACACACAC
// 0050  41 43 41 43 41 41 41 00 00 20 00 01               ACACAAA.. ..
const QUERY = hexDump(`
0000  ff ff ff ff ff ff 02 00 00 99 00 01 08 00 45 00   ..............E.
0010  00 4e 00 01 40 00 40 11 24 d9 0a 63 00 01 0a 63   .N..@.@.$..c...c
0020  00 ff 00 89 00 89 00 3a 00 00 f9 39 01 10 00 01   .......:...9....
0030  00 00 00 00 00 00 20 46 48 46 41 45 42 45 45 43   ...... FHFAEBEEC
0040  41 43 41 43 41 43 41 43 41 43 41 43 41 43 41 43   ACACACACACACACAC
0050  41 43 41 43 41 41 41 00 00 20 00 01               ACACAAA.. ..
`);

const START = /^(NetBIOS Name Service|\[Malformed|\[Packet size)/;

/** A NetBIOS name in first-level encoding, as a DNS-style label (then the scope's labels, and 0). */
function nbName(name: string, type: number, scope: string[] = []): number[] {
  const b = [...Buffer.from(name.padEnd(15, ' '), 'latin1'), type];
  return [32, ...b.flatMap((x) => [65 + (x >> 4), 65 + (x & 15)]), ...scope.flatMap((l) => [l.length, ...Buffer.from(l)]), 0];
}
const u16 = (v: number) => [v >> 8, v & 255];
const u32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

/** An NBNS message: id 0x1234, flags, counts, then the sections' bytes as given. */
function nbns(flags: number, counts: [number, number, number, number], ...sections: number[][]): number[] {
  return [0x12, 0x34, ...u16(flags), ...counts.flatMap(u16), ...sections.flat()];
}
const q = (name: number[], type = 32) => [...name, ...u16(type), 0, 1];
/** A resource record: name, type, class IN, TTL, data. */
const rr = (name: number[], type: number, ttl: number, data: number[]) => [...name, ...u16(type), 0, 1, ...u32(ttl), ...u16(data.length), ...data];
const nb = (flags: number, ip: number[]) => [...u16(flags), ...ip];

function frame(payload: number[]): Uint8Array {
  const u = [0, 137, 0, 137, ...u16(8 + payload.length), 0, 0, ...payload];
  return Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x99, 0x00, 0x01, 0x08, 0x00, ...ipv4Packet('10.99.0.1', '10.99.0.255', 17, u)]);
}

const STATS = [...[0, 0x0b, 0x82, 1, 0xfc, 0x42], 1, 2, ...u16(0x0100), ...u16(60), ...[1, 2, 3, 4].flatMap(u16), ...u32(100000), ...u32(7), ...[5, 6, 7, 8, 9, 10, 576].flatMap(u16)];

const FIELDS = ['nbns.id', 'nbns.flags', 'nbns.name', 'nbns.type', 'nbns.ttl', 'nbns.addr', 'nbns.nb_flags.ont', 'nbns.netbios_name', 'nbns.unit_id',
  'nbns.num_good_sends', '_ws.expert.message', 'frame.protocols'];

describe('NBNS', () => {
  it('shows a name query as tshark 4.0 does', () => {
    const p = dissect(1, QUERY);
    expect([p.protocol, p.info]).toEqual(['NBNS', 'Name query NB WPAD<00>']);
    expect(linesFrom(treeLines(p.tree), START)).toEqual([
      'NetBIOS Name Service',
      '    Transaction ID: 0xf939',
      '    Flags: 0x0110, Opcode: Name query, Recursion desired, Broadcast',
      '        0... .... .... .... = Response: Message is a query',
      '        .000 0... .... .... = Opcode: Name query (0)',
      '        .... ..0. .... .... = Truncated: Message is not truncated',
      '        .... ...1 .... .... = Recursion desired: Do query recursively',
      '        .... .... ...1 .... = Broadcast: Broadcast packet',
      '    Questions: 1',
      '    Answer RRs: 0',
      '    Authority RRs: 0',
      '    Additional RRs: 0',
      '    Queries',
      '        WPAD<00>: type NB, class IN',
      '            Name: WPAD<00> (Workstation/Redirector)',
      '            Type: NB (32)',
      '            Class: IN (1)',
    ]);
    expect(fieldsOf(p, ['nbns.name', 'frame.protocols'])).toEqual({ 'nbns.name': 'WPAD<00>', 'frame.protocols': 'eth:ethertype:ip:udp:nbns' });
    checkTruncations(1, QUERY);
  });

  it('agrees with tshark on the spot on queries, responses, registrations, node status and broken messages', () => {
    const HOST = nbName('HOST', 0x20);
    const cases: [string, number[]][] = [
      ['query', nbns(0x0110, [1, 0, 0, 0], q(nbName('WPAD', 0)))],
      ['two questions', nbns(0x0100, [2, 0, 0, 0], q(nbName('A', 0)), q(nbName('WORKGROUP', 0x1d)))],
      ['positive response', nbns(0x8500, [0, 1, 0, 0], rr(HOST, 32, 300000, nb(0x6000, [10, 99, 0, 5])))],
      ['response, two addresses, group, B-node', nbns(0x8500, [0, 1, 0, 0], rr(nbName('WORKGROUP', 0x1e), 32, 61, [...nb(0x8000, [10, 99, 0, 5]), ...nb(0x0000, [10, 99, 0, 6])]))],
      ['negative response', nbns(0x8503, [0, 0, 0, 0])],
      ['registration', nbns(0x2910, [1, 0, 0, 1], q(HOST), rr([0xc0, 12], 32, 300000, nb(0x0000, [10, 99, 0, 1])))],
      ['registration response, conflict', nbns(0xad86, [0, 1, 0, 0], rr(HOST, 32, 0, nb(0x0000, [10, 99, 0, 2])))],
      ['release', nbns(0x3010, [1, 0, 0, 1], q(HOST), rr([0xc0, 12], 32, 0, nb(0x2000, [10, 99, 0, 1])))],
      ['refresh', nbns(0x4000, [1, 0, 0, 1], q(HOST), rr([0xc0, 12], 32, 300, nb(0x4000, [10, 99, 0, 1])))],
      ['wait for acknowledgment', nbns(0xbc00, [0, 1, 0, 0], rr(HOST, 32, 2, u16(0x2810)))],
      ['multi-homed registration', nbns(0x7800, [1, 0, 0, 1], q(HOST), rr([0xc0, 12], 32, 300, nb(0x0000, [10, 99, 0, 1])))],
      ['node status query', nbns(0x0000, [1, 0, 0, 0], q(nbName('*\0\0\0\0\0\0\0\0\0\0\0\0\0\0', 0), 33))],
      ['node status response', nbns(0x8400, [0, 1, 0, 0], rr(nbName('*\0\0\0\0\0\0\0\0\0\0\0\0\0\0', 0), 33, 0,
        [2, ...Buffer.from('WS01           '), 0x20, ...u16(0x0400), ...Buffer.from('WORKGROUP      '), 0x00, ...u16(0x8400), ...STATS]))],
      ['node status response, cut short', nbns(0x8400, [0, 1, 0, 0], rr(nbName('X', 0), 33, 0, [1, ...Buffer.from('WS01           '), 0x20, ...u16(0x0400), 1, 2, 3]))],
      ['a name with a scope', nbns(0x0110, [1, 0, 0, 0], q(nbName('FILES', 0x20, ['corp', 'example'])))],
      ['an unknown record type and class', nbns(0x8500, [0, 1, 0, 1], rr(HOST, 10, 5, [1, 2, 3]), [...nbName('Y', 0), 0, 99, 0, 7, ...u32(1), 0, 0])],
      ['an NB record of one byte', nbns(0x8500, [0, 1, 0, 0], [...rr(HOST, 32, 5, [0x60]), 0, 0, 0, 0, 0])],
      ['illegal name: odd', nbns(0x0110, [1, 0, 0, 0], q([3, 65, 66, 67, 0]))],
      ['illegal name: bad first character', nbns(0x0110, [1, 0, 0, 0], q([4, 97, 65, 66, 67, 0]))],
      ['illegal name: bad second character', nbns(0x0110, [1, 0, 0, 0], q([4, 65, 50, 66, 67, 0]))],
      ['illegal name: short', nbns(0x0110, [1, 0, 0, 0], q([4, 65, 66, 67, 68, 0]))],
      ['illegal name: root', nbns(0x0110, [1, 0, 0, 0], q([0]))],
      ['a name with unprintable bytes and a long encoding', nbns(0x0110, [1, 0, 0, 0], q([...nbName('A\u0001B', 0x1b).slice(0, -1).map((b, i) => (i === 0 ? 36 : b)), 65, 65, 65, 65, 0]))],
      ['an unknown opcode and rcode', nbns(0x9807, [0, 0, 0, 0])],
      ['cut in the header', nbns(0x0110, [1, 0, 0, 0]).slice(0, 7)],
      ['cut in a question', nbns(0x0110, [1, 0, 0, 0], q(nbName('WPAD', 0))).slice(0, 30)],
    ];
    expect(compareFrames(cases.map(([what, p]) => ({ what, data: frame(p) })), START, FIELDS)).toEqual([]);
  });
});
