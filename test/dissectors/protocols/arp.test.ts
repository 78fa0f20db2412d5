import { describe, expect, it } from 'vitest';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { extractFields } from '../../../dissectors/output/fields.js';
import { treeLines } from '../../../dissectors/output/text.js';
import { checkTruncations, dissect, fieldsOf, hex, hexDump } from '../../helpers/corpus-link.js';

// arkime-cloudshark-arp.pcap frame 2: an ARP reply.
// 0000  00 1a 6b 6c 0c cc 00 1d 09 f0 92 ab 08 06 00 01   ..kl............
// 0010  08 00 06 04 00 02 00 1d 09 f0 92 ab 0a 0a 0a 01   ................
// 0020  00 1a 6b 6c 0c cc 0a 0a 0a 02                     ..kl......
const REPLY = hexDump(`
0000  00 1a 6b 6c 0c cc 00 1d 09 f0 92 ab 08 06 00 01   ..kl............
0010  08 00 06 04 00 02 00 1d 09 f0 92 ab 0a 0a 0a 01   ................
0020  00 1a 6b 6c 0c cc 0a 0a 0a 02                     ..kl......
`);

const ETH = 'ffffffffffff001122334455 0806';
const HDR = '0001 0800 06 04';
const MAC = '001122334455';

const ARP_FIELDS = ['arp.hw.type', 'arp.proto.type', 'arp.hw.size', 'arp.proto.size', 'arp.opcode', 'arp.src.hw_mac', 'arp.src.proto_ipv4', 'arp.dst.hw_mac', 'arp.dst.proto_ipv4'];

describe('ARP', () => {
  it('decodes a reply with the Info and columns of tshark', () => {
    const p = dissect(1, REPLY);
    expect(fieldsOf(p, ARP_FIELDS)).toEqual({
      'arp.hw.type': '1', 'arp.proto.type': '0x0800', 'arp.hw.size': '6', 'arp.proto.size': '4', 'arp.opcode': '2',
      'arp.src.hw_mac': '00:1d:09:f0:92:ab', 'arp.src.proto_ipv4': '10.10.10.1', 'arp.dst.hw_mac': '00:1a:6b:6c:0c:cc', 'arp.dst.proto_ipv4': '10.10.10.2',
    });
    expect([p.protocol, p.info, p.srcText(), p.dstText()]).toEqual(['ARP', '10.10.10.1 is at 00:1d:09:f0:92:ab', '00:1d:09:f0:92:ab', '00:1a:6b:6c:0c:cc']);
  });

  it('names requests, gratuitous ARP, probes, announcements, RARP and the other opcodes as tshark does', () => {
    const cases: [string, string, string][] = [
      [`${HDR} 0001 ${MAC} 0a000002 000000000000 0a000001`, 'ARP', 'Who has 10.0.0.1? Tell 10.0.0.2'],
      [`${HDR} 0001 ${MAC} 0a000001 000000000000 0a000001`, 'ARP', 'ARP Announcement for 10.0.0.1'],
      [`${HDR} 0001 ${MAC} 00000000 000000000000 0a000001`, 'ARP', 'Who has 10.0.0.1? (ARP Probe)'],
      [`${HDR} 0001 ${MAC} 0a000001 ffffffffffff 0a000001`, 'ARP', 'Gratuitous ARP for 10.0.0.1 (Request)'],
      [`${HDR} 0002 ${MAC} 0a000001 ffffffffffff 0a000001`, 'ARP', 'Gratuitous ARP for 10.0.0.1 (Reply)'],
      [`${HDR} 0003 ${MAC} 00000000 aabbccddeeff 00000000`, 'RARP', 'Who is aa:bb:cc:dd:ee:ff? Tell 00:11:22:33:44:55'],
      [`${HDR} 0004 ${MAC} 0a000001 aabbccddeeff 0a000002`, 'RARP', 'aa:bb:cc:dd:ee:ff is at 10.0.0.2'],
      [`${HDR} 0008 ${MAC} 0a000001 aabbccddeeff 0a000002`, 'Inverse ARP', 'Who is aa:bb:cc:dd:ee:ff? Tell 00:11:22:33:44:55'],
      [`${HDR} 0009 ${MAC} 0a000001 aabbccddeeff 0a000002`, 'Inverse ARP', '00:11:22:33:44:55 is at 10.0.0.1'],
      [`${HDR} 000a ${MAC} 0a000001 aabbccddeeff 0a000002`, 'ARP', 'ARP NAK'],
      ['0001 86dd 06 10 0001 001122334455 20010db8000000000000000000000001 000000000000 20010db8000000000000000000000002', 'ARP',
        'Who has 20010db8000000000000000000000002? Tell 20010db8000000000000000000000001'],
      ['0001 0800 00 04 0001 0a000001 0a000002', 'ARP', 'Who has 10.0.0.2? Tell 10.0.0.1'],
      ['0001 0800 06 00 0001 001122334455 aabbccddeeff', 'ARP', 'Who has <No address>? Tell <No address>'],
    ];
    for (const [body, proto, info] of cases) {
      const p = dissect(1, hex(`${ETH} ${body}`));
      expect([p.protocol, p.info], body).toEqual([proto, info]);
    }
  });

  it('shows addresses of other sizes as bytes (tcpdump-arp-too-long-tha.pcap, under an 802.1ad tag)', () => {
    // 0000  30 30 30 30 30 30 30 30 30 30 30 30 88 a8 30 30   000000000000..00
    // 0010  08 06 30 30 08 00 0e 04 00 01 30 30 30 30 30 30   ..00......000000
    // 0020  30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30   0000000000000000
    // 0030  30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30   0000000000000000
    const bytes = hexDump(`
0000  30 30 30 30 30 30 30 30 30 30 30 30 88 a8 30 30   000000000000..00
0010  08 06 30 30 08 00 0e 04 00 01 30 30 30 30 30 30   ..00......000000
0020  30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30   0000000000000000
0030  30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30   0000000000000000
`);
    const p = dissect(1, bytes, 262144);
    expect(fieldsOf(p, ['arp.opcode', 'arp.src.hw', 'arp.src.hw_mac', 'arp.src.proto_ipv4', 'arp.dst.proto_ipv4', 'arp.isgratuitous', 'ieee8021ad.id', 'ieee8021ah.trailer', 'vlan.id'])).toEqual({
      'arp.opcode': '1', 'arp.src.hw': '3030303030303030303030303030', 'arp.src.hw_mac': '', 'arp.src.proto_ipv4': '48.48.48.48',
      'arp.dst.proto_ipv4': '48.48.48.48', 'arp.isgratuitous': '1', 'ieee8021ad.id': '48', 'ieee8021ah.trailer': '3030', 'vlan.id': '',
    });
    expect([p.protocol, p.info]).toEqual(['ARP', 'Gratuitous ARP for 48.48.48.48 (Request)']);
    checkTruncations(1, bytes, 262144);
  });

  it('detects an IP address claimed by two MAC addresses (tree only, as tshark)', () => {
    const d = new CaptureDissector({ catchErrors: false });
    const f1 = hex(`${ETH} ${HDR} 0002 001122334455 0a000001 aabbccddeeff 0a000002`);
    const f2 = hex(`${ETH} ${HDR} 0002 001122334466 0a000001 aabbccddeeff 0a000002`);
    d.dissect({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: f1.length }, f1, true);
    const p = d.dissect({ num: 2, tsSec: 1, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: f2.length }, f2, true);
    expect(extractFields(p.tree, ['arp.duplicate-address-frame', 'arp.seconds-since-duplicate-address-frame'])).toEqual([['1'], ['1']]);
    expect(p.info).toBe('10.0.0.1 is at 00:11:22:33:44:66');
    // As tshark -V prints it: one pair of brackets (a generated item's), not two.
    expect(treeLines(p.tree)).toContain('[Duplicate IP address detected for 10.0.0.1 (00:11:22:33:44:66) - also in use by 00:11:22:33:44:55 (frame 1)]');
  });

  it('is malformed when the addresses run past the data', () => {
    expect(() => dissect(1, hex(`${ETH} ${HDR} 0001 ${MAC} 0a00`))).toThrow();
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(1, REPLY);
    checkTruncations(1, hex(`${ETH} ${HDR} 0003 ${MAC} 00000000 aabbccddeeff 00000000`), 60);
  });
});
