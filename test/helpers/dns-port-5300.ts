/**
 * DNS on port 5300, the packets of fixtures/own/decode-as.pcap that the Decode As, Enabled
 * Protocols and DNS-heuristic tests dissect: written out once, under their hex dumps.
 */
import { hexDump } from './hex.js';

/** Frame 1: a DNS query over UDP, 40055 → 5300 (claimed by the DNS-over-UDP heuristic, dns_udp). */
export const UDP_QUERY_5300 = hexDump(`
0000  02 00 00 99 00 02 02 00 00 99 00 01 08 00 45 00   ..............E.
0010  00 41 5b 19 40 00 40 11 ca ca 0a 63 00 01 0a 63   .A[.@.@....c...c
0020  00 02 9c 77 14 b4 00 2d 6b bc 40 01 01 00 00 01   ...w...-k.@.....
0030  00 00 00 00 00 00 03 77 77 77 0a 70 61 63 6b 65   .......www.packe
0040  74 6c 6f 6f 6d 04 74 65 73 74 00 00 01 00 01      tloom.test.....
`);

/** Frame 10: three DNS-over-TCP queries in one segment, 40155 → 5300 (data without Decode As tcp.port==5300,dns). */
export const TCP_QUERIES_5300 = hexDump(`
0000  02 00 00 99 00 02 02 00 00 99 00 01 08 00 45 00   ..............E.
0010  00 a4 3a 76 40 00 40 06 eb 15 0a 63 00 01 0a 63   ..:v@.@....c...c
0020  00 02 9c db 14 b4 fa de 4e a2 e6 09 9a 41 80 18   ........N....A..
0030  00 3f 0b 82 00 00 01 01 08 0a e7 d1 24 c1 b7 32   .?..........$..2
0040  85 6a 00 25 41 01 01 00 00 01 00 00 00 00 00 00   .j.%A...........
0050  03 77 77 77 0a 70 61 63 6b 65 74 6c 6f 6f 6d 04   .www.packetloom.
0060  74 65 73 74 00 00 01 00 01 00 21 41 02 01 00 00   test......!A....
0070  01 00 00 00 00 00 00 0a 70 61 63 6b 65 74 6c 6f   ........packetlo
0080  6f 6d 04 74 65 73 74 00 00 10 00 01 00 24 41 03   om.test......$A.
0090  01 00 00 01 00 00 00 00 00 00 02 6e 73 0a 70 61   ...........ns.pa
00a0  63 6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00 00 1c   cketloom.test...
00b0  00 01                                             ..
`);
