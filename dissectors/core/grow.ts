/**
 * Growing a typed-array column of a table kept by a dissector (per stream, per segment, per
 * conversation): a copy at least `need` long, by half again plus `step` each time, so appends stay
 * amortized O(1) with at most ~50% slack (the end-of-pass trims give it back).
 */
export type GrowableArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

export function grown<T extends GrowableArray>(a: T, need: number, step = 8): T {
  let n = a.length;
  while (n < need) n = Math.ceil(n * 1.5) + step;
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a as never);
  return b;
}
