/**
 * pcapng timestamps: a 64-bit count of units (if_tsresol: 10^-n or 2^-n s) split into seconds
 * and nanoseconds exactly (floor, like Wireshark's `ts / units` and `(ts % units) * 1e9 / units`),
 * plus if_tsoffset. The common resolutions (µs, ns, and any units <= 2^37 with a small enough
 * quotient) use integer math on doubles in 16-bit limbs with no allocation; the rest use BigInt.
 */

export interface TsResolution {
  /** if_tsresol byte as given. */
  raw: number;
  /** Units per second (exact when <= 2^53; see `unitsBig`). */
  units: number;
  unitsBig: bigint;
  /** 10^(9-n) when units = 10^n with n <= 9 (nsec = remainder * mulToNs), else 0. */
  mulToNs: number;
  /** if_tsoffset in seconds. */
  offset: number;
}

const TWO32 = 4294967296;
const LIMB_MAX_UNITS = 2 ** 37; // r * 65536 + 65535 stays below 2^53
const SAFE = Number.MAX_SAFE_INTEGER;

export function tsResolution(raw = 6, offset = 0): TsResolution {
  const base = raw & 0x80 ? 2n : 10n;
  const exp = BigInt(raw & 0x7f);
  const unitsBig = base ** exp;
  const units = Number(unitsBig);
  let mulToNs = 0;
  if (!(raw & 0x80) && raw <= 9) mulToNs = 10 ** (9 - raw);
  return { raw, units, unitsBig, mulToNs, offset };
}

/** Result of `splitTs` (module scratch, so the hot path allocates nothing). */
export const tsOut = { sec: 0, nsec: 0 };

/** Splits the 64-bit timestamp (hi, lo: unsigned 32-bit halves) into `tsOut`. */
export function splitTs(hi: number, lo: number, r: TsResolution): void {
  const d = r.units;
  if (d <= LIMB_MAX_UNITS && d >= 1) {
    const rh = hi % d;
    const qh = (hi - rh) / d;
    if (qh < 2097152) {
      // qh * 2^32 < 2^53: the quotient below is exact
      const x1 = rh * 65536 + (lo >>> 16);
      const r1 = x1 % d;
      const x2 = r1 * 65536 + (lo & 0xffff);
      const rem = x2 % d;
      const sec = qh * TWO32 + ((x1 - r1) / d) * 65536 + (x2 - rem) / d;
      let nsec: number;
      if (r.mulToNs) nsec = rem * r.mulToNs;
      else {
        const t = rem * 1e9;
        if (t > SAFE) return splitBig(hi, lo, r);
        const m = t % d;
        nsec = (t - m) / d;
      }
      tsOut.sec = sec + r.offset;
      tsOut.nsec = nsec;
      return;
    }
  }
  splitBig(hi, lo, r);
}

function splitBig(hi: number, lo: number, r: TsResolution): void {
  const ts = (BigInt(hi) << 32n) | BigInt(lo);
  const u = r.unitsBig;
  tsOut.sec = Number(ts / u) + r.offset;
  tsOut.nsec = Number(((ts % u) * 1000000000n) / u);
}

/** Inverse of `splitTs` for writers: seconds + nanoseconds to a 64-bit count of units. */
export function joinTs(sec: number, nsec: number, r: TsResolution): { hi: number; lo: number } {
  const ts = (BigInt(Math.trunc(sec - r.offset)) * r.unitsBig) + (BigInt(Math.trunc(nsec)) * r.unitsBig) / 1000000000n;
  if (ts < 0n || ts >= 1n << 64n) throw new RangeError(`timestamp ${sec}.${nsec} does not fit 64 bits at if_tsresol ${r.raw}`);
  return { hi: Number(ts >> 32n), lo: Number(ts & 0xffffffffn) };
}
