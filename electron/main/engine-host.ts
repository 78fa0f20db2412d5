/**
 * The engine host's side: serves one engine over a message port. The entry point
 * (engine-host-entry.ts) runs this in an Electron utilityProcess (`process.parentPort`) or in a
 * Node child process (`process.send`), which is how tests run the real engine out of process.
 */
import type { ApiResult, EventName, ResponseMessage } from '../api/contract.js';

/** The engine as createEngine() returns it. */
export interface HostedEngine {
  call(method: string, params: unknown): Promise<ApiResult<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): unknown;
}

export interface HostPort {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

const EVENTS: readonly EventName[] = ['status', 'captureStopped'];

export function serveEngine(engine: HostedEngine, port: HostPort): void {
  for (const event of EVENTS) {
    engine.on(event, (payload) => port.postMessage({ type: 'event', event, payload }));
  }
  port.onMessage((message) => {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: unknown; id?: unknown; method?: unknown; params?: unknown };
    if (m.type !== 'request' || typeof m.id !== 'number') return;
    const id = m.id;
    const reply = (result: ApiResult<unknown>): void => {
      const response: ResponseMessage = { type: 'response', id, result };
      port.postMessage(response);
    };
    if (typeof m.method !== 'string') {
      reply({ ok: false, error: { code: 'unknown-method', message: 'The request names no method.' } });
      return;
    }
    engine.call(m.method, m.params).then(reply, (err: unknown) =>
      reply({ ok: false, error: { code: 'internal', message: `The engine failed: ${(err as Error)?.message ?? String(err)}` } }),
    );
  });
}

/** The port of the current process: Electron's parentPort in a utilityProcess, else Node's IPC channel. */
export function currentProcessPort(): HostPort {
  const parentPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } }).parentPort;
  if (parentPort) {
    return {
      postMessage: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (e) => listener(e.data)),
    };
  }
  if (typeof process.send === 'function') {
    return {
      postMessage: (message) => {
        process.send!(message);
      },
      onMessage: (listener) => process.on('message', listener),
    };
  }
  throw new Error('The engine host must be started as a utility process or a child process with an IPC channel.');
}
