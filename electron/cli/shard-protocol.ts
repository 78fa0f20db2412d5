/** Messages between the CLI's main thread and the threads of a sharded summary pass (sharded-summary.ts). */
import type { DecodeAsEntry } from '../../dissectors/decode-as.js';
import type { EnabledProtocols } from '../../dissectors/enabled-protocols.js';
import type { TimeColumn } from './time-column.js';

/** What a shard thread is given (its workerData). */
export interface ShardJob {
  path: string;
  /** This thread's shard, of `shards`. */
  shard: number;
  shards: number;
  /** -c: stop after this frame. */
  count: number | undefined;
  resolve: { mac: boolean; transport: boolean };
  /** -t / -u: the Time column's format. */
  time: TimeColumn;
  /** -d: Decode As entries. */
  decodeAs: readonly DecodeAsEntry[];
  /** --disable-protocol, --disable-heuristic. */
  protocols: EnabledProtocols;
  /** Frames per batch. */
  batch: number;
  /** Batches a thread may be ahead of what the main thread has written. */
  ahead: number;
  /** Int32 [0]: batches the main thread has written (-1: stop waiting, the pass is over). */
  control: SharedArrayBuffer;
}

export type ShardMessage =
  | {
    type: 'batch';
    index: number;
    /** Frames in this batch (every frame read, of any shard). */
    frames: number;
    /** This shard's summary lines of the batch, in frame order, and where each ends in `data`. */
    data: Uint8Array;
    ends: Uint32Array;
    /** From shard 0 only: the shard of each frame of the batch. */
    owner: Uint8Array | null;
    /** Last frame number and its record offset (progress). */
    packets: number;
    offset: number;
  }
  | {
    type: 'end';
    /** Why reading stopped early (the CLI's stop message), or null at the end of the file. */
    stop: string | null;
    /** The file could not be opened as a capture. */
    open: { code: string; message: string } | null;
    /** A bug: the message and where it happened. */
    internal: string | null;
    packets: number;
  };
