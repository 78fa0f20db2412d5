import { describe, expect, it } from 'vitest';
import { checkTruncations, dissect, fieldsOf, hex, hexDump } from '../../helpers/corpus-link.js';

// tcpdump-802.1ad_QinQ.pcap frame 1: S-tag 200 (0x88a8), C-tag 2001 (0x8100), ARP, padding, trailer.
// 0000  ff ff ff ff ff ff 00 20 d2 5a fb 3f 88 a8 00 c8   ....... .Z.?....
// 0010  81 00 07 d1 08 06 00 01 08 00 06 04 00 01 00 20   ............... 
// 0020  d2 5a fb 3f ac 15 4f 61 00 00 00 00 00 00 ac 15   .Z.?..Oa........
// 0030  4f 64 00 00 00 00 00 00 00 00 00 00 00 00 00 00   Od..............
const QINQ = hexDump(`
0000  ff ff ff ff ff ff 00 20 d2 5a fb 3f 88 a8 00 c8   ....... .Z.?....
0010  81 00 07 d1 08 06 00 01 08 00 06 04 00 01 00 20   ............... 
0020  d2 5a fb 3f ac 15 4f 61 00 00 00 00 00 00 ac 15   .Z.?..Oa........
0030  4f 64 00 00 00 00 00 00 00 00 00 00 00 00 00 00   Od..............
`);

describe('802.1Q and 802.1ad', () => {
  it('dissects an 802.1ad S-tag as ieee8021ad, so vlan.id holds only the C-tag', () => {
    const p = dissect(1, QINQ);
    expect(fieldsOf(p, ['eth.type', 'vlan.id', 'vlan.priority', 'vlan.dei', 'vlan.etype', 'ieee8021ad.id', 'ieee8021ah.etype', 'eth.padding', 'vlan.trailer', 'frame.protocols'])).toEqual({
      'eth.type': '0x88a8',
      'vlan.id': '2001',
      'vlan.priority': '0',
      'vlan.dei': '0',
      'vlan.etype': '0x0806',
      'ieee8021ad.id': '200',
      'ieee8021ah.etype': '0x8100',
      'eth.padding': '00000000000000000000',
      'vlan.trailer': '00000000',
      'frame.protocols': 'eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:arp',
    });
    expect([p.protocol, p.info]).toEqual(['ARP', 'Who has 172.21.79.100? Tell 172.21.79.97']);
  });

  it('lists both tags of a double 802.1Q tag in vlan.id, outer first', () => {
    // pcpp-VlanPackets.pcap: VLAN 118 then VLAN 10, then an EtherType nobody claims here.
    const p = dissect(1, hex('001bd41ba4d8 0013c3dfae18 8100 0076 8100 000a 88b5 0102'));
    expect(fieldsOf(p, ['vlan.id', 'vlan.etype', 'eth.type'])).toEqual({ 'vlan.id': '118,10', 'vlan.etype': '0x8100,0x88b5', 'eth.type': '0x8100' });
  });

  it('shows priority, DEI and the VLAN columns when nothing above claims the payload', () => {
    const p = dissect(1, hex('ffffffffffff001a6b6c0ccc 8100 b076 88b5 0102'));
    expect(fieldsOf(p, ['vlan.priority', 'vlan.dei', 'vlan.id'])).toEqual({ 'vlan.priority': '5', 'vlan.dei': '1', 'vlan.id': '118' });
    expect([p.protocol, p.info]).toEqual(['0x88b5', 'Local Experimental Ethertype 1']);
  });

  it('reads an 802.3 length inside a tag as vlan.len', () => {
    const p = dissect(1, hex('01000ccdcdd0 0013c3dfae18 8100 a076 0008 aaaa03000000 0102'));
    expect(fieldsOf(p, ['vlan.len', 'vlan.etype', 'frame.protocols'])).toEqual({ 'vlan.len': '8', 'vlan.etype': '', 'frame.protocols': 'eth:ethertype:vlan:data' });
  });

  it('takes 0x9100 as a VLAN tag too', () => {
    const p = dissect(1, hex('ffffffffffff001a6b6c0ccc 9100 0064 88b5 00'));
    expect(fieldsOf(p, ['vlan.id'])).toEqual({ 'vlan.id': '100' });
  });

  it('stops after 20 nested tags', () => {
    const p = dissect(1, hex('ffffffffffff001a6b6c0ccc' + '8100 0001'.repeat(30) + '88b5 00'));
    expect(fieldsOf(p, ['vlan.id'])['vlan.id']!.split(',').length).toBe(20);
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(1, QINQ);
    checkTruncations(1, hex('01000ccdcdd0 0013c3dfae18 8100 a076 0008 aaaa03000000 0102'), 80);
  });
});
