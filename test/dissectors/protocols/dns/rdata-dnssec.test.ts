/**
 * DNSSEC records (dissectors/protocols/dns/rdata-dnssec.ts) against tshark 4.0: DS, DNSKEY with
 * its computed key tag, RRSIG, NSEC3PARAM, NSEC3 with the next hashed owner in base32hex, and
 * the types sharing their decoders (CDS, CDNSKEY, SIG). Lines as tshark -V prints them, fields,
 * Info, and every truncation. Messages from fixtures/own/dns-records.pcap and crafted ones.
 */

import { describe, expect, it } from 'vitest';
import { hexDump } from '../../../helpers/hex.js';
import { answerLines, dns, truncations } from '../../../helpers/dns-message.js';

// dns-records.pcap frame 10: DS (key tag of the KSK below, ECDSA P-256, SHA-256 digest of owner and key)
const DS = hexDump(`
0000  30 05 85 80 00 01 00 01 00 00 00 00 0a 70 61 63  0............pac
0010  6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00 00 2b 00  ketloom.test..+.
0020  01 c0 0c 00 2b 00 01 00 00 01 2c 00 24 0f 55 0d  ....+.....,...U.
0030  02 0a 86 cb 1a e3 e6 75 76 f4 9a cb c4 5b 76 1f  .......uv....[v.
0040  ba 4a 17 92 30 cc 5f 8e 62 67 3e 75 62 6e 99 e3  .J..0._.bg>ubn..
0050  5c                                               .
`);

// dns-records.pcap frame 12: two DNSKEYs (KSK 257, ZSK 256) and the RRSIG over them, EDNS0 OPT in the additional section
const DNSKEY = hexDump(`
0000  30 06 85 80 00 01 00 03 00 00 00 01 0a 70 61 63  0............pac
0010  6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00 00 30 00  ketloom.test..0.
0020  01 c0 0c 00 30 00 01 00 00 01 2c 00 44 01 01 03  ....0.....,.D...
0030  0d e8 67 cf 0d f9 33 16 f9 94 5f 8c 38 2b 76 fa  ..g...3..._.8+v.
0040  03 0e f2 ce 4c be e9 b3 93 1b e4 c1 d8 34 3f f6  ....L........4?.
0050  a7 ab b9 88 5d 0d dc d8 ba fd fb 84 26 05 3a 76  ....].......&.:v
0060  ff 33 c2 ca 63 13 d9 33 93 90 a0 ef 61 06 d9 bf  .3..c..3....a...
0070  b9 c0 0c 00 30 00 01 00 00 01 2c 00 44 01 00 03  ....0.....,.D...
0080  0d 34 45 4e 42 af 6a 22 16 3a 18 f5 e9 c9 6d 0e  .4ENB.j".:....m.
0090  95 c0 e9 63 d6 ae 4a c1 35 b8 17 b7 a1 f7 6f e1  ...c..J.5.....o.
00a0  fa 28 88 14 56 03 87 90 10 b8 f0 61 1c a8 d6 5f  .(..V......a..._
00b0  a5 d5 7a 32 fd 60 28 e5 b2 cb 4b 5f 70 88 0e 45  ..z2..(...K_p..E
00c0  00 c0 0c 00 2e 00 01 00 00 01 2c 00 63 00 30 0d  ..........,.c.0.
00d0  02 00 00 01 2c 6b 35 9b 00 6a e6 81 00 0f 55 0a  ....,k5..j....U.
00e0  70 61 63 6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00  packetloom.test.
00f0  f3 f1 5a 23 e4 3f 13 88 ec e4 5c 2f 00 ba 41 bf  ..Z#.?...../..A.
0100  d2 92 0b 22 79 d4 03 70 76 55 f6 15 3c 11 42 05  ..."y..pvU..<.B.
0110  ba c4 e5 62 f2 9c 20 6a a3 16 3a 63 5c c8 e0 e9  ...b.. j..:c....
0120  b1 fc cd dc cb 72 33 b4 a2 e9 7b 11 60 36 bc 54  .....r3...{..6.T
0130  00 00 29 04 d0 00 00 00 00 00 00                 ..)........
`);

// dns-records.pcap frame 14: NSEC3PARAM (SHA-1, 10 iterations, 4-byte salt)
const NSEC3PARAM = hexDump(`
0000  30 07 85 80 00 01 00 01 00 00 00 00 0a 70 61 63  0............pac
0010  6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00 00 33 00  ketloom.test..3.
0020  01 c0 0c 00 33 00 01 00 00 01 2c 00 09 01 00 00  ....3.....,.....
0030  0a 04 aa bb cc dd                                ......
`);

// dns-records.pcap frame 16: NSEC3 with opt-out, the next hashed owner and a type bitmap (A, AAAA, RRSIG)
const NSEC3 = hexDump(`
0000  30 08 85 80 00 01 00 01 00 00 00 00 20 74 61 69  0........... tai
0010  61 61 39 6c 33 65 76 6c 30 66 36 6f 38 76 31 33  aa9l3evl0f6o8v13
0020  6a 33 38 76 36 34 76 70 75 64 38 62 75 0a 70 61  j38v64vpud8bu.pa
0030  63 6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00 00 32  cketloom.test..2
0040  00 01 c0 0c 00 32 00 01 00 00 01 2c 00 26 01 01  .....2.....,.&..
0050  00 0a 04 aa bb cc dd 14 16 f6 91 f6 d8 08 f0 b1  ................
0060  8a 4d 13 34 d5 96 c8 d7 bc 09 89 68 00 06 40 00  .M.4.......h..@.
0070  00 08 00 02                                      ....
`);

// crafted: a DNSKEY of 3 bytes (too short for a key tag) followed by an A record
const SHORT_KEY = hexDump(`
0000  00 05 81 80 00 00 00 02 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 30 00 01 00 00 01 2c 00 03 01 01  est..0.....,....
0020  03 01 61 04 74 65 73 74 00 00 01 00 01 00 00 01  ..a.test........
0030  2c 00 04 01 02 03 04                             ,......
`);

// crafted: an RSA/MD5 DNSKEY (key tag from its last bytes) and a DS with no digest
const RSAMD5_KEY = hexDump(`
0000  00 06 81 80 00 00 00 02 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 30 00 01 00 00 01 2c 00 17 01 00  est..0.....,....
0020  03 01 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e  ................
0030  0f 10 11 12 13 01 61 04 74 65 73 74 00 00 2b 00  ......a.test..+.
0040  01 00 00 01 2c 00 04 12 34 08 01                 ....,...4..
`);

// crafted: NSEC3 with no salt and a 1-byte hash (its second base32hex digit takes bits of the type bitmap)
const SHORT_HASH = hexDump(`
0000  00 07 81 80 00 00 00 01 00 00 00 00 01 68 04 74  .............h.t
0010  65 73 74 00 00 32 00 01 00 00 01 2c 00 0a 01 00  est..2.....,....
0020  00 00 00 01 ab 00 01 40                          .......@
`);

// crafted: an RRSIG with no signature bytes, expiration 0 and inception 2^32-1
const RRSIG_NOSIG = hexDump(`
0000  00 0b 81 80 00 00 00 01 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 2e 00 01 00 00 01 2c 00 1a 00 01  est........,....
0020  08 02 00 01 51 80 00 00 00 00 ff ff ff ff 00 07  ....Q...........
0030  01 61 04 74 65 73 74 00                          .a.test.
`);

// crafted: CDS, CDNSKEY and SIG, decoded as DS, DNSKEY and RRSIG
const CDS_CDNSKEY_SIG = hexDump(`
0000  00 0c 81 80 00 00 00 03 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 3b 00 01 00 00 01 2c 00 24 00 01  est..;.....,....
0020  0d 02 aa aa aa aa aa aa aa aa aa aa aa aa aa aa  ................
0030  aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa  ................
0040  aa aa 01 61 04 74 65 73 74 00 00 3c 00 01 00 00  ...a.test..<....
0050  01 2c 00 24 01 01 03 0f bb bb bb bb bb bb bb bb  .,..............
0060  bb bb bb bb bb bb bb bb bb bb bb bb bb bb bb bb  ................
0070  bb bb bb bb bb bb bb bb 01 61 04 74 65 73 74 00  .........a.test.
0080  00 18 00 01 00 00 01 2c 00 22 00 02 05 01 00 00  .......,."......
0090  00 00 00 00 00 01 00 00 00 02 00 03 01 61 04 74  .............a.t
00a0  65 73 74 00 cc cc cc cc cc cc cc cc              est.........
`);

describe('DNS DNSSEC records', () => {
  it('DS', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(DS);
    expect(got.lines).toEqual([
      'packetloom.test: type DS, class IN',
      'Name: packetloom.test',
      'Type: DS (Delegation Signer) (43)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 36',
      'Key id: 0x0f55',
      'Algorithm: ECDSA Curve P-256 with SHA-256 (13)',
      'Digest Type: SHA-256 (2)',
      'Digest: 0a86cb1ae3e67576f49acbc45b761fba4a179230cc5f8e62673e75626e99e35c',
    ]);
    expect(got.error).toBe(null);
    expect(dns(DS).f(['dns.ds.key_id', 'dns.ds.algorithm', 'dns.ds.digest_type', 'dns.ds.digest'])).toEqual({
      'dns.ds.key_id': '0x0f55',
      'dns.ds.algorithm': '13',
      'dns.ds.digest_type': '2',
      'dns.ds.digest': '0a86cb1ae3e67576f49acbc45b761fba4a179230cc5f8e62673e75626e99e35c',
    });
    expect(dns(DS).pinfo.info).toBe('Standard query response 0x3005 DS packetloom.test DS');
    truncations(DS);
  });
  it('DNSKEY flags and computed key tags; RRSIG times and signer', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(DNSKEY);
    expect(got.lines).toEqual([
      'packetloom.test: type DNSKEY, class IN',
      'Name: packetloom.test',
      'Type: DNSKEY (DNS Public Key) (48)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 68',
      'Flags: 0x0101',
      '.... ...1 .... .... = Zone Key: This is the zone key for specified zone',
      '.... .... 0... .... = Key Revoked: No',
      '.... .... .... ...1 = Key Signing Key: Yes',
      '0000 000. .000 000. = Key Signing Key: 0x0000',
      'Protocol: 3',
      'Algorithm: ECDSA Curve P-256 with SHA-256 (13)',
      '[Key id: 3925]',
      'Public Key: e867cf0df93316f9945f8c382b76fa030ef2ce4cbee9b3931be4c1d8343ff6a7abb9885d…',
      'packetloom.test: type DNSKEY, class IN',
      'Name: packetloom.test',
      'Type: DNSKEY (DNS Public Key) (48)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 68',
      'Flags: 0x0100',
      '.... ...1 .... .... = Zone Key: This is the zone key for specified zone',
      '.... .... 0... .... = Key Revoked: No',
      '.... .... .... ...0 = Key Signing Key: No',
      '0000 000. .000 000. = Key Signing Key: 0x0000',
      'Protocol: 3',
      'Algorithm: ECDSA Curve P-256 with SHA-256 (13)',
      '[Key id: 30364]',
      'Public Key: 34454e42af6a22163a18f5e9c96d0e95c0e963d6ae4ac135b817b7a1f76fe1fa28881456…',
      'packetloom.test: type RRSIG, class IN',
      'Name: packetloom.test',
      'Type: RRSIG (Resource Record Signature) (46)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 99',
      'Type Covered: DNSKEY (DNS Public Key) (48)',
      'Algorithm: ECDSA Curve P-256 with SHA-256 (13)',
      'Labels: 2',
      'Original TTL: 300 (5 minutes)',
      'Signature Expiration: Dec 31, 2026 00:00:00.000000000 UTC',
      'Signature Inception: Nov  1, 2026 00:00:00.000000000 UTC',
      'Key Tag: 3925',
      'Signer\'s name: packetloom.test',
      'Signature: f3f15a23e43f1388ece45c2f00ba41bfd2920b2279d403707655f6153c114205bac4e562…',
    ]);
    expect(got.error).toBe(null);
    expect(dns(DNSKEY).f(['dns.dnskey.flags', 'dns.dnskey.flags.zone_key', 'dns.dnskey.flags.secure_entry_point', 'dns.dnskey.key_id', 'dns.rrsig.type_covered', 'dns.rrsig.signature_expiration', 'dns.rrsig.signers_name'])).toEqual({
      'dns.dnskey.flags': '0x0101,0x0100',
      'dns.dnskey.flags.zone_key': '1,1',
      'dns.dnskey.flags.secure_entry_point': '1,0',
      'dns.dnskey.key_id': '3925,30364',
      'dns.rrsig.type_covered': '48',
      'dns.rrsig.signature_expiration': 'Dec 31, 2026 00:00:00.000000000 UTC',
      'dns.rrsig.signers_name': 'packetloom.test',
    });
    expect(dns(DNSKEY).pinfo.info).toBe('Standard query response 0x3006 DNSKEY packetloom.test DNSKEY DNSKEY RRSIG OPT');
    truncations(DNSKEY);
  });
  it('NSEC3PARAM: the owner in Info, as Wireshark writes it', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(NSEC3PARAM);
    expect(got.lines).toEqual([
      'packetloom.test: type NSEC3PARAM, class IN',
      'Name: packetloom.test',
      'Type: NSEC3PARAM (51)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 9',
      'Hash algorithm: SHA-1 (1)',
      'NSEC3 flags: 0',
      'NSEC3 iterations: 10',
      'Salt length: 4',
      'Salt value: aabbccdd',
    ]);
    expect(got.error).toBe(null);
    expect(dns(NSEC3PARAM).f(['dns.nsec3.algo', 'dns.nsec3.iterations', 'dns.nsec3.salt_value'])).toEqual({
      'dns.nsec3.algo': '1',
      'dns.nsec3.iterations': '10',
      'dns.nsec3.salt_value': 'aabbccdd',
    });
    expect(dns(NSEC3PARAM).pinfo.info).toBe('Standard query response 0x3007 NSEC3PARAM packetloom.test NSEC3PARAM packetloom.test');
    truncations(NSEC3PARAM);
  });
  it('NSEC3: next hashed owner in base32hex, flags, type bitmap', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(NSEC3);
    expect(got.lines).toEqual([
      'taiaa9l3evl0f6o8v13j38v64vpud8bu.packetloom.test: type NSEC3, class IN',
      'Name: taiaa9l3evl0f6o8v13j38v64vpud8bu.packetloom.test',
      'Type: NSEC3 (50)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 38',
      'Hash algorithm: SHA-1 (1)',
      'NSEC3 flags: 1',
      '.... ...1 = NSEC3 Opt-out flag: Additional insecure delegations allowed',
      'NSEC3 iterations: 10',
      'Salt length: 4',
      'Salt value: aabbccdd',
      'Hash length: 20',
      '[Next hashed owner: 2rr93tmo13ob32id2cqdb5m8quu0j2b8]',
      'RR type in bit map: A (Host Address)',
      'RR type in bit map: AAAA (IPv6 Address)',
      'RR type in bit map: RRSIG (Resource Record Signature)',
    ]);
    expect(got.error).toBe(null);
    expect(dns(NSEC3).f(['dns.nsec3.flags.opt_out', 'dns.nsec3.hash_value', 'dns.resp.type'])).toEqual({
      'dns.nsec3.flags.opt_out': '1',
      'dns.nsec3.hash_value': '2rr93tmo13ob32id2cqdb5m8quu0j2b8',
      'dns.resp.type': '50,1,28,46',
    });
    truncations(NSEC3);
  });
  it('a DNSKEY too short for a key tag: the expert item, and the key read on into the next record', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(SHORT_KEY);
    expect(got.lines).toEqual([
      'a.test: type DNSKEY, class IN',
      'Name: a.test',
      'Type: DNSKEY (DNS Public Key) (48)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 3',
      'Flags: 0x0101',
      '.... ...1 .... .... = Zone Key: This is the zone key for specified zone',
      '.... .... 0... .... = Key Revoked: No',
      '.... .... .... ...1 = Key Signing Key: Yes',
      '0000 000. .000 000. = Key Signing Key: 0x0000',
      'Protocol: 3',
      'Algorithm: RSA/MD5 (1)',
      '[Buffer too short to compute a key id]',
      '[Expert Info (Warning/Protocol): Buffer too short to compute a key id]',
      '[Buffer too short to compute a key id]',
      '[Severity level: Warning]',
      '[Group: Protocol]',
      'Public Key: 61047465737400000100010000012c000401020304',
      'a.test: type A, class IN, addr 1.2.3.4',
      'Name: a.test',
      'Type: A (Host Address) (1)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 4',
      'Address: 1.2.3.4',
    ]);
    expect(got.error).toBe(null);
    truncations(SHORT_KEY);
  });
  it('RSA/MD5 key tag; a DS with an empty digest', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(RSAMD5_KEY);
    expect(got.lines).toEqual([
      'a.test: type DNSKEY, class IN',
      'Name: a.test',
      'Type: DNSKEY (DNS Public Key) (48)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 23',
      'Flags: 0x0100',
      '.... ...1 .... .... = Zone Key: This is the zone key for specified zone',
      '.... .... 0... .... = Key Revoked: No',
      '.... .... .... ...0 = Key Signing Key: No',
      '0000 000. .000 000. = Key Signing Key: 0x0000',
      'Protocol: 3',
      'Algorithm: RSA/MD5 (1)',
      '[Key id: 4370]',
      'Public Key: 0102030405060708090a0b0c0d0e0f10111213',
      'a.test: type DS, class IN',
      'Name: a.test',
      'Type: DS (Delegation Signer) (43)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 4',
      'Key id: 0x1234',
      'Algorithm: RSA/SHA-256 (8)',
      'Digest Type: SHA-1 (1)',
      'Digest: <MISSING>',
    ]);
    expect(got.error).toBe(null);
    expect(dns(RSAMD5_KEY).f(['dns.dnskey.key_id', 'dns.ds.key_id'])).toEqual({
      'dns.dnskey.key_id': '4370',
      'dns.ds.key_id': '0x1234',
    });
    truncations(RSAMD5_KEY);
  });
  it('NSEC3 hash of one byte: base32hex reads on into the bitmap', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(SHORT_HASH);
    expect(got.lines).toEqual([
      'h.test: type NSEC3, class IN',
      'Name: h.test',
      'Type: NSEC3 (50)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 10',
      'Hash algorithm: SHA-1 (1)',
      'NSEC3 flags: 0',
      '.... ...0 = NSEC3 Opt-out flag: Additional insecure delegations forbidden',
      'NSEC3 iterations: 0',
      'Salt length: 0',
      'Salt value: <MISSING>',
      'Hash length: 1',
      '[Next hashed owner: lc]',
      'RR type in bit map: A (Host Address)',
    ]);
    expect(got.error).toBe(null);
    expect(dns(SHORT_HASH).f(['dns.nsec3.hash_value'])).toEqual({
      'dns.nsec3.hash_value': 'lc',
    });
    truncations(SHORT_HASH);
  });
  it('RRSIG without a signature', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(RRSIG_NOSIG);
    expect(got.lines).toEqual([
      'a.test: type RRSIG, class IN',
      'Name: a.test',
      'Type: RRSIG (Resource Record Signature) (46)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 26',
      'Type Covered: A (Host Address) (1)',
      'Algorithm: RSA/SHA-256 (8)',
      'Labels: 2',
      'Original TTL: 86400 (1 day)',
      'Signature Expiration: Jan  1, 1970 00:00:00.000000000 UTC',
      'Signature Inception: Feb  7, 2106 06:28:15.000000000 UTC',
      'Key Tag: 7',
      'Signer\'s name: a.test',
    ]);
    expect(got.error).toBe(null);
    expect(dns(RRSIG_NOSIG).f(['dns.rrsig.signature_expiration', 'dns.rrsig.signature_inception'])).toEqual({
      'dns.rrsig.signature_expiration': 'Jan  1, 1970 00:00:00.000000000 UTC',
      'dns.rrsig.signature_inception': 'Feb  7, 2106 06:28:15.000000000 UTC',
    });
    truncations(RRSIG_NOSIG);
  });
  it('CDS, CDNSKEY, SIG', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(CDS_CDNSKEY_SIG);
    expect(got.lines).toEqual([
      'a.test: type CDS, class IN',
      'Name: a.test',
      'Type: CDS (Child DS) (59)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 36',
      'Key id: 0x0001',
      'Algorithm: ECDSA Curve P-256 with SHA-256 (13)',
      'Digest Type: SHA-256 (2)',
      'Digest: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'a.test: type CDNSKEY, class IN',
      'Name: a.test',
      'Type: CDNSKEY (DNSKEY(s) the Child wants reflected in DS) (60)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 36',
      'Flags: 0x0101',
      '.... ...1 .... .... = Zone Key: This is the zone key for specified zone',
      '.... .... 0... .... = Key Revoked: No',
      '.... .... .... ...1 = Key Signing Key: Yes',
      '0000 000. .000 000. = Key Signing Key: 0x0000',
      'Protocol: 3',
      'Algorithm: Ed25519 (15)',
      '[Key id: 49099]',
      'Public Key: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      'a.test: type SIG, class IN',
      'Name: a.test',
      'Type: SIG (security signature) (24)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 34',
      'Type Covered: NS (authoritative Name Server) (2)',
      'Algorithm: RSA/SHA1 (5)',
      'Labels: 1',
      'Original TTL: 0 (0 seconds)',
      'Signature Expiration: Jan  1, 1970 00:00:01.000000000 UTC',
      'Signature Inception: Jan  1, 1970 00:00:02.000000000 UTC',
      'Key Tag: 3',
      'Signer\'s name: a.test',
      'Signature: cccccccccccccccc',
    ]);
    expect(got.error).toBe(null);
    expect(dns(CDS_CDNSKEY_SIG).f(['dns.ds.digest_type', 'dns.dnskey.algorithm', 'dns.rrsig.algorithm'])).toEqual({
      'dns.ds.digest_type': '2',
      'dns.dnskey.algorithm': '15',
      'dns.rrsig.algorithm': '5',
    });
    truncations(CDS_CDNSKEY_SIG);
  });
});
