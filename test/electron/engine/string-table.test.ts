import { describe, expect, it } from 'vitest';
import { StringTable } from '../../../electron/engine/session.js';
import { AddrKind } from '../../../dissectors/core/pinfo.js';

describe('StringTable', () => {
  it('gives every distinct IPv4 address one id and its text, through cache collisions and evictions', () => {
    const t = new StringTable();
    const b = new Uint8Array(4);
    const ip = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
    const at = (n: number) => {
      b[0] = n >>> 24; b[1] = (n >>> 16) & 255; b[2] = (n >>> 8) & 255; b[3] = n & 255;
      return t.addr(AddrKind.IPv4, b, 0);
    };
    // Far more addresses than cache slots, in an order that revisits old ones after evictions.
    const addrs = Array.from({ length: 20_000 }, (_, k) => (0x0a000000 + Math.imul(k, 2654435761)) >>> 0);
    const ids = new Map<number, number>();
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < addrs.length; k += round + 1) {
        const a = addrs[k]!;
        const id = at(a);
        expect(t.strings[id]).toBe(ip(a));
        expect(t.kinds[id]).toBe(AddrKind.IPv4);
        if (ids.has(a)) expect(id).toBe(ids.get(a));
        else ids.set(a, id);
      }
    }
    expect(new Set(ids.values()).size).toBe(new Set(addrs).size);
  });

  it('gives texts one id each, the same object or not', () => {
    const t = new StringTable();
    const names = ['TCP', 'UDP', 'DNS', 'HTTP', 'ARP', 'ICMP', 'ICMPv6', 'TLSv1.2', 'HTTP/XML', 'SSDP', 'MDNS', 'NBNS', 'DHCP', 'QUIC', 'TCP ', 'T'];
    const first = names.map((n) => t.id(n));
    expect(new Set(first).size).toBe(names.length);
    for (let r = 0; r < 5; r++) {
      names.forEach((n, k) => expect(t.id(n.split('').join(''))).toBe(first[k]));
    }
    expect(t.id('')).toBe(0);
    expect(first.map((id) => t.strings[id])).toEqual(names);
  });
});
