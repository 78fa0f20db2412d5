import { describe, expect, it } from 'vitest';
import { checkTruncations, dissect, fieldsOf, hex } from '../../helpers/corpus-link.js';

// A minimal IPv4 header (10.0.0.1 → 10.0.0.2, UDP) and IPv6 header (fe80::1 → fe80::2, no next header).
const IP4 = '45000014000100004011f7c40a0000010a000002';
const IP6 = '6000000000003b40fe800000000000000000000000000001fe800000000000000000000000000002';

describe('raw IP link types', () => {
  it('picks IPv4 or IPv6 by the version nibble (LINKTYPE_RAW, 101, 12, 14)', () => {
    for (const lt of [101, 12, 14]) {
      expect(fieldsOf(dissect(lt, hex(IP4)), ['frame.protocols'])).toEqual({ 'frame.protocols': 'raw:ip' });
      expect(fieldsOf(dissect(lt, hex(IP6)), ['frame.protocols'])['frame.protocols']!.startsWith('raw:ipv6')).toBe(true);
    }
  });

  it('is malformed when there are fewer than 8 bytes to look at, as in Wireshark', () => {
    expect(() => dissect(101, hex('50010203'))).toThrow();
  });

  it('has no link layer of its own for LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229)', () => {
    expect(fieldsOf(dissect(228, hex(IP4)), ['frame.protocols'])).toEqual({ 'frame.protocols': 'ip' });
    expect(fieldsOf(dissect(229, hex(IP6)), ['frame.protocols'])['frame.protocols']!.split(':')[0]).toBe('ipv6');
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(101, hex(IP4));
    checkTruncations(101, hex(IP6), 60);
    checkTruncations(228, hex(IP4));
    checkTruncations(229, hex(IP6));
  });
});
