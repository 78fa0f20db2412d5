import { describe, expect, it } from 'vitest';
import { NumberSet } from '../../../electron/engine/number-set.js';

describe('NumberSet', () => {
  it('holds what was added, across word boundaries and growth, and nothing else', () => {
    const s = new NumberSet();
    const added = [0, 1, 31, 32, 63, 64, 255, 256, 1000, 123_457, 2_000_000];
    for (const n of added) s.add(n);
    for (const n of added) expect(s.has(n)).toBe(true);
    for (const n of [2, 30, 33, 65, 257, 999, 1001, 123_456, 2_000_001, 50_000_000]) expect(s.has(n)).toBe(false);
  });

  it('answers false for what cannot be in it, and refuses to add it', () => {
    const s = new NumberSet();
    for (const n of [-1, 1.5, NaN, Infinity]) {
      expect(s.has(n)).toBe(false);
      expect(() => s.add(n)).toThrow(RangeError);
    }
  });
});
