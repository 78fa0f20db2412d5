/**
 * Calling an engine in tests: `ok` unwraps an ApiResult (a failed call throws with its code and
 * message), and `engines` makes engines that are shut down after the file's tests.
 */
import { afterAll } from 'vitest';
import type { ApiResult, SessionStatus } from '../../electron/api/contract.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { SessionHost } from '../../electron/engine/host.js';

export async function ok<T>(p: Promise<ApiResult<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** An engine maker for one test file: every engine it made is shut down once the file's tests are done. */
export function engines(defaults: Parameters<typeof createEngine>[0] = { mode: 'inline' }): (opts?: Parameters<typeof createEngine>[0]) => Engine {
  const made: Engine[] = [];
  afterAll(async () => {
    for (const e of made) await e.shutdown();
  });
  return (opts = defaults) => {
    const e = createEngine(opts);
    made.push(e);
    return e;
  };
}

/** A session over `path`, indexed in this thread (null when the file does not open as a capture). */
export async function openIndexed(path: string): Promise<SessionHost | null> {
  let host: SessionHost;
  try {
    host = new SessionHost({ id: 's1', path, name: 'x' }, () => {});
  } catch {
    return null;
  }
  await host.whenIndexed();
  return host;
}

/** The packets (numbered from 1) `filter` selects in `s` with a switch on, then off (`set` flips it). */
export function selectedBothWays(s: SessionHost['session'], filter: string, set: (on: boolean) => void): [number[], number[]] {
  const got: number[][] = [];
  for (const on of [true, false]) {
    set(on);
    s.setFilter(filter);
    got.push(Array.from(s.viewPackets(), (i) => i + 1));
  }
  return [got[0]!, got[1]!];
}

/** Polls a session's status until it is no longer indexing (every loop bounded by the test's timeout). */
export async function indexed(e: Engine, id: string): Promise<SessionStatus> {
  for (;;) {
    const s = await ok(e.call('status', { session: id }));
    if (s.state !== 'indexing') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}
