/**
 * `-O proto[,proto…]`: the packet details of only those protocols, every other top-level item as
 * its one line — equal to tshark's on captures whose full `-V` equals tshark's (VLAN tags, SLL2,
 * ICMP errors quoting a datagram, neighbour discovery, DHCP, DNS over IPv6 fragments, a cut DNS
 * message, a malformed TCP header, pcapng with several interfaces).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = [
  'corpus/tcpdump-802.1ad_QinQ.pcap', 'corpus/zeek-icmp-destunreach-udp.pcap', 'corpus/dpkt-truncated_dns_2.pcap',
  'corpus/zeek-linux_dlt_sll2.pcap', 'corpus/zeek-pcapng-multi-interface.pcapng', 'corpus/zeek-icmp6-nd-options.pcap',
  'own/dhcp.pcap', 'corpus/arkime-dns-wiresharkrepo.pcap', 'corpus/zeek-ipv6-fragmented-dns.pcap',
  'corpus/arkime-cloudshark-arp.pcap', 'corpus/tcpdump-tcp_header_heapoverflow.pcap',
].map((f) => join(ROOT, 'fixtures', f));
const LISTS = ['ip,udp', 'dns,eth', 'icmp,icmpv6,arp,frame,dhcp,tcp'];

/** tshark's standard output (a capture cut short ends with a message on stderr and status 2, ours too). */
function tshark(args: string[]): string {
  const r = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(r.error).toBeUndefined();
  return r.stdout;
}

describe('-O', () => {
  it('shows only the listed protocols in full, as tshark', async () => {
    for (const f of FILES) {
      for (const list of LISTS) {
        const args = ['-r', f, '-O', list];
        const ours = await runCli(['-n', ...args]);
        expect(ours.stdout, `${f} -O ${list}`).toBe(tshark(args));
      }
    }
  }, 120_000);

  it('implies -V, takes repeated and unknown names, and prints summary lines with -P', async () => {
    const f = FILES[1]!;
    const collapsed = (await runCli(['-r', f, '-O', 'nosuch'])).stdout;
    // Every top-level item is one line: no indented line at all.
    expect(collapsed).not.toMatch(/^ /m);
    expect(collapsed).toContain('Internet Control Message Protocol\n');
    expect((await runCli(['-r', f, '-O', 'ip', '-O', 'udp'])).stdout).toBe((await runCli(['-r', f, '-O', 'ip,udp'])).stdout);
    const withLines = await runCli(['-n', '-r', f, '-P', '-O', 'icmp']);
    expect(withLines.stdout).toBe(tshark(['-r', f, '-P', '-O', 'icmp']));
  });
});
