import { describe, expect, it } from 'vitest';
import { UdpConversations } from '../../../dissectors/udp/conversations.js';

const A4 = Uint8Array.of(10, 0, 0, 1);
const B4 = Uint8Array.of(10, 0, 0, 2);
const A6 = Uint8Array.of(0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1);
const B6 = Uint8Array.of(0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2);

describe('UdpConversations', () => {
  it('numbers conversations from 0 in order of first packet, the same both ways', () => {
    const c = new UdpConversations();
    expect(c.stream(4, A4, 0, B4, 0, 5353, 53)).toBe(0);
    expect(c.stream(4, B4, 0, A4, 0, 53, 5353)).toBe(0);
    expect(c.stream(4, A4, 0, B4, 0, 5354, 53)).toBe(1);
    expect(c.stream(4, B4, 0, A4, 0, 53, 5353)).toBe(0);
    expect(c.stream(6, A6, 0, B6, 0, 5353, 53)).toBe(2);
    expect(c.stream(4, A4, 0, B4, 0, 53, 5353)).toBe(3);
    expect(c.stream(0, A4, 0, B4, 0, 1, 2)).toBe(4);
    expect(c.stream(0, B4, 0, A4, 0, 2, 1)).toBe(4);
    expect(c.count).toBe(5);
  });

  it('gives the same answers asked once, twice in a row, or interleaved', () => {
    const pairs = Array.from({ length: 3000 }, (_, i) => [1024 + ((i * 37) % 500), 53 + (i % 3)] as const);
    const once = new UdpConversations();
    const expected = pairs.map(([s, d]) => once.stream(4, A4, 0, B4, 0, s, d));
    const twice = new UdpConversations();
    pairs.forEach(([s, d], i) => {
      expect(twice.stream(4, A4, 0, B4, 0, s, d)).toBe(expected[i]);
      expect(twice.stream(4, B4, 0, A4, 0, d, s)).toBe(expected[i]);
    });
    expect(twice.count).toBe(once.count);
  });

  it('reads addresses at their offsets', () => {
    const c = new UdpConversations();
    const buf = Uint8Array.of(0xff, 0xff, ...A4, ...B4);
    expect(c.stream(4, buf, 2, buf, 6, 1000, 2000)).toBe(0);
    expect(c.stream(4, A4, 0, B4, 0, 1000, 2000)).toBe(0);
    expect(c.stream(4, buf, 0, buf, 6, 1000, 2000)).toBe(1);
  });
});
