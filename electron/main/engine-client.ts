/**
 * Main's side of the engine host: the engine runs in its own process (an Electron
 * utilityProcess in the app; a Node child process in tests), off the UI thread, so a long index
 * or a dissector bug never freezes or takes down the window. Requests and responses are the
 * contract's wire messages (RequestMessage / ResponseMessage / EventMessage).
 *
 * If the host process exits, every pending call resolves with an 'internal' error, the owner is
 * told (its sessions are gone), and the next call starts a fresh host.
 */
import type { ApiResult, EventMessage, RequestMessage } from '../api/contract.js';
import type { EngineLike } from './ipc-router.js';

/** A running host process, as the client needs it. */
export interface EngineTransport {
  postMessage(message: RequestMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface EngineClientOptions {
  spawn(): EngineTransport;
  onEvent(message: EventMessage): void;
  /** The host process exited while the app was running. */
  onStopped?(reason: string): void;
}

export class EngineClient implements EngineLike {
  private transport: EngineTransport | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private disposed = false;

  constructor(private readonly options: EngineClientOptions) {}

  /** Starts the host now (the app does so at launch, so the first call does not wait for it). */
  start(): void {
    this.ensure();
  }

  call(method: string, params: unknown): Promise<ApiResult<unknown>> {
    if (this.disposed) {
      return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The engine has been shut down.' } });
    }
    let transport: EngineTransport;
    try {
      transport = this.ensure();
    } catch (err) {
      return Promise.resolve({ ok: false, error: { code: 'internal', message: `The engine could not start: ${(err as Error).message}` } });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        transport.postMessage({ type: 'request', id, method, params });
      } catch (err) {
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'internal', message: `The engine could not be reached: ${(err as Error).message}` } });
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    const transport = this.transport;
    this.transport = null;
    this.failPending('The engine has been shut down.');
    transport?.kill();
  }

  private ensure(): EngineTransport {
    if (this.transport) return this.transport;
    const transport = this.options.spawn();
    this.transport = transport;
    transport.onMessage((message) => this.receive(message));
    transport.onExit((code) => {
      if (this.transport !== transport) return; // an old host, already replaced or disposed
      this.transport = null;
      const reason = `The engine process stopped (exit code ${code ?? 'none'}); its open files and captures were closed.`;
      this.failPending(reason);
      if (!this.disposed) this.options.onStopped?.(reason);
    });
    return transport;
  }

  private receive(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: unknown; id?: unknown; result?: unknown; event?: unknown };
    if (m.type === 'response' && typeof m.id === 'number') {
      const resolve = this.pending.get(m.id);
      if (!resolve) return;
      this.pending.delete(m.id);
      const result = m.result as ApiResult<unknown> | undefined;
      resolve(result && typeof result === 'object' && typeof result.ok === 'boolean'
        ? result
        : { ok: false, error: { code: 'internal', message: 'The engine sent a malformed response.' } });
    } else if (m.type === 'event' && typeof m.event === 'string') {
      this.options.onEvent(message as EventMessage);
    }
  }

  private failPending(message: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of pending) resolve({ ok: false, error: { code: 'internal', message } });
  }
}
