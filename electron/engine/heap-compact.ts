/**
 * A full garbage collection on demand, for a session worker that has just finished a burst of
 * work (indexing a file, the warm-up) and is about to sit idle holding its index.
 *
 * An index pass leaves behind what V8 gives back only much later, if at all, in a thread that
 * then just waits for messages: old-space garbage of the pass, and the index columns' arrays from
 * before PacketIndex.trim() (external memory, freed only when a major GC finds them dead — on the
 * 1M bench file some 60 MB resident until then). V8 offers `gc()` only to contexts made while
 * --expose-gc is set: the flag is set for the moment one private context is made and cleared
 * again, so no other code sees a `gc`. After the GC, the free memory malloc keeps (the dead
 * arrays' holes) goes back to the system through the optional malloc-trim addon
 * (releaseFreedMemory); idle-compactor.ts decides when a worker compacts again later.
 *
 * (The inspector's HeapProfiler.collectGarbage would also shrink the young generation, but in
 * Node 20 a thread that posts it can hang: not used.)
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = () => void;
let gcFn: GcFunction | null | undefined;

function gcFunction(): GcFunction | null {
  if (gcFn !== undefined) return gcFn;
  // Started with --expose-gc already (a test, a profile): use it, and leave the flag alone.
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return (gcFn = own as GcFunction);
  try {
    setFlagsFromString('--expose-gc');
    const f = runInNewContext('gc') as unknown;
    gcFn = typeof f === 'function' ? (f as GcFunction) : null;
  } catch {
    gcFn = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return gcFn;
}

type TrimFunction = () => boolean;
let trimFn: TrimFunction | null | undefined;

/**
 * glibc's malloc_trim(0), from the optional addon in electron/engine/malloc-trim (built by
 * node-gyp like cap; null where it is not built or this is not Linux).
 */
function trimFunction(): TrimFunction | null {
  if (trimFn !== undefined) return trimFn;
  trimFn = null;
  if (process.platform !== 'linux') return trimFn;
  try {
    const t = (createRequire(import.meta.url)('packetloom-malloc-trim') as { trim?: unknown }).trim;
    if (typeof t === 'function') trimFn = t as TrimFunction;
  } catch {
    // Not built: freed memory is given back as glibc sees fit.
  }
  return trimFn;
}

/**
 * Gives back to the system the whole pages of memory that malloc holds free. V8 allocates
 * ArrayBuffers with malloc; an index pass grows its columns and tables (a larger array, the old
 * one freed) and cuts them to size at the end, and glibc keeps the holes those leave resident
 * (free() returns only the top of a heap): on the 1M bench file some 15–20 MB that an idle session
 * would otherwise hold for good. False when the addon is not there (or nothing was released).
 */
export function releaseFreedMemory(): boolean {
  const trim = trimFunction();
  return trim !== null && trim();
}

/** Whether releaseFreedMemory can do anything here. */
export function canReleaseFreedMemory(): boolean {
  return trimFunction() !== null;
}

/**
 * Runs a full GC now (synchronously), then gives back what malloc holds free (the ArrayBuffers the
 * GC found dead among it); false when this V8 does not allow the GC.
 *
 * `everyPage` (for a worker about to sit idle): every old-space page is compacted, not only those
 * V8's heuristics pick — what is left of a pass's objects is spread thin over old space (some 7 MB
 * on the 1M bench file). Without it (the memory guard, which may collect between every chunk of a
 * big file) the GC costs what V8's own full GCs cost.
 */
export function compactHeap(everyPage = true): boolean {
  const gc = gcFunction();
  if (!gc) {
    releaseFreedMemory();
    return false;
  }
  if (everyPage) setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    if (everyPage) setFlagsFromString('--no-compact-on-every-full-gc');
  }
  releaseFreedMemory();
  return true;
}
