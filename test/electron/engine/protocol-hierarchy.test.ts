// Statistics › Protocol Hierarchy for a session (electron/engine/protocol-hierarchy.ts): the
// engine's hierarchy, printed as `-z io,phs` prints it, equals `tshark -2 -q -z io,phs` (Wireshark's
// dialog counts the trees of its second pass, as the packet details show them).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTshark } from '../../helpers/corpus-net.js';
import type { ProtocolHierarchyResult } from '../../../electron/api/contract.js';
import { phsText } from '../../../electron/cli/stats-output.js';
import { ProtocolHierarchy } from '../../../dissectors/stats/protocol-hierarchy.js';
import { engines, indexed, ok, openIndexed } from '../../helpers/engine-calls.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = [
  'fixtures/own/handshake-http.pcapng', 'fixtures/own/http-loss.pcap', 'fixtures/own/tcp-analysis.pcap', 'fixtures/own/tls.pcap',
  'fixtures/corpus/pcpp-IcmpPackets.pcap', 'fixtures/corpus/arkime-wireshark-retrans.pcap', 'fixtures/corpus/pcpp-frag_http_req.pcap',
  'fixtures/corpus/pcpp-DnsPackets.pcap', 'fixtures/corpus/zeek-http-post-large.pcap', 'fixtures/corpus/zeek-ipv6-fragmented-dns.pcap',
];

function tsharkPhs(file: string): string {
  return runTshark(['-2', '-n', '-q', '-r', file, '-z', 'io,phs']);
}

describe('protocol hierarchy: as tshark -2 -z io,phs counts it', () => {
  for (const rel of FILES) {
    it(rel, async () => {
      const file = join(ROOT, rel);
      const host = (await openIndexed(file))!;
      const r = (await host.call('protocolHierarchy', {})) as ProtocolHierarchyResult;
      expect(phsText(r.roots)).toBe(tsharkPhs(file));
      expect(r.frames).toBe(r.roots.reduce((a, n) => a + n.frames, 0));
      await host.call('close', {});
    });
  }

  it('the trees it counts, reduced to protocols and reassembly items, give what full trees give, on every capture of fixtures/', async () => {
    const files = ['own', 'corpus'].flatMap((d) => readdirSync(join(ROOT, 'fixtures', d)).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(ROOT, 'fixtures', d, f)));
    expect(files.length).toBeGreaterThan(60);
    let compared = 0;
    for (const file of files) {
      const host = await openIndexed(file);
      if (!host) continue;
      const r = (await host.call('protocolHierarchy', {})) as ProtocolHierarchyResult;
      const full = new ProtocolHierarchy();
      for (let i = 0; i < host.session.index.count; i++) {
        const tree = host.session.details(i).tree;
        // A full tree: the protocols have their fields (a reduced one would keep none of eth's).
        if (i === 0 && tree.children?.[1]?.field?.abbrev === 'eth') expect(tree.children[1].children?.length, file).toBeGreaterThan(1);
        full.addTree(tree, host.session.index.origLenOf(i));
      }
      expect(phsText(r.roots), file).toBe(phsText(full.roots()));
      compared++;
      await host.call('close', {});
    }
    expect(compared).toBeGreaterThan(60);
  }, 120_000);

  const engine = engines();
  it('through the engine: validated, and a closed session is said', async () => {
    const e = engine();
    const { id } = await ok(e.call('openFile', { path: join(ROOT, 'fixtures/own/tcp-analysis.pcap') }));
    await indexed(e, id);
    const r = await ok(e.call('protocolHierarchy', { session: id }));
    expect(r.frames).toBe(349);
    expect(r.roots.map((n) => n.name)).toEqual(['eth']);
    const bad = await e.call('protocolHierarchy', { session: id, filter: 'tcp' } as never);
    expect(bad.ok ? '' : bad.error.code).toBe('bad-request');
    await ok(e.call('close', { session: id }));
    const closed = await e.call('protocolHierarchy', { session: id });
    expect(closed.ok ? '' : closed.error.code).toBe('no-session');
  });
});
