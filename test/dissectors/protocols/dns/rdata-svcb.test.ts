/**
 * SVCB and HTTPS records (dissectors/protocols/dns/rdata-svcb.ts) against tshark 4.0: the lines
 * of each message's answers as tshark -V prints them, fields, Info, and every truncation. Messages
 * from fixtures/own/dns-records.pcap (a real exchange, fixtures/make-captures.sh) and crafted
 * ones for what a server should not send (written the way tshark reads them).
 */

import { describe, expect, it } from 'vitest';
import { hexDump } from '../../../helpers/hex.js';
import { answerLines, dns, truncations } from '../../../helpers/dns-message.js';

// dns-records.pcap frame 2: HTTPS in service mode (alpn h2,h3; port; ipv4hint; ipv6hint)
const HTTPS = hexDump(`
0000  30 01 85 80 00 01 00 01 00 00 00 00 0a 70 61 63  0............pac
0010  6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00 00 41 00  ketloom.test..A.
0020  01 c0 0c 00 41 00 01 00 00 01 2c 00 2f 00 01 00  ....A.....,./...
0030  00 01 00 06 02 68 32 02 68 33 00 03 00 02 01 bb  .....h2.h3......
0040  00 04 00 04 0a 63 00 02 00 06 00 10 fd 00 00 99  .....c..........
0050  00 00 00 00 00 00 00 00 00 00 00 02              ............
`);

// dns-records.pcap frame 4: HTTPS in alias mode (priority 0, a target, no parameters)
const ALIAS = hexDump(`
0000  30 02 85 80 00 01 00 01 00 00 00 00 05 61 6c 69  0............ali
0010  61 73 0a 70 61 63 6b 65 74 6c 6f 6f 6d 04 74 65  as.packetloom.te
0020  73 74 00 00 41 00 01 c0 0c 00 41 00 01 00 00 01  st..A.....A.....
0030  2c 00 17 00 00 03 77 65 62 0a 70 61 63 6b 65 74  ,.....web.packet
0040  6c 6f 6f 6d 04 74 65 73 74 00                    loom.test.
`);

// dns-records.pcap frame 6: SVCB for DNS over TLS/QUIC: mandatory, alpn, no-default-alpn, port, echconfig (base64) and key7 (dohpath, which Wireshark 4.0 does not name)
const SVCB = hexDump(`
0000  30 03 85 80 00 01 00 01 00 00 00 00 04 5f 64 6e  0............_dn
0010  73 0a 70 61 63 6b 65 74 6c 6f 6f 6d 04 74 65 73  s.packetloom.tes
0020  74 00 00 40 00 01 c0 0c 00 40 00 01 00 00 01 2c  t..@.....@.....,
0030  00 65 00 01 03 64 6e 73 0a 70 61 63 6b 65 74 6c  .e...dns.packetl
0040  6f 6f 6d 04 74 65 73 74 00 00 00 00 04 00 01 00  oom.test........
0050  03 00 01 00 08 03 64 6f 74 03 64 6f 71 00 02 00  ......dot.doq...
0060  00 00 03 00 02 03 55 00 05 00 18 ec 45 ff ae 2b  ......U.....E..+
0070  db 09 59 c3 db 56 ef a7 d1 1d 65 f4 36 2e c4 48  ..Y..V....e.6..H
0080  19 a8 5c 00 07 00 10 2f 64 6e 73 2d 71 75 65 72  ......./dns-quer
0090  79 7b 3f 64 6e 73 7d                             y{?dns}
`);

// crafted: no-default-alpn with a 2-byte value, which Wireshark does not skip: it reads the value as the next key
const NOALPN_VALUE = hexDump(`
0000  00 01 81 80 00 00 00 01 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 41 00 01 00 00 01 2c 00 10 00 01  est..A.....,....
0020  00 00 02 00 02 00 01 00 01 00 03 02 68 32        ............h2
`);

// crafted: an unknown key with control and UTF-8 bytes, key65535 and odohconfig
const UNNAMED = hexDump(`
0000  00 02 81 80 00 00 00 01 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 40 00 01 00 00 01 2c 00 20 00 01  est..@.....,. ..
0020  01 78 04 74 65 73 74 00 00 09 00 05 61 62 01 c3  .x.test.....ab..
0030  a9 ff ff 00 01 7a 80 01 00 04 01 02 03 04        .....z........
`);

// crafted: alpn whose length says 20 where the message has 3 bytes left
const CUT_PARAM = hexDump(`
0000  00 03 81 80 00 00 00 01 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 41 00 01 00 00 01 2c 00 0a 00 01  est..A.....,....
0020  00 00 01 00 14 02 68 32                          ......h2
`);

describe('DNS SVCB and HTTPS records', () => {
  it('HTTPS service mode: each SvcParam in presentation form', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(HTTPS);
    expect(got.lines).toEqual([
      'packetloom.test: type HTTPS, class IN',
      'Name: packetloom.test',
      'Type: HTTPS (HTTPS Specific Service Endpoints) (65)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 47',
      'SvcPriority: 1',
      'TargetName: <Root>',
      'SvcParam: alpn=h2,h3',
      'SvcParamKey: alpn (1)',
      'SvcParamValue length: 6',
      'ALPN length: 2',
      'ALPN: h2',
      'ALPN length: 2',
      'ALPN: h3',
      'SvcParam: port=443',
      'SvcParamKey: port (3)',
      'SvcParamValue length: 2',
      'Port: 443',
      'SvcParam: ipv4hint=10.99.0.2',
      'SvcParamKey: ipv4hint (4)',
      'SvcParamValue length: 4',
      'IP: 10.99.0.2',
      'SvcParam: ipv6hint=fd00:99::2',
      'SvcParamKey: ipv6hint (6)',
      'SvcParamValue length: 16',
      'IP: fd00:99::2',
    ]);
    expect(got.error).toBe(null);
    expect(dns(HTTPS).f(['dns.svcb.svcpriority', 'dns.svcb.targetname', 'dns.svcb.svcparam.key', 'dns.svcb.svcparam.alpn', 'dns.svcb.svcparam.port', 'dns.svcb.svcparam.ipv4hint.ip', 'dns.svcb.svcparam.ipv6hint.ip'])).toEqual({
      'dns.svcb.svcpriority': '1',
      'dns.svcb.targetname': '<Root>',
      'dns.svcb.svcparam.key': '1,3,4,6',
      'dns.svcb.svcparam.alpn': 'h2,h3',
      'dns.svcb.svcparam.port': '443',
      'dns.svcb.svcparam.ipv4hint.ip': '10.99.0.2',
      'dns.svcb.svcparam.ipv6hint.ip': 'fd00:99::2',
    });
    expect(dns(HTTPS).pinfo.info).toBe('Standard query response 0x3001 HTTPS packetloom.test HTTPS');
    truncations(HTTPS);
  });
  it('HTTPS alias mode', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(ALIAS);
    expect(got.lines).toEqual([
      'alias.packetloom.test: type HTTPS, class IN',
      'Name: alias.packetloom.test',
      'Type: HTTPS (HTTPS Specific Service Endpoints) (65)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 23',
      'SvcPriority: 0',
      'TargetName: web.packetloom.test',
    ]);
    expect(got.error).toBe(null);
    expect(dns(ALIAS).f(['dns.svcb.svcpriority', 'dns.svcb.targetname'])).toEqual({
      'dns.svcb.svcpriority': '0',
      'dns.svcb.targetname': 'web.packetloom.test',
    });
    truncations(ALIAS);
  });
  it('SVCB: mandatory keys, no-default-alpn, echconfig in base64, an unnamed key as text', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(SVCB);
    expect(got.lines).toEqual([
      '_dns.packetloom.test: type SVCB, class IN',
      'Name: _dns.packetloom.test',
      'Type: SVCB (General Purpose Service Endpoints) (64)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 101',
      'SvcPriority: 1',
      'TargetName: dns.packetloom.test',
      'SvcParam: mandatory=alpn,port',
      'SvcParamKey: mandatory (0)',
      'SvcParamValue length: 4',
      'Mandatory key: alpn (1)',
      'Mandatory key: port (3)',
      'SvcParam: alpn=dot,doq',
      'SvcParamKey: alpn (1)',
      'SvcParamValue length: 8',
      'ALPN length: 3',
      'ALPN: dot',
      'ALPN length: 3',
      'ALPN: doq',
      'SvcParam: no-default-alpn',
      'SvcParamKey: no-default-alpn (2)',
      'SvcParamValue length: 0',
      'SvcParam: port=853',
      'SvcParamKey: port (3)',
      'SvcParamValue length: 2',
      'Port: 853',
      'SvcParam: echconfig=7EX/rivbCVnD21bvp9EdZfQ2LsRIGahc',
      'SvcParamKey: echconfig (5)',
      'SvcParamValue length: 24',
      'ECHConfig: 7EX/rivbCVnD21bvp9EdZfQ2LsRIGahc',
      'SvcParam: key7=/dns-query{?dns}',
      'SvcParamKey: Unknown (7)',
      'SvcParamValue length: 16',
      'SvcParamValue: 2f646e732d71756572797b3f646e737d',
    ]);
    expect(got.error).toBe(null);
    expect(dns(SVCB).f(['dns.svcb.svcparam.mandatory.key', 'dns.svcb.svcparam.echconfig', 'dns.svcb.svcparam.value'])).toEqual({
      'dns.svcb.svcparam.mandatory.key': '1,3',
      'dns.svcb.svcparam.echconfig': 'ec45ffae2bdb0959c3db56efa7d11d65f4362ec44819a85c',
      'dns.svcb.svcparam.value': '2f646e732d71756572797b3f646e737d',
    });
    expect(dns(SVCB).pinfo.info).toBe('Standard query response 0x3003 SVCB _dns.packetloom.test SVCB');
    truncations(SVCB);
  });
  it('no-default-alpn with a value: read on from the value, as Wireshark does', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(NOALPN_VALUE);
    expect(got.lines).toEqual([
      'a.test: type HTTPS, class IN',
      'Name: a.test',
      'Type: HTTPS (HTTPS Specific Service Endpoints) (65)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 16',
      'SvcPriority: 1',
      'TargetName: <Root>',
      'SvcParam: no-default-alpn',
      'SvcParamKey: no-default-alpn (2)',
      'SvcParamValue length: 2',
      'SvcParam: alpn=',
      'SvcParamKey: alpn (1)',
      'SvcParamValue length: 1',
      'ALPN length: 0',
      'ALPN:',
      'SvcParam: key770',
      'SvcParamKey: Unknown (770)',
      'SvcParamValue length: 26674',
    ]);
    expect(got.error).toBe('BoundsError');
    truncations(NOALPN_VALUE);
  });
  it('unknown keys: format_text of the value; odohconfig in base64', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(UNNAMED);
    expect(got.lines).toEqual([
      'a.test: type SVCB, class IN',
      'Name: a.test',
      'Type: SVCB (General Purpose Service Endpoints) (64)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 32',
      'SvcPriority: 1',
      'TargetName: x.test',
      'SvcParam: key9=ab\\001é',
      'SvcParamKey: Unknown (9)',
      'SvcParamValue length: 5',
      'SvcParamValue: 616201c3a9',
      'SvcParam: key65535=z',
      'SvcParamKey: key65535 (65535)',
      'SvcParamValue length: 1',
      'SvcParamValue: 7a',
      'SvcParam: odohconfig=AQIDBA==',
      'SvcParamKey: odohconfig (32769)',
      'SvcParamValue length: 4',
      'ODoHConfig: AQIDBA==',
    ]);
    expect(got.error).toBe(null);
    expect(dns(UNNAMED).f(['dns.svcb.svcparam.key', 'dns.svcb.svcparam.odohconfig'])).toEqual({
      'dns.svcb.svcparam.key': '9,65535,32769',
      'dns.svcb.svcparam.odohconfig': '01020304',
    });
    truncations(UNNAMED);
  });
  it('a parameter longer than the message: what was read, then malformed', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(CUT_PARAM);
    expect(got.lines).toEqual([
      'a.test: type HTTPS, class IN',
      'Name: a.test',
      'Type: HTTPS (HTTPS Specific Service Endpoints) (65)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 10',
      'SvcPriority: 1',
      'TargetName: <Root>',
      'SvcParam: alpn=h2',
      'SvcParamKey: alpn (1)',
      'SvcParamValue length: 20',
      'ALPN length: 2',
      'ALPN: h2',
    ]);
    expect(got.error).toBe('BoundsError');
    truncations(CUT_PARAM);
  });
});
