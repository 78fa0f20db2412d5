/**
 * The conversation of a packet-list row: its TCP or UDP stream, else its pair of addresses. As a
 * display filter (Go › Next / Previous Packet in Conversation, Wireshark's Ctrl+. and Ctrl+,; the
 * list's "Apply as filter: this conversation"), where IP addresses name it; and as a test of other
 * rows (the flow graph's "the selected packet's conversation", where any pair of addresses does).
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

/** Is row `r` in the conversation of `of` (same stream, else the same two addresses either way)? */
export function inConversationOf(of: Pick<Row, 'source' | 'destination' | 'tcpStream' | 'udpStream'>): (r: Row) => boolean {
  if (of.tcpStream !== undefined) return (r) => r.tcpStream === of.tcpStream;
  if (of.udpStream !== undefined) return (r) => r.udpStream === of.udpStream;
  const pair = [of.source, of.destination].sort().join(' ');
  return (r) => [r.source, r.destination].sort().join(' ') === pair;
}
