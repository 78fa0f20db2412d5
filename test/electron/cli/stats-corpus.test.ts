/**
 * `packetloom -q -z STAT` against `tshark -n -q -z STAT` on every corpus capture and every capture
 * of our own (fixtures/own: UDP-Lite's datagrams in the UDP tables, DHCP, SLL …), byte for byte:
 * conv and endpoints for eth, ip, ipv6, tcp, udp; io,phs; expert. tshark runs live (the corpus is
 * small). Where the output differs for a reason outside the statistics code (a protocol we do not
 * dissect, an expert item a dissector raises differently), the pair is listed below with the
 * reason; those pairs must still differ (so the list cannot go stale silently).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));
const captures = (dir: string) => readdirSync(dir).filter((n) => /\.pcap(ng)?$/.test(n)).sort();
/** The public corpus, then our own captures (file name → path). */
const FILES = new Map([...captures(CORPUS).map((n) => [n, join(CORPUS, n)] as const), ...captures(OWN).map((n) => [n, join(OWN, n)] as const)]);
const TABLES = ['conv,eth', 'conv,ip', 'conv,ipv6', 'conv,tcp', 'conv,udp', 'endpoints,eth', 'endpoints,ip', 'endpoints,ipv6', 'endpoints,tcp', 'endpoints,udp'];
const TREE_STATS = ['io,phs', 'expert'];

const NO_TS = 'packets without a timestamp (pcapng Simple Packet Blocks): tshark counts them at time 0, which makes its relative start and duration negative or huge; ours leave them out of the times';
const UNDISSECTED = 'a protocol Packetloom does not dissect yet (tshark names it in the hierarchy, we show data/media)';
const EXPERT_UNDISSECTED = 'an expert item of a protocol Packetloom does not dissect yet';

/** file → stat → why the output differs. */
const KNOWN: Record<string, Record<string, string>> = {
  'gopacket-pcapng-be-test101.pcapng': { 'conv,udp': NO_TS, 'conv,eth': NO_TS, 'conv,ip': NO_TS, 'io,phs': UNDISSECTED },
  'gopacket-pcapng-le-test102.pcapng': { 'conv,udp': NO_TS, 'conv,eth': NO_TS, 'conv,ip': NO_TS, 'io,phs': UNDISSECTED },
  'gopacket-pcapng-le-test202.pcapng': { 'conv,udp': NO_TS, 'conv,eth': NO_TS, 'conv,ip': NO_TS, 'io,phs': UNDISSECTED },
  'pcpp-tcp-malformed.pcap': {
    'conv,tcp': 'a TCP option is malformed: tshark never queues its TCP tap for the segment, we count the segment the tracker analyzed',
    'endpoints,tcp': 'as conv,tcp',
  },
  'ndpi-ipp.pcap': { 'io,phs': UNDISSECTED },
  'pcpp-VlanPackets.pcap': { 'io,phs': UNDISSECTED },
  'pcpp-ipv6_options.pcap': { 'io,phs': UNDISSECTED },
  'pcpp-one_tcp_stream_fin_rst_close_packet.pcap': { 'io,phs': UNDISSECTED },
  'pcpp-pcapng-example.pcapng': { expert: `${EXPERT_UNDISSECTED} (X11)`, 'io,phs': UNDISSECTED },
  'pcpp-sll.pcap': { 'io,phs': UNDISSECTED },
  'tcpdump-timestamp_invalid_nano.pcap': { expert: 'tshark checks the frame time (a fractional second out of range), Packetloom does not' },
  'syn-flood.pcap': { expert: 'Packetloom\'s "Possible SYN flood" warning (tshark has no such alert)' },
};

const ALL = ['expert', 'io,phs', ...TABLES];
const PHS_RULE = '='.repeat(67) + '\n';

/**
 * One tshark run per file with every statistic (spawning tshark once per statistic is too slow):
 * tshark prints the last -z first, so the tables come first, then io,phs, then expert.
 */
function tsharkAll(path: string): string {
  const r = spawnSync('tshark', ['-n', '-q', '-r', path, ...ALL.flatMap((z) => ['-z', z])], { encoding: 'latin1', maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return r.stdout;
}

/** tshark's expert section: what follows the end of the hierarchy. */
function expertSection(all: string): string {
  const end = all.lastIndexOf(PHS_RULE);
  return end < 0 ? '' : all.slice(end + PHS_RULE.length);
}

describe('-z statistics against tshark on the corpus and our own captures', () => {
  it('covers the corpus', () => {
    expect(captures(CORPUS).length).toBeGreaterThanOrEqual(60);
  });

  for (const [file, path] of FILES) {
    it(file, async () => {
      const all = tsharkAll(path);
      const problems: string[] = [];
      let exact = 0;
      for (const stat of [...TABLES, ...TREE_STATS]) {
        const got = await runCli(['-n', '-q', '-r', path, '-z', stat]);
        const known = KNOWN[file]?.[stat];
        const same = stat === 'expert' ? got.stdout === expertSection(all) : got.stdout.length > 0 && all.includes(got.stdout);
        if (known === undefined) {
          if (!same) problems.push(`${stat}: packetloom printed\n${got.stdout}\ntshark printed (all statistics)\n${all}`);
          else exact++;
          continue;
        }
        if (same) problems.push(`${stat}: listed as a known difference (${known}) but now equal: remove it from KNOWN`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
      expect(exact).toBeGreaterThan(0);
    });
  }

  it('counts DHCP messages by type (-z dhcp,stat, with and without a filter) as tshark does', async () => {
    const files = [join(OWN, 'dhcp.pcap'), ...['gopacket-pcapng-le-test010.pcapng', 'pcpp-raw_ip.pcap', 'pcpp-sll.pcap', 'gopacket-pcapng-be-test101.pcapng', 'arkime-cloudshark-arp.pcap'].map((f) => join(CORPUS, f))];
    for (const file of files) {
      for (const stats of [['dhcp,stat'], ['dhcp,stat,udp.srcport == 67', 'expert']]) {
        const r = spawnSync('tshark', ['-n', '-q', '-r', file, ...stats.flatMap((z) => ['-z', z])], { encoding: 'latin1' });
        const got = await runCli(['-n', '-q', '-r', file, ...stats.flatMap((z) => ['-z', z])]);
        expect(got.stdout, `${file} ${stats.join(' ')}`).toBe(r.stdout);
      }
    }
  });

  it('prints several statistics in one run as tshark does (the last -z first)', async () => {
    const file = 'pcpp-one_http_stream_fin.pcap';
    const stats = ['io,phs', 'conv,tcp', 'endpoints,ip', 'conv,eth'];
    const r = spawnSync('tshark', ['-n', '-q', '-r', join(CORPUS, file), ...stats.flatMap((z) => ['-z', z])], { encoding: 'latin1' });
    const got = await runCli(['-n', '-q', '-r', join(CORPUS, file), ...stats.flatMap((z) => ['-z', z])]);
    expect(got.code).toBe(0);
    expect(got.stdout).toBe(r.stdout);
  });

  it('names MAC addresses in the Ethernet tables by default and with -N m, as tshark (every corpus capture)', async () => {
    // Where the registry and Wireshark 4.0's manuf part ways (test/electron/engine/oui.test.ts),
    // tshark's name is read as ours: the columns are padded to the same width.
    const vintage = (t: string) => t.replace(/\b3com_/g, '3Com_').replace(/\bAsustekI_/g, 'ASUSTekC_').replace(/\ba8:9c:6c:/g, 'Ubiquiti_');
    let named = 0;
    for (const file of captures(CORPUS).filter((f) => !KNOWN[f]?.['conv,eth'] && !KNOWN[f]?.['endpoints,eth'])) {
      for (const resolve of [[], ['-N', 'm']]) {
        const args = [...resolve, '-q', '-r', join(CORPUS, file), '-z', 'conv,eth', '-z', 'endpoints,eth'];
        const r = spawnSync('tshark', args, { encoding: 'latin1', maxBuffer: 1 << 26 });
        const got = await runCli(args);
        expect(got.stdout, `${file} ${resolve.join(' ')}`).toBe(vintage(r.stdout));
        if (/_[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2} /.test(got.stdout)) named++;
      }
    }
    expect(named).toBeGreaterThan(40);
  }, 120_000);

  it('counts only the packets a table filter matches, and names the filter', async () => {
    const file = 'pcpp-http-packets2.pcap';
    for (const stat of ['conv,tcp,tcp.port==80', 'endpoints,ip,tcp.len > 0', 'io,phs,http']) {
      const r = spawnSync('tshark', ['-n', '-q', '-r', join(CORPUS, file), '-z', stat], { encoding: 'latin1' });
      const got = await runCli(['-n', '-q', '-r', join(CORPUS, file), '-z', stat]);
      expect(got.stdout).toBe(r.stdout);
    }
  });

  it('expert with a lowest severity and a filter, as tshark', async () => {
    const file = 'arkime-wireshark-retrans.pcap';
    for (const z of ['expert,warn', 'expert,note,tcp.stream==0', 'expert,tcp.stream==0', 'expert,error']) {
      const r = spawnSync('tshark', ['-n', '-q', '-r', join(CORPUS, file), '-z', z], { encoding: 'latin1' });
      const got = await runCli(['-n', '-q', '-r', join(CORPUS, file), '-z', z]);
      expect(got.stdout, z).toBe(r.stdout);
    }
  });

  it('rejects a bad -z with one line and exit 2', async () => {
    for (const z of ['conv,foo', 'endpoints', 'conv,tcp,tcp.prot==1', 'io,stat', 'expert,bogus', 'expert,warn,tcp.prot==1']) {
      const r = await runCli(['-r', join(CORPUS, captures(CORPUS)[0]!), '-z', z]);
      expect(r.code, z).toBe(2);
      expect(r.stderr.trim().split('\n'), z).toHaveLength(1);
    }
  });
});
