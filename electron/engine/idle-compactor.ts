/**
 * When a session worker has been quiet for a while after a burst of work (a filter, the expert
 * view, a conversation export, scrolling through trees), what that work left behind goes:
 * `compactHeap` (a full, compacting GC and malloc's free pages back to the system) — but only
 * when the process has grown by more than `growthBytes` since the last compaction, so an idle
 * worker is not collected again and again for nothing.
 *
 * "Quiet" is `quietMs` without `activity()` (the worker calls it for every call it answers and
 * every status it sends: indexing and background filtering send one at least every 100 ms).
 * V8 does something like it on its own (its memory reducer, some 8 s after allocation stops), but
 * without compacting every page and without giving back malloc's free memory.
 */
import { compactHeap, releaseFreedMemory } from './heap-compact.js';

export interface IdleCompactorOptions {
  /** Quiet time before compacting (ms). */
  quietMs?: number;
  /** Growth of the process's resident memory since the last compaction that makes one worth it. */
  growthBytes?: number;
  /** Resident memory now (tests give their own). */
  rss?: () => number;
  /** The compaction (tests give their own). */
  compact?: () => void;
  /** Giving back malloc's free memory again a little after a compaction (tests give their own). */
  release?: () => void;
}

export const QUIET_MS = 1000;
export const GROWTH_BYTES = 2 << 20;
/**
 * V8 frees the ArrayBuffers a GC found dead on a thread of its own, partly after the GC has
 * returned: malloc's free memory is given back once more this long after a compaction.
 */
export const LATE_RELEASE_MS = 250;

export class IdleCompactor {
  private readonly quietMs: number;
  private readonly growthBytes: number;
  private readonly rss: () => number;
  private readonly compact: () => void;
  private readonly release: () => void;
  private late: ReturnType<typeof setTimeout> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Resident memory right after the last compaction. */
  private base: number;
  /** Compactions done (for tests and the bench). */
  count = 0;

  constructor(opts: IdleCompactorOptions = {}) {
    this.quietMs = opts.quietMs ?? QUIET_MS;
    this.growthBytes = opts.growthBytes ?? GROWTH_BYTES;
    this.rss = opts.rss ?? (() => process.memoryUsage.rss());
    this.compact = opts.compact ?? (() => void compactHeap());
    this.release = opts.release ?? (() => void releaseFreedMemory());
    this.base = this.rss();
  }

  /** Work happened: the quiet time starts again. */
  activity(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.quiet(), this.quietMs);
    // A waiting timer does not keep the thread alive.
    this.timer.unref?.();
  }

  /** Compacts now (the end of indexing does not wait for quiet), whatever the growth. */
  compactNow(): void {
    this.compact();
    this.count++;
    this.base = this.rss();
    if (this.late !== null) clearTimeout(this.late);
    this.late = setTimeout(() => {
      this.late = null;
      this.release();
      this.base = Math.min(this.base, this.rss());
    }, LATE_RELEASE_MS);
    this.late.unref?.();
  }

  /** No timer left waiting (the worker is closing). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.late !== null) clearTimeout(this.late);
    this.timer = null;
    this.late = null;
  }

  private quiet(): void {
    this.timer = null;
    if (this.rss() - this.base > this.growthBytes) this.compactNow();
  }
}
