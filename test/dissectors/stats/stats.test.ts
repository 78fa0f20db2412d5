/**
 * The accumulators of dissectors/stats through their own API (what the engine calls), checked
 * against tshark's fields and capinfos on corpus files: per-conversation packet and byte counts
 * each way from `tshark -T fields`, the TCP extras against the tracker's connection summaries,
 * endpoints against conversations, expert rows, the hierarchy's totals, capture properties
 * against capinfos.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CaptureMeta, PacketRecord } from '../../../dissectors/capture/types.js';
import type { FrameMeta } from '../../../dissectors/core/pinfo.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { CapturePropertiesCollector } from '../../../dissectors/stats/capture-properties.js';
import { ConversationTable, EndpointTable } from '../../../dissectors/stats/conversations.js';
import { ExpertTable } from '../../../dissectors/stats/expert.js';
import { ProtocolHierarchy } from '../../../dissectors/stats/protocol-hierarchy.js';
import { tcpConnections } from '../../../dissectors/tcp/tracker.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import type { ConvKind } from '../../../electron/api/contract.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));

function frameMeta(rec: PacketRecord): FrameMeta {
  return { num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen };
}

/** Reads a corpus file through the accumulators (tree built when `full`). */
function run(file: string, full = false) {
  const d = new CaptureDissector();
  const kinds: ConvKind[] = ['eth', 'ipv4', 'ipv6', 'tcp', 'udp'];
  const conv = new Map(kinds.map((k) => [k, new ConversationTable(k)] as const));
  const ends = new Map(kinds.map((k) => [k, new EndpointTable(k)] as const));
  const expert = new ExpertTable();
  const phs = new ProtocolHierarchy();
  const props = new CapturePropertiesCollector();
  let meta: CaptureMeta | null = null;
  const res = readCaptureFile(join(CORPUS, file), (rec, m) => {
    meta = m;
    props.add(rec);
    const p = d.dissect(frameMeta(rec), rec.data, full);
    for (const t of conv.values()) t.add(p);
    for (const t of ends.values()) t.add(p);
    if (full) {
      expert.addTree(p.tree, rec.num);
      phs.addTree(p.tree, rec.origLen);
    }
  });
  return { d, conv, ends, expert, phs, props, meta: meta ?? res.meta, error: res.error };
}

function tsharkFields(file: string, fields: string[], filter?: string): string[][] {
  const args = ['-n', '-r', join(CORPUS, file), '-T', 'fields', ...fields.flatMap((f) => ['-e', f])];
  if (filter) args.push('-Y', filter);
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  return r.stdout.split('\n').filter((l) => l).map((l) => l.split('\t'));
}

describe('ConversationTable', () => {
  it('counts each TCP stream both ways as tshark does (tcp.stream, frame.len, direction)', () => {
    for (const file of ['zeek-http-pipelined-requests.pcap', 'pcpp-http-packets2.pcap', 'tcpdump-dns_tcp.pcap', 'arkime-wireshark-retrans.pcap']) {
      const { conv } = run(file);
      const rows = conv.get('tcp')!.rows();
      const want = new Map<number, { a: string; ab: number; abBytes: number; ba: number; baBytes: number }>();
      for (const [stream, len, src, sport] of tsharkFields(file, ['tcp.stream', 'frame.len', 'ip.src', 'tcp.srcport'], 'tcp')) {
        const s = Number(stream);
        let w = want.get(s);
        if (!w) want.set(s, (w = { a: `${src}:${sport}`, ab: 0, abBytes: 0, ba: 0, baBytes: 0 }));
        if (`${src}:${sport}` === w.a) { w.ab++; w.abBytes += Number(len); } else { w.ba++; w.baBytes += Number(len); }
      }
      expect(rows.length, file).toBe(want.size);
      for (const r of rows) {
        const w = want.get(r.stream!)!;
        expect(`${r.addressA}:${r.portA}`, file).toBe(w.a);
        expect([r.packetsAtoB, r.bytesAtoB, r.packetsBtoA, r.bytesBtoA], `${file} stream ${r.stream}`).toEqual([w.ab, w.abBytes, w.ba, w.baBytes]);
        expect(r.packets).toBe(r.packetsAtoB + r.packetsBtoA);
        expect(r.filter).toBe(`tcp.stream eq ${r.stream}`);
      }
    }
  });

  it('gives TCP rows the outcome, history and handshake RTT of the connection summary', () => {
    const { d, conv } = run('pcpp-one_http_stream_fin.pcap');
    const rows = conv.get('tcp')!.rows();
    const infos = tcpConnections(d.ctx);
    expect(rows.length).toBe(infos.length);
    for (const r of rows) {
      const c = infos.find((i) => i.stream === r.stream)!;
      expect(r.outcome).toBe(c.connState);
      expect(r.outcomeText).toBe(c.connStateText);
      expect(r.history).toBe(c.history);
      expect(r.handshakeRtt).toBe(c.handshake.rtt ?? undefined);
    }
    // This capture holds one complete connection: handshake, data, FIN both ways.
    expect(rows[0]!.outcome).toBe('SF');
    expect(rows[0]!.handshakeRtt).toBeGreaterThan(0);
  });

  it('numbers UDP conversations by udp.stream, with the first sender as A', () => {
    const file = 'pcpp-DnsPackets.pcap';
    const { conv } = run(file);
    const rows = conv.get('udp')!.rows();
    const first = new Map<number, string>();
    const count = new Map<number, number>();
    for (const [stream, src4, src6, sport] of tsharkFields(file, ['udp.stream', 'ip.src', 'ipv6.src', 'udp.srcport'], 'udp && !icmp')) {
      const s = Number(stream);
      if (!first.has(s)) first.set(s, `${src4 || src6}:${sport}`);
      count.set(s, (count.get(s) ?? 0) + 1);
    }
    expect(rows.map((r) => r.stream)).toEqual([...first.keys()]);
    for (const r of rows) {
      expect(`${r.addressA}:${r.portA}`).toBe(first.get(r.stream!));
      expect(r.packets).toBe(count.get(r.stream!));
    }
  });

  it('keys Ethernet and IP conversations by address pair and adds vendors where the lookup knows them', () => {
    const { conv } = run('arkime-wireshark-retrans.pcap');
    const eth = conv.get('eth')!.rows({ vendor: (mac) => (mac[0] === 0x00 && mac[1] === 0x19 ? 'TestVendor' : undefined) });
    expect(eth).toHaveLength(1);
    expect(eth[0]!.filter).toBe(`eth.addr==${eth[0]!.addressA} && eth.addr==${eth[0]!.addressB}`);
    expect([eth[0]!.vendorA, eth[0]!.vendorB].filter(Boolean)).toEqual(['TestVendor']);
    const ip = conv.get('ipv4')!.rows();
    expect(ip).toHaveLength(1);
    expect(ip[0]!.packets).toBe(108);
    expect(ip[0]!.duration).toBeCloseTo(30.872, 3);
  });
});

describe('EndpointTable', () => {
  it('makes every packet one transmission and one reception (totals twice the conversations\')', () => {
    for (const file of ['pcpp-http-packets2.pcap', 'zeek-ipv6-fragmented-dns.pcap', 'pcpp-DnsPackets.pcap']) {
      const { conv, ends } = run(file);
      for (const k of ['eth', 'ipv4', 'ipv6', 'tcp', 'udp'] as const) {
        const convPackets = conv.get(k)!.rows().reduce((s, r) => s + r.packets, 0);
        const rows = ends.get(k)!.rows();
        expect(rows.reduce((s, r) => s + r.txPackets, 0), `${file} ${k}`).toBe(convPackets);
        expect(rows.reduce((s, r) => s + r.rxPackets, 0), `${file} ${k}`).toBe(convPackets);
        for (const r of rows) expect(r.packets).toBe(r.txPackets + r.rxPackets);
        if (k === 'tcp' || k === 'udp') for (const r of rows) expect(r.port).toBeTypeOf('number');
      }
    }
  });
});

describe('ExpertTable and ProtocolHierarchy', () => {
  it('groups expert items by severity, protocol and summary, with their packets', () => {
    const { expert } = run('arkime-wireshark-retrans.pcap', true);
    const rows = expert.rows();
    const order = ['error', 'warning', 'note', 'chat'];
    for (let i = 1; i < rows.length; i++) expect(order.indexOf(rows[i]!.severity)).toBeGreaterThanOrEqual(order.indexOf(rows[i - 1]!.severity));
    const retrans = rows.find((r) => r.summary === 'This frame is a (suspected) retransmission')!;
    expect(retrans).toMatchObject({ severity: 'note', group: 'Sequence', protocol: 'TCP', count: 47 });
    const frames = tsharkFields('arkime-wireshark-retrans.pcap', ['frame.number'], '_ws.expert.message == "This frame is a (suspected) retransmission"');
    expect(retrans.packets).toEqual(frames.map((f) => Number(f[0])));
  });

  it('counts every frame at the top of the hierarchy and the end packets at the leaves', () => {
    const { phs } = run('zeek-http-pipelined-requests.pcap', true);
    const roots = phs.roots();
    expect(roots.map((r) => r.name)).toEqual(['eth']);
    expect(roots[0]!.frames).toBe(phs.frames);
    const sumLast = (n: (typeof roots)[number]): number => n.framesLast + n.children.reduce((s, c) => s + sumLast(c), 0);
    expect(sumLast(roots[0]!)).toBe(phs.frames);
  });
});

describe('CapturePropertiesCollector', () => {
  function capinfos(file: string): Record<string, string> {
    const r = spawnSync('capinfos', ['-M', join(CORPUS, file)], { encoding: 'utf8' });
    const out: Record<string, string> = {};
    for (const line of r.stdout.split('\n')) {
      const m = /^([^:]+):\s+(.*)$/.exec(line);
      if (m) out[m[1]!.trim()] = m[2]!.trim();
    }
    return out;
  }

  for (const file of ['zeek-pcapng-multi-interface.pcapng', 'pcpp-http-packets2.pcap', 'tcpdump-tcp-handshake-nano.pcap', 'pcpp-sll.pcap']) {
    it(`agrees with capinfos on ${file}`, () => {
      const { props, meta, error } = run(file);
      const path = join(CORPUS, file);
      const p = props.properties(path, statSync(path).size, meta, error);
      const c = capinfos(file);
      expect(p.packets).toBe(Number(c['Number of packets']));
      expect(`${p.fileSize} bytes`).toBe(c['File size']);
      expect(`${p.dataBytes} bytes`).toBe(c['Data size']);
      expect(p.duration.toFixed(6)).toBe(Number.parseFloat(c['Capture duration']!).toFixed(6));
      expect(p.averagePacketSize.toFixed(2)).toBe(Number.parseFloat(c['Average packet size']!).toFixed(2));
      expect(p.format).toBe(c['File type']!.startsWith('pcapng') ? 'pcapng' : 'pcap');
      if (p.duration > 0) expect(p.averagePacketsPerSecond.toFixed(2)).toBe(Number.parseFloat(c['Average packet rate']!).toFixed(2));
      if (p.format === 'pcapng') expect(p.interfaces.length).toBe(Number(c['Number of interfaces in file']));
    });
  }
});
