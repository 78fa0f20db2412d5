/**
 * `-d <layer type>==<selector>,<protocol>` (Decode As, dissectors/decode-as.ts): the same packets,
 * trees and fields as tshark's with the same entries — on our capture of DNS on port 5300 over UDP
 * and TCP (fixtures/make-captures.sh decode-as: DNS over TCP reassembled across segments once the
 * port is DNS's), and on corpus captures whose ports, EtherTypes and IP protocols are handed
 * elsewhere (to data, to another name service, a range of ports, a later entry over an earlier
 * one). Bad values get tshark's message on one line, and exit 2.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layerProblems } from '../../helpers/vtext-known.js';
import { vtextLayers } from '../../helpers/vtext-layers.js';
import { runCli } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OWN = join(ROOT, 'fixtures', 'own', 'decode-as.pcap');
const corpus = (f: string) => join(ROOT, 'fixtures', 'corpus', f);
const BIN = join(ROOT, 'bin', 'packetloom.js');
const AS_DNS = ['-d', 'udp.port==5300,dns', '-d', 'tcp.port==5300,dns'];

function tshark(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(r.error).toBeUndefined();
  return { stdout: r.stdout, stderr: r.stderr.replace(/^Running as user.*\n/m, ''), status: r.status };
}

const summary = async (args: string[]) => (await runCli(['-n', ...args])).stdout;

describe('-d (Decode As)', () => {
  it('shows DNS on port 5300 only with -d, over UDP and over TCP, as tshark', async () => {
    const plain = await summary(['-r', OWN]);
    expect(plain).toBe(tshark(['-r', OWN]).stdout);
    // Without -d the TCP messages are data (the UDP ones are DNS by Wireshark's DNS-over-UDP heuristic).
    expect(plain).toMatch(/TCP 178 40155 → 5300 \[PSH, ACK\]/);
    const decoded = await summary(['-r', OWN, ...AS_DNS]);
    expect(decoded).toBe(tshark(['-r', OWN, ...AS_DNS]).stdout);
    expect(decoded).toMatch(/DNS \d+ Standard query 0x4104 SRV _http._tcp.packetloom.test\n/);
    expect(decoded).toMatch(/DNS \d+ Standard query response 0x4104 SRV/);
  });

  it('gives the same fields, pairs, reassembly, filters and expert items as tshark', async () => {
    const cases: string[][] = [
      ['-T', 'fields', '-E', 'header=y', '-e', 'frame.number', '-e', 'frame.protocols', '-e', 'dns.id', '-e', 'dns.qry.name', '-e', 'dns.response_in',
        '-e', 'dns.response_to', '-e', 'dns.time', '-e', 'tcp.reassembled_in', '-e', 'tcp.segment', '-e', 'dns.a', '-e', 'dns.aaaa'],
      ['-Y', 'dns.flags.response == 1 && tcp'],
      ['-Y', 'dns.qry.type == 33'],
      ['-2', '-Y', 'dns.response_in'],
      ['-q', '-z', 'expert'],
      ['-q', '-z', 'io,phs'],
    ];
    for (const extra of cases) {
      const args = ['-r', OWN, ...AS_DNS, ...extra];
      expect(await summary(args), extra.join(' ')).toBe(tshark(args).stdout);
    }
  });

  it('decodes the trees as tshark (-V, layer by layer; our TCP endpoint states aside)', async () => {
    const args = ['-n', '-r', OWN, ...AS_DNS, '-V'];
    const theirs = vtextLayers(tshark(args.slice(1)).stdout, false);
    const ours = vtextLayers((await runCli(args)).stdout, true);
    let compared = 0;
    const problems = layerProblems('tshark', theirs, ours, undefined, () => compared++);
    expect(compared).toBeGreaterThan(20);
    expect(problems, problems.join('\n\n')).toEqual([]);
  });

  it('hands ports, IP protocols and EtherTypes to other protocols on corpus captures, as tshark', async () => {
    const cases: [string, string[]][] = [
      ['arkime-dns-wiresharkrepo.pcap', ['-d', 'udp.port==53,data']],
      ['arkime-dns-wiresharkrepo.pcap', ['-d', 'udp.port==53,nbns']],
      ['arkime-dns-wiresharkrepo.pcap', ['-d', 'udp.port==50-60,data', '-d', 'udp.port==53,dns']],
      ['arkime-dns-wiresharkrepo.pcap', ['-d', 'ip.proto==17,data']],
      ['scapy-http_chunk.pcap', ['-d', 'tcp.port==80,data']],
      ['scapy-http_chunk.pcap', ['-d', 'tcp.port==5228,http']],
      ['arkime-tcpseq_synthetic.pcap', ['-d', 'tcp.port==8000:5,http']],
      ['zeek-icmp_dot1q.pcap', ['-d', 'ethertype==0x0800,data']],
      ['arkime-cloudshark-arp.pcap', ['-d', 'ethertype==0x0806,data']],
      ['zeek-icmp_dot1q.pcap', ['-d', 'ethertype==0x8100,data']],
    ];
    for (const [file, d] of cases) {
      const args = ['-r', corpus(file), ...d];
      expect(await summary(args), `${file} ${d.join(' ')}`).toBe(tshark(args).stdout);
      const fields = [...args, '-T', 'fields', '-e', 'frame.protocols', '-e', 'data.len', '-e', 'http.request.uri', '-e', 'dns.qry.name'];
      expect(await summary(fields), `${file} ${d.join(' ')} fields`).toBe(tshark(fields).stdout);
    }
  });

  it('applies on every path: several threads, -2, the conversation export', async () => {
    const one = await runCli(['-r', OWN, ...AS_DNS]);
    const threaded = spawnSync(process.execPath, [BIN, '-r', OWN, ...AS_DNS], { env: { ...process.env, PACKETLOOM_THREADS: '2' }, encoding: 'utf8' });
    expect({ code: threaded.status, stdout: threaded.stdout, stderr: threaded.stderr }).toEqual(one);
    expect(one.stdout).toContain('DNS');
    const twoPass = await runCli(['-n', '-2', '-r', OWN, ...AS_DNS]);
    expect(twoPass.stdout).toBe(tshark(['-2', '-r', OWN, ...AS_DNS]).stdout);
    const exported = JSON.parse((await runCli(['-r', OWN, ...AS_DNS, '--export-conversation', 'tcp:0'])).stdout) as { messages?: unknown; application?: { dns?: unknown[] } } & Record<string, unknown>;
    const plainExport = JSON.parse((await runCli(['-r', OWN, '--export-conversation', 'tcp:0'])).stdout) as Record<string, unknown>;
    const text = JSON.stringify(exported);
    expect(text).toContain('_http._tcp.packetloom.test');
    expect(JSON.stringify(plainExport)).not.toContain('"dns.qry.name"');
  });

  it('refuses what tshark refuses, with its message on one line and exit 2', async () => {
    const bad: [string, RegExp][] = [
      ['foo', /Parameter "foo" doesn't follow the template "<layer_type>==<selector>,<decode_as_protocol>"; Unknown layer type -- foo \(valid layer types: ethertype, gre.proto, ip.proto, tcp.port, udp.port\)/],
      ['tcp.porx==80,http', /Unknown layer type -- tcp.porx/],
      ['tcp.port==80', /doesn't follow the template.*\(valid protocols: data, dns, http, tls\)/],
      ['tcp.port==80,nosuch', /Unknown protocol -- "nosuch"/],
      ['udp.port==53,http', /Protocol "http" isn't valid for layer type "udp.port" \(valid protocols: data, dhcp, dns, llmnr, mdns, nbns, ssdp\)/],
      ['tcp.port==abc,http', /Invalid selector number "abc"/],
      ['tcp.port==80-,http', /Invalid selector numeric range "80-"/],
      ['tcp.port==-5,http', /Invalid selector number "-5"|Invalid selector numeric range "-5"/],
      ['tcp.port==70000,http', /Invalid selector numeric range "70000" for tcp.port \(0 to 65535\)/],
    ];
    for (const [arg, message] of bad) {
      const r = await runCli(['-r', OWN, '-d', arg]);
      expect(r.code, arg).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n').filter((l) => l)).toHaveLength(1);
      expect(r.stderr, arg).toMatch(message);
    }
    // tshark's own first line says the same for the messages it shares with ours.
    for (const arg of ['foo', 'tcp.port==80,nosuch', 'udp.port==53,http', 'tcp.port==abc,http', 'tcp.port==80-,http']) {
      const first = tshark(['-r', OWN, '-d', arg]).stderr.split('\n')[0]!.replace(/^tshark: /, '');
      expect((await runCli(['-r', OWN, '-d', arg])).stderr, arg).toContain(first);
    }
    // One "=": tshark's warning, and the entry is taken.
    const one = await runCli(['-n', '-r', OWN, '-d', 'tcp.port=5300,dns', '-d', 'udp.port==5300,dns']);
    expect(one.code).toBe(0);
    expect(one.stderr).toBe('packetloom: WARNING: -d requires "==" instead of "=". Option will be treated as "tcp.port==5300,dns"\n');
    expect(one.stdout).toBe(tshark(['-r', OWN, ...AS_DNS]).stdout);
  });
});
