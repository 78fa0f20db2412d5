/**
 * Custom columns (Wireshark's "Apply as Column"; the engine's setColumns): every row of a capture
 * carries each column's field values as `tshark -2 -T fields -E occurrence=a -E aggregator=,`
 * prints them (the packet details are Wireshark's second pass), whatever the view — filtered,
 * sorted by Info (which reads no custom column) — and a bad column list is refused with a clear
 * error while the columns before it stay. A view sorts by a custom column as Wireshark's list does:
 * numbers as numbers (the first occurrence), empty cells first, text by its characters.
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

  it.runIf(haveTshark())('sorts by a custom column: numbers as numbers, empty cells first, text as text; stable by number', async () => {
    const e = engine();
    const path = FILES[1]!;
    const info = await ok(e.call('openFile', { path }));
    await indexed(e, info.id);
    const fields = ['tcp.analysis.ack_rtt', 'ip.src', 'tcp.srcport'];
    await ok(e.call('setColumns', { session: info.id, fields }));
    const want = tsharkFields(path, fields, ['-2']);
    const numberOf = (v: string) => (v === '' ? -Infinity : Number(v.split(',')[0]));
    const byNumber = (k: number, sign: number) => want.map((row, i) => ({ no: i + 1, key: numberOf(row[k]!) }))
      .sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : a.no - b.no)).map((x) => x.no);
    for (const [k, dir] of [[0, 'asc'], [0, 'desc'], [2, 'asc']] as const) {
      await ok(e.call('sort', { session: info.id, column: 'custom', field: fields[k], dir }));
      const got = (await allRows(e, info.id)).map((r) => r.no);
      expect(got, `${fields[k]} ${dir}`).toEqual(byNumber(k, dir === 'asc' ? 1 : -1));
    }
    // ack_rtt: some rows have one, and the empty ones come first going up (from 0.000… on).
    await ok(e.call('sort', { session: info.id, column: 'custom', field: 'tcp.analysis.ack_rtt', dir: 'asc' }));
    const up = await allRows(e, info.id);
    expect(up[0]!.custom![0]).toBe('');
    expect(Number(up.at(-1)!.custom![0])).toBeGreaterThan(Number(up.find((r) => r.custom![0] !== '')!.custom![0]));
    // Text (an address as its text), in a filtered view.
    await ok(e.call('setFilter', { session: info.id, filter: 'tcp.len > 0' }));
    await ok(e.call('sort', { session: info.id, column: 'custom', field: 'ip.src', dir: 'desc' }));
    const texts = (await allRows(e, info.id)).map((r) => r.custom![1]!);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts).toEqual([...texts].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    // A field that is not a column is refused; the column removed: back to packet order.
    const r = await e.call('sort', { session: info.id, column: 'custom', field: 'ip.ttl', dir: 'asc' });
    expect(r.ok ? '' : r.error.message).toBe('sort: "ip.ttl" is not a custom column (setColumns)');
    const r2 = await e.call('sort', { session: info.id, column: 'custom', dir: 'asc' });
    expect(r2.ok ? '' : r2.error.message).toBe('sort: a custom column needs its field');
    await ok(e.call('setColumns', { session: info.id, fields: ['tcp.srcport'] }));
    const back = (await allRows(e, info.id)).map((r) => r.no);
    expect(back).toEqual([...back].sort((a, b) => a - b));
  });
});
