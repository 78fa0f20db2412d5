/**
 * IGMP: Wireshark 4.0's "Internet Group Management Protocol" on a v3 report written out below
 * (every truncation of it too), and on crafted messages of every version compared with tshark on
 * the spot (queries general and specific, with sources, big max response codes; v1 and v2 reports
 * and leaves; v3 group records of every type; bad and unverifiable checksums; v0; unknown types).
 */
import { describe, expect, it } from 'vitest';
import { treeLines } from '../../../dissectors/output/text.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-link.js';
import { compareFrames, linesFrom } from '../../helpers/http-bodies.js';
import { ipv4Packet } from '../../helpers/tcp-frames.js';

// 10.99.0.1 joins 239.255.255.250 (SSDP's group) for any source: an IGMPv3 report with one
// "Change To Exclude Mode" record and no sources, to 224.0.0.22.
// 0000  01 00 5e 00 00 16 02 00 00 99 00 01 08 00 45 00   ..^...........E.
// 0010  00 24 00 01 40 00 40 02 50 5d 0a 63 00 01 e0 00   .$..@.@.P].c....
// 0020  00 16 22 00 ea 03 00 00 00 01 04 00 00 00 ef ff   ..".............
// 0030  ff fa                                             ..
const REPORT = hexDump(`
0000  01 00 5e 00 00 16 02 00 00 99 00 01 08 00 45 00   ..^...........E.
0010  00 24 00 01 40 00 40 02 50 5d 0a 63 00 01 e0 00   .$..@.@.P].c....
0020  00 16 22 00 ea 03 00 00 00 01 04 00 00 00 ef ff   ..".............
0030  ff fa                                             ..
`);

const START = /^(Internet Group Management Protocol|\[Malformed|\[Packet size)/;

/** The IGMP message with its checksum filled in (unless `bad`), in IPv4 to `dst`. */
function frame(igmp: number[], dst = '224.0.0.1', bad = false): Uint8Array {
  const b = [...igmp];
  if (b.length >= 4) {
    b[2] = b[3] = 0;
    let s = 0;
    for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (b[i + 1] ?? 0);
    while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
    const c = bad ? 0x1234 : ~s & 0xffff;
    b[2] = c >> 8;
    b[3] = c & 255;
  }
  return Uint8Array.from([0x01, 0x00, 0x5e, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x99, 0x00, 0x01, 0x08, 0x00, ...ipv4Packet('10.99.0.1', dst, 2, b)]);
}

const G = [239, 1, 2, 3];
const S1 = [10, 0, 0, 1];
const S2 = [10, 0, 0, 2];
/** A v3 group record: type, aux data length (words), sources, then the aux data. */
const rec = (type: number, sources: number[][], aux: number[] = []) => [type, aux.length / 4, 0, sources.length, ...G, ...sources.flat(), ...aux];
const v3Report = (...records: number[][]) => [0x22, 0, 0, 0, 0, 0, 0, records.length, ...records.flat()];

const FIELDS = ['igmp.version', 'igmp.type', 'igmp.max_resp', 'igmp.checksum.status', 'igmp.maddr', 'igmp.saddr', 'igmp.record_type', 'igmp.num_src',
  'igmp.qrv', 'igmp.s', '_ws.expert.message', 'frame.protocols'];

describe('IGMP', () => {
  it('shows a v3 report as tshark 4.0 does', () => {
    const p = dissect(1, REPORT);
    expect([p.protocol, p.info]).toEqual(['IGMPv3', 'Membership Report / Join group 239.255.255.250 for any sources']);
    expect(linesFrom(treeLines(p.tree), START)).toEqual([
      'Internet Group Management Protocol',
      '    [IGMP Version: 3]',
      '    Type: Membership Report (0x22)',
      '    Reserved: 00',
      '    Checksum: 0xea03 [correct]',
      '    [Checksum Status: Good]',
      '    Reserved: 0000',
      '    Num Group Records: 1',
      '    Group Record : 239.255.255.250  Change To Exclude Mode',
      '        Record Type: Change To Exclude Mode (4)',
      '        Aux Data Len: 0',
      '        Num Src: 0',
      '        Multicast Address: 239.255.255.250',
    ]);
    expect(fieldsOf(p, ['igmp.maddr', 'frame.protocols'])).toEqual({ 'igmp.maddr': '239.255.255.250', 'frame.protocols': 'eth:ethertype:ip:igmp:igmp' });
    checkTruncations(1, REPORT);
  });

  it('agrees with tshark on the spot on every version and message kind', () => {
    const cases: [string, Uint8Array][] = [
      ['v1 query', frame([0x11, 0, 0, 0, 0, 0, 0, 0])],
      ['v1 report', frame([0x12, 0, 0, 0, ...G], '239.1.2.3')],
      ['v2 general query', frame([0x11, 100, 0, 0, 0, 0, 0, 0])],
      ['v2 specific query', frame([0x11, 10, 0, 0, ...G], '239.1.2.3')],
      ['v2 report', frame([0x16, 0, 0, 0, ...G], '239.1.2.3')],
      ['v2 leave', frame([0x17, 0, 0, 0, ...G], '224.0.0.2')],
      ['v2 leave without a group', frame([0x17, 0, 0, 0, 0, 0, 0, 0], '224.0.0.2')],
      ['v3 general query', frame([0x11, 100, 0, 0, 0, 0, 0, 0, 0x02, 125, 0, 0])],
      ['v3 specific query with sources', frame([0x11, 0x8f, 0, 0, ...G, 0x0a, 0x85, 0, 2, ...S1, ...S2], '239.1.2.3')],
      ['v3 query, one source, max resp 0x80', frame([0x11, 0x80, 0, 0, ...G, 0x07, 255, 0, 1, ...S1], '239.1.2.3')],
      ['v3 report, every record type without sources', frame(v3Report(rec(1, []), rec(2, []), rec(3, []), rec(4, []), rec(5, []), rec(6, []), rec(9, [])), '224.0.0.22')],
      ['v3 report, every record type with one source', frame(v3Report(rec(1, [S1]), rec(2, [S1]), rec(3, [S1]), rec(4, [S1]), rec(5, [S1]), rec(6, [S1]), rec(7, [S1])), '224.0.0.22')],
      ['v3 report, two sources and aux data', frame(v3Report(rec(3, [S1, S2], [1, 2, 3, 4]), rec(5, [S1, S2]), rec(6, [S1, S2], [9, 9, 9, 9, 8, 8, 8, 8])), '224.0.0.22')],
      ['v3 report without records', frame(v3Report(), '224.0.0.22')],
      ['v3 report with a record cut short', frame([...v3Report(rec(4, [S1, S2])).slice(0, 20)], '224.0.0.22')],
      ['bad checksum (v2)', frame([0x16, 0, 0, 0, ...G], '239.1.2.3', true)],
      ['bad checksum (v3)', frame(v3Report(rec(4, [])), '224.0.0.22', true)],
      ['v0 create group request', frame([0x01, 1, 0, 0, 0, 0, 0, 7, ...G, 1, 2, 3, 4, 5, 6, 7, 8])],
      ['v0 join group reply, pending', frame([0x04, 9, 0, 0, 0, 0, 0, 7, ...G, 1, 2, 3, 4, 5, 6, 7, 8])],
      ['v0 join group reply, denied', frame([0x04, 3, 0, 0, 0, 0, 0, 7, ...G, 1, 2, 3, 4, 5, 6, 7, 8])],
      ['v0 confirm group request', frame([0x07, 0, 0, 0, 0, 0, 0, 7, ...G, 1, 2, 3, 4, 5, 6, 7, 8])],
      ['unknown type', frame([0x99, 1, 2, 3, 4, 5, 6, 7])],
      ['unknown type, one byte', frame([0x99])],
      ['v2 report cut short', frame([0x16, 0, 0, 0, 239, 1])],
    ];
    expect(compareFrames(cases.map(([what, data]) => ({ what, data })), START, FIELDS)).toEqual([]);
  });
});
