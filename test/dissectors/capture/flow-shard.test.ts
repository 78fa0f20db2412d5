/**
 * flowShardKey (dissectors/capture/flow-shard.ts): every frame of one IP address pair, in both
 * directions and under every link layer, gets the same key; ICMP errors go with the packet they
 * quote; fragments with their outer pair; frames without IP get 0. Every truncation of every
 * frame gives a key without throwing.
 */
import { describe, expect, it } from 'vitest';
import { flowShardKey } from '../../../dissectors/capture/flow-shard.js';
import { hex } from '../../helpers/hex.js';


const A = '0a000001'; // 10.0.0.1
const B = '0a000002'; // 10.0.0.2
const C = '0a000003'; // 10.0.0.3
const R = 'c0a80001'; // 192.168.0.1

/** An IPv4 header (no options, checksum 0) with `proto`, `flags+offset`, then `payload`. */
function ipv4(src: string, dst: string, proto: number, payload: string, frag = '0000'): string {
  const len = 20 + payload.replace(/\s+/g, '').length / 2;
  return `45 00 ${len.toString(16).padStart(4, '0')} 1234 ${frag} 40 ${proto.toString(16).padStart(2, '0')} 0000 ${src} ${dst} ${payload}`;
}

// TCP 51234 → 80, SYN: ports, seq, ack, offset 5, flags, window, checksum, urgent.
const TCP = 'c822 0050 00000001 00000000 5002 faf0 0000 0000';
const TCP_BACK = '0050 c822 00000001 00000002 5012 faf0 0000 0000';
const ETH = '000000000002 000000000001';

const eth = (type: string, l3: string) => hex(`${ETH} ${type} ${l3}`);
const key = (f: Uint8Array, linkType = 1) => flowShardKey(f, 0, f.length, linkType);

// 2001:db8::1 and 2001:db8::2
const A6 = '20010db8000000000000000000000001';
const B6 = '20010db8000000000000000000000002';
function ipv6(src: string, dst: string, nxt: number, payload: string): string {
  const len = payload.replace(/\s+/g, '').length / 2;
  return `60000000 ${len.toString(16).padStart(4, '0')} ${nxt.toString(16).padStart(2, '0')} 40 ${src} ${dst} ${payload}`;
}

const FRAMES: Record<string, [Uint8Array, number]> = {
  tcp: [eth('0800', ipv4(A, B, 6, TCP)), 1],
  vlan: [eth('8100 0064 0800', ipv4(A, B, 6, TCP)), 1],
  qinq: [eth('88a8 00c8 8100 07d1 0800', ipv4(A, B, 6, TCP)), 1],
  sll: [hex(`0000 0001 0006 000000000001 0000 0800 ${ipv4(A, B, 6, TCP)}`), 113],
  sll2: [hex(`0800 0000 00000002 0001 00 06 000000000001 0000 ${ipv4(A, B, 6, TCP)}`), 276],
  null: [hex(`02000000 ${ipv4(A, B, 6, TCP)}`), 0],
  raw: [hex(ipv4(A, B, 6, TCP)), 101],
  ipv4Link: [hex(ipv4(A, B, 6, TCP)), 228],
  icmpError: [eth('0800', ipv4(R, A, 1, `03 03 0000 00000000 ${ipv4(A, B, 17, '1234 0035 0008 0000')}`)), 1],
  fragment: [eth('0800', ipv4(R, A, 1, `03 03 0000 00000000 ${ipv4(A, B, 17, '1234 0035 0008 0000')}`, '2000')), 1],
  ipInIp: [eth('0800', ipv4(R, C, 4, ipv4(A, B, 6, TCP))), 1],
  tcp6: [eth('86dd', ipv6(A6, B6, 6, TCP)), 1],
  hopByHop6: [eth('86dd', ipv6(A6, B6, 0, `06 00 0000 00000000 ${TCP}`)), 1],
  icmp6Error: [eth('86dd', ipv6(B6, A6, 58, `01 04 0000 00000000 ${ipv6(A6, B6, 17, '1234 0035 0008 0000')}`)), 1],
  fragment6: [eth('86dd', ipv6(B6, A6, 44, `3a 00 0001 00000007 01 04 0000 00000000`)), 1],
  arp: [eth('0806', '0001 0800 06 04 0001 000000000001 0a000001 000000000000 0a000002'), 1],
};

describe('flowShardKey', () => {
  it('gives both directions of one address pair the same non-zero key', () => {
    const back = key(eth('0800', ipv4(B, A, 6, TCP_BACK)));
    expect(key(FRAMES.tcp![0])).not.toBe(0);
    expect(back).toBe(key(FRAMES.tcp![0]));
    expect(key(eth('0800', ipv4(A, C, 6, TCP)))).not.toBe(back);
    expect(key(eth('86dd', ipv6(B6, A6, 6, TCP_BACK)))).toBe(key(FRAMES.tcp6![0]));
  });

  it('reads the same pair under every link layer the dissectors know', () => {
    const k = key(FRAMES.tcp![0]);
    for (const name of ['vlan', 'qinq', 'sll', 'sll2', 'null', 'raw', 'ipv4Link']) {
      const [f, lt] = FRAMES[name]!;
      expect(key(f, lt), name).toBe(k);
    }
  });

  it('puts an ICMP error with the conversation it quotes, and IP in IP with the inner pair', () => {
    const ab = key(FRAMES.tcp![0]);
    expect(key(FRAMES.icmpError![0])).toBe(ab);
    expect(key(FRAMES.ipInIp![0])).toBe(ab);
    expect(key(FRAMES.icmp6Error![0])).toBe(key(FRAMES.tcp6![0]));
    expect(key(FRAMES.hopByHop6![0])).toBe(key(FRAMES.tcp6![0]));
  });

  it('keys a fragment on its outer pair (the reassembly table\'s key), whatever it carries', () => {
    expect(key(FRAMES.fragment![0])).toBe(key(eth('0800', ipv4(R, A, 6, TCP))));
    expect(key(FRAMES.fragment6![0])).toBe(key(eth('86dd', ipv6(A6, B6, 6, TCP))));
  });

  it('gives 0 to frames without IP and to link types it does not read', () => {
    expect(key(FRAMES.arp![0])).toBe(0);
    expect(key(FRAMES.tcp![0], 105)).toBe(0);
    expect(key(hex(`${ETH} 0800 65 00`))).toBe(0); // not version 4
  });

  it('never throws on a truncated frame, and has no pair before the addresses are whole', () => {
    for (const [name, [f, lt]] of Object.entries(FRAMES)) {
      for (let n = 0; n <= f.length; n++) {
        const k = flowShardKey(f, 0, n, lt);
        expect(Number.isInteger(k) && k >= 0, `${name} cut at ${n}`).toBe(true);
      }
      // Cut inside the outer addresses: no key.
      const addrEnd = lt === 1 ? (name.endsWith('6') ? 14 + 40 : 14 + 20) : 0;
      if (addrEnd) expect(flowShardKey(f, 0, addrEnd - 1, lt), name).toBe(0);
    }
  });

  it('reads a frame in place in a larger buffer', () => {
    const f = FRAMES.tcp![0];
    const buf = new Uint8Array(f.length + 20);
    buf.set(f, 7);
    expect(flowShardKey(buf, 7, 7 + f.length, 1)).toBe(key(f));
  });
});
