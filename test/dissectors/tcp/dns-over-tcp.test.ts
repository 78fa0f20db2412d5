/**
 * DNS over TCP (two-byte length prefix, several messages per segment, one message over several)
 * and DNS query/response pairing over UDP and TCP, against what tshark 4.0's single pass shows:
 * static expectations read off tshark, and (with tshark installed) the corpus DNS captures and the
 * crafted ones compared cell by cell on the spot.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFields } from '../../../dissectors/output/fields.js';
import { runCli } from '../../electron/cli/run-cli.js';
import { dissectSegs, type Seg } from './craft.js';
import { dnsQuery, dnsResponse } from './desegment-scenarios.js';
import { compareFields } from './tshark-compare.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

const PAIRING = [
  'frame.number', 'frame.protocols', 'dns.id', 'dns.flags.response', 'dns.length', 'tcp.pdu.size', 'dns.response_in', 'dns.response_to',
  'dns.time', 'dns.unsolicited', 'dns.retransmission', 'dns.retransmit_request_in', 'dns.retransmit_response_in',
  'dns.retransmit_request', 'dns.retransmit_response', '_ws.col.Info',
];

function udp(src: string, dst: string, sport: number, dport: number, data: number[], t: number): Seg {
  return { udp: true, src, dst, sport, dport, seq: 0, flags: 0, data: Uint8Array.from(data), t };
}

describe('DNS over TCP', () => {
  it('reads tcpdump-dns_tcp.pcap as tshark does (length prefix, PDU size, pairing)', async () => {
    const res = await runCli(['-r', join(FIXTURES, 'corpus/tcpdump-dns_tcp.pcap'), '-T', 'fields', '-E', 'occurrence=a', '-e', 'frame.number',
      '-e', 'dns.length', '-e', 'tcp.pdu.size', '-e', 'dns.id', '-e', 'dns.response_to', '-e', 'dns.time', '-e', '_ws.col.Protocol']);
    const rows = res.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
    expect(rows[3]).toEqual(['4', '56', '58', '0x4319', '', '', 'DNS']);
    expect(rows[5]).toEqual(['6', '224', '226', '0x4319', '4', '0.125857000', 'DNS']);
  });

  it('puts Length first in the DNS tree and the PDU size in the TCP tree', () => {
    const c: Seg[] = [
      { src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 53, seq: 1, flags: 'PA', ack: 1, data: Uint8Array.from([0, 27, ...dnsQuery(0x4242, 'a.example')]) },
    ];
    dissectSegs(c, (d) => {
      const kids = d.pinfo.tree.children!;
      const tcp = kids.find((n) => n.field?.abbrev === 'tcp')!;
      const dns = kids.find((n) => n.field?.abbrev === 'dns')!;
      expect(tcp.children!.some((n) => n.field?.abbrev === 'tcp.pdu.size' && n.value === 29)).toBe(true);
      expect(dns.children![0]!.field?.abbrev).toBe('dns.length');
      expect(dns.children![0]!.value).toBe(27);
      expect(dns.children![1]!.field?.abbrev).toBe('dns.id');
      expect(extractFields(d.pinfo.tree, ['tcp.pdu.ranges'])[0]).toEqual(['1:0-28']);
    });
  });
});

describe('DNS query/response pairing', () => {
  // Query, repeated query (retransmission), response, repeated response; then an unsolicited
  // response, a query, the same query 5.5 s later (a new transaction), its response, and a late
  // duplicate response.
  const q = dnsQuery(0x8185, 'www.example.com');
  const r = dnsResponse(0x8185, 'www.example.com', [1, 2, 3, 4]);
  const q7 = dnsQuery(7, 'x.example');
  const r7 = dnsResponse(7, 'x.example', [5, 6, 7, 8]);
  const C = '10.0.0.138';
  const S = '10.0.0.1';
  const segs: Seg[] = [
    udp(C, S, 56520, 53, q, 0),
    udp(C, S, 56520, 53, q, 0.001),
    udp(S, C, 53, 56520, r, 0.0175),
    udp(S, C, 53, 56520, r, 0.018),
    udp(S, C, 53, 1234, r7, 1),
    udp(C, S, 1234, 53, q7, 1.5),
    udp(C, S, 1234, 53, q7, 7),
    udp(S, C, 53, 1234, r7, 8),
    udp(S, C, 53, 1234, r7, 70),
    // mDNS: a query to the group and responses from hosts (other conversations: unsolicited).
    udp('10.0.0.5', '224.0.0.251', 5353, 5353, dnsQuery(0, 'a.local'), 71),
    udp('10.0.0.6', '224.0.0.251', 5353, 5353, [...dnsResponse(0, 'a.local', [1, 1, 1, 1]).slice(0, 2), 0x84, 0, ...dnsResponse(0, 'a.local', [1, 1, 1, 1]).slice(4)], 71.1),
  ];

  it('shows request/response links, times, retransmissions and unsolicited responses', () => {
    const got: Record<number, string[][]> = {};
    dissectSegs(segs, (d) => {
      got[d.num] = extractFields(d.pinfo.tree, ['dns.response_to', 'dns.time', 'dns.unsolicited', 'dns.retransmission', 'dns.retransmit_request_in', 'dns.retransmit_response_in', 'dns.response_in']);
    });
    const row = (n: number) => got[n]!.map((v) => v.join(','));
    expect(row(1)).toEqual(['', '', '', '', '', '', '']);
    expect(row(2)).toEqual(['', '', '', '1', '1', '', '']);
    expect(row(3)).toEqual(['1', '0.017500000', '', '', '', '', '']);
    expect(row(4)).toEqual(['', '', '', '1', '', '3', '']);
    expect(row(5)).toEqual(['', '', '1', '', '', '', '']);
    expect(row(6)).toEqual(['', '', '', '', '', '', '']);
    expect(row(7)).toEqual(['', '', '', '', '', '', '']);
    expect(row(8)).toEqual(['7', '1.000000000', '', '', '', '', '']);
    expect(row(9)).toEqual(['', '', '', '1', '', '8', '']);
    expect(row(11)).toEqual(['', '', '1', '', '', '', '']);
  });

  it('puts the retransmission expert item on the transaction ID', () => {
    dissectSegs(segs.slice(0, 2), (d) => {
      if (d.num !== 2) return;
      const dns = d.pinfo.tree.children!.find((n) => n.field?.abbrev === 'dns')!;
      const id = dns.children!.find((n) => n.field?.abbrev === 'dns.id')!;
      expect(id.children?.[0]?.expert?.message).toBe('DNS query retransmission. Original request in frame 1');
    });
  });

  it('matches tshark on the crafted pairs', async () => {
    const r = await compareFields(segs, PAIRING);
    expect(r.diffs).toEqual([]);
  });

  const CAPTURES = [
    'corpus/pcpp-DnsPackets.pcap', 'corpus/arkime-dns-wiresharkrepo.pcap', 'own/dns-udp.pcap', 'corpus/tcpdump-dns_tcp.pcap',
    'corpus/zeek-ipv6-fragmented-dns.pcap', 'corpus/zeek-icmp-destunreach-udp.pcap', 'corpus/pcpp-DnsTooManyResources.pcap',
    'corpus/zeek-dns-invalid-names.pcap', 'corpus/tcpdump-dns-badlabel.pcap', 'corpus/dpkt-truncated_dns_2.pcap', 'corpus/pcpp-sll.pcap',
  ];
  for (const cap of CAPTURES) {
    it(`matches tshark on ${cap}`, async () => {
      const path = join(FIXTURES, cap);
      const args = ['-r', path, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,'];
      for (const f of PAIRING) args.push('-e', f);
      const ours = (await runCli(args)).stdout.split('\n');
      const home = mkdtempSync(join(tmpdir(), 'pl-dns-'));
      const theirs = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', env: { ...process.env, HOME: home, WIRESHARK_CONFIG_DIR: home }, maxBuffer: 1 << 26 }).stdout.split('\n');
      const bad: string[] = [];
      theirs.forEach((line, i) => {
        const a = line.split('\t');
        const b = (ours[i] ?? '').split('\t');
        PAIRING.forEach((f, j) => {
          // frame.protocols and Info also depend on dissectors Packetloom does not have (other UDP protocols).
          if ((f === 'frame.protocols' || f === '_ws.col.Info') && !/dns/.test(a[1] ?? '')) return;
          if ((a[j] ?? '') !== (b[j] ?? '')) bad.push(`frame ${i + 1} ${f}: tshark ${JSON.stringify(a[j])}, packetloom ${JSON.stringify(b[j])}`);
        });
      });
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});
