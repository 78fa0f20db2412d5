/**
 * The user-chosen framing of the "sticky packet" view (dissectors/tcp/framing.ts): length prefixes
 * of 1, 2 and 4 bytes in both byte orders, delimiters with escapes, messages cut short by the end
 * of the capture; and on a real DNS-over-TCP stream, 2-byte big-endian framing finds the same
 * messages the DNS dissector found (tcp.pdu.ranges).
 */
import { describe, expect, it } from 'vitest';
import { delimiterBytes, frameMessages } from '../../../dissectors/tcp/framing.js';
import { followResult, CORPUS } from '../../renderer/features/fixture-data.js';

const bytes = (...v: number[]) => Uint8Array.from(v);
const ranges = (ms: ReturnType<typeof frameMessages>) => ms.map((m) => [m.start, m.end, m.complete]);

describe('length-prefixed framing', () => {
  it('1-byte lengths: three messages, the last cut short', () => {
    const d = bytes(2, 0xaa, 0xbb, 0, 3, 1, 2);
    const m = frameMessages(d, { kind: 'length', bytes: 1, endian: 'big' });
    expect(ranges(m)).toEqual([[0, 3, true], [3, 4, true], [4, 7, false]]);
    expect(m.map((x) => x.announced)).toEqual([2, 0, 3]);
    expect(m.map((x) => x.label)).toEqual(['#1 len=2', '#2 len=0', '#3 len=3']);
  });

  it('2-byte lengths, big and little endian read the same bytes differently', () => {
    const d = bytes(0, 1, 0x41, 1, 0, 0x42);
    expect(ranges(frameMessages(d, { kind: 'length', bytes: 2, endian: 'big' }))).toEqual([[0, 3, true], [3, 6, false]]);
    expect(frameMessages(d, { kind: 'length', bytes: 2, endian: 'big' })[1]!.announced).toBe(256);
    const le = frameMessages(d, { kind: 'length', bytes: 2, endian: 'little' });
    expect(ranges(le)).toEqual([[0, 6, false]]);
    expect(le[0]!.announced).toBe(256);
  });

  it('4-byte lengths, both orders; a header itself cut short', () => {
    const be = bytes(0, 0, 0, 2, 9, 9, 0, 0);
    expect(ranges(frameMessages(be, { kind: 'length', bytes: 4, endian: 'big' }))).toEqual([[0, 6, true], [6, 8, false]]);
    const le = bytes(1, 0, 0, 0, 7, 3, 0, 0, 0, 1, 2, 3);
    expect(ranges(frameMessages(le, { kind: 'length', bytes: 4, endian: 'little' }))).toEqual([[0, 5, true], [5, 12, true]]);
    expect(frameMessages(bytes(0, 0, 0, 0xff, 0xff, 0xff, 0xff), { kind: 'length', bytes: 4, endian: 'big' })[0]!.announced).toBe(255);
    expect(frameMessages(bytes(0xff, 0xff, 0xff, 0xff), { kind: 'length', bytes: 4, endian: 'big' })[0]!.announced).toBe(0xffffffff);
  });

  it('an empty stream has no messages', () => {
    expect(frameMessages(new Uint8Array(0), { kind: 'length', bytes: 2, endian: 'big' })).toEqual([]);
    expect(frameMessages(new Uint8Array(0), { kind: 'delimiter', delimiter: '\\n' })).toEqual([]);
  });
});

describe('delimited framing', () => {
  it('escapes', () => {
    expect([...delimiterBytes('\\n')]).toEqual([10]);
    expect([...delimiterBytes('\\r\\n')]).toEqual([13, 10]);
    expect([...delimiterBytes('\\0\\t\\\\')]).toEqual([0, 9, 92]);
    expect([...delimiterBytes('\\x1e|')]).toEqual([0x1e, 0x7c]);
    expect([...delimiterBytes('\\q')]).toEqual([92, 0x71]);
    expect([...delimiterBytes('§')]).toEqual([0xc2, 0xa7]);
  });

  it('the delimiter ends its message; the rest is an incomplete message', () => {
    const d = new TextEncoder().encode('HELLO\r\nWORLD\r\n\r\npartial');
    const m = frameMessages(d, { kind: 'delimiter', delimiter: '\\r\\n' });
    expect(ranges(m)).toEqual([[0, 7, true], [7, 14, true], [14, 16, true], [16, 23, false]]);
  });

  it('an empty delimiter makes the whole stream one message', () => {
    expect(ranges(frameMessages(bytes(1, 2, 3), { kind: 'delimiter', delimiter: '' }))).toEqual([[0, 3, false]]);
  });
});

describe('a real DNS-over-TCP stream (tcpdump-dns_tcp.pcap)', () => {
  it('2-byte big-endian framing finds the messages the DNS dissector found', () => {
    const f = followResult(CORPUS + 'tcpdump-dns_tcp.pcap', 0);
    for (const dir of ['c2s', 's2c'] as const) {
      const chunks = f.chunks.filter((c) => c.dir === dir);
      const data = Buffer.concat(chunks.map((c) => Buffer.from(c.bytes, 'base64')));
      const mine = frameMessages(data, { kind: 'length', bytes: 2, endian: 'big' });
      const auto = f.messages.filter((m) => m.dir === dir).map((m) => [m.start, m.end, true]);
      expect(auto.length).toBeGreaterThan(0);
      expect(ranges(mine)).toEqual(auto);
    }
  });
});
