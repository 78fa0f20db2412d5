// Bytes written out in tests: hex dumps, plain hex, and byte arrays (and text) joined.

/** Bytes from a `tshark -x` / `tcpdump -X` style dump: offset, hex columns (the ASCII is ignored). */
export function hexDump(dump: string): Uint8Array {
  const out: number[] = [];
  for (const line of dump.split('\n')) {
    const m = /^\s*(?:0x)?[0-9a-f]{4,}:?\s+(.*)$/i.exec(line);
    if (!m) continue;
    // Hex groups end at the first double space (before the ASCII column) or after 16 bytes.
    const hexPart = m[1]!.split(/\s{2,}/)[0]!;
    for (const tok of hexPart.trim().split(/\s+/)) {
      if (!/^([0-9a-f]{2})+$/i.test(tok)) break;
      for (let i = 0; i < tok.length; i += 2) out.push(parseInt(tok.slice(i, i + 2), 16));
    }
  }
  return Uint8Array.from(out);
}

/** Bytes from plain hex with any whitespace. */
export function hex(s: string): Uint8Array {
  const t = s.replace(/\s+/g, '');
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const utf8 = new TextEncoder();

/** The parts one after the other (strings as UTF-8), in a new array. */
export function concat(...parts: (Uint8Array | string)[]): Uint8Array<ArrayBuffer> {
  const bs = parts.map((p) => (typeof p === 'string' ? utf8.encode(p) : p));
  const out = new Uint8Array(bs.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of bs) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
