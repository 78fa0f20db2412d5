/**
 * TCP sequence-number arithmetic modulo 2^32 (RFC 793 / RFC 1982 style), as Wireshark's
 * LT_SEQ/GT_SEQ/... macros: `a` is "before" `b` when the signed 32-bit difference a − b is
 * negative. Exactly as the macros are written: LT and LE take a − b, GT and GE take b − a, so
 * two numbers exactly 2^31 apart are both before and after each other (a bit flip of the top
 * bit of an ACK is "ahead" to Wireshark either way). Every value is an unsigned 32-bit number held in a JS number (0 … 2^32−1); every
 * result that is a sequence number is returned in that range again.
 */

/** Signed 32-bit distance a − b (−2^31 … 2^31−1). */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/** a − b as an unsigned 32-bit number (a distance forward from b, wrapping). */
export function seqSub(a: number, b: number): number {
  return (a - b) >>> 0;
}

/** a + n wrapped to 32 bits (n may be negative). */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

export function seqLT(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLE(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

export function seqGT(a: number, b: number): boolean {
  return ((b - a) | 0) < 0;
}

export function seqGE(a: number, b: number): boolean {
  return ((b - a) | 0) <= 0;
}
