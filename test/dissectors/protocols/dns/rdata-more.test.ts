/**
 * The remaining record types Wireshark 4.0 decodes (dissectors/protocols/dns/rdata-addresses.ts,
 * rdata-pki.ts, rdata-dnssec.ts, rdata-names.ts, rdata-host.ts, rdata-transaction.ts) against
 * tshark's lines: WKS, A6, X25, ISDN, NSAP, NSAP-PTR, PX, GPOS, APL, NID, L32, L64, LP, EUI48, EUI64,
 * CERT, IPSECKEY, DHCID, OPENPGPKEY, HIP, KEY, NXT, DNAME, SPF, CSYNC, ZONEMD, TSIG, TKEY, WINS, WINS-R, XPF; with Info and every
 * truncation. Crafted messages (examples from the types' RFCs where they give one).
 */

import { describe, expect, it } from 'vitest';
import { hexDump } from '../../../helpers/hex.js';
import { answerLines, dns, truncations } from '../../../helpers/dns-message.js';

// WKS (10.0.0.1, TCP, ports 1, 2, 16, 23) and A6 (prefix 64, suffix ::1, prefix name)
const WKS_A6 = hexDump(`
0000  00 01 81 80 00 00 00 02 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 0b 00 01 00 00 01 2c 00 08 0a 00  est........,....
0020  00 01 06 60 00 81 01 68 04 74 65 73 74 00 00 26  .......h.test..&
0030  00 01 00 00 01 2c 00 1b 40 00 00 00 00 00 00 00  .....,..@.......
0040  00 00 00 00 00 00 00 00 01 03 70 66 78 04 74 65  ..........pfx.te
0050  73 74 00                                         st.
`);

// X25 and ISDN with a subaddress (RFC 1183's examples), NSAP (RFC 1706's), NSAP-PTR
const X25_ISDN_NSAP = hexDump(`
0000  00 02 81 80 00 00 00 04 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 13 00 01 00 00 01 2c 00 0d 0c 33  est........,...3
0020  31 31 30 36 31 37 30 30 39 35 36 01 68 04 74 65  11061700956.h.te
0030  73 74 00 00 14 00 01 00 00 01 2c 00 14 0f 31 35  st........,...15
0040  30 38 36 32 30 32 38 30 30 33 32 31 37 03 30 30  0862028003217.00
0050  34 01 68 04 74 65 73 74 00 00 16 00 01 00 00 01  4.h.test........
0060  2c 00 14 47 00 05 80 00 5a 00 00 00 00 01 e1 33  ,..G....Z......3
0070  ff ff ff 00 01 61 00 01 68 04 74 65 73 74 00 00  .....a..h.test..
0080  17 00 01 00 00 01 2c 00 0b 04 6e 73 61 70 04 74  ......,...nsap.t
0090  65 73 74 00                                      est.
`);

// PX (RFC 2163's example) and GPOS (RFC 1712's)
const PX_GPOS = hexDump(`
0000  00 03 81 80 00 00 00 02 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 1a 00 01 00 00 01 2c 00 25 00 0a  est........,.%..
0020  04 6e 65 74 32 02 69 74 00 09 50 52 4d 44 2d 6e  .net2.it..PRMD-n
0030  65 74 32 09 41 44 4d 44 2d 70 34 30 30 04 43 2d  et2.ADMD-p400.C-
0040  69 74 00 01 68 04 74 65 73 74 00 00 1b 00 01 00  it..h.test......
0050  00 01 2c 00 17 08 2d 33 32 2e 36 38 38 32 08 31  ..,...-32.6882.1
0060  31 36 2e 38 36 35 32 04 31 30 2e 30              16.8652.10.0
`);

// APL with an IPv4 /24, a negated IPv6 /64 and an unknown family
const APL = hexDump(`
0000  00 04 81 80 00 00 00 01 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 2a 00 01 00 00 01 2c 00 15 00 01  est..*.....,....
0020  18 03 c0 a8 20 00 02 40 84 20 01 0d b8 00 07 08  .... ..@. ......
0030  02 ab cd                                         ...
`);

// NID, L32, L64, LP (RFC 6742) and EUI48 (RFC 7043)
const ILNP_EUI48 = hexDump(`
0000  00 05 81 80 00 00 00 05 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 68 00 01 00 00 01 2c 00 0a 00 0a  est..h.....,....
0020  00 14 a4 ff fe 5e 7b 1c 01 68 04 74 65 73 74 00  .....^{..h.test.
0030  00 69 00 01 00 00 01 2c 00 06 00 0a 0a 01 02 00  .i.....,........
0040  01 68 04 74 65 73 74 00 00 6a 00 01 00 00 01 2c  .h.test..j.....,
0050  00 0a 00 0a 20 01 db 81 14 11 00 00 01 68 04 74  .... ........h.t
0060  65 73 74 00 00 6b 00 01 00 00 01 2c 00 0c 00 0a  est..k.....,....
0070  03 6c 36 34 04 74 65 73 74 00 01 68 04 74 65 73  .l64.test..h.tes
0080  74 00 00 6c 00 01 00 00 01 2c 00 06 00 00 5e 00  t..l.....,....^.
0090  53 2a                                            S*
`);

// Two EUI64 records (RFC 7043), and one whose data is 3 bytes
const EUI64 = hexDump(`
0000  12 34 81 80 00 01 00 02 00 00 00 00 04 68 6f 73  .4...........hos
0010  74 07 65 78 61 6d 70 6c 65 00 00 6d 00 01 c0 0c  t.example..m....
0020  00 6d 00 01 00 00 01 2c 00 08 02 00 5e 10 00 00  .m.....,....^...
0030  00 01 c0 0c 00 6d 00 01 00 00 01 2c 00 08 ff ff  .....m.....,....
0040  ff ff ff ff ff ff                                ......
`);
const EUI64_SHORT = hexDump(`
0000  12 34 81 80 00 01 00 01 00 00 00 00 04 68 6f 73  .4...........hos
0010  74 07 65 78 61 6d 70 6c 65 00 00 6d 00 01 c0 0c  t.example..m....
0020  00 6d 00 01 00 00 01 2c 00 03 01 02 03           .m.....,.....
`);

// CERT (PKIX), and IPSECKEY with an IPv4, no, a DNS and an IPv6 gateway
const CERT_IPSECKEY = hexDump(`
0000  00 06 81 80 00 00 00 05 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 25 00 01 00 00 01 2c 00 0f 00 01  est..%.....,....
0020  30 39 08 00 01 02 03 04 05 06 07 08 09 01 68 04  09............h.
0030  74 65 73 74 00 00 2d 00 01 00 00 01 2c 00 0f 0a  test..-.....,...
0040  01 02 c0 00 02 26 00 01 02 03 04 05 06 07 01 68  .....&.........h
0050  04 74 65 73 74 00 00 2d 00 01 00 00 01 2c 00 07  .test..-.....,..
0060  0a 00 02 00 01 02 03 01 68 04 74 65 73 74 00 00  ........h.test..
0070  2d 00 01 00 00 01 2c 00 10 0a 03 02 02 67 77 04  -.....,......gw.
0080  74 65 73 74 00 00 01 02 03 01 68 04 74 65 73 74  test......h.test
0090  00 00 2d 00 01 00 00 01 2c 00 17 0a 02 01 20 01  ..-.....,..... .
00a0  0d b8 00 00 00 00 00 00 00 00 00 00 00 26 00 01  .............&..
00b0  02 03                                            ..
`);

// DHCID, OPENPGPKEY and HIP with a rendezvous server
const DHCID_PGP_HIP = hexDump(`
0000  00 07 81 80 00 00 00 03 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 31 00 01 00 00 01 2c 00 06 00 02  est..1.....,....
0020  01 8f 0e 11 01 68 04 74 65 73 74 00 00 3d 00 01  .....h.test..=..
0030  00 00 01 2c 00 28 6d 51 49 4e 42 46 69 74 32 6a  ...,.(mQINBFit2j
0040  73 42 45 41 44 72 62 6c 35 76 6a 56 78 59 65 41  sBEADrbl5vjVxYeA
0050  45 30 67 30 49 44 59 43 42 70 48 69 72 76 01 68  E0g0IDYCBpHirv.h
0060  04 74 65 73 74 00 00 37 00 01 00 00 01 2c 00 14  .test..7.....,..
0070  02 02 00 04 aa bb 01 02 03 04 03 72 76 73 04 74  ...........rvs.t
0080  65 73 74 00                                      est.
`);

// KEY (with a key, and with the no-key flags), DNAME and SPF
const KEY_DNAME_SPF = hexDump(`
0000  00 08 81 80 00 00 00 04 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 19 00 01 00 00 01 2c 00 18 01 00  est........,....
0020  03 05 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d  ................
0030  0e 0f 10 11 12 13 01 68 04 74 65 73 74 00 00 19  .......h.test...
0040  00 01 00 00 01 2c 00 04 c0 00 03 05 01 68 04 74  .....,.......h.t
0050  65 73 74 00 00 27 00 01 00 00 01 2c 00 0d 07 65  est..'.....,...e
0060  78 61 6d 70 6c 65 03 6e 65 74 00 01 68 04 74 65  xample.net..h.te
0070  73 74 00 00 63 00 01 00 00 01 2c 00 13 0b 76 3d  st..c.....,...v=
0080  73 70 66 31 20 2d 61 6c 6c 06 73 65 63 6f 6e 64  spf1 -all.second
`);

// TSIG (hmac-sha256, an 8-byte MAC) and TKEY (server assigned)
const TSIG_TKEY = hexDump(`
0000  00 09 81 80 00 00 00 02 00 00 00 00 03 6b 65 79  .............key
0010  04 74 65 73 74 00 00 fa 00 ff 00 00 00 00 00 25  .test..........%
0020  0b 68 6d 61 63 2d 73 68 61 32 35 36 00 00 00 6a  .hmac-sha256...j
0030  fd 86 c0 01 2c 00 08 00 00 00 00 00 00 00 00 00  ....,...........
0040  09 00 00 00 00 01 6b 04 74 65 73 74 00 00 f9 00  ......k.test....
0050  ff 00 00 00 00 00 1f 0b 68 6d 61 63 2d 73 68 61  ........hmac-sha
0060  32 35 36 00 6a fd 86 c0 6a fd 94 d0 00 01 00 00  256.j...j.......
0070  00 02 01 02 00 00                                ......
`);

// CSYNC (immediate and soaminimum set; types A, NS, SOA, AAAA) and ZONEMD (SIMPLE, SHA-384)
const CSYNC_ZONEMD = hexDump(`
0000  00 0a 81 80 00 00 00 02 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 3e 00 01 00 00 01 2c 00 0b 78 c4  est..>.....,..x.
0020  05 91 00 03 00 03 62 00 80 01 68 04 74 65 73 74  ......b...h.test
0030  00 00 3f 00 01 00 00 01 2c 00 36 78 c4 05 91 01  ..?.....,.6x....
0040  01 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e  ................
0050  0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e  ................
0060  1f 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e  . !"#.%&'()*+,-.
0070  2f                                               /
`);

// WINS with two servers, WINS-R, and XPF for an IPv4 and an IPv6 client
const WINS_XPF = hexDump(`
0000  00 0b 81 80 00 00 00 04 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 ff 01 00 01 00 00 01 2c 00 18 00 00  est........,....
0020  00 01 00 00 00 02 00 00 03 84 00 00 00 02 0a 00  ................
0030  00 05 0a 00 00 06 01 68 04 74 65 73 74 00 ff 02  .......h.test...
0040  00 01 00 00 01 2c 00 17 00 00 00 00 00 00 00 02  .....,..........
0050  00 00 03 84 04 77 69 6e 73 04 74 65 73 74 00 01  .....wins.test..
0060  68 04 74 65 73 74 00 ff 8e 00 01 00 00 01 2c 00  h.test........,.
0070  0e 04 11 c0 00 02 01 c6 33 64 02 14 e9 00 35 01  ........3d....5.
0080  68 04 74 65 73 74 00 ff 8e 00 01 00 00 01 2c 00  h.test........,.
0090  26 06 06 20 01 0d b8 00 00 00 00 00 00 00 00 00  &.. ............
00a0  00 00 01 20 01 0d b8 00 00 00 00 00 00 00 00 00  ... ............
00b0  00 00 02 9c 40 00 35                             ....@.5
`);

// NXT with a plain type bitmap (A, MX, AAAA), and one without a bitmap
const NXT = hexDump(`
0000  00 0c 81 80 00 00 00 02 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 1e 00 01 00 00 01 2c 00 0f 04 6e  est........,...n
0020  65 78 74 04 74 65 73 74 00 40 01 00 08 01 68 04  ext.test.@....h.
0030  74 65 73 74 00 00 1e 00 01 00 00 01 2c 00 09 02  test........,...
0040  6e 32 04 74 65 73 74 00                          n2.test.
`);

describe('DNS: the remaining record types Wireshark 4.0 decodes', () => {
  it('WKS and A6', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(WKS_A6);
    expect(got.lines).toEqual([
      'h.test: type WKS, class IN, addr 10.0.0.1',
      'Name: h.test',
      'Type: WKS (Well Known Service) (11)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 8',
      'Address: 10.0.0.1',
      'Protocol: TCP (6)',
      'Bits: 0x60 (1, 2)',
      'Bits: 0x81 (16, 23)',
      'h.test: type A6, class IN, addr 64 :: <Root>',
      'Name: h.test',
      'Type: A6 (OBSOLETE - use AAAA) (38)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 27',
      'Prefix len: 64',
      'Address Suffix: ::',
      'Prefix name: <Root>',
    ]);
    expect(got.error).toBe(null);
    expect(dns(WKS_A6).pinfo.info).toBe('Standard query response 0x0001 WKS 10.0.0.1 A6 64 :: <Root>');
    truncations(WKS_A6);
  });
  it('X25, ISDN, NSAP, NSAP-PTR', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(X25_ISDN_NSAP);
    expect(got.lines).toEqual([
      'h.test: type X25, class IN',
      'Name: h.test',
      'Type: X25 (XX.25 PSDN address) (19)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 13',
      'Length: 12',
      'PSDN-Address: 311061700956',
      'h.test: type ISDN, class IN',
      'Name: h.test',
      'Type: ISDN (ISDN address) (20)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 20',
      'Length: 15',
      'ISDN Address: 150862028003217',
      'Length: 3',
      'Sub Address: 004',
      'h.test: type NSAP, class IN',
      'Name: h.test',
      'Type: NSAP (NSAP address) (22)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 20',
      'NSAP Data: 47000580005a0000000001e133ffffff00016100',
      'h.test: type NSAP-PTR, class IN',
      'Name: h.test',
      'Type: NSAP-PTR (NSAP domain name pointer) (23)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 11',
      'Owner: nsap.test',
    ]);
    expect(got.error).toBe(null);
    expect(dns(X25_ISDN_NSAP).pinfo.info).toBe('Standard query response 0x0002 X25 h.test ISDN h.test NSAP h.test NSAP-PTR h.test');
    truncations(X25_ISDN_NSAP);
  });
  it('PX and GPOS', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(PX_GPOS);
    expect(got.lines).toEqual([
      'h.test: type PX, class IN',
      'Name: h.test',
      'Type: PX (X.400 mail mapping information) (26)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 37',
      'Preference: 10',
      'MAP822: net2.it',
      'MAPX400: PRMD-net2.ADMD-p400.C-it',
      'h.test: type GPOS, class IN',
      'Name: h.test',
      'Type: GPOS (Geographical Position) (27)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 23',
      'Longitude length: 8',
      'Longitude: -32.6882',
      'Latitude length: 8',
      'Latitude: 116.8652',
      'Altitude length: 4',
      'Altitude: 10.0',
    ]);
    expect(got.error).toBe(null);
    expect(dns(PX_GPOS).pinfo.info).toBe('Standard query response 0x0003 PX h.test GPOS h.test');
    truncations(PX_GPOS);
  });
  it('APL: families, negation, address parts', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(APL);
    expect(got.lines).toEqual([
      'h.test: type APL, class IN',
      'Name: h.test',
      'Type: APL (42)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 21',
      'Address Family: IPv4 (1)',
      'Prefix Length: 24',
      '0... .... = Negation Flag: No (0)',
      '.000 0011 = Address Length: 3',
      'Address: 192.168.32.0',
      'Address Family: IPv6 (2)',
      'Prefix Length: 64',
      '1... .... = Negation Flag: Yes (!)',
      '.000 0100 = Address Length: 4',
      'Address: 2001:db8::',
      'Address Family: Unknown (7)',
      'Prefix Length: 8',
      '0... .... = Negation Flag: No (0)',
      '.000 0010 = Address Length: 2',
      'Address: abcd',
    ]);
    expect(got.error).toBe(null);
    expect(dns(APL).f(['dns.apl.address_family', 'dns.apl.coded_prefix', 'dns.apl.negation', 'dns.apl.afdpart.ipv4', 'dns.apl.afdpart.ipv6', 'dns.apl.afdpart.data'])).toEqual({
      'dns.apl.address_family': '1,2,7',
      'dns.apl.coded_prefix': '24,64,8',
      'dns.apl.negation': '0,1,0',
      'dns.apl.afdpart.ipv4': '192.168.32.0',
      'dns.apl.afdpart.ipv6': '2001:db8::',
      'dns.apl.afdpart.data': 'abcd',
    });
    truncations(APL);
  });
  it('EUI64 (an FT_EUI64 field: shown with its resolved form, the address again when names are off)', () => {
    // tshark 4.0's -V lines for this message's answers.
    expect(answerLines(EUI64).lines).toEqual([
      'host.example: type EUI64, class IN',
      'Name: host.example',
      'Type: EUI64 (109)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 8',
      'EUI64 Address: 02:00:5e:10:00:00:00:01 (02:00:5e:10:00:00:00:01)',
      'host.example: type EUI64, class IN',
      'Name: host.example',
      'Type: EUI64 (109)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 8',
      'EUI64 Address: ff:ff:ff:ff:ff:ff:ff:ff (ff:ff:ff:ff:ff:ff:ff:ff)',
    ]);
    expect(dns(EUI64).f(['dns.eui64'])).toEqual({ 'dns.eui64': '02:00:5e:10:00:00:00:01,ff:ff:ff:ff:ff:ff:ff:ff' });
    // Data shorter than an EUI-64: tshark's [Malformed Packet] after the data length.
    const short = answerLines(EUI64_SHORT);
    expect(short.lines.slice(-1)).toEqual(['Data length: 3']);
    expect(short.error).not.toBeNull();
    truncations(EUI64);
  });

  it('ILNP records and EUI48', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(ILNP_EUI48);
    expect(got.lines).toEqual([
      'h.test: type NID, class IN',
      'Name: h.test',
      'Type: NID (NodeID) (104)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 10',
      'Preference: 10',
      'NodeID: 0014a4fffe5e7b1c',
      'h.test: type L32, class IN',
      'Name: h.test',
      'Type: L32 (Locator32) (105)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 6',
      'Preference: 10',
      'Locator32: 10.1.2.0',
      'h.test: type L64, class IN',
      'Name: h.test',
      'Type: L64 (Locator64) (106)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 10',
      'Preference: 10',
      'Locator64: 2001db8114110000',
      'h.test: type LP, class IN',
      'Name: h.test',
      'Type: LP (Locator FQDN) (107)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 12',
      'Preference: 10',
      'Locator FQDN: l64.test',
      'h.test: type EUI48, class IN',
      'Name: h.test',
      'Type: EUI48 (108)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 6',
      'EUI48 Address: 00:00:5e:00:53:2a',
    ]);
    expect(got.error).toBe(null);
    expect(dns(ILNP_EUI48).f(['dns.ilnp.nid', 'dns.ilnp.l32', 'dns.ilnp.l64', 'dns.ilnp.lp', 'dns.eui48'])).toEqual({
      'dns.ilnp.nid': '0014a4fffe5e7b1c',
      'dns.ilnp.l32': '10.1.2.0',
      'dns.ilnp.l64': '2001db8114110000',
      'dns.ilnp.lp': 'l64.test',
      'dns.eui48': '00:00:5e:00:53:2a',
    });
    truncations(ILNP_EUI48);
  });
  it('CERT and IPSECKEY\'s four gateway types', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(CERT_IPSECKEY);
    expect(got.lines).toEqual([
      'h.test: type CERT, class IN',
      'Name: h.test',
      'Type: CERT (37)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 15',
      'Type: PKIX (1)',
      'Key Tag: 0x3039',
      'Algorithm: RSA/SHA-256 (8)',
      'Certificate (or CRL): 00010203040506070809',
      'h.test: type IPSECKEY, class IN',
      'Name: h.test',
      'Type: IPSECKEY (45)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 15',
      'Gateway Precedence: 10',
      'Gateway Type: IPv4 Gateway (1)',
      'Gateway Algorithm: RSA (2)',
      'IPv4 Gateway: 192.0.2.38',
      'Public Key: 0001020304050607',
      'h.test: type IPSECKEY, class IN',
      'Name: h.test',
      'Type: IPSECKEY (45)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 7',
      'Gateway Precedence: 10',
      'Gateway Type: No Gateway (0)',
      'Gateway Algorithm: RSA (2)',
      'Public Key: 00010203',
      'h.test: type IPSECKEY, class IN',
      'Name: h.test',
      'Type: IPSECKEY (45)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 16',
      'Gateway Precedence: 10',
      'Gateway Type: DNS Gateway (3)',
      'Gateway Algorithm: RSA (2)',
      'DNS Gateway: gw.test',
      'Public Key: 00010203',
      'h.test: type IPSECKEY, class IN',
      'Name: h.test',
      'Type: IPSECKEY (45)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 23',
      'Gateway Precedence: 10',
      'Gateway Type: IPv6 Gateway (2)',
      'Gateway Algorithm: DSA (1)',
      'IPv6 Gateway: 2001:db8::26',
      'Public Key: 00010203',
    ]);
    expect(got.error).toBe(null);
    expect(dns(CERT_IPSECKEY).f(['dns.cert.type', 'dns.cert.key_tag', 'dns.ipseckey.gateway_type', 'dns.ipseckey.gateway_ipv4', 'dns.ipseckey.gateway_dns', 'dns.ipseckey.gateway_ipv6'])).toEqual({
      'dns.cert.type': '1',
      'dns.cert.key_tag': '0x3039',
      'dns.ipseckey.gateway_type': '1,0,3,2',
      'dns.ipseckey.gateway_ipv4': '192.0.2.38',
      'dns.ipseckey.gateway_dns': 'gw.test',
      'dns.ipseckey.gateway_ipv6': '2001:db8::26',
    });
    truncations(CERT_IPSECKEY);
  });
  it('DHCID, OPENPGPKEY, HIP', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(DHCID_PGP_HIP);
    expect(got.lines).toEqual([
      'h.test: type DHCID, class IN',
      'Name: h.test',
      'Type: DHCID (49)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 6',
      'DHCID Data: 0002018f0e11',
      'h.test: type OPENPGPKEY, class IN',
      'Name: h.test',
      'Type: OPENPGPKEY (OpenPGP Key) (61)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 40',
      'OpenPGP Key: mQINBFit2jsBEADrbl5vjVxYeAE0g0IDYCBpHirv',
      'h.test: type HIP, class IN',
      'Name: h.test',
      'Type: HIP (Host Identity Protocol) (55)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 20',
      'HIT length: 2',
      'HIT length: RSA (2)',
      'PK length: 4',
      'Host Identity Tag: aabb',
      'HIP Public Key: 01020304',
      'Rendezvous Server: rvs.test',
    ]);
    expect(got.error).toBe(null);
    expect(dns(DHCID_PGP_HIP).pinfo.info).toBe('Standard query response 0x0007 DHCID h.test OPENPGPKEY HIP h.test');
    truncations(DHCID_PGP_HIP);
  });
  it('KEY, DNAME, SPF', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(KEY_DNAME_SPF);
    expect(got.lines).toEqual([
      'h.test: type KEY, class IN',
      'Name: h.test',
      'Type: KEY (security key) (25)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 24',
      'Flags: 0x0100',
      '0... .... .... .... = Key allowed for authentication: Allowed',
      '.0.. .... .... .... = Key allowed for confidentiality: Allowed',
      '..0. .... .... .... = Key required: Required',
      '.... .0.. .... .... = Key is associated with a user: No',
      '.... ..0. .... .... = Key is associated with the named entity: No',
      '.... .... 0... .... = Key use with IPSEC: Invalid',
      '.... .... .0.. .... = Key use with MIME security multiparts: Invalid',
      '.... .... .... 0000 = Signatory: 0',
      'Protocol: 3',
      'Algorithm: RSA/SHA1 (5)',
      '[Key ID: 24169]',
      'Public Key: 000102030405060708090a0b0c0d0e0f10111213',
      'h.test: type KEY, class IN',
      'Name: h.test',
      'Type: KEY (security key) (25)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 4',
      'Flags: 0xc000',
      '1... .... .... .... = Key allowed for authentication: Not Allowed',
      '.1.. .... .... .... = Key allowed for confidentiality: Not Allowed',
      'Protocol: 3',
      'Algorithm: RSA/SHA1 (5)',
      '[Key ID: 49925]',
      'h.test: type DNAME, class IN, dname example.net',
      'Name: h.test',
      'Type: DNAME (39)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 13',
      'Dname: example.net',
      'h.test: type SPF, class IN',
      'Name: h.test',
      'Type: SPF (99)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 19',
      'SPF Length: 11',
      'SPF: v=spf1 -all',
      'SPF Length: 6',
      'SPF: second',
    ]);
    expect(got.error).toBe(null);
    expect(dns(KEY_DNAME_SPF).pinfo.info).toBe('Standard query response 0x0008 KEY KEY DNAME example.net SPF');
    truncations(KEY_DNAME_SPF);
  });
  it('TSIG and TKEY', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(TSIG_TKEY);
    expect(got.lines).toEqual([
      'key.test: type TSIG, class ANY',
      'Name: key.test',
      'Type: TSIG (Transaction Signature) (250)',
      'Class: ANY (0x00ff)',
      'Time to live: 0 (0 seconds)',
      'Data length: 37',
      'Algorithm Name: hmac-sha256',
      'Time Signed: Nov 18, 2026 11:06:40.000000000 UTC',
      'Fudge: 300',
      'MAC Size: 8',
      'MAC',
      '[Expert Info (Warning/Undecoded): No dissector for algorithm:hmac-sha256]',
      '[No dissector for algorithm:hmac-sha256]',
      '[Severity level: Warning]',
      '[Group: Undecoded]',
      'Original Id: 9',
      'Error: No error (0)',
      'Other Len: 0',
      'k.test: type TKEY, class ANY',
      'Name: k.test',
      'Type: TKEY (Transaction Key) (249)',
      'Class: ANY (0x00ff)',
      'Time to live: 0 (0 seconds)',
      'Data length: 31',
      'Algorithm name: hmac-sha256',
      'Signature Inception: Nov 18, 2026 11:06:40.000000000 UTC',
      'Signature Expiration: Nov 18, 2026 12:06:40.000000000 UTC',
      'Mode: Server assigned (1)',
      'Error: No error (0)',
      'Key Size: 2',
      'Key Data: 0102',
      'Other Size: 0',
    ]);
    expect(got.error).toBe(null);
    expect(dns(TSIG_TKEY).f(['dns.tsig.algorithm_name', 'dns.tsig.time_signed', 'dns.tsig.mac_size', 'dns.tkey.mode', 'dns.tkey.key_data'])).toEqual({
      'dns.tsig.algorithm_name': 'hmac-sha256',
      'dns.tsig.time_signed': 'Nov 18, 2026 11:06:40.000000000 UTC',
      'dns.tsig.mac_size': '8',
      'dns.tkey.mode': '1',
      'dns.tkey.key_data': '0102',
    });
    truncations(TSIG_TKEY);
  });
  it('CSYNC and ZONEMD', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(CSYNC_ZONEMD);
    expect(got.lines).toEqual([
      'h.test: type CSYNC, class IN',
      'Name: h.test',
      'Type: CSYNC (Child-to-Parent Synchronization) (62)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 11',
      'SOA: 2026112401',
      'Flags: 0x0003',
      '.... .... .... ...1 = immediate: True',
      '.... .... .... ..1. = soaminimum: True',
      'Type Bitmap: 0003620080',
      'RR type in bit map: A (Host Address)',
      'RR type in bit map: NS (authoritative Name Server)',
      'RR type in bit map: SOA (Start Of a zone of Authority)',
      'RR type in bit map: TXT (Text strings)',
      'h.test: type ZONEMD, class IN',
      'Name: h.test',
      'Type: ZONEMD (63)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 54',
      'Serial: 2026112401',
      'Scheme: SIMPLE (1)',
      'Hash Algorithm: SHA-384 (1)',
      'Digest: 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223…',
    ]);
    expect(got.error).toBe(null);
    expect(dns(CSYNC_ZONEMD).f(['dns.csync.flags.immediate', 'dns.csync.flags.soaminimum', 'dns.resp.type', 'dns.zonemd.scheme', 'dns.zonemd.hash_algo'])).toEqual({
      'dns.csync.flags.immediate': '1',
      'dns.csync.flags.soaminimum': '1',
      'dns.resp.type': '62,1,2,6,16,63',
      'dns.zonemd.scheme': '1',
      'dns.zonemd.hash_algo': '1',
    });
    truncations(CSYNC_ZONEMD);
  });
  it('WINS, WINS-R and XPF', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(WINS_XPF);
    expect(got.lines).toEqual([
      'h.test: type WINS, class IN',
      'Name: h.test',
      'Type: WINS (65281)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 24',
      '.... .... .... .... .... .... .... ...1 = Local Flag: True',
      'Lookup timeout: 2',
      'Cache timeout: 900',
      'Number of WINS servers: 2',
      'WINS Server Address: 10.0.0.5',
      'WINS Server Address: 10.0.0.6',
      'h.test: type WINS-R, class IN, name result domain wins.test',
      'Name: h.test',
      'Type: WINS-R (65282)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 23',
      '.... .... .... .... .... .... .... ...0 = Local Flag: False',
      'Lookup timeout: 2',
      'Cache timeout: 900',
      'Name Result Domain: wins.test',
      'h.test: type XPF, class IN',
      'Name: h.test',
      'Type: XPF (65422)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 14',
      'IP Version: IPv4 (4)',
      'Protocol: UDP (17)',
      'IPv4 Source: 192.0.2.1',
      'IPv4 Destination: 198.51.100.2',
      'Source port: 5353',
      'Destination port: 53',
      'h.test: type XPF, class IN',
      'Name: h.test',
      'Type: XPF (65422)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 38',
      'IP Version: IPv6 (6)',
      'Protocol: TCP (6)',
      'IPv6 Source: 2001:db8::1',
      'IPv6 Destination: 2001:db8::2',
      'Source port: 40000',
      'Destination port: 53',
    ]);
    expect(got.error).toBe(null);
    expect(dns(WINS_XPF).f(['dns.wins.wins_server', 'dns.winsr.name_result_domain', 'dns.xpf.ip_version', 'dns.xpf.source_ipv4', 'dns.xpf.destination_ipv6', 'dns.xpf.dport'])).toEqual({
      'dns.wins.wins_server': '10.0.0.5,10.0.0.6',
      'dns.winsr.name_result_domain': 'wins.test',
      'dns.xpf.ip_version': '4,6',
      'dns.xpf.source_ipv4': '192.0.2.1',
      'dns.xpf.destination_ipv6': '2001:db8::2',
      'dns.xpf.dport': '53,53',
    });
    expect(dns(WINS_XPF).pinfo.info).toBe('Standard query response 0x000b WINS WINS-R wins.test XPF XPF');
    truncations(WINS_XPF);
  });
  it('NXT: next name in Info and label, plain bitmap', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(NXT);
    expect(got.lines).toEqual([
      'h.test: type NXT, class IN, next domain name next.test',
      'Name: h.test',
      'Type: NXT (Next Domain) (30)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 15',
      'Next Domain Name: next.test',
      'RR type in bit map: A (Host Address)',
      'RR type in bit map: MX (Mail eXchange)',
      'RR type in bit map: AAAA (IPv6 Address)',
      'h.test: type NXT, class IN, next domain name n2.test',
      'Name: h.test',
      'Type: NXT (Next Domain) (30)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 9',
      'Next Domain Name: n2.test',
    ]);
    expect(got.error).toBe(null);
    expect(dns(NXT).f(['dns.nxt.next_domain_name', 'dns.resp.type'])).toEqual({
      'dns.nxt.next_domain_name': 'next.test,n2.test',
      'dns.resp.type': '30,1,15,28,30',
    });
    expect(dns(NXT).pinfo.info).toBe('Standard query response 0x000c NXT next.test NXT n2.test');
    truncations(NXT);
  });
});
