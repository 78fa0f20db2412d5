import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { canReleaseFreedMemory, compactHeap } from '../../../electron/engine/heap-compact.js';

describe('compactHeap', () => {
  it('collects what nothing refers to any more, now', async () => {
    let big: { n: number }[] | null = Array.from({ length: 10_000 }, (_, n) => ({ n }));
    const ref = new WeakRef(big);
    big = null;
    // A WeakRef's target is kept to the end of the job that made it.
    await new Promise((r) => setImmediate(r));
    expect(compactHeap()).toBe(true);
    expect(ref.deref()).toBeUndefined();
  });

  it('collects without compacting every page too (the memory guard, between chunks)', async () => {
    let big: { n: number }[] | null = Array.from({ length: 10_000 }, (_, n) => ({ n }));
    const ref = new WeakRef(big);
    big = null;
    await new Promise((r) => setImmediate(r));
    expect(compactHeap(false)).toBe(true);
    expect(ref.deref()).toBeUndefined();
  });

  it('leaves no `gc` for other code to find', () => {
    compactHeap();
    const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
    // Only when the process was started with --expose-gc (then compactHeap used that one).
    expect(hasGc).toBe(process.execArgv.some((a) => a === '--expose-gc' || a === '--expose_gc'));
  });

  it('works in a worker thread (where sessions run), without --expose-gc', async () => {
    const url = new URL('../../../electron/engine/heap-compact.ts', import.meta.url).href;
    const api = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); }).then(async (m) => {
      const { parentPort } = await import('node:worker_threads');
      let big = Array.from({ length: 10000 }, (_, n) => ({ n }));
      const ref = new WeakRef(big);
      big = null;
      await new Promise((r) => setImmediate(r));
      const ran = m.compactHeap();
      parentPort.postMessage({ ran, collected: ref.deref() === undefined, gcLeft: typeof globalThis.gc });
    });`;
    const w = new Worker(code, { eval: true, execArgv: [] });
    const m = await new Promise<{ ran: boolean; collected: boolean; gcLeft: string }>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    await w.terminate();
    expect(m).toEqual({ ran: true, collected: true, gcLeft: 'undefined' });
  });
});

describe('releaseFreedMemory (the malloc-trim addon)', () => {
  it('is built here (npm ci builds electron/engine/malloc-trim with node-gyp, as it does cap)', () => {
    expect(process.platform).toBe('linux');
    expect(canReleaseFreedMemory(), 'packetloom-malloc-trim is not built: npm ci needs build-essential (see .ci/run)').toBe(true);
  });

  it('gives back the free memory that ArrayBuffers freed in the middle of malloc\'s heap leave resident', () => {
    // In a process of its own: what malloc holds depends on everything the process did before.
    const url = new URL('../../../electron/engine/heap-compact.ts', import.meta.url).href;
    const code = `
      import { readFileSync } from 'node:fs';
      const m = await import(${JSON.stringify(url)});
      const rss = () => Number(readFileSync('/proc/self/statm', 'utf8').split(' ')[1]) * 4096;
      const settle = () => new Promise((r) => setTimeout(r, 50));
      // A large buffer freed raises glibc's mmap threshold: the mid-sized ones after it come from the heap.
      let big = new Uint8Array(24 << 20).fill(1);
      big = null; globalThis.gc(); await settle();
      const bufs = [];
      for (let i = 0; i < 160; i++) bufs.push(new Uint8Array(256 << 10).fill(1));
      const keep = bufs.pop(); // above the freed ones: glibc's own trimming of the heap's top cannot reach them
      bufs.length = 0; globalThis.gc(); await settle();
      const before = rss();
      await settle();
      const idle = rss();
      const released = m.releaseFreedMemory();
      const after = rss();
      console.log(JSON.stringify({ released, idleMiB: (before - idle) / 1048576, droppedMiB: (idle - after) / 1048576, kept: keep.length }));`;
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { released: boolean; idleMiB: number; droppedMiB: number; kept: number };
    // 40 MiB were freed: waiting gives back nothing, the trim most of it.
    expect(out.released).toBe(true);
    expect(out.idleMiB).toBeLessThan(4);
    expect(out.droppedMiB).toBeGreaterThan(30);
  });
});
