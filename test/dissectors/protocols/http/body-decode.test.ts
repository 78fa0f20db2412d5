import { deflateSync, gzipSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inflateBody, isInflatable } from '../../../../dissectors/protocols/http/body-decode.js';

const text = new TextEncoder().encode('the quick brown fox jumps over the lazy dog\n'.repeat(500));

describe('inflateBody', () => {
  it('recognises gzip, zlib and raw DEFLATE from the data', () => {
    for (const c of [gzipSync(text), zlibSync(text), deflateSync(text)]) expect(inflateBody(c)).toEqual(text);
  });

  it('keeps the first part of a body cut short, as zlib does for a short capture', () => {
    for (const c of [gzipSync(text), zlibSync(text), deflateSync(text)]) {
      const part = inflateBody(c.subarray(0, c.length >> 1));
      expect(part).not.toBeNull();
      expect(part!.length).toBeGreaterThan(0);
      expect(part!.length).toBeLessThan(text.length);
      expect(part).toEqual(text.subarray(0, part!.length));
    }
  });

  it('returns an empty body for a complete stream of nothing, null for data that is not compressed', () => {
    // The 20-byte gzip member of an empty file (pcpp-http-packets2.pcap frame 13).
    expect(inflateBody(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toEqual(new Uint8Array(0));
    expect(inflateBody(new TextEncoder().encode('abcd'))).toBeNull();
    expect(inflateBody(new Uint8Array(0))).toBeNull();
    expect(inflateBody(Uint8Array.from([0x1f, 0x8b]))).toBeNull();
  });

  it('keeps what came out before corrupt data', () => {
    const c = gzipSync(text);
    const bad = c.slice();
    bad[c.length >> 1]! ^= 0xff;
    const r = inflateBody(bad);
    expect(r).not.toBeNull();
    expect(r!.subarray(0, 100)).toEqual(text.subarray(0, 100));
  });

  it('knows which codings it removes', () => {
    expect(['gzip', 'X-GZIP', 'deflate', 'x-deflate'].map(isInflatable)).toEqual([true, true, true, true]);
    expect(['br', 'compress', 'identity'].map(isInflatable)).toEqual([false, false, false]);
  });
});
