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

  it('2^31 apart: before and after each other at once, as Wireshark\'s macros are written (GT and GE take b − a)', () => {
    // A bit flip of an ACK's top bit: Wireshark calls it ahead of the sender's next sequence
    // number (ACKed unseen) whichever of the two is larger.
    for (const [a, b] of [[0x80000000, 0], [0, 0x80000000], [0xd6a8134f, 0x56a8134f]] as const) {
      expect(seqGT(a, b)).toBe(true);
      expect(seqLT(a, b)).toBe(true);
      expect(seqGE(a, b)).toBe(true);
      expect(seqLE(a, b)).toBe(true);
    }
    expect(seqGT(0x80000001, 0)).toBe(false);
    expect(seqGE(0x80000001, 0)).toBe(false);
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
