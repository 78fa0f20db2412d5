/*
 * Lightweight User Datagram Protocol (UDP-Lite, RFC 3828; IP protocol 136), as Wireshark 4.0's
 * packet-udp.c shows it: UDP's dissector (udp.ts), with the checksum coverage in place of the
 * length.
 *
 *    0              15 16             31
 *   +--------+--------+--------+--------+
 *   |   Source Port   |   Destination   |
 *   |                 |      Port       |
 *   +--------+--------+--------+--------+
 *   |    Checksum     |    Checksum     |
 *   |    Coverage     |                 |
 *   +--------+--------+--------+--------+
 *   |          data octets ...
 *
 * The coverage counts the header: 0 means the whole datagram, 1 to 7 and more than the IP payload
 * are bad ("Bad checksum coverage length value", which Wireshark notes and goes on past). The
 * datagram's length (`udp.length`, generated) is the IP payload's. Ports, `udp.stream` and the
 * port tables are UDP's: a UDP-Lite datagram joins the UDP conversation of its addresses and ports.
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol } from '../core/fields.js';
import { dissectUdp, type UdpLite } from './udp.js';

export const proto = defineProtocol('udplite', 'Lightweight User Datagram Protocol', 'UDP-Lite', 'transport');

const LITE: UdpLite = {
  proto,
  // Names as Wireshark registers them: the field is UDP-Lite's under a udp name, the expert UDP's.
  coverage: defineField('udp.checksum_coverage', 'Checksum coverage', 'uint16', { proto: 'udplite' }),
  coverageBad: defineExpert('udplite.checksum_coverage.bad', 'malformed', 'error', 'Bad checksum coverage length value', { proto: 'udp' }),
};

export const udplite: ProtocolSpec = {
  proto,
  bind: [['ip.proto', 136]],
  dissect(tvb, pinfo, tree) {
    dissectUdp(tvb, pinfo, tree, LITE);
  },
};
