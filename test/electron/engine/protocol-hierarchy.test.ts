// Statistics › Protocol Hierarchy for a session (electron/engine/protocol-hierarchy.ts): the
// engine's hierarchy, printed as `-z io,phs` prints it, equals `tshark -2 -q -z io,phs` (Wireshark's
// dialog counts the trees of its second pass, as the packet details show them).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ProtocolHierarchyResult } from '../../../electron/api/contract.js';
import { phsText } from '../../../electron/cli/stats-output.js';
import { engines, indexed, ok, openIndexed } from '../../helpers/engine-calls.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = [
  'fixtures/own/handshake-http.pcapng', 'fixtures/own/http-loss.pcap', 'fixtures/own/tcp-analysis.pcap', 'fixtures/own/tls.pcap',
  'fixtures/corpus/pcpp-IcmpPackets.pcap', 'fixtures/corpus/arkime-wireshark-retrans.pcap', 'fixtures/corpus/pcpp-frag_http_req.pcap',
  'fixtures/corpus/pcpp-DnsPackets.pcap', 'fixtures/corpus/zeek-http-post-large.pcap', 'fixtures/corpus/zeek-ipv6-fragmented-dns.pcap',
];

function tsharkPhs(file: string): string {
  const r = spawnSync('tshark', ['-2', '-n', '-q', '-r', file, '-z', 'io,phs'], { encoding: 'utf8', env: { ...process.env, HOME: '/nonexistent', WIRESHARK_CONFIG_DIR: '/nonexistent' } });
  if (r.status !== 0) throw new Error(`tshark failed: ${r.stderr}`);
  return r.stdout;
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
