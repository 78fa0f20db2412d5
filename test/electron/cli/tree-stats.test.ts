/**
 * `packetloom -q -z plen,tree -z ptype,tree -z ip_hosts,tree … -z http,tree -z http_req,tree -z http_srv,tree` (Wireshark's stats
 * trees, dissectors/stats/tree-stats.ts) against tshark's on every corpus capture and every capture
 * of our own, byte for byte: counts, averages, rates, percents, burst rates and their starts,
 * the order of the rows. Where a tree differs for a reason outside the statistics code, the pair
 * is listed with the reason and must still differ (so the list cannot go stale silently). Also:
 * a filter per tree, summary lines before the trees, and the refusals.
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
const FILES = new Map([...captures(CORPUS).map((n) => [n, join(CORPUS, n)] as const), ...captures(OWN).map((n) => [n, join(OWN, n)] as const)]);
const TREES = ['plen,tree', 'ptype,tree', 'http,tree', 'http_req,tree', 'http_srv,tree', 'ip_hosts,tree', 'ip_srcdst,tree', 'dests,tree', 'ipv6_hosts,tree', 'ipv6_srcdst,tree', 'ipv6_dests,tree', 'ipv6_ptype,tree', 'dns,tree'];

const CUSTOM_BLOCKS = 'tshark shows the file\'s pcapng custom blocks as frames without a time (and takes the first one\'s time, none, as the capture\'s start): other frames and other times';

/** file → tree → why it differs. */
const KNOWN: Record<string, Record<string, string>> = {
  'gopacket-pcapng-le-test102.pcapng': Object.fromEntries(['plen', 'ptype', 'ip_hosts', 'ip_srcdst', 'dests'].map((t) => [`${t},tree`, CUSTOM_BLOCKS])),
  'gopacket-pcapng-le-test202.pcapng': Object.fromEntries(['plen', 'ptype', 'ip_hosts', 'ip_srcdst', 'dests'].map((t) => [`${t},tree`, CUSTOM_BLOCKS])),
};

function tshark(args: string[]): string {
  const r = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return r.stdout;
}

const ours = async (args: string[]) => (await runCli(['-n', ...args])).stdout;

describe('-z <name>,tree (stats trees)', () => {
  it('prints every tree as tshark does on every capture', async () => {
    let compared = 0;
    const stillDiffer: string[] = [];
    for (const [name, path] of FILES) {
      const known = KNOWN[name] ?? {};
      const same = TREES.filter((z) => !known[z]);
      // One run with every tree that should agree (tshark prints the trees in the same order we do).
      const args = ['-q', '-r', path, ...same.flatMap((z) => ['-z', z])];
      expect(await ours(args), name).toBe(tshark(args));
      compared += same.length;
      for (const z of Object.keys(known)) {
        const one = ['-q', '-r', path, '-z', z];
        if ((await ours(one)) === tshark(one)) stillDiffer.push(`${name} ${z}`);
      }
    }
    expect(stillDiffer, 'listed as known differences but now equal: take them off the list').toEqual([]);
    expect(compared).toBeGreaterThan(200);
  }, 600_000);

  it('has something to count: HTTP trees with requests and responses, every length range, UDP and TCP', async () => {
    const http = await ours(['-q', '-r', join(CORPUS, 'suricata-http-pipeline-files-with-gap.pcap'), '-z', 'http,tree', '-z', 'http_req,tree']);
    expect(http).toMatch(/ HTTP Request Packets +\d+ /);
    expect(http).toMatch(/ {3}200 OK +\d+ /);
    expect(http).toMatch(/HTTP Requests by HTTP Host +[1-9]/);
    const plen = await ours(['-q', '-r', join(OWN, 'handshake-http.pcapng'), '-z', 'plen,tree', '-z', 'ptype,tree']);
    expect(plen).toMatch(/ 40-79 +17 +65\.65 +42 +79 /);
    expect(plen).toMatch(/ TCP +20 /);
    expect(plen).toMatch(/ UDP +4 /);
  });

  it('takes a filter per tree, and prints the packets before the trees without -q', async () => {
    const file = join(OWN, 'handshake-http.pcapng');
    for (const z of ['http,tree,ip.src==10.99.0.2', 'plen,tree,tcp', 'ptype,tree,udp || icmp', 'http_req,tree,http.request.method=="GET"', 'http_srv,tree,tcp.srcport == 80 || http.request', 'dests,tree,udp', 'dns,tree,udp', 'ip_srcdst,tree,ip.src == 10.99.0.1']) {
      const args = ['-q', '-r', file, '-z', z];
      expect(await ours(args), z).toBe(tshark(args));
    }
    const both = ['-r', join(CORPUS, 'pcpp-http-packets2.pcap'), '-z', 'http,tree', '-z', 'plen,tree'];
    expect(await ours(both)).toBe(tshark(both));
  });

  it('refuses a tree it does not know, and a bad filter, on one line with exit 2', async () => {
    const file = join(OWN, 'handshake-http.pcapng');
    for (const [z, message] of [['nosuch,tree', /Invalid -z argument "nosuch,tree"/], ['http,tree,ip.sorc == 1', /http,tree: invalid filter "ip.sorc == 1"/]] as const) {
      const r = await runCli(['-q', '-r', file, '-z', z]);
      expect(r.code, z).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n').filter((l) => l)).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect((await runCli(['--help'])).stdout).toContain('plen|ptype|ip_hosts|ip_srcdst|dests|ipv6_ptype|ipv6_hosts|ipv6_srcdst|ipv6_dests|dns|http|http_req|http_srv,tree[,filter]');
  });
});
