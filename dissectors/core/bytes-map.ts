/**
 * A map from short byte strings of one fixed length (IPv4, MAC, IPv6 addresses; 4-tuples) to small
 * non-negative integers, looked up straight from a packet's bytes: open addressing over typed
 * arrays, so a lookup allocates nothing (a Map keyed by a 32-bit number boxes it when it does not
 * fit a small integer, and a string key is a new string per packet).
 */
export class BytesMap {
  /** Key length in 32-bit words (the key's bytes, zero-padded). */
  private readonly words: number;
  private cap: number;
  private keys: Int32Array;
  /** Value + 1 per slot (0: empty). */
  private vals: Int32Array;
  private used = 0;
  /** Scratch for the key being looked up. */
  private readonly key: Int32Array;

  constructor(readonly keyBytes: number, initialCapacity = 1024) {
    if (!Number.isInteger(keyBytes) || keyBytes < 1 || keyBytes > 64) throw new RangeError(`BytesMap: key length ${keyBytes} is not 1..64 bytes`);
    this.words = (keyBytes + 3) >> 2;
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.cap = cap;
    this.keys = new Int32Array(cap * this.words);
    this.vals = new Int32Array(cap);
    this.key = new Int32Array(this.words);
  }

  get size(): number {
    return this.used;
  }

  /** The value stored for `d[off .. off + keyBytes)`, or −1. */
  get(d: Uint8Array, off: number): number {
    const slot = this.find(d, off);
    const v = this.vals[slot]!;
    return v === 0 ? -1 : v - 1;
  }

  /** Stores `value` (≥ 0) for `d[off .. off + keyBytes)`. */
  set(d: Uint8Array, off: number, value: number): void {
    if (!(value >= 0 && value < 0x7fffffff)) throw new RangeError(`BytesMap: value ${value} out of range`);
    let slot = this.find(d, off);
    if (this.vals[slot] === 0) {
      if ((this.used + 1) * 2 > this.cap) {
        this.grow();
        slot = this.find(d, off);
      }
      this.used++;
      this.keys.set(this.key, slot * this.words);
    }
    this.vals[slot] = value + 1;
  }

  /** Loads the key into `this.key` and returns its slot (the empty slot where it would go if absent). */
  private find(d: Uint8Array, off: number): number {
    const W = this.words;
    const k = this.key;
    const n = this.keyBytes;
    let h = 0x811c9dc5;
    for (let w = 0; w < W; w++) {
      const b = off + w * 4;
      let v = 0;
      for (let j = 0; j < 4; j++) v = (v << 8) | (w * 4 + j < n ? d[b + j]! : 0);
      k[w] = v;
      h = Math.imul(h ^ v, 0x01000193);
      h ^= h >>> 15;
    }
    const mask = this.cap - 1;
    const keys = this.keys;
    const vals = this.vals;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      if (vals[slot] === 0) return slot;
      const base = slot * W;
      let same = true;
      for (let w = 0; w < W; w++) {
        if (keys[base + w] !== k[w]) {
          same = false;
          break;
        }
      }
      if (same) return slot;
    }
  }

  private grow(): void {
    const W = this.words;
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const oldCap = this.cap;
    this.cap = oldCap * 2;
    this.keys = new Int32Array(this.cap * W);
    this.vals = new Int32Array(this.cap);
    const bytes = new Uint8Array(W * 4);
    for (let s = 0; s < oldCap; s++) {
      const v = oldVals[s]!;
      if (v === 0) continue;
      for (let w = 0; w < W; w++) {
        const x = oldKeys[s * W + w]!;
        bytes[w * 4] = x >>> 24;
        bytes[w * 4 + 1] = (x >>> 16) & 0xff;
        bytes[w * 4 + 2] = (x >>> 8) & 0xff;
        bytes[w * 4 + 3] = x & 0xff;
      }
      const slot = this.find(bytes, 0);
      this.keys.set(this.key, slot * W);
      this.vals[slot] = v;
    }
  }
}
