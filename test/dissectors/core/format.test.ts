import { describe, expect, it } from 'vitest';
import { uint32Text } from '../../../dissectors/core/format.js';

describe('uint32Text', () => {
  it('is String(n) over the whole uint32 range, at the edges and in between', () => {
    const edges = [0, 1, 9, 10, 99, 100, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffff6, 0xfffffff9, 0xfffffffa, 0xffffffff, 4294967290, 2147483650];
    for (const n of edges) expect(uint32Text(n)).toBe(String(n));
    // A deterministic walk over the range (a multiplicative step hits every digit pattern).
    for (let i = 0, n = 12345; i < 200_000; i++, n = (Math.imul(n, 1103515245) + 12345) >>> 0) expect(uint32Text(n)).toBe(String(n));
  });
});
