/**
 * Mutations of single frames for the "never crash" property tests: byte overwrites and bit flips,
 * insertions and deletions, header/length-field corruption with interesting values, splices of
 * two frames from different corpus files, truncations, and random link types / reported lengths.
 *
 * A mutation is plain data (so fast-check can print and shrink it); `applyFrameMutation` turns
 * it and a corpus frame into the bytes and metadata that go to the dissectors.
 */
import fc from 'fast-check';
import type { CorpusFile, CorpusFrame } from './corpus-frames.js';
import type { FrameInput } from './crash-checks.js';

/** Link types the dissectors know (plus random ones drawn separately). */
export const KNOWN_LINK_TYPES = [0, 1, 101, 108, 113, 228, 229, 276] as const;

/**
 * Values that make length, type and version fields interesting: zero and tiny lengths, the
 * minimum header sizes, the 802.3 length/EtherType boundary, EtherTypes, IP protocol numbers,
 * well-known ports, sign bits and all-ones.
 */
export const INTERESTING = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 19, 20, 21, 24, 28, 31, 32, 39, 40, 41, 43, 44, 47, 50, 51, 53, 58, 59, 60, 63, 64,
  0x45, 0x46, 0x4f, 0x50, 0x5f, 0x60, 0x6f, 0x7f, 0x80, 0x81, 0x84, 0xc0, 0xc1, 0xfe, 0xff, 0x100, 0x101, 0x1ff,
  0x5dc, 0x5dd, 0x5ff, 0x600, 0x0800, 0x0806, 0x8100, 0x86dd, 0x88a8, 0x9100, 0x14e9, 0x3fff, 0x7fff, 0x8000, 0xc000, 0xc00c, 0xfffe, 0xffff,
  0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
] as const;

export type FrameOp =
  /** Overwrite one byte. */
  | { k: 'set'; pos: number; val: number }
  /** Flip one bit. */
  | { k: 'xor'; pos: number; bit: number }
  /** Insert bytes before `pos`. */
  | { k: 'insert'; pos: number; bytes: number[] }
  /** Delete `len` bytes at `pos`. */
  | { k: 'delete'; pos: number; len: number }
  /** Write a 1/2/4-byte field at `pos` (header offsets are favoured): an interesting value, or the frame length plus `delta`. */
  | { k: 'field'; pos: number; width: 1 | 2 | 4; le: boolean; val: number; delta: number | null }
  /** Keep `cut` bytes of this frame, then the bytes from `otherCut` of a frame from another file. */
  | { k: 'splice'; file: number; frame: number; cut: number; otherCut: number }
  /** Cut the captured bytes to `len` (the reported length follows the `origLen` choice). */
  | { k: 'truncate'; len: number };

export type OrigLenChoice =
  /** The new captured length plus what the snaplen had cut from the original. */
  | 'keep'
  /** Exactly the captured length. */
  | 'cap'
  /** Less than captured (a broken reader), or any value. */
  | { v: number };

export interface FrameMutation {
  ops: FrameOp[];
  /** Replace the link type (undefined: keep). */
  linkType: number | undefined;
  origLen: OrigLenChoice;
}

/** Positions: mostly in the first 128 bytes (link, network and transport headers), sometimes anywhere. */
const posArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 127 }) }, { weight: 1, arbitrary: fc.nat({ max: 1 << 16 }) });

const opArb: fc.Arbitrary<FrameOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('set' as const), pos: posArb, val: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('xor' as const), pos: posArb, bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('insert' as const), pos: posArb, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 24 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('delete' as const), pos: posArb, len: fc.integer({ min: 1, max: 40 }) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('field' as const),
      pos: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 23, 24, 26, 30, 34, 36, 38, 40, 42, 44, 46, 47, 48, 50, 52, 54, 56, 58, 60, 62) },
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 95 }) },
        { weight: 1, arbitrary: fc.nat({ max: 1 << 16 }) },
      ),
      width: fc.constantFrom(1 as const, 2 as const, 2 as const, 4 as const),
      le: fc.boolean(),
      val: fc.constantFrom(...INTERESTING),
      delta: fc.option(fc.integer({ min: -64, max: 64 }), { freq: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('splice' as const), file: fc.nat(), frame: fc.nat(), cut: posArb, otherCut: posArb }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('truncate' as const), len: posArb }) },
);

const linkTypeArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.constantFrom(...KNOWN_LINK_TYPES) },
  { weight: 1, arbitrary: fc.oneof(fc.nat({ max: 0xffff }), fc.constantFrom(0xffffffff, 0x7fffffff, 0x10001)) },
);

const origLenArb: fc.Arbitrary<OrigLenChoice> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('keep' as const) },
  { weight: 3, arbitrary: fc.constant('cap' as const) },
  { weight: 1, arbitrary: fc.record({ v: fc.oneof(fc.nat({ max: 2000 }), fc.constantFrom(0, 65535, 65536, 262144, 0x7fffffff, 0xffffffff)) }) },
);

export const frameMutationArb: fc.Arbitrary<FrameMutation> = fc.record({
  ops: fc.array(opArb, { minLength: 1, maxLength: 4 }),
  linkType: linkTypeArb,
  origLen: origLenArb,
});

function mod(n: number, m: number): number {
  return m <= 0 ? 0 : n % m;
}

function writeField(d: Uint8Array, pos: number, width: number, le: boolean, val: number): void {
  for (let i = 0; i < width; i++) {
    const shift = le ? i : width - 1 - i;
    const at = pos + i;
    if (at < d.length) d[at] = Math.floor(val / 2 ** (8 * shift)) & 0xff;
  }
}

/**
 * The frame `base` with `m` applied. `corpus` supplies the other frame of a splice (from another
 * file than `base`'s, when there is one).
 */
export function applyFrameMutation(base: CorpusFrame, m: FrameMutation, corpus: readonly CorpusFile[]): FrameInput {
  let d = base.data.slice();
  for (const op of m.ops) {
    switch (op.k) {
      case 'set':
        if (d.length) d[mod(op.pos, d.length)] = op.val;
        break;
      case 'xor':
        if (d.length) d[mod(op.pos, d.length)]! ^= 1 << op.bit;
        break;
      case 'insert': {
        const at = mod(op.pos, d.length + 1);
        const n = new Uint8Array(d.length + op.bytes.length);
        n.set(d.subarray(0, at));
        n.set(op.bytes, at);
        n.set(d.subarray(at), at + op.bytes.length);
        d = n;
        break;
      }
      case 'delete': {
        if (!d.length) break;
        const at = mod(op.pos, d.length);
        const n = new Uint8Array(d.length - Math.min(op.len, d.length - at));
        n.set(d.subarray(0, at));
        n.set(d.subarray(at + op.len), at);
        d = n;
        break;
      }
      case 'field': {
        if (!d.length) break;
        const at = mod(op.pos, d.length);
        const v = op.delta === null ? op.val : Math.max(0, d.length - at + op.delta);
        writeField(d, at, op.width, op.le, v);
        break;
      }
      case 'splice': {
        const others = corpus.filter((c) => c.frames.length > 0 && c.file !== base.file);
        const file = others[mod(op.file, others.length)];
        if (!file) break;
        const o = file.frames[mod(op.frame, file.frames.length)]!.data;
        const cut = mod(op.cut, d.length + 1);
        const oc = mod(op.otherCut, o.length + 1);
        const n = new Uint8Array(cut + o.length - oc);
        n.set(d.subarray(0, cut));
        n.set(o.subarray(oc), cut);
        d = n;
        break;
      }
      case 'truncate':
        d = d.slice(0, mod(op.len, d.length + 1));
        break;
    }
  }
  let origLen: number;
  if (m.origLen === 'keep') origLen = d.length + Math.max(0, base.origLen - base.data.length);
  else if (m.origLen === 'cap') origLen = d.length;
  else origLen = m.origLen.v;
  return {
    num: base.num,
    linkType: m.linkType ?? base.linkType,
    interfaceId: base.interfaceId,
    tsSec: base.tsSec,
    tsNsec: base.tsNsec,
    hasTs: base.hasTs,
    origLen,
    data: d,
  };
}
