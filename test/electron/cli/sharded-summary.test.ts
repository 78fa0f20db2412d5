/**
 * The CLI's plain summary lines on several threads (electron/cli/sharded-summary.ts) are byte for
 * byte those of one thread: on every capture of the corpus and of our own, on a generated capture
 * of many batches (and a copy of it cut short in the middle of a record), with -c and -N, and for
 * files that are not captures. The threaded runs use the built CLI (dist/, made by `npm test`'s
 * build step), as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePcap } from '../../../bench/generate.js';
import { runCli } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'packetloom.js');
const CORPUS = join(ROOT, 'fixtures', 'corpus');
const OWN = join(ROOT, 'fixtures', 'own');
const FILES = [
  ...readdirSync(CORPUS).filter((n) => /\.pcap(ng)?$/.test(n)).sort().map((n) => join(CORPUS, n)),
  ...readdirSync(OWN).filter((n) => /\.pcap(ng)?$/.test(n)).sort().map((n) => join(OWN, n)),
];

/** The built CLI with `threads` threads (PACKETLOOM_THREADS). */
function threaded(threads: number, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, PACKETLOOM_THREADS: String(threads) }, maxBuffer: 1 << 30, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
let big = '';
let cut = '';

beforeAll(() => {
  // Without the build there is nothing threaded to compare: fail, do not skip.
  expect(existsSync(join(ROOT, 'dist', 'cli-shard-worker.js')), 'dist/cli-shard-worker.js is missing: run `npm run build`').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'packetloom-sharded-'));
  big = join(dir, 'mixed-30k.pcap');
  generatePcap({ packets: 30_000, out: big });
  // Cut in the middle of a record, well past the first batches.
  const bytes = readFileSync(big);
  cut = join(dir, 'mixed-cut.pcap');
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7) + 3));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('summary lines on several threads', () => {
  it('prints every corpus capture and our own exactly as one thread does (three threads)', async () => {
    expect(FILES.length).toBeGreaterThan(60);
    for (const f of FILES) {
      const one = await runCli(['-r', f]);
      const three = threaded(3, ['-r', f]);
      expect(three, f).toEqual(one);
    }
  }, 300_000);

  it('interleaves many batches back into frame order, for 2 and 4 threads', () => {
    const one = threaded(1, ['-r', big]);
    expect(one.code).toBe(0);
    expect(one.stdout.split('\n').length).toBe(30_001);
    for (const n of [2, 4]) expect(threaded(n, ['-r', big]), `${n} threads`).toEqual(one);
  }, 120_000);

  it('prints every complete packet of a file cut short, then the same stop message', () => {
    const one = threaded(1, ['-r', cut]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/cut short|damaged|truncated/i);
    expect(threaded(2, ['-r', cut])).toEqual(one);
  }, 120_000);

  it('stops after -c packets and resolves names with -N, as one thread', () => {
    for (const args of [['-c', '5000'], ['-N', 'mt'], ['-c', '1']]) {
      expect(threaded(2, ['-r', big, ...args]), args.join(' ')).toEqual(threaded(1, ['-r', big, ...args]));
    }
  }, 120_000);

  it('gives a file that is not a capture, or an empty one, the answer of one thread', () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a capture file at all, just some text\n'.repeat(10));
    const empty = join(dir, 'empty.pcap');
    writeFileSync(empty, '');
    for (const f of [text, empty]) {
      const one = threaded(1, ['-r', f]);
      expect(threaded(2, ['-r', f]), f).toEqual(one);
    }
    expect(threaded(2, ['-r', text]).stderr).toContain("isn't a capture file");
  }, 60_000);
});
