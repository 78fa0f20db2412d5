/*
 * BSD loopback encapsulation: LINKTYPE_NULL (0), a 4-byte address family in the byte order of the
 * host that captured it, and LINKTYPE_LOOP (108), the same in network byte order. As Wireshark
 * 4.0's packet-null.c, including its byte-order guess for LINKTYPE_NULL (made for a little-endian
 * reader, which is what tshark runs on) and its handling of Linux's old EtherType-in-header form.
 *
 *   0               4
 *   +---------------+---------
 *   | family        | payload (IPv4, IPv6, …)
 */
import { callDissector, type ProtocolSpec } from '../core/dispatch.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { LINKTYPE_LOOP, LINKTYPE_NULL } from '../capture/linktypes.js';
import { ETHERTYPE_NAMES, ethertypes } from './ethertype.js';
import { data } from './data.js';

export const proto = defineProtocol('null', 'Null/Loopback', 'NULL', 'link');

/** BSD AF_ values Wireshark names (AF_INET6 differs between the BSDs: 24, 28, 30). */
const FAMILIES: Record<number, string> = {
  2: 'IP', 7: 'OSI', 16: 'Appletalk', 23: 'Netware IPX/SPX', 24: 'IPv6', 28: 'IPv6', 30: 'IPv6',
};
const hfFamily = defineField('null.family', 'Family', 'uint32', { vals: FAMILIES });
const hfType = defineField('null.type', 'Type', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES });

/** The EtherType under which the payload of an address family is dissected (−1: none). */
function familyEthertype(family: number): number {
  switch (family) {
    case 2: return 0x0800;
    case 24: case 28: case 30: return 0x86dd;
    default: return -1;
  }
}

function columns(pinfo: PacketInfo): void {
  // Wireshark's placeholders, overwritten by the next protocol.
  pinfo.setProtocol('N/A');
  pinfo.setInfo('Null/Loopback');
}

/** Hands the payload on by address family, as Wireshark's "null.type" table does. */
function byFamily(family: number, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, t: ProtoNode): void {
  t.add(hfFamily, tvb, 0, 4, family);
  const next = tvb.sub(4);
  const key = familyEthertype(family);
  if (key < 0 || ethertypes.call(key, next, pinfo, tree) < 0) callDissector(data, next, pinfo, tree);
}

export const nullLoop: ProtocolSpec = {
  proto,
  bind: [['link', LINKTYPE_NULL]],
  dissect(tvb, pinfo, tree) {
    if (tvb.u16(0) === 0xff03) {
      // PPP in HDLC-like framing (not dissected).
      callDissector(data, tvb, pinfo, tree);
      return;
    }
    columns(pinfo);
    let h = tvb.u32le(0);
    if ((h & 0xffff0000) !== 0) {
      if ((h & 0xff000000) === 0 && (h & 0x00ff0000) < 0x00060000) {
        // IRIX or UNICOS/mp snoop: a 2-byte AF_ value, big-endian, then 2 zero bytes.
        h >>>= 16;
      } else {
        // Written by a host of the other byte order.
        h = tvb.u32(0);
      }
    } else if ((h & 0x000000ff) === 0 && (h & 0x0000ff00) < 0x00000600) {
      // IRIX or UNICOS/mp snoop header read in the other byte order.
      h = ((h & 0xff) << 8) | ((h >>> 8) & 0xff);
    }
    let t = tree;
    if (tree.real) t = tree.addProto(proto, tvb, 0, 4);
    if (h > 1500) {
      // Old Linux DLT_NULL: an EtherType where the family should be.
      const etype = h & 0xffff;
      t.add(hfType, tvb, 0, 4, etype);
      const next = tvb.sub(4);
      if (ethertypes.call(etype, next, pinfo, tree) < 0) callDissector(data, next, pinfo, tree);
      return;
    }
    byFamily(h, tvb, pinfo, tree, t);
  },
};

/** LINKTYPE_LOOP: the family in network byte order, no guessing. */
export const loop: ProtocolSpec = {
  proto,
  bind: [['link', LINKTYPE_LOOP]],
  dissect(tvb, pinfo, tree) {
    columns(pinfo);
    const family = tvb.u32(0);
    let t = tree;
    if (tree.real) t = tree.addProto(proto, tvb, 0, 4);
    byFamily(family, tvb, pinfo, tree, t);
  },
};

// The registration list holds one spec per file; LINKTYPE_LOOP registers itself here.
