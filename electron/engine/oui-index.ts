/**
 * The IEEE registry of `oui-data` (a 5.6 MB JSON object: 6, 7 or 9 hex digits → the
 * organisation's name and address) looked up without parsing it: JSON.parse makes 53,730 strings
 * and 21 MB of heap, in every thread that names a MAC address (each session's worker, the CLI's
 * shards). One pass over the bytes notes where each entry's value starts (0.6 MB of typed arrays);
 * a look-up is a binary search and the parse of that one value.
 *
 * The scanner reads exactly the shape `{"KEY": "VALUE", …}` (JSON whitespace anywhere, escapes in
 * strings); anything else makes `fromJson` return null, and the caller parses the whole text.
 */

const QUOTE = 0x22;
const utf8 = new TextDecoder();
const BACKSLASH = 0x5c;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/** A key's number: its digits' value and their count, so `0012AB` and `0012AB0` differ. */
function keyNumber(digits: number, value: number): number {
  return digits * 2 ** 36 + value;
}

export class OuiIndex {
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly keys: Float64Array,
    private readonly starts: Uint32Array,
  ) {}

  /** Indexes a JSON object of hex-digit keys and string values, or null when it is not one. */
  static fromJson(bytes: Uint8Array): OuiIndex | null {
    const n = bytes.length;
    let i = 0;
    const skipSpace = (): void => {
      while (i < n && isSpace(bytes[i]!)) i++;
    };
    /** From an opening quote to just past the closing one, or -1. */
    const skipString = (at: number): number => {
      for (let j = at + 1; j < n; j++) {
        const b = bytes[j]!;
        if (b === BACKSLASH) j++;
        else if (b === QUOTE) return j + 1;
      }
      return -1;
    };
    let keys = new Float64Array(1 << 16);
    let starts = new Uint32Array(1 << 16);
    let count = 0;
    skipSpace();
    if (bytes[i] !== 0x7b) return null;
    i++;
    skipSpace();
    if (bytes[i] === 0x7d) return new OuiIndex(bytes, keys.subarray(0, 0), starts.subarray(0, 0));
    for (;;) {
      if (bytes[i] !== QUOTE) return null;
      let value = 0;
      let j = i + 1;
      for (; j < n && bytes[j] !== QUOTE; j++) {
        const h = hexValue(bytes[j]!);
        if (h < 0) return null;
        value = value * 16 + h;
      }
      const digits = j - i - 1;
      if (j >= n || digits < 1 || digits > 9) return null;
      i = j + 1;
      skipSpace();
      if (bytes[i] !== 0x3a) return null;
      i++;
      skipSpace();
      if (bytes[i] !== QUOTE) return null;
      if (count === keys.length) {
        const k = new Float64Array(count * 2);
        k.set(keys);
        keys = k;
        const s = new Uint32Array(count * 2);
        s.set(starts);
        starts = s;
      }
      keys[count] = keyNumber(digits, value);
      starts[count] = i;
      count++;
      i = skipString(i);
      if (i < 0) return null;
      skipSpace();
      if (bytes[i] === 0x2c) {
        i++;
        skipSpace();
        continue;
      }
      if (bytes[i] === 0x7d) break;
      return null;
    }
    // Sorted by key (the file's order is not promised), entries moved together.
    const order = Array.from({ length: count }, (_, k) => k).sort((a, b) => keys[a]! - keys[b]!);
    const sortedKeys = new Float64Array(count);
    const sortedStarts = new Uint32Array(count);
    order.forEach((from, to) => {
      sortedKeys[to] = keys[from]!;
      sortedStarts[to] = starts[from]!;
    });
    return new OuiIndex(bytes, sortedKeys, sortedStarts);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The value of key `hex` (hex digits, either case), or undefined. */
  get(hex: string): string | undefined {
    let value = 0;
    for (let k = 0; k < hex.length; k++) {
      const h = hexValue(hex.charCodeAt(k));
      if (h < 0) return undefined;
      value = value * 16 + h;
    }
    const want = keyNumber(hex.length, value);
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid]!;
      if (k < want) lo = mid + 1;
      else if (k > want) hi = mid - 1;
      else return this.value(this.starts[mid]!);
    }
    return undefined;
  }

  private value(at: number): string {
    let end = at + 1;
    while (this.bytes[end] !== QUOTE) end += this.bytes[end] === BACKSLASH ? 2 : 1;
    return JSON.parse(utf8.decode(this.bytes.subarray(at, end + 1))) as string;
  }
}
