/*
 * Link types that carry a bare IP packet. LINKTYPE_RAW (101, also DLT_RAW's old values 12 and
 * 14) is Wireshark's "raw" protocol, which picks IPv4 or IPv6 by the version nibble (after its
 * checks for Linux PPP leftovers); LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229) have no link layer
 * of their own in Wireshark: the frame goes straight to `ip` or `ipv6` (frame.protocols `ip:udp…`).
 * The hand-off is through the 'ethertype' table, keys 0x0800 and 0x86dd.
 */
import { callDissector, type ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_RAW } from '../capture/linktypes.js';
import { ethertypes } from './ethertype.js';
import { data } from './data.js';
import { proto as ipProto } from './ipv4.js';
import { proto as ipv6Proto } from './ipv6.js';

export const proto = defineProtocol('raw', 'Raw packet data', 'RAW', 'link');

/** Calls the dissector bound to EtherType `key`; data when there is none. */
function toIp(key: number, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): number {
  const n = ethertypes.call(key, tvb, pinfo, tree);
  return n >= 0 ? n : callDissector(data, tvb, pinfo, tree);
}

function isZero(tvb: Tvb, len: number): boolean {
  if (!tvb.has(0, len)) return false;
  const d = tvb.data;
  const a = tvb.abs(0);
  for (let i = 0; i < len; i++) if (d[a + i] !== 0) return false;
  return true;
}

export const rawIp: ProtocolSpec = {
  proto,
  bind: [['link', LINKTYPE_RAW], ['link', 12], ['link', 14]],
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol('N/A');
    pinfo.setInfo('Raw packet data');
    if (tree.real) tree.addProto(proto, tvb, 0, tvb.length);
    if (tvb.u16(0) === 0xff03) {
      // Linux 2.1 PPP driver leftovers: PPP in HDLC framing (not dissected).
      callDissector(data, tvb, pinfo, tree);
    } else if (tvb.u16(6) === 0xff03) {
      // Linux ISDN: a fake MAC address, then PPP (not dissected).
      callDissector(data, tvb.sub(6), pinfo, tree);
    } else if (isZero(tvb, 10)) {
      // Linux ISDN with the connection down: 10 zero bytes, then IP.
      toIp(0x0800, tvb.sub(10), pinfo, tree);
    } else {
      const v = tvb.u8(0) & 0xf0;
      if (v === 0x40) toIp(0x0800, tvb, pinfo, tree);
      else if (v === 0x60) toIp(0x86dd, tvb, pinfo, tree);
      else callDissector(data, tvb, pinfo, tree);
    }
    return tvb.reportedLength;
  },
};

/**
 * A spec whose protocol is the IP layer itself, so that the frame has no link layer, as in tshark.
 * The IP dissector is looked up when a packet comes (it registers under its EtherType).
 */
function bareIp(linkType: number, key: number, ipDef: typeof proto): ProtocolSpec {
  return {
    proto: ipDef,
    bind: [['link', linkType]],
    dissect(tvb, pinfo, tree, extra) {
      const spec = ethertypes.get(key);
      if (spec) return spec.dissect(tvb, pinfo, tree, extra);
      pinfo.layerCount--;
      return callDissector(data, tvb, pinfo, tree);
    },
  };
}

export const rawIPv4 = bareIp(LINKTYPE_IPV4, 0x0800, ipProto);
export const rawIPv6 = bareIp(LINKTYPE_IPV6, 0x86dd, ipv6Proto);

// The registration list holds one spec per file; the bare IPv4/IPv6 link types register here.
