/**
 * The CLI on a capture too big for the memory there is: reading stops between chunks with one line
 * saying where and why (exit 2), after every packet before it was printed, on one thread and on
 * several, instead of the process dying when V8's heap is full. PACKETLOOM_MAX_RSS_MB sets the
 * limit here (1 MiB: the first check stops it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePcap } from '../../../bench/generate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'packetloom.js');

function cli(args: string[], env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 30, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
let file = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'packetloom-memory-'));
  file = join(dir, 'mixed-20k.pcap');
  generatePcap({ packets: 20_000, out: file });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI and its memory guard', () => {
  it('stops reading with one line and exit 2, every packet before it printed, on one thread and on two', () => {
    const whole = cli(['-r', file], { PACKETLOOM_THREADS: '1' });
    expect(whole.code).toBe(0);
    const all = whole.stdout.split('\n');
    for (const threads of ['1', '2']) {
      const r = cli(['-r', file], { PACKETLOOM_THREADS: threads, PACKETLOOM_MAX_RSS_MB: '1' });
      expect(r.code, threads).toBe(2);
      const m = /^packetloom: The file ".*mixed-20k\.pcap" is too big to read whole with the memory there is: reading stopped at packet (\d+), byte offset (\d+) \(the process uses [\d,]+ MiB of memory, more than the 1 MiB it allows itself\); split it \(editcap -c\) and read the parts\n$/.exec(r.stderr);
      expect(m, `${threads} thread(s): ${r.stderr}`).not.toBeNull();
      const next = Number(m![1]);
      expect(next).toBeGreaterThan(1);
      expect(next).toBeLessThan(20_000);
      expect(r.stdout, threads).toBe(all.slice(0, next - 1).join('\n') + '\n');
    }
  });
});
