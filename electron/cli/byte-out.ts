/**
 * The CLI's output buffer: text is written as UTF-8 bytes straight into one 64 KiB buffer, which
 * goes to the sink whole when it fills (one write per ~700 summary lines, no string per line and
 * no concatenation chain). Numbers and ASCII strings are copied byte by byte (no intermediate
 * string); anything else goes through TextEncoder.encodeInto.
 *
 * The sink owns each buffer it gets (a pipe may still hold it after `write` returns): a new one is
 * taken after every flush.
 */

const CHUNK = 1 << 16;
const encoder = new TextEncoder();
const SPACE = 0x20;
/** Strings up to this length are copied by a loop, longer ones by TextEncoder.encodeInto. */
const SHORT = 16;

/** 10^1 … 10^15. */
const POW10 = Array.from({ length: 15 }, (_, i) => 10 ** (i + 1));

/** Decimal digits of a non-negative integer below 2^53. */
export function decimalDigits(n: number): number {
  let d = 1;
  while (d < 16 && n >= POW10[d - 1]!) d++;
  return d;
}

/** UTF-8 byte length of `s` (tshark's column widths count bytes). */
export function utf8Length(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return encoder.encode(s).length;
  return s.length;
}

export class ByteOut {
  private buf: Uint8Array;
  private pos = 0;
  private flushed = 0;

  constructor(private readonly sink: (bytes: Uint8Array) => void, private readonly size = CHUNK) {
    this.buf = new Uint8Array(size);
  }

  /** Room for `n` more bytes (flushing first when they do not fit). */
  private room(n: number): void {
    // Kept tiny so that it inlines into every writer; the rare case is a call.
    if (this.pos + n > this.buf.length) this.makeRoom(n);
  }

  private makeRoom(n: number): void {
    this.flush();
    if (n > this.buf.length) this.buf = new Uint8Array(n);
  }

  /** Bytes written so far (flushed or not). */
  get total(): number {
    return this.flushed + this.pos;
  }

  /** Hands what is buffered to the sink. */
  flush(): void {
    if (this.pos === 0) return;
    const full = this.buf;
    const n = this.pos;
    this.flushed += n;
    this.buf = new Uint8Array(this.size);
    this.pos = 0;
    this.sink(n === full.length ? full : full.subarray(0, n));
  }

  /** `s` as UTF-8; returns the bytes written. */
  text(s: string): number {
    const len = s.length;
    // Short strings (addresses, protocol names) byte by byte; longer ones, often concatenations
    // that a character loop would walk piece by piece, through the native encoder.
    if (len > SHORT) return this.encode(s);
    this.room(len);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) return this.encode(s);
      b[p++] = c;
    }
    this.pos = p;
    return len;
  }

  private encode(s: string): number {
    // At most three bytes per UTF-16 unit.
    this.room(s.length * 3);
    const r = encoder.encodeInto(s, this.buf.subarray(this.pos));
    this.pos += r.written;
    return r.written;
  }

  /** A finished piece of output, handed to the sink as it is (after what is buffered). */
  chunk(b: Uint8Array): void {
    this.flush();
    this.flushed += b.length;
    this.sink(b);
  }

  /** One byte (ASCII). */
  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  /** Bytes as they are. */
  bytes(src: Uint8Array): void {
    this.room(src.length);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < src.length; i++) b[p++] = src[i]!;
    this.pos = p;
  }

  /** `n` spaces (n ≤ 0: none). */
  spaces(n: number): void {
    if (n <= 0) return;
    this.room(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = SPACE;
    this.pos = p;
  }

  /** A non-negative integer below 2^53 in decimal, at least `width` wide with leading `pad` (space or '0'). */
  uint(n: number, width = 0, pad = SPACE): void {
    const digits = decimalDigits(n);
    const w = digits > width ? digits : width;
    this.room(w);
    const b = this.buf;
    const start = this.pos;
    let p = start + w;
    this.pos = p;
    if (n < 0x80000000) {
      // Small integers (frame numbers, lengths, fractions): int32 division.
      let v = n | 0;
      for (let i = 0; i < digits; i++) {
        const q = (v / 10) | 0;
        b[--p] = 0x30 + v - q * 10;
        v = q;
      }
    } else {
      for (let i = 0; i < digits; i++) {
        const q = Math.floor(n / 10);
        b[--p] = 0x30 + (n - q * 10);
        n = q;
      }
    }
    while (p > start) b[--p] = pad;
  }

  /** `s` right-aligned in `width` bytes. */
  padLeft(s: string, width: number): void {
    if (s.length < width) this.spaces(width - utf8Length(s));
    this.text(s);
  }

  /** `s` left-aligned in `width` bytes. */
  padRight(s: string, width: number): void {
    const n = this.text(s);
    if (n < width) this.spaces(width - n);
  }
}

/**
 * A sink for code that takes text: the bytes decoded as a stream (a character split between two
 * chunks comes out whole), for the in-process tests and any string consumer.
 */
export function textSink(out: (s: string) => void): { sink: (bytes: Uint8Array) => void; end: () => void } {
  // ignoreBOM: a BOM the CLI writes (-E bom=y) is text, not a marker to drop.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return {
    sink: (bytes) => {
      const s = decoder.decode(bytes, { stream: true });
      if (s) out(s);
    },
    end: () => {
      const s = decoder.decode();
      if (s) out(s);
    },
  };
}
