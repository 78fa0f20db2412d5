import { describe, expect, it } from 'vitest';
import { BoundsError, MalformedError } from '../../../dissectors/core/errors.js';
import { PacketInfo } from '../../../dissectors/core/pinfo.js';
import { Tvb, TvbPool } from '../../../dissectors/core/tvb.js';

const bytes = Uint8Array.from({ length: 40 }, (_, i) => i);

/** A frame view of `bytes` (captured 40 of `reported`) that hands out pooled views. */
function pooledFrame(pool: TvbPool, reported = 60): Tvb {
  const f = Tvb.frame(bytes, reported);
  f.pool = pool;
  return f;
}

function bounds(t: Tvb): [number, number, number, string, number] {
  return [t.start, t.capEnd, t.repEnd, t.layer, t.source];
}

describe('TvbPool', () => {
  it('gives pooled views the same bounds, source and layer as new ones', () => {
    const plain = Tvb.frame(bytes, 60);
    plain.source = 3;
    const pooled = pooledFrame(new TvbPool());
    pooled.source = 3;
    const cases: [number, number | undefined][] = [[0, undefined], [14, undefined], [14, 20], [30, 25], [40, 20], [60, 0]];
    for (const [off, len] of cases) {
      expect(bounds(pooled.sub(off, len, 'x'))).toEqual(bounds(plain.sub(off, len, 'x')));
      expect(bounds(pooled.subClamped(off, len ?? 100, 'y'))).toEqual(bounds(plain.subClamped(off, len ?? 100, 'y')));
    }
    expect(bounds(pooled.sub(14).sub(6, 10))).toEqual(bounds(plain.sub(14).sub(6, 10)));
  });

  it('raises the same errors as new views', () => {
    const pooled = pooledFrame(new TvbPool());
    expect(() => pooled.sub(61)).toThrow(BoundsError);
    expect(() => pooled.sub(10, 51)).toThrow(MalformedError);
    expect(() => pooled.sub(-1)).toThrow(BoundsError);
    const v = pooled.sub(20, 30);
    expect(() => v.u32(18)).toThrow(expect.objectContaining({ kind: 'truncated' }));
    expect(() => v.u32(28)).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });

  it('hands out distinct views within a packet and the same ones after reset', () => {
    const pool = new TvbPool();
    const f = pooledFrame(pool);
    const a = f.sub(14);
    const b = a.sub(20);
    const c = f.sub(14);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(b.pool).toBe(pool);
    pool.reset();
    const a2 = f.sub(0, 10);
    expect(a2).toBe(a);
    expect(bounds(a2)).toEqual([0, 10, 10, 'frame', 0]);
    expect(f.sub(1)).toBe(b);
  });

  it('keeps at most 256 views; past that a packet gets new ones', () => {
    const pool = new TvbPool();
    const f = pooledFrame(pool);
    const first: Tvb[] = [];
    for (let i = 0; i < 300; i++) first.push(f.sub(i % 40));
    expect(new Set(first).size).toBe(300);
    pool.reset();
    const again: Tvb[] = [];
    for (let i = 0; i < 300; i++) again.push(f.sub(0));
    for (let i = 0; i < 256; i++) expect(again[i]).toBe(first[i]);
    for (let i = 256; i < 300; i++) expect(first).not.toContain(again[i]);
  });

  it('is not used by views without a pool', () => {
    const f = Tvb.frame(bytes, 40);
    const a = f.sub(1);
    expect(a.pool).toBeNull();
    expect(f.sub(1)).not.toBe(a);
  });
});

describe('PacketInfo.frameView', () => {
  it('is Tvb.frame, from the pass pool when there is one', () => {
    const pinfo = new PacketInfo();
    const own = Uint8Array.from([1, 2, 3, 4]);
    const plain = pinfo.frameView(own, 6, 'tcp');
    expect(bounds(plain)).toEqual(bounds(Tvb.frame(own, 6, 'tcp')));
    expect(plain.pool).toBeNull();
    const pool = new TvbPool();
    pinfo.views = pool;
    const pooled = pinfo.frameView(own, 6, 'tcp');
    expect(bounds(pooled)).toEqual(bounds(Tvb.frame(own, 6, 'tcp')));
    expect(pooled.pool).toBe(pool);
    expect(pooled.sub(1).pool).toBe(pool);
    expect(bounds(pinfo.frameView(own, 2, 'http'))).toEqual(bounds(Tvb.frame(own, 2, 'http')));
  });
});
