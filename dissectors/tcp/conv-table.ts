/**
 * Conversation keys → conversation index, as an open-addressing hash table over typed arrays (no
 * per-packet allocation, no string keys).
 *
 * A key is a TCP 4-tuple with IPv4 and IPv6 kept apart; TcpAnalyzer writes both directions of a
 * conversation the same way (the greater endpoint first), since Wireshark finds the newest
 * conversation with these addresses and ports whichever side created it. Setting a key that is
 * already present replaces its value, which is how "the newest conversation" is kept.
 */

/** Words per key: source address (4), destination address (4), ports, address family. */
export const KEY_WORDS = 10;

export class ConvKeyTable {
  private keys: Uint32Array;
  private vals: Int32Array;
  /** Hash slots: entry index + 1, 0 when empty. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(initialEntries = 1024) {
    let cap = 16;
    while (cap < initialEntries * 2) cap <<= 1;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.keys = new Uint32Array(initialEntries * KEY_WORDS);
    this.vals = new Int32Array(initialEntries);
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for `k` (KEY_WORDS words), or −1. */
  get(k: Uint32Array): number {
    const keys = this.keys;
    const slots = this.slots;
    const mask = this.mask;
    let i = hashKey(k, 0) & mask;
    for (;;) {
      const e = slots[i]!;
      if (e === 0) return -1;
      const b = (e - 1) * KEY_WORDS;
      if (
        keys[b] === k[0] && keys[b + 1] === k[1] && keys[b + 2] === k[2] && keys[b + 3] === k[3] &&
        keys[b + 4] === k[4] && keys[b + 5] === k[5] && keys[b + 6] === k[6] && keys[b + 7] === k[7] &&
        keys[b + 8] === k[8] && keys[b + 9] === k[9]
      ) {
        return this.vals[e - 1]!;
      }
      i = (i + 1) & mask;
    }
  }

  /** Stores `v` for `k`, replacing an earlier value. */
  set(k: Uint32Array, v: number): void {
    const keys = this.keys;
    const slots = this.slots;
    const mask = this.mask;
    let i = hashKey(k, 0) & mask;
    for (;;) {
      const e = slots[i]!;
      if (e === 0) break;
      const b = (e - 1) * KEY_WORDS;
      if (
        keys[b] === k[0] && keys[b + 1] === k[1] && keys[b + 2] === k[2] && keys[b + 3] === k[3] &&
        keys[b + 4] === k[4] && keys[b + 5] === k[5] && keys[b + 6] === k[6] && keys[b + 7] === k[7] &&
        keys[b + 8] === k[8] && keys[b + 9] === k[9]
      ) {
        this.vals[e - 1] = v;
        return;
      }
      i = (i + 1) & mask;
    }
    const n = this.count;
    if (n >= this.vals.length) this.growEntries();
    const dst = this.keys;
    for (let w = 0; w < KEY_WORDS; w++) dst[n * KEY_WORDS + w] = k[w]!;
    this.vals[n] = v;
    this.count = n + 1;
    this.slots[i] = n + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  private growEntries(): void {
    const keys = new Uint32Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const vals = new Int32Array(this.vals.length * 2);
    vals.set(this.vals);
    this.vals = vals;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    const keys = this.keys;
    for (let e = 0; e < this.count; e++) {
      let i = hashKey(keys, e * KEY_WORDS) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Hash of the key at word `off` of `k`. */
function hashKey(k: Uint32Array, off: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < KEY_WORDS; i++) h = Math.imul(h ^ k[off + i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
