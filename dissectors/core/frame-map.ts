/**
 * A map from frame numbers to values for per-frame records that a dissector keeps for revisits
 * (HTTP messages, ICMP echo matches …): frames are small dense integers, so an Int32Array indexed
 * by frame number points into a dense array of values — 4 bytes per frame and no hashing, where
 * a Map with hundreds of thousands of entries costs more than the dissection that fills it.
 */
export class FrameMap<T> {
  private index = new Int32Array(1024).fill(-1);
  private values: T[] = [];

  /** The value of `frame`, or undefined. */
  get(frame: number): T | undefined {
    const idx = this.index;
    if (frame < 0 || frame >= idx.length) return undefined;
    const i = idx[frame]!;
    return i < 0 ? undefined : this.values[i];
  }

  /** Sets (or replaces) the value of `frame` (a non-negative integer). */
  set(frame: number, v: T): void {
    if (frame < 0 || !Number.isInteger(frame)) return;
    let idx = this.index;
    if (frame >= idx.length) {
      let n = idx.length;
      while (n <= frame) n *= 2;
      const grown = new Int32Array(n).fill(-1);
      grown.set(idx);
      this.index = idx = grown;
    }
    const i = idx[frame]!;
    if (i >= 0) this.values[i] = v;
    else {
      idx[frame] = this.values.length;
      this.values.push(v);
    }
  }

  /** Number of frames with a value. */
  get size(): number {
    return this.values.length;
  }
}
