/**
 * Conversation keys → conversation index, as open-addressing hash tables over typed arrays (no
 * per-packet allocation, no string keys).
 *
 * A key is a TCP or UDP 4-tuple with the address family (KEY_WORDS words: source address (4),
 * destination address (4), ports, address family); TcpAnalyzer writes both directions of a
 * conversation the same way (the greater endpoint first), since Wireshark finds the newest
 * conversation with these addresses and ports whichever side created it. Setting a key that is
 * already present replaces its value, which is how "the newest conversation" is kept.
 *
 * Keys whose address words 1–3 are zero (every IPv4 key, and keys without addresses) are kept in
 * 4 words (first address word each side, ports, family) instead of 10: a capture keeps one key per
 * conversation, and most are IPv4.
 */

/** Words per key: source address (4), destination address (4), ports, address family. */
export const KEY_WORDS = 10;
const SHORT_WORDS = 4;

/** One table of keys of `words` words. */
class WordKeyTable {
  private keys: Uint32Array;
  private vals: Int32Array;
  /** Hash slots: entry index + 1, 0 when empty. */
  private slots: Int32Array;
  private mask: number;
  count = 0;

  constructor(private readonly words: number, initialEntries: number) {
    let cap = 16;
    while (cap < initialEntries * 2) cap <<= 1;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.keys = new Uint32Array(initialEntries * words);
    this.vals = new Int32Array(initialEntries);
  }

  private equal(b: number, k: Uint32Array): boolean {
    const keys = this.keys;
    for (let w = 0; w < this.words; w++) if (keys[b + w] !== k[w]) return false;
    return true;
  }

  /** The value stored for `k`, or −1. */
  get(k: Uint32Array): number {
    const slots = this.slots;
    const mask = this.mask;
    let i = hashKey(k, 0, this.words) & mask;
    for (;;) {
      const e = slots[i]!;
      if (e === 0) return -1;
      if (this.equal((e - 1) * this.words, k)) return this.vals[e - 1]!;
      i = (i + 1) & mask;
    }
  }

  /** Stores `v` for `k`, replacing an earlier value. */
  set(k: Uint32Array, v: number): void {
    const slots = this.slots;
    const mask = this.mask;
    const words = this.words;
    let i = hashKey(k, 0, words) & mask;
    for (;;) {
      const e = slots[i]!;
      if (e === 0) break;
      if (this.equal((e - 1) * words, k)) {
        this.vals[e - 1] = v;
        return;
      }
      i = (i + 1) & mask;
    }
    const n = this.count;
    if (n >= this.vals.length) this.growEntries();
    const dst = this.keys;
    for (let w = 0; w < words; w++) dst[n * words + w] = k[w]!;
    this.vals[n] = v;
    this.count = n + 1;
    this.slots[i] = n + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  /** Keys and values cut to the entries there are (the hash slots stay). */
  trim(): void {
    const n = Math.max(1, this.count);
    if (this.vals.length > n) {
      this.vals = this.vals.slice(0, n);
      this.keys = this.keys.slice(0, n * this.words);
    }
  }

  private growEntries(): void {
    const n = Math.max(16, Math.ceil(this.vals.length * 1.5));
    const keys = new Uint32Array(n * this.words);
    keys.set(this.keys);
    this.keys = keys;
    const vals = new Int32Array(n);
    vals.set(this.vals);
    this.vals = vals;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    const keys = this.keys;
    for (let e = 0; e < this.count; e++) {
      let i = hashKey(keys, e * this.words, this.words) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

export class ConvKeyTable {
  private readonly short: WordKeyTable;
  private readonly long: WordKeyTable;
  private readonly k4 = new Uint32Array(SHORT_WORDS);

  constructor(initialEntries = 16) {
    this.short = new WordKeyTable(SHORT_WORDS, initialEntries);
    this.long = new WordKeyTable(KEY_WORDS, 16);
  }

  get size(): number {
    return this.short.count + this.long.count;
  }

  /** No room kept for more keys (the end of a pass; set() grows them again). */
  trim(): void {
    this.short.trim();
    this.long.trim();
  }

  /** Fills the short key from `k` and returns true when `k` has one (address words 1–3 zero). */
  private toShort(k: Uint32Array): boolean {
    if ((k[1]! | k[2]! | k[3]! | k[5]! | k[6]! | k[7]!) !== 0) return false;
    const s = this.k4;
    s[0] = k[0]!;
    s[1] = k[4]!;
    s[2] = k[8]!;
    s[3] = k[9]!;
    return true;
  }

  /** The value stored for `k` (KEY_WORDS words), or −1. */
  get(k: Uint32Array): number {
    return this.toShort(k) ? this.short.get(this.k4) : this.long.get(k);
  }

  /** Stores `v` for `k`, replacing an earlier value. */
  set(k: Uint32Array, v: number): void {
    if (this.toShort(k)) this.short.set(this.k4, v);
    else this.long.set(k, v);
  }
}

/** Hash of the `words` words at `off` of `k`. */
function hashKey(k: Uint32Array, off: number, words: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < words; i++) h = Math.imul(h ^ k[off + i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
