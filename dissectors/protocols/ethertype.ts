import { callDissector, table } from '../core/dispatch.js';
import { isDissectorError } from '../core/errors.js';
import { showException } from '../core/exception.js';
import { defineExpert, type ExpertDef } from '../core/expert.js';
import { defineField, defineProtocol, type FieldDef } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { data } from './data.js';

/**
 * The hand-off on an EtherType shared by Ethernet, 802.1Q, 802.1ad, SLL and SLL2 (Wireshark's
 * "ethertype" pseudo-protocol, which is why frame.protocols reads `eth:ethertype:ip`). After the
 * payload, the bytes it did not consume are shown as Wireshark 4.0's add_ethernet_trailer does:
 * zero padding up to a 60-byte frame (eth.padding), then an FCS when one is assumed (eth.fcs), and
 * what is left as the caller's trailer field (eth.trailer, vlan.trailer, sll.trailer …).
 */
export const proto = defineProtocol('ethertype', 'Ethertype', 'ETHERTYPE');
export const ethertypes = table('ethertype', 'Ethertype');

/** Wireshark 4.0's etype_vals (from `tshark -G values`). */
export const ETHERTYPE_NAMES: Record<number, string> = {
  0x0800: 'IPv4', 0x86dd: 'IPv6', 0x8100: '802.1Q Virtual LAN', 0x8102: 'Simple Loop Protection Protocol',
  0x8103: 'Virtual LACP', 0x8104: 'Simple Loop Protection Protocol (old)', 0x0806: 'ARP',
  0x872d: 'Cisco Wireless Lan Context Control Protocol', 0x8783: 'Motorola Media Independent Network Transport',
  0x2452: 'IEEE 802.11 (Centrino promiscuous)', 0x0600: 'XNS Internet Datagram Protocol', 0x0805: 'X.25 Layer 3',
  0x0842: 'Wake on LAN', 0x08f0: 'WiMax Mac-to-Mac', 0x3e3f: 'EPL_V1', 0x8035: 'RARP', 0x8038: 'DEC LanBridge',
  0x809b: 'AppleTalk LLAP bridging', 0x80d5: 'SNA-over-Ethernet', 0x80e1: 'EtherNet/IP Device Level Ring',
  0x80f3: 'AARP', 0x8137: 'Netware IPX/SPX', 0x0bad: 'Vines IP', 0x0baf: 'Vines Echo', 0x1984: 'Netmon Train',
  0x9000: 'Loopback', 0x885a: 'Foundry proprietary', 0x80ff: 'Wellfleet Compression Protocol',
  0x8181: 'Spanning Tree Protocol', 0x81fd: 'Cabletron Interswitch Message Protocol',
  0x81ff: 'Cabletron SFVLAN 1.8 Tag-Based Flood', 0x8204: 'QNX 6 QNET protocol', 0x8863: 'PPPoE Discovery',
  0x8864: 'PPPoE Session', 0x886c: 'HomePNA, wlan link local tunnel', 0x886d: 'Intel ANS probe',
  0x886f: 'MS NLB heartbeat', 0x8870: 'Jumbo LLC', 0x8874: 'Broadcom tag', 0x887b: 'Homeplug', 0x88e1: 'Homeplug AV',
  0x88e3: 'MRP', 0x88a8: '802.1ad Provider Bridge (Q-in-Q)', 0x88e5: '802.1AE (MACsec)',
  0x893a: '1905.1a Convergent Digital Home Network for Heterogenous Technologies',
  0x88e7: '802.1ah Provider Backbone Bridge (mac-in-mac)', 0x893f: '802.1br Bridge Port Extension E-Tag',
  0x888e: '802.1X Authentication', 0x88c7: '802.11i Pre-Authentication', 0x8847: 'MPLS label switched packet',
  0x8848: 'MPLS multicast label switched packet', 0x3c07: '3Com NBP Datagram', 0x6000: 'DEC proto',
  0x6001: 'DEC DNA Dump/Load', 0x6002: 'DEC DNA Remote Console', 0x6003: 'DEC DNA Routing', 0x6004: 'DEC LAT',
  0x6005: 'DEC Diagnostics', 0x6006: 'DEC Customer use', 0x6007: 'DEC LAVC/SCA', 0x8041: 'DEC LAST',
  0x6558: 'Transparent Ethernet bridging', 0x2001: 'Cisco Group Management Protocol', 0x22e5: 'Gigamon Header',
  0x22ea: '802.1Qat Multiple Stream Reservation Protocol', 0x88f6: '802.1ak Multiple Mac Registration Protocol',
  0x894f: 'Network Service Header', 0x8988: 'PA HB Backup', 0x22f0: 'IEEE 1722 Audio Video Transport Protocol',
  0x22f1: 'Robust Header Compression(RoHC)', 0x22f3: 'Transparent Interconnection of Lots of Links',
  0x22f4: 'Intermediate System to Intermediate System', 0x8808: 'MAC Control', 0x8809: 'Slow Protocols',
  0x9021: 'Real-Time Media Access Control', 0x9022: 'Real-Time Configuration Protocol',
  0x8881: 'CDMA2000 A10 Unstructured byte stream', 0x8884: 'ATM over Ethernet', 0x8892: 'PROFINET',
  0x8899: 'Realtek Layer 2 Protocols', 0x88a2: 'ATA over Ethernet', 0x88a4: 'EtherCAT frame',
  0x88a1: 'Telkonet powerline', 0x88ab: 'ETHERNET Powerlink v2', 0x88ad: 'XiMeta Technology',
  0x889b: 'CSM_ENCAPS Protocol', 0x88b5: 'Local Experimental Ethertype 1', 0x88b6: 'Local Experimental Ethertype 2',
  0x88b7: 'IEEE 802a OUI Extended Ethertype', 0x88b8: 'IEC 61850/GOOSE', 0x88b9: 'IEC 61850/GSE management services',
  0x88ba: 'IEC 61850/SV (Sampled Value Transmission', 0x88ca: 'Transparent Inter Process Communication',
  0x88cc: '802.1 Link Layer Discovery Protocol (LLDP)', 0x88d2: 'CDMA2000 A10 3GPP2 Packet',
  0x891d: 'TTEthernet Protocol Control Frame', 0x88d8: 'Circuit Emulation Services over Ethernet (MEF8)',
  0x88d9: 'Link Layer Topology Discovery (LLTD)', 0x88dc: '(WAVE) Short Message Protocol (WSM)',
  0x88de: 'VMware Lab Manager', 0x8819: 'Cirrus Cobranet Packet', 0x8133: 'Juniper Netscreen Redundant Protocol',
  0x9104: 'EERO Broadcast Packet', 0x8021: 'PPP IP Control Protocol', 0xc021: 'PPP Link Control Protocol',
  0xc023: 'PPP Password Authentication Protocol', 0x80fd: 'PPP Compression Control Protocol',
  0xcafe: 'Veritas Low Latency Transport (not officially registered)',
  0x8902: 'IEEE 802.1ag Connectivity Fault Management (CFM) protocol',
  0x8903: 'Data Center Ethernet (DCE) protocol(Cisco)', 0x8906: 'Fibre Channel over Ethernet',
  0x890d: 'IEEE 802.11 data encapsulation', 0x8911: 'LINX IPC Protocol', 0x8914: 'FCoE Initialization Protocol',
  0x8917: 'Media Independent Handover Protocol', 0x88ee: 'Ethernet Local Management Interface (MEF16)',
  0x88f7: 'PTPv2 over Ethernet (IEEE1588)', 0x88f8: 'Network Controller Sideband Interface',
  0x88fb: 'Parallel Redundancy Protocol (PRP) and HSR Supervision (IEC62439 Part 3)',
  0x8901: 'Flow Layer Internal Protocol', 0x8915: 'RDMA over Converged Ethernet',
  0xd00d: 'Digium TDM over Ethernet Protocol', 0x88b4: 'WAI Authentication Protocol', 0x8926: 'VN-Tag',
  0x892b: 'Schweitzer Engineering Labs Layer 2 Protocol',
  0x892f: 'High-availability Seamless Redundancy (IEC62439 Part 3)', 0x08ff: 'AX.25', 0x8909: 'CiscoMetaData',
  0x8947: 'GeoNetworking', 0xc0de: 'eXpressive Internet Protocol', 0xc0df: 'Neighborhood Watch Protocol',
  0x892d: 'bluecom Protocol', 0x9100: 'QinQ: old non-standard 802.1ad',
  0x99fe: 'Technically Enhanced Capture Module Protocol (TECMP)', 0xa0ed: '6LoWPAN', 0xd28b: 'Arista Timestamp',
  0xaefe: 'eCPRI', 0xb4e3: 'CableLabs Layer-3 Protocol', 0xe555: 'EXos internal Extra Header',
  0xfff2: 'Cisco ACI ARP gleaning', 0xf1c1: '802.1CB Frame Replication and Elimination for Reliability',
};

const hfPadding = defineField('eth.padding', 'Padding', 'bytes', { blurb: 'Ethernet Padding' });
export const hfEthTrailer = defineField('eth.trailer', 'Trailer', 'bytes', { blurb: 'Ethernet Trailer or Checksum' });
const hfFcs = defineField('eth.fcs', 'Frame check sequence', 'uint32', { base: 'hex', blurb: 'Ethernet checksum' });
const hfFcsStatus = defineField('eth.fcs.status', 'FCS Status', 'uint8', {
  base: 'none',
  vals: { 0: 'Bad', 1: 'Good', 2: 'Unverified', 3: 'Not present', 4: 'Illegal' },
});
const PADDING_BAD = 'Padding identification may be inaccurate and impact trailer dissector';
/** The padding check of an 802.3 (length) frame: it runs in Wireshark's Ethernet dissector. */
const eiPaddingBad = defineExpert('eth.padding_bad', 'protocol', 'note', PADDING_BAD);
/** The same after a dispatch on the EtherType: Wireshark runs it in its Ethertype dissector, and `-z expert` says so. */
const eiPaddingBadEthertype = defineExpert('eth.padding_bad', 'protocol', 'note', PADDING_BAD, { tapProtocol: 'Ethertype' });

/** Minimum Ethernet frame length without FCS: shorter frames are padded up to it. */
const ETH_MIN_LEN = 60;

/**
 * Dispatches the bytes of `tvb` from `off` on `etype`. `parent` is the tree of the layer that
 * carried the type (padding and trailer go there, as in Wireshark); `trailer` is that layer's
 * trailer field; `fcsLen` is 4 when the frame is known to end in an FCS, 0 when it is known not
 * to, −1 when unknown (Ethernet from pcap: guessed from the lengths, as Wireshark does).
 */
export function dispatchEthertype(
  etype: number, tvb: Tvb, off: number, pinfo: PacketInfo, tree: ProtoNode, parent: ProtoNode,
  trailer: FieldDef = hfEthTrailer, fcsLen = 0,
): void {
  pinfo.enter(proto);
  const before = tvb.reportedRemaining(off);
  let payload = tvb.sub(off);
  if (fcsLen > 0 && before >= fcsLen) payload = tvb.sub(off, before - fcsLen);
  let used: number;
  const current = pinfo.current;
  try {
    used = ethertypes.call(etype, payload, pinfo, tree);
  } catch (e) {
    // Wireshark's dissect_ethertype catches its payload's exception, shows it, and still adds
    // the trailer after what the payload said its length was (set_actual_length).
    if (!pinfo.catchErrors || !isDissectorError(e)) throw e;
    pinfo.caught = e;
    // Shown as raised by the protocol that threw (-z expert names it), then Ethertype goes on.
    showException(e, pinfo, tree);
    pinfo.current = current;
    used = pinfo.actualLength(payload);
  }
  if (used < 0) {
    used = callDissector(data, payload, pinfo, tree);
    pinfo.setProtocol(`0x${etype.toString(16).padStart(4, '0')}`);
    const name = ETHERTYPE_NAMES[etype];
    if (name !== undefined) pinfo.setInfo(name);
  }
  if (used < before && tvb.remaining(off + used) > 0) {
    addEthernetTrailer(pinfo, parent, trailer, tvb, off + used, fcsLen, eiPaddingBadEthertype);
  }
}

/**
 * Wireshark's add_ethernet_trailer: the bytes of `tvb` from `at` on follow the payload. `tvb` is
 * the view of the layer that carried the length or type (its reported length decides whether an
 * FCS is likely).
 */
export function addEthernetTrailer(pinfo: PacketInfo, fh: ProtoNode, trailer: FieldDef, tvb: Tvb, at: number, fcsLen: number, paddingBad: ExpertDef = eiPaddingBad): void {
  const t = tvb.sub(at);
  let len = t.length;
  let rep = t.reportedLength;
  const pktLen = pinfo.meta.origLen;
  const maybePadded = pktLen >= ETH_MIN_LEN && pktLen - rep < ETH_MIN_LEN;
  let padding = 0;
  if (maybePadded) {
    padding = ETH_MIN_LEN - (pktLen - rep);
    // Padding must be all zeros (the "Zeros" default of Wireshark's eth.padding preference). The
    // captured bytes are read directly; a padding that runs past them fails as reading the first
    // missing byte does (unless a captured byte already was not zero).
    const have = padding < len ? padding : len;
    const d = t.data;
    const a = t.start;
    let i = 0;
    while (i < have && d[a + i] === 0) i++;
    if (i < have) padding = 0;
    else if (have < padding) t.u8(have);
    if (padding > 0) {
      fh.add(hfPadding, t, 0, padding);
      len -= padding;
      rep -= padding;
    }
  }
  let hasFcs = false;
  if (fcsLen !== 0 && (fcsLen === 4 || (tvb.reportedLength >= 64 && rep >= 4))) {
    if (len < rep) {
      rep -= 4;
      if (len > rep) len = rep;
    } else {
      len -= 4;
      rep -= 4;
    }
    if (len < 0) len = 0;
    hasFcs = true;
  }
  const realRep = fcsLen === 4 ? rep : t.reportedLength - padding;
  if (realRep !== 0 && len > 0) {
    const n = fh.add(trailer, t, padding, len);
    // Raised in the summary pass too: the index's expert column and the expert view rely on it.
    if (maybePadded && padding === 0) {
      pinfo.expert(n, paddingBad, t, padding, 0, "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.");
    }
  }
  if (hasFcs) {
    const fcs = t.u32(padding + len);
    if (fh.real) {
      fh.add(hfFcs, t, padding + len, 4, fcs).setLabel(`Frame check sequence: 0x${fcs.toString(16).padStart(8, '0')} [unverified]`);
      fh.addGenerated(hfFcsStatus, 2).setLabel('FCS Status: Unverified');
    }
  }
}
