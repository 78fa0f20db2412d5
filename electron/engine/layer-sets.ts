/**
 * The protocol stacks of a capture (frame.protocols as field ids), each interned once with what
 * it says about its packets, and the index flags of one dissected packet. The session's index
 * (session.ts) and the CLI's filtered summary lines (electron/cli/fast-lines.ts) both describe a
 * packet this way, so the fast filter (fast-filter.ts) can stand in for its tree.
 */
import { fieldByName } from '../../dissectors/core/fields.js';
import { AddrKind, type PacketInfo } from '../../dissectors/core/pinfo.js';
import { F_COMPLEX, F_IPV4, F_IPV6, F_MALFORMED, F_TCP, F_UDP } from './index-flags.js';

/** One distinct protocol stack (frame.protocols) and what it says about the packet. */
export interface LayerSet {
  ids: number[];
  /** Packets of this stack have a tree the fast filter cannot stand in for. */
  complex: boolean;
  /** The stack has these layers (worked out once per stack, not per packet). */
  ip: boolean;
  ipv6: boolean;
  tcp: boolean;
  udp: boolean;
}

const LAYER_ID = (n: string) => fieldByName(n)!.id;

function layerSetFor(ids: number[]): LayerSet {
  const count = (name: string) => ids.filter((x) => x === LAYER_ID(name)).length;
  const transports = count('tcp') + count('udp') + count('udplite');
  const nets = count('ip') + count('ipv6');
  // An ICMP error quotes an IP header and its transport header: they count as a second layer. An
  // IPv6 routing header makes the Destination column the route's last address, not ipv6.dst.
  // UDP-Lite has UDP's fields but not its protocol: the fast filter's UDP stand-in does not fit it.
  const complex = transports > 1 || count('udplite') > 0 || nets > 1 || count('vlan') + count('ieee8021ad') > 1 || (count('tcp') > 0 && count('dns') > 0) || count('ipv6.routing') > 0;
  return { ids, complex, ip: count('ip') > 0, ipv6: count('ipv6') > 0, tcp: count('tcp') > 0, udp: count('udp') + count('udplite') > 0 };
}

/** Direct-mapped cache slots (a capture has a few dozen stacks). */
const LAYER_CACHE = 256;

/** The stacks seen so far, by id (an id is an index in `list`). */
export class LayerSets {
  readonly list: LayerSet[] = [];
  private readonly keys = new Map<number, number[]>();
  /** Layer-set id + 1 by stack hash (0: empty). */
  private readonly cache = new Int32Array(LAYER_CACHE);

  /** The id of the stack of the packet just dissected into `pi`. */
  idOf(pi: PacketInfo): number {
    // A small-integer hash of the stack; the candidates with that hash are compared.
    const n = pi.layerCount;
    const L = pi.layers;
    let h = n;
    for (let j = 0; j < n; j++) h = (Math.imul(h, 31) + L[j]!) & 0x3fffffff;
    const slot = h & (LAYER_CACHE - 1);
    const cached = this.cache[slot]! - 1;
    if (cached >= 0 && sameLayers(this.list[cached]!.ids, L, n)) return cached;
    const id = this.slow(h, L, n);
    this.cache[slot] = id + 1;
    return id;
  }

  private slow(h: number, L: PacketInfo['layers'], n: number): number {
    const cands = this.keys.get(h);
    if (cands) {
      for (const id of cands) {
        if (sameLayers(this.list[id]!.ids, L, n)) return id;
      }
    }
    const id = this.list.length;
    this.list.push(layerSetFor(Array.from(L.subarray(0, n))));
    if (cands) cands.push(id);
    else this.keys.set(h, [id]);
    return id;
  }
}

function sameLayers(ids: readonly number[], L: PacketInfo['layers'], n: number): boolean {
  if (ids.length !== n) return false;
  for (let j = 0; j < n; j++) if (ids[j] !== L[j]) return false;
  return true;
}

/**
 * The index flags of the packet just dissected into `pi` (of stack `set`): malformed, IPv4/IPv6
 * source, TCP/UDP, and F_COMPLEX when the fast filter's stand-in tree would not be the packet's
 * tree. `tcpLen` is the TCP segment length the follow tap reported for this packet, or −1 when the
 * tap did not see it (a TCP header without a known length).
 */
export function packetFlags(pi: PacketInfo, set: LayerSet, tcpLen: number): number {
  let flags = 0;
  if (pi.malformed) flags |= F_MALFORMED | F_COMPLEX;
  if (set.complex) flags |= F_COMPLEX;
  if (pi.srcKind === AddrKind.IPv4) flags |= F_IPV4;
  else if (pi.srcKind === AddrKind.IPv6) flags |= F_IPV6;
  // The IP layer's addresses must be the Source/Destination columns the fast filter reads.
  if ((set.ip && !(flags & F_IPV4)) || (set.ipv6 && !(flags & F_IPV6))) flags |= F_COMPLEX;
  if (set.tcp) {
    flags |= F_TCP;
    if (tcpLen < 0 || tcpLen > 0xffff) flags |= F_COMPLEX;
  } else if (set.udp) {
    flags |= F_UDP;
  }
  return flags;
}
