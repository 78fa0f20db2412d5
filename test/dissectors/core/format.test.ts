import { describe, expect, it } from 'vitest';
import { bitPattern, uint32Text } from '../../../dissectors/core/format.js';

describe('uint32Text', () => {
  it('is String(n) over the whole uint32 range, at the edges and in between', () => {
    const edges = [0, 1, 9, 10, 99, 100, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffff6, 0xfffffff9, 0xfffffffa, 0xffffffff, 4294967290, 2147483650];
    for (const n of edges) expect(uint32Text(n)).toBe(String(n));
    // A deterministic walk over the range (a multiplicative step hits every digit pattern).
    for (let i = 0, n = 12345; i < 200_000; i++, n = (Math.imul(n, 1103515245) + 12345) >>> 0) expect(uint32Text(n)).toBe(String(n));
  });
});

describe('hex digits of labels and of -T fields values', () => {
  it('labels a masked hex field with the digits of its mask span, -T fields with those of its type (Wireshark hfinfo_hex_digits)', async () => {
    const { defineField } = await import('../../../dissectors/core/fields.js');
    const { displayValue, fieldText } = await import('../../../dissectors/core/format.js');
    // ICMP extension Reserved (pcpp-IcmpPackets.pcap frame 3): 6-bit mask in 16 bits → "0x00".
    const reserved = defineField('plfmt.reserved', 'Reserved', 'uint16', { base: 'hex', mask: 0x003f });
    // IPv4 timestamp option flag (pcpp-ipv4-options.pcap frame 2): 4 bits → "0x0".
    const flag = defineField('plfmt.flag', 'Flag', 'uint8', { base: 'hex', mask: 0x0f });
    const flags = defineField('plfmt.flags', 'Flags', 'uint16', { base: 'hex', mask: 0x0fff });
    const plain = defineField('plfmt.plain', 'Plain', 'uint16', { base: 'hex' });
    expect([displayValue(reserved, 0), displayValue(flag, 1), displayValue(flags, 2), displayValue(plain, 2)]).toEqual(['0x00', '0x1', '0x002', '0x0002']);
    expect([fieldText(reserved, 0), fieldText(flags, 2)]).toEqual(['0x0000', '0x0002']);
  });
});

describe('formatUtc', () => {
  it('agrees with Date over past and future dates, and goes on where a JS Date stops (as gmtime)', async () => {
    const { formatUtc } = await import('../../../dissectors/core/format.js');
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const p2 = (n: number) => String(n).padStart(2, '0');
    for (let i = 0, sec = -5_000_000_000; i < 5000; i++, sec += 2_345_678 + i * 977) {
      const d = new Date(sec * 1000);
      const want = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')}, ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.000000007 UTC`;
      expect(formatUtc({ sec, nsec: 7 })).toBe(want);
    }
    // pcpp-pcapng-example.pcapng frame 61, as tshark 4.0 prints it.
    expect(formatUtc({ sec: 18446744073204, nsec: 126338000 })).toBe('Jan 19, 586524 07:53:24.126338000 UTC');
  });
});

describe('bitPattern', () => {
  /** The definition, bit by bit in doubles: what the fast path (and its cache) must give. */
  function reference(mask: number, bits: number, value: number): string {
    let sh = 0;
    while (sh < 32 && Math.floor(mask / 2 ** sh) % 2 === 0) sh++;
    const shifted = value * 2 ** sh;
    let s = '';
    for (let i = bits - 1; i >= 0; i--) {
      const bit = 2 ** i;
      s += Math.floor(mask / bit) % 2 === 1 ? (Math.floor(shifted / bit) % 2 === 1 ? '1' : '0') : '.';
      if (i % 4 === 0 && i) s += ' ';
    }
    return s + ' = ';
  }

  it('draws the mask over the width with the value in it, as Wireshark does', () => {
    expect(bitPattern(0xf0, 8, 4)).toBe('0100 .... = ');
    expect(bitPattern(0x1fff, 16, 0)).toBe('...0 0000 0000 0000 = ');
    expect(bitPattern(0xfffff, 24, 0x12345)).toBe('.... 0001 0010 0011 0100 0101 = ');
  });

  it('equals the bit-by-bit definition for every width, mask and value tried, cached or not', () => {
    const masks = [0, 1, 0x3c, 0xf0, 0x0f, 0xe0, 0x0020, 0x0e00, 0x1fff, 0x7fff, 0x8000, 0xfff8, 0xfffff, 0x0ff00000, 0x80000000, 0xffffffff];
    const values = [0, 1, 2, 5, 7, 15, 255, 4095, 65535, 0xfffff, 0x7fffffff, 0xffffffff, 12345678];
    for (const m of masks) for (const bits of [1, 4, 8, 12, 16, 24, 32]) for (const v of values) {
      for (let pass = 0; pass < 2; pass++) expect(bitPattern(m, bits, v), `${m.toString(16)}/${bits}/${v}`).toBe(reference(m, bits, v));
    }
  });
});
