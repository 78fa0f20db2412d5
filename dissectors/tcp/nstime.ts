/**
 * Wireshark's nstime_delta(b − a) over (seconds, nanoseconds) pairs, shared by the analyzer (which
 * computes the times shown) and the per-segment table (which computes them again on revisits
 * instead of keeping them). The seconds are returned and the nanoseconds left in `ndelta.nsec`:
 * no object per call.
 */

const NS = 1_000_000_000;

/** The nanoseconds of the last nsDelta(). */
export const ndelta = { nsec: 0 };

export function nsDelta(bSec: number, bNsec: number, aSec: number, aNsec: number): number {
  if (bSec === aSec) {
    ndelta.nsec = (bNsec - aNsec) | 0;
    return 0;
  }
  // 32-bit nanosecond arithmetic, as Wireshark's (invalid nanosecond values wrap the same way).
  let s = bSec - aSec;
  let n = (bNsec - aNsec) | 0;
  if (bSec < aSec) {
    if (n > 0) {
      n = (n - NS) | 0;
      s++;
    }
  } else if (n < 0) {
    n = (n + NS) | 0;
    s--;
  }
  ndelta.nsec = n;
  return s;
}
