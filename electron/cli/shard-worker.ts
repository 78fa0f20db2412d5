/**
 * One thread of the CLI's sharded summary pass (sharded-summary.ts): reads the whole capture,
 * dissects only the frames of its flow shard (dissectors/capture/flow-shard.ts) and writes their
 * summary lines; every other frame only moves the frame times on. Lines go to the main thread in
 * batches of frames, with where each line ends; the main thread interleaves the shards' batches
 * back into frame order.
 *
 * Flow control: a worker does not start batch b until the main thread has written batch
 * b - AHEAD (the `merged` counter in shared memory), so a slow reader of standard output (a pipe
 * into `less`) never makes the workers hold the whole output in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { flowShardKey } from '../../dissectors/capture/flow-shard.js';
import { emptyFrameMeta, setFrameMeta } from '../../dissectors/capture/frame-meta.js';
import type { CaptureMeta, PacketRecord, RecordBytes } from '../../dissectors/capture/types.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { CaptureOpenError, memoryStopMessage, readCaptureFile, stopMessage } from '../engine/read-capture.js';
import { MemoryGuard, limitsFromEnv } from '../engine/memory-guard.js';
import { AddressTexts } from './address-texts.js';
import { ByteOut } from './byte-out.js';
import { tsDigits, writeSummaryLine } from './columns.js';
import { makeResolver } from './resolver.js';
import type { ShardJob, ShardMessage } from './shard-protocol.js';

const job = workerData as ShardJob;
const port = parentPort!;
const ctl = new Int32Array(job.control);

function post(m: ShardMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

/** Waits until the main thread has written all but AHEAD batches before `batch`. */
function waitTurn(batch: number): void {
  for (;;) {
    const merged = Atomics.load(ctl, 0);
    if (batch - merged < job.ahead || merged < 0) return;
    Atomics.wait(ctl, 0, merged, 1000);
  }
}

function run(): void {
  const dissector = new CaptureDissector({ decodeAs: job.decodeAs, protocols: job.protocols });
  const addrs = new AddressTexts(makeResolver(job.resolve));
  const meta = emptyFrameMeta();
  const B = job.batch;
  let pieces: Uint8Array[] = [];
  let out = new ByteOut((b) => pieces.push(b), 1 << 18);
  let ends: number[] = [];
  const owner = job.shard === 0 ? new Uint8Array(B) : null;
  let batch = 0;
  let inBatch = 0;
  let lastOffset = 0;
  let lastNum = 0;
  const digitsCache = new Map<number, number>();

  const flush = (): void => {
    out.flush();
    const base = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
    // Its own buffer, so that it can be transferred (a copy, never a view of a shared pool).
    const data = base.byteOffset === 0 && base.byteLength === base.buffer.byteLength ? base : new Uint8Array(base);
    const endArr = Uint32Array.from(ends);
    const own = owner ? owner.slice(0, inBatch) : null;
    const transfer: ArrayBuffer[] = [data.buffer as ArrayBuffer, endArr.buffer];
    if (own) transfer.push(own.buffer);
    post({ type: 'batch', index: batch, frames: inBatch, data, ends: endArr, owner: own, packets: lastNum, offset: lastOffset }, transfer);
    pieces = [];
    out = new ByteOut((b) => pieces.push(b), 1 << 18);
    ends = [];
    inBatch = 0;
    batch++;
    waitTurn(batch);
  };

  const onPacket = (rec: PacketRecord, m: CaptureMeta, bytes: RecordBytes): boolean => {
    setFrameMeta(meta, rec, m);
    const key = flowShardKey(bytes.buf, bytes.start, bytes.end, rec.linkType);
    const shard = key % job.shards;
    if (owner) owner[inBatch] = shard;
    if (shard === job.shard) {
      const pinfo = dissector.dissect(meta, bytes.buf, false, bytes.start, bytes.end);
      let d = digitsCache.get(rec.interfaceId);
      if (d === undefined) {
        d = tsDigits(m.interfaces[rec.interfaceId]?.tsresol ?? (m.precision === 'nsec' ? 9 : 6));
        digitsCache.set(rec.interfaceId, d);
      }
      writeSummaryLine(out, pinfo, d, addrs, '', job.time);
      ends.push(out.total);
    } else {
      dissector.skip(meta);
    }
    lastNum = rec.num;
    lastOffset = rec.recordOffset;
    if (++inBatch === B) flush();
    return job.count === undefined || rec.num < job.count;
  };

  let stop: string | null = null;
  try {
    const r = readCaptureFile(job.path, onPacket, undefined, { views: false, guard: new MemoryGuard(limitsFromEnv(process.env)) });
    if (r.error) stop = stopMessage(job.path, r.error);
    else if (r.memory) stop = memoryStopMessage(job.path, r.memory);
  } catch (e) {
    if (inBatch > 0) flush();
    if (e instanceof CaptureOpenError) post({ type: 'end', stop: null, open: { code: e.code, message: e.message }, internal: null, packets: lastNum });
    else {
      const where = e instanceof Error && e.stack ? e.stack.split('\n').find((l) => l.includes(' at ')) ?? '' : '';
      post({ type: 'end', stop: null, open: null, internal: `${e instanceof Error ? e.message : String(e)}${where ? ` (${where.trim()})` : ''}`, packets: lastNum });
    }
    return;
  }
  if (inBatch > 0) flush();
  post({ type: 'end', stop, open: null, internal: null, packets: lastNum });
}

run();
