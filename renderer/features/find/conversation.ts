/**
 * Go › Next / Previous Packet in Conversation (Wireshark's Ctrl+. and Ctrl+,): the display filter
 * that selects the packets of the selected packet's conversation — its TCP or UDP stream, else
 * the pair of IP addresses — or null when the row names none (ARP, a MAC-only frame).
 */
import type { Row } from '../../../electron/api/contract.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;
const MAC = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

function ipKind(a: string): 'ip' | 'ipv6' | null {
  if (IPV4.test(a)) return 'ip';
  if (a.includes(':') && IPV6.test(a) && !MAC.test(a)) return 'ipv6';
  return null;
}

export function conversationFilter(row: Pick<Row, 'source' | 'destination' | 'tcpStream' | 'udpStream'>): string | null {
  if (row.tcpStream !== undefined) return `tcp.stream == ${row.tcpStream}`;
  if (row.udpStream !== undefined) return `udp.stream == ${row.udpStream}`;
  const k = ipKind(row.source);
  if (k === null || ipKind(row.destination) !== k) return null;
  return `${k}.addr == ${row.source} && ${k}.addr == ${row.destination}`;
}
