/**
 * A set of fixed-width numeric keys (`width` 32-bit words) that also knows their insertion order,
 * over typed arrays: no allocation per lookup, insert or removal, no string keys. Each key gets an
 * entry number, stable while it is in the table, under which the caller keeps its value (an
 * array indexed by entry). For tables keyed by addresses that also forget their oldest entries
 * (a Map<string, …> used for its insertion order, without the string per packet).
 *
 * Open addressing with linear probing; removal shifts the following slots back (no tombstones);
 * the insertion order is a doubly-linked list through the entries.
 */
export class OrderedKeyTable {
  private keys: Uint32Array;
  private hashes: Int32Array;
  /** Insertion order: previous / next entry (−1 at the ends); also the free list (through `next`). */
  private prev: Int32Array;
  private next: Int32Array;
  /** Hash slots: entry + 1, 0 when empty. */
  private slots: Int32Array;
  private mask: number;
  private head = -1;
  private tail = -1;
  private free = -1;
  /** Entries ever handed out (entries below it are live or on the free list). */
  private used = 0;
  private count = 0;

  constructor(readonly width: number, initialEntries = 64) {
    let cap = 16;
    while (cap < initialEntries * 2) cap <<= 1;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.keys = new Uint32Array(initialEntries * width);
    this.hashes = new Int32Array(initialEntries);
    this.prev = new Int32Array(initialEntries);
    this.next = new Int32Array(initialEntries);
  }

  /** Keys in the table. */
  get size(): number {
    return this.count;
  }

  /** The entry of key `k` (its first `width` words), or −1. */
  find(k: Uint32Array): number {
    const w = this.width;
    const keys = this.keys;
    const slots = this.slots;
    const mask = this.mask;
    for (let i = hashWords(k, w) & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) return -1;
      const b = (s - 1) * w;
      let j = 0;
      while (j < w && keys[b + j] === k[j]) j++;
      if (j === w) return s - 1;
    }
  }

  /** Adds `k` (not in the table: `find` it first) as the newest key; returns its entry. */
  insert(k: Uint32Array): number {
    let e = this.free;
    if (e >= 0) this.free = this.next[e]!;
    else {
      if (this.used === this.hashes.length) this.grow();
      e = this.used++;
    }
    const w = this.width;
    const keys = this.keys;
    for (let j = 0; j < w; j++) keys[e * w + j] = k[j]!;
    const h = hashWords(k, w);
    this.hashes[e] = h;
    this.prev[e] = this.tail;
    this.next[e] = -1;
    if (this.tail >= 0) this.next[this.tail] = e;
    else this.head = e;
    this.tail = e;
    this.count++;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(e, h);
    return e;
  }

  /** The oldest entry still in the table, or −1 when it is empty. */
  oldest(): number {
    return this.head;
  }

  /** Removes entry `e` (one that `find` or `insert` returned and that is still in the table). */
  remove(e: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let i = this.hashes[e]! & mask;
    while (slots[i] !== e + 1) {
      if (slots[i] === 0) return; // not in the table
      i = (i + 1) & mask;
    }
    // Backward shift: move up every following key whose home slot is not between the gap and it.
    slots[i] = 0;
    for (let j = (i + 1) & mask; slots[j] !== 0; j = (j + 1) & mask) {
      const home = this.hashes[slots[j]! - 1]! & mask;
      const stays = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!stays) {
        slots[i] = slots[j]!;
        slots[j] = 0;
        i = j;
      }
    }
    const p = this.prev[e]!;
    const n = this.next[e]!;
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
    this.next[e] = this.free;
    this.prev[e] = -1;
    this.free = e;
    this.count--;
  }

  private place(e: number, h: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = e + 1;
  }

  private rehash(cap: number): void {
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let e = this.head; e >= 0; e = this.next[e]!) this.place(e, this.hashes[e]!);
  }

  private grow(): void {
    const n = this.hashes.length * 2;
    const keys = new Uint32Array(n * this.width);
    keys.set(this.keys);
    this.keys = keys;
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const prev = new Int32Array(n);
    prev.set(this.prev);
    this.prev = prev;
    const next = new Int32Array(n);
    next.set(this.next);
    this.next = next;
  }
}

/** FNV-1a over the words, then a finalizer that spreads the bits (murmur3 fmix32). */
function hashWords(k: Uint32Array, w: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w; i++) h = Math.imul(h ^ k[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // A signed 32-bit result: callers mask it, and it stays a small integer (no heap number).
  return h;
}
