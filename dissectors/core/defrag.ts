/**
 * Reassembly of IP datagrams from fragments (Wireshark's reassemble.c `fragment_add_check`, as
 * the IPv4 and IPv6 dissectors use it with their default `defragment` preference on).
 *
 * A table lives in the capture's cross-packet state (`pinfo.ctx.state`). Fragments are keyed by
 * whatever identifies a datagram (for IPv4: source, destination, protocol and ID). Each fragment's
 * bytes are copied in; when the last fragment is known and every byte from 0 to the end has
 * arrived, the datagram is put together in the frame that completed it, and the pending set is
 * dropped. Memory is bounded: at most `maxSets` pending datagrams and `maxBytes` buffered bytes;
 * when either is exceeded the oldest pending datagram is dropped (its fragments then stay plain
 * fragments, as a capture that missed one would show them).
 *
 * The results are remembered per frame number (within the same bounds), so that a packet dissected
 * again later (`pinfo.visited`, e.g. the tree of a packet selected in the GUI) shows the same
 * thing: the reassembled datagram in the frame that completed it, and "reassembled in #N" in the
 * others.
 */

/** One fragment of a reassembled datagram. */
export interface FragmentPart {
  /** Frame the fragment came in. */
  frame: number;
  /** Offset of its data in the datagram. */
  offset: number;
  /** Bytes of data. */
  length: number;
  /** What Wireshark flags on the fragment itself (shown under its item): it overlaps bytes already placed … */
  overlap?: boolean;
  /** … with other data; */
  overlapConflict?: boolean;
  /** it runs past the datagram's end; */
  tooLong?: boolean;
  /** it is a last fragment giving another length than an earlier one. */
  multipleTails?: boolean;
}

/** A datagram put together from its fragments. */
export interface Reassembly {
  /** The reassembled payload (owned by the table: do not modify). */
  data: Uint8Array;
  /** Fragments in offset order (as Wireshark lists them). */
  parts: FragmentPart[];
  /** Frame that completed the datagram. */
  frame: number;
  /** Some fragments overlapped (retransmitted or conflicting data). */
  overlap: boolean;
  /** Overlapping fragments disagreed on the data. */
  overlapConflict: boolean;
  /** A fragment had data past the end given by the last fragment. */
  tooLong: boolean;
  /** More than one fragment claimed to be the last one. */
  multipleTails: boolean;
}

/** What `add` tells the dissector about a fragment. */
export type FragmentResult =
  /** The datagram is complete with this fragment. */
  | { done: true; reassembly: Reassembly }
  /** Still waiting for more; `reassembledIn` is known only when the frame is revisited. */
  | { done: false; reassembledIn: number };

interface Pending {
  key: string;
  parts: { frame: number; offset: number; data: Uint8Array; more: boolean; multipleTails: boolean }[];
  /** Datagram length once the last fragment (MF clear) is seen, else −1. */
  total: number;
  bytes: number;
  multipleTails: boolean;
}

export interface FragmentTableOptions {
  /** Pending datagrams kept at most (default 4096). */
  maxSets?: number;
  /** Buffered fragment bytes kept at most, pending and completed together (default 64 MiB). */
  maxBytes?: number;
}

const NOT_DONE_UNKNOWN: FragmentResult = { done: false, reassembledIn: 0 };

export class FragmentTable {
  readonly maxSets: number;
  readonly maxBytes: number;
  /** Pending datagrams in insertion order (a Map iterates oldest first). */
  private pending = new Map<string, Pending>();
  private pendingBytes = 0;
  /** Completed datagrams by the frame that completed them, oldest first. */
  private done = new Map<number, Reassembly>();
  private doneBytes = 0;
  /** For fragments that did not complete a datagram: the frame that did (0 = not known). */
  private reassembledIn = new Map<number, number>();

  constructor(opts: FragmentTableOptions = {}) {
    this.maxSets = opts.maxSets ?? 4096;
    this.maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  }

  /** Number of datagrams waiting for fragments. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Bytes held (pending fragments plus completed datagrams kept for revisits). */
  get bytesHeld(): number {
    return this.pendingBytes + this.doneBytes;
  }

  /**
   * Adds a fragment seen in `frame` (first pass) or, when `visited`, looks up what happened to
   * it. `data` is copied. `offset` is the byte offset of the data in the datagram; `more` is the
   * "more fragments" flag.
   */
  add(key: string, frame: number, offset: number, data: Uint8Array, more: boolean, visited = false): FragmentResult {
    if (visited) {
      const r = this.done.get(frame);
      if (r) return { done: true, reassembly: r };
      const n = this.reassembledIn.get(frame);
      return n ? { done: false, reassembledIn: n } : NOT_DONE_UNKNOWN;
    }
    let p = this.pending.get(key);
    if (!p) {
      p = { key, parts: [], total: -1, bytes: 0, multipleTails: false };
      this.pending.set(key, p);
    }
    const part = { frame, offset, data: data.slice(), more, multipleTails: false };
    p.parts.push(part);
    p.bytes += data.length;
    this.pendingBytes += data.length;
    if (!more) {
      const end = offset + data.length;
      // A tail that says another length than an earlier one: flagged on itself and the datagram.
      if (p.total >= 0 && p.total !== end) p.multipleTails = part.multipleTails = true;
      // Wireshark keeps the first tail's length unless a later one is longer and contiguous.
      if (p.total < 0 || end > p.total) p.total = end;
    }
    const complete = p.total >= 0 && covered(p);
    if (!complete) {
      this.trim(key);
      return NOT_DONE_UNKNOWN;
    }
    this.pending.delete(key);
    this.pendingBytes -= p.bytes;
    const r = assemble(p, frame);
    for (const part of r.parts) if (part.frame !== frame) this.reassembledIn.set(part.frame, frame);
    this.done.set(frame, r);
    this.doneBytes += r.data.length;
    this.trim(key);
    return { done: true, reassembly: r };
  }

  /** Drops the oldest state until the bounds hold again (the set just touched goes last). */
  private trim(keep: string): void {
    // Completed datagrams are only kept for revisits: they go first.
    while (this.pendingBytes + this.doneBytes > this.maxBytes && this.done.size > 0) {
      const [f, r] = this.done.entries().next().value as [number, Reassembly];
      this.done.delete(f);
      this.doneBytes -= r.data.length;
    }
    while (this.pending.size > this.maxSets || this.pendingBytes > this.maxBytes) {
      let victim: Pending | undefined;
      for (const p of this.pending.values()) {
        if (p.key !== keep) { victim = p; break; }
      }
      victim ??= this.pending.get(keep);
      if (!victim) break;
      this.pending.delete(victim.key);
      this.pendingBytes -= victim.bytes;
    }
    if (this.reassembledIn.size > this.maxSets * 64) {
      // Frame → frame notes are small; keep the newest half when they pile up.
      let n = this.reassembledIn.size >> 1;
      for (const k of this.reassembledIn.keys()) {
        if (n-- <= 0) break;
        this.reassembledIn.delete(k);
      }
    }
  }
}

/** True when the fragments cover every byte from 0 to the datagram's end. */
function covered(p: Pending): boolean {
  const parts = p.parts.slice().sort((a, b) => a.offset - b.offset);
  let end = 0;
  for (const x of parts) {
    if (x.offset > end) return false;
    const e = x.offset + x.data.length;
    if (e > end) end = e;
    if (end >= p.total) return true;
  }
  return end >= p.total;
}

function assemble(p: Pending, frame: number): Reassembly {
  // Offset order; on equal offsets, arrival order (a stable sort keeps it).
  const parts = p.parts.slice().sort((a, b) => a.offset - b.offset);
  const data = new Uint8Array(p.total);
  let overlap = false;
  let conflict = false;
  let tooLong = false;
  let max = 0;
  const out: FragmentPart[] = [];
  for (const x of parts) {
    let len = x.data.length;
    const part: FragmentPart = { frame: x.frame, offset: x.offset, length: x.data.length };
    if (x.multipleTails) part.multipleTails = true;
    if (x.offset + len > p.total) {
      tooLong = part.tooLong = true;
      len = Math.max(0, p.total - x.offset);
    }
    // As Wireshark's fragment_defragment_and_free: each fragment that starts inside the bytes
    // already placed overlaps, and conflicts when those bytes differ.
    if (x.offset < max) {
      overlap = part.overlap = true;
      const o = Math.min(max, x.offset + len);
      for (let i = x.offset; i < o; i++) if (data[i] !== x.data[i - x.offset]) { conflict = part.overlapConflict = true; break; }
    }
    out.push(part);
    // Wireshark keeps the data already in place for overlapping bytes.
    const from = Math.max(x.offset, max);
    if (x.offset + len > from) data.set(x.data.subarray(from - x.offset, len), from);
    if (x.offset + len > max) max = x.offset + len;
  }
  return {
    data,
    parts: out,
    frame,
    overlap,
    overlapConflict: conflict,
    tooLong,
    multipleTails: p.multipleTails,
  };
}
