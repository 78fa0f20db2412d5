/**
 * Reading a capture file from disk through the pure chunk readers in dissectors/capture: the file
 * is read in chunks, never whole.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createReader } from '../../dissectors/capture/open.js';
import type { CaptureFileError, CaptureMeta, CaptureReader, PacketRecord, RecordBytes } from '../../dissectors/capture/types.js';

const rec0 = new Uint8Array(0);

export const CHUNK_SIZE = 1 << 20;

export class CaptureOpenError extends Error {
  constructor(readonly path: string, message: string, readonly code: string) {
    super(message);
    this.name = 'CaptureOpenError';
  }
}

export interface ReadResult {
  meta: CaptureMeta;
  /** Why reading stopped early (null when the file was read to its end). */
  error: CaptureFileError | null;
  /** Reading stopped because the memory guard said so (ReadOptions.guard): why, and where. */
  memory?: { reason: string; packetNumber: number; offset: number };
}

export interface ReadOptions {
  /**
   * Give each record a `data` view (default true). A summary pass that dissects the bytes in place
   * (`dissect(meta, bytes.buf, false, bytes.start, bytes.end)`) turns it off: making a typed-array
   * view per packet costs more than the rest of reading it. Off, `rec.data` is empty.
   */
  views?: boolean;
  /**
   * Asked between chunks (memory-guard.ts): a reason stops reading there, before the process runs
   * out of memory (ReadResult.memory says where).
   */
  guard?: { check(): string | null };
}

const NO_OPTIONS: ReadOptions = {};

/**
 * Calls `onPacket` for every packet of the file at `path`, in order; stops early if it returns
 * false. Throws CaptureOpenError when the file cannot be opened or is not a capture.
 *
 * The record, its `data` and `bytes` (where its bytes lie in the chunk) are valid only during the
 * call: chunk buffers are reused once the reader is done with them, so copy what you keep.
 */
export function readCaptureFile(
  path: string,
  onPacket: (rec: PacketRecord, meta: CaptureMeta, bytes: RecordBytes) => boolean | void,
  chunkSize = CHUNK_SIZE,
  opts: ReadOptions = NO_OPTIONS,
): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'No such file or directory' : err.code === 'EACCES' ? 'Permission denied' : err.code === 'EISDIR' ? 'Is a directory' : err.message;
    throw new CaptureOpenError(path, `The file "${path}" could not be opened: ${why}.`, err.code ?? 'EIO');
  }
  try {
    let pos = 0;
    let reader: CaptureReader | null = null;
    let first = true;
    // Chunk buffers, reused once the reader holds no unread bytes of them (usually two alternate;
    // a record longer than a chunk keeps more alive for a while).
    const pool: Uint8Array[] = [];
    let packets = 0;
    for (;;) {
      if (!first && opts.guard) {
        const reason = opts.guard.check();
        if (reason !== null) return { meta: reader!.meta, error: null, memory: { reason, packetNumber: packets + 1, offset: reader!.offset } };
      }
      let buf: Uint8Array | undefined;
      for (let i = 0; i < pool.length; i++) {
        const b = pool[i]!;
        if (reader?.retains && !reader.retains(b)) {
          buf = b;
          break;
        }
      }
      if (buf === undefined) {
        // Not zero-filled: only the bytes read into it are ever looked at.
        const raw = Buffer.allocUnsafeSlow(chunkSize);
        buf = new Uint8Array(raw.buffer, raw.byteOffset, chunkSize);
        if (reader === null || reader.retains) pool.push(buf);
      }
      let n: number;
      try {
        n = readSync(fd, buf, 0, chunkSize, pos);
      } catch (e) {
        throw new CaptureOpenError(path, `The file "${path}" could not be read: ${(e as Error).message}.`, 'EIO');
      }
      const chunk = buf.subarray(0, n);
      pos += n;
      if (first) {
        first = false;
        const r = createReader(chunk);
        if (!('push' in r)) throw new CaptureOpenError(path, `The file "${path}" isn't a capture file in a format Packetloom understands (${r.message}).`, r.code);
        reader = r;
        if (opts.views === false) reader.views = false;
        if (!reader.retains) pool.length = 0; // cannot tell when a chunk is free: never reuse one
      } else if (n > 0) {
        reader!.push(chunk);
      }
      if (n === 0) reader!.end();
      let rec: PacketRecord | null;
      const bytes = reader!.bytes ?? { buf: rec0, start: 0, end: 0 };
      while ((rec = reader!.next()) !== null) {
        if (!reader!.bytes) {
          bytes.buf = rec.data;
          bytes.end = rec.data.length;
        }
        packets++;
        if (onPacket(rec, reader!.meta, bytes) === false) return { meta: reader!.meta, error: null };
      }
      if (reader!.done || reader!.error) return { meta: reader!.meta, error: reader!.error };
    }
  } finally {
    closeSync(fd);
  }
}

/** The one-line explanation of a read stopped by the memory guard. */
export function memoryStopMessage(path: string, m: NonNullable<ReadResult['memory']>): string {
  return `The file "${path}" is too big to read whole with the memory there is: reading stopped at packet ${m.packetNumber}, byte offset ${m.offset} (${m.reason}); split it (editcap -c) and read the parts`;
}

/** The one-line explanation of why reading stopped before the end of the file. */
export function stopMessage(path: string, e: CaptureFileError): string {
  const lead =
    e.code === 'truncated'
      ? `The file "${path}" appears to have been cut short in the middle of a packet`
      : e.code === 'unsupported'
        ? `The file "${path}" contains record data that Packetloom doesn't support`
        : `The file "${path}" appears to be damaged or corrupt`;
  const detail = /\((.*)\)\.?$/.exec(e.message)?.[1] ?? e.message;
  return `${lead}: reading stopped at packet ${e.packetNumber}, byte offset ${e.offset} (${detail})`;
}
