/**
 * (j) The live-capture rate on lo: `npm run bench` runs this (dist/bench/live.js) in a process of
 * its own. It captures `udp port P` on lo through the capture helper while bench/udp-flood.c
 * sends 300,000 16-byte datagrams as fast as the kernel takes them, and prints the send rate,
 * how many the capture got, how many it did not (sent − captured), and the drops libpcap counted.
 *
 *   node dist/bench/live.js [--packets N] [--buffer MiB]
 *
 * Needs root (or the capture capability), `cap` built and a C compiler; says so when one is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCapture } from '../electron/capture/client.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : dflt;
  return Number.isFinite(v) && v > 0 ? v : dflt;
}

const fmtRate = (pps: number) => (pps >= 1e6 ? `${(pps / 1e6).toFixed(2)} M/s` : `${(pps / 1e3).toFixed(1)} k/s`);
const n = (x: number) => x.toLocaleString('en-US');

async function main(): Promise<number> {
  const label = '(j) live capture on lo';
  if (process.platform !== 'linux') return void console.log(`\n${label}: n/a (Linux only)`), 0;
  if (process.getuid?.() !== 0) return void console.log(`\n${label}: n/a (needs root or the capture capability; see README "Live capture")`), 0;
  const src = ['bench/udp-flood.c', join(import.meta.dirname ?? '.', '..', '..', 'bench', 'udp-flood.c')].find((p) => existsSync(p));
  if (!src) return void console.log(`\n${label}: n/a (bench/udp-flood.c not found)`), 0;
  const dir = mkdtempSync(join(tmpdir(), 'pl-bench-live-'));
  try {
    const flood = join(dir, 'udp-flood');
    try {
      execFileSync('cc', ['-O2', '-o', flood, src], { stdio: 'pipe' });
    } catch (e) {
      console.log(`\n${label}: n/a (no C compiler for the sender: ${(e as Error).message.split('\n')[0]})`);
      return 0;
    }
    const count = Math.floor(arg('--packets', 300_000));
    const port = 45000 + (process.pid % 1000);
    let received = 0;
    const cap = await startCapture(
      { interfaces: ['lo'], filter: `udp port ${port}`, path: join(dir, 'live.pcapng'), bufferMB: arg('--buffer', 256) },
      { onPackets: (b) => void (received += b.packets.length) },
    ).catch((e: Error) => e);
    if (cap instanceof Error) {
      console.log(`\n${label}: n/a (${cap.message.split('\n')[0]})`);
      return 0;
    }
    const cpu0 = process.cpuUsage();
    const out = JSON.parse(execFileSync(flood, [String(port), String(count)], { encoding: 'utf8' })) as { sent: number; ms: number };
    // Let the helper drain what is still in the ring: until everything is in, or nothing more
    // came for half a second (bounded: at most 10 s).
    let last = -1;
    for (let i = 0; i < 100 && received < out.sent; i++) {
      if (i % 5 === 0) {
        if (received === last) break;
        last = received;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const s = await cap.stop();
    const cpu = process.cpuUsage(cpu0);
    const missing = out.sent - s.received;
    console.log(`\n${label}: ${n(out.sent)} UDP packets (58 B) sent in ${(out.ms / 1000).toFixed(2)} s = ${fmtRate((out.sent / out.ms) * 1000)}`);
    console.log(`    captured ${n(s.received)} (${((100 * s.received) / out.sent).toFixed(2)}%), not captured ${n(missing)} (drop ratio ${(missing / out.sent).toFixed(4)}); libpcap counted ${s.dropsKnown ? n(s.dropped) : `${n(s.dropped)} (interface only: packetloom-pcapstats not built)`} dropped`);
    console.log(`    live rate reached: ${fmtRate((s.received / out.ms) * 1000)} captured with ${missing === 0 ? '0 drops' : `${n(missing)} lost`}; client CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (target 100 k/s with 0 drops)`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
