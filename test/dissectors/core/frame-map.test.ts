import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FrameMap } from '../../../dissectors/core/frame-map.js';

describe('FrameMap', () => {
  it('agrees with a Map for any order of sets, replaces and lookups', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -3, max: 5000 }), fc.integer())), (ops) => {
        const m = new FrameMap<number>();
        const ref = new Map<number, number>();
        for (const [isSet, frame, v] of ops) {
          if (isSet) {
            m.set(frame, v);
            if (frame >= 0) ref.set(frame, v);
          }
          expect(m.get(frame)).toBe(ref.get(frame));
        }
        expect(m.size).toBe(ref.size);
        for (const [k, v] of ref) expect(m.get(k)).toBe(v);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps frames set in increasing order, as a first pass does, through growth', () => {
    const m = new FrameMap<string>();
    for (let f = 1; f <= 100_000; f += 7) m.set(f, `r${f}`);
    expect(m.size).toBe(Math.ceil(100_000 / 7));
    expect(m.get(1)).toBe('r1');
    expect(m.get(99_996)).toBe('r99996');
    expect(m.get(2)).toBeUndefined();
    expect(m.get(1_000_000)).toBeUndefined();
    m.set(2, 'late');
    expect([m.get(1), m.get(2), m.get(8)]).toEqual(['r1', 'late', 'r8']);
  });

  it('ignores frames that are not non-negative integers', () => {
    const m = new FrameMap<number>();
    m.set(-1, 1);
    m.set(1.5, 1);
    m.set(Number.NaN, 1);
    expect(m.size).toBe(0);
  });
});
