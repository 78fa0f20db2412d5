/**
 * Network name resolution in the CLI (`-N n`, `-N nd`) against tshark 4.0: IP addresses named by
 * the personal hosts file, the capture's pcapng name resolution blocks and (with `d`) the A and
 * AAAA records of its DNS packets — in the summary lines (a name known from the packet that
 * learned it on; with -2 from the first packet), the packet details (`Src: name (addr)`, every
 * IPv4/IPv6 field's label), ip.*_host fields, and the conversation and endpoint tables.
 *
 * The capture: test/helpers/dns-names-capture.ts (a name before and after it is learned, learned
 * in the same packet, given twice, over 63 bytes, of class CH and with mDNS's cache-flush bit,
 * AAAA over IPv6), and the corpus's captures with DNS answers and name resolution blocks.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dnsNamesCapture, dnsNamesPcapng } from '../../helpers/dns-names-capture.js';
import { vtextLayers } from '../../helpers/vtext-layers.js';
import { runCli } from './run-cli.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'packetloom-hosts-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const CAPTURE = join(TMP, 'dns-names.pcap');
writeFileSync(CAPTURE, dnsNamesCapture());
// The same frames after a name resolution block: names that the DNS answers keep or replace.
const WITH_NRB = join(TMP, 'dns-names-nrb.pcapng');
writeFileSync(WITH_NRB, dnsNamesPcapng([
  ['192.0.2.53', ['first.nrb', 'server.nrb']],
  ['198.51.100.7', ['WEB.example.COM']],
  ['203.0.113.77', ['unused.nrb']],
  ['2001:db8::10', ['client6.nrb']],
]));

/** A Wireshark configuration folder with this `hosts` file (none for null). */
function configDir(name: string, hosts: string | null): string {
  const dir = join(TMP, name);
  mkdirSync(dir, { recursive: true });
  if (hosts !== null) writeFileSync(join(dir, 'hosts'), hosts);
  return dir;
}
const NO_HOSTS = configDir('none', null);
const HOSTS = configDir('hosts', [
  '# names that DNS answers in the capture replace, or do not (same name but for case)',
  '198.51.100.7 fromhosts',
  '203.0.113.5\tExample.NET alias',
  '192.0.2.10 client.lan',
  '2001:db8::10 client6.lan',
  '',
].join('\n'));

function tshark(args: string[], config: string): string {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, HOME: config, WIRESHARK_CONFIG_DIR: config } });
  if (r.error) throw r.error;
  return r.stdout;
}

async function ours(args: string[], config: string): Promise<string> {
  const before = process.env.WIRESHARK_CONFIG_DIR;
  process.env.WIRESHARK_CONFIG_DIR = config;
  try {
    const r = await runCli(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  } finally {
    if (before === undefined) delete process.env.WIRESHARK_CONFIG_DIR;
    else process.env.WIRESHARK_CONFIG_DIR = before;
  }
}

/** -V text as comparable lines (what Packetloom adds and tshark has not left out: vtext-layers.ts). */
const vlines = (text: string, mine: boolean) => vtextLayers(text, mine).map((p) => [...p.values()].flat());

const DNS_FILES = [
  ...['tcpdump-dns_tcp.pcap', 'pcpp-DnsPackets.pcap', 'pcpp-raw_ip.pcap', 'pcpp-sll.pcap'].map((f) => join(CORPUS, f)),
  // Real stacks (fixtures/make-captures.sh): a resolver's answers, then the connection to the name.
  ...['handshake-http.pcapng', 'dns-records.pcap', 'dns-tcp.pcap', 'dns-udp.pcap'].map((f) => join(OWN, f)),
];

describe('-N n and -N nd against tshark', () => {
  for (const [what, config] of [['without a hosts file', NO_HOSTS], ['with a hosts file', HOSTS]] as const) {
    it(`summary lines, one pass and -2, ${what}`, async () => {
      // (pcpp-sll.pcap's RIP packets are not dissected by Packetloom: its names are checked below, by column.)
      for (const file of [CAPTURE, WITH_NRB, ...DNS_FILES.filter((f) => !f.endsWith('sll.pcap'))]) {
        for (const flags of [['-N', 'nd'], ['-N', 'n'], ['-2', '-N', 'nd'], ['-N', 'mnd'], ['-N', 'nd', '-Y', 'tcp || udp.port == 80']]) {
          const args = [...flags, '-r', file];
          expect(await ours(args, config), `${args.join(' ')} (${what})`).toBe(tshark(args, config));
        }
      }
    });

    it(`packet details (-V), one pass and -2, ${what}`, async () => {
      // Also every other kind of IPv4 address item: route options (a next hop keeps its bare
      // address), ICMP's address mask (named), DHCP's (a subnet mask is not).
      const others = [join(CORPUS, 'pcpp-ipv4-options.pcap'), join(CORPUS, 'pcpp-IcmpPackets.pcap'), join(OWN, 'dhcp.pcap')];
      for (const file of [CAPTURE, WITH_NRB, ...DNS_FILES.slice(0, 3), ...others]) {
        for (const flags of [['-N', 'nd'], ['-2', '-N', 'nd']]) {
          const args = [...flags, '-V', '-r', file];
          expect(vlines(await ours(args, config), true), `${args.join(' ')} (${what})`).toEqual(vlines(tshark(args, config), false));
        }
      }
    });
  }

  it('host fields, columns and the tables of -z conv and endpoints', async () => {
    for (const file of [CAPTURE, WITH_NRB, ...DNS_FILES]) {
      for (const flags of [
        ['-N', 'nd', '-T', 'fields', '-E', 'occurrence=a', '-e', 'ip.src_host', '-e', 'ip.dst_host', '-e', 'ip.host', '-e', 'ipv6.src_host', '-e', 'ipv6.dst_host', '-e', '_ws.col.Source', '-e', '_ws.col.Destination'],
        ['-2', '-N', 'nd', '-T', 'fields', '-e', 'ip.dst_host', '-e', 'ipv6.host', '-e', '_ws.col.Destination'],
        ['-N', 'nd', '-q', '-z', 'conv,ip', '-z', 'conv,ipv6', '-z', 'endpoints,ip', '-z', 'endpoints,ipv6', '-z', 'conv,tcp', '-z', 'conv,udp', '-z', 'conv,eth'],
      ]) {
        const args = [...flags, '-r', file];
        expect(await ours(args, HOSTS), args.join(' ')).toBe(tshark(args, HOSTS));
      }
    }
  });

  it('-z hosts lists the names known at the end, as tshark (which lists them in a random order: compared sorted)', async () => {
    const sorted = (t: string) => {
      const lines = t.split('\n');
      const head = lines.indexOf('# TShark hosts output');
      // The header as it is, the host lines (up to the next table, if any) as a set.
      const end = lines.findIndex((l, i) => i > head + 3 && (l === '' || l.startsWith('=')));
      const hosts = lines.slice(head + 4, end < 0 ? undefined : end);
      return [...lines.slice(0, head + 4), ...hosts.sort(), ...(end < 0 ? [] : lines.slice(end))];
    };
    let listed = 0;
    for (const config of [NO_HOSTS, HOSTS]) {
      for (const file of [CAPTURE, WITH_NRB, join(CORPUS, 'tcpdump-dns_tcp.pcap'), join(CORPUS, 'gopacket-pcapng-le-test202.pcapng')]) {
        // tshark learns DNS names by default (not shown without n); -n and -N without d do not.
        for (const flags of [[], ['-n'], ['-N', 'n'], ['-N', 'md'], ['-2']]) {
          // One kind of address; with another table, printed newest first (on the crafted captures:
          // test202's custom blocks change its tables).
          const crafted = file === CAPTURE || file === WITH_NRB;
          const more = crafted && flags.length === 0 ? [['-z', 'hosts,ipv6'], ['-z', 'hosts,ip'], ['-z', 'conv,ip', '-z', 'hosts,ipv4'], ['-z', 'hosts', '-z', 'endpoints,ip']] : [];
          for (const z of [['-z', 'hosts'], ...more]) {
            const args = [...flags, '-q', ...z, '-r', file];
            const theirs = tshark(args, config);
            expect(sorted(await ours(args, config)), args.join(' ')).toEqual(sorted(theirs));
            listed += theirs.split('\n').filter((l) => /^[0-9a-f.:]+\t/.test(l)).length;
          }
        }
      }
    }
    expect(listed).toBeGreaterThan(150);
    const bad = await runCli(['-q', '-z', 'hosts,ipv5', '-r', CAPTURE]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid "-z hosts[,ip|ipv4|ipv6]" argument');
    // Some sixty tshark runs: seconds each on a busy machine when they are not recorded yet.
  }, 300_000);

  it('shows names: the crafted capture, line by line', async () => {
    const lines = (await ours(['-N', 'nd', '-r', CAPTURE], NO_HOSTS)).split('\n');
    // Before the answer that names it, 198.51.100.7 is an address; after it, the answer's last name.
    expect(lines[0]).toContain('192.0.2.10 → 198.51.100.7 ');
    expect(lines[3]).toContain('192.0.2.10 → web.example.com ');
    expect(lines[9]).toContain('192.0.2.10 → other.example.org ');
    // The answer from the server names the server: its own line already shows the name.
    expect(lines[6]).toContain('ns1.example.net → 192.0.2.10 ');
    // Without -N n nothing is named.
    const plain = await ours(['-n', '-r', CAPTURE], HOSTS);
    expect(plain).not.toMatch(/→ [a-z]/);
    expect(plain.split('\n')[0]).toContain('192.0.2.10 → 198.51.100.7 ');
  });
});
