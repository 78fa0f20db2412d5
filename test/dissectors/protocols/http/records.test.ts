/**
 * The HTTP message records against the per-frame chains of objects they replace: the same record
 * back for every (frame, place), a place remembered again reuses its row, and frames past the
 * bound are not remembered.
 */
import { describe, expect, it } from 'vitest';
import { clearRecord, MsgRecords, newRecord, type MsgRecord } from '../../../../dissectors/protocols/http/records.js';

describe('MsgRecords', () => {
  it('stores and finds every message record of every frame', () => {
    const maxFrames = 3000;
    const recs = new MsgRecords(maxFrames);
    const ref = new Map<number, Map<number, MsgRecord>>();
    let seed = 5;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const rec = newRecord();
    for (let k = 0; k < 20000; k++) {
      const frame = 1 + rnd(4000);
      const at = rnd(4) * 256 + rnd(3);
      clearRecord(rec, rnd(2) === 1, at);
      rec.pairedMethod = rnd(3) === 0 ? 'HEAD' : null;
      rec.number = rnd(100);
      rec.total = rec.number + rnd(5);
      rec.prevReq = rnd(1e6);
      rec.prevRes = 2 ** 32 - 1 - rnd(10);
      rec.reqIn = rnd(1e6);
      rec.resIn = rnd(1e6);
      rec.nextReq = rnd(1e6);
      rec.nextRes = rnd(1e6);
      rec.hasTime = rnd(2) === 1;
      rec.timeSec = rnd(3) - 1;
      rec.timeNsec = rnd(2e9) - 1e9;
      rec.forUri = rnd(2) ? `/p${rnd(9)}` : null;
      const row = recs.remember(frame, at);
      const known = ref.has(frame);
      if (!known && ref.size >= maxFrames) {
        expect(row).toBe(-1);
        continue;
      }
      expect(row).toBeGreaterThanOrEqual(0);
      if (ref.get(frame)?.has(at)) expect(recs.find(frame, at)).toBe(row);
      recs.store(row, rec);
      if (!known) ref.set(frame, new Map());
      ref.get(frame)!.set(at, { ...rec });
    }
    const out = newRecord();
    for (const [frame, byAt] of ref) {
      for (const [at, want] of byAt) {
        const row = recs.find(frame, at);
        expect(row).toBeGreaterThanOrEqual(0);
        recs.load(row, out);
        expect(out).toEqual(want);
      }
      expect(recs.find(frame, 4 * 256)).toBe(-1);
    }
    expect(recs.find(5000, 0)).toBe(-1);
  });
});
