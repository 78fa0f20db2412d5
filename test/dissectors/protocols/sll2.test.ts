import { describe, expect, it } from 'vitest';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-link.js';

// zeek-linux_dlt_sll2.pcap frames 5 (ARP request) and 6 (RARP request), sent by us on interface 26.
// 0000  08 06 00 00 00 00 00 1a 00 01 04 06 8e 36 06 44   .............6.D
// 0010  ac af 00 00 00 01 08 00 06 04 00 01 8e 36 06 44   .............6.D
// 0020  ac af c0 00 02 01 00 00 00 00 00 00 c0 00 02 02   ................
const ARP = hexDump(`
0000  08 06 00 00 00 00 00 1a 00 01 04 06 8e 36 06 44   .............6.D
0010  ac af 00 00 00 01 08 00 06 04 00 01 8e 36 06 44   .............6.D
0020  ac af c0 00 02 01 00 00 00 00 00 00 c0 00 02 02   ................
`);
// 0000  80 35 00 00 00 00 00 1a 00 01 04 06 8e 36 06 44   .5...........6.D
// 0010  ac af 00 00 00 01 08 00 06 04 00 03 8e 36 06 44   .............6.D
// 0020  ac af c0 00 02 01 00 00 00 00 00 00 c0 00 02 02   ................
const RARP = hexDump(`
0000  80 35 00 00 00 00 00 1a 00 01 04 06 8e 36 06 44   .5...........6.D
0010  ac af 00 00 00 01 08 00 06 04 00 03 8e 36 06 44   .............6.D
0020  ac af c0 00 02 01 00 00 00 00 00 00 c0 00 02 02   ................
`);

describe('Linux cooked capture v2', () => {
  it('uses the sll fields and protocol name, as Wireshark 4.0', () => {
    const p = dissect(276, ARP);
    expect(fieldsOf(p, ['sll.etype', 'sll.ifindex', 'sll.hatype', 'sll.pkttype', 'sll.halen', 'sll.src.eth', 'sll.unused', 'frame.protocols'])).toEqual({
      'sll.etype': '0x0806', 'sll.ifindex': '26', 'sll.hatype': '1', 'sll.pkttype': '4', 'sll.halen': '6',
      'sll.src.eth': '8e:36:06:44:ac:af', 'sll.unused': '0000', 'frame.protocols': 'sll:ethertype:arp',
    });
    expect([p.protocol, p.info, p.srcText(), p.dstText()]).toEqual(['ARP', 'Who has 192.0.2.2? Tell 192.0.2.1', '8e:36:06:44:ac:af', '']);
  });

  it('hands 0x8035 to ARP as RARP', () => {
    const p = dissect(276, RARP);
    expect([p.protocol, p.info]).toEqual(['RARP', 'Who is 00:00:00:00:00:00? Tell 8e:36:06:44:ac:af']);
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(276, ARP);
    checkTruncations(276, RARP, 60);
  });
});
