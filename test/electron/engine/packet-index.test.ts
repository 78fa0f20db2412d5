import { describe, expect, it } from 'vitest';
import { PacketIndex } from '../../../electron/engine/packet-index.js';

function row(idx: PacketIndex, i: number) {
  return [idx.offset[i], idx.tsSec[i], idx.tsNsec[i], idx.capLen[i], idx.origLen[i], idx.interfaceId[i], idx.linkType[i], idx.protocol[i], idx.expert[i], idx.flags[i]];
}

describe('PacketIndex', () => {
  it('grows by half and keeps every row', () => {
    const idx = new PacketIndex(16);
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      expect(idx.push(24 + i * 100, 1_700_000_000 + i, (i * 1000) % 1e9, 60 + (i % 1400), 60 + (i % 1500), i % 3, 1, i % 500, i % 6, i & 1)).toBe(i);
    }
    expect(idx.count).toBe(n);
    expect(idx.capacity).toBeGreaterThanOrEqual(n);
    expect(idx.capacity).toBeLessThanOrEqual(Math.ceil(n * 1.5));
    for (const i of [0, 1, 15, 16, 17, 4095, 4096, 9999]) {
      expect(row(idx, i)).toEqual([24 + i * 100, 1_700_000_000 + i, (i * 1000) % 1e9, 60 + (i % 1400), 60 + (i % 1500), i % 3, 1, i % 500, i % 6, i & 1]);
    }
  });

  it('stores file offsets past 2^32 (and up to 2^53) exactly', () => {
    const idx = new PacketIndex(2);
    const offsets = [2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 5 * 2 ** 30 + 12_345, 2 ** 40 + 7, 2 ** 53 - 1];
    for (const o of offsets) idx.push(o, 0, 0, 0, 0, 0, 1, 0, 0, 0);
    expect(Array.from(idx.offset.subarray(0, idx.count))).toEqual(offsets);
    idx.trim();
    expect(Array.from(idx.offset)).toEqual(offsets);
  });

  it('reports bytes per packet; trim drops the slack', () => {
    const idx = new PacketIndex(1024);
    for (let i = 0; i < 1025; i++) idx.push(i, 0, 0, 0, 0, 0, 1, 0, 0, 0);
    expect(idx.capacity).toBe(1536);
    expect(idx.bytesPerRow).toBe(36);
    expect(idx.bytesPerPacket).toBeCloseTo((36 * 1536) / 1025);
    idx.trim();
    expect(idx.capacity).toBe(1025);
    expect(idx.bytesPerPacket).toBe(36);
    expect(idx.bytesPerPacket).toBeLessThanOrEqual(64);
    expect(idx.offset[1024]).toBe(1024);
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
    expect(idx.bytesPerRow).toBe(40);
  });
});
