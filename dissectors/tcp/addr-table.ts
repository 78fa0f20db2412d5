/**
 * Network addresses of many streams in one growable byte array: `stride` bytes per stream (IPv4
 * addresses take the first 4 bytes of their slot, IPv6 all 16). One array for a whole capture
 * instead of a small typed array per stream, which costs an object, an ArrayBuffer and a backing
 * store each (about 250 bytes kept per stream for 32 bytes of addresses).
 */
export class AddrTable {
  bytes: Uint8Array;

  constructor(readonly stride: number, initialStreams = 256) {
    this.bytes = new Uint8Array(stride * initialStreams);
  }

  /** Makes room for stream `i` (doubling the array). */
  ensure(i: number): void {
    const need = (i + 1) * this.stride;
    if (need <= this.bytes.length) return;
    let n = this.bytes.length || this.stride;
    while (n < need) n *= 2;
    const b = new Uint8Array(n);
    b.set(this.bytes);
    this.bytes = b;
  }

  /** The array cut to `streams` slots (ensure() grows it again). */
  trim(streams: number): void {
    const n = streams * this.stride;
    if (this.bytes.length > n) this.bytes = this.bytes.slice(0, n);
  }

  /** Copies `n` bytes of `src` from `off` to byte `at` of stream `i`'s slot (call ensure(i) first). */
  set(i: number, at: number, src: Uint8Array, off: number, n: number): void {
    const b = this.bytes;
    const base = i * this.stride + at;
    for (let k = 0; k < n; k++) b[base + k] = src[off + k]!;
  }

  /** `n` bytes at byte `at` of stream `i`'s slot equal `a` from `off`. */
  equals(i: number, at: number, a: Uint8Array, off: number, n: number): boolean {
    const b = this.bytes;
    const base = i * this.stride + at;
    for (let k = 0; k < n; k++) if (b[base + k] !== a[off + k]) return false;
    return true;
  }
}
