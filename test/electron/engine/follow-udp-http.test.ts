/**
 * The engine's `follow` of a UDP stream and of a TCP stream as HTTP (what the app's Follow UDP
 * Stream and Follow HTTP Stream show) against tshark's `-z follow,udp|http,yaml,N`: the same
 * chunks, frames, peers and bytes, for every UDP stream of captures with DNS over IPv4 and IPv6, a
 * cooked capture, UDP-Lite and ICMP errors that quote UDP (those are not part of the stream:
 * Wireshark's follow tap never fires inside an error packet), and every TCP stream of captures with
 * chunked, gzip-encoded, pipelined and segmented HTTP.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { engines, indexed, ok } from '../../helpers/engine-calls.js';
import { decodeChunks, ebcdicText, followAsText } from '../../../renderer/features/follow/model.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = [
  'fixtures/corpus/arkime-dns-wiresharkrepo.pcap',
  'fixtures/corpus/zeek-ipv6-fragmented-dns.pcap',
  'fixtures/corpus/pcpp-sll.pcap',
  'fixtures/corpus/pcpp-IcmpPackets.pcap',
  'fixtures/own/udplite.pcap',
  'fixtures/own/dhcp.pcap',
];
const make = engines();

interface Chunk {
  frame: number;
  peer: number;
  bytes: string;
}

/** tshark's yaml follow of one UDP stream: the peers ("host:port", IPv6 bracketed) and the chunks. */
function tsharkFollow(path: string, stream: number, proto: 'udp' | 'http' = 'udp'): { peers: string[]; chunks: Chunk[] } {
  const r = spawnSync('tshark', ['-n', '-r', path, '-q', '-z', `follow,${proto},yaml,${stream}`], { encoding: 'utf8' });
  const text = r.stdout;
  const peers = [...text.matchAll(/ {4}host: (.*)\n {4}port: (\d+)\n/g)].map((m) => (m[1]!.includes(':') ? `[${m[1]}]:${m[2]}` : `${m[1]}:${m[2]}`));
  const chunks = [...text.matchAll(/- packet: (\d+)\n {4}peer: (\d)\n {4}timestamp: \S+\n {4}data: !!binary \|\n((?: {6}\S+\n)*)/g)].map((m) => ({
    frame: Number(m[1]),
    peer: Number(m[2]),
    bytes: Buffer.from(m[3]!.replace(/\s+/g, ''), 'base64').toString('hex'),
  }));
  return { peers, chunks };
}

describe('engine: follow a UDP stream', () => {
  it('gives the datagrams tshark follows, stream by stream', async () => {
    const e = make();
    let compared = 0;
    for (const rel of FILES) {
      const path = join(ROOT, rel);
      const s = await ok(e.call('openFile', { path }));
      await indexed(e, s.id);
      const convs = await ok(e.call('conversations', { session: s.id, kind: 'udp' }));
      for (const c of convs) {
        const stream = c.stream!;
        const want = tsharkFollow(path, stream);
        const f = await ok(e.call('follow', { session: s.id, proto: 'udp', stream }));
        const got = f.chunks.map((x) => ({ frame: x.no, peer: x.dir === 'c2s' ? 0 : 1, bytes: Buffer.from(x.bytes, 'base64').toString('hex') }));
        expect(got, `${rel} udp.stream ${stream}`).toEqual(want.chunks);
        if (want.chunks.length) expect([f.client, f.server], `${rel} udp.stream ${stream}`).toEqual(want.peers);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  }, 120_000);

  it('follows a TCP stream as HTTP as tshark -z follow,http does: headers, then bodies de-chunked and decompressed', async () => {
    const e = make();
    let compared = 0;
    let chunks = 0;
    for (const rel of ['fixtures/corpus/scapy-http_chunk.pcap', 'fixtures/corpus/zeek-http-pipelined-requests.pcap', 'fixtures/corpus/pcpp-http-packets2.pcap', 'fixtures/own/http-loss.pcap', 'fixtures/corpus/zeek-http-post-large.pcap']) {
      const path = join(ROOT, rel);
      const s = await ok(e.call('openFile', { path }));
      await indexed(e, s.id);
      for (const c of await ok(e.call('conversations', { session: s.id, kind: 'tcp' }))) {
        const stream = c.stream!;
        const want = tsharkFollow(path, stream, 'http');
        const f = await ok(e.call('follow', { session: s.id, proto: 'http', stream }));
        const got = f.chunks.map((x) => ({ frame: x.no, peer: x.dir === 'c2s' ? 0 : 1, bytes: Buffer.from(x.bytes, 'base64').toString('hex') }));
        expect(got, `${rel} tcp.stream ${stream} as HTTP`).toEqual(want.chunks);
        if (want.chunks.length) expect([f.client, f.server], `${rel} tcp.stream ${stream}`).toEqual(want.peers);
        // Each chunk is one message boundary: a start line, or the body.
        if (got.length) expect(f.messages.map((m) => m.label).filter((l) => /^(GET|POST|HTTP\/)/.test(l)).length).toBeGreaterThan(0);
        chunks += got.length;
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(8);
    expect(chunks).toBeGreaterThan(100);
    const bad = await e.call('follow', { session: (await ok(e.call('openFile', { path: join(ROOT, FILES[0]!) }))).id, proto: 'http', stream: 0 });
    expect(bad.ok).toBe(false);
  }, 120_000);

  it('gives each chunk the time tshark\'s yaml follow writes: the app saves a follow as tshark -z follow,…,yaml prints it', async () => {
    const e = make();
    for (const [rel, proto, stream] of [['fixtures/corpus/pcpp-one_http_stream_fin.pcap', 'tcp', 0], ['fixtures/corpus/arkime-dns-wiresharkrepo.pcap', 'udp', 1], ['fixtures/corpus/zeek-http-pipelined-requests.pcap', 'http', 0]] as const) {
      const path = join(ROOT, rel);
      const s = await ok(e.call('openFile', { path }));
      await indexed(e, s.id);
      const f = await ok(e.call('follow', { session: s.id, proto, stream }));
      const want = spawnSync('tshark', ['-n', '-r', path, '-q', '-z', `follow,${proto},yaml,${stream}`], { encoding: 'utf8' }).stdout;
      expect(followAsText(decodeChunks(f), 'yaml', f.client, f.server), `${rel} ${proto} ${stream}`).toBe(want);
      // EBCDIC: tshark's text of each chunk (a length line, then that many characters and a newline).
      const eb = spawnSync('tshark', ['-n', '-r', path, '-q', '-z', `follow,${proto},ebcdic,${stream}`], { encoding: 'latin1' }).stdout;
      const texts: string[] = [];
      let at = eb.indexOf('\n', eb.indexOf('Node 1:')) + 1;
      for (let m = /^\t?(\d+)\n/.exec(eb.slice(at)); m; m = /^\t?(\d+)\n/.exec(eb.slice(at))) {
        at += m[0].length;
        texts.push(eb.slice(at, at + Number(m[1])));
        at += Number(m[1]) + 1;
      }
      expect(texts.length).toBe(f.chunks.length);
      expect(decodeChunks(f).map((c) => ebcdicText(c.data))).toEqual(texts);
    }
  });

  it('refuses a stream that is not there, as a value', async () => {
    const e = make();
    const s = await ok(e.call('openFile', { path: join(ROOT, FILES[0]!) }));
    await indexed(e, s.id);
    const r = await e.call('follow', { session: s.id, proto: 'udp', stream: 999 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/no UDP stream 999/);
  });
});
