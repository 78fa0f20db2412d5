/**
 * A capture too big for the memory there is: indexing stops before the session's thread runs out
 * of memory, and what was indexed stays usable; a session whose worker dies anyway says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../electron/api/contract.js';
import type { Engine } from '../../../electron/engine/engine.js';
import { engines, ok } from '../../helpers/engine-calls.js';
import { MemoryGuard, availableMemory } from '../../../electron/engine/memory-guard.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { generatePcap } from '../../../bench/generate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIG = join(ROOT, 'fixtures/corpus/pcpp-sll.pcap');
const SMALL = join(ROOT, 'fixtures/own/handshake-http.pcapng');
/**
 * The bundled worker (`npm test` builds it first): run from source through tsx, a worker's heap
 * also holds the TypeScript loader, and the small heap limits below are about the bundle's.
 */
const WORKER = join(ROOT, 'dist/engine-worker.js');

const engine = engines();
const tmp = mkdtempSync(join(tmpdir(), 'memory-guard-'));
/** A generated capture whose index needs more than the small heaps below. */
const GENERATED = join(tmp, 'mix-120k.pcap');
const GENERATED_PACKETS = 120_000;
beforeAll(() => {
  generatePcap({ packets: GENERATED_PACKETS, out: GENERATED });
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

async function settled(e: Engine, id: string): Promise<SessionStatus> {
  for (let i = 0; i < 6000; i++) {
    const s = await ok(e.call('status', { session: id }));
    if (s.state !== 'indexing') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('indexing did not end within 30 s');
}

function packetCount(path: string): number {
  let n = 0;
  readCaptureFile(path, () => void n++);
  return n;
}

/** The session still answers: rows, a filter, a packet's tree, saving what was indexed. */
async function usable(e: Engine, id: string, packets: number): Promise<void> {
  const rows = await ok(e.call('rows', { session: id, start: 0, count: 1000 }));
  expect(rows.rows.length).toBe(Math.min(1000, packets));
  expect(rows.complete).toBe(true);
  const last = await ok(e.call('packet', { session: id, no: packets }));
  expect(last.tree.length).toBeGreaterThan(0);
  const f = await ok(e.call('setFilter', { session: id, filter: 'frame.number <= 5' }));
  expect(f.displayed).toBe(Math.min(5, packets));
  const saved = await ok(e.call('save', { session: id, path: join(tmp, `${id}-part.pcapng`), format: 'pcapng' }));
  expect(saved.packets).toBe(packets);
  expect(packetCount(join(tmp, `${id}-part.pcapng`))).toBe(packets);
}

describe('the memory guard', () => {
  it('says why when the resident memory or the heap is over its limit, and nothing while they fit', () => {
    expect(new MemoryGuard().check()).toBeNull();
    expect(new MemoryGuard({ rssBytes: 1 }).check()).toMatch(/^the process uses [\d,]+ MiB of memory, more than the 0 MiB it allows itself/);
    expect(new MemoryGuard({ heapFraction: 1e-9 }).check()).toMatch(/^the session's JavaScript heap has grown to [\d,]+ MiB of the [\d,]+ MiB it may take$/);
    expect(availableMemory()).toBeGreaterThan(0);
  });

  it('stops indexing between chunks and keeps what was indexed usable (inline)', async () => {
    const e = engine({ mode: 'inline', indexer: { chunkSize: 16384, memory: { rssBytes: 1 } } });
    const info = await ok(e.call('openFile', { path: BIG }));
    const st = await settled(e, info.id);
    expect(st.state).toBe('error');
    expect(st.message).toMatch(/^Indexing stopped at packet (\d+), \d+% into the file: the process uses [\d,]+ MiB of memory.*The [\d,]+ packets indexed can be viewed, filtered and saved; for the rest, split the file \(editcap -c\)/);
    expect(st.packets).toBeGreaterThan(0);
    expect(st.packets).toBeLessThan(packetCount(BIG));
    expect(Number(/at packet (\d+)/.exec(st.message!)![1])).toBe(st.packets + 1);
    await usable(e, info.id, st.packets);
  });

  it('stops a worker session before its heap limit, which stays alive and usable', async () => {
    // Stops at 40% of a 48 MiB heap (about what the worker holds once 100k packets are indexed),
    // so that the session keeps room to answer calls afterwards.
    const e = engine({ mode: 'worker', workerPath: WORKER, workerHeapMb: 48, indexer: { memory: { heapFraction: 0.4 } } });
    const info = await ok(e.call('openFile', { path: GENERATED }));
    const st = await settled(e, info.id);
    expect(st.state).toBe('error');
    expect(st.message).toMatch(/^Indexing stopped at packet \d+, \d+% into the file: the session's JavaScript heap has grown to [\d,]+ MiB of the 48 MiB it may take\./);
    expect(st.packets).toBeGreaterThan(0);
    expect(st.packets).toBeLessThan(GENERATED_PACKETS);
    await usable(e, info.id, st.packets);
  });

  it('tells the window why when a session\'s worker dies anyway (out of memory)', async () => {
    // The guard is off: the worker reaches its heap limit and V8 stops it.
    const e = engine({ mode: 'worker', workerPath: WORKER, workerHeapMb: 16, indexer: { memory: { heapFraction: 100 } } });
    const events: SessionStatus[] = [];
    e.on('status', (s) => events.push(s));
    const info = await ok(e.call('openFile', { path: GENERATED }));
    const st = await settled(e, info.id);
    expect(st.state).toBe('error');
    expect(st.message).toMatch(/^The session stopped: its worker ran out of memory\. Its packets can no longer be shown; open the file again \(a smaller part of it: editcap -c splits a capture\)\.$/);
    expect(events.at(-1)).toEqual(st);
    const rows = await e.call('rows', { session: info.id, start: 0, count: 10 });
    expect(rows.ok ? '' : `${rows.error.code}: ${rows.error.message}`).toBe(`no-session: rows: ${st.message}`);
    // The engine goes on: another file opens in a new worker.
    const next = await ok(e.call('openFile', { path: SMALL }));
    expect((await settled(e, next.id)).state).toBe('done');
  });
});
