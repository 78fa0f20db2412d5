import { describe, expect, it } from 'vitest';
import { checkTruncations, dissect, fieldsOf, hex, hexDump } from '../../helpers/corpus-link.js';

// arkime-cloudshark-arp.pcap frame 1: a broadcast ARP request padded to 60 bytes.
// 0000  ff ff ff ff ff ff 00 1a 6b 6c 0c cc 08 06 00 01   ........kl......
// 0010  08 00 06 04 00 01 00 1a 6b 6c 0c cc 0a 0a 0a 02   ........kl......
// 0020  00 00 00 00 00 00 0a 0a 0a 01 00 00 00 00 00 00   ................
// 0030  00 00 00 00 00 00 00 00 00 00 00 00               ............
const PADDED = hexDump(`
0000  ff ff ff ff ff ff 00 1a 6b 6c 0c cc 08 06 00 01   ........kl......
0010  08 00 06 04 00 01 00 1a 6b 6c 0c cc 0a 0a 0a 02   ........kl......
0020  00 00 00 00 00 00 0a 0a 0a 01 00 00 00 00 00 00   ................
0030  00 00 00 00 00 00 00 00 00 00 00 00               ............
`);

const ARP_BODY = '0001080006040001001a6b6c0ccc0a0a0a02 0000000000000a0a0a01';
const ETH_ARP = 'ffffffffffff001a6b6c0ccc0806';

describe('Ethernet II', () => {
  it('decodes addresses and type, and zero padding up to 60 bytes', () => {
    const p = dissect(1, PADDED);
    expect(fieldsOf(p, ['eth.dst', 'eth.src', 'eth.type', 'eth.addr', 'eth.dst.ig', 'eth.src.lg', 'eth.padding', 'eth.trailer', 'frame.protocols'])).toEqual({
      'eth.dst': 'ff:ff:ff:ff:ff:ff',
      'eth.src': '00:1a:6b:6c:0c:cc',
      'eth.type': '0x0806',
      'eth.addr': 'ff:ff:ff:ff:ff:ff,00:1a:6b:6c:0c:cc',
      'eth.dst.ig': '1',
      'eth.src.lg': '0',
      'eth.padding': '000000000000000000000000000000000000',
      'eth.trailer': '',
      'frame.protocols': 'eth:ethertype:arp',
    });
    expect(p.srcText()).toBe('00:1a:6b:6c:0c:cc');
    expect(p.dstText()).toBe('ff:ff:ff:ff:ff:ff');
  });

  it('splits what follows the payload into padding, trailer and an assumed FCS (frames of 64+ bytes)', () => {
    // tshark: eth.padding 18 zero bytes, eth.trailer deadbeef, eth.fcs 0x11223344.
    const p = dissect(1, hex(`${ETH_ARP} ${ARP_BODY} ${'00'.repeat(18)} deadbeef 11223344`));
    expect(fieldsOf(p, ['eth.padding', 'eth.trailer', 'eth.fcs'])).toEqual({
      'eth.padding': '00'.repeat(18),
      'eth.trailer': 'deadbeef',
      'eth.fcs': '0x11223344',
    });
  });

  it('shows short or non-zero leftovers as a trailer, without padding', () => {
    expect(fieldsOf(dissect(1, hex(`${ETH_ARP} ${ARP_BODY} 0102`)), ['eth.padding', 'eth.trailer'])).toEqual({ 'eth.padding': '', 'eth.trailer': '0102' });
    // Padding must be all zeros (Wireshark's default "Zeros"): otherwise it is all trailer.
    expect(fieldsOf(dissect(1, hex(`${ETH_ARP} ${ARP_BODY} 01 ${'00'.repeat(17)}`)), ['eth.padding', 'eth.trailer'])).toEqual({
      'eth.padding': '',
      'eth.trailer': '01' + '00'.repeat(17),
    });
  });

  it('labels an unknown EtherType by number, with its name as Info when Wireshark knows one', () => {
    let p = dissect(1, hex('ffffffffffff001122334455 88b5 01020304'));
    expect([p.protocol, p.info]).toEqual(['0x88b5', 'Local Experimental Ethertype 1']);
    expect(fieldsOf(p, ['frame.protocols', 'data.data'])).toEqual({ 'frame.protocols': 'eth:ethertype:data', 'data.data': '01020304' });
    p = dissect(1, hex('ffffffffffff001122334455 1234 01020304'));
    expect([p.protocol, p.info]).toEqual(['0x1234', 'Ethernet II']);
  });

  it('decodes IEEE 802.3 length frames and invalid length/type values', () => {
    // 0x0008: a length; the LLC payload (not dissected yet) is data.
    let p = dissect(1, hex('01000ccccccc000f345f168d 0008 aaaa03000000 0102'));
    expect(fieldsOf(p, ['eth.len', 'eth.type', 'eth.src', 'frame.protocols'])).toEqual({
      'eth.len': '8', 'eth.type': '', 'eth.src': '00:0f:34:5f:16:8d', 'frame.protocols': 'eth:data',
    });
    expect(p.info).toBe('IEEE 802.3 Ethernet ');
    p = dissect(1, hex('ffffffffffff001122334455 05ff 0102'));
    expect([p.protocol, p.info]).toEqual(['Ethernet', 'Ethernet Unknown: Invalid length/type: 0x05ff (1535)']);
    // BASE_HEX_DEC prints as hex in -T fields.
    expect(fieldsOf(p, ['eth.invalid_lentype'])).toEqual({ 'eth.invalid_lentype': '0x05ff' });
  });

  it('sets the destination before the source when the header is cut', () => {
    const d = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x11, 0x22]);
    let err: unknown;
    try {
      dissect(1, d);
    } catch (e) {
      err = e;
    }
    expect(err).toBeDefined();
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(1, PADDED);
    checkTruncations(1, hex(`${ETH_ARP} ${ARP_BODY} ${'00'.repeat(18)} deadbeef 11223344`));
    checkTruncations(1, hex('01000ccccccc000f345f168d 0008 aaaa03000000 0102'), 100);
  });
});
