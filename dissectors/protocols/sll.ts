/*
 * Linux "cooked" capture, version 1 (LINKTYPE_LINUX_SLL, 113), as Wireshark 4.0's packet-sll.c:
 *
 *   0       2       4       6                               14      16
 *   +-------+-------+-------+-------------------------------+-------+--------
 *   |pkttype|hatype | halen | link-layer address (8 bytes)  | proto | payload …
 *
 * `proto` is an EtherType, or (≤ 1536) one of Linux's own protocol numbers: 0x0001 Novell raw
 * 802.3, 0x0003 Ethernet frames, 0x0004 802.2 LLC, …; those are shown as data except Ethernet.
 * Version 2 (sll2.ts) shares the fields: Wireshark 4.0 calls both `sll`.
 */
import { callDissector, type ProtocolSpec } from '../core/dispatch.js';
import { defineField, defineProtocol } from '../core/fields.js';
import { AddrKind, type PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { LINKTYPE_LINUX_SLL } from '../capture/linktypes.js';
import { ARPHRD_NAMES } from './arp.js';
import { dissectEth, proto as ethProto } from './eth.js';
import { dispatchEthertype, ETHERTYPE_NAMES } from './ethertype.js';
import { data } from './data.js';

export const proto = defineProtocol('sll', 'Linux cooked capture v1', 'SLL', 'link');

export const PACKET_TYPES: Record<number, string> = {
  0: 'Unicast to us', 1: 'Broadcast', 2: 'Multicast', 3: 'Unicast to another host', 4: 'Sent by us',
};
const LINUX_PROTOCOLS: Record<number, string> = {
  0x0001: 'Raw 802.3', 0x0003: 'Ethernet', 0x0004: '802.2 LLC', 0x0007: 'PPP (HDLC)', 0x000c: 'CAN', 0x000d: 'CAN FD',
  0x0017: 'IrDA LAP', 0x00f5: 'ISI', 0x00f6: 'IEEE 802.15.4',
};

export const hfPktType = defineField('sll.pkttype', 'Packet type', 'uint16', { vals: PACKET_TYPES });
export const hfHaType = defineField('sll.hatype', 'Link-layer address type', 'uint16', { vals: ARPHRD_NAMES });
export const hfHaLen = defineField('sll.halen', 'Link-layer address length', 'uint16');
export const hfSrcEth = defineField('sll.src.eth', 'Source', 'ether', { blurb: 'Source link-layer address' });
export const hfSrcIpv4 = defineField('sll.src.ipv4', 'Source', 'ipv4', { blurb: 'Source link-layer address' });
export const hfSrcOther = defineField('sll.src.other', 'Source', 'bytes', { blurb: 'Source link-layer address' });
export const hfUnused = defineField('sll.unused', 'Unused', 'bytes', { blurb: 'Unused bytes' });
export const hfLtype = defineField('sll.ltype', 'Protocol', 'uint16', { base: 'hex', vals: LINUX_PROTOCOLS, blurb: 'Linux protocol type' });
export const hfEtype = defineField('sll.etype', 'Protocol', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES, blurb: 'Ethernet protocol type' });
export const hfIfindex = defineField('sll.ifindex', 'Interface index', 'uint32');
export const hfTrailer = defineField('sll.trailer', 'Trailer', 'bytes');

/** Ethernet frames carried by SLL have no FCS. */
const ethWithoutFcs: ProtocolSpec = { proto: ethProto, dissect: (t, p, tr) => dissectEth(t, p, tr, 0) };

/** The 8-byte address field at `off`: typed by its length, and the unused rest. */
export function sllAddress(tvb: Tvb, off: number, halen: number, pinfo: PacketInfo, t: ProtoNode): void {
  if (halen === 4) {
    tvb.check(off, 4);
    pinfo.setSrc(AddrKind.IPv4, tvb, off);
    t.add(hfSrcIpv4, tvb, off, 4);
  } else if (halen === 6) {
    tvb.check(off, 6);
    pinfo.dlSrcOff = tvb.abs(off);
    pinfo.setSrc(AddrKind.Ether, tvb, off);
    t.add(hfSrcEth, tvb, off, 6);
  } else if (halen !== 0) {
    t.add(hfSrcOther, tvb, off, Math.min(halen, 8));
  }
  if (halen < 8) t.add(hfUnused, tvb, off + halen, 8 - halen);
}

/** sll.ltype for Linux protocol numbers, sll.etype for EtherTypes. */
export function addProtocolField(t: ProtoNode, tvb: Tvb, off: number, protocol: number): void {
  t.add(protocol <= 1536 ? hfLtype : hfEtype, tvb, off, 2, protocol);
}

/** The hand-off on the protocol field (shared by both versions). */
export function sllPayload(protocol: number, tvb: Tvb, off: number, pinfo: PacketInfo, tree: ProtoNode, t: ProtoNode, fieldOff: number): void {
  if (fieldOff >= 0) addProtocolField(t, tvb, fieldOff, protocol);
  if (protocol <= 1536) {
    // A Linux protocol number, not an EtherType: no trailer can be told apart.
    const next = tvb.sub(off);
    if (protocol === 0x0003) callDissector(ethWithoutFcs, next, pinfo, tree);
    else callDissector(data, next, pinfo, tree);
    return;
  }
  dispatchEthertype(protocol, tvb, off, pinfo, tree, t, hfTrailer, 0);
}

export const sll: ProtocolSpec = {
  proto,
  bind: [['link', LINKTYPE_LINUX_SLL]],
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol('SLL');
    pinfo.setInfo('');
    const pkttype = tvb.u16(0);
    if (pinfo.wantInfo) pinfo.setInfo(PACKET_TYPES[pkttype] ?? `Unknown (${pkttype})`);
    let t = tree;
    if (tree.real) t = tree.addProto(proto, tvb, 0, 16, 'Linux cooked capture v1');
    t.add(hfPktType, tvb, 0, 2, pkttype);
    const hatype = tvb.u16(2);
    t.add(hfHaType, tvb, 2, 2, hatype);
    const halen = tvb.u16(4);
    t.add(hfHaLen, tvb, 4, 2, halen);
    sllAddress(tvb, 6, halen, pinfo, t);
    const protocol = tvb.u16(14);
    // (ARPHRD_IPGRE, 778, carries a GRE protocol type: not dissected, its payload goes by EtherType.)
    sllPayload(protocol, tvb, 16, pinfo, tree, t, 14);
    return tvb.reportedLength;
  },
};
