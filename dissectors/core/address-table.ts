/**
 * Addresses as they sit in a packet (IPv4, Ethernet, IPv6 bytes) → a small number per distinct
 * address, looked up without allocating: the bytes packed into 32-bit words are the key of a
 * typed-array table (ordered-key-table.ts). A caller keeps what it wants per address (a column id,
 * a formatted text) in an array indexed by that number: the engine's address columns and the
 * CLI's address texts both do.
 */
import { AddrKind } from './pinfo.js';
import { OrderedKeyTable } from './ordered-key-table.js';

/** Bytes of each kind (index: 0 IPv4, 1 Ethernet, 2 IPv6). */
const BYTES = [4, 6, 16];

export class AddressTable {
  private readonly tables = [new OrderedKeyTable(1), new OrderedKeyTable(2), new OrderedKeyTable(4)];
  private readonly key = new Uint32Array(4);

  /** Addresses in the table. */
  get size(): number {
    return this.tables[0]!.size + this.tables[1]!.size + this.tables[2]!.size;
  }

  /**
   * The number of the address of `kind` at `d[off…]` (adding it when `add`), or −1: absent, or
   * `kind` is not one of the three. Numbers are dense per kind, as `kind index + 3 × entry`.
   */
  entry(kind: AddrKind, d: Uint8Array, off: number, add: boolean): number {
    const t = kind === AddrKind.IPv4 ? 0 : kind === AddrKind.Ether ? 1 : kind === AddrKind.IPv6 ? 2 : -1;
    if (t < 0) return -1;
    const n = BYTES[t]!;
    const k = this.key;
    for (let w = 0; w < n; w += 4) {
      k[w >> 2] = ((d[off + w]! << 24) | (d[off + w + 1]! << 16) | ((w + 2 < n ? d[off + w + 2]! : 0) << 8) | (w + 3 < n ? d[off + w + 3]! : 0)) >>> 0;
    }
    const table = this.tables[t]!;
    let e = table.find(k);
    if (e < 0) {
      if (!add) return -1;
      e = table.insert(k);
    }
    return t + 3 * e;
  }
}
