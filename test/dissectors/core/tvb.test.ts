/**
 * Tvb's three ends, as Wireshark's tvbuff checks them: captured (past it, within what the packet
 * had: a snap-length cut, `truncated`), contained (what the containing view had: past it, within
 * the length an item claimed, `contained` — Wireshark's ContainedBoundsError), reported (past it:
 * `malformed`).
 */
import { describe, expect, it } from 'vitest';
import { BoundsError, MalformedError } from '../../../dissectors/core/errors.js';
import { Tvb, TvbPool } from '../../../dissectors/core/tvb.js';

const bytes = Uint8Array.from({ length: 40 }, (_, i) => i);

function kindOf(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof BoundsError) return e.kind;
    if (e instanceof MalformedError) return 'malformed-error';
    throw e;
  }
}

describe('Tvb', () => {
  it('reads an item that claims more than its container up to the container end, then raises a contained error', () => {
    // 40 bytes captured of 60 reported; a header at 20 of 16 bytes; an option at 12 in it claiming 10.
    const frame = Tvb.frame(bytes, 60);
    const header = frame.sub(20, 16);
    const opt = header.subContained(12, 10);
    expect([opt.reportedLength, opt.length]).toEqual([10, 4]);
    expect(opt.u32(0)).toBe(0x20212223);
    expect(kindOf(() => opt.u16(4))).toBe('contained');
    expect(kindOf(() => opt.u8(10))).toBe('malformed');
    // A view of it keeps the container's end.
    expect(kindOf(() => opt.sub(2, 6).u32(2))).toBe('contained');
    expect(kindOf(() => opt.subClamped(2, 6).u32(2))).toBe('contained');
    // Where the item fits, it is an ordinary view (and sub still refuses a claim past the end).
    expect(header.subContained(4, 8).contEnd).toBe(header.subContained(4, 8).repEnd);
    expect(kindOf(() => header.sub(12, 10))).toBe('malformed-error');
  });

  it('tells a snap-length cut from a container overrun inside a contained view', () => {
    // 40 captured of 60: a container of 30 bytes at 20 (captured to 40), an item at 16 claiming 20.
    const frame = Tvb.frame(bytes, 60);
    const item = frame.sub(20, 30).subContained(16, 20);
    expect(kindOf(() => item.u8(3))).toBe('ok');
    expect(kindOf(() => item.u8(4))).toBe('truncated');
    expect(kindOf(() => item.u8(14))).toBe('contained');
  });

  it('does the same with pooled views (the summary pass) and views re-pointed in place', () => {
    const pool = new TvbPool();
    const frame = Tvb.frame(bytes, 60);
    frame.pool = pool;
    const header = frame.sub(20, 16);
    const opt = header.subContained(12, 10);
    expect(kindOf(() => opt.u16(4))).toBe('contained');
    const scratch = Tvb.frame(new Uint8Array(0), 0);
    scratch.resubContained(header, 12, 10);
    expect([scratch.u32(0), kindOf(() => scratch.u16(4))]).toEqual([0x20212223, 'contained']);
    // Re-pointed as an ordinary view, it forgets the container.
    scratch.resub(header, 0, 8);
    expect(scratch.contEnd).toBe(scratch.repEnd);
    pool.reset();
    expect(frame.sub(0, 10).contEnd).toBe(10);
  });
});
