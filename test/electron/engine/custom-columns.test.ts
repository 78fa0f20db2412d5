/**
 * Custom columns (Wireshark's "Apply as Column"; the engine's setColumns): every row of a capture
 * carries each column's field values as `tshark -2 -T fields -E occurrence=a -E aggregator=,`
 * prints them (the packet details are Wireshark's second pass), whatever the view — filtered,
 * sorted by Info (which reads no custom column) — and a bad column list is refused with a clear
 * error while the columns before it stay.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine.js';
import type { Row } from '../../../electron/api/contract.js';
import { engines, indexed, ok } from '../../helpers/engine-calls.js';
import { haveTshark, tsharkFields } from '../../helpers/corpus-net.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const FILES = ['own/handshake-http.pcapng', 'own/tcp-analysis.pcap', 'own/dns-tcp.pcap', 'corpus/pcpp-http-packets2.pcap'].map((f) => join(FIXTURES, f));
const COLUMNS = ['ip.ttl', 'tcp.stream', 'tcp.analysis.ack_rtt', 'http.host', 'dns.qry.name', 'tcp.flags', 'eth.src', 'ip.addr', 'http.response_in', 'tcp.len', 'udp.stream', 'tcp.analysis.flags'];
const engine = engines();

async function allRows(e: Engine, session: string): Promise<Row[]> {
  const out: Row[] = [];
  for (let start = 0; ; start += 1000) {
    const r = await ok(e.call('rows', { session, start, count: 1000 }));
    out.push(...r.rows);
    if (r.rows.length < 1000) return out;
  }
}

describe('custom columns', () => {
  for (const path of FILES) {
    it.runIf(haveTshark())(`${path.replace(/.*\/fixtures\//, '')}: every row's values are tshark -2's fields`, async () => {
      const e = engine();
      const info = await ok(e.call('openFile', { path }));
      await indexed(e, info.id);
      await ok(e.call('setColumns', { session: info.id, fields: COLUMNS }));
      const want = tsharkFields(path, COLUMNS, ['-2']);
      const rows = await allRows(e, info.id);
      expect(rows.length).toBe(want.length);
      for (const r of rows) expect(r.custom, `#${r.no}`).toEqual(want[r.no - 1]);
      // Some values in every column across the files is checked below; here: this file has some.
      expect(rows.some((r) => r.custom!.some((v) => v !== ''))).toBe(true);

      // A filtered, sorted view: the same values on the same packets.
      await ok(e.call('setFilter', { session: info.id, filter: 'tcp' }));
      await ok(e.call('sort', { session: info.id, column: 'info', dir: 'desc' }));
      for (const r of await allRows(e, info.id)) expect(r.custom, `sorted #${r.no}`).toEqual(want[r.no - 1]);

      // Fewer columns, then none.
      await ok(e.call('setColumns', { session: info.id, fields: ['tcp.len'] }));
      for (const r of await allRows(e, info.id)) expect(r.custom).toEqual([want[r.no - 1]![COLUMNS.indexOf('tcp.len')]]);
      await ok(e.call('setColumns', { session: info.id, fields: [] }));
      expect((await allRows(e, info.id)).every((r) => r.custom === undefined)).toBe(true);
    });
  }

  it('every column has values in these captures', async () => {
    if (!haveTshark()) return;
    const seen = new Set<string>();
    for (const path of FILES) tsharkFields(path, COLUMNS, ['-2']).forEach((row) => row.forEach((v, k) => v !== '' && seen.add(COLUMNS[k]!)));
    expect([...seen].sort()).toEqual([...COLUMNS].sort());
  });

  it('refuses an unknown field, a wrong list, and keeps the columns it had', async () => {
    const e = engine();
    const info = await ok(e.call('openFile', { path: FILES[0]! }));
    await indexed(e, info.id);
    await ok(e.call('setColumns', { session: info.id, fields: ['ip.ttl'] }));
    const bad = async (fields: unknown) => {
      const r = await e.call('setColumns', { session: info.id, fields } as never);
      expect(r.ok, JSON.stringify(fields)).toBe(false);
      return r.ok ? '' : r.error.message;
    };
    expect(await bad(['ip.sorc'])).toBe('setColumns: "ip.sorc" is neither a field nor a protocol name');
    expect(await bad(['ip.ttl', ''])).toMatch(/fields/);
    expect(await bad('ip.ttl')).toMatch(/fields/);
    expect(await bad([1])).toMatch(/fields/);
    expect(await bad(Array.from({ length: 33 }, () => 'ip.ttl'))).toMatch(/fields/);
    const r = await ok(e.call('rows', { session: info.id, start: 2, count: 1 }));
    expect(r.rows[0]!.custom).toEqual(['64']);
  });
});
