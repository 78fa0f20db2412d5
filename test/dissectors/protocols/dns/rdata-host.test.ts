/**
 * HINFO, LOC and NAPTR records (dissectors/protocols/dns/rdata-host.ts) against tshark 4.0: lines as
 * tshark -V prints them, fields, Info, and every truncation. Messages from
 * fixtures/own/dns-records.pcap and crafted ones.
 */

import { describe, expect, it } from 'vitest';
import { hexDump } from '../../../helpers/hex.js';
import { answerLines, dns, truncations } from '../../../helpers/dns-message.js';

// dns-records.pcap frame 18: HINFO x86_64 Linux
const HINFO = hexDump(`
0000  30 09 85 80 00 01 00 01 00 00 00 00 03 77 65 62  0............web
0010  0a 70 61 63 6b 65 74 6c 6f 6f 6d 04 74 65 73 74  .packetloom.test
0020  00 00 0d 00 01 c0 0c 00 0d 00 01 00 00 01 2c 00  ..............,.
0030  0d 06 78 38 36 5f 36 34 05 4c 69 6e 75 78        ..x86_64.Linux
`);

// dns-records.pcap frame 20: LOC 39 54 0 N 116 23 30 E 50m 1m 10000m 10m
const LOC = hexDump(`
0000  30 0a 85 80 00 01 00 01 00 00 00 00 03 77 65 62  0............web
0010  0a 70 61 63 6b 65 74 6c 6f 6f 6d 04 74 65 73 74  .packetloom.test
0020  00 00 1d 00 01 c0 0c 00 1d 00 01 00 00 01 2c 00  ..............,.
0030  10 00 12 16 13 88 8f c5 c0 98 f9 95 d0 00 98 aa  ................
0040  08                                               .
`);

// dns-records.pcap frame 22: NAPTR 100 10 S SIP+D2U with an empty regexp
const NAPTR = hexDump(`
0000  30 0b 85 80 00 01 00 01 00 00 00 00 0a 70 61 63  0............pac
0010  6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00 00 23 00  ketloom.test..#.
0020  01 c0 0c 00 23 00 01 00 00 01 2c 00 2a 00 64 00  ....#.....,.*.d.
0030  0a 01 53 07 53 49 50 2b 44 32 55 00 04 5f 73 69  ..S.SIP+D2U.._si
0040  70 04 5f 75 64 70 0a 70 61 63 6b 65 74 6c 6f 6f  p._udp.packetloo
0050  6d 04 74 65 73 74 00                             m.test.
`);

// crafted: a LOC of version 1 (unknown data), then one with a latitude out of range and a negative altitude
const LOC_ODD = hexDump(`
0000  00 08 81 80 00 00 00 02 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 1d 00 01 00 00 01 2c 00 04 01 61  est........,...a
0020  62 63 01 61 04 74 65 73 74 00 00 1d 00 01 00 00  bc.a.test.......
0030  01 2c 00 10 00 99 00 ff f0 00 00 00 00 00 00 10  .,..............
0040  00 00 00 00                                      ....
`);

// crafted: HINFO with an empty OS, NAPTR with empty strings and the root as replacement
const HINFO_NAPTR = hexDump(`
0000  00 09 81 80 00 00 00 02 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 0d 00 01 00 00 01 2c 00 05 03 78  est........,...x
0020  38 36 00 01 61 04 74 65 73 74 00 00 23 00 01 00  86..a.test..#...
0030  00 01 2c 00 08 00 01 00 02 00 00 00 00           ..,..........
`);

describe('DNS HINFO, LOC and NAPTR records', () => {
  it('HINFO: CPU and OS in the label and Info', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(HINFO);
    expect(got.lines).toEqual([
      'web.packetloom.test: type HINFO, class IN, CPU x86_64, OS Linux',
      'Name: web.packetloom.test',
      'Type: HINFO (host information) (13)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 13',
      'CPU Length: 6',
      'CPU: x86_64',
      'OS Length: 5',
      'OS: Linux',
    ]);
    expect(got.error).toBe(null);
    expect(dns(HINFO).f(['dns.hinfo.cpu', 'dns.hinfo.os'])).toEqual({
      'dns.hinfo.cpu': 'x86_64',
      'dns.hinfo.os': 'Linux',
    });
    expect(dns(HINFO).pinfo.info).toBe('Standard query response 0x3009 HINFO web.packetloom.test HINFO x86_64 Linux');
    truncations(HINFO);
  });
  it('LOC: sizes in metres, angles in degrees, altitude', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(LOC);
    expect(got.lines).toEqual([
      'web.packetloom.test: type LOC, class IN',
      'Name: web.packetloom.test',
      'Type: LOC (Location Information) (29)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 16',
      'Version: 0',
      'Size: 18 (1 m)',
      'Horizontal Precision: 22 (10000 m)',
      'Vertical Precision: 19 (10 m)',
      'Latitude: 2291123648 (39 deg 54 min 0.000 sec N)',
      'Longitude: 2566493648 (116 deg 23 min 30.000 sec E)',
      'Altitude: 10005000 (50 m)',
    ]);
    expect(got.error).toBe(null);
    expect(dns(LOC).f(['dns.loc.size', 'dns.loc.latitude', 'dns.loc.longitude', 'dns.loc.altitude'])).toEqual({
      'dns.loc.size': '18',
      'dns.loc.latitude': '2291123648',
      'dns.loc.longitude': '2566493648',
      'dns.loc.altitude': '10005000',
    });
    truncations(LOC);
  });
  it('NAPTR: order, preference and flags in the label and Info', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(NAPTR);
    expect(got.lines).toEqual([
      'packetloom.test: type NAPTR, class IN, order 100, preference 10, flags S',
      'Name: packetloom.test',
      'Type: NAPTR (Naming Authority Pointer) (35)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 42',
      'Order: 100',
      'Preference: 10',
      'Flags Length: 1',
      'Flags: S',
      'Service Length: 7',
      'Service: SIP+D2U',
      'Regex Length: 0',
      'Regex:',
      '[Replacement Length: 25]',
      'Replacement: _sip._udp.packetloom.test',
    ]);
    expect(got.error).toBe(null);
    expect(dns(NAPTR).f(['dns.naptr.flags', 'dns.naptr.service', 'dns.naptr.regex', 'dns.naptr.replacement_length', 'dns.naptr.replacement'])).toEqual({
      'dns.naptr.flags': 'S',
      'dns.naptr.service': 'SIP+D2U',
      'dns.naptr.regex': '',
      'dns.naptr.replacement_length': '25',
      'dns.naptr.replacement': '_sip._udp.packetloom.test',
    });
    expect(dns(NAPTR).pinfo.info).toBe('Standard query response 0x300b NAPTR packetloom.test NAPTR 100 10 S');
    truncations(NAPTR);
  });
  it('LOC of another version; a latitude out of range; below the base altitude', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(LOC_ODD);
    expect(got.lines).toEqual([
      'a.test: type LOC, class IN',
      'Name: a.test',
      'Type: LOC (Location Information) (29)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 4',
      'Version: 1',
      'Unknown data: 01616263',
      'a.test: type LOC, class IN',
      'Name: a.test',
      'Type: LOC (Location Information) (29)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 16',
      'Version: 0',
      'Size: 153 (9e+07 m)',
      'Horizontal Precision: 0 (0 m)',
      'Vertical Precision: 255 (1.5e+14 m)',
      'Latitude: 4026531840 (Value out of range)',
      'Longitude: 16 (Value out of range)',
      'Altitude: 0 (-100000 m)',
    ]);
    expect(got.error).toBe(null);
    expect(dns(LOC_ODD).f(['dns.loc.unknown_data', 'dns.loc.latitude'])).toEqual({
      'dns.loc.unknown_data': '01616263',
      'dns.loc.latitude': '4026531840',
    });
    truncations(LOC_ODD);
  });
  it('empty HINFO and NAPTR strings, root replacement', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(HINFO_NAPTR);
    expect(got.lines).toEqual([
      'a.test: type HINFO, class IN, CPU x86, OS',
      'Name: a.test',
      'Type: HINFO (host information) (13)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 5',
      'CPU Length: 3',
      'CPU: x86',
      'OS Length: 0',
      'OS:',
      'a.test: type NAPTR, class IN, order 1, preference 2, flags',
      'Name: a.test',
      'Type: NAPTR (Naming Authority Pointer) (35)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 8',
      'Order: 1',
      'Preference: 2',
      'Flags Length: 0',
      'Flags:',
      'Service Length: 0',
      'Service:',
      'Regex Length: 0',
      'Regex:',
      '[Replacement Length: 6]',
      'Replacement: <Root>',
    ]);
    expect(got.error).toBe(null);
    expect(dns(HINFO_NAPTR).pinfo.info).toBe('Standard query response 0x0009 HINFO x86  NAPTR 1 2 ');
    truncations(HINFO_NAPTR);
  });
});
