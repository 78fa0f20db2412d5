/**
 * EDNS(0) options (dissectors/protocols/dns/edns-options.ts) against tshark 4.0's lines: NSID,
 * COOKIE, Client Subnet (IPv4, IPv6, another family, the experimental code, an address too long),
 * PADDING, TCP Keepalive, Extended DNS Error, DAU/DHU/N3U, CHAIN, EXPIRE; and every truncation.
 * Crafted queries and responses.
 */

import { describe, expect, it } from 'vitest';
import { hexDump } from '../../../helpers/hex.js';
import { answerLines, dns, truncations } from '../../../helpers/dns-message.js';

// an empty NSID request (as dig +nsid sends) and a client cookie alone
const NSID_COOKIE = hexDump(`
0000  00 01 01 00 00 01 00 00 00 00 00 01 04 74 65 73  .............tes
0010  74 00 00 01 00 01 00 00 29 04 d0 00 00 00 00 00  t.......).......
0020  10 00 03 00 00 00 0a 00 08 00 01 02 03 04 05 06  ................
0030  07                                               .
`);

// Client Subnet for 192.0.2.0/24, 2001:db8:0:ab00::/56 and an unknown family
const CLIENT_SUBNET = hexDump(`
0000  00 02 01 00 00 01 00 00 00 00 00 01 04 74 65 73  .............tes
0010  74 00 00 01 00 01 00 00 29 04 d0 00 00 00 00 00  t.......).......
0020  23 00 08 00 07 00 01 18 00 c0 00 02 00 08 00 0b  #...............
0030  00 02 38 00 20 01 0d b8 00 00 ab 00 08 00 05 00  ..8. ...........
0040  05 08 00 01                                      ....
`);

// 20 bytes of padding, a TCP Keepalive without and with a timeout
const PADDING_KEEPALIVE = hexDump(`
0000  00 03 01 00 00 01 00 00 00 00 00 01 04 74 65 73  .............tes
0010  74 00 00 01 00 01 00 00 29 04 d0 00 00 00 00 00  t.......).......
0020  22 00 0c 00 14 00 00 00 00 00 00 00 00 00 00 00  "...............
0030  00 00 00 00 00 00 00 00 00 00 0b 00 00 00 0b 00  ................
0040  02 02 58                                         ..X
`);

// a REFUSED response with Extended DNS Errors: Prohibited with extra text, DNSSEC Bogus, an unassigned code
const EXT_ERROR = hexDump(`
0000  00 04 81 82 00 01 00 00 00 00 00 01 04 74 65 73  .............tes
0010  74 00 00 01 00 01 00 00 29 04 d0 00 00 00 00 00  t.......).......
0020  29 00 0f 00 13 00 12 62 6c 6f 63 6b 65 64 20 62  )......blocked b
0030  79 20 70 6f 6c 69 63 79 00 0f 00 02 00 06 00 0f  y policy........
0040  00 02 00 28 00 0f 00 02 00 13                    ...(......
`);

// DAU, DHU and N3U lists and a CHAIN option
const DAU_CHAIN = hexDump(`
0000  00 05 01 00 00 01 00 00 00 00 00 01 04 74 65 73  .............tes
0010  74 00 00 01 00 01 00 00 29 04 d0 00 00 00 00 00  t.......).......
0020  1f 00 05 00 03 08 0d 0f 00 06 00 02 01 02 00 07  ................
0030  00 01 01 00 0d 00 09 07 65 78 61 6d 70 6c 65 00  ........example.
`);

// the experimental Client Subnet code (deprecated), a client and server cookie, EDNS EXPIRE
const EXP_SUBNET_COOKIES = hexDump(`
0000  00 06 01 00 00 01 00 00 00 00 00 01 04 74 65 73  .............tes
0010  74 00 00 01 00 01 00 00 29 04 d0 00 00 00 00 00  t.......).......
0020  2c 50 fa 00 08 00 01 20 00 0a 01 02 03 00 0a 00  ,P..... ........
0030  18 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e  ................
0040  0f 10 11 12 13 14 15 16 17 00 09 00 00           .............
`);

// a Client Subnet whose address part is 20 bytes
const SUBNET_TOO_LONG = hexDump(`
0000  00 07 01 00 00 01 00 00 00 00 00 01 04 74 65 73  .............tes
0010  74 00 00 01 00 01 00 00 29 04 d0 00 00 00 00 00  t.......).......
0020  1c 00 08 00 18 00 01 18 00 00 00 00 00 00 00 00  ................
0030  00 00 00 00 00 00 00 00 00 00 00 00 00           .............
`);

describe('DNS EDNS(0) options', () => {
  it('NSID (empty data) and a client cookie', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(NSID_COOKIE, 'Additional records');
    expect(got.lines).toEqual([
      '<Root>: type OPT',
      'Name: <Root>',
      'Type: OPT (41)',
      'UDP payload size: 1232',
      'Higher bits in extended RCODE: 0x00',
      'EDNS0 version: 0',
      'Z: 0x0000',
      '0... .... .... .... = DO bit: Cannot handle DNSSEC security RRs',
      '.000 0000 0000 0000 = Reserved: 0x0000',
      'Data length: 16',
      'Option: NSID - Name Server Identifier',
      'Option Code: NSID - Name Server Identifier (3)',
      'Option Length: 0',
      'Option Data: <MISSING>',
      'Option: COOKIE',
      'Option Code: COOKIE (10)',
      'Option Length: 8',
      'Option Data: 0001020304050607',
      'Client Cookie: 0001020304050607',
      'Server Cookie: <MISSING>',
    ]);
    expect(got.error).toBe(null);
    expect(dns(NSID_COOKIE).f(['dns.opt.code', 'dns.opt.len', 'dns.opt.cookie.client'])).toEqual({
      'dns.opt.code': '3,10',
      'dns.opt.len': '0,8',
      'dns.opt.cookie.client': '0001020304050607',
    });
    truncations(NSID_COOKIE);
  });
  it('Client Subnet: the address from its leading bytes', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(CLIENT_SUBNET, 'Additional records');
    expect(got.lines).toEqual([
      '<Root>: type OPT',
      'Name: <Root>',
      'Type: OPT (41)',
      'UDP payload size: 1232',
      'Higher bits in extended RCODE: 0x00',
      'EDNS0 version: 0',
      'Z: 0x0000',
      '0... .... .... .... = DO bit: Cannot handle DNSSEC security RRs',
      '.000 0000 0000 0000 = Reserved: 0x0000',
      'Data length: 35',
      'Option: CSUBNET - Client subnet',
      'Option Code: CSUBNET - Client subnet (8)',
      'Option Length: 7',
      'Option Data: 00011800c00002',
      'Family: IPv4 (1)',
      'Source Netmask: 24',
      'Scope Netmask: 0',
      'Client Subnet: 192.0.2.0',
      'Option: CSUBNET - Client subnet',
      'Option Code: CSUBNET - Client subnet (8)',
      'Option Length: 11',
      'Option Data: 0002380020010db80000ab',
      'Family: IPv6 (2)',
      'Source Netmask: 56',
      'Scope Netmask: 0',
      'Client Subnet: 2001:db8:0:ab00::',
      'Option: CSUBNET - Client subnet',
      'Option Code: CSUBNET - Client subnet (8)',
      'Option Length: 5',
      'Option Data: 0005080001',
      'Family: Unknown (5)',
      'Source Netmask: 8',
      'Scope Netmask: 0',
      'Client Subnet: 01',
    ]);
    expect(got.error).toBe(null);
    expect(dns(CLIENT_SUBNET).f(['dns.opt.client.family', 'dns.opt.client.netmask', 'dns.opt.client.addr4', 'dns.opt.client.addr6', 'dns.opt.client.addr'])).toEqual({
      'dns.opt.client.family': '1,2,5',
      'dns.opt.client.netmask': '24,56,8',
      'dns.opt.client.addr4': '192.0.2.0',
      'dns.opt.client.addr6': '2001:db8:0:ab00::',
      'dns.opt.client.addr': '01',
    });
    truncations(CLIENT_SUBNET);
  });
  it('PADDING and TCP Keepalive', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(PADDING_KEEPALIVE, 'Additional records');
    expect(got.lines).toEqual([
      '<Root>: type OPT',
      'Name: <Root>',
      'Type: OPT (41)',
      'UDP payload size: 1232',
      'Higher bits in extended RCODE: 0x00',
      'EDNS0 version: 0',
      'Z: 0x0000',
      '0... .... .... .... = DO bit: Cannot handle DNSSEC security RRs',
      '.000 0000 0000 0000 = Reserved: 0x0000',
      'Data length: 34',
      'Option: PADDING',
      'Option Code: PADDING (12)',
      'Option Length: 20',
      'Option Data: 0000000000000000000000000000000000000000',
      'Padding: 0000000000000000000000000000000000000000',
      'Option: EDNS TCP Keepalive',
      'Option Code: EDNS TCP Keepalive (11)',
      'Option Length: 0',
      'Option Data: <MISSING>',
      'Option: EDNS TCP Keepalive',
      'Option Code: EDNS TCP Keepalive (11)',
      'Option Length: 2',
      'Option Data: 0258',
      'Timeout: 600',
    ]);
    expect(got.error).toBe(null);
    expect(dns(PADDING_KEEPALIVE).f(['dns.opt.padding', 'dns.opt.edns_tcp_keepalive.timeout'])).toEqual({
      'dns.opt.padding': '0000000000000000000000000000000000000000',
      'dns.opt.edns_tcp_keepalive.timeout': '600',
    });
    truncations(PADDING_KEEPALIVE);
  });
  it('Extended DNS Error: info codes by name, extra text', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(EXT_ERROR, 'Additional records');
    expect(got.lines).toEqual([
      '<Root>: type OPT',
      'Name: <Root>',
      'Type: OPT (41)',
      'UDP payload size: 1232',
      'Higher bits in extended RCODE: 0x00',
      'EDNS0 version: 0',
      'Z: 0x0000',
      '0... .... .... .... = DO bit: Cannot handle DNSSEC security RRs',
      '.000 0000 0000 0000 = Reserved: 0x0000',
      'Data length: 41',
      'Option: Extended DNS Error',
      'Option Code: Extended DNS Error (15)',
      'Option Length: 19',
      'Option Data: 0012626c6f636b656420627920706f6c696379',
      'Info Code: Prohibited (18)',
      'Extra Text: blocked by policy',
      'Option: Extended DNS Error',
      'Option Code: Extended DNS Error (15)',
      'Option Length: 2',
      'Option Data: 0006',
      'Info Code: DNSSEC Bogus (6)',
      'Option: Extended DNS Error',
      'Option Code: Extended DNS Error (15)',
      'Option Length: 2',
      'Option Data: 0028',
      'Info Code: Unassigned (40)',
      'Option: Extended DNS Error',
      'Option Code: Extended DNS Error (15)',
      'Option Length: 2',
      'Option Data: 0013',
      'Info Code: Stale NXDomain Answer (19)',
    ]);
    expect(got.error).toBe(null);
    expect(dns(EXT_ERROR).f(['dns.opt.ext_error.info_code', 'dns.opt.ext_error.extra_text'])).toEqual({
      'dns.opt.ext_error.info_code': '18,6,40,19',
      'dns.opt.ext_error.extra_text': 'blocked by policy',
    });
    expect(dns(EXT_ERROR).pinfo.info).toBe('Standard query response 0x0004 Server failure A test OPT');
    truncations(EXT_ERROR);
  });
  it('DAU, DHU, N3U and CHAIN', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(DAU_CHAIN, 'Additional records');
    expect(got.lines).toEqual([
      '<Root>: type OPT',
      'Name: <Root>',
      'Type: OPT (41)',
      'UDP payload size: 1232',
      'Higher bits in extended RCODE: 0x00',
      'EDNS0 version: 0',
      'Z: 0x0000',
      '0... .... .... .... = DO bit: Cannot handle DNSSEC security RRs',
      '.000 0000 0000 0000 = Reserved: 0x0000',
      'Data length: 31',
      'Option: DAU - DNSSEC Algorithm Understood (RFC6975)',
      'Option Code: DAU - DNSSEC Algorithm Understood (RFC6975) (5)',
      'Option Length: 3',
      'Option Data: 080d0f',
      'DAU: RSA/SHA-256 (8)',
      'DAU: ECDSA Curve P-256 with SHA-256 (13)',
      'DAU: Ed25519 (15)',
      'Option: DHU - DS Hash Understood (RFC6975)',
      'Option Code: DHU - DS Hash Understood (RFC6975) (6)',
      'Option Length: 2',
      'Option Data: 0102',
      'DHU: SHA-1 (1)',
      'DHU: SHA-256 (2)',
      'Option: N3U - NSEC3 Hash Understood (RFC6975)',
      'Option Code: N3U - NSEC3 Hash Understood (RFC6975) (7)',
      'Option Length: 1',
      'Option Data: 01',
      'N3U: SHA-1 (1)',
      'Option: CHAIN',
      'Option Code: CHAIN (13)',
      'Option Length: 9',
      'Option Data: 076578616d706c6500',
      'Closest Trust Point: \\aexample',
    ]);
    expect(got.error).toBe(null);
    expect(dns(DAU_CHAIN).f(['dns.opt.dau', 'dns.opt.dhu', 'dns.opt.n3u', 'dns.opt.chain.fqdn'])).toEqual({
      'dns.opt.dau': '8,13,15',
      'dns.opt.dhu': '1,2',
      'dns.opt.n3u': '1',
      'dns.opt.chain.fqdn': 'example',
    });
    truncations(DAU_CHAIN);
  });
  it('the deprecated Client Subnet code; both cookies', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(EXP_SUBNET_COOKIES, 'Additional records');
    expect(got.lines).toEqual([
      '<Root>: type OPT',
      'Name: <Root>',
      'Type: OPT (41)',
      'UDP payload size: 1232',
      'Higher bits in extended RCODE: 0x00',
      'EDNS0 version: 0',
      'Z: 0x0000',
      '0... .... .... .... = DO bit: Cannot handle DNSSEC security RRs',
      '.000 0000 0000 0000 = Reserved: 0x0000',
      'Data length: 44',
      'Option: Experimental - CSUBNET - Client subnet',
      'Option Code: Experimental - CSUBNET - Client subnet (20730)',
      '[Expert Info (Warning/Protocol): Deprecated opcode. Client subnet OPT assigned as 8.]',
      '[Deprecated opcode. Client subnet OPT assigned as 8.]',
      '[Severity level: Warning]',
      '[Group: Protocol]',
      'Option Length: 8',
      'Option Data: 000120000a010203',
      'Family: IPv4 (1)',
      'Source Netmask: 32',
      'Scope Netmask: 0',
      'Client Subnet: 10.1.2.3',
      'Option: COOKIE',
      'Option Code: COOKIE (10)',
      'Option Length: 24',
      'Option Data: 000102030405060708090a0b0c0d0e0f1011121314151617',
      'Client Cookie: 0001020304050607',
      'Server Cookie: 08090a0b0c0d0e0f1011121314151617',
      'Option: EDNS EXPIRE (RFC7314)',
      'Option Code: EDNS EXPIRE (RFC7314) (9)',
      'Option Length: 0',
      'Option Data: <MISSING>',
    ]);
    expect(got.error).toBe(null);
    truncations(EXP_SUBNET_COOKIES);
  });
  it('an address part too long for any address: the expert, and 16 bytes taken', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(SUBNET_TOO_LONG, 'Additional records');
    expect(got.lines).toEqual([
      '<Root>: type OPT',
      'Name: <Root>',
      'Type: OPT (41)',
      'UDP payload size: 1232',
      'Higher bits in extended RCODE: 0x00',
      'EDNS0 version: 0',
      'Z: 0x0000',
      '0... .... .... .... = DO bit: Cannot handle DNSSEC security RRs',
      '.000 0000 0000 0000 = Reserved: 0x0000',
      'Data length: 28',
      'Option: CSUBNET - Client subnet',
      'Option Code: CSUBNET - Client subnet (8)',
      'Option Length: 24',
      '[Expert Info (Error/Malformed): Length too long for any type of IP address.]',
      '[Length too long for any type of IP address.]',
      '[Severity level: Error]',
      '[Group: Malformed]',
      'Option Data: 000118000000000000000000000000000000000000000000',
      'Family: IPv4 (1)',
      'Source Netmask: 24',
      'Scope Netmask: 0',
      'Client Subnet: 0.0.0.0',
    ]);
    expect(got.error).toBe(null);
    truncations(SUBNET_TOO_LONG);
  });
});
