import { describe, expect, it } from 'vitest';
import { checkTruncations, dissect, fieldsOf, hex } from '../../helpers/corpus-link.js';

// A minimal IPv4 header (10.0.0.1 → 10.0.0.2, UDP, no payload) after the 4-byte family.
const IP4 = '45000014000100004011f7c40a0000010a000002';

describe('Null/Loopback', () => {
  it('reads the family in either byte order (LINKTYPE_NULL)', () => {
    for (const h of ['02000000', '00000002', '00020000']) {
      const p = dissect(0, hex(h + IP4));
      expect(fieldsOf(p, ['null.family', 'frame.protocols']), h).toEqual({ 'null.family': '2', 'frame.protocols': 'null:ip' });
    }
  });

  it('hands the BSD AF_INET6 values to IPv6 and other families to data', () => {
    // gopacket-test_loopback.pcap: 1e 00 00 00 (30, Darwin's AF_INET6).
    for (const fam of ['1e000000', '1c000000', '18000000']) {
      const p = dissect(0, hex(fam + '6000000000003b40' + '00'.repeat(32)));
      expect(fieldsOf(p, ['frame.protocols'])['frame.protocols']!.startsWith('null:ipv6'), fam).toBe(true);
    }
    // Linux's AF_INET6 (10) is not bound in Wireshark 4.0 either.
    const p = dissect(0, hex('0a000000 01020304'));
    expect(fieldsOf(p, ['null.family', 'frame.protocols'])).toEqual({ 'null.family': '10', 'frame.protocols': 'null:data' });
    expect([p.protocol, p.info]).toEqual(['N/A', 'Null/Loopback']);
  });

  it('takes an EtherType in the header (old Linux DLT_NULL)', () => {
    const p = dissect(0, hex('0008 0000' + IP4));
    expect(fieldsOf(p, ['null.type', 'null.family', 'frame.protocols'])).toEqual({ 'null.type': '0x0800', 'null.family': '', 'frame.protocols': 'null:ip' });
  });

  it('reads LINKTYPE_LOOP in network byte order, without guessing', () => {
    expect(fieldsOf(dissect(108, hex('00000002' + IP4)), ['null.family', 'frame.protocols'])).toEqual({ 'null.family': '2', 'frame.protocols': 'null:ip' });
    expect(fieldsOf(dissect(108, hex('02000000' + IP4)), ['null.family', 'frame.protocols'])).toEqual({ 'null.family': '33554432', 'frame.protocols': 'null:data' });
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(0, hex('02000000' + IP4));
    checkTruncations(108, hex('00000002' + IP4), 40);
    checkTruncations(0, hex('63000000 0102'));
  });
});
