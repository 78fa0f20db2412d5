/**
 * The engine's statsTree (Statistics › HTTP › Packet Counter and Requests, Packet Lengths, IP
 * Protocol Types): every packet of the session as the details show it, counted by Wireshark's
 * stats trees. The rows, laid out as tshark prints them, equal `tshark -q -z <name>,tree[,filter]`
 * line for line; both engine modes; bad names and filters are refused as values.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StatsTreeResult } from '../../../electron/api/contract.js';
import { engines, indexed, ok } from '../../helpers/engine-calls.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const inline = engines();
const workers = engines({ mode: 'worker', workerPath: join(ROOT, 'dist/engine-worker.js') });

/** The result as tshark lays it out (the name column as wide as the longest name at its depth, the tree's own name included). */
function asTshark(r: StatsTreeResult): string {
  const rootName = r.title.slice(r.title.lastIndexOf('/') + 1);
  const width = Math.max(rootName.length, ...r.rows.map((x) => x.depth + 1 + x.name.length));
  const rule = (ch: string) => ch.repeat(width + r.columns.length * 14);
  let out = `\n${rule('=')}\n${r.title}:\n${'Topic / Item'.padEnd(width)}${r.columns.map((c) => ` ${c.padEnd(13)}`).join('')}\n${rule('-')}\n`;
  for (const x of r.rows) out += `${' '.repeat(x.depth)}${x.name.padEnd(width - x.depth)}${x.values.map((v) => ` ${v.padEnd(13)}`).join('')}\n`;
  return `${out}\n${rule('-')}\n`;
}

const tshark = (file: string, z: string) => spawnSync('tshark', ['-n', '-q', '-r', file, '-z', z], { encoding: 'utf8' }).stdout;

describe('engine: stats trees', () => {
  for (const [mode, make] of [['inline', inline], ['worker', workers]] as const) {
    it(`counts every packet as tshark's -z <name>,tree does (${mode})`, async () => {
      const e = make();
      const cases: [string, string[], number?][] = [
        ['fixtures/own/handshake-http.pcapng', ['http', 'http_req', 'http_srv', 'plen', 'ptype']],
        ['fixtures/corpus/suricata-http-pipeline-files-with-gap.pcap', ['http', 'http_req', 'http_srv']],
        // Payloads on an HTTP port that are not HTTP: "Other HTTP Packets", as Wireshark's tap counts them.
        // (No requests there: the request trees are their top rows alone, with tshark's rate.)
        ['fixtures/own/syn-flood.pcap', ['http', 'http_req', 'http_srv'], 1],
        ['fixtures/corpus/zeek-icmp-destunreach-udp.pcap', ['ptype', 'plen', 'dests', 'ip_hosts', 'ip_srcdst']],
        ['fixtures/corpus/arkime-dns-wiresharkrepo.pcap', ['dns']],
        ['fixtures/own/dns-tcp.pcap', ['dns']],
        ['fixtures/corpus/pcpp-ipv6_options.pcap', ['ipv6_hosts', 'ipv6_srcdst', 'ipv6_dests', 'ipv6_ptype']],
        ['fixtures/corpus/zeek-ipv6-fragmented-dns.pcap', ['ipv6_ptype', 'ipv6_dests']],
        ['fixtures/corpus/pcpp-http-packets2.pcap', ['http_srv']],
      ];
      for (const [rel, names, minRows = 2] of cases) {
        const file = join(ROOT, rel);
        const s = await ok(e.call('openFile', { path: file }));
        await indexed(e, s.id);
        for (const name of names) {
          const r = await ok(e.call('statsTree', { session: s.id, name }));
          expect(asTshark(r), `${rel} ${name}`).toBe(tshark(file, `${name},tree`));
          expect(r.rows.length).toBeGreaterThanOrEqual(minRows);
        }
        await ok(e.call('close', { session: s.id }));
      }
    });
  }

  it('counts only what a filter matches, and refuses what it cannot count', async () => {
    const e = inline();
    const file = join(ROOT, 'fixtures/own/handshake-http.pcapng');
    const s = await ok(e.call('openFile', { path: file }));
    await indexed(e, s.id);
    const r = await ok(e.call('statsTree', { session: s.id, name: 'plen', filter: 'tcp.len > 0' }));
    expect(asTshark(r)).toBe(tshark(file, 'plen,tree,tcp.len > 0'));
    expect(r.rows[0]).toMatchObject({ depth: 0, name: 'Packet Lengths' });
    for (const [params, message] of [
      [{ session: s.id, name: 'nosuch' }, /no stats tree "nosuch"/],
      [{ session: s.id, name: 'http', filter: 'ip.sorc == 1' }, /^statsTree: .*ip\.sorc/],
      [{ session: s.id, name: '' }, /name/],
      [{ session: s.id, name: 'http', extra: 1 }, /extra/],
    ] as const) {
      const bad = await e.call('statsTree', params as never);
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.error.code).toBe('bad-request');
        expect(bad.error.message).toMatch(message);
      }
    }
  });
});
