/**
 * The DNS transaction table against a Map of objects (what it replaces): the same latest
 * transaction per key through growth, replacement and keys that use all 53 bits.
 */
import { describe, expect, it } from 'vitest';
import { DnsTransactions } from '../../../../dissectors/protocols/dns/transactions.js';

interface Ref { reqFrame: number; repFrame: number; reqSec: number; reqNsec: number }

describe('DnsTransactions', () => {
  it('keeps the latest transaction of every key, as a Map does', () => {
    const t = new DnsTransactions();
    const ref = new Map<number, Ref>();
    let seed = 99;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 4) % n;
    const keys: number[] = [];
    for (let i = 0; i < 3000; i++) keys.push(i % 3 === 0 ? rnd(50_000) * 65536 + rnd(65536) : (2 ** 36 + rnd(1000)) * 65536 + rnd(4));
    for (let frame = 1; frame <= 60_000; frame++) {
      const key = keys[rnd(keys.length)]!;
      const row = t.get(key);
      const want = ref.get(key);
      expect(row >= 0).toBe(want !== undefined);
      if (want) {
        expect([t.reqFrame(row), t.repFrame(row), t.reqSec(row), t.reqNsec(row)]).toEqual([want.reqFrame, want.repFrame, want.reqSec, want.reqNsec]);
      }
      if (!want || rnd(3) === 0) {
        const r: Ref = { reqFrame: frame, repFrame: 0, reqSec: 1_700_000_000 + frame, reqNsec: rnd(1e9) };
        const added = t.add(key, r.reqFrame, r.reqSec, r.reqNsec);
        ref.set(key, r);
        expect(t.get(key)).toBe(added);
      } else if (want.repFrame === 0) {
        t.setRepFrame(row, frame);
        want.repFrame = frame;
      }
    }
    expect(t.get(2 ** 52 + 5)).toBe(-1);
    expect(t.size).toBeGreaterThan(ref.size);
  });
});
