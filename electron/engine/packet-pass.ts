/**
 * A pass over a session's file, in slices: the packets are read again in order, chunk by chunk,
 * and handed out until a time budget is spent; the next slice goes on from there. For what reads
 * every packet's bytes again (the conversation tables' MAC addresses) without holding the
 * session for the whole file.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createReader } from '../../dissectors/capture/open.js';
import type { CaptureReader } from '../../dissectors/capture/types.js';
import type { FrameMeta } from '../../dissectors/core/pinfo.js';
import { EngineError } from './errors.js';
import { setFrameMeta } from '../../dissectors/capture/frame-meta.js';

const CHUNK = 1 << 20;

export class PacketPass {
  private fd: number;
  private reader: CaptureReader | null = null;
  private pos = 0;
  /** Packets handed out so far. */
  done = 0;
  private readonly meta: FrameMeta = { num: 0, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 0, interfaceId: 0, origLen: 0 };

  constructor(readonly path: string, readonly limit: number) {
    try {
      this.fd = openSync(path, 'r');
    } catch (e) {
      throw new EngineError('file', `${path} cannot be read again: ${(e as Error).message}`);
    }
  }

  private chunk(): Uint8Array {
    const b = new Uint8Array(CHUNK);
    const n = readSync(this.fd, b, 0, CHUNK, this.pos);
    this.pos += n;
    return b.subarray(0, n);
  }

  /**
   * Hands out packets for up to `ms`; true once all `limit` were. A packet's bytes are
   * `buf[start .. end)`, in place in the chunk read (valid during the call only); `meta` is reused.
   */
  run(ms: number, fn: (meta: FrameMeta, buf: Uint8Array, start: number, end: number) => void): boolean {
    const t0 = performance.now();
    if (!this.reader) {
      const r = createReader(this.chunk());
      if (!('push' in r)) throw new EngineError('file', `${this.path} is no longer a capture file (${r.message})`);
      // No view per packet: the bytes are handed out where they lie.
      if (r.bytes) r.views = false;
      this.reader = r;
    }
    const r = this.reader;
    const m = this.meta;
    while (this.done < this.limit) {
      const rec = r.next();
      if (rec === null) {
        if (r.done || r.error) break;
        const c = this.chunk();
        if (c.length) r.push(c);
        else r.end();
        continue;
      }
      setFrameMeta(m, rec, r.meta);
      const b = r.bytes;
      if (b) fn(m, b.buf, b.start, b.end);
      else fn(m, rec.data, 0, rec.data.length);
      this.done++;
      if ((this.done & 63) === 0 && performance.now() - t0 >= ms) return false;
    }
    this.close();
    return true;
  }

  close(): void {
    if (this.fd >= 0) {
      try {
        closeSync(this.fd);
      } catch {
        // closed already
      }
      this.fd = -1;
    }
  }
}
