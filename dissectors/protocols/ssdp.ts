/**
 * SSDP, the Simple Service Discovery Protocol (UDP 1900): how UPnP devices on a LAN announce
 * themselves (`NOTIFY * HTTP/1.1`, ssdp:alive / ssdp:byebye to 239.255.255.250) and how a host
 * looks for them (`M-SEARCH * HTTP/1.1`, answered by unicast `HTTP/1.1 200 OK`).
 *
 * An SSDP message is an HTTP message in a datagram: as in Wireshark 4.0 (dissect_ssdp), the HTTP
 * dissector shows it, under an SSDP protocol item and with SSDP in the Protocol column; its fields
 * are HTTP's (`http.request.method`, `http.request_number` …). One message per datagram, numbered
 * and paired within its UDP conversation. A datagram that is not HTTP leaves no SSDP layer.
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';
import { udpStreamOf } from '../udp/conversations.js';
import { dissectHttpDatagram } from './http.js';
import { proto as udpProto } from './udp.js';

const proto = defineProtocol('ssdp', 'Simple Service Discovery Protocol', 'SSDP', 'application');

export const ssdp: ProtocolSpec = {
  proto,
  bind: [['udp.port', 1900]],
  dissect(tvb, pinfo, tree) {
    const stream = udpStreamOf(pinfo, udpProto, pinfo.srcPort, pinfo.dstPort);
    return dissectHttpDatagram(tvb, pinfo, tree, proto, 'SSDP', stream) ? tvb.reportedLength : 0;
  },
};
