import { describe, expect, it } from 'vitest';
import { FragmentTable } from '../../../dissectors/core/defrag.js';

const bytes = (...v: number[]) => Uint8Array.from(v);

describe('FragmentTable', () => {
  it('puts a datagram together from fragments in any order, in the frame that completes it', () => {
    const t = new FragmentTable();
    expect(t.add('k', 1, 4, bytes(4, 5, 6, 7), false).done).toBe(false);
    const r = t.add('k', 2, 0, bytes(0, 1, 2, 3), true);
    expect(r.done).toBe(true);
    if (!r.done) return;
    expect([...r.reassembly.data]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.reassembly.frame).toBe(2);
    expect(r.reassembly.parts).toEqual([{ frame: 2, offset: 0, length: 4 }, { frame: 1, offset: 4, length: 4 }]);
    expect([r.reassembly.overlap, r.reassembly.overlapConflict, r.reassembly.tooLong, r.reassembly.multipleTails]).toEqual([false, false, false, false]);
    expect(t.pendingCount).toBe(0);
  });

  it('keeps datagrams with different keys apart, and copies the fragment bytes', () => {
    const t = new FragmentTable();
    const a = bytes(1, 1);
    t.add('a', 1, 0, a, true);
    a[0] = 9;
    t.add('b', 2, 0, bytes(2, 2), true);
    const r = t.add('a', 3, 2, bytes(1, 1), false);
    expect(r.done && [...r.reassembly.data]).toEqual([1, 1, 1, 1]);
    expect(t.pendingCount).toBe(1);
  });

  it('waits for a hole to be filled, and flags overlaps and conflicts', () => {
    const t = new FragmentTable();
    t.add('k', 1, 0, bytes(0, 1), true);
    expect(t.add('k', 2, 4, bytes(4, 5), false).done).toBe(false);
    const r = t.add('k', 3, 1, bytes(9, 2, 3), true);
    expect(r.done).toBe(true);
    if (!r.done) return;
    expect(r.reassembly.data.length).toBe(6);
    expect(r.reassembly.overlap).toBe(true);
    expect(r.reassembly.overlapConflict).toBe(true);
  });

  it('answers revisits from what the first pass found', () => {
    const t = new FragmentTable();
    t.add('k', 1, 0, bytes(0, 1), true);
    t.add('k', 2, 2, bytes(2, 3), false);
    const first = t.add('k', 1, 0, bytes(0, 1), true, true);
    expect(first).toEqual({ done: false, reassembledIn: 2 });
    const last = t.add('k', 2, 2, bytes(2, 3), false, true);
    expect(last.done && [...last.reassembly.data]).toEqual([0, 1, 2, 3]);
    expect(t.add('x', 7, 0, bytes(0), true, true)).toEqual({ done: false, reassembledIn: 0 });
  });

  it('bounds memory: the oldest pending datagram goes first', () => {
    const t = new FragmentTable({ maxSets: 2, maxBytes: 1000 });
    t.add('a', 1, 0, new Uint8Array(8), true);
    t.add('b', 2, 0, new Uint8Array(8), true);
    t.add('c', 3, 0, new Uint8Array(8), true);
    expect(t.pendingCount).toBe(2);
    expect(t.add('a', 4, 8, new Uint8Array(8), false).done).toBe(false);
    expect(t.add('c', 5, 8, new Uint8Array(8), false).done).toBe(true);
    const small = new FragmentTable({ maxSets: 100, maxBytes: 20 });
    for (let i = 0; i < 50; i++) small.add(`k${i}`, i + 1, 0, new Uint8Array(16), true);
    expect(small.pendingCount).toBe(1);
    expect(small.bytesHeld).toBeLessThanOrEqual(20);
  });
});
