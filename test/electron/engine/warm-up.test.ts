// The session worker's JIT warm-up (electron/engine/warm-up.ts): it runs a generated capture
// through a throwaway session, and a real session opened after it, or while it is still going,
// shows exactly what it shows without one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WARM_UP_PACKETS, WarmUp } from '../../../electron/engine/warm-up.js';
import { SessionHost } from '../../../electron/engine/host.js';
import type { Engine } from '../../../electron/engine/engine.js';
import { engines, ok } from '../../helpers/engine-calls.js';

const ROOT = join(import.meta.dirname, '../../..');
const FILES = [
  'fixtures/own/handshake-http.pcapng',
  'fixtures/own/http-loss.pcap',
  'fixtures/own/syn-flood.pcap',
  'fixtures/corpus/tcpdump-dns_tcp.pcap',
  'fixtures/corpus/zeek-http-pipelined-requests.pcap',
].map((f) => join(ROOT, f));

/** Everything a user sees of a file's session: rows, trees, streams, expert info, conversations. */
async function seen(path: string): Promise<string> {
  const h = new SessionHost({ id: 's1', path, name: 'x' }, () => {});
  await h.whenIndexed();
  // Some calls answer with a promise (a pass over the file): each is awaited before the next.
  const rows = (await h.call('rows', { start: 0, count: 1_000_000 })) as { rows: { no: number }[] };
  const trees = [];
  for (const r of rows.rows.slice(0, 40)) trees.push(await h.call('packet', { no: r.no }));
  const out = JSON.stringify({
    rows,
    trees,
    expert: await h.call('expert', {}),
    conversations: await h.call('conversations', { kind: 'tcp' }),
    udp: await h.call('conversations', { kind: 'udp' }),
    connection: await h.call('connection', { stream: 0 }),
  });
  // (A call that answered nothing would compare nothing.)
  expect(out).toMatch(/"conversations":\[\{/);
  await h.call('close', {});
  return out;
}

describe('JIT warm-up', () => {
  it('indexes its whole capture in slices, then stops', () => {
    const w = new WarmUp(3000);
    let steps = 0;
    while (w.step()) steps++;
    expect(w.packets).toBe(3000);
    expect(w.running).toBe(false);
    expect(w.step()).toBe(false);
    expect(steps).toBeGreaterThanOrEqual(0);
    expect(WARM_UP_PACKETS).toBeGreaterThan(3000);
  });

  it('stops where it is when asked', () => {
    const w = new WarmUp(3000);
    w.step();
    w.stop();
    expect(w.running).toBe(false);
    expect(w.step()).toBe(false);
    expect(w.packets).toBeLessThan(3000);
  });

  it('runs in slices and says once how it ended', async () => {
    const ends: boolean[] = [];
    await new Promise<void>((done) => new WarmUp(3000).run((f) => (ends.push(f), done())));
    const stopped = new WarmUp(3000).run((f) => ends.push(f));
    stopped.stop();
    stopped.stop();
    expect(ends).toEqual([true, false]);
  });

  it('leaves nothing behind that a session opened after it, or during it, would see', async () => {
    const cold = await Promise.all(FILES.map(seen));
    const done = new WarmUp(5000);
    while (done.step());
    // One warm-up still going while the files are opened (interleaved), one stopped half-way.
    const going = new WarmUp(5000);
    going.step();
    const half = new WarmUp(5000);
    half.step();
    half.stop();
    for (let i = 0; i < FILES.length; i++) {
      going.step();
      expect(await seen(FILES[i]!), FILES[i]).toBe(cold[i]);
    }
    going.stop();
  });
});

/** All rows of `path` once indexed in engine `e`. */
async function allRows(e: Engine, path: string) {
  const info = await ok(e.call('openFile', { path }));
  for (;;) {
    const st = await ok(e.call('status', { session: info.id }));
    if (st.state !== 'indexing') break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return ok(e.call('rows', { session: info.id, start: 0, count: 1000 }));
}

describe('the spare worker warms up while it waits for a file', () => {
  const engine = engines({ mode: 'worker' });
  const inline = engines();
  const path = FILES[1]!;

  it('is ready once warm, and its session shows what an inline one shows', async () => {
    const want = await allRows(inline(), path);
    const e = engine();
    await e.ready();
    expect(await allRows(e, path)).toEqual(want);
  });

  it('takes a file at once, warm-up or not', async () => {
    for (const jitWarmUp of [true, false]) {
      const e = engine({ mode: 'worker', jitWarmUp });
      // Not waiting for ready(): the file stops the warm-up.
      const info = await ok(e.call('openFile', { path }));
      const rows = await ok(e.call('rows', { session: info.id, start: 0, count: 5 }));
      expect(rows.rows.length).toBe(5);
      await e.ready();
    }
  });
});
