/**
 * The worker thread of one capture session (bundled as dist/engine-worker.js): it holds the
 * session's index and dissection state and answers the engine's calls between indexing slices.
 *
 * Messages in: { type: 'open', req } or { type: 'live', req } (start a capture) once, then { type: 'call', seq, method, params }.
 * Messages out: { type: 'ready' } once loaded; { type: 'warm' } once its JIT warm-up is over (or
 * stopped by the first message, or not asked for); { type: 'opened', info } or { type: 'open-failed', error }; { type: 'result', seq,
 * result } (an ApiResult); { type: 'status', status } (progress, at most every 100 ms);
 * { type: 'captureStopped', stopped } when a live capture ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ApiResult, Method, SessionStatus } from '../api/contract.js';
import { coloringRules } from '../../dissectors/filter/coloring.js';
import { toApiError } from './errors.js';
import { SessionHost, type LiveRequest, type OpenRequest } from './host.js';
import { IdleCompactor } from './idle-compactor.js';
import { WarmUp } from './warm-up.js';

export type WorkerIn =
  | { type: 'open'; req: OpenRequest }
  | { type: 'live'; req: LiveRequest }
  | { type: 'call'; seq: number; method: Method; params: Record<string, unknown> };

const port = parentPort;
if (port) {
  // Warm up while idle (a spare worker waits for its file): the coloring rules compile once, and
  // the sample capture goes through the index, rows and tree paths (so the first file's first
  // rows do not wait for the JIT).
  coloringRules();
  // What work leaves behind (the warm-up, indexing, filters, the expert view, exports, trees) goes
  // once it is over, or once the worker is quiet (idle-compactor.ts).
  const idle = new IdleCompactor();
  const warm = (workerData as { warmup?: string } | null)?.warmup;
  if (warm) {
    try {
      const h = new SessionHost({ id: 's0', path: warm, name: 'warm-up' }, () => {});
      h.call('rows', { start: 0, count: 100 });
      h.call('packet', { no: 1 });
      h.call('close', {});
    } catch {
      // A warm-up that fails costs nothing but the warm-up.
    }
    // The warm-up's garbage goes before the worker waits, perhaps for long, for its file.
    idle.compactNow();
  }
  port.postMessage({ type: 'ready' });
  let host: SessionHost | null = null;
  // Then, ready for a file all along, the JIT warm-up (warm-up.ts) in slices; a file stops it.
  let jit: WarmUp | null = null;
  const warmed = (finished: boolean) => {
    // Its garbage goes before the worker waits (some 20 MiB less held while idle). The full GC
    // also drops some of what was compiled (V8's own GCs would, after a while idle): of a
    // 50k-packet file's 0.82 s cold, the warm-up still saves about a third.
    if (finished) idle.compactNow();
    port.postMessage({ type: 'warm' });
  };
  if ((workerData as { jitWarmUp?: boolean } | null)?.jitWarmUp) {
    try {
      jit = new WarmUp().run(warmed);
    } catch {
      warmed(false);
    }
  } else warmed(false);
  let compacted = false;
  const onStatus = (status: SessionStatus) => {
    port.postMessage({ type: 'status', status });
    idle.activity();
    // Indexing has stopped: what the pass left behind goes before the session sits idle with its index.
    if (!compacted && (status.state === 'done' || status.state === 'cancelled' || status.state === 'error')) {
      compacted = true;
      setImmediate(() => idle.compactNow());
    }
  };
  port.on('message', async (m: WorkerIn) => {
    jit?.stop();
    if (m.type === 'open') {
      try {
        host = new SessionHost(m.req, onStatus);
        port.postMessage({ type: 'opened', info: host.info });
      } catch (e) {
        port.postMessage({ type: 'open-failed', error: toApiError(e, 'openFile') });
      }
      return;
    }
    if (m.type === 'live') {
      try {
        host = await SessionHost.startLive(m.req, onStatus, (stopped) => port.postMessage({ type: 'captureStopped', stopped }));
        port.postMessage({ type: 'opened', info: host.info });
      } catch (e) {
        port.postMessage({ type: 'open-failed', error: toApiError(e, 'startCapture') });
      }
      return;
    }
    let result: ApiResult<unknown>;
    try {
      if (!host) throw new Error('no session open in this worker');
      result = { ok: true, value: await host.call(m.method, m.params) };
    } catch (e) {
      result = { ok: false, error: toApiError(e, m.method) };
    }
    port.postMessage({ type: 'result', seq: m.seq, result });
    idle.activity();
  });
}
