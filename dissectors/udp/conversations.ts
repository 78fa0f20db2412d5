/**
 * UDP conversations numbered as Wireshark numbers udp.stream: one conversation per pair of
 * (address, port) endpoints, whichever side sent first, numbered from 0 in the order of their
 * first packet. A UDP conversation never ends, so the number of a packet only depends on its
 * addresses and ports: dissecting a frame again (pinfo.visited) finds the same number without
 * anything stored per frame.
 *
 * A UDP header quoted in an ICMP error is filed under the quoted packet's addresses (as Wireshark
 * does), so it joins the conversation of the datagram it quotes.
 *
 * Keys are typed arrays in an open-addressing table (conv-table.ts): no allocation per packet.
 */
import { AddrKind, type CaptureContext, type PacketInfo } from '../core/pinfo.js';
import type { ProtocolDef } from '../core/fields.js';
import { ConvKeyTable, KEY_WORDS } from '../tcp/conv-table.js';

const EMPTY = new Uint8Array(16);

export class UdpConversations {
  private readonly keys = new ConvKeyTable();
  private readonly key = new Uint32Array(KEY_WORDS);
  /**
   * The last key looked up and its stream (−1: none yet): a datagram's stream is asked for by UDP
   * and again by the protocol on top (DNS pairs by it), and a key's stream never changes.
   */
  private readonly lastKey = new Uint32Array(KEY_WORDS);
  private lastStream = -1;
  /** Conversations so far. */
  count = 0;

  /** No room kept for more keys (they grow again when one comes). */
  trim(): void {
    this.keys.trim();
  }

  /**
   * The stream number of a datagram between (src, sport) and (dst, dport), creating the
   * conversation on its first packet. `af` 4 or 6 (0: no network address, all zeros).
   */
  stream(af: number, src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number, sport: number, dport: number): number {
    const k = this.key;
    const words = af === 6 ? 4 : af === 4 ? 1 : 0;
    let cmp = 0;
    for (let i = 0; i < 4; i++) {
      let a = 0;
      let b = 0;
      if (i < words) {
        const s = srcOff + 4 * i;
        const d = dstOff + 4 * i;
        a = ((src[s]! << 24) | (src[s + 1]! << 16) | (src[s + 2]! << 8) | src[s + 3]!) >>> 0;
        b = ((dst[d]! << 24) | (dst[d + 1]! << 16) | (dst[d + 2]! << 8) | dst[d + 3]!) >>> 0;
      }
      if (cmp === 0 && a !== b) cmp = a < b ? -1 : 1;
      k[i] = a;
      k[4 + i] = b;
    }
    if (cmp === 0) cmp = sport >= dport ? 1 : -1;
    if (cmp >= 0) {
      k[8] = ((sport << 16) | dport) >>> 0;
    } else {
      for (let i = 0; i < 4; i++) {
        const t = k[i]!;
        k[i] = k[4 + i]!;
        k[4 + i] = t;
      }
      k[8] = ((dport << 16) | sport) >>> 0;
    }
    k[9] = af;
    const last = this.lastKey;
    if (this.lastStream >= 0) {
      let i = 0;
      while (i < KEY_WORDS && last[i] === k[i]) i++;
      if (i === KEY_WORDS) return this.lastStream;
    }
    let v = this.keys.get(k);
    if (v < 0) {
      v = this.count++;
      this.keys.set(k, v);
    }
    last.set(k);
    this.lastStream = v;
    return v;
  }
}

const newUdpConversations = (): UdpConversations => new UdpConversations();

/** The end of a pass: the capture's UDP conversation keys (under `owner`, the UDP protocol) keep no room for more. */
export function trimUdpConversations(ctx: CaptureContext, owner: ProtocolDef): void {
  ctx.state(owner, newUdpConversations).trim();
}

/**
 * udp.stream of the UDP header being dissected (ports `sport`, `dport`), with the capture's
 * conversations kept in `pinfo.ctx` under `owner` (the UDP protocol).
 */
export function udpStreamOf(pinfo: PacketInfo, owner: ProtocolDef, sport: number, dport: number): number {
  const convs = pinfo.ctx.state(owner, newUdpConversations);
  let kind: AddrKind;
  let src: Uint8Array;
  let srcOff: number;
  let dst: Uint8Array;
  let dstOff: number;
  if (pinfo.inErrorPkt) {
    kind = pinfo.quotedSrcKind;
    src = pinfo.quotedSrcData;
    srcOff = pinfo.quotedSrcOff;
    dst = pinfo.quotedDstData;
    dstOff = pinfo.quotedDstOff;
  } else {
    kind = pinfo.srcKind;
    src = pinfo.srcData;
    srcOff = pinfo.srcOff;
    dst = pinfo.dstData;
    dstOff = pinfo.dstOff;
  }
  const af = kind === AddrKind.IPv4 ? 4 : kind === AddrKind.IPv6 ? 6 : 0;
  if (af === 0) return convs.stream(0, EMPTY, 0, EMPTY, 0, sport, dport);
  return convs.stream(af, src, srcOff, dst, dstOff, sport, dport);
}

/**
 * udp.stream of a datagram between (src, sport) and (dst, dport) (address bytes at offset 0; `af`
 * 4, 6, or 0 for none), from the capture's conversations in `ctx` under `owner` (the UDP
 * protocol): what udpStreamOf gave the datagram when it was dissected.
 */
export function udpStreamOfAddresses(ctx: CaptureContext, owner: ProtocolDef, af: number, src: Uint8Array, dst: Uint8Array, sport: number, dport: number): number {
  const convs = ctx.state(owner, newUdpConversations);
  return af === 0 ? convs.stream(0, EMPTY, 0, EMPTY, 0, sport, dport) : convs.stream(af, src, 0, dst, 0, sport, dport);
}
