/**
 * pcap variants and limits on small synthetic files, checked against tshark where it reads them:
 * µs / ns / modified (a1b2cd34) / Ixia (1c0001ac, 1c0001ab) magics in both byte orders, version
 * checks, captured-length limits, out-of-range fractions; plus createReader and linkTypeName.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_RAW,
  linkTypeName,
  maxSnapLen,
} from '../../../dissectors/capture/linktypes.js';
import { createReader, isCaptureFileError } from '../../../dissectors/capture/open.js';
import { PcapWriter } from '../../../dissectors/capture/pcap-writer.js';
import { epoch, readAll, tshark } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'packetloom-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Rec {
  sec: number;
  frac: number;
  cap: number;
  orig?: number;
}

/** A pcap file: `magic` as a number written in the chosen byte order, then the records. */
function pcap(magic: number, le: boolean, recs: Rec[], o: { major?: number; lt?: number; recHdr?: number; extra?: number } = {}): Uint8Array {
  const recHdr = o.recHdr ?? 16;
  const extra = o.extra ?? 0;
  const size = 24 + extra + recs.reduce((n, r) => n + recHdr + r.cap, 0);
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  v.setUint32(0, magic, le);
  v.setUint16(4, o.major ?? 2, le);
  v.setUint16(6, 4, le);
  v.setUint32(16, 65535, le);
  v.setUint32(20, o.lt ?? 1, le);
  let p = 24 + extra;
  recs.forEach((r, i) => {
    v.setUint32(p, r.sec, le);
    v.setUint32(p + 4, r.frac, le);
    v.setUint32(p + 8, r.cap, le);
    v.setUint32(p + 12, r.orig ?? r.cap, le);
    b.fill(i + 1, p + recHdr, p + recHdr + r.cap);
    p += recHdr + r.cap;
  });
  return b;
}

function tsharkTimes(name: string, bytes: Uint8Array): { rows: string[][]; stderr: string } {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  const out = tshark(['-r', p, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.cap_len']);
  const rows = out.stdout.split('\n').filter((l) => l.trim()).map((l) => l.split('\t'));
  return { rows, stderr: out.stderr.split('\n').filter((l) => l && !/Running as user/.test(l)).join('\n') };
}

const RECS: Rec[] = [
  { sec: 1_500_000_000, frac: 123456, cap: 42 },
  { sec: 1_500_000_001, frac: 999999, cap: 60, orig: 1514 },
  { sec: 1_500_000_002, frac: 0, cap: 0, orig: 10 },
];

describe('pcap variants, compared with tshark', () => {
  const cases = [
    { name: 'usec', magic: 0xa1b2c3d4, nsec: false, o: {} },
    { name: 'nsec', magic: 0xa1b23c4d, nsec: true, o: {} },
    { name: 'modified', magic: 0xa1b2cd34, nsec: false, o: { recHdr: 24 } },
    { name: 'ixia-hw', magic: 0x1c0001ac, nsec: false, o: { extra: 4 } },
    { name: 'ixia-sw', magic: 0x1c0001ab, nsec: false, o: { extra: 4 } },
  ];
  for (const c of cases) {
    for (const le of [true, false]) {
      it(`${c.name} ${le ? 'little' : 'big'}-endian`, () => {
        const bytes = pcap(c.magic, le, RECS, c.o);
        const r = readAll(bytes, 3);
        expect(r.error).toBeNull();
        expect(r.meta).toMatchObject({ format: 'pcap', byteOrder: le ? 'little' : 'big', precision: c.nsec ? 'nsec' : 'usec' });
        const ours = r.records.map((x) => [epoch(x), String(x.origLen), String(x.data.length)]);
        const t = tsharkTimes(`${c.name}-${le ? 'le' : 'be'}.pcap`, bytes);
        expect(t.stderr).toBe('');
        expect(t.rows).toEqual(ours);
        expect(r.records[1]!.data.every((x) => x === 2)).toBe(true);
        const hdr = (c.o as { recHdr?: number }).recHdr ?? 16;
        const extra = (c.o as { extra?: number }).extra ?? 0;
        expect(r.records[1]!.recordOffset).toBe(24 + extra + hdr + 42);
        expect(r.records[1]!.dataOffset).toBe(24 + extra + hdr + 42 + hdr);
      });
    }
  }

  it('caplen above the link type limit is a bad record (tshark: damaged or corrupt)', () => {
    const bytes = pcap(0xa1b2c3d4, true, [{ sec: 1, frac: 0, cap: 262144 }, { sec: 2, frac: 0, cap: 262145 }]);
    const r = readAll(bytes);
    expect(r.records).toHaveLength(1);
    expect(r.error).toMatchObject({ code: 'bad-record', offset: 24 + 16 + 262144, packetNumber: 2 });
    expect(r.error!.message).toMatch(/File has 262145-byte packet, bigger than maximum of 262144/);
    const t = tsharkTimes('too-big.pcap', bytes);
    expect(t.rows).toHaveLength(1);
    expect(t.stderr).toMatch(/bigger than maximum of 262144/);
    // larger limits for some link types, as Wireshark
    expect(maxSnapLen(231)).toBe(128 * 1024 * 1024);
    expect(maxSnapLen(279)).toBe(8 * 1024 * 1024);
    expect(readAll(pcap(0xa1b2c3d4, true, [{ sec: 1, frac: 0, cap: 300000 }], { lt: 231 })).error).toBeNull();
  });

  it('caplen > origLen is accepted, as tshark does', () => {
    const bytes = pcap(0xa1b2c3d4, true, [{ sec: 1, frac: 5, cap: 60, orig: 40 }]);
    const r = readAll(bytes);
    expect(r.error).toBeNull();
    expect(tsharkTimes('cap-gt-orig.pcap', bytes).rows).toEqual(r.records.map((x) => [epoch(x), '40', '60']));
  });

  it('major version < 2 is unsupported (as tshark); later versions are read', () => {
    const r = readAll(pcap(0xa1b2c3d4, true, RECS, { major: 1 }));
    expect(r.error).toMatchObject({ code: 'unsupported', offset: 0, packetNumber: 1 });
    expect(r.error!.message).toBe('pcap: major version 1 unsupported');
    expect(tsharkTimes('v1.pcap', pcap(0xa1b2c3d4, true, RECS, { major: 1 })).stderr).toMatch(/major version 1 unsupported/);
    expect(readAll(pcap(0xa1b2c3d4, true, RECS, { major: 3 })).records).toHaveLength(3);
  });

  it('fractions out of range are carried into the seconds', () => {
    const r = readAll(pcap(0xa1b2c3d4, true, [{ sec: 10, frac: 2_500_000, cap: 1 }, { sec: 10, frac: 0xffffffff, cap: 1 }]));
    expect(r.records.map(epoch)).toEqual(['12.500000000', '4304.967295000']);
    const n = readAll(pcap(0xa1b23c4d, true, [{ sec: 10, frac: 1_000_000_000, cap: 1 }, { sec: 0xffffffff, frac: 0xffffffff, cap: 1 }]));
    expect(n.records.map(epoch)).toEqual(['11.000000000', '4294967299.294967295']);
  });

  it('link type: the low 16 bits of the header field', () => {
    const r = readAll(pcap(0xa1b2c3d4, true, RECS, { lt: 0x30000000 | LINKTYPE_LINUX_SLL2 }));
    expect(r.records[0]!.linkType).toBe(LINKTYPE_LINUX_SLL2);
  });
});

describe('createReader', () => {
  it('sniffs every pcap magic in both byte orders and pcapng', () => {
    for (const m of [0xa1b2c3d4, 0xa1b23c4d, 0xa1b2cd34, 0x1c0001ac, 0x1c0001ab]) {
      for (const le of [true, false]) {
        const b = new Uint8Array(4);
        new DataView(b.buffer).setUint32(0, m, le);
        const r = createReader(b);
        expect(isCaptureFileError(r)).toBe(false);
        if (!isCaptureFileError(r)) expect(r.meta.format).toBe('pcap');
      }
    }
    const ng = createReader(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a));
    expect(!isCaptureFileError(ng) && ng.meta.format).toBe('pcapng');
  });

  it('unknown magic: not-a-capture, saying what the first bytes were', () => {
    const r = createReader(new TextEncoder().encode('GET / HTTP/1.1\r\n'));
    expect(r).toMatchObject({ code: 'not-a-capture', offset: 0, packetNumber: 1 });
    expect(isCaptureFileError(r) && r.message).toMatch(/47 45 54 20 2f 20 48 54/);
    expect(createReader(Uint8Array.of(0xa1, 0xb2))).toMatchObject({ code: 'not-a-capture' });
    expect(isCaptureFileError(createReader(new Uint8Array(0)))).toBe(true);
  });

  it('the first bytes are consumed: push what follows them', () => {
    const w = new PcapWriter({ linkType: LINKTYPE_ETHERNET, precision: 'nsec' });
    const file = new Uint8Array([...w.header(), ...w.packet({ tsSec: 5, tsNsec: 6, origLen: 3, data: Uint8Array.of(7, 8, 9) })]);
    const r = createReader(file.subarray(0, 10));
    if (isCaptureFileError(r)) throw new Error(r.message);
    r.push(file.subarray(10));
    r.end();
    const rec = r.next()!;
    expect([epoch(rec), Array.from(rec.data)]).toEqual(['5.000000006', [7, 8, 9]]);
    expect(r.next()).toBeNull();
    expect(r.done).toBe(true);
    expect(r.error).toBeNull();
  });
});

describe('pcap writer', () => {
  it('µs truncates nanoseconds; ns keeps them; header fields', () => {
    const pkt = { tsSec: 100, tsNsec: 123_456_789, origLen: 70, data: new Uint8Array(64) };
    const us = new PcapWriter({ linkType: LINKTYPE_RAW, snapLen: 64 });
    const r = readAll(new Uint8Array([...us.header(), ...us.packet(pkt)]));
    expect(r.meta).toMatchObject({ precision: 'usec', snapLen: 64, versionMajor: 2, versionMinor: 4 });
    expect(r.records.map((x) => [epoch(x), x.origLen, x.data.length, x.linkType])).toEqual([['100.123456000', 70, 64, LINKTYPE_RAW]]);
    const ns = new PcapWriter({ linkType: LINKTYPE_RAW, precision: 'nsec' });
    expect(readAll(new Uint8Array([...ns.header(), ...ns.packet(pkt)])).records.map(epoch)).toEqual(['100.123456789']);
    expect(() => ns.packet({ ...pkt, tsSec: 2 ** 32 })).toThrow(RangeError);
  });
});

describe('linkTypeName', () => {
  it('names without the LINKTYPE_ prefix', () => {
    expect([0, 1, 101, 108, 113, 228, 229, 276, 150, 4242].map(linkTypeName)).toEqual([
      'NULL', 'ETHERNET', 'RAW', 'LOOP', 'LINUX_SLL', 'IPV4', 'IPV6', 'LINUX_SLL2', 'USER3', 'UNKNOWN(4242)',
    ]);
  });
});
