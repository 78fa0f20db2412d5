/**
 * Edit › Find Packet (electron/engine/find-packet.ts) through the engine's API: every way of
 * searching, against what else says where the thing is — tshark's frames for a display filter,
 * the packet bytes read straight from the file for hex values and strings, the rows and the packet
 * details the engine serves for the list and the details — and against bytes written out by hand
 * for narrow, wide and case-folded strings; the order of the view (filtered, sorted), wrapping,
 * and a clear error for every bad search.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine.js';
import type { FindParams, FindResult, RowsResult, PacketDetail, TreeNode } from '../../../electron/api/contract.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { engines, indexed, ok } from '../../helpers/engine-calls.js';
import { haveTshark, tsharkFields } from '../../helpers/corpus-net.js';
import { pcapOf, segFrames, tcpFrameWith, CRAFT_EPOCH, type TcpSeg } from '../../helpers/tcp-frames.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const HTTP = join(FIXTURES, 'own/handshake-http.pcapng');
const CORPUS_HTTP = join(FIXTURES, 'corpus/pcpp-http-packets2.pcap');
const engine = engines();

async function open(e: Engine, path: string): Promise<string> {
  const info = await ok(e.call('openFile', { path }));
  await indexed(e, info.id);
  return info.id;
}

type Search = Omit<FindParams, 'session' | 'from'>;

/** Every packet a search finds, going on from each one found until it comes back to the first (bounded by the packet count). */
async function all(e: Engine, session: string, q: Search, max: number): Promise<FindResult[]> {
  const out: FindResult[] = [];
  let from = 0;
  for (let k = 0; k <= max; k++) {
    const r = await ok(e.call('findPacket', { session, from, ...q }));
    if (r.no === null || (out.length > 0 && r.no === out[0]!.no)) break;
    out.push(r);
    from = r.no;
  }
  return out;
}

/** Each packet's bytes, read from the file without the engine. */
function packetBytes(path: string): Buffer[] {
  const out: Buffer[] = [];
  readCaptureFile(path, (rec) => void out.push(Buffer.from(rec.data)));
  return out;
}

describe('Find Packet', () => {
  it('by display filter: the frames tshark -Y selects, in order, then back to the first (wrapped)', async () => {
    const e = engine();
    const s = await open(e, CORPUS_HTTP);
    const { packets } = await ok(e.call('status', { session: s }));
    for (const filter of ['http.request', 'tcp.flags.syn == 1', 'ip.len > 1000 && tcp', 'http.response.code == 200', 'tcp.analysis.flags']) {
      const got = await all(e, s, { by: 'filter', text: filter }, packets);
      const want = haveTshark() ? tsharkFields(CORPUS_HTTP, ['frame.number'], ['-Y', filter]).map((r) => Number(r[0])) : null;
      if (want) expect(got.map((r) => r.no), filter).toEqual(want);
      expect(got.every((r) => !r.wrapped), filter).toBe(true);
      if (got.length) {
        // From the last one found, the next is the first again, past the end.
        const again = await ok(e.call('findPacket', { session: s, from: got.at(-1)!.no!, by: 'filter', text: filter }));
        expect(again).toEqual({ no: got[0]!.no, wrapped: true });
        // Backward from the first: the last one, past the start.
        const back = await ok(e.call('findPacket', { session: s, from: got[0]!.no!, backward: true, by: 'filter', text: filter }));
        expect(back).toEqual({ no: got.at(-1)!.no, wrapped: true });
        // Without wrapping (Go › Next Packet in Conversation): nothing past either end.
        expect(await ok(e.call('findPacket', { session: s, from: got.at(-1)!.no!, by: 'filter', text: filter, wrap: false }))).toEqual({ no: null, wrapped: false });
        expect(await ok(e.call('findPacket', { session: s, from: got[0]!.no!, backward: true, by: 'filter', text: filter, wrap: false }))).toEqual({ no: null, wrapped: false });
        if (got.length > 1) expect(await ok(e.call('findPacket', { session: s, from: got[0]!.no!, by: 'filter', text: filter, wrap: false }))).toEqual({ no: got[1]!.no, wrapped: false });
      }
    }
    expect(await ok(e.call('findPacket', { session: s, from: 3, by: 'filter', text: 'dns.qry.name == "nowhere.test"' }))).toEqual({ no: null, wrapped: true });
  });

  it('by hex value: the first packet whose bytes hold it, with where (any separator, either case)', async () => {
    const e = engine();
    const s = await open(e, HTTP);
    const bytes = packetBytes(HTTP);
    const needle = Buffer.from('GET /index.html', 'latin1');
    const hexes = [needle.toString('hex'), [...needle].map((b) => b.toString(16).padStart(2, '0')).join(':'), [...needle].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ')];
    const want = bytes.findIndex((b) => b.includes(needle));
    expect(want).toBeGreaterThan(0);
    for (const text of hexes) {
      const r = await ok(e.call('findPacket', { session: s, from: 0, by: 'hex', text }));
      expect(r, text).toEqual({ no: want + 1, wrapped: false, offset: bytes[want]!.indexOf(needle), length: needle.length });
    }
    // A MAC address: every packet from or to it, in order.
    const mac = Buffer.from('020000990002', 'hex');
    const got = await all(e, s, { by: 'hex', text: '02:00:00:99:00:02' }, bytes.length);
    expect(got.map((r) => r.no)).toEqual(bytes.flatMap((b, i) => (b.includes(mac) ? [i + 1] : [])));
  });

  it('a string in the packet bytes: narrow, wide or both, case-folded unless asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packetloom-find-'));
    try {
      const seg = (t: number, payload: Uint8Array) =>
        ({ tsSec: CRAFT_EPOCH + t, tsNsec: 0, data: tcpFrameWith({ t, src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 9, seq: 1 + t * 100, ack: 1, flags: 'PA' } as TcpSeg, payload) });
      const frames = [
        ...segFrames([{ t: 0, src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 9, seq: 0, flags: 'S' }]),
        // 2: UTF-16LE "Packetloom"; 3: "PACKETLOOM" in ASCII; 4: "packetloom"; 5: neither.
        seg(1, Buffer.from('..Packetloom..', 'utf16le')),
        seg(2, Buffer.from('xxPACKETLOOMxx', 'latin1')),
        seg(3, Buffer.from('--packetloom--', 'latin1')),
        seg(4, Buffer.from('nothing to see', 'latin1')),
      ];
      const path = join(dir, 'strings.pcap');
      writeFileSync(path, pcapOf(frames));
      const e = engine();
      const s = await open(e, path);
      const nos = async (q: Search) => (await all(e, s, q, frames.length)).map((r) => r.no);
      const str = { by: 'string', in: 'bytes', text: 'packetloom' } as const;
      expect(await nos({ ...str, charset: 'narrow' })).toEqual([3, 4]);
      expect(await nos({ ...str, charset: 'wide' })).toEqual([2]);
      expect(await nos({ ...str, charset: 'both' })).toEqual([2, 3, 4]);
      expect(await nos({ ...str })).toEqual([2, 3, 4]);
      expect(await nos({ ...str, caseSensitive: true })).toEqual([4]);
      expect(await nos({ ...str, text: 'Packetloom', caseSensitive: true })).toEqual([2]);
      // Where: the wide string's bytes, after the TCP header (14 + 20 + 20 bytes of headers, then "..").
      const wide = await ok(e.call('findPacket', { session: s, from: 0, ...str, charset: 'wide' }));
      expect(wide).toEqual({ no: 2, wrapped: false, offset: 54 + 4, length: 20 });
      // A regular expression over the bytes as Latin-1.
      expect(await nos({ by: 'regex', in: 'bytes', text: 'PACKET[lL]OOM' })).toEqual([3, 4]);
      expect(await nos({ by: 'regex', in: 'bytes', text: 'PACKET[lL]OOM', caseSensitive: true })).toEqual([3]);
      expect(await nos({ by: 'regex', in: 'bytes', text: 'P\\x00a\\x00c' })).toEqual([2]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in the packet list: the columns as the rows show them', async () => {
    const e = engine();
    const s = await open(e, HTTP);
    const { rows } = await ok(e.call('rows', { session: s, start: 0, count: 1000 })) as RowsResult;
    const cols = (r: RowsResult['rows'][number]) => [String(r.no), r.source, r.destination, r.protocol, String(r.length), r.info];
    for (const text of ['Echo (ping) reply', 'standard QUERY response', '10.99.0.2', 'HTTP', '614', 'AAAA']) {
      const want = rows.filter((r) => cols(r).some((c) => c.toLowerCase().includes(text.toLowerCase()))).map((r) => r.no);
      expect(want.length, text).toBeGreaterThan(0);
      expect((await all(e, s, { by: 'string', in: 'list', text }, rows.length)).map((r) => r.no), text).toEqual(want);
    }
    // Case-sensitive, and a regular expression.
    expect((await all(e, s, { by: 'string', in: 'list', text: 'standard QUERY', caseSensitive: true }, rows.length))).toEqual([]);
    // The custom columns are searched too: an IP identification shows in no other column.
    expect(await all(e, s, { by: 'string', in: 'list', text: '0xa5be' }, rows.length)).toEqual([]);
    await ok(e.call('setColumns', { session: s, fields: ['ip.id'] }));
    expect((await all(e, s, { by: 'string', in: 'list', text: '0xa5be' }, rows.length)).map((r) => r.no)).toEqual([11]);
    await ok(e.call('setColumns', { session: s, fields: [] }));
    const re = /^GET \/\S+ HTTP\/1\.1/;
    expect((await all(e, s, { by: 'regex', in: 'list', text: re.source }, rows.length)).map((r) => r.no)).toEqual(rows.filter((r) => re.test(r.info)).map((r) => r.no));
  });

  it('in the packet details: the first item whose label matches, with its path in the tree the details show', async () => {
    const e = engine();
    const s = await open(e, HTTP);
    const { packets } = await ok(e.call('status', { session: s }));
    const labelPath = (tree: readonly TreeNode[], test: (l: string) => boolean): number[] | null => {
      for (let k = 0; k < tree.length; k++) {
        if (test(tree[k]!.label)) return [k];
        const sub = tree[k]!.children ? labelPath(tree[k]!.children!, test) : null;
        if (sub) return [k, ...sub];
      }
      return null;
    };
    for (const text of ['Window size scaling factor', 'Content-Type', 'Server: ', 'Time to Live', 'conversation completeness']) {
      const want: FindResult[] = [];
      for (let no = 1; no <= packets; no++) {
        const d = (await ok(e.call('packet', { session: s, no }))) as PacketDetail;
        const path = labelPath(d.tree, (l) => l.toLowerCase().includes(text.toLowerCase()));
        if (path) want.push({ no, wrapped: false, path });
      }
      expect(want.length, text).toBeGreaterThan(0);
      expect(await all(e, s, { by: 'string', in: 'details', text }, packets), text).toEqual(want);
    }
  });

  it('follows the view: only the packets the filter shows, in the sorted order', async () => {
    const e = engine();
    const s = await open(e, HTTP);
    await ok(e.call('setFilter', { session: s, filter: 'tcp' }));
    await ok(e.call('sort', { session: s, column: 'length', dir: 'desc' }));
    const { rows } = await ok(e.call('rows', { session: s, start: 0, count: 1000 })) as RowsResult;
    const want = rows.filter((r) => r.length > 100).map((r) => r.no);
    expect(want.length).toBeGreaterThan(3);
    expect((await all(e, s, { by: 'filter', text: 'frame.len > 100' }, rows.length)).map((r) => r.no)).toEqual(want);
    // A packet the filter hides is not found (ARP), and the search starts at the top when `from` is not shown.
    expect(await ok(e.call('findPacket', { session: s, from: 0, by: 'filter', text: 'arp' }))).toEqual({ no: null, wrapped: false });
    expect((await ok(e.call('findPacket', { session: s, from: 1, by: 'filter', text: 'tcp' }))).no).toBe(rows[0]!.no);
  });

  it('says what is wrong with a search, and never stops the engine', async () => {
    const e = engine();
    const s = await open(e, HTTP);
    const err = async (p: Record<string, unknown>) => {
      const r = await e.call('findPacket', { session: s, from: 0, ...p } as FindParams);
      expect(r.ok, JSON.stringify(p)).toBe(false);
      return r.ok ? null : r.error;
    };
    expect(await err({ by: 'filter', text: 'ip.sorc == 1.2.3.4' })).toMatchObject({ code: 'filter', message: expect.stringContaining('ip.sorc'), start: 0 });
    expect(await err({ by: 'filter', text: '' })).toMatchObject({ code: 'bad-request', message: expect.stringContaining('enter a display filter') });
    expect(await err({ by: 'hex', text: '0g:11' })).toMatchObject({ code: 'bad-request', message: expect.stringContaining('not a valid hex value') });
    expect(await err({ by: 'hex', text: 'abc' })).toMatchObject({ code: 'bad-request', message: expect.stringContaining('not a valid hex value') });
    expect(await err({ by: 'hex', text: '  ' })).toMatchObject({ code: 'bad-request' });
    expect(await err({ by: 'regex', in: 'list', text: 'GET (' })).toMatchObject({ code: 'bad-request', message: expect.stringContaining('not a valid regular expression') });
    expect(await err({ by: 'string', in: 'bytes', text: '' })).toMatchObject({ code: 'bad-request', message: expect.stringContaining('enter a string') });
    expect(await err({ by: 'words', text: 'x' })).toMatchObject({ code: 'bad-request' });
    expect(await err({ by: 'string', in: 'everywhere', text: 'x' })).toMatchObject({ code: 'bad-request' });
    expect(await err({ by: 'string', text: 'x', from: -1 })).toMatchObject({ code: 'bad-request' });
    expect(await err({ by: 'string', text: 'x', charset: 'utf-32' })).toMatchObject({ code: 'bad-request' });
    expect((await e.call('findPacket', { session: 's999', from: 0, by: 'string', text: 'x' })).ok).toBe(false);
    // The engine still answers.
    expect((await ok(e.call('findPacket', { session: s, from: 0, by: 'string', text: 'HTTP' }))).no).toBeGreaterThan(0);
  });
});

