/*
 * Internet Protocol version 6 (RFC 8200) and its extension headers, as Wireshark 4.0's
 * packet-ipv6.c shows them: hop-by-hop and destination options, routing (types 0, 2 and 4),
 * fragment (with reassembly, the `ipv6.defragment` default).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version| Traffic Class |           Flow Label                  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Payload Length        |  Next Header  |   Hop Limit   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                   Source Address (128 bits)                   |
 *   |                 Destination Address (128 bits)                |
 *
 * The extension headers are shown inside the IPv6 subtree (Wireshark's default) and each counts
 * as a protocol in frame.protocols (`ipv6:ipv6.hopopts:udp`). The upper layer gets the hop limit
 * as `data`. Routing headers with segments left make the last address the Destination column (and
 * the address transports use for their pseudo-header), as in Wireshark.
 */
import { type ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol, type ProtocolDef } from '../core/fields.js';
import { bitmaskLabel, bitPattern } from '../core/format.js';
import { formatIPv6, readIPv4 } from '../core/addr.js';
import { hostText6, labelText6, type HostNames } from '../resolve/host-names.js';
import { FragmentTable } from '../core/defrag.js';
import { AddrKind, type PacketInfo } from '../core/pinfo.js';
import { NodeFlags, NULL_TREE, type ProtoNode } from '../core/tree.js';
import { Tvb } from '../core/tvb.js';
import { ahHeader, proto as ahProto } from './ah.js';
import { callData, dispatchIpPayload, DSCP_VALS, dsSummary, ECN_VALS, hfVersion as hfIpVersion, IPPROTO_NAMES, ipProtoName, newFragmentTable, showFragments, type FragmentFields } from './ipv4.js';

export const proto = defineProtocol('ipv6', 'Internet Protocol Version 6', 'IPv6', 'network');
const protoHopopts = defineProtocol('ipv6.hopopts', 'IPv6 Hop-by-Hop Option', 'IPv6 Hop-by-Hop');
const protoRouting = defineProtocol('ipv6.routing', 'Routing Header for IPv6', 'IPv6 Routing');
const protoFraghdr = defineProtocol('ipv6.fraghdr', 'Fragment Header for IPv6', 'IPv6 Fragment');
const protoDstopts = defineProtocol('ipv6.dstopts', 'Destination Options for IPv6', 'IPv6 Destination');

const IPPROTO_VALS = new Map<number, string>(IPPROTO_NAMES.map((n, i) => [i, n]));

const hfVersion = defineField('ipv6.version', 'Version', 'uint8', { mask: 0xf0, hfMask: 0 });
const hfTclass = defineField('ipv6.tclass', 'Traffic Class', 'uint32', { base: 'hex', mask: 0x0ff00000 });
const hfTclassDscp = defineField('ipv6.tclass.dscp', 'Differentiated Services Codepoint', 'uint32', { mask: 0x0fc00000, vals: DSCP_VALS });
const hfTclassEcn = defineField('ipv6.tclass.ecn', 'Explicit Congestion Notification', 'uint32', { mask: 0x00300000, vals: ECN_VALS });
const hfFlow = defineField('ipv6.flow', 'Flow Label', 'uint24', { base: 'hex', mask: 0x0fffff });
const hfPlen = defineField('ipv6.plen', 'Payload Length', 'uint16');
const hfNxt = defineField('ipv6.nxt', 'Next Header', 'uint8', { vals: IPPROTO_VALS });
const hfHlim = defineField('ipv6.hlim', 'Hop Limit', 'uint8');
const hfSrc = defineField('ipv6.src', 'Source Address', 'ipv6', { blurb: 'Source IPv6 Address' });
const hfDst = defineField('ipv6.dst', 'Destination Address', 'ipv6', { blurb: 'Destination IPv6 Address' });
const hfAddr = defineField('ipv6.addr', 'Source or Destination Address', 'ipv6');
const hfSrcHost = defineField('ipv6.src_host', 'Source Host', 'string', { blurb: 'Source IPv6 Host' });
const hfDstHost = defineField('ipv6.dst_host', 'Destination Host', 'string', { blurb: 'Destination IPv6 Host' });
const hfHost = defineField('ipv6.host', 'Source or Destination Host', 'string');
const hfSrcSlaac = defineField('ipv6.src_slaac_mac', 'Source SLAAC MAC', 'ether', { blurb: 'Source IPv6 Stateless Address Autoconfiguration (SLAAC) 48-bit MAC Identifier' });
const hfDstSlaac = defineField('ipv6.dst_slaac_mac', 'Destination SLAAC MAC', 'ether', { blurb: 'Destination IPv6 Stateless Address Autoconfiguration (SLAAC) 48-bit MAC Identifier' });
const hfSlaac = defineField('ipv6.slaac_mac', 'SLAAC MAC', 'ether', { blurb: 'IPv6 Stateless Address Autoconfiguration (SLAAC) 48-bit MAC Identifier' });
const hfSrc6to4Gw = defineField('ipv6.src_6to4_gw_ipv4', 'Source 6to4 Gateway IPv4', 'ipv4', { blurb: 'Source IPv6 6to4 Gateway IPv4 Address' });
const hfSrc6to4Sla = defineField('ipv6.src_6to4_sla_id', 'Source 6to4 SLA ID', 'uint16', { blurb: 'Source IPv6 6to4 SLA ID' });
const hfDst6to4Gw = defineField('ipv6.dst_6to4_gw_ipv4', 'Destination 6to4 Gateway IPv4', 'ipv4', { blurb: 'Destination IPv6 6to4 Gateway IPv4 Address' });
const hfDst6to4Sla = defineField('ipv6.dst_6to4_sla_id', 'Destination 6to4 SLA ID', 'uint16', { blurb: 'Destination IPv6 6to4 SLA ID' });
const hf6to4Gw = defineField('ipv6.6to4_gw_ipv4', '6to4 Gateway IPv4', 'ipv4', { blurb: 'IPv6 6to4 Gateway IPv4 Address' });
const hf6to4Sla = defineField('ipv6.6to4_sla_id', '6to4 SLA ID', 'uint16', { blurb: 'IPv6 6to4 SLA ID' });
const hfSrcTs = defineField('ipv6.src_ts_ipv4', 'Source Teredo Server IPv4', 'ipv4', { blurb: 'Source IPv6 Teredo Server Encapsulated IPv4 Address' });
const hfSrcTcPort = defineField('ipv6.src_tc_port', 'Source Teredo Port', 'uint16', { blurb: 'Source IPv6 Teredo Client Mapped Port' });
const hfSrcTc = defineField('ipv6.src_tc_ipv4', 'Source Teredo Client IPv4', 'ipv4', { blurb: 'Source IPv6 Teredo Client Encapsulated IPv4 Address' });
const hfDstTs = defineField('ipv6.dst_ts_ipv4', 'Destination Teredo Server IPv4', 'ipv4', { blurb: 'Destination IPv6 Teredo Server Encapsulated IPv4 Address' });
const hfDstTcPort = defineField('ipv6.dst_tc_port', 'Destination Teredo Port', 'uint16', { blurb: 'Destination IPv6 Teredo Client Mapped Port' });
const hfDstTc = defineField('ipv6.dst_tc_ipv4', 'Destination Teredo Client IPv4', 'ipv4', { blurb: 'Destination IPv6 Teredo Client Encapsulated IPv4 Address' });
const hfTs = defineField('ipv6.ts_ipv4', 'Teredo Server IPv4', 'ipv4', { blurb: 'IPv6 Teredo Server Encapsulated IPv4 Address' });
const hfTcPort = defineField('ipv6.tc_port', 'Teredo Port', 'uint16', { blurb: 'IPv6 Teredo Client Mapped Port' });
const hfTc = defineField('ipv6.tc_ipv4', 'Teredo Client IPv4', 'ipv4', { blurb: 'IPv6 Teredo Client Encapsulated IPv4 Address' });
const hfSrcIsatap = defineField('ipv6.src_isatap_ipv4', 'Source ISATAP IPv4', 'ipv4', { blurb: 'Source IPv6 ISATAP Encapsulated IPv4 Address' });
const hfDstIsatap = defineField('ipv6.dst_isatap_ipv4', 'Destination ISATAP IPv4', 'ipv4', { blurb: 'Destination IPv6 ISATAP Encapsulated IPv4 Address' });
const hfIsatap = defineField('ipv6.isatap_ipv4', 'ISATAP IPv4', 'ipv4', { blurb: 'IPv6 ISATAP Encapsulated IPv4 Address' });
const hfSrcEmbed = defineField('ipv6.src_embed_ipv4', 'Source Embedded IPv4', 'ipv4', { blurb: 'Source IPv4-Embedded IPv6 Address' });
const hfDstEmbed = defineField('ipv6.dst_embed_ipv4', 'Destination Embedded IPv4', 'ipv4', { blurb: 'Destination IPv4-Embedded IPv6 Address' });
const hfEmbed = defineField('ipv6.embed_ipv4', 'Embedded IPv4', 'ipv4', { blurb: 'IPv4-Embedded IPv6 Address' });
const hfEmbedPrefix = defineField('ipv6.embed_ipv4_prefix', 'Embedded IPv4 Prefix', 'bytes', { blurb: 'IPv4-Embedded IPv6 Address Prefix' });

// Options (hop-by-hop and destination).
const OPT_NAMES: Record<number, string> = {
  0x00: 'Pad1', 0x01: 'PadN', 0x04: 'Tunnel Encapsulation Limit', 0x05: 'Router Alert', 0x07: 'CALIPSO', 0x08: 'SMF_DPD',
  0x0f: 'Performance and Diagnostic Metrics', 0x1e: 'Experimental (0x1E)', 0x26: 'Quick-Start', 0x30: 'Path MTU Option',
  0x31: 'IOAM Option', 0x3e: 'Experimental (0x3E)', 0x41: 'Tunnel Payload Forwarding (TPF) Information',
  0x5e: 'Experimental (0x5E)', 0x63: 'RPL Option', 0x6d: 'MPL Option', 0x7e: 'Experimental (0x7E)',
  0x8a: 'Endpoint Identification', 0x8b: 'ILNP Nonce', 0x8c: 'Line-Identification Option', 0x9e: 'Experimental (0x9E)',
  0xbe: 'Experimental (0xBE)', 0xc2: 'Jumbo Payload', 0xc9: 'Home Address', 0xde: 'Experimental (0xDE)', 0xee: 'IP_DFF',
  0xfe: 'Experimental (0xFE)',
};
const hfOpt = defineField('ipv6.opt', 'IPv6 Option', 'none', { blurb: 'Option' });
const hfOptType = defineField('ipv6.opt.type', 'Type', 'uint8', { base: 'hex', vals: OPT_NAMES, blurb: 'Option type' });
const hfOptTypeAction = defineField('ipv6.opt.type.action', 'Action', 'uint8', {
  mask: 0xc0, vals: { 0: 'Skip and continue', 1: 'Discard', 2: 'Discard and send ICMP Parameter Problem', 3: 'Discard and send ICMP if not multicast' },
  blurb: 'Action for unrecognized option type',
});
const hfOptTypeChange = defineField('ipv6.opt.type.change', 'May Change', 'boolean', { mask: 0x20, bits: 8, tfs: ['Yes', 'No'], blurb: 'Whether the option data may change en-route' });
const hfOptTypeRest = defineField('ipv6.opt.type.rest', 'Low-Order Bits', 'uint8', { base: 'hex', mask: 0x1f, blurb: 'Remaining low-order bits' });
const hfOptLength = defineField('ipv6.opt.length', 'Length', 'uint8', { blurb: 'Option length in octets' });
const hfOptPad1 = defineField('ipv6.opt.pad1', 'Pad1', 'none', { blurb: 'Pad1 Option' });
const hfOptPadn = defineField('ipv6.opt.padn', 'PadN', 'bytes', { blurb: 'PadN Option' });
const hfOptRtalert = defineField('ipv6.opt.router_alert', 'Router Alert', 'uint16', { vals: { 0: 'MLD', 1: 'RSVP', 2: 'Active Network' }, blurb: 'Router Alert Option' });
const hfOptJumbo = defineField('ipv6.opt.jumbo', 'Payload Length', 'uint32', { blurb: 'IPv6 (Jumbo) Payload Length' });
const hfOptTel = defineField('ipv6.opt.tel', 'Tunnel Encapsulation Limit', 'uint8', { blurb: 'How many further levels of encapsulation are permitted' });
const hfOptPmtuMin = defineField('ipv6.opt.pmtu.min', 'Minimum Reported PMTU', 'uint16', { blurb: 'The minimum reported PMTU in octets' });
const hfOptPmtuRtn = defineField('ipv6.opt.pmtu.rtn', 'Return Minimum PMTU', 'uint16', { blurb: 'The Return Min-PMTU in octets' });
const hfOptPmtuFlag = defineField('ipv6.opt.pmtu.r_flag', 'Return Flag', 'boolean', { tfs: ['True', 'False'], blurb: 'Destination should include the received reported PMTU' });
const hfOptHomeAddress = defineField('ipv6.opt.mipv6.home_address', 'MIPv6 Home Address', 'ipv6');
const hfOptExperimental = defineField('ipv6.opt.experimental', 'Experimental Option', 'bytes');
const hfOptUnknown = defineField('ipv6.opt.unknown', 'Unknown Option Payload', 'bytes');
const hfSmfHashBit = defineField('ipv6.opt.smf_dpd.hash_bit', 'H-bit', 'boolean', { bits: 8, mask: 0x80, tfs: ['True', 'False'], blurb: 'Hash indicator' });
const hfSmfTidType = defineField('ipv6.opt.smf_dpd.tid_type', 'TaggerID Type', 'uint8', { mask: 0x70, vals: { 0: 'NULL', 1: 'DEFAULT', 2: 'IPv4', 3: 'IPv6' } });
const hfSmfTidLen = defineField('ipv6.opt.smf_dpd.tid_len', 'TaggerID Length', 'uint8', { mask: 0x0f });
const hfSmfTaggerId = defineField('ipv6.opt.smf_dpd.tagger_id', 'TaggerID', 'bytes');
const hfSmfIdent = defineField('ipv6.opt.smf_dpd.ident', 'Identifier', 'bytes');
const hfDffFlags = defineField('ipv6.opt.dff.flags', 'Flags', 'uint8', { base: 'hex' });
const DFF_FLAGS = [
  defineField('ipv6.opt.dff.flag.ver', 'Version (VER)', 'uint8', { mask: 0xc0, blurb: 'The version of DFF that is used' }),
  defineField('ipv6.opt.dff.flag.dup', 'Duplicate (DUP)', 'boolean', { mask: 0x20, bits: 8, tfs: ['True', 'False'], blurb: 'Indicates the packet is being retransmitted' }),
  defineField('ipv6.opt.dff.flag.ret', 'Return (RET)', 'boolean', { mask: 0x10, bits: 8, tfs: ['True', 'False'], blurb: 'Must be set to 1 prior to sending the packet back to the Previous Hop' }),
  defineField('ipv6.opt.dff.flag.rsv', 'Reserved', 'uint8', { base: 'hex', mask: 0x0f, blurb: 'Reserved (must be zero)' }),
];
const hfDffSeq = defineField('ipv6.opt.dff.sequence_number', 'Sequence Number', 'uint16', { base: 'dec_hex' });
const hfSmfHav = defineField('ipv6.opt.smf_dpd.hav', 'Hash Assist Value', 'bytes');
const hfOptUnknownData = defineField('ipv6.opt_unknown_data', 'Unknown Data', 'bytes', { blurb: 'Not interpreted data' });

const hfHopoptsNxt = defineField('ipv6.hopopts.nxt', 'Next Header', 'uint8', { vals: IPPROTO_VALS });
const hfHopoptsLen = defineField('ipv6.hopopts.len', 'Length', 'uint8', { blurb: 'Extension header length in 8-octet words (minus 1)' });
const hfHopoptsLenOct = defineField('ipv6.hopopts.len_oct', 'Length', 'uint16', { unit: ' bytes', blurb: 'Extension header length in octets' });
const hfDstoptsNxt = defineField('ipv6.dstopts.nxt', 'Next Header', 'uint8', { vals: IPPROTO_VALS });
const hfDstoptsLen = defineField('ipv6.dstopts.len', 'Length', 'uint8', { blurb: 'Extension header length in 8-octet words (minus 1)' });
const hfDstoptsLenOct = defineField('ipv6.dstopts.len_oct', 'Length', 'uint16', { unit: ' bytes', blurb: 'Extension header length in octets' });

const ROUTING_TYPES: Record<number, string> = {
  0: 'Source Route', 1: 'Nimrod', 2: 'Type 2 Routing', 3: 'RPL Source Route', 4: 'Segment Routing',
  5: 'Compact Routing Header 16', 6: 'Compact Routing Header 32', 253: 'Experiment 1', 254: 'Experiment 2',
};
const hfRoutingNxt = defineField('ipv6.routing.nxt', 'Next Header', 'uint8', { vals: IPPROTO_VALS });
const hfRoutingLen = defineField('ipv6.routing.len', 'Length', 'uint8', { blurb: 'Extension header length in 8-octet words (minus 1)' });
const hfRoutingLenOct = defineField('ipv6.routing.len_oct', 'Length', 'uint16', { unit: ' bytes', blurb: 'Extension header length in octets' });
const hfRoutingType = defineField('ipv6.routing.type', 'Type', 'uint8', { vals: ROUTING_TYPES, blurb: 'Routing Header Type' });
const hfRoutingSegleft = defineField('ipv6.routing.segleft', 'Segments Left', 'uint8', { blurb: 'Routing Header Segments Left' });
const hfRoutingUnknown = defineField('ipv6.routing.unknown_data', 'Type-Specific Data', 'bytes', { blurb: 'Unknown routing header type-specific data' });
const hfRoutingSrcReserved = defineField('ipv6.routing.src.reserved', 'Reserved', 'bytes', { blurb: 'Must be zero' });
const hfRoutingSrcAddr = defineField('ipv6.routing.src.addr', 'Address', 'ipv6', { blurb: 'Source Routing Header Address' });
const hfRoutingMipv6Reserved = defineField('ipv6.routing.mipv6.reserved', 'Reserved', 'bytes', { blurb: 'Must be zero' });
const hfRoutingMipv6Home = defineField('ipv6.routing.mipv6.home_address', 'Home Address', 'ipv6');
const hfRoutingSrhLast = defineField('ipv6.routing.srh.last_entry', 'Last Entry', 'uint8', { blurb: 'Index (zero based) of the last element of the Segment List' });
const hfRoutingSrhFlags = defineField('ipv6.routing.srh.flags', 'Flags', 'uint8', { base: 'hex', blurb: 'Unused, 8 bits of flags' });
const hfRoutingSrhTag = defineField('ipv6.routing.srh.tag', 'Tag', 'bytes', { blurb: 'Tag a packet as part of a class or group of packets' });
const hfRoutingSrhAddr = defineField('ipv6.routing.srh.addr', 'Address', 'ipv6', { blurb: 'Segment address' });

const hfFragNxt = defineField('ipv6.fraghdr.nxt', 'Next header', 'uint8', { vals: IPPROTO_VALS });
const hfFragReservedOctet = defineField('ipv6.fraghdr.reserved_octet', 'Reserved octet', 'uint8', { base: 'hex', blurb: 'Should always be 0' });
const hfFragOffset = defineField('ipv6.fraghdr.offset', 'Offset', 'uint16', { mask: 0xfff8, blurb: 'Fragment Offset' });
const hfFragReservedBits = defineField('ipv6.fraghdr.reserved_bits', 'Reserved bits', 'uint16', { mask: 0x0006 });
const hfFragMore = defineField('ipv6.fraghdr.more', 'More Fragments', 'boolean', { mask: 0x0001, bits: 16, tfs: ['Yes', 'No'] });
const hfFragIdent = defineField('ipv6.fraghdr.ident', 'Identification', 'uint32', { base: 'hex', blurb: 'Fragment Identification' });

const hfFragments = defineField('ipv6.fragments', 'IPv6 Fragments', 'none');
const hfFragment = defineField('ipv6.fragment', 'IPv6 Fragment', 'framenum');
const hfFragmentOverlap = defineField('ipv6.fragment.overlap', 'Fragment overlap', 'boolean', { tfs: ['True', 'False'], blurb: 'Fragment overlaps with other fragments' });
const hfFragmentConflict = defineField('ipv6.fragment.overlap.conflict', 'Conflicting data in fragment overlap', 'boolean', { tfs: ['True', 'False'], blurb: 'Overlapping fragments contained conflicting data' });
const hfFragmentMultiTails = defineField('ipv6.fragment.multipletails', 'Multiple tail fragments found', 'boolean', { tfs: ['True', 'False'], blurb: 'Several tails were found when defragmenting the packet' });
const hfFragmentTooLong = defineField('ipv6.fragment.toolongfragment', 'Fragment too long', 'boolean', { tfs: ['True', 'False'], blurb: 'Fragment contained data past end of packet' });
const hfFragmentCount = defineField('ipv6.fragment.count', 'Fragment count', 'uint32');
const hfReassembledIn = defineField('ipv6.reassembled.in', 'Reassembled IPv6 in frame', 'framenum', { blurb: 'This IPv6 packet is reassembled in this frame' });
const hfReassembledLength = defineField('ipv6.reassembled.length', 'Reassembled IPv6 length', 'uint32', { blurb: 'The total length of the reassembled payload' });
const hfReassembledData = defineField('ipv6.reassembled.data', 'Reassembled IPv6 data', 'bytes', { blurb: 'The reassembled payload' });

const fragmentFields: FragmentFields = {
  fragments: hfFragments, fragment: hfFragment, overlap: hfFragmentOverlap, conflict: hfFragmentConflict,
  multipleTails: hfFragmentMultiTails, tooLong: hfFragmentTooLong, count: hfFragmentCount,
  length: hfReassembledLength, data: hfReassembledData, fragmentsHaveBytes: false,
};

const eiBogusVersion = defineExpert('ipv6.bogus_ipv6_version', 'malformed', 'error', 'Bogus IP version');
const eiInvalidHeader = defineExpert('ipv6.invalid_header', 'malformed', 'error', 'Invalid IPv6 header');
const eiPlenExceeds = defineExpert('ipv6.plen_exceeds_framing', 'protocol', 'warn', 'IPv6 payload length does not match expected framing length');
const eiPlenZero = defineExpert('ipv6.plen_zero', 'protocol', 'chat', 'IPv6 payload length equals 0 (maybe because of "TCP segmentation offload" (TSO))');
const eiJumboMissing = defineExpert('ipv6.opt.jumbo.missing', 'protocol', 'error', 'IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing');
const eiJumboProhibited = defineExpert('ipv6.opt.jumbo.prohibited', 'protocol', 'error', 'When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present');
const eiJumboTruncated = defineExpert('ipv6.opt.jumbo.truncated', 'protocol', 'error', 'Jumbo Payload option present and jumbo length < 65536');
const eiJumboFragment = defineExpert('ipv6.opt.jumbo.fragment', 'protocol', 'error', 'Jumbo Payload option cannot be used with a fragment header');
const eiOptInvalidLen = defineExpert('ipv6.opt.invalid_len', 'malformed', 'error', 'Invalid IPv6 option length');
const eiOptUnknownData = defineExpert('ipv6.opt.unknown_data.expert', 'undecoded', 'note', 'Unknown Data (not interpreted)');
const eiOptHeaderMismatch = defineExpert('ipv6.opt.header_mismatch', 'protocol', 'warn', 'Wrong options extension header for type');
const eiOptDeprecated = defineExpert('ipv6.opt.deprecated', 'deprecated', 'note', 'Option type is deprecated');
const eiHopoptsNotFirst = defineExpert('ipv6.hopopts.not_first', 'protocol', 'error', 'IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header');
const eiRoutingInvalidLength = defineExpert('ipv6.routing.invalid_length', 'malformed', 'error', 'Invalid IPv6 Routing header length');
const eiRoutingInvalidSegleft = defineExpert('ipv6.routing.invalid_segleft', 'protocol', 'warn', 'IPv6 Routing Header segments left field must not exceed address count');
const eiRoutingUndecoded = defineExpert('ipv6.routing.undecoded', 'undecoded', 'note', 'Undecoded IPv6 routing header field');
const eiRoutingDeprecated = defineExpert('ipv6.routing.deprecated', 'deprecated', 'note', 'Routing header type is deprecated');
const eiMulticastInRoute = defineExpert('ipv6.src_route_list.multicast_addr', 'protocol', 'error', 'Multicast addresses must not appear in the source route list');

/** Options that belong in one kind of options header only: 0 hop-by-hop, 1 destination. */
const OPT_HDR = new Map<number, number>([
  [0x04, 1], [0x05, 0], [0x30, 0], [0x07, 0], [0x08, 0], [0x0f, 1], [0x26, 0], [0x31, 0], [0x41, 1], [0x63, 0],
  [0x6d, 0], [0x8b, 1], [0x8c, 1], [0xc2, 0], [0xc9, 1], [0xee, 0],
]);

/** Reassembly state kept across the packets of a capture. */
function fragments(pinfo: PacketInfo): FragmentTable {
  return pinfo.ctx.state(proto, newFragmentTable);
}

/** States of the IPv6 headers being dissected, by nesting depth (reused from packet to packet). */
const chainStates: ChainState[] = [];
let chainDepth = 0;

/** State shared by the IPv6 header and its extension headers while one packet is dissected. */
interface ChainState {
  /** The IPv6 subtree (extension headers go inside it). */
  t: ProtoNode;
  /** Bytes of IPv6 header + extension headers so far (the IPv6 item's length). */
  itemLen: number;
  /** Payload length (or jumbo length) minus the extension headers so far: a fragment's data length. */
  fragPlen: number;
  /** Payload length field. */
  plen: number;
  jumbo: number;
  hlim: number;
  /** Headers seen so far after the IPv6 header. */
  count: number;
}

export const ipv6: ProtocolSpec = {
  proto,
  bind: [['ethertype', 0x86dd], ['ip.proto', 41], ['gre.proto', 0x86dd]],
  dissect(tvb0, pinfo, tree) {
    pinfo.setProtocol('IPv6');
    pinfo.setInfo('');
    const full = tree.real;
    const t = tree.addProto(proto, tvb0, 0, 40);
    const b0 = tvb0.u8(0);
    const version = b0 >> 4;
    const vn = t.add(hfVersion, tvb0, 0, 1, version);
    const hidden = t.addHidden(hfIpVersion, tvb0, 0, 1, version);
    if (hidden.detailed) hidden.setLabel(`${bitPattern(0xf0, 8, version)}Version: ${version} [This field makes the filter match on "ip.version == 6" possible]`);
    if (version !== 6) {
      if (pinfo.wantInfo) pinfo.setInfo(`Bogus IPv6 version (${version}, must be 6)`);
      pinfo.expert(vn, eiBogusVersion, tvb0, 0, 1, 'Bogus IPv6 version');
      return tvb0.reportedLength;
    }
    if (tvb0.reportedLength < 40) {
      if (pinfo.wantInfo) pinfo.setInfo(`Invalid IPv6 header (${tvb0.reportedLength} bytes, need exactly 40)`);
      pinfo.expert(t, eiInvalidHeader, tvb0, 0, 0, 'IPv6 header must be exactly 40 bytes');
    }
    const w = tvb0.u32(0);
    const tcls = (w >>> 20) & 0xff;
    if (full) {
      const tn = t.add(hfTclass, tvb0, 0, 4, tcls);
      if (tn.detailed) tn.setLabel(`${bitPattern(0x0ff00000, 32, tcls)}Traffic Class: 0x${tcls.toString(16).padStart(2, '0')}${dsSummary(tcls)}`);
      tn.add(hfTclassDscp, tvb0, 0, 4, tcls >> 2);
      tn.add(hfTclassEcn, tvb0, 0, 4, tcls & 3);
    }
    const flow = tvb0.u24(1) & 0xfffff;
    const fln = t.add(hfFlow, tvb0, 1, 3, flow);
    if (fln.detailed) fln.setLabel(`${bitPattern(0xfffff, 24, flow)}Flow Label: 0x${flow.toString(16).padStart(5, '0')}`);
    const plen = tvb0.u16(4);
    const nxt = tvb0.u8(6);
    const pn = t.add(hfPlen, tvb0, 4, 2, plen);
    if (plen === 0 && nxt !== 0 && nxt !== 59) pinfo.expert(pn, eiPlenZero, tvb0, 4, 2);
    t.add(hfNxt, tvb0, 6, 1, nxt);
    const hlim = tvb0.u8(7);
    t.add(hfHlim, tvb0, 7, 1, hlim);
    tvb0.check(8, 32);
    addAddress(t, tvb0, 8, hfSrc, hfSrcHost, pinfo.ctx.options.hostNames);
    pinfo.setSrc(AddrKind.IPv6, tvb0, 8);
    addAddress(t, tvb0, 24, hfDst, hfDstHost, pinfo.ctx.options.hostNames);
    pinfo.setDst(AddrKind.IPv6, tvb0, 24);
    pinfo.noteTap(AddrKind.IPv6);
    if (full) {
      const d = tvb0.data;
      const names = pinfo.ctx.options.hostNames;
      if (t.protocolLabels) t.setLabel(`Internet Protocol Version 6, Src: ${labelText6(names, d, tvb0.abs(8))}, Dst: ${labelText6(names, d, tvb0.abs(24))}`);
      add6to4(t, tvb0, 8, hfSrc6to4Gw, hfSrc6to4Sla);
      add6to4(t, tvb0, 24, hfDst6to4Gw, hfDst6to4Sla);
      addTeredo(t, tvb0, 8, hfSrcTs, hfSrcTcPort, hfSrcTc);
      addTeredo(t, tvb0, 24, hfDstTs, hfDstTcPort, hfDstTc);
      addSlaac(t, tvb0, 8, hfSrcSlaac);
      addSlaac(t, tvb0, 24, hfDstSlaac);
      addIsatap(t, tvb0, 8, hfSrcIsatap);
      addIsatap(t, tvb0, 24, hfDstIsatap);
      addEmbed(t, tvb0, 8, hfSrcEmbed);
      addEmbed(t, tvb0, 24, hfDstEmbed);
    }
    let len = plen;
    let jumbo = 0;
    if (plen === 0 && nxt === 0) {
      jumbo = jumboLength(tvb0, 40);
      if (jumbo) {
        if (full) pn.setLabel(`Payload Length: ${plen} (Jumbogram)`);
        len = jumbo;
      } else {
        pinfo.setInfo('Invalid IPv6 payload length');
        pinfo.expert(pn, eiJumboMissing, tvb0, 4, 2);
      }
    }
    const reportedPlen = tvb0.reportedLength - 40;
    if (!pinfo.inErrorPkt && len > reportedPlen) {
      pinfo.expert(pn, eiPlenExceeds, tvb0, 4, 2, pinfo.wantExpertText ? `IPv6 payload length exceeds framing length (${reportedPlen} bytes)` : undefined);
    }
    let tvb = tvb0;
    let consumed = tvb0.reportedLength;
    if (40 + len < tvb0.reportedLength) {
      tvb = tvb0.sub(0, 40 + len);
      consumed = 40 + len;
      pinfo.setActualLength(tvb0, consumed);
    }
    // A pooled state per nesting depth (IPv6 in IPv6, ICMPv6 errors): no allocation per packet.
    const st = chainStates[chainDepth] ?? (chainStates[chainDepth] = { t: NULL_TREE, itemLen: 0, fragPlen: 0, plen: 0, jumbo: 0, hlim: 0, count: 0 });
    st.t = t;
    st.itemLen = 40;
    st.fragPlen = plen;
    st.plen = plen;
    st.jumbo = jumbo;
    st.hlim = hlim;
    st.count = 0;
    const saveFragmented = pinfo.fragmented;
    chainDepth++;
    try {
      dissectChain(nxt, tvb.sub(40), pinfo, tree, st);
    } finally {
      chainDepth--;
      st.t = NULL_TREE;
    }
    pinfo.fragmented = saveFragmented;
    return consumed;
  },
};

/**
 * Wireshark's ipv6_dissect_next: extension headers one after the other, then the upper layer
 * (the `ip.proto` table, the `ip` heuristics, else data).
 */
function dissectChain(nxt: number, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, st: ChainState): void {
  for (;;) {
    let r: { nxt: number; tvb: Tvb } | null;
    switch (nxt) {
      case 0:
        r = options(protoHopopts, tvb, pinfo, st);
        break;
      case 60:
        r = options(protoDstopts, tvb, pinfo, st);
        break;
      case 43:
        r = routing(tvb, pinfo, st);
        break;
      case 44:
        r = fragment(tvb, pinfo, tree, st);
        break;
      case 51:
        r = authHeader(tvb, pinfo, st);
        break;
      default:
        r = null;
    }
    if (r === null) break;
    if (r.tvb === DONE) return;
    pinfo.current = proto;
    nxt = r.nxt;
    tvb = r.tvb;
    st.count++;
  }
  st.t.setLength(st.itemLen);
  if (nxt === 59) {
    pinfo.setInfo('IPv6 no next header');
    callData(tvb, pinfo, tree);
    return;
  }
  if (dispatchIpPayload(nxt, tvb, pinfo, tree, st.hlim)) return;
  if (pinfo.wantInfo) pinfo.setInfo(`Unknown IP Protocol: ${ipProtoName(nxt)} (${nxt})`);
  callData(tvb, pinfo, tree);
}

/** The IP Authentication Header (ah.ts) as an extension header: inside the IPv6 tree, and counted in its length. */
function authHeader(tvb: Tvb, pinfo: PacketInfo, st: ChainState): { nxt: number; tvb: Tvb } {
  enter(ahProto, tvb, pinfo);
  const { nxt, len } = ahHeader(tvb, pinfo, st.t);
  st.fragPlen -= len;
  st.itemLen += len;
  return { nxt, tvb: tvb.sub(len) };
}

/** Marks that an extension header dissected everything itself. */
const DONE = Tvb.frame(new Uint8Array(0), 0);

/** An extension header is a protocol of its own (in Wireshark a dissector): its expert items are its own. */
function enter(p: ProtocolDef, tvb: Tvb, pinfo: PacketInfo): void {
  tvb.layer = p.abbrev;
  pinfo.enter(p);
  pinfo.current = p;
}

/** Hop-by-hop and destination options headers (Wireshark's dissect_opts). */
function options(p: ProtocolDef, tvb: Tvb, pinfo: PacketInfo, st: ChainState): { nxt: number; tvb: Tvb } {
  enter(p, tvb, pinfo);
  const hopopts = p === protoHopopts;
  pinfo.appendInfoSep(' , ', hopopts ? 'IPv6 hop-by-hop options' : 'IPv6 destination options');
  const nxt = tvb.u8(0);
  const len = (tvb.u8(1) + 1) << 3;
  st.fragPlen -= len;
  st.itemLen += len;
  const t = st.t.addProto(p, tvb, 0, len, p.name);
  if (hopopts && st.count !== 0) pinfo.expert(t, eiHopoptsNotFirst, tvb, 0, len);
  t.add(hopopts ? hfHopoptsNxt : hfDstoptsNxt, tvb, 0, 1, nxt);
  t.add(hopopts ? hfHopoptsLen : hfDstoptsLen, tvb, 1, 1, tvb.u8(1));
  t.addGenerated(hopopts ? hfHopoptsLenOct : hfDstoptsLenOct, len, tvb, 1, 1);
  let off = 2;
  while (off < len) {
    const type = tvb.u8(off);
    const optLen = tvb.u8(off + 1);
    const name = OPT_NAMES[type] ?? `Unknown IPv6 Option (${type})`;
    const o = t.add(hfOpt, tvb, off, type === 0 ? 1 : 2 + optLen, null).setLabel(name);
    const tn = o.add(hfOptType, tvb, off, 1, type);
    if (type === 0) {
      o.add(hfOptPad1, tvb, off, 1, null);
      off++;
      continue;
    }
    const want = OPT_HDR.get(type);
    if (want !== undefined) {
      if (hopopts && want === 1) pinfo.expert(tn, eiOptHeaderMismatch, tvb, off, 1, `${name} must use a destination options header`);
      else if (!hopopts && want === 0) pinfo.expert(tn, eiOptHeaderMismatch, tvb, off, 1, `${name} must use a hop-by-hop options header`);
    }
    if (tn.real) {
      tn.add(hfOptTypeAction, tvb, off, 1, type >> 6);
      tn.add(hfOptTypeChange, tvb, off, 1, (type >> 5) & 1);
      tn.add(hfOptTypeRest, tvb, off, 1, type & 0x1f);
    }
    off++;
    const ln = o.add(hfOptLength, tvb, off, 1, optLen);
    off++;
    if (type === 1) {
      tvb.check(off, optLen);
      o.add(hfOptPadn, tvb, off, optLen);
      off += optLen;
      continue;
    }
    const start = off;
    switch (type) {
      case 0xc2: {
        if (optLen !== 4) pinfo.expert(ln, eiOptInvalidLen, tvb, start - 1, 1, `Jumbo Payload: Invalid length (${optLen} bytes)`);
        const j = tvb.u32(off);
        const jn = o.add(hfOptJumbo, tvb, off, 4, j);
        off += 4;
        if (st.plen !== 0) pinfo.expert(o, eiJumboProhibited);
        if (j < 65536) pinfo.expert(jn, eiJumboTruncated, tvb, off - 4, 4);
        break;
      }
      case 0x04:
        if (optLen !== 1) pinfo.expert(ln, eiOptInvalidLen, tvb, start - 1, 1, `Tunnel Encapsulation Limit: Invalid length (${optLen} bytes)`);
        o.add(hfOptTel, tvb, off, 1, tvb.u8(off));
        off += 1;
        break;
      case 0x05:
        if (optLen !== 2) pinfo.expert(ln, eiOptInvalidLen, tvb, start - 1, 1, `Router alert: Invalid Length (${optLen} bytes)`);
        o.add(hfOptRtalert, tvb, off, 2, tvb.u16(off));
        off += 2;
        break;
      case 0x30: {
        if (optLen !== 4) pinfo.expert(ln, eiOptInvalidLen, tvb, start - 1, 1, `PMTU Option: Invalid Length (${optLen} bytes)`);
        o.add(hfOptPmtuMin, tvb, off, 2, tvb.u16(off));
        off += 2;
        const v = tvb.u16(off);
        o.add(hfOptPmtuRtn, tvb, off, 2, v & 0xfffe);
        off += 1;
        o.add(hfOptPmtuFlag, tvb, off, 1, v & 1);
        off += 1;
        break;
      }
      case 0xc9:
        if (optLen !== 16) pinfo.expert(ln, eiOptInvalidLen, tvb, start - 1, 1, `Home Address: Invalid length (${optLen} bytes)`);
        tvb.check(off, 16);
        o.add(hfOptHomeAddress, tvb, off, 16);
        pinfo.setSrc(AddrKind.IPv6, tvb, off);
        off += 16;
        break;
      case 0x8a: {
        tvb.check(off, optLen);
        const n = missingIfEmpty(o.add(hfOptUnknown, tvb, off, optLen), optLen);
        pinfo.expert(n, eiOptUnknownData, tvb, off, optLen);
        pinfo.expert(tn, eiOptDeprecated, tvb, start - 2, 1);
        off += optLen;
        break;
      }
      case 0x08: {
        // SMF_DPD (RFC 6621): a hash assist value (H set), or a tagger ID and an identifier.
        const h = tvb.u8(off);
        o.add(hfSmfHashBit, tvb, off, 1);
        if (h & 0x80) {
          tvb.check(off, optLen);
          o.add(hfSmfHav, tvb, off, optLen);
          off += optLen;
          break;
        }
        o.add(hfSmfTidType, tvb, off, 1);
        o.add(hfSmfTidLen, tvb, off, 1);
        off += 1;
        let identLen = optLen - 1;
        if (h & 0x70) {
          const tidLen = (h & 0x0f) + 1;
          tvb.check(off, tidLen);
          o.add(hfSmfTaggerId, tvb, off, tidLen);
          off += tidLen;
          identLen -= tidLen;
        }
        if (identLen > 0) {
          tvb.check(off, identLen);
          o.add(hfSmfIdent, tvb, off, identLen);
          off += identLen;
        }
        break;
      }
      case 0xee: {
        // IP_DFF (RFC 6971): flags and a sequence number, 3 bytes whatever the length says.
        if (optLen !== 3) pinfo.expert(ln, eiOptInvalidLen, tvb, start - 1, 1, `IPv6 DFF: Invalid length (${optLen} bytes)`);
        const flags = tvb.u8(off);
        const fn = o.add(hfDffFlags, tvb, off, 1, flags);
        if (fn.detailed) fn.setLabel(bitmaskLabel('Flags', flags, 2, DFF_FLAGS));
        for (const f of DFF_FLAGS) fn.add(f, tvb, off, 1);
        off += 1;
        o.add(hfDffSeq, tvb, off, 2, tvb.u16(off));
        off += 2;
        break;
      }
      case 0x1e: case 0x3e: case 0x5e: case 0x7e: case 0x9e: case 0xbe: case 0xde: case 0xfe:
        tvb.check(off, optLen);
        missingIfEmpty(o.add(hfOptExperimental, tvb, off, optLen), optLen);
        off += optLen;
        break;
      default: {
        tvb.check(off, optLen);
        const n = missingIfEmpty(o.add(hfOptUnknown, tvb, off, optLen), optLen);
        pinfo.expert(n, eiOptUnknownData, tvb, off, optLen);
        off += optLen;
      }
    }
    if (off < start + optLen) {
      tvb.check(off, start + optLen - off);
      const n = o.add(hfOptUnknownData, tvb, off, start + optLen - off);
      pinfo.expert(n, eiOptUnknownData, tvb, off, start + optLen - off);
      off = start + optLen;
    }
  }
  return { nxt, tvb: tvb.sub(len) };
}

/** An option's bytes item of length 0: tshark 4.0 shows `<MISSING>` for these (PadN's says `<none>`). */
function missingIfEmpty(n: ProtoNode, len: number): ProtoNode {
  if (len === 0 && n.detailed) n.setLabel(`${n.field!.name}: <MISSING>`);
  return n;
}

/** Routing header (types 0, 2 and 4 decoded; others shown as data). */
function routing(tvb: Tvb, pinfo: PacketInfo, st: ChainState): { nxt: number; tvb: Tvb } {
  enter(protoRouting, tvb, pinfo);
  pinfo.appendInfoSep(' , ', 'IPv6 routing');
  const t = st.t.addProto(protoRouting, tvb, 0, tvb.length, protoRouting.name);
  const nxt = tvb.u8(0);
  t.add(hfRoutingNxt, tvb, 0, 1, nxt);
  const hdrLen = tvb.u8(1);
  const lenNode = t.add(hfRoutingLen, tvb, 1, 1, hdrLen);
  const total = (hdrLen + 1) * 8;
  t.setLength(total);
  t.addGenerated(hfRoutingLenOct, total, tvb, 1, 1);
  st.fragPlen -= total;
  st.itemLen += total;
  const type = tvb.u8(2);
  const typeNode = t.add(hfRoutingType, tvb, 2, 1, type);
  if (t.real) t.setLabel(`${protoRouting.name} (${ROUTING_TYPES[type] ?? `Unknown type ${type}`})`);
  const segleft = tvb.u8(3);
  const segNode = t.add(hfRoutingSegleft, tvb, 3, 1, segleft);
  const body = tvb.sub(4, total - 4);
  switch (type) {
    case 0: {
      body.check(0, 4);
      t.add(hfRoutingSrcReserved, body, 0, 4);
      if (hdrLen % 2 !== 0) pinfo.expert(lenNode, eiRoutingInvalidLength, tvb, 1, 1, 'IPv6 Routing Header extension header length must not be odd');
      const count = hdrLen >> 1;
      if (segleft > count) pinfo.expert(segNode, eiRoutingInvalidSegleft, tvb, 3, 1, `IPv6 Type 0 Routing Header segments left field must not exceed address count (${count})`);
      let off = 4;
      let last = -1;
      for (let i = 1; i <= count; i++, off += 16) {
        body.check(off, 16);
        const n = t.add(hfRoutingSrcAddr, body, off, 16);
        if (n.real) n.setLabel(`Address[${i}]: ${formatIPv6(body.data, body.abs(off))}`);
        if (body.data[body.abs(off)] === 0xff) pinfo.expert(n, eiMulticastInRoute, body, off, 16);
        last = off;
      }
      if (last >= 0 && segleft > 0) pinfo.setDst(AddrKind.IPv6, body, last);
      pinfo.expert(typeNode, eiRoutingDeprecated, tvb, 2, 1);
      break;
    }
    case 2: {
      // The reserved bytes, the header's checks, then the address: a header cut short keeps what came first.
      body.check(0, 4);
      t.add(hfRoutingMipv6Reserved, body, 0, 4);
      if (hdrLen !== 2) pinfo.expert(lenNode, eiRoutingInvalidLength, tvb, 1, 1, 'IPv6 Type 2 Routing Header extension header length must equal 2');
      if (segleft !== 1) pinfo.expert(segNode, eiRoutingInvalidSegleft, tvb, 3, 1, 'IPv6 Type 2 Routing Header segments left field must equal 1');
      body.check(4, 16);
      const n = t.add(hfRoutingMipv6Home, body, 4, 16);
      if (n.real) n.setLabel(`Address[1]: ${formatIPv6(body.data, body.abs(4))}`);
      if (body.data[body.abs(4)] === 0xff) pinfo.expert(n, eiMulticastInRoute, body, 4, 16);
      if (segleft > 0) pinfo.setDst(AddrKind.IPv6, body, 4);
      break;
    }
    case 4: {
      const lastEntry = body.u8(0);
      t.add(hfRoutingSrhLast, body, 0, 1, lastEntry);
      t.add(hfRoutingSrhFlags, body, 1, 1, body.u8(1));
      t.add(hfRoutingSrhTag, body, 2, 2, body.bytes(2, 2));
      const count = lastEntry + 1;
      if (segleft > count) pinfo.expert(segNode, eiRoutingInvalidSegleft, tvb, 3, 1, `IPv6 Type 4 Routing Header segments left field must not exceed address count (${count})`);
      body.check(4, 16);
      if (segleft > 0) pinfo.setDst(AddrKind.IPv6, body, 4);
      for (let i = 0; i < count; i++) {
        const o = 4 + i * 16;
        body.check(o, 16);
        const n = t.add(hfRoutingSrhAddr, body, o, 16);
        if (n.real) n.setLabel(`Address[${i}]: ${formatIPv6(body.data, body.abs(o))}`);
      }
      break;
    }
    default: {
      const n = t.add(hfRoutingUnknown, body, 0, total - 4);
      pinfo.expert(n, eiRoutingUndecoded, body, 0, total - 4);
    }
  }
  return { nxt, tvb: tvb.sub(total) };
}

/** Fragment header, and the reassembly of the datagram (Wireshark's dissect_fraghdr). */
function fragment(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, st: ChainState): { nxt: number; tvb: Tvb } {
  enter(protoFraghdr, tvb, pinfo);
  const nxt = tvb.u8(0);
  const offlg = tvb.u16(2);
  const fragOff = offlg & 0xfff8;
  const more = (offlg & 1) !== 0;
  const ident = tvb.u32(4);
  if (pinfo.wantInfo) pinfo.setInfo(`IPv6 fragment (off=${fragOff} more=${more ? 'y' : 'n'} ident=0x${ident.toString(16).padStart(8, '0')} nxt=${nxt})`);
  st.fragPlen -= 8;
  st.itemLen += 8;
  const t = st.t.addProto(protoFraghdr, tvb, 0, 8, protoFraghdr.name);
  if (st.jumbo !== 0) pinfo.expert(t, eiJumboFragment, tvb, 0, 8);
  t.add(hfFragNxt, tvb, 0, 1, nxt);
  t.add(hfFragReservedOctet, tvb, 1, 1, tvb.u8(1));
  const fon = t.add(hfFragOffset, tvb, 2, 2, fragOff >> 3);
  if (fon.real) fon.setLabel(`${bitPattern(0xfff8, 16, fragOff >> 3)}Offset: ${fragOff >> 3} (${fragOff} bytes)`);
  t.add(hfFragReservedBits, tvb, 2, 2, (offlg >> 1) & 3);
  t.add(hfFragMore, tvb, 2, 2, more ? 1 : 0);
  t.add(hfFragIdent, tvb, 4, 4, ident);
  if (st.fragPlen > 0 && (fragOff !== 0 || more)) {
    pinfo.fragmented = true;
    const plen = st.fragPlen;
    if (tvb.has(8, plen)) {
      const key = `${addrKey(pinfo.srcData, pinfo.srcOff)}>${addrKey(pinfo.dstData, pinfo.dstOff)}/${ident}`;
      const r = fragments(pinfo).add(key, pinfo.meta.num, fragOff, tvb.bytes(8, plen), more, pinfo.visited);
      if (r.done && r.reassembly.frame === pinfo.meta.num) {
        const re = r.reassembly;
        let next: Tvb;
        if (re.parts.length > 1) {
          const n = pinfo.addDataSource('Reassembled IPv6', re.data);
          next = pinfo.frameView(re.data, re.data.length, 'ipv6');
          next.source = n;
          showFragments(re, st.t, pinfo, next, 'IPv6', fragmentFields);
        } else {
          next = tvb.sub(8);
        }
        pinfo.fragmented = false;
        st.fragPlen = 0;
        return { nxt, tvb: next };
      }
      if (!r.done && r.reassembledIn) st.t.addGenerated(hfReassembledIn, r.reassembledIn, tvb, 0, 0);
    }
    // A fragment not put together here: the IPv6 item ends before its fragment header (Wireshark's).
    st.t.setLength(st.itemLen - 8);
    callData(tvb.sub(8), pinfo, tree);
    return { nxt, tvb: DONE };
  }
  return { nxt, tvb: tvb.sub(8) };
}

function addrKey(d: Uint8Array, off: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += String.fromCharCode(d[off + i] ?? 0);
  return s;
}

/** The Jumbo Payload length from a hop-by-hop header at `off`, when it is above 65535 (else 0). */
function jumboLength(tvb: Tvb, off: number): number {
  if (!tvb.has(off, 2)) return 0;
  const end = off + (tvb.u8(off + 1) + 1) * 8;
  off += 2;
  while (off < end && tvb.has(off, 6)) {
    const type = tvb.u8(off++);
    if (type === 0) continue;
    const len = tvb.u8(off++);
    if (type === 0xc2 && len === 4) {
      const j = tvb.u32(off);
      return j > 0xffff ? j : 0;
    }
    off += len;
  }
  return 0;
}

function addAddress(t: ProtoNode, tvb: Tvb, off: number, hf: typeof hfSrc, hfHostName: typeof hfSrcHost, names: HostNames | undefined): void {
  t.add(hf, tvb, off, 16);
  t.addHidden(hfAddr, tvb, off, 16);
  if (!t.real) return;
  // The text only for a tree that keeps it (ipv6.src_host, ipv6.host).
  const s = t.wants(hfHostName) || t.wants(hfHost) ? hostText6(names, tvb.data, tvb.abs(off)) : '';
  t.addHidden(hfHostName, tvb, off, 16, s).setFlags(NodeFlags.Generated);
  t.addHidden(hfHost, tvb, off, 16, s).setFlags(NodeFlags.Generated);
}

/** Adds the directional item (generated) and the undirected one (generated, hidden). */
function pair(t: ProtoNode, tvb: Tvb, off: number, len: number, a: typeof hfSrc, b: typeof hfSrc, v: number | Uint8Array): void {
  t.addGenerated(a, v, tvb, off, len);
  t.addGenerated(b, v, tvb, off, len).setFlags(NodeFlags.Hidden);
}

/** RFC 3056: 2002:gggg:gggg:ssss::/64 — the 6to4 gateway and SLA ID. */
function add6to4(t: ProtoNode, tvb: Tvb, off: number, gw: typeof hfSrc, sla: typeof hfSrc): void {
  if (tvb.u16(off) !== 0x2002) return;
  const g = tvb.u32(off + 2);
  const s = tvb.u16(off + 6);
  t.addGenerated(gw, g, tvb, off + 2, 4);
  t.addGenerated(sla, s, tvb, off + 6, 2);
  t.addGenerated(hf6to4Gw, g, tvb, off + 2, 4).setFlags(NodeFlags.Hidden);
  t.addGenerated(hf6to4Sla, s, tvb, off + 6, 2).setFlags(NodeFlags.Hidden);
}

/** RFC 4380: 2001:0000:server:flags:port:client — Teredo, with port and client obfuscated. */
function addTeredo(t: ProtoNode, tvb: Tvb, off: number, server: typeof hfSrc, port: typeof hfSrc, client: typeof hfSrc): void {
  if (tvb.u32(off) !== 0x20010000) return;
  const sv = tvb.u32(off + 4);
  const p = tvb.u16(off + 10) ^ 0xffff;
  const c = (tvb.u32(off + 12) ^ 0xffffffff) >>> 0;
  t.addGenerated(server, sv, tvb, off + 4, 4);
  t.addGenerated(port, p, tvb, off + 10, 2);
  t.addGenerated(client, c, tvb, off + 12, 4);
  t.addGenerated(hfTs, sv, tvb, off + 4, 4).setFlags(NodeFlags.Hidden);
  t.addGenerated(hfTcPort, p, tvb, off + 10, 2).setFlags(NodeFlags.Hidden);
  t.addGenerated(hfTc, c, tvb, off + 12, 4).setFlags(NodeFlags.Hidden);
}

/** RFC 4291 appendix A: an interface identifier made from a MAC address (…:xxff:fexx:…). */
function addSlaac(t: ProtoNode, tvb: Tvb, off: number, hf: typeof hfSrc): void {
  if (!(tvb.u8(off + 8) & 0x02) || tvb.u16(off + 11) !== 0xfffe) return;
  const d = tvb.data;
  const a = tvb.abs(off);
  const mac = new Uint8Array([d[a + 8]! & ~0x02, d[a + 9]!, d[a + 10]!, d[a + 13]!, d[a + 14]!, d[a + 15]!]);
  pair(t, tvb, off + 8, 8, hf, hfSlaac, mac);
}

/** RFC 5214: ISATAP interface identifiers (…:0000:5efe:a.b.c.d or 0200:5efe). */
function addIsatap(t: ProtoNode, tvb: Tvb, off: number, hf: typeof hfSrc): void {
  if ((tvb.u32(off + 8) & 0xfcffffff) >>> 0 !== 0x00005efe) return;
  pair(t, tvb, off + 12, 4, hf, hfIsatap, tvb.u32(off + 12));
}

/** RFC 6052: the well-known NAT64 prefix 64:ff9b::/96. */
function addEmbed(t: ProtoNode, tvb: Tvb, off: number, hf: typeof hfSrc): void {
  if (tvb.u32(off) !== 0x0064ff9b || tvb.u32(off + 4) !== 0 || tvb.u32(off + 8) !== 0) return;
  t.addGenerated(hfEmbedPrefix, tvb.bytes(off, 12), tvb, off, 12);
  const v4 = readIPv4(tvb.data, tvb.abs(off + 12));
  t.addGenerated(hf, v4, tvb, off + 12, 4);
  t.addGenerated(hfEmbed, v4, tvb, off + 12, 4);
}
