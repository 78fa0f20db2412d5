import { describe, expect, it } from 'vitest';
import { portsText } from '../../../dissectors/protocols/udp.js';

describe('portsText', () => {
  it('writes source → destination for every pair, also when pairs share a cache slot', () => {
    // 20,000 pairs through a 4,096-slot cache, twice: hits, misses and evictions all return the pair's own text.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 20000; i++) {
        const src = (i * 7919) % 65536;
        const dst = (i * 104729 + round) % 65536;
        expect(portsText(src, dst)).toBe(`${src} \u2192 ${dst}`);
        expect(portsText(dst, src)).toBe(`${dst} \u2192 ${src}`);
      }
    }
  });

  it('writes values outside the port range as they are', () => {
    expect(portsText(-1, 70000)).toBe('-1 \u2192 70000');
    expect(portsText(65535, 0)).toBe('65535 \u2192 0');
    expect(portsText(1.5, 2)).toBe('1.5 \u2192 2');
  });
});
