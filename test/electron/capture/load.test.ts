// Load on loopback: a sender in a child process (bench/udp-flood.c, sendmmsg) pushes 300,000
// small UDP datagrams as fast as the kernel takes them — 100,000 a second where the machine
// allows, for about 3 s — while the helper captures them. Every packet must be accounted for:
// captured, or counted as dropped (libpcap's PACKET_STATISTICS, read by electron/capture/pcapstats). The rate reached is printed, not asserted (it is the
// machine's). Needs root, `cap` and a C compiler: fails, not skips, without.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCapture, type HelperLaunch } from '../../../electron/capture/client.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { buildHelper, execFileP, requireCaptureEnvironment, ROOT, tmp, tsharkFields } from './env.js';

const t = tmp('load');
let launch: HelperLaunch;
let flood: string;

beforeAll(async () => {
  requireCaptureEnvironment();
  launch = { helperPath: await buildHelper() };
  flood = join(t.dir, 'udp-flood');
  execFileSync('cc', ['-O2', '-o', flood, join(ROOT, 'bench', 'udp-flood.c')]);
}, 60_000);

afterAll(() => {
  t.cleanup();
  if (launch?.helperPath) rmSync(launch.helperPath, { force: true });
});

describe('live capture under load', () => {
  it('captures a burst of 300,000 small UDP packets on lo, or says how many it dropped', async () => {
    const COUNT = 300_000;
    const port = 46000 + (process.pid % 1000);
    let delivered = 0;
    const cap = await startCapture(
      { interfaces: ['lo'], filter: `udp port ${port}`, path: join(t.dir, 'load.pcapng'), bufferMB: 256 },
      { onPackets: (b) => void (delivered += b.packets.length) },
      launch,
    );
    // The sender runs niced, as traffic on a capture host is not the capture's own: libpcap's ring
    // under cap (immediate mode, 64 KiB slots) holds ~2,000 packets, so the helper must not be
    // starved of CPU by the generator on a 2-core machine.
    const { stdout } = await execFileP('nice', ['-n', '10', flood, String(port), String(COUNT)], { timeout: 120_000 });
    const out = JSON.parse(stdout) as { sent: number; ms: number };
    expect(out.sent).toBe(COUNT);
    // Let the helper drain its ring: until all are in, or nothing more came for 0.5 s (≤ 10 s).
    let last = -1;
    for (let i = 0; i < 100 && delivered < out.sent; i++) {
      if (i % 5 === 0) {
        if (delivered === last) break;
        last = delivered;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const s = await cap.stop();
    const rate = Math.round((out.sent / out.ms) * 1000);
    console.log(`load on lo: ${out.sent} packets sent at ${rate} packets/s; captured ${s.received}, dropped ${s.dropped} (libpcap)`);
    expect(s.received).toBe(delivered);
    expect(s.dropsKnown).toBe(true);
    expect(s.received + s.dropped).toBeGreaterThanOrEqual(out.sent);
    // The file holds every packet captured, each the 58-byte datagram that was sent.
    const rows = await tsharkFields(cap.path, ['frame.len']);
    expect(rows.length).toBe(s.received);
    expect(rows.every((r) => r === '58')).toBe(true);
  }, 300_000);

  it('counts what the kernel ring drops when the helper cannot keep up (libpcap ps_drop)', async () => {
    const COUNT = 20_000;
    const port = 47000 + (process.pid % 1000);
    let delivered = 0;
    // A small ring (8 MiB: a few dozen 128 KiB slots) and a helper that is stopped while the
    // burst arrives: most of the burst must be dropped, and counted.
    const cap = await startCapture(
      { interfaces: ['lo'], filter: `udp port ${port}`, path: join(t.dir, 'drops.pcapng'), bufferMB: 8 },
      { onPackets: (b) => void (delivered += b.packets.length) },
      launch,
    );
    process.kill(cap.pid, 'SIGSTOP');
    try {
      const { stdout } = await execFileP(flood, [String(port), String(COUNT)], { timeout: 120_000 });
      expect((JSON.parse(stdout) as { sent: number }).sent).toBe(COUNT);
    } finally {
      process.kill(cap.pid, 'SIGCONT');
    }
    // Everything the ring kept arrives; then it is quiet.
    let last = -1;
    for (let i = 0; i < 50; i++) {
      if (delivered === last) break;
      last = delivered;
      await new Promise((r) => setTimeout(r, 200));
    }
    const s = await cap.stop();
    console.log(`ring overflow on lo: ${COUNT} sent, ${s.received} captured, ${s.dropped} dropped`);
    expect(s.dropsKnown).toBe(true);
    expect(s.received).toBeLessThan(COUNT);
    expect(s.dropped).toBeGreaterThan(0);
    // On lo the kernel hands the socket each packet twice (out and in; libpcap keeps one), so
    // drops can count both copies: at least every packet is accounted for.
    expect(s.received + s.dropped).toBeGreaterThanOrEqual(COUNT);
    expect((await tsharkFields(cap.path, ['frame.len'])).length).toBe(s.received);
    // The file ends with an Interface Statistics Block saying the same, as dumpcap's do.
    const { meta } = readCaptureFile(cap.path, () => undefined);
    expect(meta.stats.length).toBe(1);
    const isb = meta.stats[0]!;
    expect(isb.delivered).toBe(BigInt(s.received));
    expect(Number(isb.osDropped) + Number(isb.dropped)).toBe(s.dropped);
    expect(isb.endSec! * 1e9 + isb.endNsec!).toBeGreaterThanOrEqual(isb.startSec! * 1e9 + isb.startNsec!);
  }, 120_000);
});
