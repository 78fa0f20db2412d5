/**
 * User-chosen framing of a byte stream into application messages, for the "sticky packet" view:
 * TCP delivers a byte stream, so where one message ends and the next begins is the
 * application's business. Two common conventions:
 *
 *   length-prefixed   [len][payload][len][payload] …  (1, 2 or 4 byte length, big or little
 *                     endian, counting the payload only: DNS over TCP is 2 bytes big endian)
 *   delimited         line\nline\n …                  (the delimiter ends, and belongs to, its message)
 *
 * Pure: one direction's reassembled bytes in, [start, end) message ranges out. A message cut short
 * by the end of the captured bytes is returned too, marked incomplete.
 *
 * (The "auto" framing — HTTP and DNS-over-TCP messages as the dissectors found them — comes from
 * desegmentation, see tcp.pdu.ranges in desegment.ts.)
 */

export type UserFraming =
  | { kind: 'length'; bytes: 1 | 2 | 4; endian: 'big' | 'little' }
  | { kind: 'delimiter'; delimiter: string };

export interface FramedMessage {
  /** [start, end) in the direction's stream. */
  start: number;
  end: number;
  /** The payload length a length prefix announced (null for delimited messages). */
  announced: number | null;
  /** False when the stream ended before the message did. */
  complete: boolean;
  /** "#3 len=12" (numbers only: the UI adds the words). */
  label: string;
}

/** Most messages returned (a pathological stream of 1-byte messages stops here). */
export const MAX_MESSAGES = 100_000;

/**
 * The delimiter text as bytes, with the escapes a user types: \n \r \t \0 \\ and \xNN. Other
 * characters are taken as UTF-8. Empty when the text is empty.
 */
export function delimiterBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      const n = text[i + 1]!;
      const simple: Record<string, number> = { n: 10, r: 13, t: 9, '0': 0, '\\': 92 };
      if (n in simple) {
        out.push(simple[n]!);
        i++;
        continue;
      }
      if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
        out.push(parseInt(text.slice(i + 2, i + 4), 16));
        i += 3;
        continue;
      }
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    for (const b of new TextEncoder().encode(String.fromCodePoint(cp))) out.push(b);
  }
  return Uint8Array.from(out);
}

function readLength(data: Uint8Array, at: number, bytes: 1 | 2 | 4, endian: 'big' | 'little'): number {
  let v = 0;
  for (let k = 0; k < bytes; k++) {
    const b = data[at + (endian === 'big' ? k : bytes - 1 - k)]!;
    v = v * 256 + b;
  }
  return v;
}

function indexOf(data: Uint8Array, needle: Uint8Array, from: number): number {
  const last = data.length - needle.length;
  outer: for (let i = from; i <= last; i++) {
    for (let k = 0; k < needle.length; k++) if (data[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Cuts one direction's bytes into messages with a user-chosen framing. */
export function frameMessages(data: Uint8Array, framing: UserFraming): FramedMessage[] {
  const out: FramedMessage[] = [];
  const add = (start: number, end: number, announced: number | null, complete: boolean) => {
    out.push({ start, end, announced, complete, label: `#${out.length + 1} len=${announced ?? end - start}` });
  };
  if (framing.kind === 'length') {
    const h = framing.bytes;
    let at = 0;
    while (at < data.length && out.length < MAX_MESSAGES) {
      if (at + h > data.length) {
        add(at, data.length, null, false);
        break;
      }
      const len = readLength(data, at, h, framing.endian);
      const end = at + h + len;
      if (end > data.length) {
        add(at, data.length, len, false);
        break;
      }
      add(at, end, len, true);
      at = end;
    }
    return out;
  }
  const delim = delimiterBytes(framing.delimiter);
  if (delim.length === 0) return data.length ? [{ start: 0, end: data.length, announced: null, complete: false, label: `#1 len=${data.length}` }] : [];
  let at = 0;
  while (at < data.length && out.length < MAX_MESSAGES) {
    const i = indexOf(data, delim, at);
    if (i < 0) {
      add(at, data.length, null, false);
      break;
    }
    add(at, i + delim.length, null, true);
    at = i + delim.length;
  }
  return out;
}
