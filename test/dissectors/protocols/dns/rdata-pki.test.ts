/**
 * CAA, SSHFP and TLSA records (dissectors/protocols/dns/rdata-pki.ts) against tshark 4.0: lines as
 * tshark -V prints them, fields, Info, and every truncation. Messages from
 * fixtures/own/dns-records.pcap and crafted ones.
 */

import { describe, expect, it } from 'vitest';
import { hexDump } from '../../../helpers/hex.js';
import { answerLines, dns, truncations } from '../../../helpers/dns-message.js';

// dns-records.pcap frame 8: CAA issue, issuewild, iodef and an unknown critical tag
const CAA = hexDump(`
0000  30 04 85 80 00 01 00 04 00 00 00 00 0a 70 61 63  0............pac
0010  6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00 01 01 00  ketloom.test....
0020  01 c0 0c 01 01 00 01 00 00 01 2c 00 16 00 05 69  ..........,....i
0030  73 73 75 65 6c 65 74 73 65 6e 63 72 79 70 74 2e  ssueletsencrypt.
0040  6f 72 67 c0 0c 01 01 00 01 00 00 01 2c 00 0c 00  org.........,...
0050  09 69 73 73 75 65 77 69 6c 64 3b c0 0c 01 01 00  .issuewild;.....
0060  01 00 00 01 2c 00 26 00 05 69 6f 64 65 66 6d 61  ....,.&..iodefma
0070  69 6c 74 6f 3a 73 65 63 75 72 69 74 79 40 70 61  ilto:security@pa
0080  63 6b 65 74 6c 6f 6f 6d 2e 74 65 73 74 c0 0c 01  cketloom.test...
0090  01 00 01 00 00 01 2c 00 0c 80 03 74 62 73 55 6e  ......,....tbsUn
00a0  6b 6e 6f 77 6e                                   known
`);

// dns-records.pcap frame 24: SSHFP (Ed25519, SHA-256)
const SSHFP = hexDump(`
0000  30 0c 85 80 00 01 00 01 00 00 00 00 03 77 65 62  0............web
0010  0a 70 61 63 6b 65 74 6c 6f 6f 6d 04 74 65 73 74  .packetloom.test
0020  00 00 2c 00 01 c0 0c 00 2c 00 01 00 00 01 2c 00  ..,.....,.....,.
0030  22 04 02 7e b8 e4 06 e5 f3 8e ca 91 8e 8f 92 3d  "..~...........=
0040  10 18 22 13 23 ad 98 db 2b 4c 71 7e c6 1f a6 e8  ..".#...+Lq~....
0050  a4 cd a5                                         ...
`);

// dns-records.pcap frame 26: TLSA 3 1 1 for _443._tcp.web.packetloom.test
const TLSA = hexDump(`
0000  30 0d 85 80 00 01 00 01 00 00 00 00 04 5f 34 34  0............_44
0010  33 04 5f 74 63 70 03 77 65 62 0a 70 61 63 6b 65  3._tcp.web.packe
0020  74 6c 6f 6f 6d 04 74 65 73 74 00 00 34 00 01 c0  tloom.test..4...
0030  0c 00 34 00 01 00 00 01 2c 00 23 03 01 01 33 f9  ..4.....,.#...3.
0040  cc e1 f7 ba d9 32 26 a3 1c 78 6e 1f 93 ee de 5c  .....2&..xn.....
0050  3b fe 78 7c ac 43 b9 98 36 3a b0 28 9b f7        ;.x|.C..6:.(..
`);

// crafted: CAA tags 'iss' (the start of issue), empty, and an iodef value with control and non-ASCII bytes
const CAA_TAGS = hexDump(`
0000  00 04 81 80 00 00 00 03 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 01 01 00 01 00 00 01 2c 00 0f 00 03  est........,....
0020  69 73 73 63 61 2e 65 78 61 6d 70 6c 65 01 61 04  issca.example.a.
0030  74 65 73 74 00 01 01 00 01 00 00 01 2c 00 03 00  test........,...
0040  00 78 01 61 04 74 65 73 74 00 01 01 00 01 00 00  .x.a.test.......
0050  01 2c 00 0c 01 05 69 6f 64 65 66 76 01 c3 61 7f  .,....iodefv..a.
`);

// crafted: a TLSA with no association data, an SSHFP with no fingerprint, an HTTPS record of length 0
const EMPTY_DATA = hexDump(`
0000  00 0a 81 80 00 00 00 03 00 00 00 00 02 5f 31 04  ............._1.
0010  5f 74 63 70 01 61 04 74 65 73 74 00 00 34 00 01  _tcp.a.test..4..
0020  00 00 01 2c 00 03 00 00 00 01 61 04 74 65 73 74  ...,......a.test
0030  00 00 2c 00 01 00 00 01 2c 00 02 01 01 01 61 04  ..,.....,.....a.
0040  74 65 73 74 00 00 41 00 01 00 00 01 2c 00 00     test..A.....,..
`);

describe('DNS CAA, SSHFP and TLSA records', () => {
  it('CAA: one item per tag, the critical flag', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(CAA);
    expect(got.lines).toEqual([
      'packetloom.test: type CAA, class IN',
      'Name: packetloom.test',
      'Type: CAA (Certification Authority Restriction) (257)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 22',
      'CAA Flags: 0x00',
      '0... .... = Issuer Critical: Not critical',
      'Issue: letsencrypt.org',
      'Tag length: 5',
      'Tag: issue',
      'Value: letsencrypt.org',
      'packetloom.test: type CAA, class IN',
      'Name: packetloom.test',
      'Type: CAA (Certification Authority Restriction) (257)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 12',
      'CAA Flags: 0x00',
      '0... .... = Issuer Critical: Not critical',
      'Issue Wildcard: ;',
      'Tag length: 9',
      'Tag: issuewild',
      'Value: ;',
      'packetloom.test: type CAA, class IN',
      'Name: packetloom.test',
      'Type: CAA (Certification Authority Restriction) (257)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 38',
      'CAA Flags: 0x00',
      '0... .... = Issuer Critical: Not critical',
      'Report URL: mailto:security@packetloom.test',
      'Tag length: 5',
      'Tag: iodef',
      'Value: mailto:security@packetloom.test',
      'packetloom.test: type CAA, class IN',
      'Name: packetloom.test',
      'Type: CAA (Certification Authority Restriction) (257)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 12',
      'CAA Flags: 0x80',
      '1... .... = Issuer Critical: Critical',
      'Unknown tag: Unknown',
      'Tag length: 3',
      'Tag: tbs',
      'Value: Unknown',
    ]);
    expect(got.error).toBe(null);
    expect(dns(CAA).f(['dns.caa.flags.issuer_critical', 'dns.caa.issue', 'dns.caa.issuewild', 'dns.caa.iodef', 'dns.caa.unknown', 'dns.caa.tag'])).toEqual({
      'dns.caa.flags.issuer_critical': '0,0,0,1',
      'dns.caa.issue': 'letsencrypt.org',
      'dns.caa.issuewild': ';',
      'dns.caa.iodef': 'mailto:security@packetloom.test',
      'dns.caa.unknown': 'Unknown',
      'dns.caa.tag': 'issue,issuewild,iodef,tbs',
    });
    expect(dns(CAA).pinfo.info).toBe('Standard query response 0x3004 CAA packetloom.test CAA CAA CAA CAA');
    truncations(CAA);
  });
  it('SSHFP', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(SSHFP);
    expect(got.lines).toEqual([
      'web.packetloom.test: type SSHFP, class IN',
      'Name: web.packetloom.test',
      'Type: SSHFP (SSH Key Fingerprint) (44)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 34',
      'Algorithm: Ed25519 (4)',
      'Fingerprint type: SHA256 (2)',
      'Fingerprint: 7eb8e406e5f38eca918e8f923d1018221323ad98db2b4c717ec61fa6e8a4cda5',
    ]);
    expect(got.error).toBe(null);
    expect(dns(SSHFP).f(['dns.sshfp.algorithm', 'dns.sshfp.fingerprint.type', 'dns.sshfp.fingerprint'])).toEqual({
      'dns.sshfp.algorithm': '4',
      'dns.sshfp.fingerprint.type': '2',
      'dns.sshfp.fingerprint': '7eb8e406e5f38eca918e8f923d1018221323ad98db2b4c717ec61fa6e8a4cda5',
    });
    truncations(SSHFP);
  });
  it('TLSA: the owner in Info, as Wireshark writes it', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(TLSA);
    expect(got.lines).toEqual([
      '_443._tcp.web.packetloom.test: type TLSA, class IN',
      'Name: _443._tcp.web.packetloom.test',
      'Type: TLSA (52)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 35',
      'Certificate Usage: Domain-issued certificate (DANE-EE) (3)',
      'Selector: SubjectPublicKeyInfo (SPKI) (1)',
      'Matching Type: 256 bit hash by SHA2 (SHA2-256) (1)',
      'Certificate Association Data: 33f9cce1f7bad93226a31c786e1f93eede5c3bfe787cac43b998363ab0289bf7',
    ]);
    expect(got.error).toBe(null);
    expect(dns(TLSA).f(['dns.tlsa.certificate_usage', 'dns.tlsa.selector', 'dns.tlsa.matching_type'])).toEqual({
      'dns.tlsa.certificate_usage': '3',
      'dns.tlsa.selector': '1',
      'dns.tlsa.matching_type': '1',
    });
    expect(dns(TLSA).pinfo.info).toBe('Standard query response 0x300d TLSA _443._tcp.web.packetloom.test TLSA _443._tcp.web.packetloom.test');
    truncations(TLSA);
  });
  it('CAA tags compared over their own length; values through format_text', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(CAA_TAGS);
    expect(got.lines).toEqual([
      'a.test: type CAA, class IN',
      'Name: a.test',
      'Type: CAA (Certification Authority Restriction) (257)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 15',
      'CAA Flags: 0x00',
      '0... .... = Issuer Critical: Not critical',
      'Issue: ca.example',
      'Tag length: 3',
      'Tag: iss',
      'Value: ca.example',
      'a.test: type CAA, class IN',
      'Name: a.test',
      'Type: CAA (Certification Authority Restriction) (257)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 3',
      'CAA Flags: 0x00',
      '0... .... = Issuer Critical: Not critical',
      'Issue: x',
      'Tag length: 0',
      'Tag:',
      'Value: x',
      'a.test: type CAA, class IN',
      'Name: a.test',
      'Type: CAA (Certification Authority Restriction) (257)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 12',
      'CAA Flags: 0x01',
      '0... .... = Issuer Critical: Not critical',
      'Report URL: v\\001�',
      'Tag length: 5',
      'Tag: iodef',
      'Value: v\\001�',
    ]);
    expect(got.error).toBe(null);
    expect(dns(CAA_TAGS).f(['dns.caa.issue', 'dns.caa.iodef'])).toEqual({
      'dns.caa.issue': 'ca.example,x',
      'dns.caa.iodef': 'v\\001�',
    });
    truncations(CAA_TAGS);
  });
  it('empty TLSA data, SSHFP without fingerprint, empty HTTPS rdata', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(EMPTY_DATA);
    expect(got.lines).toEqual([
      '_1._tcp.a.test: type TLSA, class IN',
      'Name: _1._tcp.a.test',
      'Type: TLSA (52)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 3',
      'Certificate Usage: CA constraint (PKIX-TA) (0)',
      'Selector: Full certificate (Cert) (0)',
      'Matching Type: No Hash Used (Full) (0)',
      'Certificate Association Data: <MISSING>',
      'a.test: type SSHFP, class IN',
      'Name: a.test',
      'Type: SSHFP (SSH Key Fingerprint) (44)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 2',
      'Algorithm: RSA (1)',
      'Fingerprint type: SHA1 (1)',
      'a.test: type HTTPS, class IN',
      'Name: a.test',
      'Type: HTTPS (HTTPS Specific Service Endpoints) (65)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 0',
    ]);
    expect(got.error).toBe(null);
    truncations(EMPTY_DATA);
  });
});
