/** What the pcap and pcapng readers share: the chunk queue, the reused record, errors, state. */

import { ChunkQueue } from './chunk-queue.js';
import type { CaptureFileError, CaptureMeta, PacketRecord, RecordBytes } from './types.js';

const EMPTY = new Uint8Array(0);

export function emptyMeta(format: CaptureMeta['format']): CaptureMeta {
  return {
    format,
    byteOrder: 'little',
    versionMajor: 0,
    versionMinor: 0,
    sections: [],
    interfaces: [],
    stats: [],
    names: [],
    secrets: [],
    skippedBlocks: 0,
  };
}

export abstract class ReaderBase {
  abstract readonly meta: CaptureMeta;
  protected readonly q = new ChunkQueue();
  protected err: CaptureFileError | null = null;
  protected finished = false;
  /** Packets handed out so far. */
  protected count = 0;
  /** The record object handed out by every `next()` (callers copy what they keep). */
  protected readonly rec: PacketRecord = {
    num: 0,
    linkType: 0,
    interfaceId: 0,
    tsSec: 0,
    tsNsec: 0,
    hasTs: true,
    origLen: 0,
    data: EMPTY,
    dataOffset: 0,
    recordOffset: 0,
    comments: undefined,
    flags: undefined,
  };

  /** Where the last record's bytes lie (reused object). */
  readonly bytes: RecordBytes = { buf: EMPTY, start: 0, end: 0 };
  /** Whether records get a `data` view (see CaptureReader.views). */
  views = true;

  get error(): CaptureFileError | null {
    return this.err;
  }

  get done(): boolean {
    return this.err !== null || this.finished;
  }

  get offset(): number {
    return this.q.offset;
  }

  push(chunk: Uint8Array): void {
    if (this.done || this.q.ended) return;
    this.q.push(chunk);
  }

  retains(chunk: Uint8Array): boolean {
    return this.q.retains(chunk.buffer);
  }

  /** Sets the record's bytes: `capLen` bytes at `start` of `buf`. */
  protected setData(buf: Uint8Array, start: number, capLen: number): void {
    const b = this.bytes;
    b.buf = buf;
    b.start = start;
    b.end = start + capLen;
    this.rec.data = this.views ? buf.subarray(start, start + capLen) : EMPTY;
  }

  end(): void {
    this.q.ended = true;
  }

  protected fail(code: CaptureFileError['code'], message: string, offset: number): null {
    this.err = { code, message, offset, packetNumber: this.count + 1 };
    return null;
  }

  /**
   * Called when `ensure(need)` failed: at the end of input this is where reading stops
   * (cleanly when nothing is left and `cleanEnd`, else the file was cut short); before the end,
   * more input is needed. Returns null either way.
   */
  protected starved(need: number, what: string, cleanEnd: boolean): null {
    if (!this.q.ended) return null;
    const have = this.q.available;
    if (have === 0 && cleanEnd) {
      this.finished = true;
      return null;
    }
    return this.fail(
      'truncated',
      `The file appears to have been cut short in the middle of a packet (${what} at offset ${this.q.offset}` +
        ` needs ${need} bytes, ${have} present).`,
      this.q.offset,
    );
  }
}
