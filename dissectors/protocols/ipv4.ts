/*
 * Internet Protocol version 4 (RFC 791), as Wireshark 4.0's packet-ip.c shows it: header fields,
 * options, the header checksum, fragments and their reassembly (the `ip.defragment` default).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version|  IHL  |    DS    |ECN|          Total Length         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Identification        |Flags|     Fragment Offset     |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Time to Live |    Protocol   |         Header Checksum       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                       Source Address                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Destination Address                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Options (IHL > 5)                          |
 *
 * The payload is handed to the `ip.proto` table (then the `ip` heuristics, then data) with the
 * TTL as `data` (ICMP shows it in its Info). The view is cut to the Total Length, so what follows
 * (Ethernet padding) is left to the layer below.
 *
 * Checksums: like tshark's default (`ip.check_checksum` off) the field shows "[validation
 * disabled]" with status Unverified (2) and no expert item: captures made on the sending host
 * carry zero or partial checksums (checksum offload), and flagging every such packet as an error
 * is why Wireshark turned the check off by default.
 */
import { callDissector, heuristicTable, table, type ProtocolSpec } from '../core/dispatch.js';
import { defineExpert, type ExpertDef } from '../core/expert.js';
import { defineField, defineFieldAgain, defineOptionProtocol, defineProtocol, type FieldDef, type ProtocolDef } from '../core/fields.js';
import { bitmaskLabel, bitPattern } from '../core/format.js';
import { AddrKind, type PacketInfo } from '../core/pinfo.js';
import { NodeFlags, type ProtoNode } from '../core/tree.js';
import { Tvb } from '../core/tvb.js';
import { formatIPv4, hex4 } from '../core/addr.js';
import { hostText4, labelText4, type HostNames } from '../resolve/host-names.js';
import { FragmentTable, type Reassembly } from '../core/defrag.js';
import { data } from './data.js';

export const proto = defineProtocol('ip', 'Internet Protocol Version 4', 'IPv4', 'network');

/** Wireshark's ipproto_val (4.0): the names of IP protocol numbers 0‥224 (others: Unknown). */
export const IPPROTO_NAMES: readonly string[] = [
  'IPv6 Hop-by-Hop Option', 'ICMP', 'IGMP', 'GGP', 'IPIP', 'Stream', 'TCP', 'CBT', 'EGP', 'IGRP', 'BBN RCC',
  'Network Voice', 'PUP', 'ARGUS', 'EMCON', 'XNET', 'CHAOS', 'UDP', 'Multiplex', 'DCN Measurement',
  'Host Monitoring', 'Packet radio', 'IDP', 'Trunk-1', 'Trunk-2', 'Leaf-1', 'Leaf-2', 'Reliable Data', 'IRT',
  'ISO TP4', 'Bulk Data', 'MFE NSP', 'Merit Internodal', 'Datagram Congestion Control Protocol',
  '3rd Party Connect', 'Inter-Domain Policy Routing Protocol', 'XTP', 'Datagram delivery', 'Control Message',
  'TP++', 'IL', 'IPv6', 'Source demand routing', 'Routing Header for IPv6', 'Fragment Header for IPv6',
  'Inter-Domain Routing Protocol', 'Reservation Protocol', 'Generic Routing Encapsulation',
  'Dynamic source routing', 'BNA', 'Encap Security Payload', 'Authentication Header', 'INSLP', 'SWIPE',
  'NBMA ARP', 'IP Mobility', 'TLSP Kryptonet', 'SKIP', 'ICMPv6', 'No Next Header for IPv6',
  'Destination Options for IPv6', 'any host internal protocol', 'Mobile IPv6 (old)', 'any local network',
  'SATNET EXPAK', 'Kryptolan', 'Remote Virtual Disk', 'IPPC', 'any distributed file system',
  'SATNET Monitoring', 'VISA', 'IPCV', 'CPNX', 'CPHB', 'Wang Span', 'Packet Video', 'Backroom SATNET Mon',
  'Sun ND Protocol', 'Wideband Mon', 'Wideband Expak', 'ISO Internet Protocol', 'VMTP', 'Secure VMTP', 'VINES',
  'TTP', 'NSFNET IGP', 'Dissimilar Gateway', 'TCF', 'EIGRP', 'OSPF IGP', 'Sprite RPC', 'Locus ARP',
  'Multicast Transport', 'AX.25 Frames', 'IP in IP', 'MICP', 'Semaphore', 'Ether in IP', 'ENCAP',
  'any private encryption scheme', 'GMTP', 'Ipsilon Flow', 'PNNI over IP', 'PIM', 'ARIS', 'SCPS', 'QNX',
  'Active Networks', 'IPComp', 'Sitara Networks', 'Compaq Peer', 'IPX IN IP', 'VRRP', 'PGM',
  'any 0-hop protocol', 'Layer 2 Tunneling', 'DDX', 'IATP', 'STP', 'SpectraLink', 'UTI', 'SMP', 'SM', 'PTP',
  'ISIS over IP', 'FIRE', 'CRTP', 'CRUDP', 'SSCOPMCE', 'IPLT', 'Secure Packet', 'PIPE', 'SCTP', 'Fibre Channel',
  'RSVP E2EI', 'Mobile IPv6', 'UDPLite', 'MPLS in IP', 'MANET', 'HIP', 'Shim6 header', 'WESP', 'ROHC',
  'Ethernet', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'AX/4000 Testframe', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned',
  'Unassigned', 'Unassigned', 'Unassigned', 'Unassigned', 'Novell NCS Heartbeat',
];

export const IPPROTO_VALS = new Map<number, string>(IPPROTO_NAMES.map((n, i) => [i, n]));

/** Wireshark's ipprotostr(): the protocol's name, or "Unknown". */
export function ipProtoName(p: number): string {
  return IPPROTO_NAMES[p] ?? 'Unknown';
}

/** DSCP names (short for the summary, long for the field). */
export const DSCP_VALS: Record<number, string> = {
  0: 'Default', 1: 'Lower Effort', 8: 'Class Selector 1', 10: 'Assured Forwarding 11', 12: 'Assured Forwarding 12',
  14: 'Assured Forwarding 13', 16: 'Class Selector 2', 18: 'Assured Forwarding 21', 20: 'Assured Forwarding 22',
  22: 'Assured Forwarding 23', 24: 'Class Selector 3', 26: 'Assured Forwarding 31', 28: 'Assured Forwarding 32',
  30: 'Assured Forwarding 33', 32: 'Class Selector 4', 34: 'Assured Forwarding 41', 36: 'Assured Forwarding 42',
  38: 'Assured Forwarding 43', 40: 'Class Selector 5', 44: 'Voice Admit', 46: 'Expedited Forwarding',
  48: 'Class Selector 6', 56: 'Class Selector 7',
};
const DSCP_SHORT: Record<number, string> = {
  0: 'CS0', 1: 'LE', 8: 'CS1', 10: 'AF11', 12: 'AF12', 14: 'AF13', 16: 'CS2', 18: 'AF21', 20: 'AF22', 22: 'AF23',
  24: 'CS3', 26: 'AF31', 28: 'AF32', 30: 'AF33', 32: 'CS4', 34: 'AF41', 36: 'AF42', 38: 'AF43', 40: 'CS5',
  44: 'VOICE-ADMIT', 46: 'EF PHB', 48: 'CS6', 56: 'CS7',
};
export const ECN_VALS: Record<number, string> = {
  0: 'Not ECN-Capable Transport', 1: "ECN-Capable Transport codepoint '01'",
  2: "ECN-Capable Transport codepoint '10'", 3: 'Congestion Experienced',
};
const ECN_SHORT = ['Not-ECT', 'ECT(1)', 'ECT(0)', 'CE'];

/** ` (DSCP: CS0, ECN: Not-ECT)`, the summary Wireshark appends to a DS / traffic class field. */
export function dsSummary(tos: number): string {
  return ` (DSCP: ${DSCP_SHORT[tos >> 2] ?? 'Unknown'}, ECN: ${ECN_SHORT[tos & 3]})`;
}

/** Checksum status values (Wireshark's proto_checksum_vals). */
export const CHECKSUM_STATUS_VALS: Record<number, string> = { 0: 'Bad', 1: 'Good', 2: 'Unverified', 3: 'Not present', 4: 'Illegal' };
export const CHECKSUM_BAD = 0;
export const CHECKSUM_GOOD = 1;
export const CHECKSUM_UNVERIFIED = 2;
export const CHECKSUM_NOT_PRESENT = 3;

export const hfVersion = defineField('ip.version', 'Version', 'uint8', { mask: 0xf0, hfMask: 0 });
const hfHdrLen = defineField('ip.hdr_len', 'Header Length', 'uint8', { blurb: 'Header length in 32-bit words' });
const hfDsfield = defineField('ip.dsfield', 'Differentiated Services Field', 'uint8', { base: 'hex' });
const hfDscp = defineField('ip.dsfield.dscp', 'Differentiated Services Codepoint', 'uint8', { mask: 0xfc, vals: DSCP_VALS });
const hfEcn = defineField('ip.dsfield.ecn', 'Explicit Congestion Notification', 'uint8', { mask: 0x03, vals: ECN_VALS });
const hfLen = defineField('ip.len', 'Total Length', 'uint16');
const hfId = defineField('ip.id', 'Identification', 'uint16', { base: 'hex_dec' });
const hfFlags = defineField('ip.flags', 'Flags', 'uint8', { base: 'hex', mask: 0xe0, blurb: 'Flags (3 bits)' });
const hfFlagRb = defineField('ip.flags.rb', 'Reserved bit', 'boolean', { mask: 0x80, bits: 8 });
const hfFlagDf = defineField('ip.flags.df', "Don't fragment", 'boolean', { mask: 0x40, bits: 8 });
const hfFlagMf = defineField('ip.flags.mf', 'More fragments', 'boolean', { mask: 0x20, bits: 8 });
const hfFragOffset = defineField('ip.frag_offset', 'Fragment Offset', 'uint16', { mask: 0x1fff, blurb: 'Fragment offset (13 bits)' });
const hfTtl = defineField('ip.ttl', 'Time to Live', 'uint8');
export const hfProto = defineField('ip.proto', 'Protocol', 'uint8', { vals: IPPROTO_VALS });
const hfChecksum = defineField('ip.checksum', 'Header Checksum', 'uint16', { base: 'hex' });
const hfChecksumStatus = defineField('ip.checksum.status', 'Header checksum status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS_VALS });
const hfSrc = defineField('ip.src', 'Source Address', 'ipv4');
const hfDst = defineField('ip.dst', 'Destination Address', 'ipv4');
const hfAddr = defineField('ip.addr', 'Source or Destination Address', 'ipv4');
const hfSrcHost = defineField('ip.src_host', 'Source Host', 'string');
const hfDstHost = defineField('ip.dst_host', 'Destination Host', 'string');
const hfHost = defineField('ip.host', 'Source or Destination Host', 'string');
const hfCurRt = defineField('ip.cur_rt', 'Current Route', 'ipv4');
const hfCurRtHost = defineField('ip.cur_rt_host', 'Current Route Host', 'string');

// Options.
const hfOptType = defineField('ip.opt.type', 'Type', 'uint8');
const hfOptTypeCopy = defineField('ip.opt.type.copy', 'Copy on fragmentation', 'boolean', { mask: 0x80, bits: 8, tfs: ['Yes', 'No'] });
const hfOptTypeClass = defineField('ip.opt.type.class', 'Class', 'uint8', {
  mask: 0x60, vals: { 0: 'Control', 1: 'Reserved for future use', 2: 'Debugging and measurement', 3: 'Reserved for future use' },
});
const OPT_NUMBER_NAMES: Record<number, string> = {
  0: 'End of Option List (EOL)', 1: 'No-Operation (NOP)', 2: 'Security', 3: 'Loose source route', 4: 'Time stamp',
  5: 'Extended security', 6: 'Commercial IP security option', 7: 'Record route', 8: 'Stream identifier',
  9: 'Strict source route', 10: 'Experimental Measurement', 11: 'MTU probe', 12: 'MTU Reply',
  13: 'Experimental Flow Control', 14: 'Experimental Access Control', 15: 'Ask Estrin', 16: 'IMI Traffic Descriptor',
  17: 'Extended Internet Protocol', 18: 'Traceroute', 19: 'Address Extension', 20: 'Router Alert',
  21: 'Selective Directed Broadcast', 22: 'Unassigned', 23: 'Dynamic Packet State', 24: 'Upstream Multicast Packet',
  25: 'Quick-Start', 30: 'RFC 3692-style experiment',
};
const hfOptTypeNumber = defineField('ip.opt.type.number', 'Number', 'uint8', { mask: 0x1f, vals: OPT_NUMBER_NAMES });
const hfOptLen = defineField('ip.opt.len', 'Length', 'uint8');
const hfOptPtr = defineField('ip.opt.ptr', 'Pointer', 'uint8');
const hfOptSid = defineField('ip.opt.sid', 'Stream Identifier', 'uint16', { blurb: 'SATNET stream identifier' });
const hfOptMtu = defineField('ip.opt.mtu', 'MTU', 'uint16');
const hfOptIdNumber = defineField('ip.opt.id_number', 'ID Number', 'uint16');
const hfOptOhc = defineField('ip.opt.ohc', 'Outbound Hop Count', 'uint16');
const hfOptRhc = defineField('ip.opt.rhc', 'Return Hop Count', 'uint16');
const hfOptOriginator = defineField('ip.opt.originator', 'Originator IP Address', 'ipv4');
const hfOptRa = defineField('ip.opt.ra', 'Router Alert', 'uint16');
const hfOptAddr = defineField('ip.opt.addr', 'IP Address', 'ipv4');
const hfOptPadding = defineField('ip.opt.padding', 'Padding', 'bytes');
const hfOptQsFunc = defineField('ip.opt.qs_func', 'Function', 'uint8', { mask: 0xf0, vals: { 0: 'Rate request', 8: 'Rate report' } });
const QS_RATES: Record<number, string> = {
  0: '0 bit/s', 1: '80 Kbit/s', 2: '160 Kbit/s', 3: '320 Kbit/s', 4: '640 Kbit/s', 5: '1.28 Mbit/s', 6: '2.56 Mbit/s',
  7: '5.12 Mbit/s', 8: '10.24 Mbit/s', 9: '20.48 Mbit/s', 10: '40.96 Mbit/s', 11: '81.92 Mbit/s', 12: '163.84 Mbit/s',
  13: '327.68 Mbit/s', 14: '655.36 Mbit/s', 15: '1.31072 Gbit/s',
};
const hfOptQsRate = defineField('ip.opt.qs_rate', 'Rate', 'uint8', { mask: 0x0f, vals: QS_RATES });
const hfOptQsTtl = defineField('ip.opt.qs_ttl', 'QS TTL', 'uint8');
const hfOptQsTtlDiff = defineField('ip.opt.qs_ttl_diff', 'TTL Diff', 'uint8');
const hfOptQsUnused = defineField('ip.opt.qs_unused', 'Not Used', 'uint8');
const hfOptQsNonce = defineField('ip.opt.qs_nonce', 'QS Nonce', 'uint32', { base: 'hex', mask: 0xfffffffc });
const hfOptQsReserved = defineField('ip.opt.qs_reserved', 'Reserved', 'uint32', { base: 'hex', mask: 0x3 });
const SEC_RFC791: Record<number, string> = {
  0x0000: 'Unclassified', 0xf135: 'Confidential', 0x789a: 'EFTO', 0xbc4d: 'MMMM', 0x5e26: 'PROG', 0xaf13: 'Restricted',
  0xd788: 'Secret', 0x6bc5: 'Top secret', 0x35e2: 'Reserved', 0x9af1: 'Reserved', 0x4d78: 'Reserved', 0x24bd: 'Reserved',
  0x135e: 'Reserved', 0x89af: 'Reserved', 0xc4d6: 'Reserved', 0xe26b: 'Reserved',
};
const hfOptSec791 = defineField('ip.opt.sec_rfc791_sec', 'Security', 'uint16', { base: 'hex', vals: SEC_RFC791 });
const hfOptSec791Comp = defineField('ip.opt.sec_rfc791_comp', 'Compartments', 'uint16');
const hfOptSec791Hr = defineField('ip.opt.sec_rfc791_hr', 'Handling Restrictions', 'string');
const hfOptSec791Tcc = defineField('ip.opt.sec_rfc791_tcc', 'Transmission Control Code', 'string');
const hfOptSecCl = defineField('ip.opt.sec_cl', 'Classification Level', 'uint8', {
  base: 'hex', vals: { 0x01: 'Reserved 4', 0x3d: 'Top secret', 0x5a: 'Secret', 0x96: 'Confidential', 0x66: 'Reserved 3', 0xcc: 'Reserved 2', 0xab: 'Unclassified', 0xf1: 'Reserved 1' },
});
const hfOptSecPaf = defineField('ip.opt.sec_prot_auth_flags', 'Protection Authority Flags', 'uint8', { base: 'hex' });
const PROT_TFS = ['Datagram protected in accordance with its rules', 'Datagram not protected in accordance with its rules'] as const;
const hfOptSecGenser = defineField('ip.opt.sec_prot_auth_genser', 'GENSER', 'boolean', { mask: 0x80, bits: 8, tfs: PROT_TFS });
const hfOptSecSiop = defineField('ip.opt.sec_prot_auth_siop_esi', 'SIOP-ESI', 'boolean', { mask: 0x40, bits: 8, tfs: PROT_TFS });
const hfOptSecSci = defineField('ip.opt.sec_prot_auth_sci', 'SCI', 'boolean', { mask: 0x20, bits: 8, tfs: PROT_TFS });
const hfOptSecNsa = defineField('ip.opt.sec_prot_auth_nsa', 'NSA', 'boolean', { mask: 0x10, bits: 8, tfs: PROT_TFS });
const hfOptSecDoe = defineField('ip.opt.sec_prot_auth_doe', 'DOE', 'boolean', { mask: 0x08, bits: 8, tfs: PROT_TFS });
const hfOptSecUnassigned = defineField('ip.opt.sec_prot_auth_unassigned', 'Unassigned', 'uint8', { base: 'hex', mask: 0x06 });
const hfOptSecUnassigned2 = defineFieldAgain('ip.opt.sec_prot_auth_unassigned', 'Unassigned', 'uint8', { base: 'hex', mask: 0xfe });
const hfOptSecFti = defineField('ip.opt.sec_prot_auth_fti', 'Field Termination Indicator', 'boolean', { mask: 0x01, bits: 8, tfs: ['Additional octet present', 'Final octet'] });
const hfOptExtSecCode = defineField('ip.opt.ext_sec_add_sec_info_format_code', 'Additional Security Info Format Code', 'uint8', { base: 'hex' });
const hfOptExtSecInfo = defineField('ip.opt.ext_sec_add_sec_info', 'Additional Security Info', 'bytes');
const hfRecRt = defineField('ip.rec_rt', 'Recorded Route', 'ipv4');
const hfRecRtHost = defineField('ip.rec_rt_host', 'Recorded Route Host', 'string');
const hfSrcRt = defineField('ip.src_rt', 'Source Route', 'ipv4');
const hfSrcRtHost = defineField('ip.src_rt_host', 'Source Route Host', 'string');
const hfEmptyRt = defineField('ip.empty_rt', 'Empty Route', 'ipv4');
const hfEmptyRtHost = defineField('ip.empty_rt_host', 'Empty Route Host', 'string');
const hfCipsoTagType = defineField('ip.cipso.tag_type', 'Tag Type', 'uint8', {
  vals: { 0: 'Padding', 1: 'Restrictive Category Bitmap', 2: 'Enumerated Categories', 5: 'Ranged Categories', 6: 'Permissive Categories', 7: 'Free Form' },
});
const hfCipsoDoi = defineField('ip.cipso.doi', 'DOI', 'uint32');
const hfCipsoLevel = defineField('ip.cipso.sensitivity_level', 'Sensitivity Level', 'uint8');
const hfCipsoCategories = defineField('ip.cipso.categories', 'Categories', 'string');
const hfCipsoTagData = defineField('ip.cipso.tag_data', 'Tag data', 'bytes');
const hfOptOverflow = defineField('ip.opt.overflow', 'Overflow', 'uint8', { mask: 0xf0 });
const hfOptFlag = defineField('ip.opt.flag', 'Flag', 'uint8', {
  base: 'hex', mask: 0x0f, vals: { 0: 'Time stamps only', 1: 'Time stamp and address', 3: 'Time stamps for prespecified addresses' },
});
const hfOptTimeStamp = defineField('ip.opt.time_stamp', 'Time stamp', 'uint32');
const hfOptTimeStampAddr = defineField('ip.opt.time_stamp_addr', 'Address', 'ipv4');

// Fragments and reassembly.
const hfFragments = defineField('ip.fragments', 'IPv4 Fragments', 'bytes');
const hfFragment = defineField('ip.fragment', 'IPv4 Fragment', 'framenum');
const hfFragmentOverlap = defineField('ip.fragment.overlap', 'Fragment overlap', 'boolean', { tfs: ['True', 'False'], blurb: 'Fragment overlaps with other fragments' });
const hfFragmentConflict = defineField('ip.fragment.overlap.conflict', 'Conflicting data in fragment overlap', 'boolean', { tfs: ['True', 'False'], blurb: 'Overlapping fragments contained conflicting data' });
const hfFragmentMultiTails = defineField('ip.fragment.multipletails', 'Multiple tail fragments found', 'boolean', { tfs: ['True', 'False'], blurb: 'Several tails were found when defragmenting the packet' });
const hfFragmentTooLong = defineField('ip.fragment.toolongfragment', 'Fragment too long', 'boolean', { tfs: ['True', 'False'], blurb: 'Fragment contained data past end of packet' });
const hfFragmentCount = defineField('ip.fragment.count', 'Fragment count', 'uint32');
const hfReassembledIn = defineField('ip.reassembled_in', 'Reassembled IPv4 in frame', 'framenum', { blurb: 'This IPv4 packet is reassembled in this frame' });
const hfReassembledLength = defineField('ip.reassembled.length', 'Reassembled IPv4 length', 'uint32', { blurb: 'The total length of the reassembled payload' });
const hfReassembledData = defineField('ip.reassembled.data', 'Reassembled IPv4 data', 'bytes', { blurb: 'The reassembled payload' });

const eiBogusVersion = defineExpert('ip.bogus_ip_version', 'protocol', 'error', 'Bogus IP version');
const eiBogusHeaderLength = defineExpert('ip.bogus_header_length', 'protocol', 'error', 'Bogus IP header length');
const eiBogusIpLength = defineExpert('ip.bogus_ip_length', 'protocol', 'error', 'Bogus IP length');
// Registered for filters (`ip.checksum_bad.expert`, as in Wireshark); raised only when validation is on, which it is not by default.
defineExpert('ip.checksum_bad.expert', 'checksum', 'error', 'Bad checksum');
const eiTtlLncb = defineExpert('ip.ttl.lncb', 'sequence', 'note', 'Time To Live');
const eiTtlTooSmall = defineExpert('ip.ttl.too_small', 'sequence', 'note', 'Time To Live');
const eiOptLenInvalid = defineExpert('ip.opt.len.invalid', 'protocol', 'warn', 'Invalid length for option');
const eiOptPtrBefore = defineExpert('ip.opt.ptr.before_address', 'protocol', 'warn', 'Pointer points before first address');
const eiOptPtrMiddle = defineExpert('ip.opt.ptr.middle_address', 'protocol', 'warn', 'Pointer points to middle of address');
const eiSuboptTooLong = defineExpert('ip.subopt_too_long', 'protocol', 'warn', 'Suboption would go past end of option');
const eiNop = defineExpert('ip.nop', 'protocol', 'warn', '4 NOP in a row - a router may have removed some options');
const eiCipso = defineExpert('ip.cipso.malformed', 'sequence', 'error', 'Malformed CIPSO tag');

// Options are shown as protocols of their own, as in Wireshark ("IP Option - Router Alert").
const optEol = defineOptionProtocol('ip.options.eol', 'IP Option - End of Options List (EOL)', 'End of Options List (EOL)');
const optNop = defineOptionProtocol('ip.options.nop', 'IP Option - No-Operation (NOP)', 'No Operation (NOP)');
const optSecurity = defineOptionProtocol('ip.options.security', 'IP Option - Security', 'Security');
const optLsr = defineOptionProtocol('ip.options.route', 'IP Option - Loose Source Route', 'Loose Source Route');
const optTimestamp = defineOptionProtocol('ip.options.timestamp', 'IP Option - Time Stamp', 'Time Stamp');
const optExtSecurity = defineOptionProtocol('ip.options.ext_security', 'IP Option - Extended Security', 'Extended Security');
const optCipso = defineOptionProtocol('ip.options.cipso', 'IP Option - Commercial Security', 'Commercial Security');
const optRr = defineOptionProtocol('ip.options.record_route', 'IP Option - Record Route', 'Record Route');
const optSid = defineOptionProtocol('ip.options.sid', 'IP Option - Stream ID', 'Stream ID');
const optSsr = defineOptionProtocol('ip.options.source_route', 'IP Option - Strict Source Route', 'Strict Source Route');
const optMtuProbe = defineOptionProtocol('ip.options.mtu_probe', 'IP Option - MTU Probe', 'MTU Probe');
const optMtuReply = defineOptionProtocol('ip.options.mtu_reply', 'IP Option - MTU Reply', 'MTU Reply');
const optTraceroute = defineOptionProtocol('ip.options.traceroute', 'IP Option - Traceroute', 'Traceroute');
const optRouterAlert = defineOptionProtocol('ip.options.routeralert', 'IP Option - Router Alert', 'Router Alert');
const optSdb = defineOptionProtocol('ip.options.sdb', 'IP Option - Selective Directed Broadcast', 'Selective Directed Broadcast');
const optQs = defineOptionProtocol('ip.options.qs', 'IP Option - Quick-Start', 'Quick-Start');

/** Option type → its protocol (options without an entry are shown as unknown). */
const OPTIONS = new Map<number, ProtocolDef>([
  [0x82, optSecurity], [0x83, optLsr], [0x44, optTimestamp], [0x85, optExtSecurity], [0x86, optCipso], [0x07, optRr],
  [0x88, optSid], [0x89, optSsr], [0x0b, optMtuProbe], [0x0c, optMtuReply], [0x52, optTraceroute], [0x94, optRouterAlert],
  [0x95, optSdb], [0x19, optQs],
]);

export const ipProtos = table('ip.proto', 'IP protocol');
const ipHeuristics = heuristicTable('ip');

/**
 * Wireshark's call_data_dissector: the data dissector claims nothing (no tree item, no layer in
 * frame.protocols) when no byte of `tvb` was captured.
 */
export function callData(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): void {
  if (tvb.length > 0) callDissector(data, tvb, pinfo, tree);
}

/**
 * Hands an IP payload on: the `ip.proto` table, then the `ip` heuristics (Wireshark's
 * ip_try_dissect without "try heuristics first"). False when nobody took it.
 */
export function dispatchIpPayload(nxt: number, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, hopLimit: number): boolean {
  if (ipProtos.call(nxt, tvb, pinfo, tree, hopLimit) >= 0) return true;
  return ipHeuristics.call(tvb, pinfo, tree, hopLimit);
}

/**
 * The Internet checksum (RFC 1071) of `len` bytes at absolute offset `off` of `d`, added to
 * `initial` (a partial one's-complement sum, e.g. of a pseudo-header); returns the complemented
 * 16-bit result, 0 when the data (with its checksum field) is correct.
 */
export function inetChecksum(d: Uint8Array, off: number, len: number, initial = 0): number {
  return (~foldSum(d, off, len, initial)) & 0xffff;
}

/** One's-complement sum of `len` bytes (folded to 16 bits), added to `initial`. */
export function foldSum(d: Uint8Array, off: number, len: number, initial = 0): number {
  let sum = initial;
  const end = off + (len & ~1);
  let i = off;
  for (; i < end; i += 2) sum += (d[i]! << 8) | d[i + 1]!;
  if (len & 1) sum += d[i]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 65536);
  return sum;
}

/** Made once: a closure written in the call would be allocated per packet. */
export const newFragmentTable = (): FragmentTable => new FragmentTable();

/** Reassembly state kept across the packets of a capture. */
export function ipFragments(pinfo: PacketInfo): FragmentTable {
  return pinfo.ctx.state(proto, newFragmentTable);
}

const IPH_MIN_LEN = 20;

export const ipv4: ProtocolSpec = {
  proto,
  bind: [['ethertype', 0x0800]],
  dissect(tvb0, pinfo, tree) {
    pinfo.setProtocol('IPv4');
    pinfo.setInfo('');
    const b0 = tvb0.u8(0);
    const version = b0 >> 4;
    const hlen = (b0 & 0x0f) * 4;
    const full = tree.real;
    const t = tree.addProto(proto, tvb0, 0, hlen);
    // A full tree's field labels (a reduced tree keeps values only).
    const det = t.detailed;
    const vn = t.add(hfVersion, tvb0, 0, 1, version);
    if (version !== 4) {
      if (pinfo.wantInfo) pinfo.setInfo(`Bogus IPv4 version (${version}, must be 4)`);
      pinfo.expert(vn, eiBogusVersion, tvb0, 0, 1, 'Bogus IPv4 version');
      if (version === 6) {
        const v6 = table('ethertype').get(0x86dd);
        if (v6) return callDissector(v6, tvb0, pinfo, tree);
      }
      return tvb0.reportedLength;
    }
    if (hlen < IPH_MIN_LEN) {
      if (pinfo.wantInfo) pinfo.setInfo(`Bogus IP header length (${hlen}, must be at least ${IPH_MIN_LEN})`);
      const n = t.add(hfHdrLen, tvb0, 0, 1, hlen);
      if (full) n.setLabel(`${bitPattern(0x0f, 8, hlen >> 2)}Header Length: ${hlen} bytes (${hlen >> 2})`);
      pinfo.expert(n, eiBogusHeaderLength, tvb0, 0, 1, pinfo.wantExpertText ? `Bogus IP header length (${hlen}, must be at least ${IPH_MIN_LEN})` : undefined);
      return tvb0.reportedLength;
    }
    if (full) {
      const n = t.add(hfHdrLen, tvb0, 0, 1, hlen);
      if (det) n.setLabel(`${bitPattern(0x0f, 8, hlen >> 2)}Header Length: ${hlen} bytes (${hlen >> 2})`);
    }
    const tos = tvb0.u8(1);
    if (full) {
      const ds = t.add(hfDsfield, tvb0, 1, 1, tos);
      if (det) ds.setLabel(`Differentiated Services Field: 0x${hex2(tos)}${dsSummary(tos)}`);
      ds.add(hfDscp, tvb0, 1, 1, tos >> 2);
      ds.add(hfEcn, tvb0, 1, 1, tos & 3);
    }
    let ipLen = tvb0.u16(2);
    let tvb = tvb0;
    let consumed = tvb0.reportedLength;
    // A total length of 0 on a captured datagram: TCP segmentation offload left it to the card
    // (Wireshark takes the length it has, in a generated item saying so).
    const tso = ipLen === 0 && !pinfo.inErrorPkt;
    if (tso) ipLen = tvb0.reportedLength;
    if (ipLen < hlen) {
      if (pinfo.wantInfo) pinfo.setInfo(`Bogus IP length (${ipLen}, less than header length ${hlen})`);
      const n = t.add(hfLen, tvb0, 2, 2, ipLen);
      if (full) n.setLabel(`Total Length: ${ipLen} bytes (bogus, less than header length ${hlen})`);
      pinfo.expert(n, eiBogusIpLength, tvb0, 2, 2);
      return consumed;
    }
    const lenNode = t.add(hfLen, tvb0, 2, 2, ipLen);
    if (tso) {
      lenNode.setFlags(NodeFlags.Generated);
      if (det) lenNode.setLabel(`Total Length: ${ipLen} bytes (reported as 0, presumed to be because of "TCP segmentation offload" (TSO))`);
    }
    if (ipLen > tvb0.reportedLength) {
      if (!pinfo.inErrorPkt) {
        pinfo.expert(lenNode, eiBogusIpLength, tvb0, 2, 2, pinfo.wantExpertText ? `IPv4 total length exceeds packet length (${tvb0.reportedLength} bytes)` : undefined);
      }
    } else {
      // Wireshark's set_actual_length: what follows the datagram is the lower layer's business.
      // (A datagram that fills the view needs no new one.)
      if (ipLen < tvb0.reportedLength) tvb = tvb0.sub(0, ipLen);
      consumed = ipLen;
      pinfo.setActualLength(tvb0, ipLen);
    }
    const id = tvb.u16(4);
    t.add(hfId, tvb, 4, 2, id);
    const off = tvb.u16(6);
    const flags = off >> 13;
    const mf = (off & 0x2000) !== 0;
    const fragOff = off & 0x1fff;
    if (full) {
      const fn = t.add(hfFlags, tvb, 6, 1, flags);
      if (det) {
        let fl = `${bitPattern(0xe0, 8, flags)}Flags: 0x${flags.toString(16)}`;
        if (flags & 4) fl += ', Reserved bit';
        if (flags & 2) fl += ", Don't fragment";
        if (flags & 1) fl += ', More fragments';
        fn.setLabel(fl);
      }
      fn.add(hfFlagRb, tvb, 6, 1, (flags >> 2) & 1);
      fn.add(hfFlagDf, tvb, 6, 1, (flags >> 1) & 1);
      fn.add(hfFlagMf, tvb, 6, 1, flags & 1);
      const on = t.add(hfFragOffset, tvb, 6, 2, fragOff);
      if (det) on.setLabel(`${bitPattern(0x1fff, 16, fragOff)}Fragment Offset: ${fragOff * 8}`);
    } else {
      t.add(hfFragOffset, tvb, 6, 2, fragOff);
    }
    const ttl = tvb.u8(8);
    const ttlNode = t.add(hfTtl, tvb, 8, 1, ttl);
    const ipProto = tvb.u8(9);
    t.add(hfProto, tvb, 9, 1, ipProto);
    const sum = tvb.u16(10);
    const sumNode = t.add(hfChecksum, tvb, 10, 2, sum);
    if (full) {
      if (det) sumNode.setLabel(`Header Checksum: 0x${hex4(sum)} [validation disabled]`);
      t.addGenerated(hfChecksumStatus, CHECKSUM_UNVERIFIED, tvb, 10, 0);
    }
    // i32 then >>> 0 here: a u32 of 128.0.0.0 and above returned from a call is a heap number.
    const src = tvb.i32(12) >>> 0;
    pinfo.setSrc(AddrKind.IPv4, tvb, 12);
    let label = '';
    // Address texts only for a tree that shows or keeps them (ip.src_host, ip.host).
    const labels = full && t.protocolLabels;
    const hosts = full && (labels || t.wants(hfHost) || t.wants(hfSrcHost) || t.wants(hfDstHost) || t.wants(hfCurRtHost));
    const names = pinfo.ctx.options.hostNames;
    if (full) {
      const s = hosts ? hostText4(names, src) : '';
      if (labels) {
        label = `Internet Protocol Version 4, Src: ${labelText4(names, src)}`;
        t.setLabel(label);
      }
      t.add(hfSrc, tvb, 12, 4, src);
      t.addHidden(hfAddr, tvb, 12, 4, src);
      t.addHidden(hfSrcHost, tvb, 12, 4, s).setFlags(NodeFlags.Generated);
      t.addHidden(hfHost, tvb, 12, 4, s).setFlags(NodeFlags.Generated);
    }
    // With a (still valid) source route, the real destination is the route's last address.
    const dstOff = hlen > IPH_MIN_LEN ? dstOffset(tvb, IPH_MIN_LEN, hlen - IPH_MIN_LEN) : 0;
    const dst = tvb.i32(16 + dstOff) >>> 0;
    pinfo.setDst(AddrKind.IPv4, tvb, 16 + dstOff);
    pinfo.noteTap(AddrKind.IPv4);
    // `& ` gives a signed int32: back to uint32 before comparing with 224.0.0.0.
    if (((dst & 0xffffff00) >>> 0) === 0xe0000000) {
      const valid = ipProto === 2 ? 1 : lncbValidTtl(dst);
      if (ttl !== valid && valid !== 0x1000) {
        pinfo.expert(ttlNode, eiTtlLncb, tvb, 8, 1, pinfo.wantExpertText ? `"Time To Live" != ${valid} for a packet sent to the Local Network Control Block (see RFC 3171)` : undefined);
      }
    } else if (ttl < 5 && (dst >>> 28) !== 0xe && ipProto !== 103 && ipProto !== 89) {
      pinfo.expert(ttlNode, eiTtlTooSmall, tvb, 8, 1, pinfo.wantExpertText ? `"Time To Live" only ${ttl}` : undefined);
    }
    if (full) {
      const d = hosts ? hostText4(names, dst) : '';
      if (labels) label += `, Dst: ${labelText4(names, dst)}`;
      if (dstOff) {
        const cur = tvb.u32(16);
        const c = hosts ? hostText4(names, cur) : '';
        if (labels) label += `, Via: ${labelText4(names, cur)}`;
        t.add(hfCurRt, tvb, 16, 4, cur);
        t.addHidden(hfCurRtHost, tvb, 16, 4, c).setFlags(NodeFlags.Generated);
      } else {
        t.add(hfDst, tvb, 16, 4, dst);
        t.addHidden(hfAddr, tvb, 16, 4, dst);
        t.addHidden(hfDstHost, tvb, 16, 4, d).setFlags(NodeFlags.Generated);
        t.addHidden(hfHost, tvb, 16, 4, d).setFlags(NodeFlags.Generated);
      }
      if (labels) t.setLabel(label);
    }
    if (hlen > IPH_MIN_LEN) {
      const optlen = hlen - IPH_MIN_LEN;
      const ot = t.addText(tvb, IPH_MIN_LEN, optlen, `Options: (${optlen} bytes)`);
      dissectOptions(tvb, IPH_MIN_LEN, optlen, pinfo, ot, ttl);
    }

    // Fragments: reassemble like Wireshark's default (ip.defragment on).
    const saveFragmented = pinfo.fragmented;
    let next: Tvb | null = null;
    let updateInfo = true;
    let reassembledIn = 0;
    if ((mf || fragOff) && ipLen > hlen && tvb.has(hlen, ipLen - hlen)) {
      const frags = ipFragments(pinfo);
      const key = `${src}>${dst}/${ipProto}/${id}`;
      const r = frags.add(key, pinfo.meta.num, fragOff * 8, tvb.bytes(hlen, ipLen - hlen), mf, pinfo.visited);
      if (r.done && r.reassembly.frame === pinfo.meta.num) {
        const re = r.reassembly;
        if (re.parts.length > 1) {
          pinfo.fragmented = false;
          const n = pinfo.addDataSource('Reassembled IPv4', re.data);
          next = pinfo.frameView(re.data, re.data.length, 'ip');
          next.source = n;
          updateInfo = !showFragments(re, t, pinfo, next, 'IPv4', fragmentFields);
        } else {
          next = tvb.sub(hlen);
          pinfo.fragmented = false;
        }
      } else if (!r.done && r.reassembledIn) {
        t.addGenerated(hfReassembledIn, r.reassembledIn, tvb, 0, 0);
        reassembledIn = r.reassembledIn;
      }
    } else if (!fragOff) {
      next = tvb.sub(hlen);
      pinfo.fragmented = mf;
    }
    if (next === null) {
      if (pinfo.wantInfo) {
        pinfo.setInfo(`Fragmented IP protocol (proto=${ipProtoName(ipProto)} ${ipProto}, off=${fragOff * 8}, ID=${hex4(id)})`);
        if (reassembledIn && pinfo.secondPass) pinfo.appendInfo(` [Reassembled in #${reassembledIn}]`);
      }
      callData(tvb.sub(hlen), pinfo, tree);
      pinfo.fragmented = saveFragmented;
      return consumed;
    }
    if (next.reportedLength > 0) {
      if (!dispatchIpPayload(ipProto, next, pinfo, tree, ttl)) {
        if (updateInfo && pinfo.wantInfo) pinfo.setInfo(`${ipProtoName(ipProto)} (${ipProto})`);
        callData(next, pinfo, tree);
      }
    }
    pinfo.fragmented = saveFragmented;
    return consumed;
  },
};

/**
 * Wireshark's "ip" dissector (dissect_ip), for IP in IP and the packet an ICMP error quotes (the
 * EtherType goes to IPv4's own): version 4 is IPv4, 6 is IPv6, and another version is one item,
 * `Internet Protocol, bogus version (13)`.
 */
export const ipAnyVersion: ProtocolSpec = {
  proto,
  // (GRE's IP is Wireshark's ip_handle too: the version decides.)
  bind: [['ip.proto', 4], ['gre.proto', 0x0800]],
  dissect(tvb, pinfo, tree) {
    const version = tvb.u8(0) >> 4;
    if (version === 4) return ipv4.dissect(tvb, pinfo, tree);
    const v6 = version === 6 ? table('ethertype').get(0x86dd) : undefined;
    if (v6) return callDissector(v6, tvb, pinfo, tree);
    pinfo.setProtocol('IP');
    const t = tree.addProto(proto, tvb, 0, 1, tree.protocolLabels ? `Internet Protocol, bogus version (${version})` : undefined);
    pinfo.expert(t.add(hfVersion, tvb, 0, 1, version), eiBogusVersion, tvb, 0, 1);
    if (pinfo.wantInfo) pinfo.setInfo(`Bogus IP version (${version})`);
    return 1;
  },
};

/** The fields a reassembly tree uses (IPv4 or IPv6). */
export interface FragmentFields {
  fragments: FieldDef;
  fragment: FieldDef;
  overlap: FieldDef;
  conflict: FieldDef;
  multipleTails: FieldDef;
  tooLong: FieldDef;
  count: FieldDef;
  /** The reassembled length and data items (TLS handshake fragments show neither). */
  length?: FieldDef;
  data?: FieldDef;
  /** Whether the "fragments" item carries the reassembled bytes (IPv4) or nothing (IPv6). */
  fragmentsHaveBytes: boolean;
}

const fragmentFields: FragmentFields = {
  fragments: hfFragments, fragment: hfFragment, overlap: hfFragmentOverlap, conflict: hfFragmentConflict,
  multipleTails: hfFragmentMultiTails, tooLong: hfFragmentTooLong, count: hfFragmentCount,
  length: hfReassembledLength, data: hfReassembledData, fragmentsHaveBytes: true,
};

/**
 * Wireshark's show_fragment_tree: "[11 IPv4 Fragments (1480 bytes): #1(144), …]" with one item per
 * fragment, the count, length and data. Returns true when the fragments had errors (overlaps with
 * conflicting data, several tails, too long); the Info then says "[Illegal fragments]".
 */
export function showFragments(re: Reassembly, tree: ProtoNode, pinfo: PacketInfo, rtvb: Tvb, what: string, f: FragmentFields): boolean {
  const bad = re.overlapConflict || re.multipleTails || re.tooLong;
  if (tree.real) {
    const total = re.data.length;
    // The head is set, then each fragment appended (a long list is cut, as Wireshark cuts it).
    const head = `${re.parts.length} ${what} Fragments (${total} byte${total === 1 ? '' : 's'}): `;
    const list = re.parts.map((p) => `#${p.frame}(${p.length})`).join(', ');
    const ft = tree.addGenerated(f.fragments, f.fragmentsHaveBytes ? re.data : null, rtvb, 0, total).setLabel(head).appendLabel(list, () => head);
    for (const p of re.parts) {
      const end = p.offset + p.length - 1;
      const n = ft.addGenerated(f.fragment, p.frame, rtvb, p.offset, p.length);
      n.setLabel(`Frame: ${p.frame}, payload: ${p.offset}-${p.length ? end : p.offset} (${p.length} byte${p.length === 1 ? '' : 's'})`);
      // What went wrong with this fragment, under it (Wireshark's show_fragment).
      if (p.overlap) n.addGenerated(f.overlap, true, rtvb, 0, 0);
      if (p.overlapConflict) n.addGenerated(f.conflict, true, rtvb, 0, 0);
      if (p.multipleTails) n.addGenerated(f.multipleTails, true, rtvb, 0, 0);
      if (p.tooLong) n.addGenerated(f.tooLong, true, rtvb, 0, 0);
    }
    ft.addGenerated(f.count, re.parts.length, rtvb, 0, 0);
    if (f.length) ft.addGenerated(f.length, total, rtvb, 0, 0);
    if (f.data) ft.addGenerated(f.data, re.data, rtvb, 0, total);
  }
  // Wireshark's show_fragment_errs_in_col: the Info says so (until a protocol above writes its own).
  if (bad) pinfo.setInfo(`[Illegal ${what} fragments]`);
  return bad;
}

/** The TTL expected for a Local Network Control Block destination (0x1000: any). */
function lncbValidTtl(addr: number): number {
  switch (addr) {
    case 0xe0000012: return 0xff; // VRRP
    case 0xe0000066: return 0xff; // GLBP
    case 0xe00000fb: return 0xff; // mDNS
    case 0xe00000fc: return 0x1000; // LLMNR
    default: return 1;
  }
}

/**
 * Wireshark's get_dst_offset: with a loose or strict source route whose pointer is still inside
 * the route, the offset (from the destination field) of the final destination; else 0.
 */
function dstOffset(tvb: Tvb, offset: number, length: number): number {
  const orig = offset;
  while (length > 0) {
    const opt = tvb.u8(offset);
    length--;
    if (opt !== 0 && opt !== 1) {
      if (length === 0) return 0;
      const len = tvb.u8(offset + 1);
      length--;
      if (len < 2 || len - 2 > length) return 0;
      if (opt === 0x89 || opt === 0x83) {
        const ptr = tvb.u8(offset + 2);
        if (ptr < 4 || ptr & 3 || ptr > len) return 0;
        return offset - orig + 4 + (len - 4);
      }
      offset += len;
      length -= len - 2;
    } else {
      offset++;
    }
    if (opt === 0) return 0;
  }
  return 0;
}

/** The flags of a security option's first Protection Authority octet, and of the octets after it. */
const SEC_PAF_FIRST = [hfOptSecGenser, hfOptSecSiop, hfOptSecSci, hfOptSecNsa, hfOptSecDoe, hfOptSecFti];
const SEC_PAF_NEXT = [hfOptSecFti];

/** `Protection Authority Flags: 0x81, GENSER, Field Termination Indicator`. */
function pafLabel(val: number, flags: readonly FieldDef[]): string {
  return bitmaskLabel(hfOptSecPaf.name, val, 2, flags);
}

/** An option whose length is wrong: a text line with the ip.opt.len.invalid warning under it. */
function badOptionLength(optTree: ProtoNode, pinfo: PacketInfo, tvb: Tvb, off: number, len: number, msg: string): void {
  pinfo.expert(optTree.real ? optTree.addText(tvb, off, len, msg) : optTree, eiOptLenInvalid, tvb, off, len, msg);
}

function dissectOptionType(tvb: Tvb, off: number, tree: ProtoNode): void {
  const tn = tree.add(hfOptType, tvb, off, 1);
  tn.add(hfOptTypeCopy, tvb, off, 1);
  tn.add(hfOptTypeClass, tvb, off, 1);
  tn.add(hfOptTypeNumber, tvb, off, 1);
}

/** Wireshark's dissect_ip_options: each option in turn, stopping at EOL or a bad length. */
function dissectOptions(tvb: Tvb, offset: number, length: number, pinfo: PacketInfo, optTree: ProtoNode, ttl: number): void {
  let nopCount = 0;
  let summary = '';
  while (length > 0) {
    const opt = tvb.u8(offset);
    length--;
    if (opt === 0 || opt === 1) {
      if (opt === 1) {
        if (nopCount === 0 || offset % 4) {
          nopCount++;
          if (nopCount === 4) pinfo.expert(optTree, eiNop);
        } else {
          nopCount = 0;
        }
      }
      const n = optTree.addProto(opt === 0 ? optEol : optNop, tvb, offset, 1, opt === 0 ? optEol.name : optNop.name);
      if (n.real) dissectOptionType(tvb, offset, n);
      offset++;
    } else {
      const p = OPTIONS.get(opt);
      const name = p ? p.short : `Unknown (0x${hex2(opt)})`;
      // Each a text line with the expert item under it (Wireshark's proto_tree_add_expert_format).
      if (length === 0) {
        badOptionLength(optTree, pinfo, tvb, offset, 1, `${name} (length byte past end of options)`);
        break;
      }
      const optlen = tvb.u8(offset + 1);
      length--;
      if (optlen < 2) {
        badOptionLength(optTree, pinfo, tvb, offset, 2, `${name} (with too-short option length = ${optlen} byte${optlen === 1 ? '' : 's'})`);
        break;
      }
      if (optlen - 2 > length) {
        badOptionLength(optTree, pinfo, tvb, offset, length, `${name} (option length = ${optlen} byte${optlen === 1 ? '' : 's'} says option goes past end of options)`);
        break;
      }
      if (!p) {
        optTree.addText(tvb, offset, optlen, `${name} (${optlen} byte${optlen === 1 ? '' : 's'})`);
      } else {
        dissectOption(p, tvb.sub(offset, optlen), pinfo, optTree, ttl);
        summary += `, ${name}`;
      }
      offset += optlen;
      length -= optlen - 2;
    }
    if (opt === 0) break;
  }
  if (summary && optTree.real) optTree.setLabel(`${optTree.label}${summary}`);
}

/** Fixed-length options: the header, and an expert item when the length is not the right one. */
function fixedOption(p: ProtocolDef, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, len: number): ProtoNode {
  const optlen = tvb.reportedLength;
  const t = tree.addProto(p, tvb, 0, optlen, `${p.name} (${len} bytes)`);
  dissectOptionType(tvb, 0, t);
  const ln = t.add(hfOptLen, tvb, 1, 1);
  if (len !== optlen) {
    pinfo.expert(ln, eiOptLenInvalid, tvb, 1, 1, `${p.short} (with option length = ${optlen} byte${optlen === 1 ? '' : 's'}; should be ${len})`);
  }
  return t;
}

/** Variable-length options. */
function varOption(p: ProtocolDef, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): ProtoNode {
  const optlen = tvb.reportedLength;
  const t = tree.addProto(p, tvb, 0, optlen, `${p.name} (${optlen} bytes)`);
  dissectOptionType(tvb, 0, t);
  const ln = t.add(hfOptLen, tvb, 1, 1);
  if (optlen > 40) pinfo.expert(ln, eiOptLenInvalid, tvb, 1, 1);
  return t;
}

function dissectOption(p: ProtocolDef, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, ttl: number): void {
  const optlen = tvb.reportedLength;
  switch (p) {
    case optRr:
      routeOption(p, tvb, pinfo, tree, true);
      return;
    case optLsr: case optSsr:
      routeOption(p, tvb, pinfo, tree, false);
      return;
    case optTimestamp: {
      const t = varOption(p, tvb, pinfo, tree);
      let o = 2;
      let left = optlen - 2;
      const ptr = tvb.u8(o);
      const note = ptr === 1 ? ' (header is full)' : ptr < 5 ? ' (points before first address)' : ((ptr - 1) & 3) ? ' (points to middle of field)' : '';
      t.add(hfOptPtr, tvb, o, 1, ptr).setLabel(`Pointer: ${ptr}${note}`);
      o++; left--;
      const flg = tvb.u8(o) & 0x0f;
      t.add(hfOptOverflow, tvb, o, 1);
      t.add(hfOptFlag, tvb, o, 1);
      o++; left--;
      while (left > 0) {
        if (flg === 1 || flg === 3) {
          if (left < 8) { suboptTooLong(t, pinfo, tvb, o, left); break; }
          const a = tvb.u32(o);
          t.add(hfOptTimeStampAddr, tvb, o, 4, a).setLabel(`Address: ${a === 0 ? '-' : formatIPv4(a)}`);
          o += 4; left -= 4;
          t.add(hfOptTimeStamp, tvb, o, 4, tvb.u32(o));
          o += 4; left -= 4;
        } else {
          if (left < 4) { suboptTooLong(t, pinfo, tvb, o, left); break; }
          t.add(hfOptTimeStamp, tvb, o, 4, tvb.u32(o));
          o += 4; left -= 4;
        }
      }
      return;
    }
    case optRouterAlert: {
      const t = fixedOption(p, tvb, pinfo, tree, 4);
      const v = tvb.u16(2);
      const what = v === 0 ? 'Router shall examine packet' : 'Reserved';
      t.add(hfOptRa, tvb, 2, 2, v).setLabel(`Router Alert: ${what} (${v})`);
      if (t.real) t.setLabel(`${t.label}: ${what} (${v})`);
      return;
    }
    case optSid: {
      const t = fixedOption(p, tvb, pinfo, tree, 4);
      t.add(hfOptSid, tvb, 2, 2, tvb.u16(2));
      return;
    }
    case optMtuProbe: case optMtuReply: {
      const t = fixedOption(p, tvb, pinfo, tree, 4);
      t.add(hfOptMtu, tvb, 2, 2, tvb.u16(2));
      return;
    }
    case optTraceroute: {
      const t = fixedOption(p, tvb, pinfo, tree, 12);
      t.add(hfOptIdNumber, tvb, 2, 2, tvb.u16(2));
      t.add(hfOptOhc, tvb, 4, 2, tvb.u16(4));
      t.add(hfOptRhc, tvb, 6, 2, tvb.u16(6));
      t.add(hfOptOriginator, tvb, 8, 4, tvb.u32(8));
      return;
    }
    case optSdb: {
      const t = varOption(p, tvb, pinfo, tree);
      let o = 2;
      let left = optlen - 2;
      for (; left >= 4; o += 4, left -= 4) t.add(hfOptAddr, tvb, o, 4, tvb.u32(o));
      if (left > 0) t.add(hfOptPadding, tvb, o, left, tvb.bytes(o, left));
      return;
    }
    case optQs: {
      const cmd = tvb.u8(2);
      const fn = cmd >> 4;
      const rate = cmd & 0x0f;
      const t = fixedOption(p, tvb, pinfo, tree, 8);
      const fname = fn === 0 ? 'Rate request' : fn === 8 ? 'Rate report' : `Unknown (${fn})`;
      let extra = `: ${fname} (${fn})`;
      t.add(hfOptQsFunc, tvb, 2, 1, fn);
      if (fn === 0) {
        t.add(hfOptQsRate, tvb, 2, 1, rate);
        const qsTtl = tvb.u8(3);
        t.add(hfOptQsTtl, tvb, 3, 1, qsTtl);
        const diff = (ttl - qsTtl) & 0xff;
        t.addGenerated(hfOptQsTtlDiff, diff, tvb, 3, 1);
        extra += `, ${QS_RATES[rate]}, QS TTL ${qsTtl}, QS TTL diff ${diff}`;
        t.add(hfOptQsNonce, tvb, 4, 4);
        t.add(hfOptQsReserved, tvb, 4, 4);
      } else if (fn === 8) {
        t.add(hfOptQsRate, tvb, 2, 1, rate);
        extra += `, ${QS_RATES[rate]}`;
        t.add(hfOptQsUnused, tvb, 3, 1);
        t.add(hfOptQsNonce, tvb, 4, 4);
        t.add(hfOptQsReserved, tvb, 4, 4);
      }
      if (t.real) t.setLabel(`${t.label}${extra}`);
      return;
    }
    case optSecurity: {
      const t = varOption(p, tvb, pinfo, tree);
      let o = 2;
      if (optlen === 11 && SEC_RFC791[tvb.u16(2)] !== undefined) {
        t.add(hfOptSec791, tvb, 2, 2, tvb.u16(2));
        t.add(hfOptSec791Comp, tvb, 4, 2, tvb.u16(4));
        t.add(hfOptSec791Hr, tvb, 6, 2, tvb.latin1(6, 2));
        t.add(hfOptSec791Tcc, tvb, 8, 3, tvb.latin1(8, 3));
        return;
      }
      t.add(hfOptSecCl, tvb, o, 1, tvb.u8(o));
      o++;
      if (o >= optlen) return;
      let val = tvb.u8(o);
      const pf = t.add(hfOptSecPaf, tvb, o, 1, val).setLabel(pafLabel(val, SEC_PAF_FIRST));
      pf.add(hfOptSecGenser, tvb, o, 1);
      pf.add(hfOptSecSiop, tvb, o, 1);
      pf.add(hfOptSecSci, tvb, o, 1);
      pf.add(hfOptSecNsa, tvb, o, 1);
      pf.add(hfOptSecDoe, tvb, o, 1);
      pf.add(hfOptSecUnassigned, tvb, o, 1);
      pf.add(hfOptSecFti, tvb, o, 1);
      o++;
      while (val & 1) {
        if (o === optlen) {
          pinfo.expert(t, eiOptLenInvalid, tvb, 0, 0, 'Field Termination Indicator set to 1 for last byte of option');
          break;
        }
        val = tvb.u8(o);
        const pn = t.add(hfOptSecPaf, tvb, o, 1, val).setLabel(pafLabel(val, SEC_PAF_NEXT));
        pn.add(hfOptSecUnassigned2, tvb, o, 1);
        pn.add(hfOptSecFti, tvb, o, 1);
        o++;
      }
      if (o < optlen) pinfo.expert(t, eiOptLenInvalid, tvb, 0, 0, 'Extraneous data in option');
      return;
    }
    case optExtSecurity: {
      const t = varOption(p, tvb, pinfo, tree);
      t.add(hfOptExtSecCode, tvb, 2, 1, tvb.u8(2));
      if (optlen > 3) t.add(hfOptExtSecInfo, tvb, 3, optlen - 3);
      return;
    }
    case optCipso:
      cipsoOption(p, tvb, pinfo, tree);
      return;
    default:
      varOption(p, tvb, pinfo, tree);
  }
}

function routeItem(tree: ProtoNode, tvb: Tvb, off: number, hf: typeof hfRecRt, hfHostName: typeof hfRecRtHost, next: boolean, names: HostNames | undefined): void {
  const a = tvb.u32(off);
  const n = tree.add(hf, tvb, off, 4, a);
  if (!tree.real) return;
  // The next hop's label keeps the bare address, names or not (Wireshark's tvb_ip_to_str).
  if (next) n.setLabel(`${hf.name}: ${formatIPv4(a)} <- (next)`);
  tree.addHidden(hfHostName, tvb, off, 4, hostText4(names, a)).setFlags(NodeFlags.Generated);
}

/** Record route, loose and strict source route. */
function routeOption(p: ProtocolDef, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, record: boolean): void {
  let optlen = tvb.reportedLength;
  const t = varOption(p, tvb, pinfo, tree);
  const ptr = tvb.u8(2);
  const names = pinfo.ctx.options.hostNames;
  const pn = t.add(hfOptPtr, tvb, 2, 1, ptr);
  const min = 3;
  if (ptr < min + 1 || ptr & 3) {
    pinfo.expert(pn, ptr < min + 1 ? eiOptPtrBefore : eiOptPtrMiddle, tvb, 2, 1);
    return;
  }
  const len = optlen;
  let o = 3;
  for (optlen -= 3; optlen > 0; optlen -= 4, o += 4) {
    if (optlen < 4) {
      pinfo.expert(pn, eiSuboptTooLong, tvb, 2, 1);
      break;
    }
    if (record) {
      if (ptr > len || o + 1 < ptr) routeItem(t, tvb, o, hfRecRt, hfRecRtHost, false, names);
      else routeItem(t, tvb, o, hfEmptyRt, hfEmptyRtHost, o + 1 === ptr, names);
    } else if (ptr > len) {
      routeItem(t, tvb, o, hfRecRt, hfRecRtHost, false, names);
    } else if (o === len - 4) {
      const a = tvb.u32(o);
      t.add(hfDst, tvb, o, 4, a);
      t.addHidden(hfAddr, tvb, o, 4, a);
      if (t.real) {
        const s = hostText4(names, a);
        t.addHidden(hfDstHost, tvb, o, 4, s).setFlags(NodeFlags.Generated);
        t.addHidden(hfHost, tvb, o, 4, s).setFlags(NodeFlags.Generated);
      }
    } else if (o + 1 < ptr) {
      routeItem(t, tvb, o, hfRecRt, hfRecRtHost, false, names);
    } else {
      routeItem(t, tvb, o, hfSrcRt, hfSrcRtHost, o + 1 === ptr, names);
    }
  }
}

/** The Commercial IP Security Option (draft-ietf-cipso-ipsecurity-01, FIPS 188). */
function cipsoOption(p: ProtocolDef, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): void {
  const optlen = tvb.reportedLength;
  const t = varOption(p, tvb, pinfo, tree);
  let o = 2;
  t.add(hfCipsoDoi, tvb, o, 4, tvb.u32(o));
  o += 4;
  const max = optlen;
  while (o < max) {
    const tagType = tvb.u8(o);
    const tag = t.add(hfCipsoTagType, tvb, o, 1, tagType);
    const tagLen = o + 1 < max ? tvb.u8(o + 1) : 1;
    const bad = (min: number) => tagLen < min || tagLen > 34 || o + tagLen - 1 > max;
    switch (tagType) {
      case 0:
        o++;
        continue;
      case 1: case 2: case 5: {
        if (bad(4)) { pinfo.expert(tag, eiCipso, tvb, o, 1); return; }
        o += 3;
        t.add(hfCipsoLevel, tvb, o, 1, tvb.u8(o));
        o++;
        if (tagLen > 4) {
          const n = tagLen - 4;
          const cats: string[] = [];
          if (tagType === 1) {
            for (let i = 0; i < n; i++) {
              const b = tvb.u8(o + i);
              for (let bit = 0; bit < 8; bit++) if (b & (0x80 >> bit)) cats.push(String(i * 8 + bit));
            }
            t.add(hfCipsoCategories, tvb, o, n, cats.join(','));
            o += n;
          } else if (tagType === 2) {
            const end = o + n;
            while (o + 2 <= end) { cats.push(String(tvb.u16(o))); o += 2; }
            t.add(hfCipsoCategories, tvb, o - n, n, cats.join(','));
          } else {
            const end = o + n;
            while (o + 2 <= end) {
              const hi = tvb.u16(o);
              let lo = 0;
              if (o + 4 <= end) { lo = tvb.u16(o + 2); o += 4; } else o += 2;
              cats.push(lo !== hi ? `${hi}-${lo}` : String(hi));
            }
            t.add(hfCipsoCategories, tvb, o - n, n, cats.join(','));
          }
        }
        break;
      }
      case 6: case 7:
        if (bad(tagType === 6 ? 4 : 2)) { pinfo.expert(tag, eiCipso, tvb, o, 1); return; }
        t.add(hfCipsoTagData, tvb, o + 2, tagLen - 2);
        o += tagLen;
        break;
      default:
        if (o + 1 <= max && tag.real) tag.setLabel(`${tag.label ?? `Tag Type: ${hfCipsoTagType.vals?.get(tagType) ?? `Unknown (${tagType})`}`} (${tvb.u8(o + 1)} bytes)`);
        return;
    }
  }
}

/** A text item with the expert under it (proto_tree_add_expert): a timestamp cut short. */
function suboptTooLong(t: ProtoNode, pinfo: PacketInfo, tvb: Tvb, off: number, len: number): void {
  pinfo.expert(t.real ? t.addText(tvb, off, len, eiSuboptTooLong.summary) : t, eiSuboptTooLong, tvb, off, len);
}

/** What a protocol's checksum item uses: its fields and its bad-checksum expert item. */
export interface ChecksumFields {
  checksum: FieldDef;
  status: FieldDef;
  bad: ExpertDef;
}

/**
 * Wireshark's proto_tree_add_checksum with PROTO_CHECKSUM_VERIFY | PROTO_CHECKSUM_IN_CKSUM for the
 * 16-bit checksum at offset `off` of `tvb` (2: ICMP, ICMPv6, IGMP; 4: GRE): `computed` is the
 * Internet checksum over the message (0: correct), or null when it was not verified (`why`, if
 * given, is said so). The bad-checksum expert says its summary and the value it should be.
 */
export function inCksumItem(t: ProtoNode, tvb: Tvb, pinfo: PacketInfo, f: ChecksumFields, computed: number | null, why?: string, off = 2): void {
  const sum = tvb.u16(off);
  const sn = t.add(f.checksum, tvb, off, 2, sum);
  const full = t.real;
  const name = f.checksum.name;
  if (computed === null) {
    if (full) sn.setLabel(`${name}: 0x${hex4(sum)} [unverified]${why === undefined ? '' : ` [${why}]`}`);
    t.addGenerated(f.status, CHECKSUM_UNVERIFIED, tvb, off, 0);
  } else if (computed === 0) {
    if (full) sn.setLabel(`${name}: 0x${hex4(sum)} [correct]`);
    t.addGenerated(f.status, CHECKSUM_GOOD, tvb, off, 0);
  } else {
    const should = shouldBe(sum, computed);
    if (full) sn.setLabel(`${name}: 0x${hex4(sum)} incorrect, should be 0x${hex4(should)}`);
    t.addGenerated(f.status, CHECKSUM_BAD, tvb, off, 0);
    pinfo.expert(sn, f.bad, tvb, off, 2, pinfo.wantExpertText ? `${f.bad.summary} [should be 0x${hex4(should)}]` : undefined);
  }
}

/** in_cksum_shouldbe: the checksum value that would have made the sum come out right. */
export function shouldBe(sum: number, computed: number): number {
  // The one's-complement sum, folded twice, as Wireshark writes it: a sum that should be zero
  // reads 0xffff (complementing twice would make it 0x0000).
  let s = sum + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s & 0xffff;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

