import { describe, expect, it } from 'vitest';
import { OrderedKeyTable } from '../../../dissectors/core/ordered-key-table.js';

/** A deterministic pseudo-random sequence (LCG), so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

describe('OrderedKeyTable', () => {
  it('finds, inserts, removes and orders like a Map used for its insertion order', () => {
    for (const [width, space, seed] of [[3, 50, 1], [12, 5000, 2], [1, 300, 3]] as const) {
      const rnd = lcg(seed);
      const table = new OrderedKeyTable(width, 4);
      const ref = new Map<string, number>(); // key text -> entry
      const key = new Uint32Array(width);
      const setKey = (n: number) => {
        for (let i = 0; i < width; i++) key[i] = i === width - 1 ? n : (n * 2654435761 + i) >>> 0;
      };
      for (let step = 0; step < 40000; step++) {
        const n = rnd() % space;
        setKey(n);
        const text = String(n);
        const op = rnd() % 4;
        const e = table.find(key);
        expect(e).toBe(ref.get(text) ?? -1);
        if (op < 2) {
          if (e >= 0) {
            table.remove(e);
            ref.delete(text);
          }
          ref.set(text, table.insert(key));
        } else if (op === 2 && e >= 0) {
          table.remove(e);
          ref.delete(text);
        } else if (op === 3 && table.size > 0) {
          const oldest = table.oldest();
          const [first, entry] = ref.entries().next().value!;
          expect(oldest).toBe(entry);
          table.remove(oldest);
          ref.delete(first);
        }
        expect(table.size).toBe(ref.size);
      }
      for (const [text, e] of ref) {
        setKey(Number(text));
        expect(table.find(key)).toBe(e);
      }
    }
  });

  it('reuses the entries of removed keys and is empty after removing all', () => {
    const t = new OrderedKeyTable(2, 4);
    const keys = Array.from({ length: 100 }, (_, i) => Uint32Array.of(i, i * 3));
    const entries = keys.map((k) => t.insert(k));
    expect(new Set(entries).size).toBe(100);
    for (const e of entries) t.remove(e);
    expect(t.size).toBe(0);
    expect(t.oldest()).toBe(-1);
    const again = keys.map((k) => t.insert(k));
    expect(Math.max(...again)).toBeLessThan(100);
    expect(t.oldest()).toBe(again[0]);
  });
});
