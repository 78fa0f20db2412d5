/**
 * Host names in the engine (the app's View → Name Resolution → Resolve Network Addresses): a
 * session learns the names of the personal hosts file, the capture's name resolution blocks and
 * its DNS answers while it indexes, and shows them once turned on — every name known at the end,
 * as Wireshark's packet list does after loading a file, which is what `tshark -2 -N nd` shows:
 * rows and packet details are compared with it. Off again: the addresses, as tshark -n.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { TreeNode } from '../../../electron/api/contract.js';
import { dnsNamesCapture, dnsNamesPcapng } from '../../helpers/dns-names-capture.js';
import { openIndexed } from '../../helpers/engine-calls.js';
import { vtextLayers } from '../../helpers/vtext-layers.js';
import { validateParams } from '../../../electron/api/validate.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'packetloom-engine-hosts-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const CONFIG = join(TMP, 'config');
mkdirSync(CONFIG);
writeFileSync(join(CONFIG, 'hosts'), '192.0.2.10 client.lan\n203.0.113.5 Example.NET\n');
const CAPTURE = join(TMP, 'dns-names-nrb.pcapng');
writeFileSync(CAPTURE, dnsNamesPcapng([['192.0.2.53', ['server.nrb']], ['198.51.100.7', ['WEB.example.COM']], ['2001:db8::10', ['client6.nrb']]]));

function tshark(args: string[]): string {
  return spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, HOME: CONFIG, WIRESHARK_CONFIG_DIR: CONFIG } }).stdout;
}

/** A session over `path` whose hosts file is CONFIG's (read when the session opens). */
async function open(path: string) {
  const before = process.env.WIRESHARK_CONFIG_DIR;
  process.env.WIRESHARK_CONFIG_DIR = CONFIG;
  try {
    const host = await openIndexed(path);
    if (!host) throw new Error(`${path} did not open`);
    return host;
  } finally {
    if (before === undefined) delete process.env.WIRESHARK_CONFIG_DIR;
    else process.env.WIRESHARK_CONFIG_DIR = before;
  }
}

const flat = (ns: TreeNode[], depth: number, out: string[]): string[] => {
  for (const n of ns) {
    out.push('    '.repeat(depth) + n.label);
    if (n.children) flat(n.children, depth + 1, out);
  }
  return out;
};

describe('Resolve Network Addresses in a session', () => {
  for (const path of [CAPTURE, join(CORPUS, 'tcpdump-dns_tcp.pcap'), join(CORPUS, 'pcpp-DnsPackets.pcap')]) {
    it(`rows and packet details as tshark -2 -N nd, then as tshark -n: ${path.slice(path.lastIndexOf('/') + 1)}`, async () => {
      const host = await open(path);
      const rows = () => {
        const out: string[] = [];
        for (let start = 0; start < host.session.count; start += 1000) {
          const r = host.call('rows', { start, count: 1000 }) as { rows: { source: string; destination: string }[] };
          out.push(...r.rows.map((row) => `${row.source}\t${row.destination}`));
        }
        return out;
      };
      const columns = (flags: string[]) => tshark([...flags, '-r', path, '-T', 'fields', '-e', '_ws.col.Source', '-e', '_ws.col.Destination']).trim().split('\n');
      host.call('setNameResolution', { mac: false });
      expect(rows()).toEqual(columns(['-n']));
      host.call('setNameResolution', { mac: false, network: true });
      const named = rows();
      expect(named).toEqual(columns(['-2', '-N', 'nd']));
      expect(named.filter((r) => /[a-z]/.test(r)).length).toBeGreaterThan(0);
      // Packet details: the layers as tshark -2 -N nd -V prints them (every IPv4/IPv6 label named).
      const theirs = vtextLayers(tshark(['-2', '-N', 'nd', '-V', '-r', path]), false);
      const n = Math.min(host.session.count, 60);
      let compared = 0;
      for (let no = 1; no <= n; no++) {
        const tree = (host.call('packet', { no }) as { tree: TreeNode[] }).tree;
        const ours = vtextLayers(flat(tree, 0, []).join('\n'), true);
        for (const layer of ['Internet Protocol Version 4', 'Internet Protocol Version 6', 'Domain Name System']) {
          const want = theirs[no - 1]?.get(layer);
          if (!want) continue;
          expect(ours[0]?.get(layer), `#${no} ${layer}`).toEqual(want);
          compared++;
        }
      }
      expect(compared).toBeGreaterThanOrEqual(n);
      // Sorted by the names shown.
      host.call('sort', { column: 'destination', dir: 'asc' });
      const sorted = rows().map((r) => r.split('\t')[1]!);
      expect(sorted).toEqual([...sorted].sort());
      host.call('sort', { column: null, dir: 'asc' });
      // Off: the addresses again.
      host.call('setNameResolution', { mac: false, network: false });
      expect(rows()).toEqual(columns(['-n']));
      host.session.close();
    });
  }

  it('lists the resolved addresses tshark -z hosts lists (hosts file, NRBs, DNS answers), names shown or not', async () => {
    for (const path of [CAPTURE, join(CORPUS, 'tcpdump-dns_tcp.pcap'), join(CORPUS, 'pcpp-DnsPackets.pcap')]) {
      const host = await open(path);
      const theirs = tshark(['-q', '-z', 'hosts', '-r', path]).split('\n').filter((l) => l.includes('\t')).sort();
      const ours = () => (host.call('resolvedAddresses', {}) as { address: string; name: string }[]).map((r) => `${r.address}\t${r.name}`).sort();
      expect(ours()).toEqual(theirs);
      expect(theirs.length).toBeGreaterThan(3);
      host.call('setNameResolution', { mac: true, network: true });
      expect(ours()).toEqual(theirs);
      host.session.close();
    }
  });

  it('names the addresses of the IPv4 and IPv6 conversations and endpoints as tshark -N nd -z conv/endpoints does', async () => {
    for (const path of [CAPTURE, join(CORPUS, 'tcpdump-dns_tcp.pcap')]) {
      const host = await open(path);
      host.call('setNameResolution', { mac: true, network: true });
      for (const [kind, z] of [['ipv4', 'ip'], ['ipv6', 'ipv6']] as const) {
        // tshark's rows: "A <-> B  frames …" and "address  packets …".
        const theirConv = tshark(['-N', 'nd', '-q', '-z', `conv,${z}`, '-r', path]).split('\n').filter((l) => l.includes('<->')).map((l) => {
          const [a, b] = l.split('<->') as [string, string];
          return `${a.trim()} <-> ${b.trim().split(/\s+/)[0]}`;
        }).sort();
        const convs = (await host.call('conversations', { kind })) as { addressA: string; addressB: string; nameA?: string; nameB?: string }[];
        expect(convs.map((r) => `${r.nameA ?? r.addressA} <-> ${r.nameB ?? r.addressB}`).sort(), `${path} conv,${z}`).toEqual(theirConv);
        const theirEnds = tshark(['-N', 'nd', '-q', '-z', `endpoints,${z}`, '-r', path]).split('\n').filter((l) => /^\S+\s+\d/.test(l)).map((l) => l.split(/\s+/)[0]!).sort();
        const ends = (await host.call('endpoints', { kind })) as { address: string; name?: string }[];
        expect(ends.map((r) => r.name ?? r.address).sort(), `${path} endpoints,${z}`).toEqual(theirEnds);
      }
      // Off: no names, as tshark -n.
      host.call('setNameResolution', { mac: true, network: false });
      const plain = (await host.call('conversations', { kind: 'ipv4' })) as { nameA?: string }[];
      expect(plain.some((r) => r.nameA !== undefined)).toBe(false);
      host.session.close();
    }
  });

  it('rows already shown get a name learned later (a live capture, a file still being read)', async () => {
    const { Session } = await import('../../../electron/engine/session.js');
    const { readCaptureFile } = await import('../../../electron/engine/read-capture.js');
    const { HostNames } = await import('../../../dissectors/resolve/host-names.js');
    const path = join(TMP, 'later.pcap');
    writeFileSync(path, dnsNamesCapture());
    const s = new Session({ id: 'later', kind: 'file', path, name: path });
    s.useHostNames(new HostNames(), true, true);
    let n = 0;
    readCaptureFile(path, (rec, meta, b) => {
      s.add(rec, b.buf, b.start, b.end, meta);
      // Frame 1 (to 198.51.100.7) is shown before frame 3's answer names that address.
      if (++n === 1) expect(s.row(0).destination).toBe('198.51.100.7');
    }, undefined, { views: false });
    s.finish('done');
    expect(s.row(0).destination).toBe('other.example.org');
    s.close();
  });

  it('checks the switch like every parameter', () => {
    const bad = validateParams('setNameResolution', { session: 's1', mac: true, network: 'yes' });
    expect(bad.ok ? '' : bad.error.code).toBe('bad-request');
    expect(validateParams('setNameResolution', { session: 's1', mac: true, network: true }).ok).toBe(true);
    expect(validateParams('setNameResolution', { session: 's1', mac: true }).ok).toBe(true);
  });
});
