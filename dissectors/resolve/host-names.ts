/**
 * Host names of IP addresses (`-N n`, Wireshark's network name resolution), as Wireshark 4.0's
 * addr_resolv.c keeps them: one name per address, from a hosts file, from the capture's pcapng
 * name resolution blocks, and (with `-N d`) from the A and AAAA records of the DNS packets
 * dissected so far. Another name for a named address replaces the name, unless it only differs in
 * ASCII case (g_ascii_strcasecmp); a name is kept to 63 bytes (MAXNAMELEN 64 with its NUL).
 * Nothing here ever asks a DNS server.
 */
import { formatIPv4, formatIPv6, readIPv4 } from '../core/addr.js';
import { parseIPv4, parseIPv6 } from '../filter/values.js';
import type { NameResolutionEntry } from '../capture/types.js';

/** Wireshark's MAXNAMELEN (64) less the NUL: the bytes of a name that are kept. */
export const MAX_HOST_NAME_BYTES = 63;

/**
 * Addresses named at most (Wireshark has no limit): a capture of DNS answers for millions of
 * random names cannot grow the table past some hundred MiB; past it, a new address gets no name
 * (those already named can still be renamed).
 */
export const MAX_NAMED_ADDRESSES = 1 << 20;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** `name` cut to 63 UTF-8 bytes, as g_strlcpy into a 64-byte buffer cuts it. */
export function keptName(name: string): string {
  if (name.length <= MAX_HOST_NAME_BYTES / 3) return name;
  // Its UTF-8 length first (no bytes made for a name that fits: the usual case, once per DNS answer).
  let bytes = 0;
  for (let i = 0; i < name.length && bytes <= MAX_HOST_NAME_BYTES; i++) {
    const c = name.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  if (bytes <= MAX_HOST_NAME_BYTES) return name;
  return fromUtf8.decode(utf8.encode(name).subarray(0, MAX_HOST_NAME_BYTES));
}

/** Whether two names are the same but for ASCII letters' case (g_ascii_strcasecmp(a, b) == 0). */
function sameName(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false;
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x >= 0x41 && x <= 0x5a) x += 0x20;
    if (y >= 0x41 && y <= 0x5a) y += 0x20;
    if (x !== y) return false;
  }
  return true;
}

/** A map key of the 16 bytes at `d[off]`: 8 UTF-16 units, one string per call. */
function v6Key(d: Uint8Array, off: number): string {
  const w = (i: number) => (d[off + i]! << 8) | d[off + i + 1]!;
  return String.fromCharCode(w(0), w(2), w(4), w(6), w(8), w(10), w(12), w(14));
}

/** One address and its name, in the order they were first named (for `-z hosts`). */
export interface HostEntry {
  kind: 'ipv4' | 'ipv6';
  /** The address as text (`192.0.2.1`, `2001:db8::1`). */
  address: string;
  name: string;
}

export class HostNames {
  private readonly v4 = new Map<number, string>();
  private readonly v6 = new Map<string, string>();
  private readonly v6Text = new Map<string, string>();
  /** Grows with every name added or changed: a cache of resolved texts checks it. */
  version = 0;

  get size(): number {
    return this.v4.size + this.v6.size;
  }

  /** Names the IPv4 address `addr` (a uint32); an empty name is ignored, as Wireshark ignores it. */
  addIpv4(addr: number, name: string): void {
    if (!name) return;
    const n = keptName(name);
    const had = this.v4.get(addr >>> 0);
    if (sameName(had, n)) return;
    if (had === undefined && this.size >= MAX_NAMED_ADDRESSES) return;
    this.v4.set(addr >>> 0, n);
    this.version++;
  }

  /** Names the IPv6 address of the 16 bytes at `d[off]`. */
  addIpv6(d: Uint8Array, off: number, name: string): void {
    if (!name) return;
    const n = keptName(name);
    const k = v6Key(d, off);
    const had = this.v6.get(k);
    if (sameName(had, n)) return;
    if (had === undefined) {
      if (this.size >= MAX_NAMED_ADDRESSES) return;
      this.v6Text.set(k, formatIPv6(d, off));
    }
    this.v6.set(k, n);
    this.version++;
  }

  ipv4(addr: number): string | undefined {
    return this.v4.size === 0 ? undefined : this.v4.get(addr >>> 0);
  }

  ipv6(d: Uint8Array, off = 0): string | undefined {
    return this.v6.size === 0 ? undefined : this.v6.get(v6Key(d, off));
  }

  /** The name of an address written as text (`192.0.2.1`, `2001:db8::1`), or undefined. */
  nameOfText(text: string): string | undefined {
    if (this.size === 0 || text.includes('/')) return undefined;
    const v4 = parseIPv4(text);
    if (typeof v4 === 'object') return this.ipv4(v4.addr);
    const v6 = parseIPv6(text);
    return typeof v6 === 'object' ? this.ipv6(v6.addr, 0) : undefined;
  }

  /** Every address named, IPv4 then IPv6, each in the order it was first named. */
  entries(): HostEntry[] {
    const out: HostEntry[] = [];
    for (const [a, name] of this.v4) out.push({ kind: 'ipv4', address: formatIPv4(a), name });
    for (const [k, name] of this.v6) out.push({ kind: 'ipv6', address: this.v6Text.get(k)!, name });
    return out;
  }
}

/**
 * Adds the entries of a hosts file (`/etc/hosts` format, as Wireshark's read_hosts_file reads its
 * `hosts` files): per line, an address, white space, and the name; `#` starts a comment; aliases
 * after the name are not used to name the address. A line whose address does not parse is skipped.
 * Returns the number of addresses named.
 */
export function addHostsFile(names: HostNames, text: string): number {
  let n = 0;
  for (const raw of text.split(/\r?\n/)) {
    const hash = raw.indexOf('#');
    const line = hash >= 0 ? raw.slice(0, hash) : raw;
    const words = line.split(/[ \t]+/).filter((w) => w.length > 0);
    if (words.length < 2) continue;
    const [addr, name] = words as [string, string];
    // An address without a /prefix (the display filter's parsers, which also read CIDR).
    if (addr.includes('/')) continue;
    const v4 = parseIPv4(addr);
    if (typeof v4 === 'object') {
      names.addIpv4(v4.addr, name);
      n++;
      continue;
    }
    const v6 = parseIPv6(addr);
    if (typeof v6 === 'object') {
      names.addIpv6(v6.addr, 0, name);
      n++;
    }
  }
  return n;
}

/** ip.src_host's text: the address's name, or the address (Wireshark's get_hostname). */
export function hostText4(names: HostNames | undefined, a: number): string {
  return names?.ipv4(a) ?? formatIPv4(a);
}

/** An address in a label: `name (192.0.2.1)` with network names on (the address twice when it has none), else the address. */
export function labelText4(names: HostNames | undefined, a: number): string {
  const s = formatIPv4(a);
  return names ? `${names.ipv4(a) ?? s} (${s})` : s;
}

/** hostText4 for the IPv6 address at `d[off]`. */
export function hostText6(names: HostNames | undefined, d: Uint8Array, off = 0): string {
  return names?.ipv6(d, off) ?? formatIPv6(d, off);
}

/** labelText4 for the IPv6 address at `d[off]`. */
export function labelText6(names: HostNames | undefined, d: Uint8Array, off = 0): string {
  const s = formatIPv6(d, off);
  return names ? `${names.ipv6(d, off) ?? s} (${s})` : s;
}

/**
 * Adds the IPv4 and IPv6 records of a capture's pcapng name resolution blocks, from entry `from`
 * on (the reader appends them as it meets the blocks); returns the number of entries now read.
 */
export function addCaptureNames(names: HostNames, entries: readonly NameResolutionEntry[], from: number): number {
  for (let i = from; i < entries.length; i++) {
    const e = entries[i]!;
    for (const n of e.names) {
      if (e.kind === 'ipv4' && e.address.length === 4) names.addIpv4(readIPv4(e.address, 0), n);
      else if (e.kind === 'ipv6' && e.address.length === 16) names.addIpv6(e.address, 0, n);
    }
  }
  return entries.length;
}

/** host4/host6 of a Resolver (dissectors/core/format.ts) over `names`. */
export function hostResolver(names: HostNames): { host4(a: number): string | undefined; host6(b: Uint8Array): string | undefined } {
  return { host4: (a) => names.ipv4(a), host6: (b) => names.ipv6(b, 0) };
}
