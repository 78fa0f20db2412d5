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
 * Colours are Wireshark's (16-bit RGB of foreground and background), for a UI that wants them.
 */
import { compileFilter, type DisplayFilter } from './index.js';

export interface ColoringRule {
  name: string;
  wireshark: string;
  filter: string | null;
  /** [r, g, b] 0..65535. */
  fg: readonly [number, number, number];
  bg: readonly [number, number, number];
}

export const COLORING_RULES: readonly ColoringRule[] = [
  {
    name: 'Bad TCP',
    wireshark: 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
    filter: 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
    fg: [65535, 24383, 24383], bg: [0, 0, 0],
  },
  { name: 'HSRP State Change', wireshark: 'hsrp.state != 8 && hsrp.state != 16', filter: null, fg: [65535, 64764, 40092], bg: [0, 0, 0] },
  { name: 'Spanning Tree Topology  Change', wireshark: 'stp.type == 0x80', filter: null, fg: [65535, 64764, 40092], bg: [0, 0, 0] },
  { name: 'OSPF State Change', wireshark: 'ospf.msg != 1', filter: null, fg: [65535, 64764, 40092], bg: [0, 0, 0] },
  { name: 'ICMP errors', wireshark: 'icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }', filter: 'icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }', fg: [45232, 65535, 0], bg: [0, 0, 0] },
  { name: 'ARP', wireshark: 'arp', filter: 'arp', fg: [64250, 61680, 55255], bg: [4718, 10030, 11796] },
  { name: 'ICMP', wireshark: 'icmp || icmpv6', filter: 'icmp || icmpv6', fg: [64764, 57568, 65535], bg: [4718, 10030, 11796] },
  { name: 'TCP RST', wireshark: 'tcp.flags.reset eq 1', filter: 'tcp.flags.reset eq 1', fg: [42148, 0, 0], bg: [65535, 64764, 40092] },
  { name: 'SCTP ABORT', wireshark: 'sctp.chunk_type eq ABORT', filter: null, fg: [42148, 0, 0], bg: [65535, 64764, 40092] },
  {
    name: 'TTL low or unexpected',
    wireshark: '(( ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp)))',
    filter: '(ip.dst != 224.0.0.0/4 && ip.ttl < 5) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1)',
    fg: [42148, 0, 0], bg: [60652, 61680, 60395],
  },
  {
    name: 'Checksum Errors',
    wireshark: 'eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad" || sctp.checksum.status=="Bad" || mstp.checksum.status=="Bad" || cdp.checksum.status=="Bad" || edp.checksum.status=="Bad" || wlan.fcs.status=="Bad" || stt.checksum.status=="Bad"',
    filter: 'eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad"',
    fg: [0, 0, 0], bg: [65535, 24383, 24383],
  },
  { name: 'SMB', wireshark: 'smb || nbss || nbns || netbios', filter: null, fg: [65278, 65535, 53456], bg: [4718, 10030, 11796] },
  { name: 'HTTP', wireshark: 'http || tcp.port == 80 || http2', filter: 'http || tcp.port == 80', fg: [58596, 65535, 51143], bg: [4718, 10030, 11796] },
  { name: 'DCERPC', wireshark: 'dcerpc', filter: null, fg: [51143, 38807, 65535], bg: [4718, 10030, 11796] },
  { name: 'Routing', wireshark: 'hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp', filter: null, fg: [65535, 62451, 54998], bg: [4718, 10030, 11796] },
  { name: 'TCP SYN/FIN', wireshark: 'tcp.flags & 0x02 || tcp.flags.fin == 1', filter: 'tcp.flags & 0x02 || tcp.flags.fin == 1', fg: [41120, 41120, 41120], bg: [4718, 10030, 11796] },
  { name: 'TCP', wireshark: 'tcp', filter: 'tcp', fg: [59367, 59110, 65535], bg: [4718, 10030, 11796] },
  { name: 'UDP', wireshark: 'udp', filter: 'udp', fg: [56026, 61166, 65535], bg: [4718, 10030, 11796] },
  { name: 'Broadcast', wireshark: 'eth[0] & 1', filter: 'eth.dst.ig == 1', fg: [65535, 65535, 65535], bg: [47802, 48573, 46774] },
  { name: 'System Event', wireshark: 'systemd_journal || sysdig', filter: null, fg: [59110, 59110, 59110], bg: [11565, 28527, 39578] },
];

export interface CompiledColoringRule {
  name: string;
  filter: DisplayFilter;
}

let compiled: CompiledColoringRule[] | null = null;

/**
 * The rules that can match, compiled once (in order). A rule that does not compile is a bug in
 * this table: it throws, and the test of this table catches it.
 */
export function coloringRules(): readonly CompiledColoringRule[] {
  if (compiled) return compiled;
  const out: CompiledColoringRule[] = [];
  for (const r of COLORING_RULES) {
    if (r.filter === null) continue;
    const c = compileFilter(r.filter);
    if (!c.ok) throw new Error(`coloring rule "${r.name}": ${c.error.message}`);
    out.push({ name: r.name, filter: c.filter });
  }
  compiled = out;
  return out;
}
