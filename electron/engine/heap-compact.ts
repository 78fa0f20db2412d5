/**
 * A full garbage collection on demand, for a session worker that has just finished a burst of
 * work (indexing a file, the warm-up) and is about to sit idle holding its index.
 *
 * An index pass leaves behind what V8 gives back only much later, if at all, in a thread that
 * then just waits for messages: old-space garbage of the pass, and the index columns' arrays from
 * before PacketIndex.trim() (external memory, freed only when a major GC finds them dead — on the
 * 1M bench file some 60 MB resident until then). V8 offers `gc()` only to contexts made while
 * --expose-gc is set: the flag is set for the moment one private context is made and cleared
 * again, so no other code sees a `gc`.
 *
 * (The inspector's HeapProfiler.collectGarbage would also shrink the young generation, but in
 * Node 20 a thread that posts it can hang: not used.)
 */
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

/** Runs a full GC now (synchronously); false when this V8 does not allow it. */
export function compactHeap(): boolean {
  const gc = gcFunction();
  if (!gc) return false;
  gc();
  return true;
}
