import { describe, expect, it } from 'vitest';
import { AddrKind, PacketInfo } from '../../../dissectors/core/pinfo.js';
import { Tvb } from '../../../dissectors/core/tvb.js';
import { EchoTracker, echoKey } from '../../../dissectors/protocols/icmp.js';

/** A PacketInfo whose source and destination columns are the addresses `src` and `dst` of `kind`. */
function withAddrs(kind: AddrKind, src: readonly number[], dst: readonly number[], dstKind = kind): PacketInfo {
  const pinfo = new PacketInfo();
  const tvb = Tvb.frame(Uint8Array.from([...src, ...dst, 0xee, 0xee]), src.length + dst.length + 2);
  pinfo.setSrc(kind, tvb, 0);
  pinfo.setDst(dstKind, tvb, src.length);
  return pinfo;
}

/** echoKey as a plain array (the function reuses its result array). */
function key(pinfo: PacketInfo, k0: number, id: number, seq: number): number[] {
  return Array.from(echoKey(pinfo, k0, id, seq));
}

const V6A = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const V6B = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 2];
const V6C = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const V4A = [192, 0, 2, 1];
const V4B = [192, 0, 2, 200];

describe('echoKey', () => {
  it('is the same both ways and differs for other addresses, checksums, ids or sequences', () => {
    for (const [kind, a, b, c] of [[AddrKind.IPv6, V6A, V6B, V6C], [AddrKind.IPv4, V4A, V4B, [10, 0, 0, 1]]] as const) {
      const k = key(withAddrs(kind, a, b), 5, 6, 7);
      expect(key(withAddrs(kind, b, a), 5, 6, 7)).toEqual(k);
      const others = [
        key(withAddrs(kind, a, c), 5, 6, 7),
        key(withAddrs(kind, c, b), 5, 6, 7),
        key(withAddrs(kind, a, a), 5, 6, 7),
        key(withAddrs(kind, a, b), 4, 6, 7),
        key(withAddrs(kind, a, b), 5, 4, 7),
        key(withAddrs(kind, a, b), 5, 6, 4),
        key(withAddrs(kind, a, b), 6, 5, 7),
      ];
      for (const o of others) expect(o).not.toEqual(k);
    }
  });

  it('tells address kinds apart even when the bytes agree', () => {
    const v4 = key(withAddrs(AddrKind.IPv4, V4A, V4B), 1, 2, 3);
    const v6 = key(withAddrs(AddrKind.IPv6, [...V4A, ...new Array(12).fill(0)], [...V4B, ...new Array(12).fill(0)]), 1, 2, 3);
    expect(v6).not.toEqual(v4);
    const mixed = key(withAddrs(AddrKind.IPv4, V4A, [...V4B, 0, 0], AddrKind.Ether), 1, 2, 3);
    expect(mixed).not.toEqual(v4);
  });
});

/** A key of the table's width that stands for `n`. */
function k(n: number): Uint32Array {
  const a = new Uint32Array(12);
  a[0] = n;
  a[11] = n * 7;
  return a;
}

describe('EchoTracker', () => {
  it('matches a reply to its request once, and remembers both frames for revisits', () => {
    const tr = new EchoTracker();
    const rq = tr.request(k(1), 1, 1700000000, 123456789, false);
    expect(tr.reply(k(1), 2, false)).toBe(rq);
    const pair = { rqstFrame: 1, respFrame: 2, rqstSec: 1700000000, rqstNsec: 123456789 };
    expect(rq).toEqual(pair);
    expect(tr.reply(k(1), 3, false)).toBeUndefined();
    // Revisits get the pair's values back (from the table of matched pairs).
    expect({ ...tr.request(k(1), 1, 0, 0, true) }).toEqual(pair);
    expect({ ...tr.reply(k(1), 2, true) }).toEqual(pair);
    expect(tr.reply(k(1), 3, true)).toBeUndefined();
    expect(tr.request(k(1), 3, 0, 0, true)).toBeUndefined();
  });

  it('remembers every matched pair of a long run of pings, interleaved', () => {
    const tr = new EchoTracker();
    // Two pings in flight at a time: request n at frame 2n-1, its reply after the next request.
    const n = 2000;
    const frame = (i: number, reply: boolean) => (reply ? 2 * i + 2 : 2 * i + 1);
    for (let i = 0; i <= n; i++) {
      tr.request(k(i), frame(i, false), 1000 + i, i, false);
      if (i > 0) tr.reply(k(i - 1), frame(i - 1, true), false);
    }
    tr.trim(); // the end of the pass: revisits read the same pairs
    for (let i = 0; i < n; i++) {
      const want = { rqstFrame: frame(i, false), respFrame: frame(i, true), rqstSec: 1000 + i, rqstNsec: i };
      expect({ ...tr.request(k(i), frame(i, false), 0, 0, true) }).toEqual(want);
      expect({ ...tr.reply(k(i), frame(i, true), true) }).toEqual(want);
    }
  });

  it('lets a repeated request replace the earlier one', () => {
    const tr = new EchoTracker();
    tr.request(k(1), 1, 0, 0, false);
    const again = tr.request(k(1), 2, 0, 0, false);
    expect(tr.reply(k(1), 3, false)).toBe(again);
    expect(again).toMatchObject({ rqstFrame: 2, respFrame: 3 });
  });

  it('forgets the oldest unanswered requests beyond MAX_PENDING, never for answered ones', () => {
    const tr = new EchoTracker();
    tr.request(k(1), 1, 0, 0, false);
    let frame = 2;
    for (let i = 0; i < EchoTracker.MAX_PENDING + 10; i++) {
      tr.request(k(100 + i), frame++, 0, 0, false);
      tr.reply(k(100 + i), frame++, false);
    }
    expect(tr.reply(k(1), frame, false)).toMatchObject({ rqstFrame: 1, respFrame: frame });
    // A repeated request moves to the newest end: B, not A, is the oldest when the bound is passed.
    const A = 2_000_000, B = 2_000_001;
    tr.request(k(A), ++frame, 0, 0, false);
    tr.request(k(B), ++frame, 0, 0, false);
    tr.request(k(A), ++frame, 0, 0, false);
    for (let i = 0; i < EchoTracker.MAX_PENDING - 2; i++) tr.request(k(1_000_000 + i), ++frame, 0, 0, false);
    tr.request(k(3_000_000), ++frame, 0, 0, false);
    expect(tr.reply(k(B), ++frame, false)).toBeUndefined();
    expect(tr.reply(k(A), ++frame, false)).toBeDefined();
    tr.request(k(3_000_001), ++frame, 0, 0, false);
    tr.request(k(3_000_002), ++frame, 0, 0, false);
    expect(tr.reply(k(1_000_000), ++frame, false)).toBeUndefined();
    expect(tr.reply(k(1_000_001), ++frame, false)).toBeDefined();
  });
});
