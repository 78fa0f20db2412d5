import { describe, expect, it } from 'vitest';
import { PacketIndex } from '../../../electron/engine/packet-index.js';

function row(idx: PacketIndex, i: number) {
  return [idx.offsetOf(i), idx.tsSecOf(i), idx.tsNsec[i], idx.capLen[i], idx.origLenOf(i), idx.interfaceId[i], idx.linkTypeOf(i), idx.protocol[i], idx.expert[i], idx.flags[i]];
}

describe('PacketIndex', () => {
  it('grows by half and keeps every row', () => {
    const idx = new PacketIndex(16);
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      expect(idx.push(24 + i * 100, 1_700_000_000 + i, (i * 1000) % 1e9, 60 + (i % 1400), 60 + (i % 1500), i % 3, 1 + (i % 3), i % 500, i % 6, i & 1)).toBe(i);
    }
    expect(idx.count).toBe(n);
    expect(idx.capacity).toBeGreaterThanOrEqual(n);
    expect(idx.capacity).toBeLessThanOrEqual(Math.ceil(n * 1.5));
    for (const i of [0, 1, 15, 16, 17, 4095, 4096, 9999]) {
      expect(row(idx, i)).toEqual([24 + i * 100, 1_700_000_000 + i, (i * 1000) % 1e9, 60 + (i % 1400), 60 + (i % 1500), i % 3, 1 + (i % 3), i % 500, i % 6, i & 1]);
    }
  });

  it('stores file offsets past 2^32 (and up to 2^53) exactly', () => {
    const idx = new PacketIndex(2);
    const offsets = [2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 5 * 2 ** 30 + 12_345, 2 ** 40 + 7, 2 ** 53 - 1];
    for (const o of offsets) idx.push(o, 0, 0, 0, 0, 0, 1, 0, 0, 0);
    const all = () => Array.from({ length: idx.count }, (_, i) => idx.offsetOf(i));
    expect(all()).toEqual(offsets);
    idx.trim();
    expect(all()).toEqual(offsets);
  });

  it('keeps offsets exact in any order, and across many 4 GiB boundaries', () => {
    const idx = new PacketIndex(4);
    const offsets = [2 ** 33 + 5, 7, 2 ** 32 - 1, 2 ** 32, 2 ** 45 + 3, 2 ** 45 + 4, 0];
    for (let k = 0; k < 200; k++) offsets.push(k * 2 ** 31 + k);
    for (const o of offsets) idx.push(o, 0, 0, 0, 0, 0, 1, 0, 0, 0);
    expect(Array.from({ length: idx.count }, (_, i) => idx.offsetOf(i))).toEqual(offsets);
  });

  it('keeps timestamps exact far from the first one, negative, or not whole seconds', () => {
    const idx = new PacketIndex(4);
    const secs = [1_700_000_000, 1_700_000_001, 0, -5, 2 ** 40, 1_700_000_000 - 2 ** 31, 1_700_000_000 + 2 ** 31 - 1, 1_700_000_000 + 2 ** 31, 1.5, 1_700_000_002];
    for (const t of secs) idx.push(0, t, 0, 0, 0, 0, 1, 0, 0, 0);
    idx.trim();
    expect(Array.from({ length: idx.count }, (_, i) => idx.tsSecOf(i))).toEqual(secs);
  });

  it('keeps captured lengths and interface ids that outgrow their narrow columns', () => {
    const idx = new PacketIndex(16);
    const rows: [number, number][] = [];
    for (let i = 0; i < 3000; i++) {
      // Lengths past 65,535 (loopback frames) and interface ids past 255 from row 1000 and 2000 on.
      const cap = i < 1000 ? 60 + i : 65_000 + 7 * i;
      const iface = i < 2000 ? i % 200 : 200 + i;
      rows.push([cap, iface]);
      idx.push(i, 0, 0, cap, cap + (i % 5 === 0 ? 10 : 0), iface, 1, 0, 0, 0);
    }
    idx.trim();
    expect(rows.map((_, i) => [idx.capLen[i], idx.interfaceId[i]])).toEqual(rows);
    expect(rows.map(([cap], i) => idx.origLenOf(i) - cap)).toEqual(rows.map((_, i) => (i % 5 === 0 ? 10 : 0)));
    expect(idx.bytesPerRow).toBe(28);
  });

  it("gives each packet its interface's link type, and its own where it differs", () => {
    const idx = new PacketIndex(4);
    const rows: [number, number][] = [[0, 1], [1, 113], [0, 1], [300, 276], [1, 113], [0, 101], [0, 1], [300, 276]];
    for (const [iface, lt] of rows) idx.push(0, 0, 0, 0, 0, iface, lt, 0, 0, 0);
    expect(rows.map((_, i) => [idx.interfaceId[i], idx.linkTypeOf(i)])).toEqual(rows);
  });

  it('reports bytes per packet; trim drops the slack', () => {
    const idx = new PacketIndex(1024);
    for (let i = 0; i < 1025; i++) idx.push(i, 0, 0, 0, 0, 0, 1, 0, 0, 0);
    expect(idx.capacity).toBe(1536);
    expect(idx.bytesPerRow).toBe(19);
    expect(idx.bytesPerPacket).toBeCloseTo((19 * 1536) / 1025);
    idx.trim();
    expect(idx.capacity).toBe(1025);
    expect(idx.bytesPerPacket).toBe(19);
    expect(idx.bytesPerPacket).toBeLessThanOrEqual(64);
    expect(idx.offsetOf(1024)).toBe(1024);
  });

  it('grows added columns with the others', () => {
    const idx = new PacketIndex(16);
    idx.addColumn('stream', Uint32Array);
    expect(() => idx.addColumn('stream', Uint32Array)).toThrow();
    for (let i = 0; i < 100; i++) {
      const r = idx.push(i, 0, 0, 0, 0, 0, 1, 0, 0, 0);
      idx.column('stream')![r] = r * 3;
    }
    const s = idx.column('stream')!;
    expect(s.length).toBe(idx.capacity);
    expect(s[99]).toBe(297);
    expect(s[16]).toBe(48);
    expect(idx.bytesPerRow).toBe(23);
  });
});
