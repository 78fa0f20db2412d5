/**
 * IdleCompactor: a session worker compacts once it has been quiet for a while after work that made
 * the process grow, and not while work goes on, nor for growth too small to matter.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleCompactor, LATE_RELEASE_MS } from '../../../electron/engine/idle-compactor.js';

const MiB = 1 << 20;

function setup(growthMiB = 8) {
  let rss = 100 * MiB;
  const compactions: number[] = [];
  const releases: number[] = [];
  const c = new IdleCompactor({
    release: () => releases.push(Date.now()),
    quietMs: 1000,
    growthBytes: growthMiB * MiB,
    rss: () => rss,
    compact: () => {
      compactions.push(rss);
      rss -= 10 * MiB; // what a compaction gives back
    },
  });
  return { c, compactions, releases, grow: (mib: number) => (rss += mib * MiB), rss: () => rss };
}

describe('IdleCompactor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('compacts once the worker has been quiet for quietMs after the process grew', () => {
    const { c, compactions, grow } = setup();
    grow(20);
    c.activity();
    vi.advanceTimersByTime(999);
    expect(compactions).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(compactions).toEqual([120 * MiB]);
    expect(c.count).toBe(1);
  });

  it('waits while work goes on: every activity starts the quiet time again', () => {
    const { c, compactions, grow } = setup();
    for (let k = 0; k < 50; k++) {
      grow(1);
      c.activity();
      vi.advanceTimersByTime(100); // a status every 100 ms, as indexing and filtering send
    }
    expect(compactions).toEqual([]);
    vi.advanceTimersByTime(900);
    expect(compactions).toHaveLength(1);
  });

  it('leaves a worker alone that has not grown enough since the last compaction', () => {
    const { c, compactions, grow } = setup();
    grow(5);
    c.activity();
    vi.advanceTimersByTime(5000);
    expect(compactions).toEqual([]);
    // Growth is counted from the last compaction, whichever started it.
    grow(20);
    c.compactNow();
    expect(compactions).toHaveLength(1);
    grow(7);
    c.activity();
    vi.advanceTimersByTime(5000);
    expect(compactions).toHaveLength(1);
    grow(2);
    c.activity();
    vi.advanceTimersByTime(1000);
    expect(compactions).toHaveLength(2);
  });

  it('gives malloc\'s free memory back once more a little after each compaction (V8 frees buffers after its GC returns)', () => {
    const { c, releases } = setup();
    const t0 = Date.now();
    c.compactNow();
    expect(releases).toEqual([]);
    vi.advanceTimersByTime(LATE_RELEASE_MS);
    expect(releases).toEqual([t0 + LATE_RELEASE_MS]);
    c.compactNow();
    c.stop();
    vi.advanceTimersByTime(10 * LATE_RELEASE_MS);
    expect(releases).toHaveLength(1);
  });

  it('compacts once per quiet spell, and not at all once stopped', () => {
    const { c, compactions, grow } = setup();
    grow(30);
    c.activity();
    vi.advanceTimersByTime(10_000);
    expect(compactions).toHaveLength(1);
    grow(30);
    c.activity();
    c.stop();
    vi.advanceTimersByTime(10_000);
    expect(compactions).toHaveLength(1);
  });
});
