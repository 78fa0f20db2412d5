import { describe, expect, it } from 'vitest';
import { BoundsError, MalformedError } from '../../../dissectors/core/errors.js';
import { PacketInfo } from '../../../dissectors/core/pinfo.js';
import { NULL_TREE, ProtoNode } from '../../../dissectors/core/tree.js';
import { Tvb } from '../../../dissectors/core/tvb.js';
import { extractFields } from '../../../dissectors/output/fields.js';
import { DNS_TYPE_NAMES, dissectDnsMessage, readDnsName } from '../../../dissectors/protocols/dns.js';
import { dns, truncations } from '../../helpers/dns-message.js';
import { checkLinkColumns, checkLinkFields, corpusFiles, hex, hexDump } from '../../helpers/corpus-link.js';
import { UDP_QUERY_5300 } from '../../helpers/dns-port-5300.js';
import { dissectFrames } from '../../helpers/corpus-net.js';
import { CaptureDissector } from '../../../dissectors/packet.js';

// arkime-dns-wiresharkrepo.pcap frame 4: MX answers with compressed names, A records in the additional section.
// 0000  f7 6f 81 80 00 01 00 06 00 00 00 06 06 67 6f 6f  .o...........goo
// 0010  67 6c 65 03 63 6f 6d 00 00 0f 00 01 c0 0c 00 0f  gle.com.........
// 0020  00 01 00 00 02 28 00 0a 00 28 05 73 6d 74 70 34  .....(...(.smtp4
// 0030  c0 0c c0 0c 00 0f 00 01 00 00 02 28 00 0a 00 0a  ...........(....
// 0040  05 73 6d 74 70 35 c0 0c c0 0c 00 0f 00 01 00 00  .smtp5..........
// 0050  02 28 00 0a 00 0a 05 73 6d 74 70 36 c0 0c c0 0c  .(.....smtp6....
// 0060  00 0f 00 01 00 00 02 28 00 0a 00 0a 05 73 6d 74  .......(.....smt
// 0070  70 31 c0 0c c0 0c 00 0f 00 01 00 00 02 28 00 0a  p1...........(..
// 0080  00 0a 05 73 6d 74 70 32 c0 0c c0 0c 00 0f 00 01  ...smtp2........
// 0090  00 00 02 28 00 0a 00 28 05 73 6d 74 70 33 c0 0c  ...(...(.smtp3..
// 00a0  c0 2a 00 01 00 01 00 00 02 58 00 04 d8 ef 25 1a  .*.......X....%.
// 00b0  c0 40 00 01 00 01 00 00 02 58 00 04 40 e9 a7 19  .@.......X..@...
// 00c0  c0 56 00 01 00 01 00 00 02 58 00 04 42 66 09 19  .V.......X..Bf..
// 00d0  c0 6c 00 01 00 01 00 00 02 58 00 04 d8 ef 39 19  .l.......X....9.
// 00e0  c0 82 00 01 00 01 00 00 02 58 00 04 d8 ef 25 19  .........X....%.
// 00f0  c0 98 00 01 00 01 00 00 02 58 00 04 d8 ef 39 1a  .........X....9.
const MX = hexDump(`
0000  f7 6f 81 80 00 01 00 06 00 00 00 06 06 67 6f 6f  .o...........goo
0010  67 6c 65 03 63 6f 6d 00 00 0f 00 01 c0 0c 00 0f  gle.com.........
0020  00 01 00 00 02 28 00 0a 00 28 05 73 6d 74 70 34  .....(...(.smtp4
0030  c0 0c c0 0c 00 0f 00 01 00 00 02 28 00 0a 00 0a  ...........(....
0040  05 73 6d 74 70 35 c0 0c c0 0c 00 0f 00 01 00 00  .smtp5..........
0050  02 28 00 0a 00 0a 05 73 6d 74 70 36 c0 0c c0 0c  .(.....smtp6....
0060  00 0f 00 01 00 00 02 28 00 0a 00 0a 05 73 6d 74  .......(.....smt
0070  70 31 c0 0c c0 0c 00 0f 00 01 00 00 02 28 00 0a  p1...........(..
0080  00 0a 05 73 6d 74 70 32 c0 0c c0 0c 00 0f 00 01  ...smtp2........
0090  00 00 02 28 00 0a 00 28 05 73 6d 74 70 33 c0 0c  ...(...(.smtp3..
00a0  c0 2a 00 01 00 01 00 00 02 58 00 04 d8 ef 25 1a  .*.......X....%.
00b0  c0 40 00 01 00 01 00 00 02 58 00 04 40 e9 a7 19  .@.......X..@...
00c0  c0 56 00 01 00 01 00 00 02 58 00 04 42 66 09 19  .V.......X..Bf..
00d0  c0 6c 00 01 00 01 00 00 02 58 00 04 d8 ef 39 19  .l.......X....9.
00e0  c0 82 00 01 00 01 00 00 02 58 00 04 d8 ef 25 19  .........X....%.
00f0  c0 98 00 01 00 01 00 00 02 58 00 04 d8 ef 39 1a  .........X....9.
`);

// NXDOMAIN for nx.example.com with the zone's SOA in the authority section.
// 0000  11 11 81 83 00 01 00 00 00 01 00 00 02 6e 78 07  .............nx.
// 0010  65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01  example.com.....
// 0020  07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 06 00  .example.com....
// 0030  01 00 00 01 2c 00 3d 03 6e 73 31 07 65 78 61 6d  ....,.=.ns1.exam
// 0040  70 6c 65 03 63 6f 6d 00 0a 68 6f 73 74 6d 61 73  ple.com..hostmas
// 0050  74 65 72 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00  ter.example.com.
// 0060  00 00 07 e4 00 00 0e 10 00 00 02 58 00 01 51 80  ...........X..Q.
// 0070  00 00 01 2c                                      ...,
const NXDOMAIN = hexDump(`
0000  11 11 81 83 00 01 00 00 00 01 00 00 02 6e 78 07  .............nx.
0010  65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01  example.com.....
0020  07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 06 00  .example.com....
0030  01 00 00 01 2c 00 3d 03 6e 73 31 07 65 78 61 6d  ....,.=.ns1.exam
0040  70 6c 65 03 63 6f 6d 00 0a 68 6f 73 74 6d 61 73  ple.com..hostmas
0050  74 65 72 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00  ter.example.com.
0060  00 00 07 e4 00 00 0e 10 00 00 02 58 00 01 51 80  ...........X..Q.
0070  00 00 01 2c                                      ...,
`);

// SRV and TXT answers, and an EDNS OPT record with a COOKIE option.
// 0000  22 22 81 80 00 01 00 02 00 00 00 01 05 5f 6c 64  ""..........._ld
// 0010  61 70 04 5f 74 63 70 07 65 78 61 6d 70 6c 65 03  ap._tcp.example.
// 0020  63 6f 6d 00 00 21 00 01 05 5f 6c 64 61 70 04 5f  com..!..._ldap._
// 0030  74 63 70 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00  tcp.example.com.
// 0040  00 21 00 01 00 00 00 3c 00 17 00 0a 00 14 01 85  .!.....<........
// 0050  03 64 63 31 07 65 78 61 6d 70 6c 65 03 63 6f 6d  .dc1.example.com
// 0060  00 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 10  ..example.com...
// 0070  00 01 00 00 00 3c 00 0b 05 68 65 6c 6c 6f 00 03  .....<...hello..
// 0080  61 20 62 00 00 29 10 00 00 00 80 00 00 0c 00 0a  a b..)..........
// 0090  00 08 31 32 33 34 35 36 37 38                    ..12345678
const SRV_TXT_OPT = hexDump(`
0000  22 22 81 80 00 01 00 02 00 00 00 01 05 5f 6c 64  ""..........._ld
0010  61 70 04 5f 74 63 70 07 65 78 61 6d 70 6c 65 03  ap._tcp.example.
0020  63 6f 6d 00 00 21 00 01 05 5f 6c 64 61 70 04 5f  com..!..._ldap._
0030  74 63 70 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00  tcp.example.com.
0040  00 21 00 01 00 00 00 3c 00 17 00 0a 00 14 01 85  .!.....<........
0050  03 64 63 31 07 65 78 61 6d 70 6c 65 03 63 6f 6d  .dc1.example.com
0060  00 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 10  ..example.com...
0070  00 01 00 00 00 3c 00 0b 05 68 65 6c 6c 6f 00 03  .....<...hello..
0080  61 20 62 00 00 29 10 00 00 00 80 00 00 0c 00 0a  a b..)..........
0090  00 08 31 32 33 34 35 36 37 38                    ..12345678
`);

// A response whose A record's TTL has its top bit set (0x80000001).
const TTL_HIGH_BIT = hexDump(`
0000  12 34 81 80 00 01 00 01 00 00 00 00 03 66 6f 6f   .4...........foo
0010  03 63 6f 6d 00 00 01 00 01 c0 0c 00 01 00 01 80   .com............
0020  00 00 01 00 04 01 02 03 04                        .........
`);

describe('DNS messages', () => {
  it('decodes header, flags, counts, queries and MX/A records as tshark does', () => {
    const { pinfo, f } = dns(MX);
    expect(f(['dns.id', 'dns.flags', 'dns.flags.response', 'dns.flags.opcode', 'dns.flags.authoritative', 'dns.flags.truncated', 'dns.flags.recdesired',
      'dns.flags.recavail', 'dns.flags.z', 'dns.flags.authenticated', 'dns.flags.checkdisable', 'dns.flags.rcode',
      'dns.count.queries', 'dns.count.answers', 'dns.count.auth_rr', 'dns.count.add_rr'])).toEqual({
      'dns.id': '0xf76f', 'dns.flags': '0x8180', 'dns.flags.response': '1', 'dns.flags.opcode': '0', 'dns.flags.authoritative': '0',
      'dns.flags.truncated': '0', 'dns.flags.recdesired': '1', 'dns.flags.recavail': '1', 'dns.flags.z': '0', 'dns.flags.authenticated': '0',
      'dns.flags.checkdisable': '0', 'dns.flags.rcode': '0', 'dns.count.queries': '1', 'dns.count.answers': '6', 'dns.count.auth_rr': '0', 'dns.count.add_rr': '6',
    });
    expect(f(['dns.qry.name', 'dns.qry.name.len', 'dns.count.labels', 'dns.qry.type', 'dns.qry.class'])).toEqual({
      'dns.qry.name': 'google.com', 'dns.qry.name.len': '10', 'dns.count.labels': '2', 'dns.qry.type': '15', 'dns.qry.class': '0x0001',
    });
    const r = f(['dns.resp.name', 'dns.resp.ttl', 'dns.resp.len', 'dns.mx.preference', 'dns.mx.mail_exchange', 'dns.a']);
    expect(r['dns.mx.preference']).toBe('40,10,10,10,10,40');
    expect(r['dns.mx.mail_exchange']).toBe('smtp4.google.com,smtp5.google.com,smtp6.google.com,smtp1.google.com,smtp2.google.com,smtp3.google.com');
    expect(r['dns.a']).toBe('216.239.37.26,64.233.167.25,66.102.9.25,216.239.57.25,216.239.37.25,216.239.57.26');
    expect(r['dns.resp.name']!.split(',')[6]).toBe('smtp4.google.com');
    expect(r['dns.resp.ttl']!.split(',')[0]).toBe('552');
    expect([pinfo.protocol, pinfo.info]).toEqual(['DNS',
      'Standard query response 0xf76f MX google.com MX 40 smtp4.google.com MX 10 smtp5.google.com MX 10 smtp6.google.com MX 10 smtp1.google.com ' +
      'MX 10 smtp2.google.com MX 40 smtp3.google.com A 216.239.37.26 A 64.233.167.25 A 66.102.9.25 A 216.239.57.25 A 216.239.37.25 A 216.239.57.26']);
  });

  it('warns of a TTL with its top bit set as tshark 4.0 (dns.ttl.high_bit_set)', () => {
    const { f } = dns(TTL_HIGH_BIT);
    expect(f(['dns.resp.ttl', 'dns.ttl.high_bit_set', '_ws.expert.message'])).toEqual({
      'dns.resp.ttl': '2147483649', 'dns.ttl.high_bit_set': '1', '_ws.expert.message': 'The uppermost bit of the TTL is set (RFC 2181, section 8)',
    });
  });

  it('adds a section only with a byte left for it, as Wireshark (its section items run to the end of the message)', () => {
    // TTL_HIGH_BIT says one authority record too, and ends after its answer.
    const bytes = TTL_HIGH_BIT.slice();
    bytes[9] = 1;
    const pinfo = new PacketInfo();
    const tree = new ProtoNode(null, 0, bytes.length, null);
    pinfo.reset({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: bytes.length }, bytes, tree);
    expect(() => dissectDnsMessage(Tvb.frame(bytes, bytes.length, 'dns'), pinfo, tree, 'dns')).toThrow(BoundsError);
    const labels = (tree.children?.[0]?.children ?? []).map((n) => n.label);
    expect(labels).toContain('Answers');
    expect(labels).not.toContain('Authoritative nameservers');
  });

  it('shows extraneous bytes, notes a record type Wireshark does not decode either, and rejects a name that starts with an unknown extended label, as tshark 4.0', () => {
    // TTL_HIGH_BIT plus 3 bytes after its last record.
    const extra = dns(new Uint8Array([...TTL_HIGH_BIT, 1, 2, 3])).f(['dns.extraneous.data', 'dns.extraneous.length', 'dns.extraneous']);
    expect(extra).toEqual({ 'dns.extraneous.data': '010203', 'dns.extraneous.length': '3', 'dns.extraneous': '1' });
    // The answer's type made 300 (no such type in Wireshark's decoder): its note, then the data.
    const t300 = TTL_HIGH_BIT.slice();
    t300[0x1b] = 0x01;
    t300[0x1c] = 0x2c;
    expect(dns(t300).f(['dns.resp.type', 'dns.data', '_ws.expert.message'])).toEqual({
      'dns.resp.type': '300', 'dns.data': '01020304',
      '_ws.expert.message': 'The uppermost bit of the TTL is set (RFC 2181, section 8),Dissector for DNS Type (300) code not implemented, Contact Wireshark developers if you want this supported',
    });
    // The query's name made to start with 0x42 (an extended label type other than a bitstring).
    const ext = TTL_HIGH_BIT.slice();
    ext[12] = 0x42;
    expect(() => dns(ext)).toThrow(MalformedError);
  });

  it('names types 253 and 254 as tshark 4.0 does (its short names are each other\'s)', () => {
    expect(dns(hex('00fd 0100 0001 0000 0000 0000 03616263 00 00fd 0001')).pinfo.info).toBe('Standard query 0x00fd MAILA abc');
    expect(dns(hex('00fe 0100 0001 0000 0000 0000 03616263 00 00fe 0001')).pinfo.info).toBe('Standard query 0x00fe MAILB abc');
    expect(DNS_TYPE_NAMES[253]).toBe('MAILA');
  });

  it('shows the rcode and authority SOA', () => {
    const { pinfo, f } = dns(NXDOMAIN);
    expect(pinfo.info).toBe('Standard query response 0x1111 No such name A nx.example.com SOA ns1.example.com');
    expect(f(['dns.flags.rcode', 'dns.soa.mname', 'dns.soa.rname', 'dns.soa.serial_number', 'dns.soa.refresh_interval', 'dns.soa.retry_interval',
      'dns.soa.expire_limit', 'dns.soa.minimum_ttl', 'dns.resp.len'])).toEqual({
      'dns.flags.rcode': '3', 'dns.soa.mname': 'ns1.example.com', 'dns.soa.rname': 'hostmaster.example.com', 'dns.soa.serial_number': '2020',
      'dns.soa.refresh_interval': '3600', 'dns.soa.retry_interval': '600', 'dns.soa.expire_limit': '86400', 'dns.soa.minimum_ttl': '300', 'dns.resp.len': '61',
    });
  });

  it('decodes SRV, TXT and OPT (OPT stays in Info, as in tshark 4.0)', () => {
    const { pinfo, f } = dns(SRV_TXT_OPT);
    expect(pinfo.info).toBe('Standard query response 0x2222 SRV _ldap._tcp.example.com SRV 10 20 389 dc1.example.com TXT OPT');
    expect(f(['dns.srv.service', 'dns.srv.proto', 'dns.srv.name', 'dns.srv.priority', 'dns.srv.weight', 'dns.srv.port', 'dns.srv.target',
      'dns.txt', 'dns.txt.length', 'dns.resp.name', 'dns.resp.class', 'dns.resp.ttl', 'dns.resp.len'])).toEqual({
      'dns.srv.service': '_ldap', 'dns.srv.proto': '_tcp', 'dns.srv.name': 'example.com', 'dns.srv.priority': '10', 'dns.srv.weight': '20',
      'dns.srv.port': '389', 'dns.srv.target': 'dc1.example.com', 'dns.txt': 'hello,,a b', 'dns.txt.length': '5,0,3',
      'dns.resp.name': 'example.com,<Root>', 'dns.resp.class': '0x0001,0x0001', 'dns.resp.ttl': '60,60', 'dns.resp.len': '23,11,12',
    });
    expect(f(['dns.rr.udp_payload_size', 'dns.resp.ext_rcode', 'dns.resp.edns0_version', 'dns.resp.z', 'dns.resp.z.do', 'dns.resp.z.reserved',
      'dns.opt.code', 'dns.opt.len', 'dns.opt.data', 'dns.opt.cookie.client'])).toEqual({
      'dns.rr.udp_payload_size': '4096', 'dns.resp.ext_rcode': '0x00', 'dns.resp.edns0_version': '0', 'dns.resp.z': '0x8000', 'dns.resp.z.do': '1',
      'dns.resp.z.reserved': '0x0000', 'dns.opt.code': '10', 'dns.opt.len': '8', 'dns.opt.data': '3132333435363738', 'dns.opt.cookie.client': '3132333435363738',
    });
  });

  it('shows the root as <Root>, unknown types by number and their rdata as bytes', () => {
    // 33 33 01 00 | 2 questions, 1 additional | NS <Root> | type 999 class CH foo.bar | OPT (payload 1232)
    const msg = hex('3333 0100 0002 0000 0000 0001 00 0002 0001 03666f6f 03626172 00 03e7 0003 00 0029 04d0 00000000 0000');
    const { pinfo, f } = dns(msg);
    expect(pinfo.info).toBe('Standard query 0x3333 NS <Root> Unknown (999) foo.bar OPT');
    expect(f(['dns.qry.name', 'dns.qry.name.len', 'dns.count.labels', 'dns.qry.class'])).toEqual({
      'dns.qry.name': '<Root>,foo.bar', 'dns.qry.name.len': '6,7', 'dns.count.labels': '1,2', 'dns.qry.class': '0x0001,0x0003',
    });
    // type 999 answer with 3 bytes, then CNAME, AAAA and PTR (names compressed to the question).
    const r = hex('4444 8580 0001 0004 0000 0000 01 61 03 636f6d 00 03e7 0001 c00c 03e7 0001 00000005 0003 010203' +
      'c00c 0005 0001 00000005 0005 0178 0179 00' + 'c00c 001c 0001 00000005 0010 00000000000000000000000000000001' + 'c00c 000c 0001 00000005 0005 0170 0171 00');
    const a = dns(r);
    expect(a.pinfo.info).toBe('Standard query response 0x4444 Unknown (999) a.com Unknown (999) CNAME x.y AAAA ::1 PTR p.q');
    expect(a.f(['dns.data', 'dns.cname', 'dns.aaaa', 'dns.ptr.domain_name'])).toEqual({ 'dns.data': '010203', 'dns.cname': 'x.y', 'dns.aaaa': '::1', 'dns.ptr.domain_name': 'p.q' });
  });

  it('escapes names as format_text does and counts their characters before escaping', () => {
    // One label: a \t b \x7f \x80 é z \ " x . y
    const msg = hex('0003 0100 0001 0000 0000 0000 0d 6109627f80c3a97a5c22782e79 00 0001 0001');
    const { pinfo, f } = dns(msg);
    expect(f(['dns.qry.name', 'dns.qry.name.len', 'dns.count.labels'])).toEqual({ 'dns.qry.name': 'a\\tb\\177\ufffdéz\\"x.y', 'dns.qry.name.len': '13', 'dns.count.labels': '2' });
    expect(pinfo.info).toBe('Standard query 0x0003 A a\\tb\\177\ufffdéz\\"x.y');
  });

  it('stops on compression loops and overlong names as Wireshark 4.0 does', () => {
    // 03 abc c0 0c: a pointer back to the start of the name (zeek-dns-invalid-names.pcap has c0 0c alone).
    let r = dns(hex('5555 0100 0001 0000 0000 0000 03616263 c00c 0001 0001'));
    expect(r.pinfo.info).toBe('Standard query 0x5555 A <Name contains a pointer that loops>');
    expect(r.f(['dns.qry.name', 'dns.qry.name.len', 'dns.count.labels'])).toEqual({ 'dns.qry.name': '<Name contains a pointer that loops>', 'dns.qry.name.len': '36', 'dns.count.labels': '1' });
    r = dns(hex('6666 0100 0001 0000 0000 0000 c00c 0001 0001'));
    expect(r.f(['dns.qry.name'])).toEqual({ 'dns.qry.name': '<Name contains a pointer that loops>' });
    // 253 characters fit; 254 do not.
    const lab = (c: string, n: number) => n.toString(16).padStart(2, '0') + c.repeat(n);
    r = dns(hex(`0001 0100 0001 0000 0000 0000 ${lab('61', 63)}${lab('62', 63)}${lab('63', 63)}${lab('64', 61)}00 0001 0001`));
    expect(r.f(['dns.qry.name.len', 'dns.count.labels'])).toEqual({ 'dns.qry.name.len': '253', 'dns.count.labels': '4' });
    r = dns(hex(`0002 0100 0001 0000 0000 0000 ${lab('61', 63)}${lab('62', 63)}${lab('63', 63)}${lab('64', 62)}00 0001 0001`));
    expect(r.f(['dns.qry.name', 'dns.qry.name.len', 'dns.count.labels'])).toEqual({ 'dns.qry.name': '<Name too long>', 'dns.qry.name.len': '15', 'dns.count.labels': '1' });
  });

  it('skips the labels after a full name once per message, however many names point into them', () => {
    // 500 questions, each a pointer (c0 0b c4 → 3012, just past them) to one 60,000-byte run of
    // 63-byte labels: every name is full after four labels, and its end is 900 labels further.
    const n = 500;
    const runAt = 12 + 6 * n;
    const run = `${'3f' + '61'.repeat(63)}`.repeat(952);
    const q = `${(0xc000 | runAt).toString(16)} 0001 0001`.repeat(n);
    const bytes = hex(`7777 0100 ${n.toString(16).padStart(4, '0')} 0000 0000 0000 ${q} ${run} 00`);
    const msg = Tvb.frame(bytes, bytes.length, 'dns');
    let reads = 0;
    const u8 = msg.u8.bind(msg);
    msg.u8 = (off: number) => (reads++, u8(off));
    const pinfo = new PacketInfo();
    const tree = new ProtoNode(null, 0, bytes.length, null);
    pinfo.reset({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: bytes.length }, bytes, tree);
    dissectDnsMessage(msg, pinfo, tree);
    const names = extractFields(tree, ['dns.qry.name'])[0]!;
    expect(names).toHaveLength(n);
    expect(new Set(names)).toEqual(new Set(['<Name too long>']));
    // Copying a full name reads ~260 bytes; walking the rest of the run each time would be ~1,200.
    expect(reads).toBeLessThan(n * 300 + 952);
  });

  it('gives a full name that runs into a pointer, an end or the message end the same outcome as the label-by-label walk', () => {
    const labels = ('3f' + '61'.repeat(63)).repeat(5); // 320 characters: full after four
    const head = '0001 0100 0001 0000 0000 0000';
    // ... then a pointer back into the middle of the labels (offset 12 + 2·64): a loop.
    let r = dns(hex(`${head} ${labels} c08c 0001 0001`));
    expect(r.f(['dns.qry.name'])).toEqual({ 'dns.qry.name': '<Name contains a pointer that loops>' });
    // ... then the root: too long.
    r = dns(hex(`${head} ${labels} 00 0001 0001`));
    expect(r.f(['dns.qry.name', 'dns.qry.name.len'])).toEqual({ 'dns.qry.name': '<Name too long>', 'dns.qry.name.len': '15' });
    // ... then a reserved label type, or nothing: the errors of the walk.
    expect(() => dns(hex(`${head} ${labels} 80 0001 0001`))).toThrow(MalformedError);
    expect(() => dns(hex(`${head} ${labels}`))).toThrow(BoundsError);
    // A name that starts with a pointer into labels read before by another name of the message.
    r = dns(hex(`0002 0100 0002 0000 0000 0000 ${labels} 00 0001 0001 c04c 0001 0001`));
    expect(r.f(['dns.qry.name', 'dns.qry.name.len'])).toEqual({ 'dns.qry.name': '<Name too long>,<Name too long>', 'dns.qry.name.len': '15,15' });
  });

  it('raises MalformedError where Wireshark throws (reserved label type, counts past the end), not on a pointer to the root', () => {
    // pcpp-DnsTooManyResources.pcap: the first question starts with 0xb9 (label type 0x80).
    expect(() => dns(hex('0a04 02b8 63b8 0001 0000 9c50 b9df fd33'))).toThrow(MalformedError);
    // An answer whose name points at the question name's last byte (the root): tshark 4.0 shows <Root>.
    expect(dns(hex('0004 8180 0001 0001 0000 0000 0161 03636f6d 00 0001 0001 c012 0001 0001 00000005 0004 01020304')).f(['dns.resp.name', 'dns.a'])).toEqual({ 'dns.resp.name': '<Root>', 'dns.a': '1.2.3.4' });
    let info = '';
    const p = new PacketInfo();
    p.reset({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: 23 }, new Uint8Array(0), NULL_TREE);
    try {
      dissectDnsMessage(Tvb.frame(hex('8888 0100 0005 0000 0000 0000 0161 03636f6d 00 0001 0001'), 23, 'dns'), p, NULL_TREE);
    } catch (e) {
      expect(e).toBeInstanceOf(BoundsError);
      info = p.info;
    }
    expect(info).toBe('Standard query 0x8888 A a.com');
  });

  it('reads names from any offset with readDnsName', () => {
    const msg = Tvb.frame(hex('0000 0000 0000 0000 0000 0000 03777777 076578616d706c65 03636f6d 00 c010'), 33, 'dns');
    const n = readDnsName(msg, 12);
    expect([n.text, n.len, n.used]).toEqual(['www.example.com', 15, 17]);
    const m = readDnsName(msg, 29);
    expect([m.text, m.used]).toEqual(['example.com', 2]);
  });

  it('decodes mDNS (QU bit, cache flush) and LLMNR flags', () => {
    let r = dns(hex('0000 0000 0001 0000 0000 0000 055f68747470 045f746370 056c6f63616c 00 000c 8001'), 'mdns');
    expect([r.pinfo.protocol, r.pinfo.info]).toEqual(['MDNS', 'Standard query 0x0000 PTR _http._tcp.local, "QU" question']);
    expect(r.f(['dns.qry.class', 'dns.qry.qu'])).toEqual({ 'dns.qry.class': '0x0001', 'dns.qry.qu': '1' });
    r = dns(hex('0000 8400 0000 0001 0000 0000 03666f6f 056c6f63616c 00 0001 8001 00000078 0004 0a000005'), 'mdns');
    expect(r.pinfo.info).toBe('Standard query response 0x0000 A, cache flush 10.0.0.5');
    expect(r.f(['dns.resp.class', 'dns.resp.cache_flush'])).toEqual({ 'dns.resp.class': '0x0001', 'dns.resp.cache_flush': '1' });
    r = dns(hex('1234 0000 0001 0000 0000 0000 0477706164 00 0001 0001'), 'llmnr');
    expect([r.pinfo.protocol, r.pinfo.info]).toEqual(['LLMNR', 'Standard query 0x1234 A wpad']);
    expect(r.f(['dns.flags.conflict', 'dns.flags.tentative', 'dns.flags.recdesired'])).toEqual({ 'dns.flags.conflict': '0', 'dns.flags.tentative': '0', 'dns.flags.recdesired': '' });
    // The conflict bit means another thing in a response (tshark 4.0.17's labels).
    const conflictLabel = (m: string): string | undefined => dns(hex(m), 'llmnr').lines().find((l) => l.includes('= Conflict: '));
    expect(conflictLabel('1234 0400 0001 0000 0000 0000 0477706164 00 0001 0001')).toBe('.... .1.. .... .... = Conflict: The sender received multiple responses');
    expect(conflictLabel('1234 8400 0001 0000 0000 0000 0477706164 00 0001 0001')).toBe('.... .1.. .... .... = Conflict: The name is not considered unique');
    expect(conflictLabel('1234 8000 0001 0000 0000 0000 0477706164 00 0001 0001')).toBe('.... .0.. .... .... = Conflict: The name is considered unique');
  });

  it('names opcodes and rcodes as Wireshark, including unknown ones', () => {
    expect(dns(hex('9999 a805 0001 0000 0000 0000 047a6f6e65 03636f6d 00 0006 0001')).pinfo.info).toBe('Dynamic update response 0x9999 Refused SOA zone.com');
    expect(dns(hex('c980 f80f 0000 0000 0000 0000')).pinfo.info).toBe('Unknown operation (15) response 0xc980 Unknown error (15)');
    expect(DNS_TYPE_NAMES[65]).toBe('HTTPS');
    expect(DNS_TYPE_NAMES[64]).toBe('SVCB');
    expect(DNS_TYPE_NAMES[255]).toBe('ANY');
    expect(DNS_TYPE_NAMES[41]).toBe('OPT');
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    truncations(MX);
    truncations(NXDOMAIN);
    truncations(SRV_TXT_OPT);
    truncations(TTL_HIGH_BIT);
    truncations(hex('0000 8400 0000 0001 0000 0000 03666f6f 056c6f63616c 00 0001 8001 00000078 0004 0a000005'), 'mdns');
  });
});

// Link layers, ARP and DNS against tshark on the whole corpus (expected TSV fields and tshark's
// summary columns). Known differences, each explained in the list below, are allowed; anything
// else fails.
const KNOWN: [RegExp, string][] = [
  // tshark 4.0 shows pcapng custom blocks as frames, so frame numbers shift against our reader.
  [/^gopacket-pcapng-le-test(102|202)\.pcapng$/, 'frame numbering of custom blocks'],
  // DNS over TCP needs TCP reassembly (a later issue).
  [/^tcpdump-dns_tcp\.pcap$/, 'DNS over TCP'],
];

describe('corpus agreement with tshark (link layers, ARP, DNS)', () => {
  const files = corpusFiles().filter((f) => !KNOWN.some(([re]) => re.test(f)));
  // The files with these layers (MANIFEST.md); the others are Ethernet + IP checked by the fields test.
  const columnFiles = files.filter((f) => /dns|arp|sll|vlan|dot1q|QinQ|loopback|raw_ip|LINKTYPE|pcapng|icmp-destunreach/i.test(f));

  it('matches the expected TSV values of eth/vlan/arp/dns fields', () => {
    let cells = 0;
    const bad: string[] = [];
    for (const f of files) {
      const r = checkLinkFields(f);
      cells += r.cells;
      for (const m of r.mismatches) bad.push(`${m.file}#${m.frame} ${m.what}: ${m.ours} != ${m.tshark}`);
    }
    expect(cells).toBeGreaterThan(10000);
    // Frames that need IPv6 (written by another engineer) may still differ while it lands.
    const notIpv6 = bad.filter((b) => !/(pcpp-DnsPackets|pcpp-sll|zeek-ipv6-fragmented-dns|pcpp-raw_ip)/.test(b));
    expect(notIpv6).toEqual([]);
  }, 120_000);

  it('matches tshark\'s Protocol/Info/Source/Destination where the top protocol is ours', () => {
    const bad: string[] = [];
    for (const f of columnFiles) {
      for (const m of checkLinkColumns(f).mismatches) {
        // packet.ts adds a space before "[Malformed Packet]"; tshark does not (reported to the lead).
        if (m.what === 'info' && m.ours.replace(/ \[(Malformed Packet|Packet size limited during capture)\]$/, '[$1]') === m.tshark) continue;
        // Columns written by IPv6, which another engineer is finishing.
        if (m.ours === 'IPv6' || /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(m.ours) && m.tshark.includes(':') && !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(m.tshark)) continue;
        if (m.what === 'protocol' && m.ours === '0x86dd') continue;
        if (m.what === 'dst' && m.ours === '' && m.tshark.includes(':')) continue;
        bad.push(`${m.file}#${m.frame} ${m.what}: ${JSON.stringify(m.ours)} != ${JSON.stringify(m.tshark)}`);
      }
    }
    expect(bad).toEqual([]);
  }, 240_000);
});

// A zone transfer over UDP (crafted): an AXFR query for zone.test (ID 5), then three responses
// with that ID, the first two repeating the question, the last without it.
const AXFR_FRAMES = [`
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00  ..............E.
0010  00 37 00 00 00 00 40 11 00 00 0a 00 00 01 0a 00  .7....@.........
0020  00 02 9c 40 00 35 00 23 00 00 00 05 00 00 00 01  ...@.5.#........
0030  00 00 00 00 00 00 04 7a 6f 6e 65 04 74 65 73 74  .......zone.test
0040  00 00 fc 00 01                                   .....
`, `
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00  ..............E.
0010  00 52 00 01 00 00 40 11 00 00 0a 00 00 02 0a 00  .R....@.........
0020  00 01 00 35 9c 40 00 3e 00 00 00 05 84 00 00 01  ...5.@.>........
0030  00 01 00 00 00 00 04 7a 6f 6e 65 04 74 65 73 74  .......zone.test
0040  00 00 fc 00 01 01 61 04 7a 6f 6e 65 04 74 65 73  ......a.zone.tes
0050  74 00 00 01 00 01 00 00 01 2c 00 04 0a 00 00 01  t........,......
`, `
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00  ..............E.
0010  00 52 00 02 00 00 40 11 00 00 0a 00 00 02 0a 00  .R....@.........
0020  00 01 00 35 9c 40 00 3e 00 00 00 05 84 00 00 01  ...5.@.>........
0030  00 01 00 00 00 00 04 7a 6f 6e 65 04 74 65 73 74  .......zone.test
0040  00 00 fc 00 01 01 62 04 7a 6f 6e 65 04 74 65 73  ......b.zone.tes
0050  74 00 00 01 00 01 00 00 01 2c 00 04 0a 00 00 02  t........,......
`, `
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00  ..............E.
0010  00 43 00 03 00 00 40 11 00 00 0a 00 00 02 0a 00  .C....@.........
0020  00 01 00 35 9c 40 00 2f 00 00 00 05 84 00 00 00  ...5.@./........
0030  00 01 00 00 00 00 01 63 04 7a 6f 6e 65 04 74 65  .......c.zone.te
0040  73 74 00 00 01 00 01 00 00 01 2c 00 04 0a 00 00  st........,.....
0050  03                                               .
`].map(hexDump);

describe('DNS zone transfers', () => {
  it('answers an AXFR with many responses, none a retransmission (Wireshark\'s multiple_responds), as tshark 4.0', () => {
    const got = dissectFrames(AXFR_FRAMES.map((bytes) => ({ bytes })), ['dns.response_to', 'dns.retransmission', 'dns.retransmit_response_in', 'dns.unsolicited']);
    expect(got.map((f) => f.fields)).toEqual([['', '', '', ''], ['1', '', '', ''], ['1', '', '', ''], ['1', '', '', '']]);
  });
});

describe('DNS over UDP on any port (Wireshark\'s dns_udp heuristic)', () => {
  // A standard query, 40055 → 5300 (fixtures/own/decode-as.pcap frame 1): a port nothing is bound to.
  const QUERY_5300 = UDP_QUERY_5300;
  /** The query with DNS header bytes changed (offsets in the DNS message; it starts at 42). */
  const variant = (changes: Record<number, number>) => {
    const b = QUERY_5300.slice();
    for (const [off, v] of Object.entries(changes)) b[42 + Number(off)] = v;
    return b;
  };
  const protocols = (b: Uint8Array) => dissectFrames([{ bytes: b }], ['frame.protocols'])[0]!.fields[0];

  it('claims what looks like a standard query or response, as tshark 4.0 shows port 5300', () => {
    const [f] = dissectFrames([{ bytes: QUERY_5300 }], ['frame.protocols', 'dns.qry.name']);
    expect([f!.protocol, f!.info, ...f!.fields]).toEqual(['DNS', 'Standard query 0x4001 A www.packetloom.test', 'eth:ethertype:ip:udp:dns', 'www.packetloom.test']);
    // A response with 100 answers, 10 authority and 10 additional records still looks like one
    // (here a malformed one: the records are not there).
    const many = variant({ 2: 0x81, 3: 0x80, 6: 0, 7: 100, 8: 0, 9: 10, 10: 0, 11: 10 });
    const p = new CaptureDissector().dissect({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: many.length }, many, true);
    expect([p.protocol, p.malformed]).toEqual(['DNS', true]);
  });

  it('leaves the rest to data: another opcode, a query with answers or two questions, too many records, a bare header', () => {
    expect(protocols(variant({ 2: 0x09 }))).toBe('eth:ethertype:ip:udp:data'); // opcode 1
    expect(protocols(variant({ 5: 2 }))).toBe('eth:ethertype:ip:udp:data'); // 2 questions
    expect(protocols(variant({ 7: 1 }))).toBe('eth:ethertype:ip:udp:data'); // a query with an answer
    expect(protocols(variant({ 9: 1 }))).toBe('eth:ethertype:ip:udp:data'); // … or an authority record
    expect(protocols(variant({ 11: 11 }))).toBe('eth:ethertype:ip:udp:data'); // 11 additional records
    expect(protocols(variant({ 2: 0x81, 3: 0x80, 5: 2 }))).toBe('eth:ethertype:ip:udp:data'); // a response with 2 questions
    expect(protocols(variant({ 2: 0x81, 3: 0x80, 6: 0, 7: 101 }))).toBe('eth:ethertype:ip:udp:data'); // 101 answers
    expect(protocols(variant({ 2: 0x81, 3: 0x80, 8: 0, 9: 11 }))).toBe('eth:ethertype:ip:udp:data'); // 11 authority records
    // Exactly a header (12 bytes): IP and UDP lengths cut to it.
    const header = QUERY_5300.slice(0, 54);
    header[17] = 40; // IPv4 total length 40
    header[39] = 20; // UDP length 20
    expect(protocols(header)).toBe('eth:ethertype:ip:udp:data');
  });
});
