import { describe, expect, it } from 'vitest';
import { ETHERTYPE_NAMES } from '../../../dissectors/protocols/ethertype.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { checkTruncations, dissect, fieldsOf, hex } from '../../helpers/corpus-link.js';

// ffffffffffff 001122334455 88b5 0102: an EtherType no dissector claims.
describe('ethertype hand-off', () => {
  it('has Wireshark 4.0 names for EtherTypes', () => {
    expect(ETHERTYPE_NAMES[0x0800]).toBe('IPv4');
    expect(ETHERTYPE_NAMES[0x88a8]).toBe('802.1ad Provider Bridge (Q-in-Q)');
    expect(ETHERTYPE_NAMES[0x88b5]).toBe('Local Experimental Ethertype 1');
  });

  it('gives unclaimed payloads to data with the type as Protocol', () => {
    const p = dissect(1, hex('ffffffffffff001122334455 88b5 0102'));
    expect([p.protocol, p.info]).toEqual(['0x88b5', 'Local Experimental Ethertype 1']);
    expect(fieldsOf(p, ['frame.protocols', 'data.len'])).toEqual({ 'frame.protocols': 'eth:ethertype:data', 'data.len': '2' });
  });

  it('puts the trailer field of the carrying layer after its payload (sll.trailer under SLL)', () => {
    // pcpp-sll.pcap frame 11: an ARP reply followed by 18 non-zero bytes (no padding).
    const p = dissect(113, hex('00000001000630469a23fbfa00000806 0001080006040002 30469a23fbfa0a00008a 080027191c780a000008 742066726f6d20627269646765002a2a2a20'));
    expect(fieldsOf(p, ['sll.trailer', 'eth.padding'])).toEqual({ 'sll.trailer': '742066726f6d20627269646765002a2a2a20', 'eth.padding': '' });
  });

  it('shows a payload\'s exception itself and still adds the padding after the IP datagram, as Wireshark\'s dissect_ethertype', () => {
    // A 40-byte IPv4 datagram whose TCP header says 44 bytes (a short segment that throws), then
    // 6 bytes of zero padding up to 60.
    const frame = hex('001122334455 66778899aabb 0800 4500002800014000400626cd0a0000010a000002 07d0005000000 3e800000007 bfff faf0 1234 0005 000000000000'.replace(/ /g, ''));
    const d = new CaptureDissector();
    const p = d.dissect({ num: 1, tsSec: 1, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: frame.length }, frame, true);
    expect(d.threw).toBe(true);
    expect(p.info).toContain('[Malformed Packet]');
    expect(fieldsOf(p, ['eth.padding'])).toEqual({ 'eth.padding': '000000000000' });
    const top = (p.tree.children ?? []).map((n) => n.label ?? n.field?.abbrev);
    expect(top.slice(-1)).toEqual(['[Malformed Packet: TCP]']);
    // With the catch off (tests), the exception goes on up.
    expect(() => dissect(1, frame)).toThrow();
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(1, hex('ffffffffffff001122334455 88b5 0102'));
  });
});

describe('Ethernet padding', () => {
  // An ARP request (42 bytes) padded with zeros to the 60-byte minimum frame.
  const arp = hex('ffffffffffff001122334455 0806 0001080006040001 0011223344550a000001 0000000000000a000002');
  const padded = new Uint8Array(60);
  padded.set(arp);

  it('shows zero padding as eth.padding and other bytes as eth.trailer', () => {
    expect(fieldsOf(dissect(1, padded), ['eth.padding', 'eth.trailer'])).toEqual({ 'eth.padding': '00'.repeat(18), 'eth.trailer': '' });
    const dirty = padded.slice();
    dirty[50] = 7;
    expect(fieldsOf(dissect(1, dirty), ['eth.padding', 'eth.trailer'])).toEqual({ 'eth.padding': '', 'eth.trailer': '0000000000000000070000000000000000' + '00' });
  });

  it('fails on the first padding byte not captured, unless a captured one is not zero', () => {
    // Nothing after the ARP captured: no padding or trailer is looked at.
    expect(fieldsOf(dissect(1, padded.slice(0, 42), 60), ['eth.padding', 'eth.trailer'])).toEqual({ 'eth.padding': '', 'eth.trailer': '' });
    for (let cap = 43; cap < 60; cap++) {
      // 60 bytes were on the wire, `cap` were captured.
      expect(() => dissect(1, padded.slice(0, cap), 60)).toThrow(expect.objectContaining({ kind: 'truncated', offset: cap }));
      const dirty = padded.slice(0, cap);
      dirty[cap - 1] = 1;
      const trailer = Array.from(dirty.subarray(42), (b) => b.toString(16).padStart(2, '0')).join('');
      expect(fieldsOf(dissect(1, dirty, 60), ['eth.padding', 'eth.trailer'])).toEqual({ 'eth.padding': '', 'eth.trailer': trailer });
    }
  });
});
