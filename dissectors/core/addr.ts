/** Text forms of addresses, as Wireshark prints them. */

const HEX2: string[] = [];
for (let i = 0; i < 256; i++) HEX2.push(i.toString(16).padStart(2, '0'));

/** Two lowercase hex digits for a byte. */
export function hex2(b: number): string {
  return HEX2[b & 255]!;
}

/** At least four lowercase hex digits (Wireshark's `%04x`): checksums, identifiers, types. */
export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/** `00:1b:21:aa:bb:cc` from 6 bytes at `off`. */
export function formatEther(d: Uint8Array, off = 0): string {
  return `${HEX2[d[off]!]}:${HEX2[d[off + 1]!]}:${HEX2[d[off + 2]!]}:${HEX2[d[off + 3]!]}:${HEX2[d[off + 4]!]}:${HEX2[d[off + 5]!]}`;
}

/** Dotted quad from an unsigned 32-bit number. */
export function formatIPv4(a: number): string {
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

/** Dotted quad from 4 bytes at `off`. */
export function formatIPv4Bytes(d: Uint8Array, off = 0): string {
  return `${d[off]}.${d[off + 1]}.${d[off + 2]}.${d[off + 3]}`;
}

export function readIPv4(d: Uint8Array, off: number): number {
  return ((d[off]! << 24) >>> 0) + ((d[off + 1]! << 16) | (d[off + 2]! << 8) | d[off + 3]!);
}

/** The eight 16-bit words of the address formatIPv6 is formatting (reused: no array per call). */
const words6 = new Int32Array(8);

/** Lowercase hex of 16-bit words without leading zeros, made once per word value seen. */
const HEX_WORD: (string | undefined)[] = new Array<string | undefined>(65536).fill(undefined);
function hexWord(w: number): string {
  return HEX_WORD[w] ??= w.toString(16);
}

/**
 * RFC 5952 text of an IPv6 address (16 bytes at `off`), with the embedded-IPv4 forms that
 * Wireshark's inet_ntop prints for `::a.b.c.d` and `::ffff:a.b.c.d`.
 */
export function formatIPv6(d: Uint8Array, off = 0): string {
  const w = words6;
  for (let i = 0; i < 8; i++) w[i] = (d[off + 2 * i]! << 8) | d[off + 2 * i + 1]!;
  // Longest run of zero words (first one on a tie), at least two long.
  let bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (w[i] === 0) {
      if (curBase === -1) { curBase = i; curLen = 1; } else curLen++;
    } else if (curBase !== -1) {
      if (curLen > bestLen) { bestBase = curBase; bestLen = curLen; }
      curBase = -1;
    }
  }
  if (curBase !== -1 && curLen > bestLen) { bestBase = curBase; bestLen = curLen; }
  if (bestLen < 2) bestBase = -1;
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) s += ':';
      continue;
    }
    if (i !== 0) s += ':';
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && w[5] === 0xffff))) {
      s += formatIPv4Bytes(d, off + 12);
      break;
    }
    s += hexWord(w[i]!);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) s += ':';
  return s;
}

/** Lowercase hex of bytes with an optional separator. */
export function formatHex(d: Uint8Array, sep = ''): string {
  let s = '';
  for (let i = 0; i < d.length; i++) {
    if (i && sep) s += sep;
    s += HEX2[d[i]!];
  }
  return s;
}
