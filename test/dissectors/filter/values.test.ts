import { describe, expect, it } from 'vitest';
import { fieldByName } from '../../../dissectors/core/fields.js';
import '../../../dissectors/packet.js';
import { FilterError } from '../../../dissectors/filter/errors.js';
import {
  bytesCompare, bytesContain, comparator, equality, fromChar, fromString, fromWord, parseAbsTime, parseHexBytes, parseIPv4,
  parseIPv6, parseInteger, parseSeconds, textOf,
} from '../../../dissectors/filter/values.js';

const at = { start: 0, end: 1 };
const hex = (b: Uint8Array | null) => (b ? Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':') : null);

describe('display-filter literals', () => {
  it('reads integers as strtoul with base 0', () => {
    expect(parseInteger('80')).toBe(80n);
    expect(parseInteger('0x50')).toBe(80n);
    expect(parseInteger('0120')).toBe(80n);
    expect(parseInteger('0b1010000')).toBe(80n);
    expect(parseInteger('0')).toBe(0n);
    expect(parseInteger('08')).toBeNull();
    expect(parseInteger('0x')).toBeNull();
    expect(parseInteger('1e3')).toBeNull();
  });

  it('reads byte strings with or without separators', () => {
    expect(hex(parseHexBytes('00:1b:21'))).toBe('00:1b:21');
    expect(hex(parseHexBytes('00-1b-21'))).toBe('00:1b:21');
    expect(hex(parseHexBytes('001b.21aa.bbcc'))).toBe('00:1b:21:aa:bb:cc');
    expect(hex(parseHexBytes('001b21'))).toBe('00:1b:21');
    expect(hex(parseHexBytes('4'))).toBe('04');
    expect(hex(parseHexBytes('474'))).toBe('47:04');
    expect(hex(parseHexBytes('1:2:3'))).toBe('01:02:03');
    expect(parseHexBytes('47::45')).toBeNull();
    expect(parseHexBytes('GET')).toBeNull();
    expect(parseHexBytes('47:')).toBeNull();
  });

  it('reads IPv4 and IPv6 addresses with prefixes', () => {
    expect(parseIPv4('10.0.0.1')).toEqual({ addr: 0x0a000001, prefix: 32 });
    expect(parseIPv4('10.0.0.0/8')).toEqual({ addr: 0x0a000000, prefix: 8 });
    expect(parseIPv4('10.0.0.0/33')).toBe('Netmask bits in a CIDR IPv4 address should be <= 32, not 33');
    expect(parseIPv4('256.0.0.1')).toBeUndefined();
    expect(parseIPv4('10.0.0')).toBeUndefined();
    const v6 = (s: string) => {
      const r = parseIPv6(s);
      return typeof r === 'object' ? `${hex(r.addr)}/${r.prefix}` : r;
    };
    expect(v6('fe80::1')).toBe('fe:80:00:00:00:00:00:00:00:00:00:00:00:00:00:01/128');
    expect(v6('fe80::/10')).toBe('fe:80:00:00:00:00:00:00:00:00:00:00:00:00:00:00/10');
    expect(v6('::')).toBe('00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00/128');
    expect(v6('::ffff:1.2.3.4')).toBe('00:00:00:00:00:00:00:00:00:00:ff:ff:01:02:03:04/128');
    expect(v6('1:2:3:4:5:6:7:8')).toBe('00:01:00:02:00:03:00:04:00:05:00:06:00:07:00:08/128');
    expect(v6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(v6('1::2::3')).toBeUndefined();
    expect(v6('fd00::/129')).toBe('Prefix in a IPv6 address should be <= 128, not 129');
  });

  it('reads times', () => {
    expect(parseAbsTime('Nov 12, 1999 08:55:44.123')).toEqual({ sec: 942396944, nsec: 123000000 });
    expect(parseAbsTime('2011-07-04 12:34:56')).toEqual({ sec: 1309782896, nsec: 0 });
    expect(parseAbsTime('2011-07-04')).toEqual({ sec: 1309737600, nsec: 0 });
    expect(parseAbsTime('Jan  1, 2010 00:00:00')).toEqual({ sec: 1262304000, nsec: 0 });
    expect(parseAbsTime('abc')).toBeNull();
    expect(parseSeconds('1.5')).toEqual({ sec: 1, nsec: 500000000 });
    expect(parseSeconds('.25')).toEqual({ sec: 0, nsec: 250000000 });
    expect(parseSeconds('x')).toBeNull();
  });

  it('converts literals to the type of the other side', () => {
    const f = (n: string) => fieldByName(n)!;
    expect(fromWord('UDP', 'uint8', f('ip.proto'), false, at)).toEqual({ type: 'uint8', value: 17 });
    expect(fromWord('0x11', 'uint8', f('ip.proto'), false, at)).toEqual({ type: 'uint8', value: 17 });
    expect(fromWord('True', 'boolean', f('tcp.flags.syn'), false, at).value).toBe(1);
    expect(fromWord('Set', 'boolean', f('tcp.flags.syn'), false, at).value).toBe(1);
    expect(fromWord('10.0.0.0/8', 'ipv4', undefined, false, at)).toEqual({ type: 'ipv4', value: 0x0a000000, prefix: 8 });
    expect(hex(fromWord('00.1b.21.aa.bb.cc', 'ether', undefined, false, at).value as Uint8Array)).toBe('00:1b:21:aa:bb:cc');
    expect(hex(fromWord('00:1b', 'ether', undefined, true, at).value as Uint8Array)).toBe('00:1b');
    expect(fromWord('www.example.com', 'string', undefined, false, at).value).toBe('www.example.com');
    expect(fromWord('1.5', 'double', undefined, false, at).value).toBe(1.5);
    expect(new TextDecoder().decode(fromWord('GET', 'protocol', undefined, false, at).value as Uint8Array)).toBe('GET');
    expect(fromString(Uint8Array.of(0xc2, 0xb7), 'string', undefined, at).value).toBe('\u00b7');
    expect(fromString(Uint8Array.of(0xff), 'string', undefined, at).value).toBe('\u00ff');
    expect(fromChar(0x50, "'P'", 'uint16', at).value).toBe(80);
    expect(hex(fromChar(0x47, "'G'", 'bytes', at).value as Uint8Array)).toBe('47');
    expect(() => fromWord('x', 'ipv4', undefined, false, { start: 3, end: 4 })).toThrow(FilterError);
    expect(textOf(Uint8Array.of(0x61, 0x80))).toBe('a\u0080');
  });

  it('compares as Wireshark does', () => {
    // Byte strings: shorter first, then by content.
    expect(bytesCompare(Uint8Array.of(0xff), Uint8Array.of(0, 0))).toBe(-1);
    expect(bytesCompare(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(-1);
    expect(bytesContain(Uint8Array.of(1, 2, 3, 2, 3, 4), Uint8Array.of(3, 4))).toBe(true);
    expect(bytesContain(Uint8Array.of(1, 2, 3), Uint8Array.of(3, 4))).toBe(false);
    // Addresses under a prefix.
    expect(equality('ipv4', 8)(0x0a010203, 0x0a000000)).toBe(true);
    expect(equality('ipv4', 32)(0x0a010203, 0x0a000000)).toBe(false);
    expect(comparator('ipv4', 16)(0xd83a0001, 0xd83a0000)).toBe(0);
    const a = new Uint8Array(16);
    const b = new Uint8Array(16);
    a[0] = 0xfe; a[1] = 0x80; a[15] = 1;
    b[0] = 0xfe; b[1] = 0xbf;
    expect(comparator('ipv6', 10)(a, b)).toBe(0);
    expect(comparator('ipv6', 16)(a, b)).toBe(-1);
    expect(equality('uint64', undefined)(5n, 5)).toBe(true);
    expect(comparator('abstime', undefined)({ sec: 1, nsec: 2 }, { sec: 1, nsec: 1 })).toBe(1);
  });
});
