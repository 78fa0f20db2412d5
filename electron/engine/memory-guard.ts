/**
 * The memory guard of an index pass: a capture too big for the machine stops being indexed before
 * the session's thread runs out of memory, so that what was indexed stays usable (rows, trees,
 * filters, saving) and the user is told why, instead of the session's worker dying and taking the
 * whole session with it.
 *
 * Two limits, checked between chunks of the file (every MiB read):
 * - the thread's old generation, where a pass's state lives (V8 ends a thread whose old generation
 *   reaches its limit): stop at 80% of it;
 * - the process's resident memory against the machine's (or the container's) memory: stop at 80%,
 *   before the system starts swapping or its OOM killer picks the app.
 * Garbage counts in both until a full collection: a limit that looks reached is checked again after
 * one (heap-compact.ts), so a burst of garbage never stops a pass that still fits.
 */
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { totalmem } from 'node:os';
import { resourceLimits } from 'node:worker_threads';
import { compactHeap } from './heap-compact.js';

export interface MemoryLimits {
  /** Fraction of the thread's old-generation limit at which indexing stops (default 0.8). */
  heapFraction?: number;
  /** Resident bytes of the process at which indexing stops (default: 80% of the machine's or container's memory). */
  rssBytes?: number;
}

const DEFAULT_FRACTION = 0.8;
const MiB = 1048576;
const mib = (n: number) => `${Math.round(n / MiB).toLocaleString('en-US')} MiB`;

/** The memory this process may use: the machine's, or less when a cgroup (container, systemd unit) limits it. */
export function availableMemory(): number {
  const machine = totalmem();
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  // 0: no limit known; some kernels report a limit far above the machine's memory.
  return constrained && constrained > 0 && constrained < machine ? constrained : machine;
}

export class MemoryGuard {
  private readonly heapFraction: number;
  private readonly rssBytes: number;

  constructor(limits: MemoryLimits = {}) {
    this.heapFraction = limits.heapFraction ?? DEFAULT_FRACTION;
    this.rssBytes = limits.rssBytes ?? Math.floor(availableMemory() * DEFAULT_FRACTION);
  }

  /** Why the pass must stop now (a clause for a sentence), or null while it fits. */
  check(): string | null {
    if (this.over() === null) return null;
    // Perhaps only garbage: collect it and look again (a plain full GC: this may run between every chunk).
    compactHeap(false);
    return this.over();
  }

  private over(): string | null {
    const rss = process.memoryUsage.rss();
    if (rss > this.rssBytes) return `the process uses ${mib(rss)} of memory, more than the ${mib(this.rssBytes)} it allows itself`;
    const used = oldGenerationUsed();
    const limit = oldGenerationLimit();
    if (used > this.heapFraction * limit) return `the session's JavaScript heap has grown to ${mib(used)} of the ${mib(limit)} it may take`;
    return null;
  }
}

/**
 * Bytes the thread's old generation has taken (every space but the young generation's): what V8
 * holds against the limit, a little more than what the live objects use.
 */
function oldGenerationUsed(): number {
  let n = 0;
  for (const s of getHeapSpaceStatistics()) if (s.space_name !== 'new_space' && s.space_name !== 'new_large_object_space') n += s.space_size;
  return n;
}

/** What the main thread's heap limit holds for the young generation (three 16 MiB semi-spaces, Node's default). */
const MAIN_YOUNG_GENERATION = 48 * MiB;

/** The thread's old-generation limit: a worker's own (resourceLimits), else the isolate's heap limit less its young generation. */
function oldGenerationLimit(): number {
  const mb = resourceLimits.maxOldGenerationSizeMb;
  return mb ? mb * MiB : Math.max(MiB, getHeapStatistics().heap_size_limit - MAIN_YOUNG_GENERATION);
}

/**
 * The limits a command-line run asks for: PACKETLOOM_MAX_RSS_MB caps the resident memory (for a
 * machine shared with other work); otherwise the defaults.
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv): MemoryLimits {
  const mb = Number(env.PACKETLOOM_MAX_RSS_MB);
  return Number.isFinite(mb) && mb > 0 ? { rssBytes: Math.floor(mb * MiB) } : {};
}
