/**
 * File › Export Packet Dissections (electron/engine/export-dissections.ts): the details as text
 * are the CLI's `-2 -V` (itself held to `tshark -2 -V`), the JSON the CLI's `-2 -T json`, the CSV
 * the rows the packet list shows (custom columns too); all packets or the view's; a file that
 * cannot be written is an error that leaves nothing behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine.js';
import type { Row } from '../../../electron/api/contract.js';
import { engines, indexed, ok } from '../../helpers/engine-calls.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = ['fixtures/own/handshake-http.pcapng', 'fixtures/own/dns-tcp.pcap', 'fixtures/own/tcp-analysis.pcap', 'fixtures/corpus/pcpp-http-packets2.pcap'].map((f) => join(ROOT, f));
const engine = engines();
const dir = mkdtempSync(join(tmpdir(), 'packetloom-export-dissections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/packetloom.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

async function open(e: Engine, path: string): Promise<string> {
  const info = await ok(e.call('openFile', { path }));
  await indexed(e, info.id);
  // As the CLI without -N: MAC addresses unnamed.
  await ok(e.call('setNameResolution', { session: info.id, mac: false }));
  return info.id;
}

let n = 0;
const out = (ext: string) => join(dir, `export-${++n}.${ext}`);

describe('Export Packet Dissections', () => {
  for (const path of FILES) {
    it(`${path.replace(/.*\/fixtures\//, '')}: text and JSON are the CLI's -2 -V and -2 -T json`, async () => {
      const e = engine();
      const s = await open(e, path);
      const { packets } = await ok(e.call('status', { session: s }));
      const text = out('txt');
      expect(await ok(e.call('exportDissections', { session: s, path: text, format: 'text' }))).toEqual({ packets, path: text });
      expect(readFileSync(text, 'utf8')).toBe(cli(['-n', '-2', '-V', '-r', path]));
      const json = out('json');
      await ok(e.call('exportDissections', { session: s, path: json, format: 'json' }));
      expect(readFileSync(json, 'utf8')).toBe(cli(['-n', '-2', '-T', 'json', '-r', path]));
      // With MAC names (as the app shows them by default): the CLI's default (tshark's, -N m).
      await ok(e.call('setNameResolution', { session: s, mac: true }));
      const named = out('txt');
      await ok(e.call('exportDissections', { session: s, path: named, format: 'text' }));
      expect(readFileSync(named, 'utf8')).toBe(cli(['-2', '-V', '-r', path]));
      // The view's packets only (a filter), in packet order.
      await ok(e.call('setFilter', { session: s, filter: 'tcp.len > 0' }));
      await ok(e.call('sort', { session: s, column: 'length', dir: 'desc' }));
      const shown = out('json');
      const r = await ok(e.call('exportDissections', { session: s, path: shown, format: 'json', displayedOnly: true }));
      const numbers = (JSON.parse(readFileSync(shown, 'utf8')) as { _source: { layers: { frame: Record<string, string> } } }[]).map((p) => Number(p._source.layers.frame['frame.number']));
      const want = cli(['-Y', 'tcp.len > 0', '-T', 'fields', '-e', 'frame.number', '-r', path]).trim().split('\n').filter(Boolean).map(Number);
      expect(numbers).toEqual(want);
      expect(r.packets).toBe(want.length);
    });
  }

  it('CSV: the rows of the packet list, custom columns too, quoted as Wireshark quotes them', async () => {
    const e = engine();
    const path = FILES[0]!;
    const s = await open(e, path);
    await ok(e.call('setColumns', { session: s, fields: ['http.host', 'ip.ttl'] }));
    const csv = out('csv');
    await ok(e.call('exportDissections', { session: s, path: csv, format: 'csv' }));
    const rows = (await ok(e.call('rows', { session: s, start: 0, count: 1000 }))).rows as Row[];
    const q = (v: string | number) => `"${String(v).replaceAll('"', '""')}"`;
    const want = ['"No.","Time","Source","Destination","Protocol","Length","Info","http.host","ip.ttl"', ...rows.map((r) => [r.no, r.time.toFixed(6), r.source, r.destination, r.protocol, r.length, r.info, ...r.custom!].map(q).join(','))].join('\n') + '\n';
    expect(readFileSync(csv, 'utf8')).toBe(want);
    expect(want).toContain('"14","0.354819","10.99.0.1","10.99.0.2","HTTP","159","GET /index.html HTTP/1.1 ","www.packetloom.test","64"');
  });

  it('says why a file cannot be written, and leaves nothing', async () => {
    const e = engine();
    const s = await open(e, FILES[0]!);
    const r = await e.call('exportDissections', { session: s, path: join(dir, 'no-such-dir', 'x.txt'), format: 'text' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'file', message: expect.stringContaining('cannot be written') });
    const bad = await e.call('exportDissections', { session: s, path: join(dir, 'x.txt'), format: 'pdf' } as never);
    expect(bad.ok).toBe(false);
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
    expect(readdirSync(dir).filter((f) => !f.startsWith('export-'))).toEqual([]);
  });
});
