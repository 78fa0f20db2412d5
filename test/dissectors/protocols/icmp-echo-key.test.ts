import { describe, expect, it } from 'vitest';
import { AddrKind, PacketInfo } from '../../../dissectors/core/pinfo.js';
import { Tvb } from '../../../dissectors/core/tvb.js';
import { EchoTracker, echoKey } from '../../../dissectors/protocols/icmp.js';

/** A PacketInfo whose source and destination columns are the addresses `src` and `dst` of `kind`. */
function withAddrs(kind: AddrKind, src: number[], dst: number[]): PacketInfo {
  const pinfo = new PacketInfo();
  const tvb = Tvb.frame(Uint8Array.from([...src, ...dst]), src.length + dst.length);
  pinfo.setSrc(kind, tvb, 0);
  pinfo.setDst(kind, tvb, src.length);
  return pinfo;
}

/** The key as the general case writes it: (kind, length, 16-bit units) of each address, lesser first. */
function spelled(kind: number, x: number[], y: number[], k0: number, id: number, seq: number): string {
  const units = (a: number[]) => String.fromCharCode(kind, a.length, ...a.flatMap((_, i) => (i % 2 ? [] : [(a[i]! << 8) | a[i + 1]!])));
  const [a, b] = [units(x), units(y)].sort();
  return a! + b! + String.fromCharCode(k0, id, seq);
}

const V6A = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const V6B = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 2];
const V6C = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

describe('echoKey', () => {
  it('spells an IPv6 pair as (kind, length, units) of the lesser address first', () => {
    expect(echoKey(withAddrs(AddrKind.IPv6, V6A, V6B), 0x1234, 7, 9)).toBe(spelled(AddrKind.IPv6, V6A, V6B, 0x1234, 7, 9));
    expect(echoKey(withAddrs(AddrKind.IPv6, V6C, V6A), 1, 2, 3)).toBe(spelled(AddrKind.IPv6, V6A, V6C, 1, 2, 3));
    expect(echoKey(withAddrs(AddrKind.IPv6, V6A, V6A), 1, 2, 3)).toBe(spelled(AddrKind.IPv6, V6A, V6A, 1, 2, 3));
  });

  it('is the same both ways and differs for other addresses, checksums, ids or sequences', () => {
    const k = echoKey(withAddrs(AddrKind.IPv6, V6A, V6B), 5, 6, 7);
    expect(echoKey(withAddrs(AddrKind.IPv6, V6B, V6A), 5, 6, 7)).toBe(k);
    const others = [
      echoKey(withAddrs(AddrKind.IPv6, V6A, V6C), 5, 6, 7),
      echoKey(withAddrs(AddrKind.IPv6, V6A, V6B), 4, 6, 7),
      echoKey(withAddrs(AddrKind.IPv6, V6A, V6B), 5, 4, 7),
      echoKey(withAddrs(AddrKind.IPv6, V6A, V6B), 5, 6, 4),
    ];
    for (const o of others) expect(o).not.toBe(k);
  });
});

describe('EchoTracker', () => {
  it('matches a reply to its request once, and remembers both frames for revisits', () => {
    const tr = new EchoTracker();
    const rq = tr.request('k', 1, 10, 0, false);
    expect(tr.reply('k', 2, false)).toBe(rq);
    expect(rq).toMatchObject({ rqstFrame: 1, respFrame: 2 });
    expect(tr.reply('k', 3, false)).toBeUndefined();
    expect(tr.request('k', 1, 0, 0, true)).toBe(rq);
    expect(tr.reply('k', 2, true)).toBe(rq);
    expect(tr.reply('k', 3, true)).toBeUndefined();
  });

  it('forgets the oldest unanswered requests beyond MAX_PENDING, never for answered ones', () => {
    const tr = new EchoTracker();
    tr.request('waiting', 1, 0, 0, false);
    let frame = 2;
    for (let i = 0; i < EchoTracker.MAX_PENDING + 10; i++) {
      tr.request(`pair ${i}`, frame++, 0, 0, false);
      tr.reply(`pair ${i}`, frame++, false);
    }
    expect(tr.reply('waiting', frame, false)).toMatchObject({ rqstFrame: 1, respFrame: frame });
    for (let i = 0; i <= EchoTracker.MAX_PENDING; i++) tr.request(`unanswered ${i}`, ++frame, 0, 0, false);
    expect(tr.reply('unanswered 0', ++frame, false)).toBeUndefined();
    expect(tr.reply('unanswered 1', ++frame, false)).toBeDefined();
  });
});
