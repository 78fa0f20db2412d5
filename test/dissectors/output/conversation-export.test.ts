/**
 * The conversation export (dissectors/output/conversation-export.ts) against its JSON Schema
 * (conversation.schema.json, with ajv) for the TCP and UDP conversations of every corpus capture
 * — every conversation of half the files (every other file by name), the first three of each of
 * the others, to keep the run bounded — and its values against tshark: the conversation's frames
 * (tcp.stream / udp.stream), bytes each way, the ISNs of both SYNs, and the stream number in every
 * packet's tree. Plus the parts tshark has no equivalent for: payload bytes and message
 * boundaries against Follow TCP Stream, HTTP pairs and DNS answers on known captures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { exportConversation, ExportError, type ConversationExport, type ExportTreeNode } from '../../../dissectors/output/conversation-export.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const SCHEMA = JSON.parse(readFileSync(fileURLToPath(new URL('../../../dissectors/output/conversation.schema.json', import.meta.url)), 'utf8'));
const FILES = readdirSync(CORPUS).filter((n) => /\.pcap(ng)?$/.test(n)).sort();

const FRAME_NUMBERS_DIFFER = ['gopacket-pcapng-le-test102.pcapng', 'gopacket-pcapng-le-test202.pcapng'];

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(SCHEMA);

function exportOf(file: string, proto: 'tcp' | 'udp', stream: number): ConversationExport {
  const path = join(CORPUS, file);
  return exportConversation((visit) => void readCaptureFile(path, (rec) => visit(rec)), { file, format: file.endsWith('.pcapng') ? 'pcapng' : 'pcap' }, { proto, stream });
}

/** tshark's view of a file's conversations: per stream, its frames (not ICMP-quoted) with src, length and SYN data. */
function tsharkStreams(file: string, proto: 'tcp' | 'udp') {
  const fields = [`${proto}.stream`, 'frame.number', 'frame.len', 'ip.src', 'ipv6.src', `${proto}.srcport`, 'tcp.flags.syn', 'tcp.flags.ack', 'tcp.seq_raw'];
  const r = spawnSync('tshark', ['-n', '-r', join(CORPUS, file), '-Y', `${proto} && !icmp && !icmpv6`, '-T', 'fields', '-E', 'occurrence=f', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const streams = new Map<number, { frames: number[]; first: string; bytesFirst: number; bytesOther: number; synSeq?: number; synAckSeq?: number }>();
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const [s, no, len, src4, src6, sport, syn, ack, seqRaw] = line.split('\t');
    if (s === '') continue;
    const id = Number(s);
    const src = `${src4 || src6}:${sport}`;
    let e = streams.get(id);
    if (!e) streams.set(id, (e = { frames: [], first: src, bytesFirst: 0, bytesOther: 0 }));
    e.frames.push(Number(no));
    if (src === e.first) e.bytesFirst += Number(len);
    else e.bytesOther += Number(len);
    if (proto === 'tcp' && syn === '1') {
      if (ack === '1') e.synAckSeq ??= Number(seqRaw);
      else e.synSeq ??= Number(seqRaw);
    }
  }
  return streams;
}

function streamValues(nodes: readonly ExportTreeNode[], field: string, out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.field === field && n.value !== undefined) out.push(n.value);
    if (n.children) streamValues(n.children, field, out);
  }
  return out;
}

describe('conversation export: schema and tshark on the corpus', () => {
  let exported = 0;
  FILES.forEach((file, index) => {
    it(file, () => {
      for (const proto of ['tcp', 'udp'] as const) {
        const want = tsharkStreams(file, proto);
        const ids = [...want.keys()].sort((a, b) => a - b);
        const chosen = index % 2 === 0 ? ids : ids.slice(0, 3);
        for (const id of chosen) {
          const w = want.get(id)!;
          let doc: ConversationExport;
          try {
            doc = exportOf(file, proto, id);
          } catch (e) {
            // tshark numbers a stream whose only segment is malformed in TCP itself; we have no packet to export.
            if (e instanceof ExportError && file === 'pcpp-tcp-malformed.pcap') continue;
            throw e;
          }
          const ok = validate(doc);
          expect(ok, `${file} ${proto}:${id}: ${ajv.errorsText(validate.errors)}`).toBe(true);
          const where = `${file} ${proto}:${id}`;
          expect(doc.conversation.stream, where).toBe(id);
          // Frame numbers: our pcapng reader leaves out records tshark counts as frames in two files (test/corpus/known-differences.ts).
          if (!FRAME_NUMBERS_DIFFER.includes(file)) expect(doc.packets.map((p) => p.no), where).toEqual(w.frames);
          expect(doc.conversation.packets, where).toBe(w.frames.length);
          // Bytes each way: tshark's first sender is side A; map it onto client/server.
          const c = doc.conversation;
          const firstIsClient = `${c.client.address}:${c.client.port}` === w.first;
          expect(firstIsClient ? c.client.bytes : c.server.bytes, where).toBe(w.bytesFirst);
          expect(firstIsClient ? c.server.bytes : c.client.bytes, where).toBe(w.bytesOther);
          if (proto === 'tcp') {
            if (w.synSeq !== undefined && !c.rolesHeuristic) expect(c.handshake?.clientIsn, where).toBe(w.synSeq);
            if (w.synAckSeq !== undefined && !c.rolesHeuristic) expect(c.handshake?.serverIsn, where).toBe(w.synAckSeq);
            expect(c.outcome?.code, where).toMatch(/^[A-Z0-9]+$/);
          }
          for (const p of doc.packets) expect(streamValues(p.tree, `${proto}.stream`)[0], `${where} frame ${p.no}`).toBe(String(id));
          exported++;
        }
      }
    });
  });

  it('exported enough conversations to mean something', () => {
    expect(exported).toBeGreaterThan(150);
  });
});

describe('conversation export: payload, messages, states', () => {
  it('carries both byte streams as Follow TCP Stream shows them, with HTTP message boundaries and pairs', () => {
    const file = 'zeek-http-pipelined-requests.pcap';
    const doc = exportOf(file, 'tcp', 0);
    const r = spawnSync('tshark', ['-n', '-q', '-r', join(CORPUS, file), '-z', 'follow,tcp,raw,0'], { encoding: 'utf8' });
    let c2s = '';
    let s2c = '';
    const lines = r.stdout.split('\n').slice(6, -2);
    for (const l of lines) {
      if (l.startsWith('\t')) s2c += l.slice(1);
      else c2s += l;
    }
    const hex = (d: { encoding: string; data: string }) => (d.encoding === 'utf8' ? Buffer.from(d.data, 'utf8') : Buffer.from(d.data, 'base64')).toString('hex');
    // Node 0 of Follow is the first sender, the client here.
    expect(hex(doc.payload.c2s)).toBe(c2s);
    expect(hex(doc.payload.s2c)).toBe(s2c);
    expect(doc.payload.c2s.bytes).toBe(c2s.length / 2);
    // Message boundaries: HTTP messages tile the request stream in order.
    const msgs = doc.payload.c2s.messages;
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) expect(m.protocol).toBe('http');
    for (let i = 1; i < msgs.length; i++) expect(msgs[i]!.start).toBeGreaterThanOrEqual(msgs[i - 1]!.end);
    const requests = doc.messages.http.filter((x) => x.request);
    const tsharkRequests = spawnSync('tshark', ['-n', '-r', join(CORPUS, file), '-Y', 'http.request', '-T', 'fields', '-e', 'http.request.method', '-e', 'http.request.uri'], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(requests.map((x) => `${x.request!.method}\t${x.request!.uri}`)).toEqual(tsharkRequests.flatMap((l) => {
      const [m, u] = l.split('\t');
      const ms = m!.split(',');
      const us = u!.split(',');
      return ms.map((mm, i) => `${mm}\t${us[i]}`);
    }));
    const paired = doc.messages.http.filter((x) => x.request && x.response);
    expect(paired.length).toBeGreaterThan(0);
    for (const x of paired) {
      expect(x.response!.frame).toBeGreaterThanOrEqual(x.request!.frame);
      expect(x.request!.headers.find((h) => h.name.toLowerCase() === 'host')).toBeDefined();
      expect(x.time).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives every TCP packet both endpoint states and the handshake with ISNs and RTTs', () => {
    const doc = exportOf('pcpp-one_http_stream_fin.pcap', 'tcp', 0);
    expect(doc.packets[0]!.states).toMatchObject({ client: 'SYN-SENT', server: 'LISTEN' });
    expect(doc.packets.every((p) => p.states !== undefined)).toBe(true);
    expect(doc.packets.map((p) => p.dir).slice(0, 3)).toEqual(['c2s', 's2c', 'c2s']);
    expect(doc.conversation.outcome?.code).toBe('SF');
    const h = doc.conversation.handshake!;
    expect([h.synFrame, h.synAckFrame, h.ackFrame]).toEqual([1, 2, 3]);
    expect(h.rtt).toBeCloseTo(h.rttSynToSynAck! + h.rttSynAckToAck!, 9);
    expect(doc.conversation.client.mss).toBe(1460);
    // Offsets: the TCP source port item is two bytes at the start of the TCP header.
    const tcp = doc.packets[0]!.tree.find((n) => n.field === 'tcp')!;
    const sport = tcp.children!.find((n) => n.field === 'tcp.srcport')!;
    expect([sport.offset, sport.length, sport.value]).toEqual([tcp.offset, 2, String(doc.conversation.client.port)]);
  });

  it('pairs DNS queries with their answers and response time (UDP)', () => {
    const file = 'arkime-dns-wiresharkrepo.pcap';
    const doc = exportOf(file, 'udp', 0);
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    const tx = doc.messages.dns.filter((t) => t.query && t.response);
    expect(tx.length).toBeGreaterThan(0);
    const times = spawnSync('tshark', ['-n', '-r', join(CORPUS, file), '-Y', 'udp.stream == 0 && dns.time', '-T', 'fields', '-e', 'frame.number', '-e', 'dns.time'], { encoding: 'utf8' }).stdout.trim().split('\n');
    for (const line of times) {
      const [no, t] = line.split('\t');
      const x = doc.messages.dns.find((d) => d.response?.frame === Number(no))!;
      expect(x.time).toBeCloseTo(Number(t), 6);
    }
    // Record types by their mnemonic ("A", "AAAA", "*" for ANY), without the words after it.
    for (const t of tx) for (const q of t.query!.questions) expect(q.type).toMatch(/^([A-Z0-9-]+|\*)$/);
    for (const p of doc.packets) expect(p.states).toBeUndefined();
    expect(doc.payload.c2s.messages.length + doc.payload.s2c.messages.length).toBe(doc.packets.length);
  });

  it('passes MAC vendors through the lookup it is given, and refuses a conversation that does not exist', () => {
    const path = join(CORPUS, 'pcpp-one_http_stream_fin.pcap');
    const walk = (visit: (p: never) => void) => void readCaptureFile(path, (rec) => visit(rec as never));
    const doc = exportConversation(walk, { file: 'x', format: 'pcap' }, { proto: 'tcp', stream: 0, vendor: (mac) => (mac[2] === 0x66 ? 'Cisco-Linksys' : undefined) });
    expect(doc.conversation.client.vendor).toBe('Cisco-Linksys');
    expect(doc.conversation.server.vendor).toBeUndefined();
    expect(() => exportConversation(walk, { file: 'x', format: 'pcap' }, { proto: 'tcp', stream: 99 })).toThrow(ExportError);
    expect(() => exportConversation(walk, { file: 'x', format: 'pcap' }, { proto: 'udp', stream: -1 })).toThrow(ExportError);
  });
});
