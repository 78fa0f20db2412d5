/**
 * A loop over a session's packets that counts in slices of SLICE_MS and lets the session's other
 * calls in between (the grid's rows, a packet's details): a statistic that dissects every packet
 * again takes seconds for a million, and the window must not freeze meanwhile. Per session and
 * statistic, the latest call wins: an older one still counting gives up ('cancelled').
 */
import { EngineError } from './errors.js';
import type { Session } from './session.js';

/** Longest the loop runs before letting other calls in. */
export const SLICE_MS = 20;

const latest = new WeakMap<Session, Map<string, number>>();

/**
 * Calls `body(i)` for every packet index below `n`, in slices, until it returns true (a search
 * that found its packet); `what` names the statistic (errors, "latest call").
 */
export async function forEachSliced(s: Session, what: string, n: number, body: (i: number) => boolean | void): Promise<void> {
  let calls = latest.get(s);
  if (!calls) latest.set(s, (calls = new Map()));
  const me = (calls.get(what) ?? 0) + 1;
  calls.set(what, me);
  let t0 = performance.now();
  for (let i = 0; i < n; i++) {
    // The clock is read every 64 packets: cheap, and a slice of slow packets still ends in time.
    if ((i & 63) === 0 && performance.now() - t0 >= SLICE_MS) {
      await new Promise((r) => setImmediate(r));
      if (s.isClosed) throw new EngineError('no-session', `${what}: the session was closed`);
      if (calls.get(what) !== me) throw new EngineError('cancelled', `${what}: replaced by a newer ${what} call`);
      t0 = performance.now();
    }
    if (body(i) === true) return;
  }
}
