/**
 * The older name-holding record types (dissectors/protocols/dns/rdata-names.ts) against tshark 4.0:
 * MD, MF, MB, MG, MR, NULL, MINFO, RP, AFSDB, RT, KX; and records with an empty rdata, which
 * Wireshark does not decode at all. Lines as tshark -V prints them, fields, Info, and every
 * truncation. Crafted messages (no server here sends these types).
 */

import { describe, expect, it } from 'vitest';
import { hexDump } from '../../../helpers/hex.js';
import { answerLines, dns, truncations } from '../../../helpers/dns-message.js';

// crafted: MD, MF, MB, MG and MR records (the owner goes to Info)
const MAIL_NAMES = hexDump(`
0000  00 0d 81 80 00 00 00 05 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 03 00 01 00 00 01 2c 00 09 02 6d  est........,...m
0020  64 04 74 65 73 74 00 01 61 04 74 65 73 74 00 00  d.test..a.test..
0030  04 00 01 00 00 01 2c 00 09 02 6d 66 04 74 65 73  ......,...mf.tes
0040  74 00 01 61 04 74 65 73 74 00 00 07 00 01 00 00  t..a.test.......
0050  01 2c 00 09 02 6d 62 04 74 65 73 74 00 01 61 04  .,...mb.test..a.
0060  74 65 73 74 00 00 08 00 01 00 00 01 2c 00 09 02  test........,...
0070  6d 67 04 74 65 73 74 00 01 61 04 74 65 73 74 00  mg.test..a.test.
0080  00 09 00 01 00 00 01 2c 00 09 02 6d 72 04 74 65  .......,...mr.te
0090  73 74 00                                         st.
`);

// crafted: NULL (3 bytes), MINFO and RP records
const TWO_NAMES = hexDump(`
0000  00 0e 81 80 00 00 00 03 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 0a 00 01 00 00 01 2c 00 03 00 01  est........,....
0020  02 01 61 04 74 65 73 74 00 00 0e 00 01 00 00 01  ..a.test........
0030  2c 00 10 01 72 04 74 65 73 74 00 01 65 04 74 65  ,...r.test..e.te
0040  73 74 00 01 61 04 74 65 73 74 00 00 11 00 01 00  st..a.test......
0050  00 01 2c 00 15 04 6d 62 6f 78 04 74 65 73 74 00  ..,...mbox.test.
0060  03 74 78 74 04 74 65 73 74 00                    .txt.test.
`);

// crafted: AFSDB, RT and KX records (a 16-bit number, then a name)
const NUMBER_NAME = hexDump(`
0000  00 0f 81 80 00 00 00 03 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 12 00 01 00 00 01 2c 00 0c 00 01  est........,....
0020  03 61 66 73 04 74 65 73 74 00 01 61 04 74 65 73  .afs.test..a.tes
0030  74 00 00 15 00 01 00 00 01 2c 00 0b 00 0a 02 72  t........,.....r
0040  74 04 74 65 73 74 00 01 61 04 74 65 73 74 00 00  t.test..a.test..
0050  24 00 01 00 00 01 2c 00 0b 00 05 02 6b 78 04 74  ......,.....kx.t
0060  65 73 74 00                                      est.
`);

// crafted: A, an unknown type, NSEC and AAAA records with rdata length 0
const EMPTY_RDATA = hexDump(`
0000  00 10 81 80 00 00 00 04 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 01 00 01 00 00 01 2c 00 00 01 61  est........,...a
0020  04 74 65 73 74 00 c0 33 00 01 00 00 01 2c 00 00  .test..3.....,..
0030  01 61 04 74 65 73 74 00 00 2f 00 01 00 00 01 2c  .a.test../.....,
0040  00 00 01 61 04 74 65 73 74 00 00 1c 00 01 00 00  ...a.test.......
0050  01 2c 00 00                                      .,..
`);

describe('DNS MD, MF, MB, MG, MR, NULL, MINFO, RP, AFSDB, RT and KX records', () => {
  it('MD, MF, MB, MG, MR: one name each, the owner in Info', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(MAIL_NAMES);
    expect(got.lines).toEqual([
      'a.test: type MD, class IN',
      'Name: a.test',
      'Type: MD (Mail Destination) (3)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 9',
      'Mail Destination: md.test',
      'a.test: type MF, class IN',
      'Name: a.test',
      'Type: MF (Mail Forwarder) (4)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 9',
      'Mail Forwarder: mf.test',
      'a.test: type MB, class IN',
      'Name: a.test',
      'Type: MB (MailBox domain name) (7)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 9',
      'MailBox Domaine: mb.test',
      'a.test: type MG, class IN',
      'Name: a.test',
      'Type: MG (Mail Group member) (8)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 9',
      'Mail Group member: mg.test',
      'a.test: type MR, class IN',
      'Name: a.test',
      'Type: MR (Mail Rename domain) (9)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 9',
      'Mail Rename domaine: mr.test',
    ]);
    expect(got.error).toBe(null);
    expect(dns(MAIL_NAMES).f(['dns.md', 'dns.mf', 'dns.mb', 'dns.mg', 'dns.mr'])).toEqual({
      'dns.md': 'md.test',
      'dns.mf': 'mf.test',
      'dns.mb': 'mb.test',
      'dns.mg': 'mg.test',
      'dns.mr': 'mr.test',
    });
    expect(dns(MAIL_NAMES).pinfo.info).toBe('Standard query response 0x000d MD a.test MF a.test MB a.test MG a.test MR a.test');
    truncations(MAIL_NAMES);
  });
  it('NULL as bytes; MINFO and RP: two names each', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(TWO_NAMES);
    expect(got.lines).toEqual([
      'a.test: type NULL, class IN',
      'Name: a.test',
      'Type: NULL RR (10)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 3',
      'Null (data): 000102',
      'a.test: type MINFO, class IN',
      'Name: a.test',
      'Type: MINFO (Mailbox or mail list information) (14)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 16',
      'Responsible Mailbox: r.test',
      'Error Mailbox: e.test',
      'a.test: type RP, class IN',
      'Name: a.test',
      'Type: RP (Responsible Person) (17)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 21',
      'Mailbox: mbox.test',
      'TXT RR: txt.test',
    ]);
    expect(got.error).toBe(null);
    expect(dns(TWO_NAMES).f(['dns.null', 'dns.minfo.r', 'dns.minfo.e', 'dns.rp.mailbox', 'dns.rp.txt_rr'])).toEqual({
      'dns.null': '000102',
      'dns.minfo.r': 'r.test',
      'dns.minfo.e': 'e.test',
      'dns.rp.mailbox': 'mbox.test',
      'dns.rp.txt_rr': 'txt.test',
    });
    expect(dns(TWO_NAMES).pinfo.info).toBe('Standard query response 0x000e NULL a.test MINFO a.test RP a.test');
    truncations(TWO_NAMES);
  });
  it('AFSDB, RT, KX (KX\'s preference and exchanger in Info and label)', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(NUMBER_NAME);
    expect(got.lines).toEqual([
      'a.test: type AFSDB, class IN',
      'Name: a.test',
      'Type: AFSDB (AFS Data Base location) (18)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 12',
      'Subtype: 1',
      'Hostname: afs.test',
      'a.test: type RT, class IN',
      'Name: a.test',
      'Type: RT (Route Through) (21)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 11',
      'Preference: 10',
      'Intermediate Hostname: rt.test',
      'a.test: type KX, class IN, preference 5, kx kx.test',
      'Name: a.test',
      'Type: KX (Key Exchanger) (36)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 11',
      'Preference: 5',
      'Key Exchange: kx.test',
    ]);
    expect(got.error).toBe(null);
    expect(dns(NUMBER_NAME).f(['dns.afsdb.subtype', 'dns.afsdb.hostname', 'dns.rt.subtype', 'dns.rt.intermediate_host', 'dns.kx.preference', 'dns.kx.key_exchange'])).toEqual({
      'dns.afsdb.subtype': '1',
      'dns.afsdb.hostname': 'afs.test',
      'dns.rt.subtype': '10',
      'dns.rt.intermediate_host': 'rt.test',
      'dns.kx.preference': '5',
      'dns.kx.key_exchange': 'kx.test',
    });
    expect(dns(NUMBER_NAME).pinfo.info).toBe('Standard query response 0x000f AFSDB a.test RT a.test KX 5 kx.test');
    truncations(NUMBER_NAME);
  });
  it('empty rdata: not decoded, no note for an unknown type', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(EMPTY_RDATA);
    expect(got.lines).toEqual([
      'a.test: type A, class IN',
      'Name: a.test',
      'Type: A (Host Address) (1)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 0',
      'a.test: type Unknown (49203), class IN',
      'Name: a.test',
      'Type: Unknown (49203)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 0',
      'a.test: type NSEC, class IN',
      'Name: a.test',
      'Type: NSEC (Next Secure) (47)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 0',
      'a.test: type AAAA, class IN',
      'Name: a.test',
      'Type: AAAA (IPv6 Address) (28)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 0',
    ]);
    expect(got.error).toBe(null);
    expect(dns(EMPTY_RDATA).pinfo.info).toBe('Standard query response 0x0010 A Unknown (49203) NSEC AAAA');
    truncations(EMPTY_RDATA);
  });
});
