/**
 * Enabled protocols through the engine's API: openFile / openSample / startCapture /
 * restartCapture take `protocols` (disabled protocols and heuristics), and every view of the
 * session sees it — rows (as tshark's summary lines with the same flags), packet details, display
 * filters, follow, the conversation export; `protocolChoices` lists what may be switched off;
 * names the registry does not know are refused as values, never thrown. Both engine modes.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EnabledProtocols, Row } from '../../../electron/api/contract.js';
import { engines, indexed, ok } from '../../helpers/engine-calls.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILE = join(ROOT, 'fixtures/own/handshake-http.pcapng');
const inline = engines();
const workers = engines({ mode: 'worker', workerPath: join(ROOT, 'dist/engine-worker.js') });

/** tshark's Protocol and Info columns with these flags (two passes, as the app shows them). */
function tsharkColumns(flags: string[]): string[] {
  const r = spawnSync('tshark', ['-n', '-2', '-r', FILE, ...flags, '-T', 'fields', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info'], { encoding: 'utf8' });
  return r.stdout.trimEnd().split('\n');
}
const columns = (rows: Row[]) => rows.map((r) => `${r.protocol}\t${r.info}`);

describe('engine: enabled protocols', () => {
  for (const [mode, make] of [['inline', inline], ['worker', workers]] as const) {
    it(`opens a file with HTTP switched off: rows as tshark's, details, filters, follow, export (${mode})`, async () => {
      const e = make();
      const off: EnabledProtocols = { disabled: ['http'] };
      const s = await ok(e.call('openFile', { path: FILE, protocols: off }));
      const plain = await ok(e.call('openFile', { path: FILE }));
      await indexed(e, s.id);
      await indexed(e, plain.id);
      const rows = (await ok(e.call('rows', { session: s.id, start: 0, count: 1000 }))).rows;
      expect(columns(rows)).toEqual(tsharkColumns(['--disable-protocol', 'http']));
      expect(columns((await ok(e.call('rows', { session: plain.id, start: 0, count: 1000 }))).rows).filter((c) => c.startsWith('HTTP\t'))).toHaveLength(2);
      expect(rows.some((r) => r.protocol === 'HTTP')).toBe(false);
      // The GET's details: TCP's payload is data.
      const get = (await ok(e.call('setFilter', { session: plain.id, filter: 'http.request' })), (await ok(e.call('rows', { session: plain.id, start: 0, count: 1 }))).rows[0]!.no);
      const d = await ok(e.call('packet', { session: s.id, no: get }));
      expect(d.tree.map((n) => n.field)).toEqual(expect.arrayContaining(['tcp', 'data']));
      expect(d.tree.map((n) => n.field)).not.toContain('http');
      expect(await ok(e.call('setFilter', { session: s.id, filter: 'http' }))).toEqual({ displayed: 0 });
      expect((await ok(e.call('setFilter', { session: s.id, filter: 'data && tcp.port == 80' }))).displayed).toBeGreaterThan(0);
      // Follow: no HTTP messages in the stream; the export has no HTTP fields.
      const stream = Number((await ok(e.call('packet', { session: plain.id, no: get }))).tree.find((n) => n.field === 'tcp')!.children!.find((n) => n.field === 'tcp.stream')!.filterValue);
      const f = await ok(e.call('follow', { session: s.id, proto: 'tcp', stream }));
      const fp = await ok(e.call('follow', { session: plain.id, proto: 'tcp', stream }));
      expect(fp.messages.some((m) => m.label.startsWith('HTTP'))).toBe(true);
      expect(f.messages.some((m) => m.label.startsWith('HTTP'))).toBe(false);
      const x = await ok(e.call('exportConversation', { session: s.id, proto: 'tcp', stream }));
      const xp = await ok(e.call('exportConversation', { session: plain.id, proto: 'tcp', stream }));
      expect(xp.json).toContain('"http.request.uri"');
      expect(x.json).not.toContain('"http.request.uri"');
      expect(x.json).toContain('"data.data"');
      await ok(e.call('close', { session: s.id }));
      await ok(e.call('close', { session: plain.id }));
    });
  }

  it('switches heuristics off, and opens the sample with protocols switched off', async () => {
    const e = inline();
    const s = await ok(e.call('openFile', { path: join(ROOT, 'fixtures/own/decode-as.pcap'), protocols: { disabledHeuristics: ['dns_udp'] } }));
    await indexed(e, s.id);
    expect(await ok(e.call('setFilter', { session: s.id, filter: 'dns' }))).toEqual({ displayed: 0 });
    const sample = await ok(e.call('openSample', { protocols: { disabled: ['tcp'] } }));
    await indexed(e, sample.id);
    const rows = (await ok(e.call('rows', { session: sample.id, start: 0, count: 1000 }))).rows;
    expect(rows.some((r) => r.protocol === 'TCP' || r.protocol === 'HTTP')).toBe(false);
    expect(rows.some((r) => r.info === 'TCP (6)')).toBe(true);
  });

  it('lists the protocols and their heuristics', async () => {
    const c = await ok(inline().call('protocolChoices', {}));
    const names = c.protocols.map((p) => p.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['arp', 'data', 'data-text-lines', 'dns', 'eth', 'http', 'ip', 'ipv6', 'tcp', 'tls', 'udp']));
    expect(c.protocols.find((p) => p.name === 'dns')).toEqual({
      name: 'dns', description: 'Domain Name System', toggle: true, heuristics: [{ name: 'dns_udp', table: 'udp', description: 'DNS over UDP' }],
    });
    expect(c.protocols.find((p) => p.name === 'data')!.toggle).toBe(false);
  });

  it('refuses what it cannot switch off, as values', async () => {
    const e = inline();
    const bad: [unknown, RegExp][] = [
      [{ disabled: ['nosuch'] }, /^openFile: Enabled Protocols: no protocol named "nosuch"/],
      [{ disabled: ['data'] }, /"data" cannot be disabled/],
      [{ disabledHeuristics: ['nosuch'] }, /No such protocol nosuch, can't disable/],
      [{ disabled: 'tcp' }, /protocols/],
      [{ disabled: [''] }, /protocols/],
      [{ disabled: ['tcp'], extra: 1 }, /extra/],
      [{ disabled: Array.from({ length: 257 }, () => 'tcp') }, /protocols/],
    ];
    for (const [protocols, message] of bad) {
      const r = await e.call('openFile', { path: FILE, protocols } as never);
      expect(r.ok, JSON.stringify(protocols).slice(0, 80)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad-request');
        expect(r.error.message).toMatch(message);
      }
    }
    const live = await e.call('startCapture', { interfaces: ['lo'], filter: '', protocols: { disabledHeuristics: ['nosuch'] } });
    expect(live.ok).toBe(false);
    if (!live.ok) expect(live.error.message).toMatch(/^startCapture: Enabled Protocols: No such protocol nosuch/);
  });
});
