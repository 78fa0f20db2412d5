/**
 * `-z icmp,srt` and `-z icmpv6,srt` (dissectors/stats/icmp-srt.ts) against tshark byte for byte:
 * on every corpus capture and capture of our own, and on crafted pings over IPv4 and IPv6 with
 * lost replies, a reply without its request, uneven and even counts of replies (the median of
 * two), a tie for the fastest reply (the first one's frame), an echo quoted by an ICMP error, and
 * a filter. Also the argument checks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PcapWriter } from '../../../dissectors/capture/pcap-writer.js';
import { parseStat } from '../../../electron/cli/args.js';
import { runCli } from './run-cli.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));
const captures = (dir: string) => readdirSync(dir).filter((n) => /\.pcap(ng)?$/.test(n)).sort().map((n) => join(dir, n));
const dir = mkdtempSync(join(tmpdir(), 'pl-icmp-srt-'));

function tshark(args: string[]): string {
  const r = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.stdout;
}

const A4 = [10, 0, 0, 1];
const B4 = [10, 0, 0, 2];
const A6 = [0xfd, 0, ...new Array<number>(13).fill(0), 1];
const B6 = [0xfd, 0, ...new Array<number>(13).fill(0), 2];

/** The Internet checksum (RFC 1071) of `b`, written at `at` (Wireshark pairs echoes by it). */
function checksum(b: number[], at: number, pseudo: number[] = []): number[] {
  const all = [...pseudo, ...b];
  let sum = 0;
  for (let i = 0; i < all.length; i += 2) sum += (all[i]! << 8) | (all[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  const out = [...b];
  out[at] = c >> 8;
  out[at + 1] = c & 255;
  return out;
}

/*
 * An echo over IPv4, Ethernet II:
 *   0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00        Ethernet (dst, src, IPv4)
 *   000e  45 00 00 24 00 01 00 00 40 01 00 00 0a 00 00 01  IPv4, protocol 1, 10.0.0.1 →
 *   001e  0a 00 00 02                                      10.0.0.2
 *   0022  08 00 00 00 12 34 00 01 70 69 6e 67 …            ICMP type 8 (or 0), id 0x1234, seq, "ping…"
 */
function echo4(type: number, seq: number, fromA: boolean, inner?: Uint8Array): Uint8Array {
  const icmp = checksum([...(inner ?? [type, 0, 0, 0, 0x12, 0x34, seq >> 8, seq & 255, 0x70, 0x69, 0x6e, 0x67, 0, 0, 0, 0])], 2);
  const ip = [0x45, 0, 0, 20 + icmp.length, 0, seq & 255, 0, 0, 64, 1, 0, 0, ...(fromA ? A4 : B4), ...(fromA ? B4 : A4)];
  return new Uint8Array([2, 0, 0, 0, 0, fromA ? 2 : 1, 2, 0, 0, 0, 0, fromA ? 1 : 2, 8, 0, ...ip, ...icmp]);
}

/* An echo over IPv6 (next header 58), ICMPv6 type 128 (or 129), id 0x4321, seq. */
function echo6(type: number, seq: number, fromA: boolean): Uint8Array {
  const src = fromA ? A6 : B6;
  const dst = fromA ? B6 : A6;
  const body = [type, 0, 0, 0, 0x43, 0x21, seq >> 8, seq & 255, 0x70, 0x69, 0x6e, 0x67];
  const icmp = checksum(body, 2, [...src, ...dst, 0, 0, 0, body.length, 0, 0, 0, 58]);
  const ip = [0x60, 0, 0, 0, 0, icmp.length, 58, 64, ...(fromA ? A6 : B6), ...(fromA ? B6 : A6)];
  return new Uint8Array([2, 0, 0, 0, 0, fromA ? 2 : 1, 2, 0, 0, 0, 0, fromA ? 1 : 2, 0x86, 0xdd, ...ip, ...icmp]);
}

/** Pings: [frame, µs offset] in capture order. */
function pings(): string {
  const frames: [Uint8Array, number][] = [];
  const t = (ms: number) => Math.round(ms * 1000);
  // IPv4: seq 1 answered in 1.5 ms, 2 lost, 3 in 0.25 ms, 4 in 0.25 ms (a tie), 5 in 7.125 ms.
  frames.push([echo4(8, 1, true), t(0)], [echo4(0, 1, false), t(1.5)]);
  frames.push([echo4(8, 2, true), t(1000)]);
  frames.push([echo4(8, 3, true), t(2000)], [echo4(0, 3, false), t(2000.25)]);
  frames.push([echo4(8, 4, true), t(3000)], [echo4(0, 4, false), t(3000.25)]);
  frames.push([echo4(8, 5, true), t(4000)], [echo4(0, 5, false), t(4007.125)]);
  // A reply nobody asked for, and an ICMP error quoting a request (port unreachable, type 3).
  frames.push([echo4(0, 99, false), t(5000)]);
  const quoted = echo4(8, 6, true).subarray(14);
  frames.push([echo4(3, 0, false, new Uint8Array([3, 3, 0, 0, 0, 0, 0, 0, ...quoted])), t(5001)]);
  // IPv6: two answered (an even count: the median of two), one lost.
  frames.push([echo6(128, 1, true), t(6000)], [echo6(129, 1, false), t(6002)]);
  frames.push([echo6(128, 2, true), t(7000)], [echo6(129, 2, false), t(7000.5)]);
  frames.push([echo6(128, 3, true), t(8000)]);
  const w = new PcapWriter({ linkType: 1, precision: 'usec' });
  const base = 1700000000;
  const parts = [w.header(), ...frames.map(([data, us]) => w.packet({ tsSec: base + Math.floor(us / 1e6), tsNsec: (us % 1e6) * 1000, data, origLen: data.length }))];
  const path = join(dir, 'pings.pcap');
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

describe('-z icmp,srt and -z icmpv6,srt', () => {
  it('prints tshark\'s table on every capture', async () => {
    let withReplies = 0;
    for (const path of [...captures(CORPUS), ...captures(OWN), pings()]) {
      const args = ['-r', path, '-q', '-z', 'icmp,srt', '-z', 'icmpv6,srt'];
      const ours = (await runCli(['-n', ...args])).stdout;
      expect(ours, path).toBe(tshark(args));
      if (/^[1-9]\d*\s+[1-9]/m.test(ours)) withReplies++;
    }
    expect(withReplies).toBeGreaterThanOrEqual(3);
  }, 300_000);

  it('counts lost replies, the median and the deviation of crafted pings as tshark, with and without a filter', async () => {
    const path = pings();
    for (const zs of [['icmp,srt'], ['icmpv6,srt'], ['icmp,srt,icmp.seq >= 3'], ['icmpv6,srt,icmpv6.echo.sequence_number == 1']]) {
      const args = ['-r', path, '-q', ...zs.flatMap((z) => ['-z', z])];
      expect((await runCli(['-n', ...args])).stdout, zs.join(' ')).toBe(tshark(args));
    }
    const v4 = (await runCli(['-n', '-r', path, '-q', '-z', 'icmp,srt'])).stdout;
    // Five requests (the quoted one is not), four replies, one lost: 20 %.
    expect(v4).toMatch(/^5 {9}4 {9}1 {10}20\.0%$/m);
    // The fastest reply is a tie (0.250 ms, frames 5 and 7): the first one is named.
    expect(v4).toMatch(/^0\.250 +7\.125 .* 5 +9 +$/m);
  });

  it('refuses a bad filter on one line with exit 2', async () => {
    expect(parseStat('icmp,srt')).toMatchObject({ kind: 'icmpsrt', icmp: 'icmp', filter: null });
    expect(parseStat('icmpv6,srt,icmpv6')).toMatchObject({ kind: 'icmpsrt', icmp: 'icmpv6', filterText: 'icmpv6' });
    const r = await runCli(['-q', '-r', pings(), '-z', 'icmp,srt,icmp.sequ == 1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/icmp,srt: invalid filter "icmp\.sequ == 1"/);
    expect(r.stdout).toBe('');
  });
});
