import { describe, expect, it } from 'vitest';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { checkTruncations, dissect, fieldsOf, hex } from '../../helpers/corpus-link.js';

// pcpp-sll.pcap frame 11: ARP reply, source 30:46:9a:23:fb:fa, 18 trailer bytes.
// 0000  00 00 00 01 00 06 30 46 9a 23 fb fa 00 00 08 06   ......0F.#......
// 0010  00 01 08 00 06 04 00 02 30 46 9a 23 fb fa 0a 00   ........0F.#....
// 0020  00 8a 08 00 27 19 1c 78 0a 00 00 08 74 20 66 72   ....'..x....t fr
// 0030  6f 6d 20 62 72 69 64 67 65 00 2a 2a 2a 20         om bridge.***
const FRAME11 = hex(`00 00 00 01 00 06 30 46 9a 23 fb fa 00 00 08 06 00 01 08 00 06 04 00 02 30 46 9a 23 fb fa 0a 00
  00 8a 08 00 27 19 1c 78 0a 00 00 08 74 20 66 72 6f 6d 20 62 72 69 64 67 65 00 2a 2a 2a 20`);

describe('Linux cooked capture v1', () => {
  it('decodes the header and hands the payload on by EtherType', () => {
    const p = dissect(113, FRAME11);
    expect(fieldsOf(p, ['sll.pkttype', 'sll.hatype', 'sll.halen', 'sll.src.eth', 'sll.unused', 'sll.etype', 'sll.trailer', 'arp.opcode', 'frame.protocols'])).toEqual({
      'sll.pkttype': '0', 'sll.hatype': '1', 'sll.halen': '6', 'sll.src.eth': '30:46:9a:23:fb:fa', 'sll.unused': '0000',
      'sll.etype': '0x0806', 'sll.trailer': '742066726f6d20627269646765002a2a2a20', 'arp.opcode': '2', 'frame.protocols': 'sll:ethertype:arp',
    });
    expect([p.protocol, p.info, p.srcText(), p.dstText()]).toEqual(['ARP', '10.0.0.138 is at 30:46:9a:23:fb:fa', '30:46:9a:23:fb:fa', '']);
  });

  it('types the source address by its length', () => {
    let p = dissect(113, hex('0004 0001 0004 0a000001 00000000 88b5 00'));
    expect(fieldsOf(p, ['sll.src.ipv4', 'sll.unused'])).toEqual({ 'sll.src.ipv4': '10.0.0.1', 'sll.unused': '00000000' });
    expect([p.protocol, p.info, p.srcText()]).toEqual(['0x88b5', 'Local Experimental Ethertype 1', '10.0.0.1']);
    p = dissect(113, hex('0004 0001 000a 0102030405060708 1234 00'));
    expect(fieldsOf(p, ['sll.src.other', 'sll.unused', 'sll.halen'])).toEqual({ 'sll.src.other': '0102030405060708', 'sll.unused': '', 'sll.halen': '10' });
    expect([p.protocol, p.info, p.srcText()]).toEqual(['0x1234', 'Sent by us', '']);
    p = dissect(113, hex('0004 0001 0000 0000000000000000 1234 00'));
    expect(fieldsOf(p, ['sll.unused'])).toEqual({ 'sll.unused': '0000000000000000' });
  });

  it('shows Linux protocol numbers as sll.ltype, and 0x0003 as Ethernet', () => {
    let p = dissect(113, hex('0000 0001 0006 001122334455 0000 0004 aaaa03'));
    expect(fieldsOf(p, ['sll.ltype', 'sll.etype', 'frame.protocols'])).toEqual({ 'sll.ltype': '0x0004', 'sll.etype': '', 'frame.protocols': 'sll:data' });
    p = dissect(113, hex('0000 0001 0006 001122334455 0000 0003 ffffffffffff 001a6b6c0ccc 88b5 00'));
    expect(fieldsOf(p, ['sll.ltype', 'eth.src', 'frame.protocols'])).toEqual({ 'sll.ltype': '0x0003', 'eth.src': '00:1a:6b:6c:0c:cc', 'frame.protocols': 'sll:eth:ethertype:data' });
  });

  it('shows the packet type as Info when the header is cut', () => {
    const p = new CaptureDissector().dissect({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 113, interfaceId: 0, origLen: 100 }, hex('0000 0001 0006 0011223344'), false);
    expect([p.protocol, p.info.startsWith('Unicast to us')]).toEqual(['SLL', true]);
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(113, FRAME11);
    checkTruncations(113, hex('0004 0001 0004 0a000001 00000000 88b5 00'), 40);
  });
});
