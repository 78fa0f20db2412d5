/**
 * A set of non-negative integers that are small and dense (stream numbers): one bit each in a
 * growing bitmap, instead of a Set entry each (some 30 bytes) — a session keeps one per stream
 * for the whole file.
 */
import { grown } from '../../dissectors/core/grow.js';

export class NumberSet {
  private bits = new Uint32Array(8);

  add(n: number): void {
    if (!(n >= 0 && n <= 0x7fffffff) || (n | 0) !== n) throw new RangeError(`NumberSet: ${n} is not a non-negative 31-bit integer`);
    const w = n >>> 5;
    if (w >= this.bits.length) this.bits = grown(this.bits, w + 1);
    this.bits[w]! |= 1 << (n & 31);
  }

  has(n: number): boolean {
    if (!(n >= 0) || (n | 0) !== n) return false;
    const w = n >>> 5;
    return w < this.bits.length && (this.bits[w]! & (1 << (n & 31))) !== 0;
  }
}
