/**
 * DHCP and BOOTP (RFC 2131, 951) on UDP ports 67 and 68, as Wireshark 4.0's packet-dhcp.c shows
 * them: the fixed header, the magic cookie, then the options up to End; Protocol `DHCP` with Info
 * `DHCP Discover - Transaction ID 0x…` when option 53 is there, else `BOOTP` with `Boot Request
 * from <MAC> (<MAC>)` / `Boot Reply`.
 *
 *   op htype hlen hops | xid (4) | secs (2) flags (2) | ciaddr yiaddr siaddr giaddr (4 each)
 *   chaddr (16) | sname (64) | file (128) | 63 82 53 63 | options: code, length, value … 255
 *
 * Every option of Wireshark's table is named; the value is decoded by its kind (an address, a
 * list of addresses, a string, a byte, a short, a flag, seconds) with Wireshark's checks of the
 * length ("length isn't 4"), and these options by their own rules: 21, 25, 33 (pairs and
 * lists), 53 (message type), 55 (parameter request list), 61 (client identifier), 81 (client
 * FQDN), 93, 94, 97 (PXE client), 119 (domain search), 121 and 249 (classless routes).
 *
 * Left as Wireshark's plain "Value:" bytes (where Wireshark 4.0 decodes more): the remaining
 * options with sub-structures (43 vendor-specific, 82 relay agent, 77, 78, 79, 90, 99, 117, 120,
 * 122-125, 145, 146, 151-155, 158-161, 209, 210, 212, 242 …), and RFC 3396 long options split
 * over several options. Option 52 (Option Overload) reads the options the sname and file fields
 * then hold, as Wireshark does.
 */
import { formatEther, formatHex, formatIPv4Bytes } from '../core/addr.js';
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { asciiItem, asciiString, eiTrailingStray, hasStrayAfterNul } from '../core/string-item.js';
import { defineField, defineFieldAgain, defineProtocol, FT_STRINGZ, type FieldDef } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import { MISSING_BYTES } from '../core/format.js';
import { timeSecsText } from '../core/time-text.js';
import { NULL_TREE, type ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { ARPHRD_NAMES } from './arp.js';
import { readDnsName } from './dns.js';

export const proto = defineProtocol('dhcp', 'Dynamic Host Configuration Protocol', 'DHCP/BOOTP', 'application');

/** DHCP message types (option 53), as Wireshark 4.0 names them. */
export const MESSAGE_TYPES: Readonly<Record<number, string>> = {
  1: 'Discover', 2: 'Offer', 3: 'Request', 4: 'Decline', 5: 'ACK', 6: 'NAK', 7: 'Release', 8: 'Inform', 9: 'Force Renew',
  10: 'Lease query', 11: 'Lease Unassigned', 12: 'Lease Unknown', 13: 'Lease Active', 14: 'Bulk Lease Query', 15: 'Lease Query Done',
  16: 'Active LeaseQuery', 17: 'Lease Query Status', 18: 'TLS',
};

const hfBootp = defineField('dhcp.bootp', 'Frame is BOOTP', 'boolean', { tfs: ['True', 'False'] });
const hfType = defineField('dhcp.type', 'Message type', 'uint8', { vals: { 1: 'Boot Request', 2: 'Boot Reply' } });
const hfHwType = defineField('dhcp.hw.type', 'Hardware type', 'uint8', { base: 'hex', vals: ARPHRD_NAMES });
const hfHwLen = defineField('dhcp.hw.len', 'Hardware address length', 'uint8');
const hfHops = defineField('dhcp.hops', 'Hops', 'uint8');
const hfId = defineField('dhcp.id', 'Transaction ID', 'uint32', { base: 'hex' });
const hfSecs = defineField('dhcp.secs', 'Seconds elapsed', 'uint16');
const hfFlags = defineField('dhcp.flags', 'Bootp flags', 'uint16', { base: 'hex' });
const hfFlagsBc = defineField('dhcp.flags.bc', 'Broadcast flag', 'boolean', { mask: 0x8000, bits: 16, tfs: ['Broadcast', 'Unicast'] });
const hfFlagsReserved = defineField('dhcp.flags.reserved', 'Reserved flags', 'uint16', { base: 'hex', mask: 0x7fff });
const hfIpClient = defineField('dhcp.ip.client', 'Client IP address', 'ipv4');
const hfIpYour = defineField('dhcp.ip.your', 'Your (client) IP address', 'ipv4');
const hfIpServer = defineField('dhcp.ip.server', 'Next server IP address', 'ipv4');
const hfIpRelay = defineField('dhcp.ip.relay', 'Relay agent IP address', 'ipv4');
const hfHwAddr = defineField('dhcp.hw.addr', 'Client hardware address', 'bytes');
const hfHwAddrPadding = defineField('dhcp.hw.addr_padding', 'Client hardware address padding', 'bytes');
const hfHwMac = defineField('dhcp.hw.mac_addr', 'Client MAC address', 'ether');
const hfServer = defineField('dhcp.server', 'Server host name', 'string');
const hfFile = defineField('dhcp.file', 'Boot file name', 'string');
const hfCookie = defineField('dhcp.cookie', 'Magic cookie', 'ipv4');
const hfVendorOptions = defineField('dhcp.vendor_specific_options', 'Bootp vendor specific options', 'bytes');
const hfOptionType = defineField('dhcp.option.type', 'Option', 'uint8', { blurb: 'DHCP/BOOTP option type' });
const hfOptionLength = defineField('dhcp.option.length', 'Length', 'uint8', { blurb: 'DHCP/BOOTP option length' });
const hfOptionValue = defineField('dhcp.option.value', 'Value', 'bytes', { blurb: 'DHCP/BOOTP option value' });
const hfOptionPadding = defineField('dhcp.option.padding', 'Padding', 'bytes', { blurb: 'Option 0: Padding' });
const hfOptionEnd = defineField('dhcp.option.end', 'Option End', 'uint8', { blurb: 'Option 255: End' });
/** The End option while an Option Overload is in force (Wireshark's hf_dhcp_option_end_overload). */
const hfOptionEndOverload = defineFieldAgain('dhcp.option.end', 'Option End (Overload)', 'uint8', { blurb: 'Option 255: End (Overload)' });
const hfOverload = defineField('dhcp.option.option_overload', 'Option Overload', 'uint8', {
  vals: { 1: 'Boot file name holds options', 2: 'Server host name holds options', 3: 'Boot file and server host names hold options' },
  blurb: 'Option 52: Option Overload',
});
const hfMessageType = defineField('dhcp.option.dhcp', 'DHCP', 'uint8', { vals: MESSAGE_TYPES, blurb: 'Option 53: DHCP option' });
const hfRequestItem = defineField('dhcp.option.request_list_item', 'Parameter Request List Item', 'uint8', { blurb: 'Option 55: Parameter Request List Item' });
const hfPolicyIp = defineField('dhcp.option.policy_filter.ip', 'IP Address', 'ipv4', { blurb: 'Option 21: IP address' });
const hfPolicyMask = defineField('dhcp.option.policy_filter.subnet_mask', 'Subnet Mask', 'ipv4', { blurb: 'Option 21: Subnet Mask', base: 'netmask' });
const hfStaticIp = defineField('dhcp.option.static_route.ip', 'Destination IP Address', 'ipv4', { blurb: 'Option 33: Destination IP address' });
const hfStaticRouter = defineField('dhcp.option.static_route.router', 'Destination Router', 'ipv4', { blurb: 'Option 33: Destination Router' });
const hfPlateauItem = defineField('dhcp.option.path_mtu_plateau_table_item', 'Path MTU Plateau Table Item', 'uint16', { blurb: 'Option 25: Path MTU Plateau Table Item' });
const hfClientIdType = defineField('dhcp.client_id.type', 'Type', 'uint8');
const hfClientIdUndef = defineField('dhcp.client_id.undef', 'Client Identifier', 'string');
const hfClientIdHwType = defineField('dhcp.hw.type', 'Hardware type', 'uint8', { base: 'hex', vals: ARPHRD_NAMES });
// Wireshark 4.0 shows the IAID as a string of hex digits (`00000007`).
const hfIaid = defineField('dhcp.client_id.iaid', 'IAID', 'string');
const hfDuidType = defineField('dhcp.client_id.duid_type', 'DUID Type', 'uint16', {
  vals: { 1: 'link-layer address plus time', 2: 'assigned by vendor based on Enterprise number', 3: 'link-layer address' },
});
const hfDuidLltHwType = defineField('dhcp.client_id.duid_llt_hw_type', 'Hardware type', 'uint16', { vals: ARPHRD_NAMES, blurb: 'Client Identifier DUID LLT Hardware type' });
const hfDuidHwType = defineField('dhcp.client_id.duid_ll_hw_type', 'Hardware type', 'uint16', { vals: ARPHRD_NAMES, blurb: 'Client Identifier DUID LL Hardware type' });
const hfDuidTime = defineField('dhcp.client_id.time', 'Time', 'uint32');
// A string, as Wireshark 4.0's: a MAC address for Ethernet, else hex digits (tvb_arphrdaddr_to_str).
const hfDuidLinkAddr = defineField('dhcp.client_id.link_layer_address', 'Link layer address', 'string');
const hfFqdnFlags = defineField('dhcp.fqdn.flags', 'Flags', 'uint8', { base: 'hex' });
const hfFqdnMbz = defineField('dhcp.fqdn.mbz', 'Reserved flags', 'uint8', { base: 'hex', mask: 0xf0 });
const hfFqdnN = defineField('dhcp.fqdn.n', 'Server DDNS', 'boolean', { mask: 0x08, bits: 8, tfs: ['No server updates', 'Some server updates'], blurb: 'If true, server should not do any DDNS updates' });
const hfFqdnE = defineField('dhcp.fqdn.e', 'Encoding', 'boolean', { mask: 0x04, bits: 8, tfs: ['Binary encoding', 'ASCII encoding'], blurb: 'If true, name is binary encoded' });
const hfFqdnO = defineField('dhcp.fqdn.o', 'Server overrides', 'boolean', { mask: 0x02, bits: 8, tfs: ['Override', 'No override'], blurb: 'If true, server insists on doing DDNS update' });
const hfFqdnS = defineField('dhcp.fqdn.s', 'Server', 'boolean', { mask: 0x01, bits: 8, tfs: ['Server', 'Client'], blurb: 'If true, server should do DDNS update' });
const hfFqdnRcode1 = defineField('dhcp.fqdn.rcode1', 'A-RR result', 'uint8', { blurb: 'Result code of A-RR update' });
const hfFqdnRcode2 = defineField('dhcp.fqdn.rcode2', 'PTR-RR result', 'uint8', { blurb: 'Result code of PTR-RR update' });
const hfFqdnName = defineField('dhcp.fqdn.name', 'Client name', 'string', { blurb: 'Name to register via DDNS' });
/** Client architectures (RFC 4578 and the IANA registry, as Wireshark 4.0 names them). */
const ARCHITECTURES: Record<number, string> = Object.fromEntries([
  'IA x86 PC', 'NEC/PC98', 'IA64 PC', 'DEC Alpha', 'ArcX86', 'Intel Lean Client', 'EFI IA32', 'EFI x64', 'EFI Xscale',
  'EFI BC', 'ARM 32-bit UEFI', 'ARM 64-bit UEFI', 'PowerPC Open Firmware', 'PowerPC ePAPR', 'POWER OPAL v3',
  'x86 UEFI HTTP', 'x64 UEFI HTTP', 'EBC UEFI HTTP', 'ARM 32-bit UEFI HTTP', 'ARM 64-bit UEFI HTTP', 'PC/AT HTTP',
  'ARM 32-bit uboot', 'ARM 64-bit uboot', 'ARM 32-bit uboot HTTP', 'ARM 64-bit uboot HTTP', 'RISC-V 32-bit UEFI',
  'RISC-V 32-bit UEFI HTTP', 'RISC-V 64-bit UEFI', 'RISC-V 64-bit UEFI HTTP', 'RISC-V 128-bit UEFI',
  'RISC-V 128-bit UEFI HTTP', 's390 Basic', 's390 Extended',
].map((n, i) => [i, n]));
const hfArch = defineField('dhcp.option.client_system_architecture', 'Client System Architecture', 'uint16', { vals: ARCHITECTURES, blurb: 'Option 93: Client System Architecture' });
const hfNdiMajor = defineField('dhcp.client_network_id_major', 'Major Version', 'uint8', { blurb: 'Option 94: Major Version' });
const hfNdiMinor = defineField('dhcp.client_network_id_minor', 'Minor Version', 'uint8', { blurb: 'Option 94: Minor Version' });
/** A GUID (FT_GUID, 36), held as the text tshark prints. */
const hfUuid = defineField('dhcp.client_id.uuid', 'Client Identifier (UUID)', 'string', { blurb: 'Client Machine Identifier (UUID)', ftenum: 36 });
const hfDomainSearch = defineField('dhcp.option.dhcp_dns_domain_search_list_fqdn', 'FQDN', 'string', { blurb: 'Option 119: FQDN', ftenum: FT_STRINGZ });
const hfNdsServer = defineField('dhcp.option.novell_dss.ip', 'IP Address', 'ipv4', { blurb: 'Option 85: Novell Directory Services Servers IP Address' });
const hfClasslessRoute = defineField('dhcp.option.classless_static_route', 'Classless Static Route', 'none');

const eiBadLength = defineExpert('dhcp.bad_length', 'protocol', 'error', 'Bad length');
const eiNoAddress = defineExpert('dhcp.client_address_not_given', 'protocol', 'note', 'Client address not given');
const eiEndMissing = defineExpert('dhcp.end_option_missing', 'protocol', 'error', 'End option missing');
const eiSnameEndMissing = defineExpert('dhcp.option.option_overload.sname_end_missing', 'protocol', 'error', 'sname overload end option missing');
const eiFileEndMissing = defineExpert('dhcp.option.option_overload.file_end_missing', 'protocol', 'error', 'file overload end option missing');
const eiSnameOverloaded = defineExpert('dhcp.server_name_overloaded_by_dhcp', 'protocol', 'note', 'Server name option overloaded by DHCP');
const eiFileOverloaded = defineExpert('dhcp.boot_filename_overloaded_by_dhcp', 'protocol', 'note', 'Boot file name option overloaded by DHCP');
const eiSecsLe = defineExpert('dhcp.secs_le', 'protocol', 'note', 'Seconds elapsed appears to be encoded as little-endian');
const eiArchEfiBc = defineExpert('dhcp.option.client_architecture.ambiguous', 'protocol', 'warn', 'Client Architecture ID may be ambiguous');

/** How an option's value is read (Wireshark's enum field_type). */
type Kind = 'ipv4' | 'ipv4_list' | 'string' | 'u8' | 'u16' | 'u16_list' | 'bool' | 'secs_s' | 'secs_u' | 'opaque' | 'special';

interface OptionDef {
  name: string;
  kind: Kind;
  field?: FieldDef;
}

const ENABLED = ['Enabled', 'Disabled'] as const;
const YES_NO = ['Yes', 'No'] as const;

/** One table entry: the option's name, how its value is read, and its field. */
function opt(code: number, name: string, kind: Kind, abbrev?: string, label = name, extra: { tfs?: readonly [string, string]; vals?: Record<number, string>; blurb?: string; base?: 'netmask' } = {}): OptionDef {
  if (abbrev === undefined) return { name, kind };
  const type = kind === 'ipv4' || kind === 'ipv4_list' ? 'ipv4' : kind === 'string' ? 'string' : kind === 'u8' ? 'uint8' : kind === 'u16' ? 'uint16'
    : kind === 'bool' ? 'boolean' : kind === 'secs_s' ? 'int32' : 'uint32';
  // Wireshark registers DHCP's text options as FT_STRINGZ (what -x -T json prints).
  const field = defineField(`dhcp.option.${abbrev}`, label, type, { blurb: extra.blurb ?? `Option ${code}: ${label}`, ...(extra.tfs ? { tfs: extra.tfs } : extra.vals ? { vals: extra.vals } : {}), ...(type === 'string' ? { ftenum: FT_STRINGZ } : {}), ...(extra.base ? { base: extra.base } : {}) });
  return { name, kind, field };
}

/** Wireshark 4.0's option table (codes 0 and 255 are handled apart). */
const OPTIONS: OptionDef[] = new Array<OptionDef>(256);
const opaque = (name: string) => ({ name, kind: 'opaque' as const });
const special = (name: string) => ({ name, kind: 'special' as const });
const ipv4List = (code: number, name: string, abbrev: string, label = name, blurb?: string) => opt(code, name, 'ipv4_list', abbrev, label, blurb === undefined ? {} : { blurb });
Object.assign(OPTIONS, {
  1: opt(1, 'Subnet Mask', 'ipv4', 'subnet_mask', 'Subnet Mask', { base: 'netmask' }), 2: opt(2, 'Time Offset', 'secs_s', 'time_offset'), 3: ipv4List(3, 'Router', 'router'),
  4: ipv4List(4, 'Time Server', 'time_server'), 5: ipv4List(5, 'Name Server', 'name_server'), 6: ipv4List(6, 'Domain Name Server', 'domain_name_server'),
  7: ipv4List(7, 'Log Server', 'log_server'), 8: ipv4List(8, 'Quotes Server', 'quotes_server'), 9: ipv4List(9, 'LPR Server', 'lpr_server'),
  10: ipv4List(10, 'Impress Server', 'impress_server'), 11: ipv4List(11, 'Resource Location Server', 'resource_location_server'),
  12: opt(12, 'Host Name', 'string', 'hostname'), 13: opt(13, 'Boot File Size', 'u16', 'boot_file_size'), 14: opt(14, 'Merit Dump File', 'string', 'merit_dump_file'),
  15: opt(15, 'Domain Name', 'string', 'domain_name'), 16: opt(16, 'Swap Server', 'ipv4', 'swap_server'), 17: opt(17, 'Root Path', 'string', 'root_path'),
  18: opt(18, 'Extensions Path', 'string', 'extension_path'), 19: opt(19, 'IP Forwarding', 'bool', 'ip_forwarding', undefined, { tfs: ENABLED }),
  20: opt(20, 'Non-Local Source Routing', 'bool', 'non_local_source_routing', undefined, { tfs: ENABLED }), 21: special('Policy Filter'),
  22: opt(22, 'Maximum Datagram Reassembly Size', 'u16', 'max_datagram_reassembly_size'), 23: opt(23, 'Default IP Time-to-Live', 'u8', 'default_ip_ttl'),
  24: opt(24, 'Path MTU Aging Timeout', 'secs_u', 'path_mtu_aging_timeout'), 25: special('Path MTU Plateau Table'),
  26: opt(26, 'Interface MTU', 'u16', 'interface_mtu'), 27: opt(27, 'All Subnets are Local', 'bool', 'all_subnets_are_local', undefined, { tfs: YES_NO }),
  28: opt(28, 'Broadcast Address', 'ipv4', 'broadcast_address'), 29: opt(29, 'Perform Mask Discovery', 'bool', 'perform_mask_discovery', undefined, { tfs: ENABLED }),
  30: opt(30, 'Mask Supplier', 'bool', 'mask_supplier', undefined, { tfs: YES_NO }),
  31: opt(31, 'Perform Router Discover', 'bool', 'perform_router_discover', undefined, { tfs: ENABLED }),
  32: opt(32, 'Router Solicitation Address', 'ipv4', 'router_solicitation_address'), 33: special('Static Route'),
  34: opt(34, 'Trailer Encapsulation', 'bool', 'trailer_encapsulation', undefined, { tfs: ENABLED }), 35: opt(35, 'ARP Cache Timeout', 'secs_u', 'arp_cache_timeout'),
  36: opt(36, 'Ethernet Encapsulation', 'bool', 'ethernet_encapsulation', undefined, { tfs: ENABLED }), 37: opt(37, 'TCP Default TTL', 'u8', 'tcp_default_ttl'),
  38: opt(38, 'TCP Keepalive Interval', 'secs_u', 'tcp_keepalive_interval'),
  39: opt(39, 'TCP Keepalive Garbage', 'bool', 'tcp_keepalive_garbage', undefined, { tfs: ENABLED }),
  40: opt(40, 'Network Information Service Domain', 'string', 'nis_domain'),
  41: ipv4List(41, 'Network Information Service Servers', 'nis_server', 'Network Information Service Server'),
  42: ipv4List(42, 'Network Time Protocol Servers', 'ntp_server', 'Network Time Protocol Server'), 43: opaque('Vendor-Specific Information'),
  44: ipv4List(44, 'NetBIOS over TCP/IP Name Server', 'netbios_over_tcpip_name_server'),
  45: ipv4List(45, 'NetBIOS over TCP/IP Datagram Distribution Name Server', 'netbios_over_tcpip_dd_name_server'),
  46: opt(46, 'NetBIOS over TCP/IP Node Type', 'u8', 'netbios_over_tcpip_node_type', undefined, { vals: { 1: 'B-node', 2: 'P-node', 4: 'M-node', 8: 'H-node' } }),
  47: opt(47, 'NetBIOS over TCP/IP Scope', 'string', 'netbios_over_tcpip_scope'),
  48: ipv4List(48, 'X Window System Font Server', 'xwindows_system_font_server'), 49: ipv4List(49, 'X Window System Display Manager', 'xwindows_system_display_manager'),
  50: opt(50, 'Requested IP Address', 'ipv4', 'requested_ip_address'), 51: opt(51, 'IP Address Lease Time', 'secs_u', 'ip_address_lease_time'),
  52: special('Option Overload'), 53: special('DHCP Message Type'), 54: opt(54, 'DHCP Server Identifier', 'ipv4', 'dhcp_server_id'),
  55: special('Parameter Request List'), 56: opt(56, 'Message', 'string', 'message', 'Message', { blurb: 'Option 56: Option message' }), 57: opt(57, 'Maximum DHCP Message Size', 'u16', 'dhcp_max_message_size'),
  58: opt(58, 'Renewal Time Value', 'secs_u', 'renewal_time_value'), 59: opt(59, 'Rebinding Time Value', 'secs_u', 'rebinding_time_value'),
  60: opt(60, 'Vendor class identifier', 'string', 'vendor_class_id'), 61: special('Client identifier'), 62: opaque('Novell/Netware IP domain'),
  63: opaque('Novell Options'), 64: opt(64, 'Network Information Service+ Domain', 'string', 'nis_plus_domain'),
  65: ipv4List(65, 'Network Information Service+ Servers', 'nis_plus_server', 'Network Information Service+ Server'),
  66: opt(66, 'TFTP Server Name', 'string', 'tftp_server_name'), 67: opt(67, 'Bootfile name', 'string', 'bootfile_name'),
  68: ipv4List(68, 'Mobile IP Home Agent', 'mobile_ip_home_agent'), 69: ipv4List(69, 'SMTP Server', 'smtp_server'), 70: ipv4List(70, 'POP3 Server', 'pop3_server'),
  71: ipv4List(71, 'NNTP Server', 'nntp_server'), 72: ipv4List(72, 'Default WWW Server', 'default_www_server'),
  73: ipv4List(73, 'Default Finger Server', 'default_finger_server'), 74: ipv4List(74, 'Default IRC Server', 'default_irc_server'),
  75: ipv4List(75, 'StreetTalk Server', 'streettalk_server'), 76: ipv4List(76, 'StreetTalk Directory Assistance Server', 'streettalk_da_server'),
  77: opaque('User Class Information'), 78: opaque('Directory Agent Information'), 79: opaque('Service Location Agent Scope'), 80: opaque('Rapid commit'),
  81: special('Client Fully Qualified Domain Name'), 82: opaque('Agent Information Option'), 83: opaque('iSNS'), 84: opaque('Removed/Unassigned'),
  85: special('Novell Directory Services Servers'), 86: opt(86, 'Novell Directory Services Tree Name', 'string', 'novell_ds_tree_name'),
  87: opt(87, 'Novell Directory Services Context', 'string', 'novell_ds_context'), 88: opaque('BCMCS Controller Domain Name [TODO:RFC4280]'),
  89: opaque('BCMCS Controller IPv4 address [TODO:RFC4280]'), 90: opaque('Authentication'),
  91: opt(91, 'Client last transaction time', 'secs_u', 'client_last_transaction_time'), 92: ipv4List(92, 'Associated IP option', 'associated_ip_option'),
  93: special('Client System Architecture'), 94: special('Client Network Device Interface'), 95: opaque('LDAP [TODO:RFC3679]'),
  96: opaque('Removed/Unassigned'), 97: special('UUID/GUID-based Client Identifier'), 98: opaque("Open Group's User Authentication [TODO:RFC2485]"),
  99: opaque('Civic Addresses Configuration'), 100: opaque('PCode'), 101: opaque('TCode'),
  112: ipv4List(112, 'NetInfo Parent Server Address', 'netinfo_parent_server_address'), 113: opt(113, 'NetInfo Parent Server Tag', 'string', 'netinfo_parent_server_tag'),
  114: opaque('DHCP Captive-Portal'),
  116: opt(116, 'DHCP Auto-Configuration', 'u8', 'dhcp_auto_configuration', undefined, { vals: { 0: 'DoNotAutoConfigure', 1: 'AutoConfigure' } }),
  117: opaque('Name Service Search'), 118: ipv4List(118, 'Subnet Selection Option', 'subnet_selection_option'), 119: special('Domain Search'),
  120: opaque('SIP Servers'), 121: special('Classless Static Route'), 122: opaque('CableLabs Client Configuration [TODO:RFC3495]'),
  123: opaque('Coordinate-based Location Configuration'), 124: opaque('V-I Vendor Class'), 125: opaque('V-I Vendor-specific Information'),
  128: opaque('DOCSIS full security server IP [TODO]'), 136: ipv4List(136, 'PANA Authentication Agent', 'pana_agent', 'PAA IPv4 Address',
    'Protocol for Carrying Authentication for Network Access (PANA) Authentication Agents IPv4 Address'),
  137: opt(137, 'LoST Server Domain Name', 'string', 'lost_server_domain_name'), 138: ipv4List(138, 'CAPWAP Access Controllers', 'capwap_access_controller'),
  139: opaque('IPv4 Address-MoS'), 140: opaque('IPv4 FQDN-MoS'), 141: opaque('SIP UA Configuration Domains'),
  142: ipv4List(142, 'IPv4 Address ANDSF', 'andsf_server', 'ANDSF Server', 'ANDSF (Access Network Discovery and Selection Function) Server'), 143: opaque('Zerotouch Redirect [TODO: draft-ietf-netconf-zerotouch]'),
  144: opaque('Geospatial Location [TODO:RFC6225]'), 145: opaque('Forcerenew Nonce Capable'), 146: opaque('RDNSS Selection'),
  150: ipv4List(150, 'TFTP Server Address', 'tftp_server_address'), 151: opaque('Leasequery Status code'), 152: opaque('Leasequery Base Time'),
  153: opt(153, 'Leasequery Start Time of State', 'secs_u', 'bulk_lease.start_time_of_state', 'Start Time Of State', { blurb: 'DHCPv4 Bulk Leasequery Start Time Of State' }),
  154: opaque('Leasequery Query Start Time'), 155: opaque('Leasequery Query End Time'),
  156: opt(156, 'Leasequery Dhcp State', 'u8', 'bulk_lease.dhcp_state', 'Dhcp State', { blurb: 'DHCPv4 Bulk Leasequery Dhcp State', vals: { 1: 'Available', 2: 'Active', 3: 'Expired', 4: 'Released', 5: 'Abandoned', 6: 'Reset', 7: 'Remote', 8: 'Transitioning' } }),
  157: opt(157, 'Leasequery Data Source', 'bool', 'bulk_lease.data_source', 'Data Source', { blurb: 'DHCPv4 Bulk Leasequery Data Source', tfs: ['Remote', 'Local'] }),
  158: opaque('PCP Server'), 159: opaque('Portparams'), 160: opaque('Unassigned (ex DHCP Captive-Portal)'), 161: opaque('Manufacturer Usage Description'),
  175: opaque('Etherboot'), 176: opaque('IP Telephone'), 177: opaque('Etherboot'), 208: opaque('PXELINUX Magic'),
  209: opaque('PXE Configuration file'), 210: opaque('PXE Path Prefix'), 211: opaque('Reboot Time'), 212: opaque('6RD'),
  213: opaque('V4 Access Domain'), 220: opaque('Subnet Allocation'), 221: opaque('Virtual Subnet Selection'),
  242: opaque('Private/Avaya IP Telephone'), 249: special('Private/Classless Static Route (Microsoft)'),
  252: opt(252, 'Private/Proxy autodiscovery', 'string', 'private_proxy_autodiscovery'),
});
for (let c = 1; c < 255; c++) {
  if (OPTIONS[c] !== undefined) continue;
  // The unnamed rest, as Wireshark 4.0 names them.
  const name = (c >= 102 && c <= 107) ? 'Removed/unassigned' : c === 108 ? 'IPv6-Only Preferred' : [110, 115, 126, 127].includes(c) ? 'Removed/Unassigned'
    : c >= 129 && c <= 135 ? 'PXE - undefined (vendor specific)' : c >= 224 && c <= 254 ? 'Private' : 'Unassigned';
  OPTIONS[c] = opaque(name);
}
const OPTION_NAMES = new Map<number, string>([[0, 'Padding'], [255, 'End'], ...OPTIONS.map((o, c): [number, string] => [c, o?.name ?? 'Unassigned']).filter(([c]) => c > 0 && c < 255)]);

/** Wireshark's size checks per kind: the value must have exactly this many bytes (0: any). */
const FIXED: Partial<Record<Kind, number>> = { ipv4: 4, u8: 1, u16: 2, bool: 1, secs_s: 4, secs_u: 4 };

/** Options whose empty value is not shown. */
const HIDE_EMPTY = new Set([52, 53, 81, 94, 121, 249]);

interface Scan {
  /** Option 53's value, -1 without it. */
  messageType: number;
  /** The End option was reached. */
  atEnd: boolean;
  /**
   * Option 52's value from the first pass (RFC 2132 9.3: 1 the file field holds options, 2 the
   * sname field, 3 both); 0 without it. Option 52 itself sets it back to 0 once it has read
   * those fields' options (the End after them is not the overload's), as Wireshark does.
   */
  overload: number;
}

/** The sname and file fields (RFC 2131), which an Option Overload fills with options. */
const SNAME_OFFSET = 44;
const SNAME_LEN = 64;
const FILE_OFFSET = 108;
const FILE_LEN = 128;

/** Where the options start: after the cookie, or after the 64-byte BOOTP vendor area. */
const VENDOR_OFFSET = 236;
const COOKIE = 0x63825363;

/**
 * The options in order. `scanOnly` (Wireshark's first pass) reads each code and length and option
 * 53's value, nothing else; the second pass decodes each option into `tree` (the null tree in the
 * summary pass).
 */
function options(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, start: number, end: number, scan: Scan, scanOnly: boolean): number {
  let off = start;
  while (off < end && !scan.atEnd) {
    const code = tvb.u8(off);
    if (code === 0) {
      // A run of padding is one option.
      let n = 1;
      while (off + n < end && tvb.has(off + n, 1) && tvb.u8(off + n) === 0) n++;
      if (tree.real) tree.add(hfOptionType, tvb, off, n, 0).setLabel('Option: (0) Padding').add(hfOptionPadding, tvb, off, n, tvb.bytes(off, n));
      off += n;
      continue;
    }
    if (code === 255) {
      scan.atEnd = true;
      if (tree.real) tree.add(hfOptionType, tvb, off, 1, 0).setLabel('Option: (255) End').add(scan.overload ? hfOptionEndOverload : hfOptionEnd, tvb, off, 1, 255);
      off += 1;
      continue;
    }
    // (The first pass stops quietly where a length is missing; the second one fails there.)
    if (scanOnly && !tvb.has(off + 1, 1)) break;
    const len = tvb.u8(off + 1);
    if (scanOnly) {
      // (Read even when the length says 0, as Wireshark's first pass does.)
      if (code === 53) scan.messageType = tvb.u8(off + 2);
      // (Read even when the length says 0: the next byte, as in Wireshark's first pass.)
      else if (code === 52 && tvb.has(off + 2, Math.max(len, 1))) scan.overload = tvb.u8(off + 2);
    } else {
      option(tvb, pinfo, tree, off, code, len, scan);
    }
    off += 2 + len;
  }
  return off;
}

function option(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, off: number, code: number, len: number, scan: Scan): void {
  const def = OPTIONS[code]!;
  const v = off + 2;
  const t = tree.add(hfOptionType, tvb, off, 2 + len, code).setLabel(`Option: (${code}) ${def.name}`);
  t.add(hfOptionLength, tvb, off + 1, 1, len);
  const bytes = tvb.bytes(v, len);
  const fixed = FIXED[def.kind];
  const unit = def.kind === 'ipv4_list' ? 4 : code === 25 ? 2 : 0;
  if (def.kind === 'opaque' || (fixed !== undefined && len !== fixed) || (unit && len % unit !== 0)) {
    // The bytes as they are, with a complaint when the length is wrong for the kind.
    t.add(hfOptionValue, tvb, v, len, len === 0 ? MISSING_BYTES : bytes);
    if (fixed !== undefined) pinfo.expert(t, eiBadLength, tvb, v, len, `length isn't ${fixed}`);
    else if (unit) pinfo.expert(t, eiBadLength, tvb, v, len, `Option length isn't a multiple of ${unit}`);
    return;
  }
  // The value's bytes, for filters; an empty one is shown (as Wireshark does, but for the options
  // whose own rules complain or fail first).
  if (len === 0 && !HIDE_EMPTY.has(code)) t.add(hfOptionValue, tvb, v, 0, MISSING_BYTES);
  else t.addHidden(hfOptionValue, tvb, v, len, len === 0 ? MISSING_BYTES : bytes);
  const f = def.field;
  switch (def.kind) {
    case 'ipv4':
      t.add(f!, tvb, v, 4, tvb.u32(v));
      t.appendLabel(` (${formatIPv4Bytes(bytes, 0)})`, () => `Option: (${code}) ${def.name}`);
      return;
    case 'ipv4_list':
      for (let i = 0; i + 4 <= len; i += 4) t.add(f!, tvb, v + i, 4, tvb.u32(v + i));
      return;
    case 'string': {
      const text = asciiString(bytes, 0, len);
      t.add(f!, tvb, v, len, text);
      return;
    }
    case 'u8':
    case 'bool':
      t.add(f!, tvb, v, 1, tvb.u8(v));
      return;
    case 'u16':
      t.add(f!, tvb, v, 2, tvb.u16(v));
      return;
    case 'secs_s':
    case 'secs_u': {
      const n = def.kind === 'secs_s' ? tvb.i32(v) : tvb.u32(v);
      const text = def.kind === 'secs_u' && n === 0xffffffff ? 'infinity' : timeSecsText(n);
      t.add(f!, tvb, v, 4, n).setLabel(`${f!.name}: (${n}s) ${text}`);
      return;
    }
    default:
      specialOption(tvb, pinfo, t, v, code, len, scan);
  }
}

/**
 * Option 52: which of the sname and file fields hold options, and those options, each field in a
 * subtree of its own (with its End, or an expert that it is missing).
 */
function optionOverload(tvb: Tvb, pinfo: PacketInfo, t: ProtoNode, v: number, len: number, scan: Scan): void {
  if (len < 1) {
    pinfo.expert(t, eiBadLength, tvb, v, len, "length isn't >= 1");
    return;
  }
  t.add(hfOverload, tvb, v, 1, tvb.u8(v));
  if (scan.overload < 1 || scan.overload > 3) return;
  const value = tvb.u8(v);
  for (const [bit, off, n, title, missing] of [
    [2, SNAME_OFFSET, SNAME_LEN, 'Server host name option overload', eiSnameEndMissing],
    [1, FILE_OFFSET, FILE_LEN, 'Boot file name option overload', eiFileEndMissing],
  ] as const) {
    if (!(value & bit)) continue;
    const sub = t.addText(tvb, off, n, title);
    const inner: Scan = { messageType: -1, atEnd: false, overload: 0 };
    options(tvb, pinfo, sub, off, off + n, inner, false);
    if (!inner.atEnd) pinfo.expert(sub, missing, tvb, off, n);
  }
  scan.overload = 0;
}

/** The name of a message type as the columns show it. */
function messageTypeName(type: number): string {
  return MESSAGE_TYPES[type] ?? `Unknown Message Type (0x${type.toString(16)})`;
}

/** Message types of the options 53 seen by the tree pass (for the protocol's line). */
const proto53: number[] = [];

function specialOption(tvb: Tvb, pinfo: PacketInfo, t: ProtoNode, v: number, code: number, len: number, scan: Scan): void {
  const name = () => `Option: (${code}) ${OPTIONS[code]!.name}`;
  switch (code) {
    case 21:
    case 33: {
      if (len % 8 !== 0) {
        pinfo.expert(t, eiBadLength, tvb, v, len, "Option length isn't a multiple of 8");
        return;
      }
      const [a, b] = code === 21 ? [hfPolicyIp, hfPolicyMask] : [hfStaticIp, hfStaticRouter];
      for (let i = 0; i < len; i += 8) {
        t.add(a, tvb, v + i, 4, tvb.u32(v + i));
        t.add(b, tvb, v + i + 4, 4, tvb.u32(v + i + 4));
      }
      return;
    }
    case 25:
      for (let i = 0; i + 2 <= len; i += 2) t.add(hfPlateauItem, tvb, v + i, 2, tvb.u16(v + i));
      return;
    case 52:
      optionOverload(tvb, pinfo, t, v, len, scan);
      return;
    case 53: {
      const o = tvb.sub(v, len);
      const type = o.u8(0);
      t.add(hfMessageType, o, 0, 1, type);
      t.appendLabel(` (${messageTypeName(type)})`, name);
      // (Wireshark names each message type on the protocol's line too.)
      proto53.push(type);
      return;
    }
    case 55:
      for (let i = 0; i < len; i++) {
        const c = tvb.u8(v + i);
        t.add(hfRequestItem, tvb, v + i, 1, c).setLabel(`Parameter Request List Item: (${c}) ${OPTION_NAMES.get(c) ?? 'Unassigned'}`);
      }
      return;
    case 61:
      clientId(tvb, t, v, len);
      return;
    case 81: {
      if (len < 3) {
        pinfo.expert(t, eiBadLength, tvb, v, len, "length isn't >= 3");
        return;
      }
      const flags = tvb.u8(v);
      const names = [[0x08, 'Server DDNS'], [0x04, 'Encoding'], [0x02, 'Server overrides'], [0x01, 'Server']].filter(([m]) => flags & (m as number)).map(([, n]) => n);
      const f = t.add(hfFqdnFlags, tvb, v, 1, flags).setLabel(`Flags: 0x${flags.toString(16).padStart(2, '0')}${names.length ? `, ${names.join(', ')}` : ''}`);
      for (const h of [hfFqdnMbz, hfFqdnN, hfFqdnE, hfFqdnO, hfFqdnS]) f.add(h, tvb, v, 1);
      t.add(hfFqdnRcode1, tvb, v + 1, 1, tvb.u8(v + 1));
      t.add(hfFqdnRcode2, tvb, v + 2, 1, tvb.u8(v + 2));
      if (len > 3) {
        const raw = tvb.bytes(v + 3, len - 3);
        const text = flags & 0x04 ? dnsName(tvb, v + 3, v + len) : asciiString(raw, 0, raw.length);
        const n = t.add(hfFqdnName, tvb, v + 3, len - 3, text);
        // A NUL with more than NULs after it (Wireshark's check of FT_STRING values).
        if (!(flags & 0x04) && hasStrayAfterNul(raw)) pinfo.expert(n, eiTrailingStray, tvb, v + 3, len - 3);
      }
      return;
    }
    case 85:
      if (len % 4 !== 0) {
        pinfo.expert(t, eiBadLength, tvb, v, len, "Option length isn't a multiple of 4");
        return;
      }
      for (let i = 0; i < len; i += 4) t.add(hfNdsServer, tvb, v + i, 4, tvb.u32(v + i));
      return;
    case 93:
      for (let i = 0; i + 2 <= len; i += 2) {
        const a = tvb.u16(v + i);
        const n = t.add(hfArch, tvb, v + i, 2, a);
        if (a === 9) pinfo.expert(n, eiArchEfiBc, tvb, v + i, 2, 'Client Architecture ID 9 is often incorrectly used for EFI x64');
      }
      if (len % 2 !== 0) pinfo.expert(t, eiBadLength, tvb, v, len, "Option length isn't a multiple of 2");
      return;
    case 94: {
      // Type 1 (UNDI) then the versions, whatever the length says (past a shorter option:
      // malformed, as in Wireshark); other types show nothing.
      const o = tvb.sub(v, len);
      if (o.u8(0) !== 1) return;
      t.add(hfNdiMajor, o, 1, 1, o.u8(1));
      t.add(hfNdiMinor, o, 2, 1, o.u8(2));
      return;
    }
    case 97:
      if (len === 17 && tvb.u8(v) === 0) {
        t.add(hfUuid, tvb, v + 1, 16, guidLe(tvb, v + 1));
      }
      return;
    case 119: {
      // Names as DNS writes them, compression pointers counting from the option's value.
      const o = tvb.sub(v, len);
      for (let at = 0; at < len; ) {
        const n = readDnsName(o, at);
        t.add(hfDomainSearch, o, at, n.used, n.text);
        at += n.used;
      }
      return;
    }
    case 121:
    case 249:
      classlessRoutes(tvb, pinfo, t, v, len);
      return;
  }
}

/**
 * Option 61: a hardware type and MAC, a type-0 string, or (type 255, RFC 4361) an IAID and a DUID;
 * other types show nothing more, as in Wireshark.
 */
function clientId(tvb: Tvb, t: ProtoNode, v: number, len: number): void {
  if (len === 0) return;
  const type = tvb.u8(v);
  if (len === 7 && (type === 1 || type === 6)) {
    t.add(hfClientIdHwType, tvb, v, 1, type);
    t.add(hfHwMac, tvb, v + 1, 6);
  } else if (type === 0) {
    t.add(hfClientIdType, tvb, v, 1, 0);
    t.add(hfClientIdUndef, tvb, v + 1, len - 1, asciiString(tvb.bytes(v + 1, len - 1), 0, len - 1));
  } else if (type === 255) {
    const o = tvb.sub(v, len);
    t.add(hfIaid, o, 1, 4, formatHex(o.bytes(1, 4)));
    const duid = o.u16(5);
    t.add(hfDuidType, o, 5, 2, duid);
    if (duid === 1 || duid === 3) {
      t.add(duid === 1 ? hfDuidLltHwType : hfDuidHwType, o, 7, 2, o.u16(7));
      let at = 9;
      if (duid === 1) {
        t.add(hfDuidTime, o, 9, 4, o.u32(9));
        at = 13;
      }
      const addr = o.bytes(at, len - at);
      t.add(hfDuidLinkAddr, o, at, len - at, o.u16(7) === 1 && addr.length === 6 ? formatEther(addr) : formatHex(addr));
    }
  }
}


/** A GUID as Wireshark prints an FT_GUID read little-endian. */
function guidLe(tvb: Tvb, off: number): string {
  const b = tvb.bytes(off, 16);
  const h = (i: number) => b[i]!.toString(16).padStart(2, '0');
  return `${h(3)}${h(2)}${h(1)}${h(0)}-${h(5)}${h(4)}-${h(7)}${h(6)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}

/** A DNS-encoded name from `off` to `end` (no compression), dot-separated. */
function dnsName(tvb: Tvb, off: number, end: number): string {
  const labels: string[] = [];
  while (off < end) {
    const n = tvb.u8(off);
    if (n === 0) break;
    labels.push(asciiString(tvb.bytes(off + 1, n), 0, n));
    off += 1 + n;
  }
  return labels.join('.');
}

/** Options 121 and 249: (width, significant destination bytes, router) triples. */
function classlessRoutes(tvb: Tvb, pinfo: PacketInfo, t: ProtoNode, v: number, len: number): void {
  if (len < 5) {
    pinfo.expert(t, eiBadLength, tvb, v, len, "length isn't >= 5");
    return;
  }
  for (let off = v; off < v + len; ) {
    const width = tvb.u8(off);
    const n = Math.ceil(width / 8);
    const dest = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) dest[i] = tvb.u8(off + 1 + i);
    const router = formatIPv4Bytes(tvb.bytes(off + 1 + n, 4), 0);
    const text = width === 0 ? `default-${router}` : `${dest.join('.')}/${width}-${router}`;
    t.add(hfClasslessRoute, tvb, off, 1 + n + 4).setLabel(` ${text}`);
    off += 1 + n + 4;
  }
}

export const dhcp: ProtocolSpec = {
  proto,
  bind: [['udp.port', 67], ['udp.port', 68]],
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol('BOOTP');
    pinfo.setInfo('');
    const op = tvb.u8(0);
    const htype = tvb.u8(1);
    const hlen = tvb.u8(2);
    if (pinfo.wantInfo) {
      if (op === 1) {
        const mac = (htype === 1 || htype === 6) && hlen === 6 ? formatEther(tvb.bytes(28, 6)) : null;
        pinfo.setInfo(mac !== null ? `Boot Request from ${mac} (${mac})` : `Boot Request from ${hwAddrText(tvb, hlen, htype)}`);
      } else pinfo.setInfo(op === 2 ? 'Boot Reply' : `Unknown BOOTP message type (${op})`);
    }
    const hasCookie = tvb.has(VENDOR_OFFSET, 4) && tvb.u32(VENDOR_OFFSET) === COOKIE;
    const optStart = VENDOR_OFFSET + (hasCookie ? 4 : 64);
    const end = tvb.reportedLength;
    // First pass (as Wireshark): option 53 decides the columns before the tree is built.
    const scan: Scan = { messageType: -1, atEnd: false, overload: 0 };
    options(tvb, pinfo, NULL_TREE, optStart, end, scan, true);
    const typeName = scan.messageType >= 0 ? messageTypeName(scan.messageType) : null;
    if (typeName !== null) {
      pinfo.setProtocol('DHCP');
      if (pinfo.wantInfo) pinfo.setInfo(`DHCP ${typeName.padEnd(8)} - Transaction ID 0x${tvb.u32(4).toString(16)}`);
    }
    // The tree pass and the summary pass (a null tree) read the same bytes and raise the same
    // expert items: only what they build differs.
    const t = tree.addProto(proto, tvb, 0, tvb.length);
    proto53.length = 0;
    t.add(hfType, tvb, 0, 1, op);
    t.add(hfHwType, tvb, 1, 1, htype);
    t.add(hfHwLen, tvb, 2, 1, hlen);
    t.add(hfHops, tvb, 3, 1, tvb.u8(3));
    t.add(hfId, tvb, 4, 4, tvb.u32(4));
    const secsLe = tvb.u16le(8);
    if (secsLe > 0 && secsLe <= 0xff) {
      const n = t.add(hfSecs, tvb, 8, 2, secsLe);
      pinfo.expert(n, eiSecsLe, tvb, 8, 2);
    } else t.add(hfSecs, tvb, 8, 2, tvb.u16(8));
    const flags = tvb.u16(10);
    // (proto_tree_add_bitmask names the set flag, then Wireshark appends the kind.)
    const set = flags & 0x8000 ? ', Broadcast flag' : '';
    const fl = t.add(hfFlags, tvb, 10, 2, flags).setLabel(`Bootp flags: 0x${flags.toString(16).padStart(4, '0')}${set} (${flags & 0x8000 ? 'Broadcast' : 'Unicast'})`);
    fl.add(hfFlagsBc, tvb, 10, 2);
    fl.add(hfFlagsReserved, tvb, 10, 2);
    t.add(hfIpClient, tvb, 12, 4, tvb.u32(12));
    t.add(hfIpYour, tvb, 16, 4, tvb.u32(16));
    t.add(hfIpServer, tvb, 20, 4, tvb.u32(20));
    t.add(hfIpRelay, tvb, 24, 4, tvb.u32(24));
    if (hlen > 0 && hlen <= 16) {
      if ((htype === 1 || htype === 6) && hlen === 6) t.add(hfHwMac, tvb, 28, 6, tvb.bytes(28, 6));
      // All 16 bytes of chaddr, labelled with the hlen bytes in use (Wireshark's arphrdaddr text).
      else t.add(hfHwAddr, tvb, 28, 16, tvb.bytes(28, 16)).setLabel(`${hfHwAddr.name}: ${formatHex(tvb.bytes(28, hlen))}`);
      if (16 - hlen > 0) t.add(hfHwAddrPadding, tvb, 28 + hlen, 16 - hlen, tvb.bytes(28 + hlen, 16 - hlen));
    } else pinfo.expert(t.addText(tvb, 28, 16, 'Client address not given'), eiNoAddress, tvb, 28, 16);
    // Fields an Option Overload fills with options are not names (option 52 shows their options).
    if (scan.overload & 2) pinfo.expert(t.addText(tvb, SNAME_OFFSET, SNAME_LEN, eiSnameOverloaded.summary), eiSnameOverloaded, tvb, SNAME_OFFSET, SNAME_LEN);
    else nameField(t, tvb, pinfo, hfServer, SNAME_OFFSET, SNAME_LEN, 'Server host name not given');
    if (scan.overload & 1) pinfo.expert(t.addText(tvb, FILE_OFFSET, FILE_LEN, eiFileOverloaded.summary), eiFileOverloaded, tvb, FILE_OFFSET, FILE_LEN);
    else nameField(t, tvb, pinfo, hfFile, FILE_OFFSET, FILE_LEN, 'Boot file name not given');
    // After the fixed header, as Wireshark (a message cut in its header has none).
    if (typeName === null) t.addHidden(hfBootp, tvb, 0, 0, 1);
    if (hasCookie) t.add(hfCookie, tvb, VENDOR_OFFSET, 4, COOKIE).setLabel('Magic cookie: DHCP');
    else t.add(hfVendorOptions, tvb, VENDOR_OFFSET, 64, tvb.bytes(VENDOR_OFFSET, 64));
    const done: Scan = { messageType: -1, atEnd: false, overload: scan.overload };
    let off: number;
    try {
      off = options(tvb, pinfo, t, optStart, end, done, false);
    } finally {
      if (proto53.length) t.setLabel(proto.name + proto53.map((m) => ` (${messageTypeName(m)})`).join(''));
    }
    if (typeName !== null && !done.atEnd) pinfo.expert(t, eiEndMissing, tvb, 0, 0);
    if (off < end) t.add(hfOptionPadding, tvb, off, end - off, tvb.bytes(off, end - off));
  },
};

function nameField(t: ProtoNode, tvb: Tvb, pinfo: PacketInfo, f: FieldDef, off: number, len: number, none: string): void {
  tvb.check(off, len);
  if (tvb.u8(off) !== 0) {
    asciiItem(t, f, tvb, off, len, pinfo);
  } else {
    t.add(f, tvb, off, len, '').setLabel(none);
  }
}

/** tvb_arphrdaddr_to_str: a MAC for Ethernet, else the bytes in hex with colons. */
function hwAddrText(tvb: Tvb, hlen: number, htype: number): string {
  if (hlen === 0) return '<No address>';
  const b = tvb.bytes(28, hlen);
  if ((htype === 1 || htype === 6) && hlen === 6) return formatEther(b);
  return formatHex(b, ':');
}
