/**
 * The never-crash oracle (test/helpers/crash-checks.ts) finds what it is there to find: a planted
 * dissector, bound to link type 147 (DLT_USER0) in this test's process only, misbehaves as the
 * frame's first byte says.
 *
 *   01  throws a TypeError (a dissector bug) in every pass
 *   02  throws a typed MalformedError, but only when it builds a tree (the passes disagree)
 *   03  throws a typed MalformedError in every pass (what a malformed packet does: no failure)
 *   04  decodes one byte and returns (no failure)
 */
import { describe, expect, it } from 'vitest';
import { table } from '../../dissectors/core/dispatch.js';
import { MalformedError } from '../../dissectors/core/errors.js';
import { defineProtocol } from '../../dissectors/core/fields.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { CrashChecker, type FrameInput } from '../helpers/crash-checks.js';

const LINK = 147;
const proto = defineProtocol('plantedbug', 'Planted bug (test)', 'PLANTED');
table('link').add(LINK, {
  proto,
  dissect: (tvb, _pinfo, tree) => {
    const what = tvb.u8(0);
    if (what === 1) (undefined as unknown as { x: number }).x.toFixed();
    if (what === 2 && tree.real) throw new MalformedError('plantedbug', 0, 'only in the tree');
    if (what === 3) throw new MalformedError('plantedbug', 0, 'always');
    return 1;
  },
});

function frame(first: number): FrameInput {
  return { num: 1, linkType: LINK, interfaceId: 0, tsSec: 1, tsNsec: 0, hasTs: true, origLen: 4, data: Uint8Array.of(first, 0, 0, 0) };
}

function kinds(first: number): string[] {
  return new CrashChecker(1).check(frame(first)).failures.map((f) => `${f.kind} ${f.pass}`).sort();
}

describe('the never-crash oracle', () => {
  it('reports a dissector bug in the summary pass and in what the full pass caught', () => {
    expect(kinds(1)).toEqual(['untyped-throw off/summary', 'untyped-throw on/full']);
  });

  it('reports passes that disagree on whether the frame threw', () => {
    expect(kinds(2)).toEqual(['summary-full-disagree on/full']);
  });

  it('lets a typed error (a malformed packet) and a good frame pass', () => {
    expect(kinds(3)).toEqual([]);
    expect(new CrashChecker(1).check(frame(3)).threw).toBe(true);
    expect(kinds(4)).toEqual([]);
    expect(new CrashChecker(1).check(frame(4)).threw).toBe(false);
  });

  it('the catch-all says what it caught, and forgets it at the next packet', () => {
    const d = new CaptureDissector();
    d.dissect({ ...frame(1) }, frame(1).data, true);
    expect([d.threw, d.caught instanceof TypeError]).toEqual([true, true]);
    d.dissect({ ...frame(4), num: 2 }, frame(4).data, true);
    expect([d.threw, d.caught]).toEqual([false, undefined]);
  });
});
