/**
 * SSDP (UDP 1900): Wireshark 4.0's "Simple Service Discovery Protocol", HTTP messages in
 * datagrams. An M-SEARCH written out below (every truncation of it too); crafted announcements,
 * searches, answers and datagrams that are not HTTP compared with tshark on the spot, one by one
 * and as a capture in which requests and responses are numbered and paired per UDP conversation.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeLines } from '../../../dissectors/output/text.js';
import { runCli } from '../../electron/cli/run-cli.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-link.js';
import { compareFrames, linesFrom } from '../../helpers/http-bodies.js';
import { ipv4Packet, pcapOf } from '../../helpers/tcp-frames.js';

// 10.99.0.1:50000 searches the LAN for every UPnP device: M-SEARCH to 239.255.255.250:1900.
// 0000  01 00 5e 7f ff fa 02 00 00 99 00 01 08 00 45 00   ..^...........E.
// 0010  00 7a 00 01 40 00 40 11 40 14 0a 63 00 01 ef ff   .z..@.@.@..c....
// 0020  ff fa c3 50 07 6c 00 66 00 00 4d 2d 53 45 41 52   ...P.l.f..M-SEAR
// 0030  43 48 20 2a 20 48 54 54 50 2f 31 2e 31 0d 0a 48   CH * HTTP/1.1..H
// 0040  4f 53 54 3a 20 32 33 39 2e 32 35 35 2e 32 35 35   OST: 239.255.255
// 0050  2e 32 35 30 3a 31 39 30 30 0d 0a 4d 41 4e 3a 20   .250:1900..MAN:
// 0060  22 73 73 64 70 3a 64 69 73 63 6f 76 65 72 22 0d   "ssdp:discover".
// 0070  0a 4d 58 3a 20 31 0d 0a 53 54 3a 20 73 73 64 70   .MX: 1..ST: ssdp
// 0080  3a 61 6c 6c 0d 0a 0d 0a                           :all....
const SEARCH = hexDump(`
0000  01 00 5e 7f ff fa 02 00 00 99 00 01 08 00 45 00
0010  00 7a 00 01 40 00 40 11 40 14 0a 63 00 01 ef ff
0020  ff fa c3 50 07 6c 00 66 00 00 4d 2d 53 45 41 52
0030  43 48 20 2a 20 48 54 54 50 2f 31 2e 31 0d 0a 48
0040  4f 53 54 3a 20 32 33 39 2e 32 35 35 2e 32 35 35
0050  2e 32 35 30 3a 31 39 30 30 0d 0a 4d 41 4e 3a 20
0060  22 73 73 64 70 3a 64 69 73 63 6f 76 65 72 22 0d
0070  0a 4d 58 3a 20 31 0d 0a 53 54 3a 20 73 73 64 70
0080  3a 61 6c 6c 0d 0a 0d 0a
`);

const START = /^(Simple Service Discovery Protocol|eXtensible|\[Malformed|\[Packet size)/;
const FIELDS = ['frame.protocols', 'http.request.method', 'http.request.uri', 'http.response.code', 'http.request_number', 'http.response_number',
  'http.notification', 'http.request.full_uri', 'http.content_length', 'http.file_data', '_ws.expert.message'];

/** A UDP datagram in an Ethernet frame (multicast MAC), from src to dst. */
function frame(src: string, sport: number, dst: string, dport: number, text: string): Uint8Array {
  const p = [...Buffer.from(text, 'latin1')];
  const u = [sport >> 8, sport & 255, dport >> 8, dport & 255, (8 + p.length) >> 8, (8 + p.length) & 255, 0, 0, ...p];
  return Uint8Array.from([0x01, 0x00, 0x5e, 0x7f, 0xff, 0xfa, 0x02, 0x00, 0x00, 0x99, 0x00, 0x01, 0x08, 0x00, ...ipv4Packet(src, dst, 17, u)]);
}
const toGroup = (sport: number, text: string) => frame('10.99.0.1', sport, '239.255.255.250', 1900, text);

const ALIVE = 'NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://10.99.0.2:80/desc.xml\r\n' +
  'NT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nSERVER: Linux/5.10 UPnP/1.0 tv/1.0\r\nUSN: uuid:2f402f80-da50-11e1-9b23-001788255acc::upnp:rootdevice\r\n\r\n';
const OK = 'HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nDATE: Mon, 23 Nov 2026 08:00:00 GMT\r\nEXT:\r\nLOCATION: http://10.99.0.2:80/desc.xml\r\n' +
  'SERVER: Linux/5.10 UPnP/1.0 tv/1.0\r\nST: upnp:rootdevice\r\nUSN: uuid:2f402f80::upnp:rootdevice\r\nContent-Length: 0\r\n\r\n';

describe('SSDP', () => {
  it('shows an M-SEARCH as tshark 4.0 does', () => {
    const p = dissect(1, SEARCH);
    expect([p.protocol, p.info]).toEqual(['SSDP', 'M-SEARCH * HTTP/1.1 ']);
    expect(linesFrom(treeLines(p.tree), START)).toEqual([
      'Simple Service Discovery Protocol',
      '    M-SEARCH * HTTP/1.1\\r\\n',
      '        [Expert Info (Chat/Sequence): M-SEARCH * HTTP/1.1\\r\\n]',
      '            [M-SEARCH * HTTP/1.1\\r\\n]',
      '            [Severity level: Chat]',
      '            [Group: Sequence]',
      '        Request Method: M-SEARCH',
      '        Request URI: *',
      '        Request Version: HTTP/1.1',
      '    HOST: 239.255.255.250:1900\\r\\n',
      '    MAN: "ssdp:discover"\\r\\n',
      '    MX: 1\\r\\n',
      '    ST: ssdp:all\\r\\n',
      '    \\r\\n',
      '    [Full request URI: http://239.255.255.250:1900*]',
      '    [HTTP request 1/1]',
    ]);
    expect(fieldsOf(p, ['frame.protocols', 'http.request.method', 'http.host'])).toEqual({
      'frame.protocols': 'eth:ethertype:ip:udp:ssdp', 'http.request.method': 'M-SEARCH', 'http.host': '239.255.255.250:1900',
    });
    checkTruncations(1, SEARCH);
  });

  it('agrees with tshark on the spot on announcements, searches, answers and datagrams that are not HTTP', () => {
    const cases: [string, Uint8Array][] = [
      ['ssdp:alive', frame('10.99.0.2', 1900, '239.255.255.250', 1900, ALIVE)],
      ['ssdp:byebye', frame('10.99.0.2', 1900, '239.255.255.250', 1900, 'NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:byebye\r\n\r\n')],
      ['a search for one type', toGroup(50001, 'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 3\r\nST: urn:schemas-upnp-org:device:MediaRenderer:1\r\n\r\n')],
      ['an answer', frame('10.99.0.2', 1900, '10.99.0.1', 50001, OK)],
      ['an error answer', frame('10.99.0.2', 1900, '10.99.0.1', 50011, 'HTTP/1.1 412 Precondition Failed\r\n\r\n')],
      ['a body (XML)', toGroup(50002, 'NOTIFY * HTTP/1.1\r\nContent-Type: text/xml\r\nContent-Length: 22\r\n\r\n<e><p>1</p></e>\r\n\r\n')],
      ['a body longer than its Content-Length', toGroup(50003, 'NOTIFY * HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcdefgh')],
      ['a message cut before its end of line', toGroup(50004, 'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"')],
      ['two messages in one datagram (the second is not looked at)', toGroup(50005, 'M-SEARCH * HTTP/1.1\r\n\r\n\r\nNOTIFY * HTTP/1.1\r\n\r\n')],
      ['a leading CRLF', toGroup(50006, '\r\nM-SEARCH * HTTP/1.1\r\nST: ssdp:all\r\n\r\n')],
      ['lower-case headers and LF line ends', toGroup(50007, 'M-SEARCH * HTTP/1.1\nhost:239.255.255.250:1900\nst:ssdp:all\n\n')],
      ['from port 1900 to another port, not HTTP', frame('10.99.0.2', 1900, '10.99.0.1', 40000, 'xyz')],
      ['binary bytes', toGroup(50008, '\x01\x02\x03binary')],
      ['text that is not HTTP', toGroup(50009, 'hello there\r\n\r\n')],
      ['an empty datagram', toGroup(50010, '')],
      // (Last: a row of fields that are all empty would lose its tabs to the end of tshark's output.)
      ['a search last', toGroup(50012, 'M-SEARCH * HTTP/1.1\r\n\r\n')],
    ];
    expect(compareFrames(cases.map(([what, data]) => ({ what, data })), START, FIELDS)).toEqual([]);
  });

  it('numbers and pairs requests and responses per UDP conversation, as tshark does (one pass and two)', async () => {
    // A unicast search and its answer (one conversation), announcements, a second search.
    const frames = [
      frame('10.99.0.1', 50001, '10.99.0.2', 1900, 'M-SEARCH * HTTP/1.1\r\nHOST: 10.99.0.2:1900\r\nMAN: "ssdp:discover"\r\nST: ssdp:all\r\n\r\n'),
      frame('10.99.0.2', 1900, '239.255.255.250', 1900, ALIVE),
      frame('10.99.0.2', 1900, '10.99.0.1', 50001, OK),
      frame('10.99.0.1', 50001, '10.99.0.2', 1900, 'M-SEARCH * HTTP/1.1\r\nHOST: 10.99.0.2:1900\r\nST: upnp:rootdevice\r\n\r\n'),
      frame('10.99.0.2', 1900, '239.255.255.250', 1900, ALIVE),
      frame('10.99.0.2', 1900, '10.99.0.1', 50001, OK),
      toGroup(50002, 'M-SEARCH * HTTP/1.1\r\nST: ssdp:all\r\n\r\n'),
    ];
    const dir = mkdtempSync(join(tmpdir(), 'pl-ssdp-'));
    try {
      const file = join(dir, 'ssdp.pcap');
      writeFileSync(file, pcapOf(frames.map((data, i) => ({ tsSec: 1_700_000_000 + i, tsNsec: 250_000_000 * (i % 4), data }))));
      const env = { ...process.env, HOME: dir, WIRESHARK_CONFIG_DIR: dir };
      const fields = ['-T', 'fields', '-e', 'http.request_number', '-e', 'http.response_number', '-e', 'http.response_in', '-e', 'http.request_in', '-e', 'http.time',
        '-e', 'http.prev_request_in', '-e', 'http.next_request_in', '-e', 'http.response_for.uri', '-e', 'udp.stream'];
      for (const args of [['-n', '-r', file, '-V'], ['-n', '-r', file], ['-n', '-r', file, ...fields], ['-2', '-n', '-r', file, ...fields], ['-n', '-r', file, '-Y', 'http.response_in', '-T', 'fields', '-e', 'frame.number']]) {
        const theirs = spawnSync('tshark', args, { encoding: 'utf8', env }).stdout;
        expect((await runCli(args)).stdout, args.join(' ')).toBe(theirs);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
