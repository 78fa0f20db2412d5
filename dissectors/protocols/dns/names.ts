/*
 * DNS names as Wireshark 4.0's packet-dns.c reads them (expand_dns_name, get_dns_name): labels,
 * compression pointers with their loop and length guards, the placeholders it shows (`<Root>`,
 * `<Name too long>` …), and format_text's escaping. Shared by DNS, mDNS, LLMNR, NBNS and DHCP's
 * domain-search option.
 */
import { MalformedError } from '../../core/errors.js';
import { formatText as formatBytes } from '../../core/format-text.js';
import { ESCAPES } from '../../core/printable-text.js';
import { asciiString } from '../../core/string-item.js';
import type { Tvb } from '../../core/tvb.js';

/** Longest expanded name, in characters, before it is shown as `<Name too long>` (MAX_DNAME_LEN). */
const MAX_DNAME_LEN = 255;
const NAME_BUF = new Uint8Array(MAX_DNAME_LEN + 16);
const LOOP_NAME = '<Name contains a pointer that loops>';
const TOO_LONG_NAME = '<Name too long>';
const UNKNOWN_EXT_NAME = '<Unknown extended label>';
const ROOT_NAME = '<Root>';

/** A name read from a message. */
export interface DnsName {
  /** The name as shown (escaped as Wireshark's format_text does). */
  text: string;
  /** Its length in characters before escaping (Wireshark's name_len). */
  len: number;
  /** Bytes the name takes where it was read (up to and including the first pointer). */
  used: number;
}

/** Reused result object: the summary pass allocates no per-name objects beyond the strings. */
const nameOut: DnsName = { text: '', len: 0, used: 0 };

/**
 * Wireshark's expand_dns_name + get_dns_name: the name at `off` of the message `msg` (offsets of
 * compression pointers are relative to the message start). Loops and overlong names give the
 * placeholder strings Wireshark shows; what Wireshark raises an exception for raises a
 * MalformedError or BoundsError. The result object is reused by the next call.
 */
/** The last name read as its C string (raw characters, up to a NUL): lastNameRaw's source. */
let lastSpecial: string | null = null;
let lastRawLen = 0;

/**
 * The name the last readDnsName call read, as the C string Wireshark prints unformatted in some
 * messages (TSIG's "No dissector for algorithm:…"): its characters up to the first NUL, control
 * characters as they are.
 */
export function lastNameRaw(): string {
  if (lastSpecial !== null) return lastSpecial;
  let s = '';
  for (let i = 0; i < lastRawLen; i++) {
    const c = NAME_BUF[i]!;
    if (c === 0) break;
    s += c < 0x80 ? String.fromCharCode(c) : '\ufffd';
  }
  return s;
}

/** The last name lastNameHost decoded, its bytes and length (the same owner name comes again and again). */
const hostBytes = new Uint8Array(MAX_DNAME_LEN + 8);
let hostLen = -1;
let hostText = '';
const utf8 = new TextDecoder();

/**
 * The name the last readDnsName call read, as the C string Wireshark names an address by (`-N d`:
 * add_ipv4_name with get_dns_name's name, up to a NUL, not escaped), its bytes read as UTF-8. For
 * a caller that read the name without its text: only address records need it.
 */
export function lastNameHost(): string {
  if (lastSpecial !== null) return lastSpecial;
  let len = 0;
  while (len < lastRawLen && NAME_BUF[len] !== 0) len++;
  if (len === hostLen) {
    let i = 0;
    while (i < len && hostBytes[i] === NAME_BUF[i]) i++;
    if (i === len) return hostText;
  }
  hostBytes.set(NAME_BUF.subarray(0, len));
  hostLen = len;
  hostText = utf8.decode(NAME_BUF.subarray(0, len));
  return hostText;
}

/** Label starts visited by the current readDnsName call (stamped, so it is never cleared). */
const SEEN = new Uint32Array(0x10000 + 64);
let seenStamp = 0;

/**
 * Where a run of plain labels starting at an offset ends, per message (stamped like SEEN): once a
 * name is full its labels are only skipped, and a crafted message of ~10,000 names pointing into
 * the same 60 KB of labels would otherwise walk them once per name (a quarter of a second).
 * dissectDnsMessage starts a new message; a readDnsName call on another Tvb does too.
 */
const RUN_STAMP = new Uint32Array(0x10000 + 64);
const RUN_END = new Int32Array(0x10000 + 64);
let runStamp = 0;
let runMsg: Tvb | null = null;

/** Forgets the label runs of the previous message (its Tvb object may be reused for the next). */
export function newDnsMessage(msg: Tvb | null): void {
  runMsg = msg;
  runStamp = (runStamp + 1) >>> 0 || 1;
}

/**
 * The offset of the first byte at or after `off` that does not start a plain label (1..63 bytes),
 * skipping labels; it may be past the captured bytes (the caller's read then fails there, as the
 * label-by-label walk would).
 */
function skipLabelRun(msg: Tvb, off: number): number {
  if (msg !== runMsg) newDnsMessage(msg);
  const cached = off < RUN_STAMP.length && RUN_STAMP[off] === runStamp;
  if (cached) return RUN_END[off]!;
  let at = off;
  while (msg.has(at, 1)) {
    const c = msg.u8(at);
    if (c === 0 || c > 0x3f) break;
    at += c + 1;
  }
  if (off < RUN_STAMP.length) {
    RUN_STAMP[off] = runStamp;
    RUN_END[off] = at;
  }
  return at;
}

export function readDnsName(msg: Tvb, off: number, wantText = true): DnsName {
  const start = off;
  let maxname = MAX_DNAME_LEN;
  let n = 0; // bytes written to NAME_BUF
  let nameLen = 0;
  let len = -1;
  let pointers = 0;
  let special: string | null = null;
  const stamp = (seenStamp = (seenStamp + 1) >>> 0) || (seenStamp = 1);
  for (;;) {
    // Once the name is full, what follows can only end it, loop, or fail, and a label start seen
    // twice means a pointer cycle that would run until the pointer limit: say "loop" at once.
    // (Without this a crafted message makes every name walk the whole message 255 times.)
    if (maxname <= 0 && off >= 0 && off < SEEN.length) {
      if (SEEN[off] === stamp) {
        special = LOOP_NAME;
        break;
      }
      SEEN[off] = stamp;
      // The labels up to the next pointer, end or bad byte add nothing to a full name: skip them
      // and look at that byte as a label start. (A later pointer into the middle of the run is
      // not caught at once, but it walks to the same byte as this run did, which is then caught
      // as a loop: the same outcome.)
      const to = skipLabelRun(msg, off);
      if (to !== off) {
        off = to;
        continue;
      }
    }
    let c = msg.u8(off++);
    if (c === 0) break;
    switch (c & 0xc0) {
      case 0x00:
        if (n > 0) {
          if (maxname > 0) {
            NAME_BUF[n++] = 0x2e;
            nameLen++;
            maxname--;
          }
        } else {
          maxname--;
        }
        while (c > 0) {
          if (maxname > 0) {
            NAME_BUF[n++] = msg.u8(off);
            nameLen++;
            maxname--;
          }
          c--;
          off++;
        }
        break;
      case 0x40:
        if ((c & 0x3f) === 0x01) {
          // Bitstring label (RFC 2673), printed as \[x<hex>/<bits>].
          const bitCount = msg.u8(off++);
          let labelLen = Math.trunc((bitCount - 1) / 8) + 1;
          const put = (s: string): void => {
            if (maxname <= 0) return;
            if (s.length <= maxname) {
              for (let i = 0; i < s.length; i++) NAME_BUF[n++] = s.charCodeAt(i);
              maxname -= s.length;
            } else {
              maxname = 0;
            }
          };
          put('\\[x');
          while (labelLen-- > 0) {
            if (maxname > 0) put(msg.u8(off).toString(16).padStart(2, '0'));
            off++;
          }
          put(`/${bitCount}]`);
          break;
        }
        // As Wireshark: the length is what was read from the start; an unknown extended label as
        // the name's first byte (or right after a compression pointer) is malformed.
        if (off - start < 2) throw new MalformedError(msg.layer, msg.abs(start), 'unknown extended label at the start of a name');
        lastSpecial = UNKNOWN_EXT_NAME;
        nameOut.text = UNKNOWN_EXT_NAME;
        nameOut.len = UNKNOWN_EXT_NAME.length;
        nameOut.used = off - start;
        return nameOut;
      case 0x80:
        throw new MalformedError(msg.layer, msg.abs(off - 1), `label type 0x${c.toString(16)} is reserved`);
      default: {
        const target = ((c & 0x3f) << 8) | msg.u8(off);
        off++;
        pointers++;
        if (len < 0) len = off - start;
        if (target === off + 2 || pointers > MAX_DNAME_LEN) {
          special = LOOP_NAME;
          break;
        }
        off = target;
        break;
      }
    }
    if (special !== null) break;
  }
  if (len < 0) len = off - start;
  if (special === null && maxname <= 0) special = TOO_LONG_NAME;
  lastSpecial = special;
  lastRawLen = Math.min(nameLen, n);
  if (special !== null) {
    nameOut.text = special;
    nameOut.len = special.length;
    nameOut.used = len;
    return nameOut;
  }
  // The root, also through a compression pointer (tshark 4.0: `<Root>`, wherever the pointer goes);
  // and, read through a pointer (2 bytes here), any name whose first character is a NUL (Wireshark
  // tests the C string's first byte, and that only where the name took 2 bytes or less).
  if ((n === 0 && nameLen === 0) || (n > 0 && NAME_BUF[0] === 0 && len <= 2)) {
    lastSpecial = ROOT_NAME;
    nameOut.text = ROOT_NAME;
    nameOut.len = ROOT_NAME.length;
    nameOut.used = len;
    return nameOut;
  }
  if (len < 1 || (len > 1 && nameLen === 0)) {
    throw new MalformedError(msg.layer, msg.abs(start), 'empty name with a pointer');
  }
  // The summary pass without Info reads the name for its length and its errors only.
  nameOut.text = wantText ? formatText(NAME_BUF, Math.min(nameLen, n)) : '';
  nameOut.len = nameLen;
  nameOut.used = len;
  return nameOut;
}


/** Wireshark's format_text over the first `len` bytes of `b` (dissectors/core/format-text.ts). */
export function formatText(b: Uint8Array, len: number): string {
  return formatBytes(b, 0, len);
}

/** An ENC_ASCII string as C sees it (tvb_get_string_enc): up to the first NUL (core/string-item.ts). */
export function cString(msg: Tvb, off: number, len: number): string {
  msg.check(off, len);
  const a = msg.abs(off);
  return asciiString(msg.data, a, a + len);
}

/**
 * The first `n` bytes of an ENC_ASCII string in UTF-8, as C's `%.*s` or format_text with a length
 * cut it: a byte above 0x7f became U+FFFD (three bytes), and cutting into one leaves one U+FFFD.
 */
export function utf8Cut(s: string, n: number): string {
  let out = '';
  for (let i = 0; i < s.length && n > 0; i++) {
    const c = s.charCodeAt(i);
    const w = c < 0x80 ? 1 : 3;
    out += s[i];
    n -= w;
  }
  return out;
}

/**
 * An ENC_ASCII string put through format_text over its byte length (CAA values): control
 * characters as C escapes, and cut where its UTF-8 form reaches `len` bytes.
 */
export function formattedAscii(msg: Tvb, off: number, len: number): string {
  let ascii = '';
  for (const c of msg.bytes(off, len)) ascii += c < 0x80 ? String.fromCharCode(c) : '\ufffd';
  const s = utf8Cut(ascii, len);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x20 && c !== 0x7f ? s[i] : ESCAPES[c] ?? '\\' + c.toString(8).padStart(3, '0');
  }
  return out;
}
