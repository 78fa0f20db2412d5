/*
 * Ethernet II and IEEE 802.3 length frames: destination, source, then a type (≥ 0x0600) or a
 * length (≤ 1500). Values in between are invalid. As in Wireshark 4.0's packet-eth.c.
 *
 *   0                   6                  12      14
 *   +-------------------+-------------------+-------+---------
 *   | destination MAC   | source MAC        | type  | payload …
 */
import { callDissector, type ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol } from '../core/fields.js';
import { AddrKind, type PacketInfo } from '../core/pinfo.js';
import { NodeFlags, type ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { formatEther } from '../core/addr.js';
import { LINKTYPE_ETHERNET } from '../capture/linktypes.js';
import { addEthernetTrailer, dispatchEthertype, ETHERTYPE_NAMES, hfEthTrailer } from './ethertype.js';
import { data } from './data.js';

export const proto = defineProtocol('eth', 'Ethernet II', 'Ethernet', 'link');
const LG_TFS = ['Locally administered address (this is NOT the factory default)', 'Globally unique address (factory default)'] as const;
const IG_TFS = ['Group address (multicast/broadcast)', 'Individual address (unicast)'] as const;
const hfDst = defineField('eth.dst', 'Destination', 'ether', { blurb: 'Destination Hardware Address' });
const hfDstResolved = defineField('eth.dst_resolved', 'Destination (resolved)', 'string', { blurb: 'Destination Hardware Address (resolved)' });
const hfSrc = defineField('eth.src', 'Source', 'ether', { blurb: 'Source Hardware Address' });
const hfSrcResolved = defineField('eth.src_resolved', 'Source (resolved)', 'string', { blurb: 'Source Hardware Address (resolved)' });
const hfAddr = defineField('eth.addr', 'Address', 'ether', { blurb: 'Source or Destination Hardware Address' });
const hfAddrResolved = defineField('eth.addr_resolved', 'Address (resolved)', 'string', { blurb: 'Source or Destination Hardware Address (resolved)' });
// The first three bytes (the vendor's OUI, or a group's prefix) as a number, hidden: -T json, -T fields and filters see them.
const hfDstOui = defineField('eth.dst.oui', 'Destination OUI', 'uint24', { base: 'oui', blurb: 'Destination Organizationally Unique Identifier' });
const hfSrcOui = defineField('eth.src.oui', 'Source OUI', 'uint24', { base: 'oui', blurb: 'Source Organizationally Unique Identifier' });
const hfAddrOui = defineField('eth.addr.oui', 'Address OUI', 'uint24', { base: 'oui', blurb: 'Address Organizationally Unique Identifier' });
const hfDstLG = defineField('eth.dst.lg', 'LG bit', 'boolean', { mask: 0x020000, bits: 24, tfs: LG_TFS, blurb: 'Specifies if this is a locally administered or globally unique (IEEE assigned) address' });
const hfDstIG = defineField('eth.dst.ig', 'IG bit', 'boolean', { mask: 0x010000, bits: 24, tfs: IG_TFS, blurb: 'Specifies if this is an individual (unicast) or group (broadcast/multicast) address' });
const hfSrcLG = defineField('eth.src.lg', 'LG bit', 'boolean', { mask: 0x020000, bits: 24, tfs: LG_TFS, blurb: 'Specifies if this is a locally administered or globally unique (IEEE assigned) address' });
const hfSrcIG = defineField('eth.src.ig', 'IG bit', 'boolean', { mask: 0x010000, bits: 24, tfs: IG_TFS, blurb: 'Specifies if this is an individual (unicast) or group (broadcast/multicast) address' });
const hfLG = defineField('eth.lg', 'LG bit', 'boolean', { mask: 0x020000, bits: 24, tfs: LG_TFS, blurb: 'Specifies if this is a locally administered or globally unique (IEEE assigned) address' });
const hfIG = defineField('eth.ig', 'IG bit', 'boolean', { mask: 0x010000, bits: 24, tfs: IG_TFS, blurb: 'Specifies if this is an individual (unicast) or group (broadcast/multicast) address' });
export const hfType = defineField('eth.type', 'Type', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES });
const hfLen = defineField('eth.len', 'Length', 'uint16');
const hfInvalidLenType = defineField('eth.invalid_lentype', 'Invalid length/type', 'uint16', { base: 'hex_dec' });

const eiInvalidLenType = defineExpert('eth.invalid_lentype.expert', 'protocol', 'warn', 'Invalid length/type');
const eiSrcNotGroup = defineExpert('eth.src_not_group', 'protocol', 'warn', 'Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)');
const eiLenPastEnd = defineExpert('eth.len.past_end', 'malformed', 'error', 'Length field value goes past the end of the payload');

const IEEE_802_3_MAX_LEN = 1500;
const ETHERNET_II_MIN_LEN = 1536;

/**
 * An address as the protocol line shows it: with -N m `Intel_12:34:56 (00:1b:21:12:34:56)`, or
 * `02:00:00:00:00:01 (02:00:00:00:00:01)` for an address without a name (as Wireshark's); else
 * the address.
 */
function lineAddress(pinfo: PacketInfo, d: Uint8Array, abs: number): string {
  const mac = formatEther(d, abs);
  const etherName = pinfo.ctx.options.etherName;
  return etherName ? `${etherName(d, abs) ?? mac} (${mac})` : mac;
}

/** An address item with its bits; `checkGroup` (Ethernet II) also checks that a source is not a group address. */
function addAddress(t: ProtoNode, tvb: Tvb, off: number, isDst: boolean, pinfo: PacketInfo, checkGroup = false): void {
  const n = t.add(isDst ? hfDst : hfSrc, tvb, off, 6);
  // The resolved texts only for a tree that keeps them: the name with -N m, else the address.
  const resolved = isDst ? hfDstResolved : hfSrcResolved;
  const abs = tvb.abs(off);
  const text = n.wants(resolved) || n.wants(hfAddrResolved) ? (pinfo.ctx.options.etherName?.(tvb.data, abs) ?? formatEther(tvb.data, abs)) : '';
  // As Wireshark: the warning is the source item's first child.
  if (checkGroup && !isDst && tvb.data[abs]! & 1) pinfo.expert(n, eiSrcNotGroup, tvb, off, 6);
  n.addHidden(resolved, tvb, off, 6, text).setFlags(NodeFlags.Generated);
  n.addHidden(isDst ? hfDstOui : hfSrcOui, tvb, off, 3);
  n.add(hfAddr, tvb, off, 6);
  n.addHidden(hfAddrResolved, tvb, off, 6, text).setFlags(NodeFlags.Generated);
  n.addHidden(hfAddrOui, tvb, off, 3);
  n.add(isDst ? hfDstLG : hfSrcLG, tvb, off, 3);
  n.addHidden(hfLG, tvb, off, 3);
  n.add(isDst ? hfDstIG : hfSrcIG, tvb, off, 3);
  n.addHidden(hfIG, tvb, off, 3);
}

/**
 * Ethernet with a known FCS length: 0 (none), 4 (present) or −1 (unknown: guessed from the
 * trailer, which is what a pcap Ethernet link gets). Other dissectors that carry Ethernet frames
 * (SLL protocol 0x0003) call this with 0.
 */
export function dissectEth(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, fcsLen: number): number {
  pinfo.setProtocol('Ethernet');
  tvb.check(0, 6);
  pinfo.dlDstOff = tvb.abs(0);
  pinfo.setDst(AddrKind.Ether, tvb, 0);
  tvb.check(6, 6);
  pinfo.dlSrcOff = tvb.abs(6);
  pinfo.setSrc(AddrKind.Ether, tvb, 6);
  pinfo.noteTap(AddrKind.Ether);
  const type = tvb.u16(12);
  const d = tvb.data;

  if (type > IEEE_802_3_MAX_LEN && type < ETHERNET_II_MIN_LEN) {
    if (pinfo.wantInfo) pinfo.setInfo(`Ethernet Unknown: Invalid length/type: 0x${type.toString(16).padStart(4, '0')} (${type})`);
    let t = tree;
    if (tree.real) {
      t = tree.addProto(proto, tvb, 0, 14, `Ethernet Unknown, Src: ${lineAddress(pinfo, d, tvb.abs(6))}, Dst: ${lineAddress(pinfo, d, tvb.abs(0))}`);
      addAddress(t, tvb, 0, true, pinfo);
      addAddress(t, tvb, 6, false, pinfo);
      const n = t.add(hfInvalidLenType, tvb, 12, 2, type);
      pinfo.expert(n, eiInvalidLenType, tvb, 12, 2, `Invalid length/type: 0x${type.toString(16).padStart(4, '0')} (${type})`);
    }
    callDissector(data, tvb.sub(14), pinfo, tree);
    return tvb.reportedLength;
  }

  if (type <= IEEE_802_3_MAX_LEN && type !== 0) {
    // IEEE 802.3: a length, then 802.2 LLC (or Novell raw 802.3 when the payload starts ffff).
    // Neither is dissected yet: the payload is shown as data.
    const is8022 = !(tvb.has(14, 2) && tvb.u16(14) === 0xffff);
    const kind = is8022 ? '' : 'Raw ';
    pinfo.setInfo(is8022 ? 'IEEE 802.3 Ethernet ' : 'IEEE 802.3 Ethernet Raw ');
    let t = tree;
    if (tree.real) {
      t = tree.addProto(proto, tvb, 0, 14, `IEEE 802.3 Ethernet ${kind}`);
      addAddress(t, tvb, 0, true, pinfo);
      addAddress(t, tvb, 6, false, pinfo);
    }
    dissect8023(type, tvb, 14, pinfo, tree, t, hfLen, eiLenPastEnd, hfEthTrailer, fcsLen);
    return tvb.reportedLength;
  }

  pinfo.setInfo('Ethernet II');
  let t = tree;
  if (tree.real) {
    t = tree.addProto(proto, tvb, 0, 14, tree.protocolLabels ? `Ethernet II, Src: ${lineAddress(pinfo, d, tvb.abs(6))}, Dst: ${lineAddress(pinfo, d, tvb.abs(0))}` : undefined);
    addAddress(t, tvb, 0, true, pinfo);
    addAddress(t, tvb, 6, false, pinfo, true);
    t.add(hfType, tvb, 12, 2, type);
  } else if (d[tvb.abs(6)]! & 1) {
    pinfo.expert(t, eiSrcNotGroup, tvb, 6, 6);
  }
  dispatchEthertype(type, tvb, 14, pinfo, tree, t, hfEthTrailer, fcsLen);
  return tvb.reportedLength;
}

/**
 * An 802.3 length field at `off − 2` and its payload (Wireshark's dissect_802_3), shared with
 * 802.1Q: the length is clipped to the bytes there are, the payload goes to data (LLC and IPX
 * are not dissected yet), and what follows it is a trailer.
 */
export function dissect8023(
  length: number, tvb: Tvb, off: number, pinfo: PacketInfo, tree: ProtoNode, fh: ProtoNode,
  hfLength: typeof hfLen, eiLen: typeof eiLenPastEnd, trailer: typeof hfEthTrailer, fcsLen: number,
): void {
  const lenNode = fh.add(hfLength, tvb, off - 2, 2, length);
  let reported = tvb.reportedRemaining(off);
  if (fcsLen > 0 && reported >= fcsLen) reported -= fcsLen;
  if (length > reported) {
    length = reported;
    pinfo.expert(lenNode, eiLen, tvb, off - 2, 2);
  }
  callDissector(data, tvb.sub(off, length), pinfo, tree);
  // Wireshark builds the trailer view with tvb_new_subset_remaining, which throws when the
  // payload already runs past the captured bytes.
  tvb.check(off + length, 0);
  if (tvb.reportedRemaining(off + length) > 0) addEthernetTrailer(pinfo, fh, trailer, tvb, off + length, fcsLen);
}

export const eth: ProtocolSpec = {
  proto,
  // (IP protocol 143: Ethernet carried in IPv6 segment routing, RFC 8986 — maybe with an FCS.)
  bind: [['link', LINKTYPE_ETHERNET], ['ip.proto', 143]],
  dissect(tvb, pinfo, tree) {
    // pcap does not say whether frames end in an FCS: guess, as Wireshark does by default.
    return dissectEth(tvb, pinfo, tree, -1);
  },
};

/** Ethernet known to have no FCS (Wireshark's eth_withoutfcs): bridged over GRE (Transparent Ethernet bridging, MikroTik EoIP). */
export const ethWithoutFcs: ProtocolSpec = {
  proto,
  bind: [['gre.proto', 0x6558], ['gre.proto', 0x6400]],
  dissect(tvb, pinfo, tree) {
    return dissectEth(tvb, pinfo, tree, 0);
  },
};
