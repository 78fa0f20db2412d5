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
import { dissectSegs, HAVE_TSHARK, tsharkRun } from '../tcp/craft.js';
import { connections } from './tls-craft.js';
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
