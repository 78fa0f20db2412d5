/** Binary searches over packet indexes kept in increasing order (a view's matches, a stream's packets). */

/** The first position in `a[0 .. n)` whose value is ≥ `x` (`n` when there is none). */
export function lowerBound(a: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of `x` in `a[0 .. n)`, or −1. */
export function indexOfSorted(a: ArrayLike<number>, n: number, x: number): number {
  const p = lowerBound(a, n, x);
  return p < n && a[p] === x ? p : -1;
}
