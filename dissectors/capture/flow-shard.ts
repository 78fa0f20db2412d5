/**
 * Which "flow shard" a frame belongs to, read straight from its bytes without dissecting it: a
 * hash of the unordered pair of IP addresses that the dissectors' per-capture state is keyed on
 * (TCP and UDP conversations, IP fragments, ICMP echo pairs, DNS transactions all live between
 * one pair of addresses). Passes that split a capture over several threads (the CLI's summary
 * lines, electron/cli/sharded-summary.ts) give every frame of one address pair to the same
 * thread, so each thread's state is what a single pass would have built for those frames.
 *
 * The address pair is the one the transport layer sees, as the dissectors find it:
 * - the link layers Packetloom dissects: Ethernet (with 802.1Q / 802.1ad tags), Linux cooked
 *   SLL and SLL2, BSD NULL/LOOP (by the IP version nibble), raw IP;
 * - IP in IP (IPv4 protocol 4 and 41, IPv6 next header 4 and 41): the inner pair;
 * - ICMP and ICMPv6 errors: the pair of the quoted packet (its TCP or UDP header is looked up in
 *   that conversation);
 * - fragments (IPv4 MF or offset, an IPv6 fragment header that is not atomic): the outer pair, the
 *   one the reassembly table is keyed on.
 * Frames without IP (ARP, other link types, anything cut short before the addresses) get key 0:
 * their dissectors keep no state that an IP frame touches.
 */

/** Link types read here (dissectors/capture/linktypes.ts has them all). */
const NULL = 0;
const ETHERNET = 1;
const RAW = 101;
const LOOP = 108;
const SLL = 113;
const IPV4 = 228;
const IPV6 = 229;
const SLL2 = 276;

/** Nested IP headers followed at most (IP in IP in IP …). */
const MAX_DEPTH = 4;
/** IPv6 extension headers walked at most. */
const MAX_EXT = 8;

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** A 32-bit mix (murmur3's finalizer): nearby addresses land on unrelated values. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The same for A→B and B→A: a sum of the two addresses' hashes. */
function pair(a: number, b: number): number {
  return ((mix(a) + mix(b)) >>> 0) || 1;
}

function ipv6Addr(b: Uint8Array, o: number): number {
  return mix(u32(b, o) ^ mix(u32(b, o + 4) ^ mix(u32(b, o + 8) ^ mix(u32(b, o + 12)))));
}

function ip(b: Uint8Array, o: number, end: number, depth: number): number {
  if (o >= end) return 0;
  const v = b[o]! >> 4;
  if (v === 4) return ipv4(b, o, end, depth);
  if (v === 6) return ipv6(b, o, end, depth);
  return 0;
}

function ipv4(b: Uint8Array, o: number, end: number, depth: number): number {
  if (end - o < 20 || b[o]! >> 4 !== 4) return 0;
  const ihl = (b[o]! & 15) * 4;
  const key = pair(u32(b, o + 12), u32(b, o + 16));
  if (ihl < 20 || (u16(b, o + 6) & 0x3fff) !== 0 || depth >= MAX_DEPTH) return key;
  const p = o + ihl;
  const proto = b[o + 9]!;
  if (proto === 4 || proto === 41) return ip(b, p, end, depth + 1) || key;
  if (proto === 1 && p + 8 < end) {
    const type = b[p]!;
    // Destination unreachable, source quench, redirect, time exceeded, parameter problem.
    if (type === 3 || type === 4 || type === 5 || type === 11 || type === 12) return ipv4(b, p + 8, end, MAX_DEPTH) || key;
  }
  return key;
}

function ipv6(b: Uint8Array, o: number, end: number, depth: number): number {
  if (end - o < 40 || b[o]! >> 4 !== 6) return 0;
  const key = (((ipv6Addr(b, o + 8) + ipv6Addr(b, o + 24)) >>> 0) || 1);
  if (depth >= MAX_DEPTH) return key;
  let nxt = b[o + 6]!;
  let p = o + 40;
  for (let i = 0; i < MAX_EXT && p + 8 <= end; i++) {
    if (nxt === 0 || nxt === 43 || nxt === 60) {
      nxt = b[p]!;
      p += (b[p + 1]! + 1) * 8;
    } else if (nxt === 44) {
      // Offset or More Fragments set: reassembled under the outer pair.
      if ((u16(b, p + 2) & 0xfff9) !== 0) return key;
      nxt = b[p]!;
      p += 8;
    } else if (nxt === 4 || nxt === 41) {
      return ip(b, p, end, depth + 1) || key;
    } else if (nxt === 58) {
      // Destination unreachable, packet too big, time exceeded, parameter problem.
      const type = b[p]!;
      if (type >= 1 && type <= 4) return ipv6(b, p + 8, end, MAX_DEPTH) || key;
      return key;
    } else {
      return key;
    }
  }
  return key;
}

function ethernet(b: Uint8Array, o: number, end: number): number {
  if (end - o < 14) return 0;
  let type = u16(b, o + 12);
  let p = o + 14;
  // 802.1Q (and the old 0x9100) and 802.1ad tags: TCI, then the next EtherType.
  for (let i = 0; i < 4 && (type === 0x8100 || type === 0x88a8 || type === 0x9100) && p + 4 <= end; i++) {
    type = u16(b, p + 2);
    p += 4;
  }
  return etherType(type, b, p, end);
}

function etherType(type: number, b: Uint8Array, p: number, end: number): number {
  if (type === 0x0800) return ipv4(b, p, end, 0);
  if (type === 0x86dd) return ipv6(b, p, end, 0);
  return 0;
}

/**
 * The flow key of the frame in `buf[start .. end)` of link type `linkType`: 0 for a frame without
 * an IP address pair, else a non-zero 32-bit hash, equal for both directions. A pass with N
 * threads gives the frame to thread `key % N`.
 */
export function flowShardKey(buf: Uint8Array, start: number, end: number, linkType: number): number {
  if (end > buf.length) end = buf.length;
  switch (linkType) {
    case ETHERNET:
      return ethernet(buf, start, end);
    case NULL:
    case LOOP:
      return ip(buf, start + 4, end, 0);
    case RAW:
      return ip(buf, start, end, 0);
    case IPV4:
      return ipv4(buf, start, end, 0);
    case IPV6:
      return ipv6(buf, start, end, 0);
    case SLL: {
      if (end - start < 16) return 0;
      const proto = u16(buf, start + 14);
      // 0x0003: a whole Ethernet frame follows.
      return proto === 0x0003 ? ethernet(buf, start + 16, end) : etherType(proto, buf, start + 16, end);
    }
    case SLL2:
      return end - start < 20 ? 0 : etherType(u16(buf, start), buf, start + 20, end);
    default:
      return 0;
  }
}
