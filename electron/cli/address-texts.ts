/**
 * Address column texts for the CLI's summary lines, remembered per address: a capture has few
 * distinct addresses and many packets, so each text is formatted (core/addr.ts, via addrText)
 * once instead of once per line. Addresses are found by their bytes in the shared AddressTable
 * (no allocation per lookup). Bounded: a table that reaches its limit is emptied and fills again.
 */
import { AddressTable } from '../../dissectors/core/address-table.js';
import { addrText, AddrKind } from '../../dissectors/core/pinfo.js';
import type { Resolver } from '../../dissectors/core/format.js';
import { readIPv4 } from '../../dissectors/core/addr.js';

const MAX_ENTRIES = 1 << 16;

export class AddressTexts {
  private table = new AddressTable();
  private texts: (string | null)[] = [];

  constructor(private readonly res?: Resolver) {}

  /** The column text of the address `kind` at `d[off…]`, as summaryColumns shows it. */
  text(kind: AddrKind, d: Uint8Array, off: number): string {
    if (kind === AddrKind.Ether && this.res?.ether) {
      const name = this.res.ether(d.subarray(off, off + 6));
      if (name) return name;
    } else if (kind === AddrKind.IPv4 && this.res?.host4) {
      // Host names (`-N n`) as known after this packet: one learned later changes later lines.
      const name = this.res.host4(readIPv4(d, off));
      if (name) return name;
    } else if (kind === AddrKind.IPv6 && this.res?.host6) {
      const name = this.res.host6(d.subarray(off, off + 16));
      if (name) return name;
    }
    if (this.texts.length >= MAX_ENTRIES) {
      this.table = new AddressTable();
      this.texts = [];
    }
    const e = this.table.entry(kind, d, off, true);
    if (e < 0) return addrText(kind, d, off);
    const texts = this.texts;
    const have = e < texts.length ? texts[e] : null;
    if (have !== null && have !== undefined) return have;
    const s = addrText(kind, d, off);
    // Grown with null (not yet formatted) so the array stays packed.
    while (texts.length <= e) texts.push(null);
    texts[e] = s;
    return s;
  }
}
