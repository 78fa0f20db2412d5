/**
 * Reading a capture file from disk through the pure chunk readers in dissectors/capture: the file
 * is read in chunks, never whole.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createReader } from '../../dissectors/capture/open.js';
import type { CaptureFileError, CaptureMeta, CaptureReader, PacketRecord } from '../../dissectors/capture/types.js';

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
}

/**
 * Calls `onPacket` for every packet of the file at `path`, in order; stops early if it returns
 * false. Throws CaptureOpenError when the file cannot be opened or is not a capture.
 */
export function readCaptureFile(path: string, onPacket: (rec: PacketRecord, meta: CaptureMeta) => boolean | void, chunkSize = CHUNK_SIZE): ReadResult {
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
    for (;;) {
      const buf = new Uint8Array(chunkSize);
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
      } else if (n > 0) {
        reader!.push(chunk);
      }
      if (n === 0) reader!.end();
      let rec: PacketRecord | null;
      while ((rec = reader!.next()) !== null) {
        if (onPacket(rec, reader!.meta) === false) return { meta: reader!.meta, error: null };
      }
      if (reader!.done || reader!.error) return { meta: reader!.meta, error: reader!.error };
    }
  } finally {
    closeSync(fd);
  }
}
