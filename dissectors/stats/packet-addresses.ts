/**
 * What the conversation and endpoint tables read of one dissected packet: for a table kind
 * (eth, ipv4, ipv6, tcp, udp), the packet's source and destination addresses (and ports, and the
 * tcp.stream / udp.stream) at that layer — the values Wireshark's conversation taps get.
 *
 * It reads PacketInfo only (no tree), so it works in the summary pass. The addresses stay views
 * into the packet's bytes: valid only until the next packet is dissected.
 *
 * Limits (where Wireshark's taps, one per header, see more): a packet with two IP headers (a
 * tunnel) counts once, under its inner addresses; a TCP or UDP header quoted in an ICMP error is
 * not a TCP/UDP packet (as in tshark, whose TCP and UDP taps skip quoted headers).
 */
import type { ConvKind } from '../../electron/api/contract.js';
import { fieldByName } from '../core/fields.js';
import { AddrKind, type PacketInfo } from '../core/pinfo.js';
import { proto as ethProto } from '../protocols/eth.js';
import { proto as icmpProto } from '../protocols/icmp.js';
import { proto as icmpv6Proto } from '../protocols/icmpv6.js';
import { proto as ipv4Proto } from '../protocols/ipv4.js';
import { proto as ipv6Proto } from '../protocols/ipv6.js';
import { proto as tcpProto } from '../protocols/tcp.js';
import { proto as udpProto } from '../protocols/udp.js';
import { proto as udpliteProto } from '../protocols/udplite.js';
import { tcpTracking } from '../tcp/tracker.js';
import { udpStreamOf } from '../udp/conversations.js';

const ETH = ethProto.id;
const IP4 = ipv4Proto.id;
const IP6 = ipv6Proto.id;
const TCP = tcpProto.id;
const UDP = udpProto.id;
/** UDP-Lite queues UDP's tap: its datagrams are in the UDP tables. */
const UDPLITE = udpliteProto.id;
const ICMP = icmpProto.id;
const ICMP6 = icmpv6Proto.id;

const IP6_FRAG = fieldByName('ipv6.fraghdr')!.id;
const DATA = fieldByName('data')!.id;
/** The layers whose failure means the kind's tap was not queued (IPv6 reads its extension headers first). */
const IP6_EXT = ['ipv6.hopopts', 'ipv6.routing', 'ipv6.fraghdr', 'ipv6.dstopts'].map((n) => fieldByName(n)!.id);
const LAYERS_OF: Readonly<Record<ConvKind, readonly number[]>> = { eth: [ETH], ipv4: [IP4], ipv6: [IP6, ...IP6_EXT], tcp: [TCP], udp: [UDP, UDPLITE] };

export const CONV_KINDS: readonly ConvKind[] = ['eth', 'ipv4', 'ipv6', 'tcp', 'udp'];

/** One packet's endpoints at one layer (a scratch object, refilled per packet). */
export interface PacketEnds {
  /** Address bytes: `src[srcOff .. srcOff + len)`, the same for dst. */
  src: Uint8Array;
  srcOff: number;
  dst: Uint8Array;
  dstOff: number;
  /** 6 (MAC), 4 (IPv4), 16 (IPv6), 0 (no address: TCP/UDP over a link without IP). */
  len: number;
  /** Ports (−1 for eth / IP). */
  sport: number;
  dport: number;
  /** tcp.stream / udp.stream (−1 for eth / IP). */
  stream: number;
  /**
   * The addresses' numbers in the tables' AddressNumbers when the caller knows them already (a
   * pass that numbered them once per distinct address), else −1 (packetEnds leaves them so).
   */
  srcNum: number;
  dstNum: number;
  /**
   * `src` and `dst` are arrays that stay as they are (a session's address table), not views of
   * the packet's bytes: a table may keep them instead of a copy. packetEnds sets it false.
   */
  stable: boolean;
  /** The packet's length on the wire and its time in seconds since the first packet (set by the tables' callers). */
  bytes: number;
  time: number;
}

export function newPacketEnds(): PacketEnds {
  return { src: EMPTY, srcOff: 0, dst: EMPTY, dstOff: 0, len: 0, sport: -1, dport: -1, stream: -1, srcNum: -1, dstNum: -1, bytes: 0, time: 0, stable: false };
}

const EMPTY = new Uint8Array(16);

/** Index of the first layer `id` in the packet (−1 when absent). */
function layerIndex(pinfo: PacketInfo, id: number): number {
  const layers = pinfo.layers;
  for (let i = 0; i < pinfo.layerCount; i++) if (layers[i] === id) return i;
  return -1;
}

/** True when an ICMP / ICMPv6 layer comes before layer index `at` (the header there is quoted). */
function quoted(pinfo: PacketInfo, at: number): boolean {
  const layers = pinfo.layers;
  for (let i = 0; i < at; i++) if (layers[i] === ICMP || layers[i] === ICMP6) return true;
  return false;
}

/**
 * True when the packet is malformed and the layer `id` is the last one entered: that layer's
 * dissector threw before it finished, so Wireshark never queued its tap (e.g. a bad TCP option).
 */
function failedIn(pinfo: PacketInfo, ids: readonly number[]): boolean {
  return pinfo.malformed && pinfo.layerCount > 0 && ids.includes(pinfo.layers[pinfo.layerCount - 1]!);
}

/**
 * Fills `out` with the packet's endpoints for a table of `kind`; false when the packet has no such
 * layer (an ARP packet for `ipv4`, a UDP datagram for `tcp` …).
 */
export function packetEnds(kind: ConvKind, pinfo: PacketInfo, out: PacketEnds): boolean {
  out.sport = out.dport = out.stream = out.srcNum = out.dstNum = -1;
  out.stable = false;
  if ((kind === 'ipv4' || kind === 'ipv6' || kind === 'udp') && failedIn(pinfo, LAYERS_OF[kind])) return false;
  switch (kind) {
    case 'eth':
      if (pinfo.dlSrcOff < 0 || pinfo.dlDstOff < 0 || layerIndex(pinfo, ETH) < 0) return false;
      out.src = out.dst = pinfo.data;
      out.srcOff = pinfo.dlSrcOff;
      out.dstOff = pinfo.dlDstOff;
      out.len = 6;
      return true;
    case 'ipv4':
      if (pinfo.srcKind !== AddrKind.IPv4 || pinfo.dstKind !== AddrKind.IPv4 || layerIndex(pinfo, IP4) < 0) return false;
      setNet(pinfo, out);
      return true;
    case 'ipv6': {
      if (pinfo.srcKind !== AddrKind.IPv6 || pinfo.dstKind !== AddrKind.IPv6 || layerIndex(pinfo, IP6) < 0) return false;
      // A fragment that was not reassembled (nothing but data after the fragment header): IPv6
      // returns before queuing its tap.
      const frag = layerIndex(pinfo, IP6_FRAG);
      if (frag >= 0 && (frag === pinfo.layerCount - 1 || (frag === pinfo.layerCount - 2 && pinfo.layers[frag + 1] === DATA))) return false;
      setNet(pinfo, out);
      // The header's destination, not the routing header's final one (which the columns show).
      out.dst = pinfo.srcData;
      out.dstOff = pinfo.srcOff + 16;
      return true;
    }
    case 'tcp': {
      const at = layerIndex(pinfo, TCP);
      if (at < 0 || pinfo.srcPort < 0 || quoted(pinfo, at)) return false;
      const stream = tcpStreamOf(pinfo);
      if (stream < 0) return false;
      setNet(pinfo, out);
      out.sport = pinfo.srcPort;
      out.dport = pinfo.dstPort;
      out.stream = stream;
      return true;
    }
    case 'udp': {
      const u = layerIndex(pinfo, UDP);
      const l = layerIndex(pinfo, UDPLITE);
      const at = u < 0 || (l >= 0 && l < u) ? l : u;
      if (at < 0 || pinfo.srcPort < 0 || quoted(pinfo, at)) return false;
      setNet(pinfo, out);
      out.sport = pinfo.srcPort;
      out.dport = pinfo.dstPort;
      // Finds the number UDP gave this datagram (the conversation exists already).
      out.stream = udpStreamOf(pinfo, udpProto, pinfo.srcPort, pinfo.dstPort);
      return true;
    }
  }
}

const TAP_KINDS: Partial<Record<ConvKind, AddrKind>> = { eth: AddrKind.Ether, ipv4: AddrKind.IPv4, ipv6: AddrKind.IPv6 };

/**
 * How many headers of `kind` the packet has outside the one packetEnds describes: a tunnel's
 * outer Ethernet or IP headers (GRE, IP in IP, 6in4, gretap), each a conversation of its own for
 * Wireshark's taps. outerEnds gives them, outermost first.
 */
export function outerCount(kind: ConvKind, pinfo: PacketInfo): number {
  const k = TAP_KINDS[kind];
  if (k === undefined) return 0;
  let n = 0;
  let last = -1;
  for (let i = 0; i < pinfo.tapCount; i++) {
    if (pinfo.taps[i]!.kind === k) {
      n++;
      last = i;
    }
  }
  if (n === 0) return 0;
  // The innermost header of the kind is packetEnds's when the packet's addresses are its own
  // (not when an inner header of another kind, 6in4's IPv6, took them).
  const t = pinfo.taps[last]!;
  const inner = kind === 'eth' ? pinfo.dlSrcOff >= 0 : pinfo.srcKind === k && pinfo.srcData === t.src && pinfo.srcOff === t.srcOff;
  return inner ? n - 1 : n;
}

/** Fills `out` with the `index`-th outer header of `kind` (see outerCount). */
export function outerEnds(kind: ConvKind, pinfo: PacketInfo, index: number, out: PacketEnds): void {
  const k = TAP_KINDS[kind]!;
  let seen = 0;
  for (let i = 0; i < pinfo.tapCount; i++) {
    const t = pinfo.taps[i]!;
    if (t.kind !== k || seen++ !== index) continue;
    out.src = t.src;
    out.srcOff = t.srcOff;
    out.dst = t.dst;
    out.dstOff = t.dstOff;
    out.len = k === AddrKind.Ether ? 6 : k === AddrKind.IPv4 ? 4 : 16;
    out.sport = out.dport = out.stream = out.srcNum = out.dstNum = -1;
    out.stable = false;
    return;
  }
}

/**
 * tcp.stream of the packet's TCP header: the segment the tracker just analyzed when it is this
 * frame's (no row to decode), else the first one recorded for the frame.
 */
function tcpStreamOf(pinfo: PacketInfo): number {
  const t = tcpTracking(pinfo.ctx);
  const row = t.table.rowOf(pinfo.meta.num);
  if (row < 0) return -1;
  if (t.cur !== null && t.curRow === row) return t.cur.stream;
  return t.streamOfFrame(pinfo.meta.num);
}

function setNet(pinfo: PacketInfo, out: PacketEnds): void {
  const k = pinfo.srcKind;
  if (k === AddrKind.IPv4 || k === AddrKind.IPv6) {
    out.src = pinfo.srcData;
    out.srcOff = pinfo.srcOff;
    out.dst = pinfo.dstData;
    out.dstOff = pinfo.dstOff;
    out.len = k === AddrKind.IPv4 ? 4 : 16;
  } else {
    out.src = out.dst = EMPTY;
    out.srcOff = out.dstOff = 0;
    out.len = 0;
  }
}

/** True when `a[aOff ..]` and `b[bOff ..]` agree on `len` bytes. */
export function sameBytes(a: Uint8Array, aOff: number, b: Uint8Array, bOff: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[aOff + i] !== b[bOff + i]) return false;
  return true;
}
