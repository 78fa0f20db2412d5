/**
 * Writer round trip through tshark (the oracle): corpus file -> our reader -> our pcap / pcapng
 * writers -> tshark reads our file (time, lengths, comments must equal our records) -> tshark
 * re-writes it (-w, pcapng) -> our reader reads tshark's file (packet bytes must be identical).
 * tshark is REQUIRED: without it these tests fail with a clear message instead of skipping.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapWriter } from '../../../dissectors/capture/pcap-writer.js';
import { PcapngWriter } from '../../../dissectors/capture/pcapng-writer.js';
import { readFileSync } from 'node:fs';
import { corpusBytes, epoch, type KeptRecord, readAll, type ReadResult, tshark, tsharkPath } from './helpers.js';
import { concat } from '../../helpers/hex.js';

const FILES = [
  'arkime-bigendian.pcap', // big-endian µs
  'pcpp-nanosecs_big_endian.pcap', // big-endian ns
  'tcpdump-tcp-handshake-nano.pcap', // Linux SLL, ns
  'tcpdump-arp-too-long-tha.pcap', // frame.len 262144 > 64 captured
  'zeek-linux_dlt_sll2.pcap', // SLL2
  'gopacket-test_loopback.pcap', // NULL
  'zeek-pcapng-multi-interface.pcapng', // 2 interfaces, µs and ns
  'pcpp-pcapng-example.pcapng', // comments, Ethernet + SLL, timestamps ~1.8e13 s
  'gopacket-pcapng-be-test101.pcapng', // SPB without timestamp, Ethernet + NULL
  'gopacket-pcapng-le-test902.pcapng', // if_tsresol 2^-8
  'gopacket-pcapng-le-test202.pcapng', // 3 sections, 5 interfaces
];

const dir = mkdtempSync(join(tmpdir(), 'packetloom-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** pcap is possible with one link type and timestamps that fit 32-bit seconds. */
function pcapPossible(r: ReadResult): boolean {
  const lts = new Set(r.records.map((x) => x.linkType));
  return lts.size === 1 && r.records.every((x) => x.hasTs && x.tsSec >= 0 && x.tsSec < 2 ** 32);
}

function writePcap(r: ReadResult): { bytes: Uint8Array; nsec: boolean } {
  const nsec = r.records.some((x) => x.tsNsec % 1000 !== 0);
  const w = new PcapWriter({ linkType: r.records[0]!.linkType, precision: nsec ? 'nsec' : 'usec' });
  return { bytes: concat(w.header(), ...r.records.map((p) => w.packet(p))), nsec };
}

/** `keepResolution`: copy if_tsresol/if_tsoffset; else the writer's default (ns). */
function writePcapng(r: ReadResult, keepResolution: boolean): Uint8Array {
  const w = new PcapngWriter({ comment: `round trip of ${r.meta.sections.length} section(s)` });
  const parts = [w.header()];
  for (const i of r.meta.interfaces) {
    parts.push(
      w.addInterface({
        linkType: i.linkType,
        snapLen: i.snapLen,
        name: i.name ?? `if${i.id}`,
        ...(keepResolution ? { tsresol: i.tsresol, tsoffset: i.tsoffset } : {}),
      }),
    );
  }
  for (const p of r.records) parts.push(w.packet(p));
  return concat(...parts);
}

interface TsharkRow {
  time: string;
  len: string;
  capLen: string;
  comment: string;
  iface: string;
}

function tsharkRows(path: string): TsharkRow[] {
  const out = tshark(['-r', path, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=|',
    '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.cap_len', '-e', 'frame.comment', '-e', 'frame.interface_id']);
  const stderr = out.stderr.split('\n').filter((l) => l && !/Running as user/.test(l));
  expect(stderr, `tshark stderr on ${path}`).toEqual([]);
  expect(out.status).toBe(0);
  return out.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [time, len, capLen, comment, iface] = l.split('\t');
      return { time: time!, len: len!, capLen: capLen!, comment: comment ?? '', iface: iface ?? '' };
    });
}

function expectSameAsOurs(rows: TsharkRow[], recs: KeptRecord[], opts: { usec?: boolean; pcapng: boolean }, ctx: string): void {
  expect(rows.length, ctx).toBe(recs.length);
  recs.forEach((r, i) => {
    const row = rows[i]!;
    const c = `${ctx} packet ${r.num}`;
    const ns = opts.usec ? r.tsNsec - (r.tsNsec % 1000) : r.tsNsec;
    // a packet without a timestamp (SPB) is written with timestamp 0
    expect(row.time, c).toBe(r.hasTs ? epoch({ tsSec: r.tsSec, tsNsec: ns, hasTs: true }) : '0.000000000');
    expect(row.len, c).toBe(String(r.origLen));
    expect(row.capLen, c).toBe(String(r.data.length));
    if (opts.pcapng) {
      expect(row.comment, c).toBe((r.comments ?? []).join('|'));
      expect(row.iface, c).toBe(String(r.interfaceId));
    }
  });
}

/** tshark re-writes our file; our reader must get the same packets back from tshark's bytes. */
function expectRewriteSame(path: string, recs: KeptRecord[], ctx: string): void {
  const re = `${path}.tshark.pcapng`;
  const out = tshark(['-r', path, '-w', re, '-F', 'pcapng']);
  expect(out.status, `${ctx}: ${out.stderr}`).toBe(0);
  const back = readAll(new Uint8Array(readFileSync(re)), 4096);
  expect(back.error, ctx).toBeNull();
  expect(back.records.length, ctx).toBe(recs.length);
  back.records.forEach((b, i) => {
    const r = recs[i]!;
    expect(Buffer.from(b.data).equals(Buffer.from(r.data)), `${ctx} packet ${r.num} bytes`).toBe(true);
    expect([b.origLen, b.linkType], `${ctx} packet ${r.num}`).toEqual([r.origLen, r.linkType]);
  });
}

describe('writer round trip through tshark', () => {
  it('tshark is installed (required, not optional)', () => {
    expect(() => tsharkPath()).not.toThrow();
    expect(tshark(['-v']).stdout).toMatch(/TShark/);
  });

  for (const f of FILES) {
    it(f, () => {
      const r = readAll(corpusBytes(f));
      expect(r.error).toBeNull();
      expect(r.records.length).toBeGreaterThan(0);
      const base = join(dir, f.replace(/\.(pcap|pcapng)$/, ''));

      if (pcapPossible(r)) {
        const { bytes, nsec } = writePcap(r);
        const p = `${base}.ours.pcap`;
        writeFileSync(p, bytes);
        expectSameAsOurs(tsharkRows(p), r.records, { usec: !nsec, pcapng: false }, `${f} as pcap`);
        expectRewriteSame(p, r.records, `${f} as pcap`);
        // and our own reader agrees with our writer
        const again = readAll(bytes, 7);
        expect(again.records.map((x) => [epoch(x), x.origLen, Array.from(x.data).join()])).toEqual(
          r.records.map((x) => [epoch({ ...x, tsNsec: nsec ? x.tsNsec : x.tsNsec - (x.tsNsec % 1000) }), x.origLen, Array.from(x.data).join()]),
        );
      }

      const fitsNs = r.records.every((x) => !x.hasTs || (x.tsSec >= 0 && x.tsSec < 1.8e10));
      for (const keep of fitsNs ? [false, true] : [true]) {
        const p = `${base}.ours${keep ? '-keepres' : ''}.pcapng`;
        writeFileSync(p, writePcapng(r, keep));
        const ctx = `${f} as pcapng${keep ? ' (resolution kept)' : ''}`;
        expectSameAsOurs(tsharkRows(p), r.records, { pcapng: true }, ctx);
        expectRewriteSame(p, r.records, ctx);
      }
    });
  }

  it('pcapng writer: SHB userappl/comment, IDB name/tsresol, epb_flags as tshark sees them', () => {
    const w = new PcapngWriter({ comment: 'section note' });
    const data = Uint8Array.from({ length: 60 }, (_, i) => i);
    const bytes = concat(
      w.header(),
      w.addInterface({ linkType: 1, snapLen: 1500, name: 'eth7', tsresol: 9 }),
      w.packet({ tsSec: 1_600_000_000, tsNsec: 987_654_321, origLen: 60, data, comments: ['one', 'two'], flags: 0x00000002 }),
    );
    const p = join(dir, 'writer-options.pcapng');
    writeFileSync(p, bytes);
    const out = tshark(['-r', p, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=|', '-e', 'frame.time_epoch',
      '-e', 'frame.comment', '-e', 'frame.packet_flags', '-e', 'frame.interface_name']);
    expect(out.stdout.trim()).toBe('1600000000.987654321\tone|two\t0x00000002\teth7');
    const info = readAll(bytes);
    expect(info.meta.sections[0]).toMatchObject({ userAppl: 'Packetloom', comments: ['section note'] });
    expect(info.meta.interfaces[0]).toMatchObject({ name: 'eth7', tsresol: 9, snapLen: 1500 });
    expect(info.records[0]).toMatchObject({ flags: 2, comments: ['one', 'two'] });
  });
});
