/**
 * Conversation and endpoint tables of tunnelled packets: Wireshark's taps count every Ethernet and
 * IP header of a packet (not those an ICMP error quotes), so a GRE, IP-in-IP or 6in4 packet is in
 * the conversation of its outer addresses and in that of its inner ones, and gretap's inner
 * Ethernet in an Ethernet conversation of its own. Crafted packets, compared with tshark on the spot.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CRAFT_EPOCH, ipv4Packet, pcapOf } from '../../helpers/tcp-frames.js';
import { runCli } from './run-cli.js';

const ETH = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x66, 0x77, 0x88, 0x99, 0xaa];
const INNER_ETH = [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01];
const ICMP = [8, 0, 0xf7, 0xfe, 0, 1, 0, 0];
const icmpv6 = [128, 0, 0, 0, 0, 1, 0, 1];

function v6(src: number, dst: number, nxt: number, payload: number[]): number[] {
  const a = (n: number) => [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), n];
  return [0x60, 0, 0, 0, payload.length >> 8, payload.length & 255, nxt, 64, ...a(src), ...a(dst), ...payload];
}

const frames = [
  // GRE: outer 10.0.0.1 → 10.0.0.2, inner 192.168.1.1 → 192.168.1.2 (ICMP).
  [...ETH, 0x08, 0x00, ...ipv4Packet('10.0.0.1', '10.0.0.2', 47, [0, 0, 0x08, 0x00, ...ipv4Packet('192.168.1.1', '192.168.1.2', 1, ICMP)])],
  [...ETH, 0x08, 0x00, ...ipv4Packet('10.0.0.2', '10.0.0.1', 47, [0, 0, 0x08, 0x00, ...ipv4Packet('192.168.1.2', '192.168.1.1', 1, ICMP)])],
  // IP in IP, and 6in4.
  [...ETH, 0x08, 0x00, ...ipv4Packet('10.0.0.1', '10.0.0.3', 4, ipv4Packet('172.16.0.1', '172.16.0.2', 1, ICMP))],
  [...ETH, 0x08, 0x00, ...ipv4Packet('10.0.0.1', '10.0.0.4', 41, v6(1, 2, 58, icmpv6))],
  // gretap: Ethernet inside GRE (Transparent Ethernet bridging).
  [...ETH, 0x08, 0x00, ...ipv4Packet('10.0.0.1', '10.0.0.2', 47, [0, 0, 0x65, 0x58, ...INNER_ETH, 0x08, 0x00, ...ipv4Packet('192.168.2.1', '192.168.2.2', 1, ICMP)])],
  // Plain.
  [...ETH, 0x08, 0x00, ...ipv4Packet('10.0.0.1', '10.0.0.2', 1, ICMP)],
].map((f, i) => ({ tsSec: CRAFT_EPOCH + i, tsNsec: 0, data: Uint8Array.from(f) }));

const dir = mkdtempSync(join(tmpdir(), 'pl-tunnels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('conversation and endpoint tables of tunnelled packets', () => {
  it('count each outer and inner header, as tshark', async () => {
    const file = join(dir, 'tunnels.pcap');
    writeFileSync(file, pcapOf(frames));
    for (const z of ['conv,eth', 'conv,ip', 'conv,ipv6', 'endpoints,eth', 'endpoints,ip', 'endpoints,ipv6']) {
      const r = spawnSync('tshark', ['-n', '-q', '-r', file, '-z', z], { encoding: 'latin1', env: { ...process.env, HOME: dir } });
      const got = await runCli(['-n', '-q', '-r', file, '-z', z]);
      expect(got.stdout, z).toBe(r.stdout);
    }
    const conv = (await runCli(['-n', '-q', '-r', file, '-z', 'conv,ip'])).stdout;
    // The GRE pair's outer conversation has its 2 packets, the gretap and the plain one: 4.
    expect(conv).toMatch(/10\.0\.0\.1\s+<-> 10\.0\.0\.2\s+\d+ \d+ bytes\s+\d+ \d+ bytes\s+4 /);
    expect(conv).toMatch(/192\.168\.1\.1\s+<-> 192\.168\.1\.2\s+/);
  });
});
