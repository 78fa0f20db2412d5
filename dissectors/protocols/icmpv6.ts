/*
 * Internet Control Message Protocol for IPv6 (RFC 4443), Neighbor Discovery (RFC 4861) and
 * Multicast Listener Discovery (RFC 2710, RFC 3810), as Wireshark 4.0's packet-icmpv6.c shows
 * them: echo with request/response matching, the error messages (the quoted packet is dissected
 * as an error packet), router/neighbor solicitation and advertisement, redirect, the ND options
 * (link-layer addresses, prefix information, MTU, route information, RDNSS, DNSSL, …), MLDv1/v2.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Message Body                          |
 *
 * The checksum (over the IPv6 pseudo-header) is always verified, except in a quoted packet or
 * when the message is incomplete.
 */
import { callDissector, heuristicTable, table, type ProtocolSpec } from '../core/dispatch.js';
import { isDissectorError } from '../core/errors.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineFieldAgain, defineProtocol } from '../core/fields.js';
import { formatEther, formatHex, formatIPv6, hex4 } from '../core/addr.js';
import { bitmaskLabel } from '../core/format.js';
import { AddrKind, type PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { extEchoFields, extEchoHeader, icmpExtensions } from './icmp-extensions.js';
import { EchoTracker, cksumAdjust, echoKey, newEchoTracker, showTransaction, type ResponseFields } from './icmp.js';
import { callData, CHECKSUM_STATUS_VALS, foldSum, inCksumItem, inetChecksum } from './ipv4.js';

export const proto = defineProtocol('icmpv6', 'Internet Control Message Protocol v6', 'ICMPv6', 'network');

export const ICMPV6_TYPES: Record<number, string> = {
  1: 'Destination Unreachable', 2: 'Packet Too Big', 3: 'Time Exceeded', 4: 'Parameter Problem',
  100: 'Private experimentation', 101: 'Private experimentation', 127: 'Reserved for expansion of ICMPv6 error messages',
  128: 'Echo (ping) request', 129: 'Echo (ping) reply', 130: 'Multicast Listener Query', 131: 'Multicast Listener Report',
  132: 'Multicast Listener Done', 133: 'Router Solicitation', 134: 'Router Advertisement', 135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement', 137: 'Redirect', 138: 'Router Renumbering', 139: 'Node Information Query',
  140: 'Node Information Reply', 141: 'Inverse Neighbor Discovery Solicitation', 142: 'Inverse Neighbor Discovery Advertisement',
  143: 'Multicast Listener Report Message v2', 144: 'Home Agent Address Discovery Request', 145: 'Home Agent Address Discovery Reply',
  146: 'Mobile Prefix Solicitation', 147: 'Mobile Prefix Advertisement', 148: 'Certification Path Solicitation',
  149: 'Certification Path Advertisement', 150: 'Experimental Mobility', 151: 'Multicast Router Advertisement',
  152: 'Multicast Router Solicitation', 153: 'Multicast Router Termination', 154: 'FMIPv6', 155: 'RPL Control',
  156: 'Locator Update', 157: 'Duplicate Address Request', 158: 'Duplicate Address Confirmation', 159: 'MPL Control Message',
  160: 'Extended Echo request', 161: 'Extended Echo reply', 200: 'Private experimentation', 201: 'Private experimentation',
  255: 'Reserved for expansion of ICMPv6 informational messages',
};
const UNREACH_CODES: Record<number, string> = {
  0: 'no route to destination', 1: 'Administratively prohibited', 2: 'Beyond scope of source address', 3: 'Address unreachable',
  4: 'Port unreachable', 5: 'Source address failed ingress/egress policy', 6: 'Reject route to destination',
  7: 'Error in Source Routing Header',
};
const TIMEEX_CODES: Record<number, string> = { 0: 'hop limit exceeded in transit', 1: 'fragment reassembly time exceeded' };
const PARAMPROB_CODES: Record<number, string> = {
  0: 'erroneous header field encountered', 1: 'unrecognized Next Header type encountered', 2: 'unrecognized IPv6 option encountered',
  3: 'IPv6 First Fragment has incomplete IPv6 Header Chain',
};
const RR_CODES: Record<number, string> = { 0: 'Command', 1: 'Result', 255: 'Sequence number reset' };
const NI_QUERY_CODES: Record<number, string> = { 0: 'Query subject = IPv6 addresses', 1: 'Query subject = DNS name or empty', 2: 'Query subject = IPv4 addresses' };
const NI_REPLY_CODES: Record<number, string> = { 0: 'Successful', 1: 'Refused', 2: 'Unknown query type' };
const EXTECHO_REQ_CODES: Record<number, string> = { 0: 'No error' };
const EXTECHO_REPLY_CODES: Record<number, string> = {
  0: 'No error', 1: 'Malformed Query', 2: 'No Such Interface', 3: 'No Such Table Entry', 4: 'Multiple Interfaces Satisfy Query',
};

const OPTION_NAMES: Record<number, string> = {
  1: 'Source link-layer address', 2: 'Target link-layer address', 3: 'Prefix information', 4: 'Redirected header', 5: 'MTU',
  6: 'NBMA Shortcut Limit Option', 7: 'Advertisement Interval', 8: 'Home Agent Information', 9: 'Source Address List',
  10: 'Target Address List', 11: 'CGA', 12: 'RSA Signature', 13: 'Timestamp', 14: 'Nonce', 15: 'Trust Anchor', 16: 'Certificate',
  17: 'IP Address/Prefix Option', 18: 'New Router Prefix Information', 19: 'Link-layer Address',
  20: 'Neighbor Advertisement Acknowledgment', 23: 'MAP', 24: 'Route Information', 25: 'Recursive DNS Server',
  26: 'RA Flags Extension', 27: 'Handover Key Request', 28: 'Handover Key Reply', 29: 'Handover Assist Information',
  30: 'Mobile Node Identifier Option', 31: 'DNS Search List Option', 32: 'Proxy Signature (PS)',
  33: 'Address Registration Option', 34: '6LoWPAN Context Option', 35: 'Authoritative Border Router',
  36: '6LoWPAN Capability Indication Option', 37: 'DHCP Captive-Portal', 38: 'PREF64 Option', 138: 'CARD Request',
  139: 'CARD Reply', 253: 'RFC3692-style Experiment 1', 254: 'RFC3692-style Experiment 2',
};
const PREFERENCES: Record<number, string> = { 0: 'Medium', 1: 'High', 2: 'Reserved', 3: 'Low' };
const MLDR_RECORD_TYPES: Record<number, string> = {
  1: 'Include', 2: 'Exclude', 3: 'Changed to include', 4: 'Changed to exclude', 5: 'Allow new sources', 6: 'Block old sources',
};

const hfType = defineField('icmpv6.type', 'Type', 'uint8', { vals: ICMPV6_TYPES, blurb: 'Indicates the type of the message' });
const hfCode = defineField('icmpv6.code', 'Code', 'uint8', { blurb: 'Depends on the message type.  It is used to create an additional level of message granularity' });
const hfChecksum = defineField('icmpv6.checksum', 'Checksum', 'uint16', { base: 'hex', blurb: 'Used to detect data corruption in the ICMPv6 message and parts of the IPv6 header' });
const hfChecksumStatus = defineField('icmpv6.checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS_VALS });
const hfReserved = defineField('icmpv6.reserved', 'Reserved', 'bytes', { blurb: 'Must be Zero' });
const hfData = defineField('icmpv6.data', 'Data', 'bytes');
const hfUnknownData = defineField('icmpv6.unknown_data', 'Unknown Data', 'bytes', { blurb: 'Not interpreted Data' });
const hfMtu = defineField('icmpv6.mtu', 'MTU', 'uint32', { blurb: 'The Maximum Transmission Unit of the next-hop link' });
const hfPointer = defineField('icmpv6.pointer', 'Pointer', 'uint32', { blurb: 'Identifies the octet offset within the invoking packet where the error was detected' });
const hfLength = defineField('icmpv6.length', 'Length of original datagram', 'uint8', { blurb: 'The length of the original datagram' });
const EXT_ECHO = extEchoFields('icmpv6', 'Sequence number');
const hfEchoId = defineField('icmpv6.echo.identifier', 'Identifier', 'uint16', { base: 'hex', blurb: 'An identifier to aid in matching with Request and Reply' });
const hfEchoSeq = defineField('icmpv6.echo.sequence_number', 'Sequence', 'uint16', { blurb: 'A sequence number to aid in matching Echo Replies to this Echo Request' });
const hfRespIn = defineField('icmpv6.resp_in', 'Response In', 'framenum', { blurb: 'The response to this request is in this frame' });
const hfRespTo = defineField('icmpv6.resp_to', 'Response To', 'framenum', { blurb: 'This is the response to the request in this frame' });
const hfRespTime = defineField('icmpv6.resptime', 'Response Time', 'double', { blurb: 'The time between the request and the response, in ms.' });

const hfRaHopLimit = defineField('icmpv6.nd.ra.cur_hop_limit', 'Cur hop limit', 'uint8', { blurb: 'The default value that should be placed in the Hop Count field of the IP header for outgoing IP packets' });
const hfRaFlag = defineField('icmpv6.nd.ra.flag', 'Flags', 'uint8', { base: 'hex' });
const hfRaFlagM = defineField('icmpv6.nd.ra.flag.m', 'Managed address configuration', 'boolean', { mask: 0x80, bits: 8, blurb: 'When set, it indicates that addresses are available via DHCPv6' });
const hfRaFlagO = defineField('icmpv6.nd.ra.flag.o', 'Other configuration', 'boolean', { mask: 0x40, bits: 8, blurb: 'When set, it indicates that other configuration information is available via DHCPv6' });
const hfRaFlagH = defineField('icmpv6.nd.ra.flag.h', 'Home Agent', 'boolean', { mask: 0x20, bits: 8, blurb: 'When set, it indicate that the router sending this Router Advertisement is also functioning as a Mobile IPv6 home agent on this link' });
const hfRaFlagPrf = defineField('icmpv6.nd.ra.flag.prf', 'Prf (Default Router Preference)', 'uint8', { mask: 0x18, vals: PREFERENCES, blurb: 'Indicates whether to prefer this router over other default routers' });
const hfRaFlagP = defineField('icmpv6.nd.ra.flag.p', 'Proxy', 'boolean', { mask: 0x04, bits: 8 });
const hfRaFlagRsv = defineField('icmpv6.nd.ra.flag.rsv', 'Reserved', 'uint8', { mask: 0x03, blurb: 'Must be Zero' });
const hfRaLifetime = defineField('icmpv6.nd.ra.router_lifetime', 'Router lifetime (s)', 'uint16', { blurb: 'The lifetime associated with the default router' });
const hfRaReachable = defineField('icmpv6.nd.ra.reachable_time', 'Reachable time (ms)', 'uint32', { blurb: 'The time that a node assumes a neighbor is reachable after having received a reachability confirmation' });
const hfRaRetrans = defineField('icmpv6.nd.ra.retrans_timer', 'Retrans timer (ms)', 'uint32', { blurb: 'The time between retransmitted Neighbor Solicitation messages' });
const hfNsTarget = defineField('icmpv6.nd.ns.target_address', 'Target Address', 'ipv6', { blurb: 'The IP address of the target of the solicitation' });
const hfNaFlag = defineField('icmpv6.nd.na.flag', 'Flags', 'uint32', { base: 'hex' });
const hfNaFlagR = defineField('icmpv6.nd.na.flag.r', 'Router', 'boolean', { mask: 0x80000000, bits: 32, blurb: 'When set, it indicates that the sender is a router' });
const hfNaFlagS = defineField('icmpv6.nd.na.flag.s', 'Solicited', 'boolean', { mask: 0x40000000, bits: 32, blurb: 'When set, it indicates that the advertisement was sent in response to a Neighbor Solicitation from the Destination address' });
const hfNaFlagO = defineField('icmpv6.nd.na.flag.o', 'Override', 'boolean', { mask: 0x20000000, bits: 32, blurb: 'When set, it indicates that the advertisement should override an existing cache entry and update the cached link-layer address' });
const hfNaFlagRsv = defineField('icmpv6.nd.na.flag.rsv', 'Reserved', 'uint32', { mask: 0x1fffffff, blurb: 'Must be Zero' });
const hfNaTarget = defineField('icmpv6.nd.na.target_address', 'Target Address', 'ipv6', { blurb: 'the Target Address field in the Neighbor Solicitation message that prompted this advertisement' });
const hfRdTarget = defineField('icmpv6.nd.rd.target_address', 'Target Address', 'ipv6', { blurb: 'An IP address that is a better first hop to use for the ICMP Destination Address' });
const hfRdDestination = defineField('icmpv6.rd.na.destination_address', 'Destination Address', 'ipv6', { blurb: 'The IP address of the destination that is redirected to the target' });

const hfOpt = defineField('icmpv6.opt', 'ICMPv6 Option', 'none', { blurb: 'Option' });
const hfOptType = defineField('icmpv6.opt.type', 'Type', 'uint8', { vals: OPTION_NAMES, blurb: 'Options type' });
const hfOptLength = defineField('icmpv6.opt.length', 'Length', 'uint8', { blurb: 'The length (in units of 8 bytes) of the option (including the Type and Length fields)' });
const hfOptReserved = defineField('icmpv6.opt.reserved', 'Reserved', 'none', { blurb: 'Reserved (Must be 0)' });
const hfOptPadding = defineField('icmpv6.opt.padding', 'Padding', 'none', { blurb: 'Padding (Must be 0)' });
const hfOptLinkaddr = defineField('icmpv6.opt.linkaddr', 'Link-layer address', 'ether');
const hfOptSrcLinkaddr = defineField('icmpv6.opt.src_linkaddr', 'Source Link-layer address', 'ether');
const hfOptTargetLinkaddr = defineField('icmpv6.opt.target_linkaddr', 'Target Link-layer address', 'ether');
// Wireshark's own registrations of these names: bytes, for a link-layer address that is neither
// a MAC (option length 8) nor an EUI-64 (16, zero-padded).
const hfOptLinkaddrEui64 = defineField('icmpv6.opt.linkaddr_eui64', 'Link-layer address', 'eui64');
const hfOptSrcLinkaddrEui64 = defineField('icmpv6.opt.src_linkaddr_eui64', 'Source Link-layer address', 'eui64');
const hfOptTargetLinkaddrEui64 = defineField('icmpv6.opt.target_linkaddr_eui64', 'Target Link-layer address', 'eui64');
const hfOptLinkaddrBytes = defineFieldAgain('icmpv6.opt.linkaddr', 'Link-layer address', 'bytes');
const hfOptSrcLinkaddrBytes = defineFieldAgain('icmpv6.opt.src_linkaddr', 'Source Link-layer address', 'bytes');
const hfOptTargetLinkaddrBytes = defineFieldAgain('icmpv6.opt.target_linkaddr', 'Target Link-layer address', 'bytes');
const hfOptPrefixLen = defineField('icmpv6.opt.prefix.length', 'Prefix Length', 'uint8', { blurb: 'The number of leading bits in the Prefix that are valid' });
const hfOptPrefixFlag = defineField('icmpv6.opt.prefix.flag', 'Flag', 'uint8', { base: 'hex' });
const hfOptPrefixFlagL = defineField('icmpv6.opt.prefix.flag.l', 'On-link flag(L)', 'boolean', { mask: 0x80, bits: 8, blurb: 'When set, indicates that this prefix can be used for on-link determination' });
const hfOptPrefixFlagA = defineField('icmpv6.opt.prefix.flag.a', 'Autonomous address-configuration flag(A)', 'boolean', { mask: 0x40, bits: 8, blurb: 'When set indicates that this prefix can be used for stateless address configuration' });
const hfOptPrefixFlagR = defineField('icmpv6.opt.prefix.flag.r', 'Router address flag(R)', 'boolean', { mask: 0x20, bits: 8, blurb: 'When set indicates that the Prefix field contains a complete IP address assigned to the sending router' });
const hfOptPrefixFlagRsv = defineField('icmpv6.opt.prefix.flag.reserved', 'Reserved', 'uint8', { mask: 0x1f });
/** A lifetime of all ones (Wireshark's icmpv6_option_prefix_lifetime special value). */
const INFINITY = { 0xffffffff: 'Infinity' };
const hfOptPrefixValid = defineField('icmpv6.opt.prefix.valid_lifetime', 'Valid Lifetime', 'uint32', { vals: INFINITY, specialVals: true, blurb: 'The length of time in seconds that the prefix is valid for the purpose of on-link determination' });
const hfOptPrefixPreferred = defineField('icmpv6.opt.prefix.preferred_lifetime', 'Preferred Lifetime', 'uint32', { vals: INFINITY, specialVals: true, blurb: 'The length of time in seconds that addresses generated from the prefix via stateless address autoconfiguration remain preferred' });
const hfOptPrefix = defineField('icmpv6.opt.prefix', 'Prefix', 'ipv6', { blurb: 'An IP address or a prefix of an IP address' });
const hfOptRedirected = defineField('icmpv6.opt.redirected_packet', 'Redirected Packet', 'none');
const hfOptMtu = defineField('icmpv6.opt.mtu', 'MTU', 'uint32', { blurb: 'The recommended MTU for the link' });
const hfOptAdvInterval = defineField('icmpv6.opt.advertisement_interval', 'Advertisement Interval', 'uint32', { blurb: 'The maximum time (in milliseconds) between successive unsolicited Router Advertisement messages sent by this router on this network interface' });
const hfOptHaPref = defineField('icmpv6.opt.home_agent_preference', 'Home Agent Preference', 'uint16', { blurb: 'The preference for the home agent sending this Router Advertisement' });
const hfOptHaLifetime = defineField('icmpv6.opt.home_agent_lifetime', 'Home Agent Preference', 'uint16', { blurb: 'The lifetime associated with the home agent in units of seconds.' });
const hfOptIpv6Address = defineField('icmpv6.opt.ipv6_address', 'IPv6 Address', 'ipv6', { blurb: 'IPv6 addresses of the interface' });
const hfOptNonce = defineField('icmpv6.opt.nonce', 'Nonce', 'bytes', { blurb: 'A field containing a random number selected by the sender of the solicitation message' });
const hfOptRouteFlag = defineField('icmpv6.opt.route_info.flag', 'Flag', 'uint8', { base: 'hex' });
const hfOptRoutePref = defineField('icmpv6.opt.route_info.flag.route_preference', 'Route Preference', 'uint8', { mask: 0x18, vals: PREFERENCES, blurb: 'The Route Preference indicates whether to prefer the router associated with this prefix over others' });
const hfOptRouteRsv = defineField('icmpv6.opt.route_info.flag.reserved', 'Reserved', 'uint8', { mask: 0xe7, blurb: 'Must be 0' });
const hfOptRouteLifetime = defineField('icmpv6.opt.route_lifetime', 'Route Lifetime', 'uint32', { vals: INFINITY, specialVals: true, blurb: 'The length of time in seconds that the prefix is valid for the purpose of route determination' });
const RDNSS_LIFE = { 0: 'RDNSS address MUST no longer be used', 4294967295: 'Infinity' };
const hfOptRdnssLifetime = defineField('icmpv6.opt.rdnss.lifetime', 'Lifetime', 'uint32', { vals: RDNSS_LIFE, specialVals: true });
const hfOptRdnss = defineField('icmpv6.opt.rdnss', 'Recursive DNS Servers', 'ipv6');
const hfOptDnsslLifetime = defineField('icmpv6.opt.dnssl.lifetime', 'Lifetime', 'uint32', { vals: { 0: 'DNSSL domain name MUST no longer be used', 4294967295: 'Infinity' }, specialVals: true });
const hfOptDnssl = defineField('icmpv6.opt.dnssl', 'Domain Names', 'string');
const hfOptEfo = defineField('icmpv6.opt.efo', 'Flags Expansion Option', 'uint16', { base: 'hex' });
const hfOptEfoM = defineField('icmpv6.opt.efo.m', 'Managed address configuration', 'boolean', { mask: 0x8000, bits: 16, blurb: 'When set, it indicates that addresses are available via DHCPv6' });
const hfOptEfoO = defineField('icmpv6.opt.efo.o', 'Other configuration', 'boolean', { mask: 0x4000, bits: 16, blurb: 'When set, it indicates that other configuration information is available via DHCPv6' });
const hfOptEfoH = defineField('icmpv6.opt.efo.h', 'Home Agent', 'boolean', { mask: 0x2000, bits: 16, blurb: 'When set, it indicate that the router sending this Router Advertisement is also functioning as a Mobile IPv6 home agent on this link' });
const hfOptEfoPrf = defineField('icmpv6.opt.efo.prf', 'Prf (Default Router Preference)', 'uint16', { mask: 0x1800, vals: PREFERENCES, blurb: 'Indicates whether to prefer this router over other default routers' });
const hfOptEfoP = defineField('icmpv6.opt.efo.p', 'Proxy', 'boolean', { mask: 0x0400, bits: 16 });
const hfOptEfoRsv = defineField('icmpv6.opt.efo.rsv', 'Reserved', 'uint16', { mask: 0x02ff, blurb: 'Must be Zero' });

const hfMldMrd = defineField('icmpv6.mld.maximum_response_delay', 'Maximum Response Delay [ms]', 'uint16', { blurb: 'Specifies the maximum allowed delay before sending a responding Report, in units of milliseconds' });
const hfMldMcast = defineField('icmpv6.mld.multicast_address', 'Multicast Address', 'ipv6', { blurb: 'Specific IPv6 multicast address' });
const hfMldMrc = defineField('icmpv6.mld.maximum_response_code', 'Maximum Response Code', 'uint16', { blurb: 'Specifies the maximum allowed delay before sending a responding Report' });
const hfMldFlag = defineField('icmpv6.mld.flag', 'Flags', 'uint8', { base: 'hex' });
const hfMldFlagS = defineField('icmpv6.mld.flag.s', 'Suppress Router-Side Processing', 'boolean', { tfs: ['True', 'False'], mask: 0x08, bits: 8, blurb: 'Indicates to any receiving multicast routers that they have to suppress the normal timer updates they perform upon hearing a Query' });
const hfMldFlagQrv = defineField('icmpv6.mld.flag.qrv', "QRV (Querier's Robustness Variable)", 'uint8', { mask: 0x07, blurb: 'Contains the RV (Robustness Variable) value used by the Querier' });
const hfMldFlagRsv = defineField('icmpv6.mld.flag.reserved', 'Reserved', 'uint8', { mask: 0xf0, blurb: 'Must Be Zero' });
const hfMldQqi = defineField('icmpv6.mld.qqi', "QQIC (Querier's Query Interval Code)", 'uint8', { blurb: 'Specifies the QI (Query Interval) used by the Querier' });
const hfMldNbSources = defineField('icmpv6.mld.nb_sources', 'Number of Sources', 'uint16', { blurb: 'Specifies how many source addresses are present in the Query' });
const hfMldSource = defineField('icmpv6.mld.source_address', 'Source Address', 'ipv6', { blurb: 'The Source Address fields are a vector of unicast addresses' });
const hfMldrNbRecords = defineField('icmpv6.mldr.nb_mcast_records', 'Number of Multicast Address Records', 'uint16', { blurb: 'Specifies how many Multicast Address Records are present in this Report' });
const hfMldrMar = defineField('icmpv6.mldr.mar', 'Multicast Address Record', 'none', { blurb: 'Each Multicast Address Record is a block of fields that contain information on the sender listening to a single multicast address on the interface from which the Report is sent' });
const hfMldrRecordType = defineField('icmpv6.mldr.mar.record_type', 'Record Type', 'uint8', { vals: MLDR_RECORD_TYPES, blurb: 'It specifies the type of the Multicast Address Record' });
const hfMldrAuxLen = defineField('icmpv6.mldr.mar.aux_data_len', 'Aux Data Len', 'uint8', { blurb: 'The Aux Data Len field contains the length (in units of 32-bit words) of the Auxiliary Data Field in this Multicast Address Record' });
const hfMldrNbSources = defineField('icmpv6.mldr.mar.nb_sources', 'Number of Sources', 'uint16', { blurb: 'The Number of Sources field specifies how many source addresses are present in this Multicast Address Record' });
const hfMldrMcast = defineField('icmpv6.mldr.mar.multicast_address', 'Multicast Address', 'ipv6', { blurb: 'The Multicast Address field contains the multicast address to which this Multicast Address Record pertains' });
const hfMldrSource = defineField('icmpv6.mldr.mar.source_address', 'Source Address', 'ipv6', { blurb: 'The Source Address fields are a vector of unicast addresses' });
const hfMldrAux = defineField('icmpv6.mldr.mar.auxiliary_data', 'Auxiliary Data', 'bytes', { blurb: 'Contains additional information that pertain to this Multicast Address Record' });

const eiChecksum = defineExpert('icmpv6.checksum_bad.expert', 'checksum', 'warn', 'Bad checksum');
const CHECKSUM = { checksum: hfChecksum, status: hfChecksumStatus, bad: eiChecksum };
const eiInvalidOptionLength = defineExpert('icmpv6.invalid_option_length', 'malformed', 'error', 'Invalid Option Length');
const eiUndecodedOption = defineExpert('icmpv6.undecoded.option', 'undecoded', 'note', 'Undecoded option');
const eiUndecodedType = defineExpert('icmpv6.undecoded.type', 'undecoded', 'note', 'Undecoded type');
const eiUnknownData = defineExpert('icmpv6.unknown_data.expert', 'malformed', 'error', 'Unknown Data (not interpreted)');

const icmpv6Heuristics = heuristicTable('icmpv6');
const hfNoResp = defineField('icmpv6.no_resp', 'No response seen', 'none', { blurb: 'No corresponding response frame was seen' });
const eiRespNotFound = defineExpert('icmpv6.resp_not_found', 'sequence', 'warn', 'No response seen to ICMPv6 request');
const RESP_FIELDS: ResponseFields = {
  respIn: hfRespIn, respTo: hfRespTo, respTime: hfRespTime, noResp: hfNoResp, notFound: eiRespNotFound,
  notFoundText: (frame) => `No response seen to ICMPv6 request in frame ${frame}`,
};

function tracker(pinfo: PacketInfo): EchoTracker {
  return pinfo.ctx.state(proto, newEchoTracker);
}

/** The checksum over the pseudo-header (RFC 8200 §8.1) and the message: 0 when correct. */
function checksum6(tvb: Tvb, pinfo: PacketInfo, len: number): number {
  const alen = pinfo.srcKind === AddrKind.IPv4 ? 4 : 16;
  let s = foldSum(pinfo.srcData, pinfo.srcOff, alen);
  s = foldSum(pinfo.dstData, pinfo.dstOff, alen, s);
  s += (len >>> 16) + (len & 0xffff) + 58;
  return inetChecksum(tvb.data, tvb.abs(0), len, s);
}

export const icmpv6: ProtocolSpec = {
  proto,
  bind: [['ip.proto', 58]],
  dissect(tvb, pinfo, tree, ipData) {
    pinfo.setProtocol('ICMPv6');
    pinfo.setInfo('');
    const full = tree.real;
    const t = tree.addProto(proto, tvb, 0, tvb.length, proto.name);
    const type = tvb.u8(0);
    t.add(hfType, tvb, 0, 1, type);
    const wantInfo = pinfo.wantInfo;
    if (wantInfo) pinfo.setInfo(ICMPV6_TYPES[type] ?? `Unknown (${type})`);
    const code = tvb.u8(1);
    const cn = t.add(hfCode, tvb, 1, 1, code);
    let codeName: string | null = null;
    if (full || wantInfo) switch (type) {
      case 1: codeName = UNREACH_CODES[code] ?? 'Unknown'; break;
      case 3: codeName = TIMEEX_CODES[code] ?? `Unknown (${code})`; break;
      case 4: codeName = PARAMPROB_CODES[code] ?? `Unknown (${code})`; break;
      case 138: codeName = RR_CODES[code] ?? `Unknown (${code})`; break;
      case 139: codeName = NI_QUERY_CODES[code] ?? `Unknown (${code})`; break;
      case 140: codeName = NI_REPLY_CODES[code] ?? `Unknown (${code})`; break;
      case 160: codeName = EXTECHO_REQ_CODES[code] ?? `Unknown (${code})`; break;
      case 161: codeName = EXTECHO_REPLY_CODES[code] ?? `Unknown (${code})`; break;
    }
    if (codeName !== null) {
      if (wantInfo) pinfo.appendInfo(` (${codeName})`);
      if (full) cn.setLabel(`Code: ${code} (${codeName})`);
    }
    const cksum = tvb.u16(2);
    const length = tvb.length;
    const reported = tvb.reportedLength;
    if (!pinfo.fragmented && length >= reported && !pinfo.inErrorPkt && pinfo.srcKind !== AddrKind.None) inCksumItem(t, tvb, pinfo, CHECKSUM, checksum6(tvb, pinfo, reported));
    else inCksumItem(t, tvb, pinfo, CHECKSUM, null, pinfo.inErrorPkt ? 'in ICMP error packet' : 'fragmented datagram');
    let off = 4;

    if (type === 128 || type === 129) {
      const id = tvb.u16(off);
      t.add(hfEchoId, tvb, off, 2, id);
      off += 2;
      const seq = tvb.u16(off);
      t.add(hfEchoSeq, tvb, off, 2, seq);
      off += 2;
      if (wantInfo) {
        pinfo.appendInfo(` id=0x${hex4(id)}, seq=${seq}`);
        if (typeof ipData === 'number') pinfo.appendInfo(`, hop limit=${ipData}`);
      }
      if (!pinfo.inErrorPkt) {
        if (type === 128) {
          const k0 = cksum === 0xffff ? 0 : cksum;
          const tr = tracker(pinfo);
          showTransaction(tr.request(echoKey(pinfo, k0, id, seq), pinfo.meta.num, pinfo.meta.tsSec, pinfo.meta.tsNsec, pinfo.visited), false, pinfo, t, tvb, RESP_FIELDS, tr);
        } else {
          const k0 = cksumAdjust(cksum, 0x0100);
          showTransaction(tracker(pinfo).reply(echoKey(pinfo, k0, id, seq), pinfo.meta.num, pinfo.visited), true, pinfo, t, tvb, RESP_FIELDS);
        }
      }
      const next = tvb.sub(off);
      if (!icmpv6Heuristics.call(next, pinfo, tree)) callData(next, pinfo, t);
      return;
    }

    switch (type) {
      case 1: case 3: {
        const origLen = tvb.u8(off);
        if (origLen) {
          t.add(hfLength, tvb, off, 1, origLen);
          t.add(hfReserved, tvb, off + 1, 3);
        } else {
          t.add(hfReserved, tvb, off, 4);
        }
        off += 4;
        // RFC 4884: extensions after the original datagram's `origLen` 64-bit words (Wireshark
        // reads the length as a signed char, and a negative offset counts from the end).
        if (contained(tvb.sub(off), pinfo, t) && origLen) {
          let at = off + 8 * (origLen < 128 ? origLen : origLen - 256);
          if (at < 0) at += tvb.reportedLength;
          // Through call_dissector: a dissector that took nothing hands the bytes to Data.
          const ext = tvb.sub(at);
          if (icmpExtensions(ext, pinfo, t) === 0) callData(ext, pinfo, t);
        }
        return;
      }
      case 2:
        t.add(hfMtu, tvb, off, 4, tvb.u32(off));
        contained(tvb.sub(off + 4), pinfo, t);
        return;
      case 4:
        t.add(hfPointer, tvb, off, 4, tvb.u32(off));
        contained(tvb.sub(off + 4), pinfo, t);
        return;
      case 130: case 131: case 132:
        if (type === 130 && length >= 28) {
          let mrc = tvb.u16(off);
          if (mrc >= 32768) mrc = ((mrc & 0x0fff) | 0x1000) * 2 ** (((mrc & 0x7000) >> 12) + 3);
          t.add(hfMldMrc, tvb, off, 2, mrc);
          off += 2;
          t.add(hfReserved, tvb, off, 2);
          off += 2;
          tvb.check(off, 16);
          t.add(hfMldMcast, tvb, off, 16);
          off += 16;
          const fl = t.add(hfMldFlag, tvb, off, 1, tvb.u8(off));
          fl.add(hfMldFlagS, tvb, off, 1);
          fl.add(hfMldFlagQrv, tvb, off, 1);
          fl.add(hfMldFlagRsv, tvb, off, 1);
          off += 1;
          let qqi = tvb.u8(off);
          if (qqi >= 128) qqi = ((qqi & 0x0f) | 0x10) << (((qqi & 0x70) >> 4) + 3);
          t.add(hfMldQqi, tvb, off, 1, qqi);
          off += 1;
          const n = tvb.u16(off);
          t.add(hfMldNbSources, tvb, off, 2, n);
          off += 2;
          for (let i = 0; i < n; i++, off += 16) {
            tvb.check(off, 16);
            t.add(hfMldSource, tvb, off, 16);
          }
        } else {
          t.add(hfMldMrd, tvb, off, 2, tvb.u16(off));
          off += 2;
          t.add(hfReserved, tvb, off, 2);
          off += 2;
          tvb.check(off, 16);
          t.add(hfMldMcast, tvb, off, 16);
          off += 16;
        }
        return;
      case 133: case 141: case 142:
        tvb.check(off, 4);
        t.add(hfReserved, tvb, off, 4);
        ndOptions(tvb, off + 4, pinfo, t);
        return;
      case 134: {
        t.add(hfRaHopLimit, tvb, off, 1, tvb.u8(off));
        off += 1;
        const f = tvb.u8(off);
        const fn = t.add(hfRaFlag, tvb, off, 1, f);
        if (full) {
          let label = `Flags: 0x${f.toString(16).padStart(2, '0')}`;
          if (f & 0x80) label += ', Managed address configuration';
          if (f & 0x40) label += ', Other configuration';
          if (f & 0x20) label += ', Home Agent';
          label += `, Prf (Default Router Preference): ${PREFERENCES[(f >> 3) & 3]}`;
          if (f & 0x04) label += ', Proxy';
          fn.setLabel(label);
        }
        fn.add(hfRaFlagM, tvb, off, 1);
        fn.add(hfRaFlagO, tvb, off, 1);
        fn.add(hfRaFlagH, tvb, off, 1);
        fn.add(hfRaFlagPrf, tvb, off, 1);
        fn.add(hfRaFlagP, tvb, off, 1);
        fn.add(hfRaFlagRsv, tvb, off, 1);
        off += 1;
        t.add(hfRaLifetime, tvb, off, 2, tvb.u16(off));
        off += 2;
        t.add(hfRaReachable, tvb, off, 4, tvb.u32(off));
        off += 4;
        t.add(hfRaRetrans, tvb, off, 4, tvb.u32(off));
        off += 4;
        ndOptions(tvb, off, pinfo, t);
        return;
      }
      case 135:
        tvb.check(off, 4);
        t.add(hfReserved, tvb, off, 4);
        off += 4;
        tvb.check(off, 16);
        t.add(hfNsTarget, tvb, off, 16);
        if (wantInfo) pinfo.appendInfo(` for ${formatIPv6(tvb.data, tvb.abs(off))}`);
        ndOptions(tvb, off + 16, pinfo, t);
        return;
      case 136: {
        const f = tvb.u32(off);
        const fn = t.add(hfNaFlag, tvb, off, 4, f);
        if (full) {
          let label = `Flags: 0x${f.toString(16).padStart(8, '0')}`;
          if (f & 0x80000000) label += ', Router';
          if (f & 0x40000000) label += ', Solicited';
          if (f & 0x20000000) label += ', Override';
          fn.setLabel(label);
        }
        fn.add(hfNaFlagR, tvb, off, 4);
        fn.add(hfNaFlagS, tvb, off, 4);
        fn.add(hfNaFlagO, tvb, off, 4);
        fn.add(hfNaFlagRsv, tvb, off, 4);
        off += 4;
        tvb.check(off, 16);
        t.add(hfNaTarget, tvb, off, 16);
        if (wantInfo) {
          const flags: string[] = [];
          if (f & 0x80000000) flags.push('rtr');
          if (f & 0x40000000) flags.push('sol');
          if (f & 0x20000000) flags.push('ovr');
          pinfo.appendInfo(` ${formatIPv6(tvb.data, tvb.abs(off))} (${flags.length ? flags.join(', ') : 'none'})`);
        }
        ndOptions(tvb, off + 16, pinfo, t);
        return;
      }
      case 137:
        tvb.check(off, 4);
        t.add(hfReserved, tvb, off, 4);
        off += 4;
        // One address at a time, as Wireshark adds them (a message cut short keeps the target).
        tvb.check(off, 16);
        t.add(hfRdTarget, tvb, off, 16);
        tvb.check(off + 16, 16);
        t.add(hfRdDestination, tvb, off + 16, 16);
        ndOptions(tvb, off + 32, pinfo, t);
        return;
      case 143:
        mldrv2(tvb, off, t);
        return;
      case 151:
        // Multicast Router Advertisement: query interval and robustness variable (not decoded further).
        return;
      case 152: case 153:
        return;
      case 160: case 161: {
        // Extended echo (RFC 8335, "PROBE"): identifier, an 8-bit sequence number, then flags;
        // a request names the interface it asks about in an extension object.
        t.add(hfEchoId, tvb, off, 2, tvb.u16(off));
        extEchoHeader(t, tvb, off + 2, type === 160, EXT_ECHO);
        if (type === 160) {
          const ext = tvb.sub(off + 4);
          if (icmpExtensions(ext, pinfo, t) === 0) callData(ext, pinfo, t);
        }
        return;
      }
      default: {
        // The note on the ICMPv6 tree, before the data (as Wireshark's).
        pinfo.expert(t, eiUndecodedType, tvb, off, 0, `Dissector for ICMPv6 Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`);
        t.add(hfData, tvb, off, tvb.remaining(off), tvb.bytes(off, tvb.remaining(off)));
      }
    }
  },
};

/** Wireshark's dissect_contained_icmpv6: the offending packet, as an error packet. */
function contained(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): boolean {
  const save = pinfo.inErrorPkt;
  const current = pinfo.current;
  pinfo.inErrorPkt = true;
  try {
    if (tvb.reportedLength > 0 && (tvb.u8(0) & 0xf0) === 0x60) {
      const v6 = table('ethertype').get(0x86dd);
      if (v6) callDissector(v6, tvb, pinfo, tree);
    } else if (tvb.reportedLength > 0) {
      callData(tvb, pinfo, tree);
    }
    return true;
  } catch (e) {
    // Quoted packets are usually cut short: tshark stops there without complaint.
    if (!isDissectorError(e)) throw e;
    return false;
  } finally {
    pinfo.inErrorPkt = save;
    // A quoted packet that threw leaves its protocol as the current one.
    pinfo.current = current;
  }
}

/** MLDv2 report: the multicast address records. */
function mldrv2(tvb: Tvb, off: number, t: ProtoNode): void {
  t.add(hfReserved, tvb, off, 2, tvb.bytes(off, 2));
  off += 2;
  t.add(hfMldrNbRecords, tvb, off, 2, tvb.u16(off));
  off += 2;
  while (off < tvb.reportedLength) {
    // Item by item as Wireshark adds them; the record's label gets its type and address last.
    const rtype = tvb.u8(off);
    const m = t.add(hfMldrMar, tvb, off, tvb.remaining(off), null);
    m.add(hfMldrRecordType, tvb, off, 1, rtype);
    const aux = tvb.u8(off + 1);
    m.add(hfMldrAuxLen, tvb, off + 1, 1, aux);
    const n = tvb.u16(off + 2);
    m.add(hfMldrNbSources, tvb, off + 2, 2, n);
    m.setLength(4 + 16 + 16 * n + aux * 4);
    tvb.check(off + 4, 16);
    m.add(hfMldrMcast, tvb, off + 4, 16);
    if (m.real) m.setLabel(`Multicast Address Record ${MLDR_RECORD_TYPES[rtype] ?? `Unknown Record Type (${rtype})`}: ${formatIPv6(tvb.data, tvb.abs(off + 4))}`);
    off += 20;
    for (let i = 0; i < n; i++, off += 16) {
      tvb.check(off, 16);
      m.add(hfMldrSource, tvb, off, 16);
    }
    if (aux) {
      tvb.check(off, aux * 4);
      m.add(hfMldrAux, tvb, off, aux * 4);
      off += aux * 4;
    }
  }
}

/** Neighbor Discovery options (Wireshark's dissect_icmpv6_nd_opt), to the end of the message. */
function ndOptions(tvb: Tvb, offset: number, pinfo: PacketInfo, tree: ProtoNode): void {
  while (tvb.reportedLength > offset) {
    const optLen = tvb.u8(offset + 1) * 8;
    const ti = tree.add(hfOpt, tvb, offset, optLen, null);
    // Labels only for a real tree (the summary pass builds none).
    const full = ti.real;
    let o = offset;
    const type = tvb.u8(o);
    ti.add(hfOptType, tvb, o, 1, type);
    let label = full ? `ICMPv6 Option (${OPTION_NAMES[type] ?? `Unknown ${type}`}` : '';
    // Wireshark appends to the label as it goes (the closing parenthesis last): an option cut short
    // keeps what was appended before the cut.
    if (full) ti.setLabel(label);
    o++;
    const ln = ti.add(hfOptLength, tvb, o, 1, optLen >> 3);
    if (full) ln.setLabel(`Length: ${optLen >> 3} (${optLen} bytes)`);
    o++;
    if (optLen === 0) {
      if (ti.real) ti.setLabel(label);
      pinfo.expert(ln, eiInvalidOptionLength, tvb, o - 1, 1, 'Invalid option length (Zero)');
      return;
    }
    switch (type) {
      case 1: case 2: {
        const src = type === 1;
        if (optLen === 8) {
          tvb.check(o, 6);
          ti.add(hfOptLinkaddr, tvb, o, 6);
          ti.addHidden(src ? hfOptSrcLinkaddr : hfOptTargetLinkaddr, tvb, o, 6);
          if (full || pinfo.wantInfo) {
            const mac = formatEther(tvb.data, tvb.abs(o));
            pinfo.appendInfo(src ? ` from ${mac}` : ` is at ${mac}`);
            label += ` : ${mac}`;
          }
        } else if (optLen === 16 && tvb.u32(o + 8) === 0 && tvb.u16(o + 12) === 0) {
          // An EUI-64, zero-padded (IEEE 1394, 6LoWPAN). Wireshark's Info says "from" for a
          // target's address too.
          tvb.check(o, 8);
          ti.add(hfOptLinkaddrEui64, tvb, o, 8);
          ti.addHidden(src ? hfOptSrcLinkaddrEui64 : hfOptTargetLinkaddrEui64, tvb, o, 8);
          if (src) {
            ti.addHidden(hfOptLinkaddrBytes, tvb, o, 8, tvb.bytes(o, 8));
            ti.addHidden(hfOptSrcLinkaddrBytes, tvb, o, 8, tvb.bytes(o, 8));
          }
          ti.add(hfOptPadding, tvb, o + 8, 6, null);
          if (full || pinfo.wantInfo) {
            const eui = formatHex(tvb.bytes(o, 8), ':');
            pinfo.appendInfo(` from ${eui}`);
            label += ` : ${eui}`;
          }
        } else {
          // Another link layer's address: the bytes.
          ti.add(hfOptLinkaddrBytes, tvb, o, optLen - 2, tvb.bytes(o, optLen - 2));
          ti.addHidden(src ? hfOptSrcLinkaddrBytes : hfOptTargetLinkaddrBytes, tvb, o, optLen - 2, tvb.bytes(o, optLen - 2));
        }
        o += optLen;
        break;
      }
      case 3: {
        const plen = tvb.u8(o);
        ti.add(hfOptPrefixLen, tvb, o, 1, plen);
        o++;
        const f = tvb.u8(o);
        const fn = ti.add(hfOptPrefixFlag, tvb, o, 1, f);
        if (fn.real) fn.setLabel(bitmaskLabel('Flag', f, 2, [hfOptPrefixFlagL, hfOptPrefixFlagA, hfOptPrefixFlagR, hfOptPrefixFlagRsv]));
        fn.add(hfOptPrefixFlagL, tvb, o, 1);
        fn.add(hfOptPrefixFlagA, tvb, o, 1);
        fn.add(hfOptPrefixFlagR, tvb, o, 1);
        fn.add(hfOptPrefixFlagRsv, tvb, o, 1);
        o++;
        ti.add(hfOptPrefixValid, tvb, o, 4, tvb.u32(o));
        o += 4;
        ti.add(hfOptPrefixPreferred, tvb, o, 4, tvb.u32(o));
        o += 4;
        ti.add(hfOptReserved, tvb, o, 4, null);
        o += 4;
        tvb.check(o, 16);
        ti.add(hfOptPrefix, tvb, o, 16);
        if (full) label += ` : ${formatIPv6(tvb.data, tvb.abs(o))}/${plen}`;
        o += 16;
        break;
      }
      case 4:
        ti.add(hfOptReserved, tvb, o, 6, null);
        o += 6;
        if (optLen > 8) {
          ti.add(hfOptRedirected, tvb, o, optLen - 8, null);
          contained(tvb.sub(o, optLen - 8), pinfo, ti);
          o += optLen - 8;
        }
        break;
      case 5: {
        ti.add(hfOptReserved, tvb, o, 2, null);
        o += 2;
        const mtu = tvb.u32(o);
        ti.add(hfOptMtu, tvb, o, 4, mtu);
        if (full) label += ` : ${mtu | 0}`;
        o += 4;
        break;
      }
      case 7: {
        ti.add(hfOptReserved, tvb, o, 2, null);
        o += 2;
        const v = tvb.u32(o);
        ti.add(hfOptAdvInterval, tvb, o, 4, v);
        if (full) label += ` : ${v}`;
        o += 4;
        break;
      }
      case 8:
        ti.add(hfOptReserved, tvb, o, 2, null);
        o += 2;
        ti.add(hfOptHaPref, tvb, o, 2, tvb.u16(o));
        o += 2;
        ti.add(hfOptHaLifetime, tvb, o, 2, tvb.u16(o));
        o += 2;
        break;
      case 9: case 10:
        ti.add(hfOptReserved, tvb, o, 6, null);
        o += 6;
        while (o < offset + optLen) {
          tvb.check(o, 16);
          ti.add(hfOptIpv6Address, tvb, o, 16);
          if (full) label += ` ${formatIPv6(tvb.data, tvb.abs(o))}`;
          o += 16;
        }
        break;
      case 14:
        tvb.check(o, optLen - 2);
        ti.add(hfOptNonce, tvb, o, optLen - 2);
        o += optLen - 2;
        break;
      case 24: {
        const plen = tvb.u8(o);
        ti.add(hfOptPrefixLen, tvb, o, 1, plen);
        o++;
        const f = tvb.u8(o);
        const fn = ti.add(hfOptRouteFlag, tvb, o, 1, f);
        if (fn.real) fn.setLabel(bitmaskLabel('Flag', f, 2, [hfOptRoutePref, hfOptRouteRsv]));
        fn.add(hfOptRoutePref, tvb, o, 1);
        fn.add(hfOptRouteRsv, tvb, o, 1);
        if (full) label += ` : ${PREFERENCES[(f >> 3) & 3]}`;
        o++;
        ti.add(hfOptRouteLifetime, tvb, o, 4, tvb.u32(o));
        o += 4;
        if (optLen === 8) {
          if (full) label += ` ::/${plen}`;
        } else if (optLen === 16) {
          tvb.check(o, 8);
          const p = new Uint8Array(16);
          p.set(tvb.bytes(o, 8));
          ti.add(hfOptPrefix, tvb, o, 8, p);
          if (full) label += ` ${formatIPv6(p, 0)}/${plen}`;
          o += 8;
        } else if (optLen === 24) {
          tvb.check(o, 16);
          ti.add(hfOptPrefix, tvb, o, 16);
          if (full) label += ` ${formatIPv6(tvb.data, tvb.abs(o))}/${plen}`;
          o += 16;
        } else {
          pinfo.expert(ln, eiInvalidOptionLength, tvb, offset + 1, 1);
        }
        break;
      }
      case 25:
        ti.add(hfOptReserved, tvb, o, 2, null);
        o += 2;
        ti.add(hfOptRdnssLifetime, tvb, o, 4, tvb.u32(o));
        o += 4;
        while (o < offset + optLen) {
          tvb.check(o, 16);
          ti.add(hfOptRdnss, tvb, o, 16);
          if (full) label += ` ${formatIPv6(tvb.data, tvb.abs(o))}`;
          o += 16;
        }
        break;
      case 26: {
        const f = tvb.u16(o);
        const fn = ti.add(hfOptEfo, tvb, o, 2, f);
        fn.add(hfOptEfoM, tvb, o, 2);
        fn.add(hfOptEfoO, tvb, o, 2);
        fn.add(hfOptEfoH, tvb, o, 2);
        fn.add(hfOptEfoPrf, tvb, o, 2);
        fn.add(hfOptEfoP, tvb, o, 2);
        fn.add(hfOptEfoRsv, tvb, o, 2);
        o += 2;
        ti.add(hfOptReserved, tvb, o, 4, null);
        o += 4;
        break;
      }
      case 31: {
        ti.add(hfOptReserved, tvb, o, 2, null);
        o += 2;
        ti.add(hfOptDnsslLifetime, tvb, o, 4, tvb.u32(o));
        o += 4;
        const end = offset + optLen;
        while (o < end) {
          if (tvb.u8(o) === 0) {
            if (o + 1 < end) {
              ti.add(hfOptPadding, tvb, o, end - o, null);
              o = end;
              break;
            }
            o++;
            continue;
          }
          const start = o;
          const labels: string[] = [];
          while (o < end) {
            const l = tvb.u8(o);
            o++;
            if (l === 0) break;
            labels.push(tvb.latin1(o, l));
            o += l;
          }
          const name = labels.join('.');
          ti.add(hfOptDnssl, tvb, start, o - start, name);
          if (full) label += ` ${name}`;
        }
        break;
      }
      default: {
        pinfo.expert(ti, eiUndecodedOption, tvb, o, optLen - 2, `Dissector for ICMPv6 Option (${type}) code not implemented, Contact Wireshark developers if you want this supported`);
        ti.add(hfData, tvb, o, optLen - 2, tvb.bytes(o, Math.min(optLen - 2, tvb.remaining(o))));
        o += optLen - 2;
      }
    }
    offset += optLen;
    if (full) ti.setLabel(label);
    if (offset > o) {
      // Its bytes must be there (proto_tree_add_item): an option longer than the message ends the
      // packet malformed here, before the label's closing parenthesis.
      tvb.check(o, offset - o);
      const n = ti.add(hfUnknownData, tvb, o, offset - o);
      pinfo.expert(n, eiUnknownData, tvb, o, offset - o);
    }
    if (ti.real) ti.setLabel(`${label})`);
  }
}
