/**
 * `packetloom -r big.pcap`, the plain summary lines, on several threads: each thread
 * (shard-worker.ts) reads the whole file but dissects only the frames of its flow shard
 * (dissectors/capture/flow-shard.ts: every frame of one IP address pair goes to the same thread,
 * so TCP and UDP conversations, reassembly, fragments and request/response pairs see all their
 * frames, in order). This thread puts the shards' lines back in frame order and writes them.
 * The output is byte for byte that of one thread (test/electron/cli/sharded-summary.test.ts).
 *
 * Only the plain summary lines are sharded: a display filter, trees, fields, taps and files
 * written see global state (stream numbers, per-server SYN counts) and stay on one thread.
 */
import type { DecodeAsEntry } from '../../dissectors/decode-as.js';
import type { EnabledProtocols } from '../../dissectors/enabled-protocols.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { ByteOut } from './byte-out.js';
import type { Progress } from './export.js';
import type { ShardJob, ShardMessage } from './shard-protocol.js';
import type { TimeColumn } from './time-column.js';
import { startWorkerScript, type WorkerScript } from '../engine/worker-script.js';

/** Frames per batch, and batches a thread may run ahead of the output. */
const BATCH = 4096;
const AHEAD = 16;
/** Smaller files are read on one thread: starting threads costs more than it saves. */
export const SHARD_MIN_BYTES = 16 << 20;
const MAX_THREADS = 4;

type Batch = Extract<ShardMessage, { type: 'batch' }>;
type End = Extract<ShardMessage, { type: 'end' }>;

export interface ShardOutcome {
  stop: string | null;
  open: { code: string; message: string } | null;
  internal: string | null;
  /** Frames read. */
  packets: number;
}


const here = dirname(fileURLToPath(import.meta.url));

/** The shard thread's script: dist/cli-shard-worker.js beside the built CLI, or the TypeScript source under tests. */
function findScript(): WorkerScript | null {
  if (import.meta.url.endsWith('.ts')) {
    const ts = join(here, 'shard-worker.ts');
    return existsSync(ts) ? { path: ts, ts: true } : null;
  }
  const js = join(here, 'cli-shard-worker.js');
  return existsSync(js) ? { path: js, ts: false } : null;
}

/**
 * Threads for a file of `size` bytes: `requested` when given (PACKETLOOM_THREADS, or a test),
 * else one per core up to four for files of 16 MiB and more; 1 means no sharding.
 */
export function shardThreads(size: number, requested?: number): number {
  if (findScript() === null) return 1;
  if (requested !== undefined) return Math.max(1, Math.min(MAX_THREADS, Math.floor(requested)));
  if (size < SHARD_MIN_BYTES) return 1;
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

/** One batch of every shard, interleaved into frame order and handed to `out`. */
function merge(bs: Batch[], out: ByteOut): void {
  const owner = bs[0]!.owner!;
  const n = bs[0]!.frames;
  let total = 0;
  for (const b of bs) total += b.data.length;
  if (total === 0) return;
  const dst = Buffer.allocUnsafeSlow(total);
  const src = bs.map((b) => Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength));
  const line = new Int32Array(bs.length);
  const pos = new Int32Array(bs.length);
  let p = 0;
  let f = 0;
  while (f < n) {
    // A run of frames of one shard: its lines are contiguous in that shard's batch.
    const w = owner[f]!;
    let k = 0;
    while (f < n && owner[f] === w) {
      f++;
      k++;
    }
    const li = line[w]! + k;
    const e = bs[w]!.ends[li - 1]!;
    src[w]!.copy(dst, p, pos[w]!, e);
    p += e - pos[w]!;
    pos[w] = e;
    line[w] = li;
  }
  out.chunk(new Uint8Array(dst.buffer, dst.byteOffset, p));
}

/**
 * Reads `path` on `threads` threads and writes its summary lines to `out` in frame order.
 * Resolves once every line is written, with how reading ended.
 */
export function runShardedSummary(
  path: string, threads: number, opts: { count: number | undefined; resolve: { mac: boolean; transport: boolean }; time: TimeColumn; decodeAs: readonly DecodeAsEntry[]; protocols: EnabledProtocols },
  out: ByteOut, progress: Progress,
): Promise<ShardOutcome> {
  const script = findScript()!;
  const control = new SharedArrayBuffer(4);
  const ctl = new Int32Array(control);
  const queues: Batch[][] = Array.from({ length: threads }, () => []);
  const ends: (End | null)[] = new Array<End | null>(threads).fill(null);
  const workers: Worker[] = [];
  let next = 0;
  let finished = false;

  return new Promise<ShardOutcome>((resolve) => {
    const finish = (r: ShardOutcome): void => {
      if (finished) return;
      finished = true;
      Atomics.store(ctl, 0, -1);
      Atomics.notify(ctl, 0);
      for (const w of workers) void w.terminate();
      resolve(r);
    };
    const fail = (message: string): void => {
      out.flush();
      finish({ stop: null, open: null, internal: message, packets: next * BATCH });
    };
    const pump = (): void => {
      if (finished) return;
      try {
        while (queues.every((q) => q.length > 0 && q[0]!.index === next)) {
          const bs = queues.map((q) => q.shift()!);
          merge(bs, out);
          progress.show(bs[0]!.packets, bs[0]!.offset);
          next++;
          Atomics.store(ctl, 0, next);
          Atomics.notify(ctl, 0);
        }
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
        return;
      }
      // A shard that could not read on: its error is the outcome (the others stop with it).
      const bad = ends.find((e) => e !== null && (e.open !== null || e.internal !== null));
      const done = ends.every((e) => e !== null) && queues.every((q) => q.length === 0);
      if (!bad && !done) return;
      out.flush();
      const e = bad ?? ends[0]!;
      finish({ stop: e.stop, open: e.open, internal: e.internal, packets: e.packets });
    };
    for (let shard = 0; shard < threads; shard++) {
      const job: ShardJob = { path, shard, shards: threads, count: opts.count, resolve: { mac: opts.resolve.mac, transport: opts.resolve.transport }, time: opts.time, decodeAs: opts.decodeAs, protocols: opts.protocols, batch: BATCH, ahead: AHEAD, control };
      const w = startWorkerScript(script, { workerData: job });
      workers.push(w);
      w.on('message', (m: ShardMessage) => {
        if (m.type === 'batch') queues[shard]!.push(m);
        else ends[shard] = m;
        pump();
      });
      w.on('error', (e) => fail(`a reading thread failed: ${e.message}`));
      w.on('exit', (code) => {
        if (!finished && ends[shard] === null) fail(`a reading thread stopped (exit code ${code})`);
      });
    }
  });
}
