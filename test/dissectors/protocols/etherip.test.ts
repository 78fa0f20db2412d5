/**
 * EtherIP (RFC 3378, dissectors/protocols/etherip.ts), and Ethernet as IP protocol 143 (RFC 8986).
 * Expected values: tshark 4.0.17 on the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { checkTruncations, dissect, fieldsOf, fieldsOrExperts, hexDump } from '../../helpers/corpus-net.js';

// Crafted: 192.0.2.1 → 192.0.2.2, EtherIP version 3 carrying an Ethernet frame with an ICMP echo request.
const ETHERIP = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 48 00 07 00 00 40 61 f6 4a c0 00 02 01 c0 00   .H....@a.J......
0020  02 02 30 00 00 11 22 33 44 56 00 66 77 88 99 ab   ..0..."3DV.fw...
0030  08 00 45 00 00 24 00 07 00 00 40 01 f6 ce c0 00   ..E..$....@.....
0040  02 01 c0 00 02 02 08 00 54 35 12 34 00 01 61 62   ........T5.4..ab
0050  63 64 65 66 67 68                                 cdefgh
`);

describe('EtherIP', () => {
  it('shows the version and reserved bits, then the Ethernet frame inside', () => {
    const p = dissect(ETHERIP);
    expect([p.protocol, p.info]).toEqual(['ICMP', 'Echo (ping) request  id=0x1234, seq=1/256, ttl=64']);
    expect(fieldsOf(p, ['etherip.ver', 'etherip.reserved', 'eth.src', 'frame.protocols'])).toEqual({
      'etherip.ver': '3', 'etherip.reserved': '0x0000', 'eth.src': '00:66:77:88:99:aa,00:66:77:88:99:ab', 'frame.protocols': 'eth:ethertype:ip:etherip:eth:ethertype:ip:icmp:data',
    });
    const e = findNodes(p.tree, 'etherip')[0]!;
    expect([nodeLabel(e), e.offset, e.length]).toEqual(['EtherIP, Version 3', 34, 2]);
    expect(e.children!.map((n) => nodeLabel(n))).toEqual(['0011 .... .... .... = Version: 3', '.... 0000 0000 0000 = Reserved: 0x000']);
  });

  it('warns of another version and of reserved bits set', () => {
    const b = ETHERIP.slice();
    b[34] = 0x40;
    b[35] = 0x05;
    expect(fieldsOrExperts(dissect(b), ['etherip.ver', 'etherip.ver.not3', 'etherip.reserved.not0'])).toEqual({
      'etherip.ver': '4', 'etherip.ver.not3': 'Version must be 3', 'etherip.reserved.not0': 'Reserved field must be 0',
    });
  });

  it('Ethernet as IP protocol 143 (RFC 8986): the frame right after the IP header', () => {
    const b = Uint8Array.from([...ETHERIP.slice(0, 34), ...ETHERIP.slice(36)]);
    b[17] = b[17]! - 2; // IPv4 total length
    b[23] = 143; // protocol (the header checksum is not verified)
    expect(fieldsOf(dissect(b), ['ip.proto', 'frame.protocols'])).toEqual({ 'ip.proto': '143,1', 'frame.protocols': 'eth:ethertype:ip:eth:ethertype:ip:icmp:data' });
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(ETHERIP);
  });
});
