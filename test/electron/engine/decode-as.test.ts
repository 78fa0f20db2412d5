/**
 * Decode As through the engine's API: openFile / openSample / startCapture take `decodeAs`, and
 * every view of the session sees it — rows, packet details, display filters (from the index and
 * from trees), follow, the conversation export; `decodeAsChoices` lists what may be chosen; entries
 * the registry cannot apply are refused as values, never thrown. Both engine modes (the worker
 * carries the entries to its session).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DecodeAsEntry, Row, TreeNode } from '../../../electron/api/contract.js';
import { engines, indexed, ok } from '../../helpers/engine-calls.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILE = join(ROOT, 'fixtures/own/decode-as.pcap');
const AS_DNS: DecodeAsEntry[] = [
  { table: 'udp.port', from: 5300, to: 5300, proto: 'dns' },
  { table: 'tcp.port', from: 5300, to: 5300, proto: 'dns' },
];
const inline = engines();
const workers = engines({ mode: 'worker', workerPath: join(ROOT, 'dist/engine-worker.js') });

const protocols = (rows: Row[]) => rows.map((r) => r.protocol).join(' ');
const fieldOf = (nodes: readonly TreeNode[], field: string): TreeNode | undefined => {
  for (const n of nodes) {
    if (n.field === field) return n;
    const c = fieldOf(n.children ?? [], field);
    if (c) return c;
  }
  return undefined;
};

describe('engine: Decode As', () => {
  for (const [mode, make] of [['inline', inline], ['worker', workers]] as const) {
    it(`opens a file with the entries: rows, details, filters, follow (${mode})`, async () => {
      const e = make();
      const plain = await ok(e.call('openFile', { path: FILE }));
      const decoded = await ok(e.call('openFile', { path: FILE, decodeAs: AS_DNS }));
      await indexed(e, plain.id);
      await indexed(e, decoded.id);
      const before = await ok(e.call('rows', { session: plain.id, start: 0, count: 30 }));
      const after = await ok(e.call('rows', { session: decoded.id, start: 0, count: 30 }));
      expect(before.rows).toHaveLength(26);
      expect(protocols(before.rows).match(/DNS/g)).toHaveLength(6);
      expect(protocols(after.rows).match(/DNS/g)!.length).toBe(6 + 5);
      expect(after.rows[18]!.info).toBe('Standard query 0x4104 SRV _http._tcp.packetloom.test');
      // The packet details of the last answer: DNS, its query paired with it.
      const d = await ok(e.call('packet', { session: decoded.id, no: 22 }));
      expect(d.tree.map((n) => n.field)).toContain('dns');
      expect(fieldOf(d.tree, 'dns.response_to')?.goTo).toBe(19);
      expect((await ok(e.call('packet', { session: plain.id, no: 22 }))).tree.map((n) => n.field)).not.toContain('dns');
      // Filters: a protocol from the index, a field from the trees.
      expect(await ok(e.call('setFilter', { session: decoded.id, filter: 'dns && tcp' }))).toEqual({ displayed: 5 });
      expect(await ok(e.call('setFilter', { session: decoded.id, filter: 'dns.qry.name == "ns.packetloom.test"' }))).toEqual({ displayed: 2 });
      expect(await ok(e.call('setFilter', { session: plain.id, filter: 'dns && tcp' }))).toEqual({ displayed: 0 });
      // Follow: the DNS messages' boundaries in the stream (length-prefixed messages).
      const f = await ok(e.call('follow', { session: decoded.id, proto: 'tcp', stream: 0 }));
      expect(f.messages.filter((m) => m.label.startsWith('DNS ')).map((m) => m.label)).toHaveLength(8);
      await ok(e.call('close', { session: plain.id }));
      await ok(e.call('close', { session: decoded.id }));
    });
  }

  it('lists the tables and their protocols', async () => {
    const c = await ok(inline().call('decodeAsChoices', {}));
    expect(c.tables.map((t) => t.name)).toEqual(['ethertype', 'gre.proto', 'ip.proto', 'tcp.port', 'udp.port']);
    expect(c.tables.find((t) => t.name === 'tcp.port')).toEqual({
      name: 'tcp.port', description: 'TCP port',
      protocols: [
        { name: 'data', description: 'Data' }, { name: 'dns', description: 'Domain Name System' },
        { name: 'http', description: 'Hypertext Transfer Protocol' }, { name: 'tls', description: 'Transport Layer Security' },
      ],
    });
  });

  it('refuses entries it cannot apply, as values', async () => {
    const e = inline();
    const bad: [unknown, RegExp][] = [
      [[{ table: 'udp.port', from: 53, to: 53, proto: 'http' }], /Protocol "http" isn't valid for layer type "udp.port"/],
      [[{ table: 'link', from: 1, to: 1, proto: 'eth' }], /Unknown layer type -- link/],
      [[{ table: 'tcp.port', from: 90, to: 80, proto: 'http' }], /Invalid selector numeric range/],
      [[{ table: 'tcp.port', from: 80, to: 70000, proto: 'http' }], /decodeAs.*to/],
      [[{ table: 'tcp.port', from: 80, to: 80 }], /proto/],
      [[{ table: 'tcp.port', from: 80, to: 80, proto: 'http', extra: 1 }], /extra/],
      ['tcp.port==80,http', /decodeAs/],
      [Array.from({ length: 65 }, () => AS_DNS[0]), /decodeAs/],
    ];
    for (const [decodeAs, message] of bad) {
      const r = await e.call('openFile', { path: FILE, decodeAs } as never);
      expect(r.ok, JSON.stringify(decodeAs).slice(0, 80)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad-request');
        expect(r.error.message).toMatch(message);
      }
    }
    const live = await e.call('startCapture', { interfaces: ['lo'], filter: '', decodeAs: [{ table: 'udp.port', from: 53, to: 53, proto: 'http' }] });
    expect(live.ok).toBe(false);
    if (!live.ok) expect(live.error.message).toMatch(/^startCapture: Decode As udp.port==53-53,http: Protocol "http" isn't valid/);
    // The sample opens with entries too.
    const s = await ok(e.call('openSample', { decodeAs: [{ table: 'tcp.port', from: 80, to: 80, proto: 'data' }] }));
    await indexed(e, s.id);
    const rows = await ok(e.call('rows', { session: s.id, start: 0, count: 100 }));
    expect(rows.rows.some((r) => r.protocol === 'HTTP')).toBe(false);
    await ok(e.call('close', { session: s.id }));
  });
});
