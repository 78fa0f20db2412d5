/**
 * Mutations of whole capture files (pcap / pcapng) for the "never crash" tests, aimed at what
 * readers trip over: bytes of file, record and block headers, length fields (record caplen /
 * origlen, block total lengths, option lengths) set to huge, zero or odd values, truncations,
 * duplicated section headers, and garbage inserted or removed at record boundaries.
 *
 * Also: `readInChunks`, the createReader / push / end / next loop in given chunk sizes, handing
 * each record to a callback before the next call to the reader.
 */
import fc from 'fast-check';
import { createReader, isCaptureFileError } from '../../dissectors/capture/open.js';
import type { CaptureFileError, PacketRecord } from '../../dissectors/capture/types.js';

/** A record (pcap) or block (pcapng) of a capture file: where it is, its header, its length fields. */
export interface RecordLoc {
  offset: number;
  /** Whole record/block length (header included). */
  length: number;
  /** Bytes of fixed header worth flipping. */
  headerLen: number;
  /** True for the pcap file header / pcapng Section Header Block. */
  isSectionHeader: boolean;
  /** Length-like fields: file offset and width. */
  lengthFields: { pos: number; width: 2 | 4 | 8 }[];
}

export interface CaptureLayout {
  format: 'pcap' | 'pcapng' | 'unknown';
  le: boolean;
  records: RecordLoc[];
}

function u32(b: Uint8Array, p: number, le: boolean): number {
  if (p + 4 > b.length) return 0;
  return le
    ? (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0
    : ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}

function u16(b: Uint8Array, p: number, le: boolean): number {
  if (p + 2 > b.length) return 0;
  return le ? b[p]! | (b[p + 1]! << 8) : (b[p]! << 8) | b[p + 1]!;
}

/** Option headers (code, length) from `p` to `end`: their length fields. */
function optionLengths(b: Uint8Array, p: number, end: number, le: boolean, out: RecordLoc['lengthFields']): void {
  for (let n = 0; p + 4 <= end && n < 64; n++) {
    const code = u16(b, p, le);
    const len = u16(b, p + 2, le);
    out.push({ pos: p + 2, width: 2 });
    if (code === 0) break;
    p += 4 + ((len + 3) & ~3);
  }
}

/** The records/blocks of an (unmutated) capture file. */
export function captureLayout(b: Uint8Array): CaptureLayout {
  const records: RecordLoc[] = [];
  if (b.length < 4) return { format: 'unknown', le: true, records };
  const magic = u32(b, 0, true);
  if (magic === 0x0a0d0d0a) {
    let le = true;
    for (let off = 0; off + 12 <= b.length; ) {
      let type = u32(b, off, le);
      if (u32(b, off, true) === 0x0a0d0d0a) {
        le = u32(b, off + 8, true) === 0x1a2b3c4d;
        type = 0x0a0d0d0a;
      }
      const len = u32(b, off + 4, le);
      if (len < 12 || len % 4 || off + len > b.length) break;
      const lf: RecordLoc['lengthFields'] = [{ pos: off + 4, width: 4 }, { pos: off + len - 4, width: 4 }];
      let headerLen = 12;
      const end = off + len - 4;
      if (type === 0x0a0d0d0a) {
        lf.push({ pos: off + 16, width: 8 });
        headerLen = 24;
        optionLengths(b, off + 24, end, le, lf);
      } else if (type === 1) {
        lf.push({ pos: off + 12, width: 4 }); // snaplen
        headerLen = 16;
        optionLengths(b, off + 16, end, le, lf);
      } else if (type === 6) {
        const cap = u32(b, off + 20, le);
        lf.push({ pos: off + 20, width: 4 }, { pos: off + 24, width: 4 });
        headerLen = 28;
        optionLengths(b, off + 28 + ((cap + 3) & ~3), end, le, lf);
      } else if (type === 3) {
        lf.push({ pos: off + 8, width: 4 });
        headerLen = 12;
      } else if (type === 2) {
        lf.push({ pos: off + 20, width: 4 }, { pos: off + 24, width: 4 });
        headerLen = 28;
      } else if (type === 5) {
        headerLen = 20;
        optionLengths(b, off + 20, end, le, lf);
      } else if (type === 4) {
        optionLengths(b, off + 8, end, le, lf); // NRB records share the (type, length) shape
      }
      records.push({ offset: off, length: len, headerLen, isSectionHeader: type === 0x0a0d0d0a, lengthFields: lf });
      off += len;
    }
    return { format: 'pcapng', le, records };
  }
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const be = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  if (!le && !be) return { format: 'unknown', le: true, records };
  records.push({ offset: 0, length: 24, headerLen: 24, isSectionHeader: true, lengthFields: [{ pos: 16, width: 4 }] });
  for (let off = 24; off + 16 <= b.length; ) {
    const cap = u32(b, off + 8, le);
    if (off + 16 + cap > b.length) break;
    records.push({ offset: off, length: 16 + cap, headerLen: 16, isSectionHeader: false, lengthFields: [{ pos: off + 8, width: 4 }, { pos: off + 12, width: 4 }] });
    off += 16 + cap;
  }
  return { format: 'pcap', le, records };
}

/** Length values that break readers: zero, tiny, odd, not a multiple of 4, limits, all-ones. */
export const LENGTH_VALUES = [0, 1, 2, 3, 4, 5, 7, 8, 11, 12, 13, 15, 16, 20, 24, 27, 28, 31, 32, 65535, 65536, 262143, 262144, 262145, 0x7ffffffc, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff] as const;

export type FileOp =
  /** Overwrite a byte in the header of record `rec` (record 0 is the file header / first SHB). */
  | { k: 'headerByte'; rec: number; off: number; val: number }
  /** Overwrite a byte anywhere. */
  | { k: 'byte'; pos: number; val: number }
  /** Set a length field (by index over all of the file's length fields) to a value or to itself ± delta. */
  | { k: 'length'; field: number; val: number; delta: number | null }
  /** Cut the file at `at` (taken modulo the length; biased to record boundaries ± a few bytes). */
  | { k: 'truncate'; rec: number; delta: number; anywhere: number | null }
  /** Insert a copy of the section header (pcap file header / first SHB) before record `rec`. */
  | { k: 'dupSection'; rec: number }
  /** Insert bytes before record `rec`. */
  | { k: 'insert'; rec: number; bytes: number[] }
  /** Delete `len` bytes at `pos`. */
  | { k: 'delete'; pos: number; len: number };

const recArb = fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 3, arbitrary: fc.nat() });

export const fileOpArb: fc.Arbitrary<FileOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('headerByte' as const), rec: recArb, off: fc.nat({ max: 31 }), val: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('byte' as const), pos: fc.nat(), val: fc.integer({ min: 0, max: 255 }) }) },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('length' as const), field: fc.nat(), val: fc.constantFrom(...LENGTH_VALUES), delta: fc.option(fc.integer({ min: -9, max: 9 }), { freq: 3 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('truncate' as const), rec: recArb, delta: fc.integer({ min: -4, max: 30 }), anywhere: fc.option(fc.nat(), { freq: 3 }) }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('dupSection' as const), rec: recArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('insert' as const), rec: recArb, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), pos: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }) },
);

function writeUint(b: Uint8Array, pos: number, width: number, le: boolean, v: number): void {
  let x = BigInt(Math.max(0, Math.floor(v)));
  for (let i = 0; i < width; i++) {
    const at = le ? pos + i : pos + width - 1 - i;
    if (at >= 0 && at < b.length) b[at] = Number(x & 0xffn);
    x >>= 8n;
  }
}

function readUint(b: Uint8Array, pos: number, width: number, le: boolean): number {
  let v = 0;
  for (let i = 0; i < width && i < 6; i++) {
    const at = le ? pos + width - 1 - i : pos + i;
    v = v * 256 + (b[at] ?? 0);
  }
  return v;
}

/**
 * `bytes` with `ops` applied. Positions come from the layout of the original file: in-place edits
 * first, then insertions/deletions/truncations from the end backwards so positions stay valid.
 */
export function applyFileMutation(bytes: Uint8Array, layout: CaptureLayout, ops: readonly FileOp[]): Uint8Array {
  const b = bytes.slice();
  const recs = layout.records;
  const fields = recs.flatMap((r) => r.lengthFields);
  const structural: { pos: number; del: number; ins: Uint8Array | null; cut: boolean }[] = [];
  const recAt = (i: number) => (recs.length ? recs[i % recs.length]! : null);
  const boundary = (i: number) => (recs.length ? (i % (recs.length + 1) === recs.length ? b.length : recs[i % (recs.length + 1)]!.offset) : 0);
  for (const op of ops) {
    switch (op.k) {
      case 'headerByte': {
        const r = recAt(op.rec);
        if (r) {
          const p = r.offset + (op.off % r.headerLen);
          if (p < b.length) b[p] = op.val;
        } else if (b.length) b[op.off % b.length] = op.val;
        break;
      }
      case 'byte':
        if (b.length) b[op.pos % b.length] = op.val;
        break;
      case 'length': {
        if (!fields.length) break;
        const f = fields[op.field % fields.length]!;
        const v = op.delta === null ? op.val : readUint(b, f.pos, f.width, layout.le) + op.delta;
        writeUint(b, f.pos, f.width, layout.le, v);
        break;
      }
      case 'truncate': {
        const at = op.anywhere !== null ? op.anywhere % (b.length + 1) : Math.min(b.length, Math.max(0, boundary(op.rec) + op.delta));
        structural.push({ pos: at, del: 0, ins: null, cut: true });
        break;
      }
      case 'dupSection': {
        const sh = recs.find((r) => r.isSectionHeader);
        if (sh) structural.push({ pos: boundary(op.rec), del: 0, ins: bytes.slice(sh.offset, sh.offset + sh.length), cut: false });
        break;
      }
      case 'insert':
        structural.push({ pos: boundary(op.rec), del: 0, ins: Uint8Array.from(op.bytes), cut: false });
        break;
      case 'delete':
        if (b.length) structural.push({ pos: op.pos % b.length, del: op.len, ins: null, cut: false });
        break;
    }
  }
  structural.sort((x, y) => y.pos - x.pos);
  let out = b;
  for (const s of structural) {
    if (s.cut) {
      out = out.slice(0, Math.min(s.pos, out.length));
      continue;
    }
    const pos = Math.min(s.pos, out.length);
    const del = Math.min(s.del, out.length - pos);
    const ins = s.ins ?? new Uint8Array(0);
    const n = new Uint8Array(out.length - del + ins.length);
    n.set(out.subarray(0, pos));
    n.set(ins, pos);
    n.set(out.subarray(pos + del), pos + ins.length);
    out = n;
  }
  return out;
}

/** Chunk sizes for feeding a file: cycled through. */
export const chunkPlanArb = fc.oneof(
  fc.constant([1 << 20]),
  fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 6 }),
  fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 6 }),
  fc.array(fc.integer({ min: 4096, max: 1 << 17 }), { minLength: 1, maxLength: 4 }),
);

export interface ChunkedReadResult {
  /** createReader refused the file (unknown magic): the error it gave. */
  openError: CaptureFileError | null;
  records: number;
  error: CaptureFileError | null;
  done: boolean;
  /** next() after the reader stopped returned a record (it must not). */
  recordAfterStop: boolean;
}

/**
 * Feeds `file` to a reader in chunks of the given sizes (cycled; the first chunk is at least the
 * 4 bytes of the magic, as the engine does), calling `onRecord` for every record before the
 * reader is called again. Exceptions from the reader propagate.
 */
export function readInChunks(file: Uint8Array, sizes: readonly number[], onRecord: (rec: PacketRecord) => void): ChunkedReadResult {
  let pos = 0;
  let i = 0;
  const nextSize = () => sizes[i++ % sizes.length]!;
  const first = file.subarray(0, Math.max(4, nextSize()));
  pos = first.length;
  const r = createReader(first);
  if (isCaptureFileError(r)) return { openError: r, records: 0, error: null, done: true, recordAfterStop: false };
  let records = 0;
  const drain = () => {
    let rec: PacketRecord | null;
    while ((rec = r.next()) !== null) {
      records++;
      onRecord(rec);
    }
  };
  drain();
  while (pos < file.length && !r.done) {
    const n = nextSize();
    r.push(file.subarray(pos, pos + n));
    pos += n;
    drain();
  }
  r.end();
  drain();
  const recordAfterStop = r.next() !== null;
  return { openError: null, records, error: r.error, done: r.done, recordAfterStop };
}
