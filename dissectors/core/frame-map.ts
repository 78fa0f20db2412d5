/**
 * A map from frame numbers to values for per-frame records that a dissector keeps for revisits
 * (HTTP messages, ICMP echo matches …). Frames are set in increasing order during the first pass,
 * so the keys are kept as a sorted Int32Array beside a dense array of values: appending is O(1),
 * a lookup is a binary search, and memory follows the records (4 bytes of key each), not the
 * capture's length — most frames of a capture have no HTTP message and no echo match.
 */
export class FrameMap<T> {
  private frames = new Int32Array(64);
  private values: T[] = [];

  /** Position of `frame` in `frames`, or −(insertion point) − 1. */
  private find(frame: number): number {
    const f = this.frames;
    let lo = 0;
    let hi = this.values.length - 1;
    // Most lookups are for the last frame set (the packet being dissected).
    if (hi >= 0 && f[hi] === frame) return hi;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = f[mid]!;
      if (v === frame) return mid;
      if (v < frame) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  /** The value of `frame`, or undefined. */
  get(frame: number): T | undefined {
    const i = this.find(frame);
    return i < 0 ? undefined : this.values[i];
  }

  /** Sets (or replaces) the value of `frame` (a non-negative integer). */
  set(frame: number, v: T): void {
    if (frame < 0 || !Number.isInteger(frame) || frame > 0x7fffffff) return;
    const n = this.values.length;
    let at: number;
    if (n === 0 || this.frames[n - 1]! < frame) at = n;
    else {
      const i = this.find(frame);
      if (i >= 0) {
        this.values[i] = v;
        return;
      }
      at = -i - 1;
    }
    if (n === this.frames.length) {
      const grown = new Int32Array(n * 2);
      grown.set(this.frames);
      this.frames = grown;
    }
    const f = this.frames;
    // Out of order (rare): shift the later keys up by one.
    if (at < n) f.copyWithin(at + 1, at, n);
    f[at] = frame;
    if (at === n) this.values.push(v);
    else this.values.splice(at, 0, v);
  }

  /** No room kept for more keys (the end of a pass; set() grows them again). */
  trim(): void {
    if (this.frames.length > this.values.length) this.frames = this.frames.slice(0, Math.max(1, this.values.length));
    // An array grown by push keeps room for more (up to half again): a copy holds just its values.
    this.values = this.values.slice();
  }

  /** Number of frames with a value. */
  get size(): number {
    return this.values.length;
  }
}
