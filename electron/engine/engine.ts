/**
 * The engine: what every face (the Electron main process, the browser-mode server, tests) wraps.
 * `createEngine()` returns a SessionApi (electron/api/contract.ts): `call(method, params)` always
 * resolves to an ApiResult — params are validated first (electron/api/validate.ts), every
 * exception is caught and becomes an error value ('internal' for a bug) — and `on(event, fn)`
 * subscribes to progress events.
 *
 * Each open capture is a session with its own worker thread (worker.ts) holding its index and
 * dissection state; the engine keeps only the handles. Where no worker bundle is found (or with
 * `mode: 'inline'`), sessions run in the engine's thread, indexing in short slices.
 *
 * Never imports `electron`.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import {
  API_VERSION, type ApiResult, type CaptureOptions, type DecodeAsEntry, type EnabledProtocols, type EventName, type Events, type Method, type Params, type Result, type SessionApi,
  type SessionInfo, type SessionStatus,
} from '../api/contract.js';
import { isMethod, validateParams } from '../api/validate.js';
import { allFields } from '../../dissectors/core/fields.js';
import { checkDecodeAs, decodeAsProtocols, decodeAsTables } from '../../dissectors/decode-as.js';
import { checkEnabledProtocols, protocolChoices, switchesOff } from '../../dissectors/enabled-protocols.js';
import { compileFilter } from '../../dissectors/filter/index.js';
import { EngineError, toApiError } from './errors.js';
import type { IndexerOptions } from './file-indexer.js';
import { SessionHost, type LiveRequest, type OpenRequest } from './host.js';
import { captureAvailability, checkFilter as checkCaptureFilterOf, listInterfaces } from '../capture/client.js';
import type { WorkerIn } from './worker.js';
import { startWorkerScript, type WorkerScript } from './worker-script.js';

export interface EngineOptions {
  /** 'worker' (default when a worker script is found) or 'inline'. */
  mode?: 'worker' | 'inline';
  /** The worker script (default: engine-worker.js beside the bundle, or worker.ts run with tsx from source). */
  workerPath?: string;
  /** The capture openSample opens. */
  samplePath?: string;
  /** Progress events interval (default 100 ms: at most 10 per second). */
  statusIntervalMs?: number;
  /** Chunk size and slice length of the indexer (tests use small ones), and its memory limits. */
  indexer?: IndexerOptions;
  /** Heap limit of each session worker in MiB (default: V8's, some 4 GiB on a 64-bit machine). */
  workerHeapMb?: number;
  /**
   * Whether the spare worker, while it waits for a file, runs a small generated capture through
   * the index pass so that the dissectors are compiled when the file comes (warm-up.ts; default
   * true; off when workerHeapMb is below 256). A file that comes first stops it.
   */
  jitWarmUp?: boolean;
}

/** One open session as the engine holds it. */
interface Handle {
  info: SessionInfo;
  call(method: Method, params: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

/** Methods answered by the engine itself (no session). */
/** Refuses Decode As entries the registry cannot apply (an unknown table or protocol, keys out of range). */
function checkDecodeAsEntries(method: string, entries: readonly DecodeAsEntry[] | undefined): void {
  for (const e of entries ?? []) {
    const problem = checkDecodeAs(e);
    if (problem) throw new EngineError('bad-request', `${method}: Decode As ${e.table}==${e.from}-${e.to},${e.proto}: ${problem}`);
  }
}

/** Refuses what Enabled Protocols cannot switch off: an unknown protocol or heuristic, or Data. */
function checkProtocols(method: string, p: EnabledProtocols | undefined): void {
  if (!p) return;
  const c = checkEnabledProtocols(p);
  const problem = c.error ?? c.warnings[0];
  if (problem) throw new EngineError('bad-request', `${method}: Enabled Protocols: ${problem}`);
}

const ENGINE_METHODS = new Set<Method>(['hello', 'openFile', 'openSample', 'decodeAsChoices', 'protocolChoices', 'checkFilter', 'fields', 'interfaces', 'checkCaptureFilter', 'startCapture']);

const here = dirname(fileURLToPath(import.meta.url));

/** Where the worker script is, and how to run it; null when there is none. */
function findWorker(explicit?: string): WorkerScript | null {
  if (explicit) return { path: explicit, ts: explicit.endsWith('.ts') };
  if (import.meta.url.endsWith('.ts')) {
    // Running from source (tests): the worker is TypeScript too, loaded through tsx.
    const ts = join(here, 'worker.ts');
    return existsSync(ts) ? { path: ts, ts: true } : null;
  }
  for (const p of [join(here, 'engine-worker.js'), join(here, '..', 'engine-worker.js'), join(here, '..', '..', 'dist', 'engine-worker.js')]) {
    if (existsSync(p)) return { path: p, ts: false };
  }
  return null;
}


/**
 * A session worker's young generation (V8's default here is 48 MB). An index pass grows it to its
 * largest size and it stays resident while the session sits idle: 8 MB keeps ~30 B/packet less of
 * a 1M-packet session resident, for the same total GC pause time (measured with --trace-gc:
 * more scavenges, each of them shorter).
 */
const WORKER_YOUNG_GENERATION_MB = 8;

function startWorker(w: WorkerScript, warmup: string | null, heapMb?: number, jitWarmUp = false): Worker {
  const workerData = { warmup, jitWarmUp };
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, ...(heapMb ? { maxOldGenerationSizeMb: heapMb } : {}) };
  return startWorkerScript(w, { workerData, resourceLimits });
}

/** The sample capture: fixtures/own/handshake-http.pcapng, looked up from here upwards. */
function findSample(explicit?: string): string | null {
  if (explicit) return explicit;
  let d = here;
  for (let i = 0; i < 6; i++) {
    const p = join(d, 'fixtures', 'own', 'handshake-http.pcapng');
    if (existsSync(p)) return p;
    d = dirname(d);
  }
  return null;
}

class WorkerHandle implements Handle {
  private seq = 0;
  private readonly pending = new Map<number, { method: Method; done: (r: ApiResult<unknown>) => void }>();
  private exited = false;
  private closing = false;
  /** The session's last status; once its worker has died, with state 'error' and why. */
  private last: SessionStatus | null = null;
  private death: string | null = null;

  private constructor(readonly info: SessionInfo, private readonly worker: Worker) {}

  static open(first: WorkerIn, worker: Worker, onStatus: (s: SessionStatus) => void, onStopped: (e: Events['captureStopped']) => void = () => {}): Promise<WorkerHandle> {
    return new Promise((resolve, reject) => {
      worker.ref();
      let handle: WorkerHandle | null = null;
      worker.on('message', (m: { type: string; info?: SessionInfo; error?: { code: string; message: string }; seq?: number; result?: ApiResult<unknown>; status?: SessionStatus; stopped?: Events['captureStopped'] }) => {
        switch (m.type) {
          case 'opened':
            handle = new WorkerHandle(m.info!, worker);
            resolve(handle);
            break;
          case 'open-failed':
            void worker.terminate();
            reject(new EngineError(m.error!.code as never, m.error!.message));
            break;
          case 'status':
            if (handle) handle.last = m.status!;
            onStatus(m.status!);
            break;
          case 'captureStopped':
            onStopped(m.stopped!);
            break;
          case 'result': {
            const p = handle?.pending.get(m.seq!);
            handle?.pending.delete(m.seq!);
            p?.done(m.result!);
            break;
          }
        }
      });
      const fail = (why: string) => {
        if (!handle) {
          reject(new EngineError('internal', `the session worker could not start: ${why}`));
          return;
        }
        const h = handle;
        const was = h.exited || h.closing;
        h.exited = true;
        if (!was) {
          // The session is gone with its worker: its window is told why (a status event, and the
          // status it asks for from now on), instead of calls that fail without a reason.
          h.death = `The session stopped: ${why}. Its packets can no longer be shown; open the file again${why.includes('memory') ? ' (a smaller part of it: editcap -c splits a capture)' : ''}.`;
          const base = h.last ?? { id: h.info.id, state: 'error' as const, bytesDone: 0, bytesTotal: 0, packets: 0, displayed: 0, filter: '' };
          h.last = { ...base, state: 'error', message: h.death };
        }
        for (const [, p] of h.pending) {
          if (p.method === 'status' && h.last && h.death) p.done({ ok: true, value: h.last });
          else p.done({ ok: false, error: { code: 'no-session', message: `${p.method}: ${h.death ?? `the session worker stopped: ${why}`}` } });
        }
        h.pending.clear();
        if (!was && h.last) onStatus(h.last);
      };
      worker.on('error', (e) => fail((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'its worker ran out of memory' : `its worker failed (${e.message})`));
      worker.on('exit', (code) => fail(`its worker exited (code ${code})`));
      worker.postMessage(first);
    });
  }

  call(method: Method, params: Record<string, unknown>): Promise<unknown> {
    if (this.exited) {
      if (method === 'status' && this.death && this.last) return Promise.resolve(this.last);
      return Promise.reject(new EngineError('no-session', `${method}: ${this.death ?? "the session's worker has stopped"}`));
    }
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { method, done: (r) => (r.ok ? resolve(r.value) : reject(new EngineError(r.error.code, r.error.message, r.error.start, r.error.end))) });
      this.worker.postMessage({ type: 'call', seq, method, params } satisfies WorkerIn);
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    this.closing = true;
    try {
      await this.call('close', { session: this.info.id });
    } finally {
      this.exited = true;
      await this.worker.terminate();
    }
  }
}

class InlineHandle implements Handle {
  constructor(readonly host: SessionHost) {}
  get info(): SessionInfo {
    return this.host.info;
  }
  async call(method: Method, params: Record<string, unknown>): Promise<unknown> {
    return this.host.call(method, params);
  }
  async close(): Promise<void> {
    await this.host.call('close', {});
  }
}

export interface Engine extends SessionApi {
  /**
   * Resolves once the engine is warm: its spare session worker has loaded and run its JIT warm-up
   * (at once inline). A file can be opened before: it does not wait for this.
   */
  ready(): Promise<void>;
  /** Closes every session (and their workers). */
  shutdown(): Promise<void>;
  /** Untyped entry for faces that forward wire messages: the same as `call`. */
  callRaw(method: string, params: unknown): Promise<ApiResult<unknown>>;
}

export function createEngine(opts: EngineOptions = {}): Engine {
  const sessions = new Map<string, Handle>();
  const listeners: { [E in EventName]: Set<(p: Events[E]) => void> } = { status: new Set(), captureStopped: new Set() };
  let nextId = 1;
  const worker = opts.mode === 'inline' ? null : findWorker(opts.workerPath);
  if (opts.mode === 'worker' && !worker) throw new Error('createEngine: no worker script found (run npm run build, or pass workerPath)');
  // One worker is kept started and idle, so that opening a file does not wait for a thread to
  // load the dissectors (unref'd: an idle spare never keeps the process alive).
  let spare: Worker | null = null;
  let spareDead = false;
  let spareReady: Promise<void> = Promise.resolve();
  const startSpare = () => {
    if (!worker || spare) return;
    // Not in a worker whose heap is held small (tests of the memory limits): its warm-up would take a good part of it.
    const jit = (opts.jitWarmUp ?? true) && (opts.workerHeapMb === undefined || opts.workerHeapMb >= 256);
    const w = startWorker(worker, findSample(opts.samplePath), opts.workerHeapMb, jit);
    w.unref();
    spareDead = false;
    spareReady = new Promise((resolve) => {
      const onMsg = (m: { type: string }) => {
        if (m.type !== 'warm') return;
        w.off('message', onMsg);
        resolve();
      };
      w.on('message', onMsg);
      w.once('exit', () => resolve());
    });
    w.once('error', () => (spareDead = true));
    w.once('exit', () => (spareDead = true));
    spare = w;
  };
  const takeWorker = (): Worker => {
    let w = spare;
    spare = null;
    if (!w || spareDead) w = startWorker(worker!, null, opts.workerHeapMb);
    return w;
  };
  startSpare();
  let shut = false;
  /*
   * The next spare is started once the session that took the last one has stopped indexing (or
   * failed to open, or was closed): loading a worker and its warm-up beside an index pass would
   * take CPU from it on a two-core machine.
   */
  const respare = () => {
    if (!shut && worker && !spare) setImmediate(() => !shut && startSpare());
  };
  /** A session's status listener that starts the next spare when its indexing stops. */
  const sessionStatus = (s: SessionStatus) => {
    if (s.state !== 'indexing') respare();
    emit('status', s);
  };

  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const l of listeners[event]) {
      try {
        (l as (p: Events[E]) => void)(payload);
      } catch {
        // A face's listener failing is not the engine's problem.
      }
    }
  };

  const open = async (path: string, decodeAs?: DecodeAsEntry[], protocols?: EnabledProtocols): Promise<SessionInfo> => {
    checkDecodeAsEntries('openFile', decodeAs);
    checkProtocols('openFile', protocols);
    // Refuse what is plainly not a file before starting a worker.
    try {
      if (statSync(path).isDirectory()) throw new EngineError('file', `"${path}" is a directory (folder), not a file.`);
    } catch (e) {
      if (e instanceof EngineError) throw e;
      const err = e as NodeJS.ErrnoException;
      throw new EngineError('file', err.code === 'ENOENT' || err.code === 'ENOTDIR' ? `The file "${path}" doesn't exist.` : `The file "${path}" could not be opened: ${err.message}`);
    }
    const id = `s${nextId++}`;
    const req: OpenRequest = { id, path, name: basename(path), statusIntervalMs: opts.statusIntervalMs };
    if (decodeAs?.length) req.decodeAs = decodeAs;
    if (switchesOff(protocols)) req.protocols = protocols;
    if (opts.indexer) req.indexer = opts.indexer;
    const onStatus = (s: SessionStatus) => emit('status', s);
    let h: Handle;
    try {
      h = worker ? await WorkerHandle.open({ type: 'open', req }, takeWorker(), sessionStatus) : new InlineHandle(new SessionHost(req, onStatus));
    } catch (e) {
      respare();
      throw e;
    }
    sessions.set(id, h);
    return h.info;
  };

  let availability: Promise<{ available: boolean; reason?: string }> | null = null;

  /** Starts a live capture in a session of its own; remembers its options for restartCapture. */
  const liveOptions = new Map<string, CaptureOptions>();
  const startLive = async (options: CaptureOptions): Promise<SessionInfo> => {
    checkDecodeAsEntries('startCapture', options.decodeAs);
    checkProtocols('startCapture', options.protocols);
    const id = `s${nextId++}`;
    const req: LiveRequest = { id, options, statusIntervalMs: opts.statusIntervalMs };
    if (opts.indexer) req.indexer = opts.indexer;
    const onStatus = (s: SessionStatus) => emit('status', s);
    const onStopped = (e: Events['captureStopped']) => emit('captureStopped', e);
    let h: Handle;
    try {
      h = worker
        ? await WorkerHandle.open({ type: 'live', req }, takeWorker(), sessionStatus, onStopped)
        : new InlineHandle(await SessionHost.startLive(req, onStatus, onStopped));
    } catch (e) {
      respare();
      throw e;
    }
    sessions.set(id, h);
    liveOptions.set(id, options);
    return h.info;
  };

  const engineCall = async (method: Method, p: Record<string, unknown>): Promise<unknown> => {
    switch (method) {
      case 'hello':
        // Asked of the helper once (it lists the interfaces to find out).
        availability ??= captureAvailability();
        return { version: API_VERSION, liveCapture: await availability };
      case 'openFile':
        return open(p.path as string, p.decodeAs as DecodeAsEntry[] | undefined, p.protocols as EnabledProtocols | undefined);
      case 'openSample': {
        const s = findSample(opts.samplePath);
        if (!s) throw new EngineError('file', 'The sample capture (fixtures/own/handshake-http.pcapng) is not installed.');
        return open(s, p.decodeAs as DecodeAsEntry[] | undefined, p.protocols as EnabledProtocols | undefined);
      }
      case 'decodeAsChoices':
        return { tables: decodeAsTables().map((t) => ({ ...t, protocols: decodeAsProtocols(t.name) })) };
      case 'protocolChoices':
        return { protocols: protocolChoices() };
      case 'checkFilter': {
        const r = compileFilter(p.filter as string);
        if (r.ok) return { ok: true };
        const out: { ok: boolean; message?: string; start?: number; end?: number } = { ok: false, message: r.error.message };
        if (r.error.start !== undefined) out.start = r.error.start;
        if (r.error.end !== undefined) out.end = r.error.end;
        return out;
      }
      case 'fields': {
        const prefix = (p.prefix as string).toLowerCase();
        const limit = (p.limit as number | undefined) ?? 100;
        const out: { name: string; description: string; label: string }[] = [];
        const seen = new Set<string>();
        // Framework-internal fields (_ws.*) only when asked for by their prefix.
        const all = allFields().filter((f) => f.abbrev.toLowerCase().startsWith(prefix) && (!f.abbrev.startsWith('_') || prefix.startsWith('_')));
        all.sort((a, b) => (a.abbrev < b.abbrev ? -1 : a.abbrev > b.abbrev ? 1 : 0));
        for (const f of all) {
          if (seen.has(f.abbrev)) continue;
          seen.add(f.abbrev);
          out.push({ name: f.abbrev, description: f.blurb ?? f.name, label: f.name });
          if (out.length >= limit) break;
        }
        return out;
      }
      case 'interfaces':
        try {
          return await listInterfaces();
        } catch (e) {
          throw new EngineError('capture', `interfaces: ${(e as Error).message}`);
        }
      case 'checkCaptureFilter': {
        try {
          const r = await checkCaptureFilterOf(p.filter as string, p.iface as string | undefined);
          return r.ok ? { ok: true } : { ok: false, message: r.message };
        } catch (e) {
          throw new EngineError('capture', `checkCaptureFilter: ${(e as Error).message}`);
        }
      }
      case 'startCapture':
        return startLive(p as unknown as CaptureOptions);
      default:
        throw new EngineError('unknown-method', `${method} is not an engine method`);
    }
  };

  const callRaw = async (method: string, params: unknown): Promise<ApiResult<unknown>> => {
    try {
      if (!isMethod(method)) {
        return { ok: false, error: { code: 'unknown-method', message: `There is no method ${JSON.stringify(String(method).slice(0, 64))}.` } };
      }
      const v = validateParams(method, params);
      if (!v.ok) return { ok: false, error: v.error };
      const p = v.params as Record<string, unknown>;
      if (ENGINE_METHODS.has(method)) return { ok: true, value: await engineCall(method, p) };
      const id = p.session as string;
      const h = sessions.get(id);
      if (!h) return { ok: false, error: { code: 'no-session', message: `${method}: there is no open session ${id}` } };
      if (method === 'close') {
        sessions.delete(id);
        liveOptions.delete(id);
        respare();
        await h.close();
        return { ok: true, value: {} };
      }
      if (method === 'restartCapture') {
        const was = liveOptions.get(id);
        if (!was) throw new EngineError('capture', `restartCapture: session ${id} is not a live capture`);
        // New Decode As entries, checked before the running capture stops.
        const decodeAs = p.decodeAs as DecodeAsEntry[] | undefined;
        const protocols = p.protocols as EnabledProtocols | undefined;
        checkDecodeAsEntries('restartCapture', decodeAs);
        checkProtocols('restartCapture', protocols);
        let o: CaptureOptions = decodeAs ? { ...was, decodeAs } : was;
        if (protocols) o = { ...o, protocols };
        sessions.delete(id);
        liveOptions.delete(id);
        await h.close();
        return { ok: true, value: await startLive(o) };
      }
      if (method === 'stopCapture' && !liveOptions.has(id)) throw new EngineError('capture', `stopCapture: session ${id} is not a live capture`);
      return { ok: true, value: await h.call(method, p) };
    } catch (e) {
      return { ok: false, error: toApiError(e, String(method)) };
    }
  };

  return {
    call<M extends Method>(method: M, params: Params<M>): Promise<ApiResult<Result<M>>> {
      return callRaw(method, params) as Promise<ApiResult<Result<M>>>;
    },
    callRaw,
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      const set = listeners[event] as Set<(p: Events[E]) => void> | undefined;
      if (!set) return () => {};
      set.add(listener);
      return () => set.delete(listener);
    },
    ready(): Promise<void> {
      return spareReady;
    },
    async shutdown(): Promise<void> {
      shut = true;
      const hs = [...sessions.values()];
      sessions.clear();
      const sp = spare as Worker | null;
      spare = null;
      if (sp) await sp.terminate();
      await Promise.allSettled(hs.map((h) => h.close()));
    },
  };
}
