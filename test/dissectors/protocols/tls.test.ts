/**
 * TLS (dissectors/protocols/tls.ts, tls/handshake.ts): a real ClientHello, crafted connections
 * compared with tshark on the spot (records across and within segments, every record type, the
 * hellos' extensions, key exchanges, the version the protocol column follows, the heuristic on a
 * port of no protocol), and our own capture of OpenSSL (fixtures/own/tls.pcap) field by field.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { treeLines } from '../../../dissectors/output/text.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-net.js';
import { linesFrom } from '../../helpers/http-bodies.js';
import { Conn, dissectSegs, HAVE_TSHARK, tsharkRun } from '../tcp/craft.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';

// fixtures/own/tls.pcap frame 32: OpenSSL 3.0's TLS 1.3 ClientHello to port 4433 (SNI, groups,
// point formats, session ticket, encrypt-then-MAC, EMS, signature algorithms, supported_versions,
// PSK modes, an x25519 key share).
const CLIENT_HELLO = hexDump(`
0000  02 00 00 99 00 02 02 00 00 99 00 01 08 00 45 00   ..............E.
0010  01 31 66 14 40 00 40 06 be ea 0a 63 00 01 0a 63   .1f.@.@....c...c
0020  00 02 a1 06 11 51 b9 a4 80 23 99 f3 4e fd 80 18   .....Q...#..N...
0030  00 40 af cb 00 00 01 01 08 0a 8e 72 8b 05 4c 01   .@.........r..L.
0040  20 09 16 03 01 00 f8 01 00 00 f4 03 03 2b 85 72    ............+.r
0050  f1 ec a3 00 44 5e b6 b2 a9 38 9f b2 0b 60 4a fc   ....D^...8...\`J.
0060  a1 b4 22 ac 01 95 61 b9 fa 52 9e 09 fb 20 a8 46   .."...a..R... .F
0070  aa bd 42 cf 73 55 fd 1e d4 10 b2 bd 29 8b 1b a1   ..B.sU......)...
0080  26 93 3b 89 01 01 87 37 3f 18 95 38 5e d5 00 08   &.;....7?..8^...
0090  13 02 13 03 13 01 00 ff 01 00 00 a3 00 00 00 18   ................
00a0  00 16 00 00 13 77 77 77 2e 70 61 63 6b 65 74 6c   .....www.packetl
00b0  6f 6f 6d 2e 74 65 73 74 00 0b 00 04 03 00 01 02   oom.test........
00c0  00 0a 00 16 00 14 00 1d 00 17 00 1e 00 19 00 18   ................
00d0  01 00 01 01 01 02 01 03 01 04 00 23 00 00 00 16   ...........#....
00e0  00 00 00 17 00 00 00 0d 00 1e 00 1c 04 03 05 03   ................
00f0  06 03 08 07 08 08 08 09 08 0a 08 0b 08 04 08 05   ................
0100  08 06 04 01 05 01 06 01 00 2b 00 03 02 03 04 00   .........+......
0110  2d 00 02 01 01 00 33 00 26 00 24 00 1d 00 20 33   -.....3.&.$... 3
0120  68 63 9d 6d e2 23 51 77 95 e9 4e 91 28 c1 d1 74   hc.m.#Qw..N.(..t
0130  51 80 35 6f af d7 c2 66 4e ea 93 f9 9b 49 0d      Q.5o...fN....I.
`);

const bytes = (...parts: (number | number[] | Uint8Array)[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...p])));
const u16 = (n: number) => [n >> 8, n & 0xff];
const u24 = (n: number) => [n >> 16, (n >> 8) & 0xff, n & 0xff];
const fill = (n: number, seed: number) => Array.from({ length: n }, (_, i) => (i * 37 + seed) & 0xff);
const rec = (type: number, version: number, body: Uint8Array | number[]) => bytes(type, u16(version), u16(body.length), [...body]);
const hs = (type: number, body: Uint8Array | number[]) => bytes(type, u24(body.length), [...body]);
const ext = (type: number, body: number[]) => [...u16(type), ...u16(body.length), ...body];
const vec16 = (body: number[]) => [...u16(body.length), ...body];
const vec8 = (body: number[]) => [body.length, ...body];

/** A TLS 1.2 ServerHello choosing `cipher`, with ALPN, EMS, renegotiation_info, heartbeat and an unknown extension. */
function serverHello12(cipher: number, alpn: string): Uint8Array {
  const exts = [
    ...ext(0xff01, [0]), ...ext(23, []), ...ext(15, [1]), ...ext(16, vec16(vec8([...Buffer.from(alpn)]))),
    ...ext(0x1234, [1, 2, 3]), ...ext(11, vec8([0])),
  ];
  return hs(2, bytes(u16(0x0303), fill(32, 1), 32, fill(32, 2), u16(cipher), 0, vec16(exts)));
}

const ecdheSke = () => hs(12, bytes(3, u16(23), 65, 4, fill(64, 3), u16(0x0401), u16(64), fill(64, 4)));
const dheSke = () => hs(12, bytes(u16(16), fill(16, 5), u16(1), 2, u16(16), fill(16, 6), u16(0x0201), u16(8), fill(8, 7)));

/** Crafted connections on `port`, record by record as the test names them. */
function connections(port: number): Conn[] {
  const out: Conn[] = [];
  // 1. TLS 1.2, ECDHE: hello, SKE split across two segments, CCS + encrypted Finished, data, alerts.
  const a = new Conn('10.0.0.1', '10.0.0.2', 40001, port).handshake();
  a.c(rec(22, 0x0301, hs(1, bytes(u16(0x0303), fill(32, 9), 0, vec16([0x0a, 0x0a, 0xc0, 0x2f, 0x00, 0xff]), vec8([0]),
    vec16([...ext(0x0a0a, []), ...ext(10, vec16([0x1a, 0x1a, 0, 29, 0, 23])), ...ext(5, [1, 0, 0, 0, 0]), ...ext(21, [0, 0, 0]), ...ext(16, vec16([...vec8([...Buffer.from('h2')]), ...vec8([...Buffer.from('http/1.1')])]))])))));
  const ske = rec(22, 0x0303, bytes(serverHello12(0xc02f, 'http/1.1'), ecdheSke(), hs(14, [])));
  a.s(ske.slice(0, 100));
  a.s(ske.slice(100));
  a.c(bytes(rec(22, 0x0303, hs(16, vec8(fill(65, 8)))), rec(20, 0x0303, [1]), rec(22, 0x0303, fill(40, 0))));
  a.s(bytes(rec(20, 0x0303, [1]), rec(22, 0x0303, fill(40, 0))));
  const data = rec(23, 0x0303, fill(300, 11));
  a.c(data.slice(0, 3)); // a record header cut in two
  a.c(data.slice(3));
  a.s(bytes(rec(23, 0x0303, fill(20, 12)), rec(21, 0x0303, fill(26, 13))));
  a.c(rec(21, 0x0303, [2, 40])); // a plaintext fatal alert
  a.c(rec(99, 0x0303, [1, 2, 3])); // an unknown record type: ignored
  out.push(a);
  // 2. TLS 1.2, DHE and RSA key exchanges, a resumed session, zero-length and oversized records.
  const b = new Conn('10.0.0.1', '10.0.0.2', 40002, port).handshake();
  b.s(rec(22, 0x0303, bytes(serverHello12(0x009e, 'h2'), dheSke(), hs(13, bytes(vec8([1, 64]), vec16([4, 1, 5, 3]), vec16([]))), hs(14, []))));
  b.c(rec(22, 0x0303, hs(16, vec16(fill(10, 2)))));
  b.c(bytes(rec(22, 0x0303, []), rec(21, 0x0303, [1, 0]))); // a zero-length handshake record, then a warning alert
  b.s(rec(23, 0x0303, fill(18500, 3)));
  out.push(b);
  const r = new Conn('10.0.0.1', '10.0.0.2', 40003, port).handshake();
  r.s(bytes(rec(22, 0x0303, serverHello12(0x009c, 'http/1.1')), rec(20, 0x0303, [1]), rec(22, 0x0303, fill(40, 0))));
  r.c(rec(22, 0x0303, hs(16, vec16(fill(10, 2)))));
  out.push(r);
  // 3. TLS 1.3: a HelloRetryRequest, the ServerHello with supported_versions, then opaque records.
  const t = new Conn('10.0.0.1', '10.0.0.2', 40004, port).handshake();
  const hrrRandom = [0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c];
  t.s(rec(22, 0x0303, hs(2, bytes(u16(0x0303), hrrRandom, 0, u16(0x1301), 0, vec16([...ext(43, [3, 4]), ...ext(51, [0, 23])])))));
  t.s(bytes(rec(22, 0x0303, hs(2, bytes(u16(0x0303), fill(32, 4), 0, u16(0x1301), 0, vec16([...ext(43, [3, 4]), ...ext(51, [0, 29, ...vec16(fill(32, 5))]), ...ext(41, [0, 0])])))),
    rec(20, 0x0303, [1]), rec(23, 0x0303, fill(30, 6))));
  t.c(bytes(rec(20, 0x0303, [1]), rec(23, 0x0303, fill(50, 7))));
  t.s(rec(23, 0x0303, fill(19, 8)));
  out.push(t);
  // 4. A handshake message split across three records (its header across the first two), the last
  //    record carrying the next message too; the records in two segments.
  const h = new Conn('10.0.0.1', '10.0.0.2', 40006, port).handshake();
  h.c(rec(22, 0x0301, hs(1, bytes(u16(0x0303), fill(32, 9), 0, vec16([0xc0, 0x2f]), vec8([0])))));
  const nst = hs(4, bytes([0, 0, 0x1c, 0x20], vec16(fill(300, 9))));
  h.s(rec(22, 0x0303, bytes(serverHello12(0xc02f, 'http/1.1'), nst.slice(0, 2))));
  h.s(bytes(rec(22, 0x0303, nst.slice(2, 152)), rec(22, 0x0303, bytes(nst.slice(152), hs(14, [])))));
  out.push(h);
  // 5. A ClientHello whose last extension claims more bytes than the message has: Wireshark's
  //    subtree for it ends the dissection ([Malformed Packet]); and a record that ends in the
  //    middle of a SNI list.
  const m = new Conn('10.0.0.1', '10.0.0.2', 40007, port).handshake();
  m.c(rec(22, 0x0301, hs(1, bytes(u16(0x0303), fill(32, 9), 0, vec16([0xc0, 0x2f]), vec8([0]), vec16([...ext(23, []), ...u16(0x1234), ...u16(0x1000), 1, 2])))));
  m.c(rec(22, 0x0301, hs(1, bytes(u16(0x0303), fill(32, 9), 0, vec16([0xc0, 0x2f]), vec8([0]), vec16([...u16(0), ...u16(9), ...u16(20), 0, ...u16(30), 0x61, 0x62])))));
  out.push(m);
  // 6. Rarer messages: CertificateStatus of an unknown type, CertificateURL (RFC 6066), and an
  //    empty application data record.
  const r6 = new Conn('10.0.0.1', '10.0.0.2', 40008, port).handshake();
  r6.c(rec(22, 0x0301, hs(21, bytes(1, u16(1), u16(3), [0x61, 0x62, 0x63], 1, fill(20, 3)))));
  r6.s(bytes(rec(22, 0x0303, hs(22, [65, 1, 2, 3])), rec(23, 0x0303, []), rec(23, 0x0303, fill(20, 4))));
  out.push(r6);
  // 7. Text on the port: not TLS.
  const x = new Conn('10.0.0.1', '10.0.0.2', 40005, port).handshake();
  x.c('HELO example\r\n');
  out.push(x);
  return out;
}

/** The lines from TLS on (our [Reason: …] line of a malformed packet left out: tshark has none). */
function tlsLines(lines: readonly string[]): string[] {
  return linesFrom(lines, /^Transport Layer Security/).filter((l) => !/^[0-9a-f]{4}  /.test(l) && !/^\s+\[Reason: /.test(l));
}

describe('TLS', () => {
  it('a real TLS 1.3 ClientHello: extensions, JA3, and the heuristic on port 4433', () => {
    const p = dissect(CLIENT_HELLO);
    expect([p.protocol, p.info]).toEqual(['TLSv1', 'Client Hello']);
    expect(fieldsOf(p, ['tls.handshake.ja3_full', 'tls.handshake.ja3', 'tls.handshake.extensions_server_name', 'tls.handshake.extensions.supported_version',
      'tls.handshake.extensions_key_share_group', 'tls.handshake.ciphersuite', 'tls.extension.psk_ke_mode', 'frame.protocols'])).toEqual({
      'tls.handshake.ja3_full': '771,4866-4867-4865-255,0-11-10-35-22-23-13-43-45-51,29-23-30-25-24-256-257-258-259-260,0-1-2',
      'tls.handshake.ja3': 'f146948b4a599d4d7ddf071b74696983',
      'tls.handshake.extensions_server_name': 'www.packetloom.test',
      'tls.handshake.extensions.supported_version': '0x0304',
      'tls.handshake.extensions_key_share_group': '29',
      'tls.handshake.ciphersuite': '0x1302,0x1303,0x1301,0x00ff',
      'tls.extension.psk_ke_mode': '1',
      'frame.protocols': 'eth:ethertype:ip:tcp:tls',
    });
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(CLIENT_HELLO);
  });

  it('crafted records on port 443 and on 4433 (heuristic) trees and columns as tshark shows them', () => {
    if (!HAVE_TSHARK) return;
    for (const port of [443, 4433]) {
      const segs = connections(port).flatMap((c) => c.segs).map((s, i) => ({ ...s, t: i * 0.001 }));
      const v = tsharkRun(segs, ['-V']).split('\n');
      const cols = tsharkRun(segs, ['-T', 'fields', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info']).trimEnd().split('\n');
      const starts = v.map((l, i) => (l.startsWith('Frame ') ? i : -1)).filter((i) => i >= 0);
      const diffs: string[] = [];
      // The dispatcher's catch on, as in tshark: case 5 is a [Malformed Packet] on both sides (a
      // bug of ours would show as "Dissector bug" instead, which tshark never prints).
      dissectSegs(segs, (d) => {
        const theirs = tlsLines(v.slice(starts[d.num - 1]!, starts[d.num] ?? v.length));
        const mine = tlsLines(treeLines(d.pinfo.tree));
        if (JSON.stringify(mine) !== JSON.stringify(theirs)) diffs.push(`port ${port} frame ${d.num} tree:\n  tshark ${JSON.stringify(theirs)}\n  ours   ${JSON.stringify(mine)}`);
        const row = `${d.protocol}\t${d.info}`;
        if (row !== cols[d.num - 1]) diffs.push(`port ${port} frame ${d.num} columns:\n  tshark ${JSON.stringify(cols[d.num - 1])}\n  ours   ${JSON.stringify(row)}`);
      }, new CaptureDissector());
      expect(diffs).toEqual([]);
      expect(cols.filter((c) => c.includes('[Malformed Packet]'))).toHaveLength(2);
    }
  });

  it('fixtures/own/tls.pcap and the corpus TLS: every TLS field as tshark has it', () => {
    if (!HAVE_TSHARK) return;
    const FIELDS = ['tls.record.content_type', 'tls.record.opaque_type', 'tls.record.version', 'tls.record.length', 'tls.handshake.type', 'tls.handshake.length',
      'tls.handshake.version', 'tls.handshake.random', 'tls.handshake.random_time', 'tls.handshake.session_id', 'tls.handshake.ciphersuite', 'tls.handshake.comp_method',
      'tls.handshake.extension.type', 'tls.handshake.extension.len', 'tls.handshake.extensions_server_name', 'tls.handshake.extensions_alpn_str', 'tls.handshake.extensions_supported_group',
      'tls.handshake.sig_hash_alg', 'tls.handshake.ja3', 'tls.handshake.ja3s_full', 'tls.handshake.certificate_length', 'tls.handshake.server_named_curve', 'tls.handshake.server_point',
      'tls.handshake.client_point', 'tls.handshake.sig', 'tls.handshake.session_ticket_lifetime_hint', 'tls.handshake.session_ticket', 'tls.app_data', 'tls.app_data_proto',
      'tls.alert_message', 'tls.change_cipher_spec', 'tls.handshake.cert_type', 'tls.handshake.dname_len', 'tcp.reassembled_in', 'tcp.segment', 'frame.protocols'];
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    for (const file of ['fixtures/own/tls.pcap', 'fixtures/corpus/pcpp-pcapng-example.pcapng']) {
      const path = root + file;
      const args = ['-n', '-r', path, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', '-Y', 'tls', '-e', 'frame.number', ...FIELDS.flatMap((f) => ['-e', f])];
      const env = { ...process.env, HOME: '/nonexistent', WIRESHARK_CONFIG_DIR: '/nonexistent' };
      const theirs = spawnSync('tshark', args, { encoding: 'utf8', env, maxBuffer: 1 << 26 }).stdout.trimEnd().split('\n');
      // The dispatcher's catch on, as tshark's: the corpus file has packets cut by its snap length.
      const d = new CaptureDissector();
      const mine = new Map<number, string>();
      readCaptureFile(path, (rec, meta, b) => {
        const p = d.dissect({ num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen }, b.buf.slice(b.start, b.end), true);
        const f = fieldsOf(p, FIELDS);
        mine.set(rec.num, [rec.num, ...FIELDS.map((n) => f[n])].join('\t'));
      });
      expect(theirs.length).toBeGreaterThan(20);
      for (const row of theirs) {
        const num = Number(row.split('\t')[0]);
        // pcapng-example's TLS runs inside MySQL (not dissected): tshark names MySQL as the application
        // protocol there. Certificates' X.509 contents are not dissected (their layers left out).
        const ours = mine.get(num)!;
        const fix = (s: string) => s.replace(/\tMySQL Protocol(,MySQL Protocol)*\t/, '\t\t').replace(/:mysql:tls$/, ':tls').replace(/(:x509\w+)+/g, '');
        expect(`${file} ${fix(ours)}`).toBe(`${file} ${fix(row)}`);
      }
    }
  });
});
