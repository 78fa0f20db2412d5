/**
 * The corpus packets whose decode tree is known to differ from tshark 4.0's, as `-T json` and
 * `-T ek` show them (json-corpus.test.ts, ek-corpus.test.ts), each with the reason.
 */
import { PIPELINED_PAIRING } from '../../helpers/vtext-known.js';

/** file → the packets that differ, and why. */
export const KNOWN: Record<string, { packets: number[] | 'all'; why: string }> = {
  'arkime-wireshark-retrans.pcap': { packets: [21, 39, 61, 80], why: 'xml.cdata holds the escaped text (\\r\\n as two characters each), tshark the raw one' },
  'gopacket-pcapng-le-test102.pcapng': { packets: 'all', why: 'tshark writes pcapng blocks that are not packets as frames of their own' },
  'gopacket-pcapng-le-test202.pcapng': { packets: 'all', why: 'tshark writes pcapng blocks that are not packets as frames of their own' },
  'pcpp-DnsPackets.pcap': {
    packets: [418, 419, 420, 421, 422, 423, 424, 425, 426, 427, 428, 429, 430, 431, 432, 433, 434, 435, 436, 437, 438, 463, 464],
    why: "mDNS's OPT payload size with its cache-flush bit: Wireshark registers a second dns.rr.udp_payload_size, ours is named dns.rr.udp_payload_size_mdns",
  },
  'pcpp-one_tcp_stream_fin_rst_close_packet.pcap': { packets: [4, 8], why: 'frame.protocols: a payload TCP hands to no one is data for us, nothing for tshark here' },
  'tcpdump-timestamp_invalid_nano.pcap': { packets: [2, 3], why: 'a nanosecond field of 10^9 or more: tshark prints it as is (and an expert item), we carry it into the seconds' },
  'pcpp-pcapng-example.pcapng': {
    packets: [15, 17, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54],
    why: 'TLS inside MySQL, which Packetloom does not dissect: tshark names MySQL as the application data\'s protocol (tls.app_data_proto)',
  },
  'http-edge.pcap': { packets: [10, 14], why: PIPELINED_PAIRING },
  'syn-flood.pcap': { packets: [201], why: 'our SYN-flood warning (tcp.synflood), which tshark does not have' },
};
