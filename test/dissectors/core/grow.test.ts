import { describe, expect, it } from 'vitest';
import { grown } from '../../../dissectors/core/grow.js';

describe('grown', () => {
  it('copies into an array of the same kind, at least as long as needed, by half again plus the step', () => {
    const a = Int32Array.of(1, -2, 3, 4);
    const b = grown(a, 5);
    expect(b).toBeInstanceOf(Int32Array);
    expect(b.length).toBe(Math.ceil(4 * 1.5) + 8);
    expect(Array.from(b.subarray(0, 4))).toEqual([1, -2, 3, 4]);
    expect(Array.from(b.subarray(4))).toEqual(new Array(b.length - 4).fill(0));
    const f = grown(Float64Array.of(0.5), 1000, 64);
    expect(f).toBeInstanceOf(Float64Array);
    expect(f.length).toBeGreaterThanOrEqual(1000);
    expect(f[0]).toBe(0.5);
    // Long enough already: still a copy of the same length.
    const u = Uint8Array.of(7, 8);
    const c = grown(u, 1);
    expect([c !== u, c.length, c[1]]).toEqual([true, 2, 8]);
  });
});
