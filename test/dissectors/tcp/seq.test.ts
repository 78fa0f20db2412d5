import { describe, expect, it } from 'vitest';
import { seqAdd, seqDiff, seqGE, seqGT, seqLE, seqLT, seqSub } from '../../../dissectors/tcp/seq.js';

describe('sequence arithmetic modulo 2^32', () => {
  it('compares across the wrap', () => {
    expect(seqLT(0xfffffff0, 0x10)).toBe(true);
    expect(seqGT(0x10, 0xfffffff0)).toBe(true);
    expect(seqLE(0xffffffff, 0)).toBe(true);
    expect(seqGE(0, 0xffffffff)).toBe(true);
    expect(seqLT(5, 5)).toBe(false);
    expect(seqLE(5, 5)).toBe(true);
    expect(seqGE(5, 5)).toBe(true);
    expect(seqGT(5, 5)).toBe(false);
  });

  it('takes the shorter way round (2^31 apart is "before")', () => {
    expect(seqDiff(0x80000000, 0)).toBe(-0x80000000);
    expect(seqLT(0x80000000, 0)).toBe(true);
    expect(seqLT(0, 0x80000000)).toBe(true);
    expect(seqGT(0x7fffffff, 0)).toBe(true);
  });

  it('adds and subtracts with wrap-around', () => {
    expect(seqAdd(0xffffffff, 1)).toBe(0);
    expect(seqAdd(0xfffffff0, 0x20)).toBe(0x10);
    expect(seqAdd(0, -1)).toBe(0xffffffff);
    expect(seqSub(0x10, 0xfffffff0)).toBe(0x20);
    expect(seqSub(0, 1)).toBe(0xffffffff);
    expect(seqDiff(0x10, 0xfffffff0)).toBe(0x20);
    expect(seqDiff(0xfffffff0, 0x10)).toBe(-0x20);
  });
});
