/**
 * The browser mode's transport: SessionApi over a WebSocket to `npm run serve`.
 * The token comes from the page's URL (the server also set it as a cookie for the page's assets).
 */
import type {
  ApiResult,
  EventMessage,
  EventName,
  Events,
  Method,
  Params,
  ResponseMessage,
  Result,
  SessionApi,
} from '../../electron/api/contract.js';

type Listener = (payload: never) => void;

export class WebSocketApi implements SessionApi {
  private ws: WebSocket | null = null;
  private opening: Promise<WebSocket> | null = null;
  private nextId = 1;
  private pending = new Map<number, (r: ApiResult<unknown>) => void>();
  private listeners = new Map<EventName, Set<Listener>>();
  /** Called when the connection is lost (the UI shows it). */
  onDisconnect: ((reason: string) => void) | null = null;

  constructor(private readonly url: string) {}

  /** ws://host/ws?token=… for the page at `location`. */
  static forLocation(loc: Location): WebSocketApi {
    const token = new URLSearchParams(loc.search).get('token') ?? '';
    const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
    return new WebSocketApi(`${proto}//${loc.host}/ws?token=${encodeURIComponent(token)}`);
  }

  private connect(): Promise<WebSocket> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) return Promise.resolve(this.ws);
    if (this.opening) return this.opening;
    this.opening = new Promise<WebSocket>((ok, ko) => {
      const ws = new WebSocket(this.url);
      ws.onopen = () => {
        this.ws = ws;
        this.opening = null;
        ok(ws);
      };
      ws.onerror = () => {
        this.opening = null;
        ko(new Error('cannot connect to the Packetloom server'));
      };
      ws.onclose = (ev) => {
        this.ws = null;
        this.opening = null;
        for (const [, resolve] of this.pending) resolve({ ok: false, error: { code: 'internal', message: `connection closed (${ev.code})` } });
        this.pending.clear();
        this.onDisconnect?.(String(ev.code));
      };
      ws.onmessage = (ev) => this.receive(String(ev.data));
    });
    return this.opening;
  }

  private receive(text: string): void {
    let msg: ResponseMessage | EventMessage;
    try {
      msg = JSON.parse(text) as ResponseMessage | EventMessage;
    } catch {
      return;
    }
    if (msg.type === 'response') {
      const resolve = this.pending.get(msg.id);
      if (resolve) {
        this.pending.delete(msg.id);
        resolve(msg.result);
      }
    } else if (msg.type === 'event') {
      for (const l of this.listeners.get(msg.event) ?? []) (l as (p: unknown) => void)(msg.payload);
    }
  }

  async call<M extends Method>(method: M, params: Params<M>): Promise<ApiResult<Result<M>>> {
    let ws: WebSocket;
    try {
      ws = await this.connect();
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: (err as Error).message } };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: ApiResult<unknown>) => void);
      ws.send(JSON.stringify({ type: 'request', id, method, params }));
    });
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    void this.connect().catch(() => undefined);
    return () => set!.delete(listener as Listener);
  }
}
