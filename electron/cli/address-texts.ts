/**
 * Address column texts for the CLI's summary lines, remembered per address: a capture has few
 * distinct addresses and many packets, so each text is formatted (core/addr.ts, via addrText)
 * once instead of once per line. Keys are numbers (IPv4: the 32-bit value; Ethernet: the 48-bit
 * value) or, for IPv6, a hash of the 16 bytes with the bytes kept to compare. Bounded: a table
 * that reaches its limit is emptied and fills again.
 */
import { addrText, AddrKind } from '../../dissectors/core/pinfo.js';
import type { Resolver } from '../../dissectors/core/format.js';

const MAX_ENTRIES = 1 << 16;
const V6_SLOTS = 4096;

export class AddressTexts {
  private v4 = new Map<number, string>();
  private ether = new Map<number, string>();
  /** IPv6: direct-mapped slots (hash of the bytes), each with its 16 bytes and its text. */
  private v6Keys = new Uint8Array(V6_SLOTS * 16);
  private v6Texts: (string | null)[] = new Array<string | null>(V6_SLOTS).fill(null);

  constructor(private readonly res?: Resolver) {}

  /** The column text of the address `kind` at `d[off…]`, as summaryColumns shows it. */
  text(kind: AddrKind, d: Uint8Array, off: number): string {
    switch (kind) {
      case AddrKind.IPv4: {
        // A signed 32-bit key stays a small integer (no heap number per lookup).
        const key = (d[off]! << 24) | (d[off + 1]! << 16) | (d[off + 2]! << 8) | d[off + 3]!;
        return this.lookup(this.v4, key, kind, d, off);
      }
      case AddrKind.Ether: {
        if (this.res?.ether) {
          const name = this.res.ether(d.subarray(off, off + 6));
          if (name) return name;
        }
        const key = (d[off]! * 2 ** 40) + (d[off + 1]! * 2 ** 32) + (((d[off + 2]! << 24) >>> 0) + ((d[off + 3]! << 16) | (d[off + 4]! << 8) | d[off + 5]!));
        return this.lookup(this.ether, key, kind, d, off);
      }
      case AddrKind.IPv6:
        return this.v6(d, off);
      default:
        return addrText(kind, d, off);
    }
  }

  private lookup(m: Map<number, string>, key: number, kind: AddrKind, d: Uint8Array, off: number): string {
    let s = m.get(key);
    if (s === undefined) {
      if (m.size >= MAX_ENTRIES) m.clear();
      s = addrText(kind, d, off);
      m.set(key, s);
    }
    return s;
  }

  private v6(d: Uint8Array, off: number): string {
    let h = 0x811c9dc5;
    for (let i = 0; i < 16; i++) h = Math.imul(h ^ d[off + i]!, 0x01000193);
    const slot = (h >>> 0) & (V6_SLOTS - 1);
    const keys = this.v6Keys;
    const base = slot * 16;
    const cached = this.v6Texts[slot];
    if (cached !== null && cached !== undefined) {
      let i = 0;
      while (i < 16 && keys[base + i] === d[off + i]) i++;
      if (i === 16) return cached;
    }
    const s = addrText(AddrKind.IPv6, d, off);
    for (let i = 0; i < 16; i++) keys[base + i] = d[off + i]!;
    this.v6Texts[slot] = s;
    return s;
  }
}
