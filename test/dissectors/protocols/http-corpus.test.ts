/**
 * HTTP on the captures against tshark 4.0, through the whole chain (frame, link, IP with its
 * fragment reassembly, TCP with its desegmentation): the http.* columns of every
 * fixtures/corpus/expected/<file>.fields.tsv and of fixtures/own/expected, and (when tshark is
 * installed) 47 http.* fields and the Info column of the HTTP captures, run on the spot.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFields } from '../../../dissectors/output/fields.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));

/** The captures with HTTP in them. */
const FILES: [dir: string, file: string][] = [
  [CORPUS, 'pcpp-http-packets2.pcap'], [CORPUS, 'zeek-http-pipelined-requests.pcap'], [CORPUS, 'suricata-http-pipeline-files-with-gap.pcap'],
  [CORPUS, 'scapy-http_chunk.pcap'], [CORPUS, 'suricata-http-chunked.pcap'], [CORPUS, 'zeek-http-post-large.pcap'], [CORPUS, 'ndpi-ipp.pcap'],
  [CORPUS, 'arkime-wireshark-retrans.pcap'], [CORPUS, 'pcpp-frag_http_req.pcap'], [CORPUS, 'pcpp-PartialHttpRequest.pcap'],
  [CORPUS, 'pcpp-one_http_stream_fin.pcap'], [CORPUS, 'pcpp-one_tcp_stream.pcap'], [OWN, 'handshake-http.pcapng'],
];

interface Ours {
  info: string;
  protocol: string;
  fields: string[];
}

function ours(path: string, names: readonly string[]): Map<number, Ours> {
  const out = new Map<number, Ours>();
  const d = new CaptureDissector();
  readCaptureFile(path, (rec) => {
    const p = d.dissect({ num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen }, rec.data.slice(), true);
    out.set(rec.num, { info: p.info, protocol: p.protocol, fields: extractFields(p.tree, names).map((v) => v.join(',')) });
  });
  return out;
}

describe('HTTP on the corpus', () => {
  it('matches the http.* columns of every expected TSV', () => {
    let cells = 0;
    const bad: string[] = [];
    const all: [string, string][] = [
      ...readdirSync(join(CORPUS, 'expected')).filter((f) => f.endsWith('.fields.tsv')).map((f): [string, string] => [CORPUS, f.slice(0, -'.fields.tsv'.length)]),
      ...readdirSync(join(OWN, 'expected')).filter((f) => f.endsWith('.fields.tsv')).map((f): [string, string] => [OWN, f.slice(0, -'.fields.tsv'.length)]),
    ];
    for (const [dir, file] of all) {
      const lines = readFileSync(join(dir, 'expected', `${file}.fields.tsv`), 'utf8').split('\n').filter((l) => l.length > 0);
      const header = lines[0]!.split('\t');
      const cols = header.filter((h) => h.startsWith('http.'));
      const idx = cols.map((c) => header.indexOf(c));
      const rows = lines.slice(1).map((l) => l.split('\t'));
      const got = ours(join(dir, file), cols);
      for (const row of rows) {
        const num = Number(row[0]);
        const o = got.get(num);
        cols.forEach((c, i) => {
          cells++;
          const want = row[idx[i]!] ?? '';
          if ((o?.fields[i] ?? '') !== want) bad.push(`${file} #${num} ${c}: ours ${JSON.stringify(o?.fields[i])} tshark ${JSON.stringify(want)}`);
        });
      }
    }
    expect(bad).toEqual([]);
    expect(cells).toBeGreaterThan(1000);
  });

  it('adds HTTP to frame.protocols where tshark does, and nothing for payloads that are not HTTP', { timeout: 60_000 }, () => {
    // Two captures with payloads on port 80 that are not HTTP (a body whose request was not
    // captured, a reassembled run of bytes): tshark shows them as TCP's alone.
    const files: [string, string][] = [...FILES, [CORPUS, 'zeek-tcp-reassembly.pcap'], [CORPUS, 'zeek-ipv6-http-atomic-frag.pcap']];
    const cfg = mkdtempSync(join(tmpdir(), 'packetloom-tshark-'));
    const bad: string[] = [];
    let frames = 0;
    // What follows "http" names the body's media type, for which tshark has dissectors we do not (image-gif, xml, json …).
    const upToHttp = (p: string) => (p.includes(':http:') ? p.slice(0, p.indexOf(':http:') + 5) : p);
    for (const [dir, file] of files) {
      const r = spawnSync('tshark', ['-n', '-r', join(dir, file), '-T', 'fields', '-e', 'frame.number', '-e', 'frame.protocols'], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, HOME: cfg, WIRESHARK_CONFIG_DIR: cfg } });
      const got = ours(join(dir, file), ['frame.protocols']);
      for (const line of r.stdout.split('\n').filter((l) => l.length > 0)) {
        const [num, want] = line.split('\t') as [string, string];
        const mine = got.get(Number(num))!.fields[0]!;
        frames++;
        if (upToHttp(mine) !== upToHttp(want)) bad.push(`${file} #${num}: ours ${mine} tshark ${want}`);
      }
    }
    expect(bad).toEqual([]);
    expect(frames).toBeGreaterThan(1000);
  });

  it('matches tshark run on the spot for the other http.* fields and the Info column', { timeout: 120_000 }, () => {
    const names = ['http.request', 'http.response', 'http.request.method', 'http.request.uri', 'http.request.version', 'http.request.full_uri',
      'http.response.version', 'http.response.code', 'http.response.code.desc', 'http.response.phrase', 'http.request.line', 'http.response.line',
      'http.host', 'http.user_agent', 'http.accept', 'http.accept_encoding', 'http.accept_language', 'http.referer', 'http.cookie',
      'http.set_cookie', 'http.connection', 'http.content_type', 'http.content_length_header', 'http.content_length', 'http.content_encoding',
      'http.transfer_encoding', 'http.server', 'http.location', 'http.cache_control', 'http.date', 'http.last_modified', 'http.authorization',
      'http.request_number', 'http.response_number', 'http.request_in', 'http.response_in', 'http.prev_request_in', 'http.prev_response_in',
      'http.next_request_in', 'http.next_response_in', 'http.time', 'http.response_for.uri', 'http.file_data', 'http.chunk_size',
      'http.chunk_data', 'http.chunked_trailer_part', 'http.unknown_header',
      // Form bodies (urlencoded-form.ts).
      'urlencoded-form.key', 'urlencoded-form.value'];
    const cfg = mkdtempSync(join(tmpdir(), 'packetloom-tshark-'));
    const esc = (s: string) => s.replace(/[\b\f\n\r\t]/g, (c) => ({ '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
    const bad: string[] = [];
    let cells = 0;
    for (const [dir, file] of FILES) {
      const args = ['-n', '-r', join(dir, file), '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', '-e', 'frame.number', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info', ...names.flatMap((n) => ['-e', n])];
      const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, HOME: cfg, WIRESHARK_CONFIG_DIR: cfg } });
      const got = ours(join(dir, file), names);
      for (const line of r.stdout.split('\n').filter((l) => l.length > 0)) {
        const row = line.split('\t');
        const num = Number(row[0]);
        const o = got.get(num)!;
        names.forEach((n, i) => {
          cells++;
          const want = row[i + 3] ?? '';
          const mine = esc(o.fields[i]!);
          if (mine !== want) bad.push(`${file} #${num} ${n}: ours ${JSON.stringify(mine.slice(0, 120))} tshark ${JSON.stringify(want.slice(0, 120))}`);
        });
        if (row[1] === 'HTTP') {
          if (o.info !== row[2] || o.protocol !== 'HTTP') bad.push(`${file} #${num} Info: ours ${JSON.stringify(o.info)} tshark ${JSON.stringify(row[2])}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(cells).toBeGreaterThan(10000);
  });
});
