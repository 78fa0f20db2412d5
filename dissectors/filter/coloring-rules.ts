/**
 * Wireshark 4.0's default coloring rules (its `colorfilters` file), as data, in their order: the
 * packet list paints a row with the first rule whose filter matches the packet.
 *
 * `wireshark` is the rule's filter exactly as Wireshark ships it. `filter` is what we compile: the
 * same expression with every protocol we do not dissect (pim, ospf, vrrp, sctp, smb …) replaced by
 * its value here — absent, i.e. false — and the terms simplified. Since no packet of ours can
 * contain those protocols, both select the same packets. Rules made only of such protocols (HSRP,
 * Spanning Tree, OSPF, SCTP ABORT, SMB, DCERPC, System Event) can never match and are kept with
 * `filter: null`, so the table still reads like Wireshark's.
 *
 * `eth[0] & 1` (Broadcast) is written `eth.dst.ig == 1`: the I/G bit is bit 0 of the destination's
 * first byte, which is eth[0]; our filter language does not take `&` on byte slices.
 *
 * Colours are Wireshark's, exactly as its colorfilters file writes them: `[background][foreground]`,
 * 16-bit RGB (a test compares this table with the file tshark installs). This file is data only,
 * with no dependencies, so the UI can use it too; `coloring.ts` compiles the filters for the engine.
 */

export interface ColoringRule {
  name: string;
  wireshark: string;
  filter: string | null;
  /** Background and foreground, [r, g, b] 0..65535, in the colorfilters file's order. */
  bg: readonly [number, number, number];
  fg: readonly [number, number, number];
}

export const COLORING_RULES: readonly ColoringRule[] = [
  {
    name: 'Bad TCP',
    wireshark: 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
    filter: 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
    bg: [4718, 10030, 11796], fg: [63479, 34695, 34695],
  },
  { name: 'HSRP State Change', wireshark: 'hsrp.state != 8 && hsrp.state != 16', filter: null, bg: [4718, 10030, 11796], fg: [65535, 64764, 40092] },
  { name: 'Spanning Tree Topology  Change', wireshark: 'stp.type == 0x80', filter: null, bg: [4718, 10030, 11796], fg: [65535, 64764, 40092] },
  { name: 'OSPF State Change', wireshark: 'ospf.msg != 1', filter: null, bg: [4718, 10030, 11796], fg: [65535, 64764, 40092] },
  { name: 'ICMP errors', wireshark: 'icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }', filter: 'icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }', bg: [4718, 10030, 11796], fg: [47031, 63479, 29812] },
  { name: 'ARP', wireshark: 'arp', filter: 'arp', bg: [64250, 61680, 55255], fg: [4718, 10030, 11796] },
  { name: 'ICMP', wireshark: 'icmp || icmpv6', filter: 'icmp || icmpv6', bg: [64764, 57568, 65535], fg: [4718, 10030, 11796] },
  { name: 'TCP RST', wireshark: 'tcp.flags.reset eq 1', filter: 'tcp.flags.reset eq 1', bg: [42148, 0, 0], fg: [65535, 64764, 40092] },
  { name: 'SCTP ABORT', wireshark: 'sctp.chunk_type eq ABORT', filter: null, bg: [42148, 0, 0], fg: [65535, 64764, 40092] },
  {
    name: 'TTL low or unexpected',
    wireshark: '(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))',
    filter: '(ip.dst != 224.0.0.0/4 && ip.ttl < 5) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1)',
    bg: [42148, 0, 0], fg: [60652, 61680, 60395],
  },
  {
    name: 'Checksum Errors',
    wireshark: 'eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad" || sctp.checksum.status=="Bad" || mstp.checksum.status=="Bad" || cdp.checksum.status=="Bad" || edp.checksum.status=="Bad" || wlan.fcs.status=="Bad" || stt.checksum.status=="Bad"',
    filter: 'eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad"',
    bg: [4718, 10030, 11796], fg: [63479, 34695, 34695],
  },
  { name: 'SMB', wireshark: 'smb || nbss || nbns || netbios', filter: null, bg: [65278, 65535, 53456], fg: [4718, 10030, 11796] },
  { name: 'HTTP', wireshark: 'http || tcp.port == 80 || http2', filter: 'http || tcp.port == 80', bg: [58596, 65535, 51143], fg: [4718, 10030, 11796] },
  { name: 'DCERPC', wireshark: 'dcerpc', filter: null, bg: [51199, 38706, 65533], fg: [4718, 10030, 11796] },
  { name: 'Routing', wireshark: 'hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp', filter: null, bg: [65534, 62325, 54808], fg: [4718, 10030, 11796] },
  { name: 'TCP SYN/FIN', wireshark: 'tcp.flags & 0x02 || tcp.flags.fin == 1', filter: 'tcp.flags & 0x02 || tcp.flags.fin == 1', bg: [41026, 41026, 41026], fg: [4718, 10030, 11796] },
  { name: 'TCP', wireshark: 'tcp', filter: 'tcp', bg: [59345, 58980, 65535], fg: [4718, 10030, 11796] },
  { name: 'UDP', wireshark: 'udp', filter: 'udp', bg: [56026, 61166, 65535], fg: [4718, 10030, 11796] },
  { name: 'Broadcast', wireshark: 'eth[0] & 1', filter: 'eth.dst.ig == 1', bg: [65535, 65535, 65535], fg: [47802, 48573, 46774] },
  { name: 'System Event', wireshark: 'systemd_journal || sysdig', filter: null, bg: [59110, 59110, 59110], fg: [11565, 28527, 39578] },
];
