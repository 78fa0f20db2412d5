/**
 * Indexing a capture file in the background: the file is read chunk by chunk through the pure
 * readers (dissectors/capture), every packet is handed to the session (`Session.add`), and after
 * each time slice the loop yields to the event loop (setImmediate), so that calls — the first
 * rows, a packet, cancel — are answered while indexing goes on. Run in a worker thread (worker.ts)
 * this keeps the app's main process free; run inline it still never blocks for long.
 */
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { createReader } from '../../dissectors/capture/open.js';
import type { CaptureReader, PacketRecord } from '../../dissectors/capture/types.js';
import { stopMessage } from './read-capture.js';
import { EngineError } from './errors.js';
import type { Session } from './session.js';
import { MemoryGuard, type MemoryLimits } from './memory-guard.js';

export const CHUNK_SIZE = 1 << 20;
/** Longest stretch of work between two looks at the event loop. */
export const SLICE_MS = 25;

export interface IndexerOptions {
  chunkSize?: number;
  sliceMs?: number;
  /**
   * Follow a file that is still being written (a live capture's write-through pcapng): at its end
   * the indexer waits for `poke()` (more was written) or `endOfInput()` (the writer is done)
   * instead of ending.
   */
  growing?: boolean;
  /** When to stop indexing for lack of memory (memory-guard.ts; default: 80% of the heap limit and of the machine's memory). */
  memory?: MemoryLimits;
}

/**
 * Opens the file and checks that it is a capture (throws EngineError 'file' if not); indexing
 * starts with `start()`.
 */
export class FileIndexer {
  private fd: number;
  private reader: CaptureReader | null = null;
  private pos = 0;
  private readonly pool: Uint8Array[] = [];
  private cancelled = false;
  private running = false;
  private stopped = false;
  private sinceCheck = 0;
  size: number;
  private readonly chunkSize: number;
  private readonly sliceMs: number;
  private onEnd: (() => void) | null = null;
  /** Growing file: no more bytes now, waiting for a poke. */
  private waiting = false;
  private growing: boolean;
  private session: Session | null = null;
  private readonly guard: MemoryGuard;

  constructor(readonly path: string, opts: IndexerOptions = {}) {
    this.chunkSize = opts.chunkSize ?? CHUNK_SIZE;
    this.sliceMs = opts.sliceMs ?? SLICE_MS;
    this.growing = opts.growing ?? false;
    this.guard = new MemoryGuard(opts.memory);
    try {
      this.fd = openSync(path, 'r');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? 'No such file or directory' : err.code === 'EACCES' ? 'Permission denied' : err.code === 'EISDIR' ? 'Is a directory' : err.message;
      throw new EngineError('file', `The file "${path}" could not be opened: ${why}.`);
    }
    try {
      const st = fstatSync(this.fd);
      if (st.isDirectory()) throw new EngineError('file', `"${path}" is a directory (folder), not a file.`);
      this.size = st.size;
      const first = this.read();
      if (first.length === 0) throw new EngineError('file', `The file "${path}" is empty: it is not a capture file.`);
      const r = createReader(first);
      if (!('push' in r)) throw new EngineError('file', `The file "${path}" isn't a capture file in a format Packetloom understands (${r.message}).`);
      // Dissect in place in the chunk (no view per packet) where the reader says where the bytes are.
      if (r.bytes !== undefined) r.views = false;
      this.reader = r;
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
  }

  private read(): Uint8Array {
    let buf: Uint8Array | undefined;
    const r = this.reader;
    if (r?.retains) {
      for (const b of this.pool) {
        if (!r.retains(b)) {
          buf = b;
          break;
        }
      }
    }
    if (!buf) {
      buf = new Uint8Array(this.chunkSize);
      if (r === null || r.retains) this.pool.push(buf);
    }
    const n = readSync(this.fd, buf, 0, this.chunkSize, this.pos);
    this.pos += n;
    return buf.subarray(0, n);
  }

  /** Starts indexing into `session`; `done` is called once it stops (end, error or cancel). */
  start(session: Session, done?: () => void): void {
    if (this.running) return;
    this.running = true;
    this.onEnd = done ?? null;
    this.session = session;
    session.bytesTotal = this.size;
    setImmediate(() => this.step(session));
  }

  /** Growing file: more bytes were written (indexing goes on if it was waiting for them). */
  poke(): void {
    if (!this.waiting || this.stopped || !this.session) return;
    this.waiting = false;
    const s = this.session;
    setImmediate(() => this.step(s));
  }

  /** Growing file: nothing more will be written; index what is left and end. */
  endOfInput(): void {
    this.growing = false;
    this.poke();
  }

  cancel(): void {
    this.cancelled = true;
  }

  private end(session: Session, state: 'done' | 'cancelled' | 'error', message?: string): void {
    if (this.stopped) return;
    this.stopped = true;
    try {
      closeSync(this.fd);
    } catch {
      // closed already
    }
    session.finish(state, message);
    this.onEnd?.();
  }

  /** True once indexing has stopped. */
  get ended(): boolean {
    return this.stopped;
  }

  /**
   * Indexes right now, without yielding, until the session has `packets` packets (or `ms` have
   * passed, or the file ends): a face asking for the first rows gets them in the same call.
   */
  pump(session: Session, packets: number, ms: number): void {
    if (this.stopped || !this.running) return;
    this.work(session, ms, packets);
  }

  /** Why indexing stopped early for lack of memory, and what the user can do. */
  private memoryMessage(session: Session, why: string): string {
    const n = session.count.toLocaleString('en-US');
    const where = this.growing
      ? `Packets from ${session.count + 1} on are not shown: ${why}. The capture goes on into its file, where nothing is lost: stop it, save it, and open it in parts.`
      : `Indexing stopped at packet ${session.count + 1}, ${Math.floor((100 * session.bytesDone) / Math.max(1, this.size))}% into the file: ${why}.`;
    return `${where} The ${n} packets indexed can be viewed, filtered and saved; for the rest, split the file (editcap -c) or read it with the CLI (packetloom -r, which keeps no index).`;
  }

  private step(session: Session): void {
    if (this.stopped || this.waiting) return;
    if (!this.work(session, this.sliceMs, Infinity) && !this.waiting) setImmediate(() => this.step(session));
  }

  /** Works for up to `ms` or until `packets` are indexed; returns true when indexing has stopped. */
  private work(session: Session, ms: number, packets: number): boolean {
    if (session.isClosed) {
      this.end(session, 'cancelled');
      return true;
    }
    if (this.cancelled) {
      this.end(session, 'cancelled', `Indexing was cancelled after ${session.count} packets.`);
      return true;
    }
    const t0 = performance.now();
    const r = this.reader!;
    let timeUp = false;
    try {
      for (;;) {
        let rec: PacketRecord | null;
        while ((rec = r.next()) !== null) {
          const b = r.bytes;
          if (b) session.add(rec, b.buf, b.start, b.end, r.meta);
          else session.add(rec, rec.data, 0, rec.data.length, r.meta);
          if (session.count >= packets) break;
          // A chunk holds thousands of packets: look at the clock every 128 of them.
          if ((++this.sinceCheck & 127) === 0 && performance.now() - t0 >= ms) {
            timeUp = true;
            break;
          }
        }
        session.bytesDone = this.growing ? r.offset : Math.min(this.size, r.offset);
        if (timeUp) break;
        if (rec === null && (r.done || r.error)) {
          if (this.pos > this.size) this.size = session.bytesTotal = this.pos;
          session.bytesDone = r.error ? r.error.offset : this.size;
          session.stopError = r.error;
          this.end(session, 'done', r.error ? stopMessage(this.path, r.error) : undefined);
          return true;
        }
        if (session.count >= packets || performance.now() - t0 >= ms) break;
        const short = this.guard.check();
        if (short !== null) {
          this.end(session, 'error', this.memoryMessage(session, short));
          return true;
        }
        const chunk = this.read();
        if (chunk.length > 0) r.push(chunk);
        else if (!this.growing) r.end();
        else {
          // At the end of a file still being written: wait for more.
          session.bytesDone = session.bytesTotal = this.size = Math.max(this.size, this.pos);
          session.afterBatch();
          this.waiting = true;
          return false;
        }
      }
    } catch (e) {
      this.end(session, 'error', `Indexing stopped at packet ${session.count + 1}: ${(e as Error).message}`);
      return true;
    }
    session.afterBatch();
    return false;
  }
}
