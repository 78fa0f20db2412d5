import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BytesMap } from '../../../dissectors/core/bytes-map.js';

const hex = (d: Uint8Array, off: number, n: number) => Array.from(d.subarray(off, off + n), (b) => b.toString(16).padStart(2, '0')).join('');

describe('BytesMap', () => {
  it('agrees with a Map over random keys of every length, through growth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 17 }), fc.array(fc.uint8Array({ minLength: 17, maxLength: 17 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 0, max: 16 }), (n, keys, off0) => {
        const m = new BytesMap(n, 1);
        const ref = new Map<string, number>();
        keys.forEach((k, i) => {
          // Keys read at an offset inside a larger buffer, as from a packet.
          const buf = new Uint8Array(off0 + 17);
          buf.set(k, off0);
          const key = hex(buf, off0, n);
          const want = ref.has(key) ? ref.get(key)! : -1;
          expect(m.get(buf, off0)).toBe(want);
          if (want < 0) {
            m.set(buf, off0, i);
            ref.set(key, i);
          }
        });
        expect(m.size).toBe(ref.size);
        for (const [key, v] of ref) {
          const b = Uint8Array.from(key.match(/../g)!.map((x) => parseInt(x, 16)));
          expect(m.get(b, 0)).toBe(v);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('tells apart keys that differ only in the last byte and in high bits', () => {
    const m = new BytesMap(6);
    const a = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xfe);
    const b = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    m.set(a, 0, 1);
    expect(m.get(b, 0)).toBe(-1);
    m.set(b, 0, 2);
    m.set(a, 0, 3);
    expect([m.get(a, 0), m.get(b, 0), m.size]).toEqual([3, 2, 2]);
  });

  it('rejects bad key lengths and values', () => {
    expect(() => new BytesMap(0)).toThrow(RangeError);
    expect(() => new BytesMap(65)).toThrow(RangeError);
    expect(() => new BytesMap(4).set(new Uint8Array(4), 0, -1)).toThrow(RangeError);
  });
});
