/**
 * Routes the renderer's calls to the engine host, and the engine's events back to the window
 * that owns the session. Everything main checks before a message reaches the engine is here,
 * as a plain module (no Electron import) so tests drive it with fake senders:
 *
 *   1. the sender is one of the app's windows, the message comes from its top frame, and that
 *      frame shows the app's own document (app://packetloom/…) — not a page it was tricked
 *      into loading;
 *   2. the method is one of the contract's METHODS;
 *   3. the arguments are plain JSON of at most MAX_REQUEST_BYTES (what else structured clone
 *      lets through — Maps, typed arrays, cycles — is refused), and they are passed on as a
 *      fresh parse of that JSON;
 *   4. a `session` argument names a session this window opened (one window cannot read or
 *      close another's capture).
 *
 * The engine validates each argument's type and range itself (electron/api/validate.ts); the
 * router does not duplicate that, it only keeps what is not the engine's business.
 */
import {
  MAX_REQUEST_BYTES,
  METHODS,
  type ApiError,
  type ApiResult,
  type EventMessage,
  type SessionInfo,
} from '../api/contract.js';
import { isAppUrl } from './window-options.js';

/** What the router calls: the engine host client (engine-client.ts) or, in tests, a real or fake engine. */
export interface EngineLike {
  call(method: string, params: unknown): Promise<ApiResult<unknown>>;
}

/** Who sent a call, as main sees it (from Electron's IpcMainInvokeEvent). */
export interface CallSender {
  /** webContents id of the sending window. */
  webContentsId: number;
  /** URL of the frame that sent the message ('' when the frame is gone). */
  frameUrl: string;
  /** Whether that frame is the window's top frame. */
  isMainFrame: boolean;
}

export interface WindowState {
  hasSession: boolean;
  capturing: boolean;
  hasLiveSession: boolean;
}

export interface IpcRouterOptions {
  engine: EngineLike;
  /** Whether a webContents id belongs to one of the app's windows. */
  isAppWindow(webContentsId: number): boolean;
  /** A file session was opened successfully (for Open Recent). */
  onFileOpened?(webContentsId: number, info: SessionInfo): void;
  /** A window's sessions changed (the menus enable Save, Stop … from this). */
  onStateChange?(webContentsId: number): void;
}

const ALLOWED = new Set<string>(METHODS);
/** Methods whose result is a new session owned by the calling window. */
const OPENS = new Set(['openFile', 'openSample', 'startCapture', 'restartCapture']);

function fail(code: ApiError['code'], message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    // An undefined property is dropped, as JSON does ({ framing: undefined } is a common way to omit one).
    return Object.values(value as object).every((v) => v === undefined || isPlainJson(v, depth + 1));
  }
  return false; // undefined, bigint, function, symbol
}

interface Owned {
  sessions: Set<string>;
  live: Set<string>;
  capturing: Set<string>;
}

export class IpcRouter {
  private readonly owners = new Map<number, Owned>();

  constructor(private readonly options: IpcRouterOptions) {}

  /** Checks a sender; returns why it is refused, or null. */
  senderProblem(sender: CallSender): string | null {
    if (!this.options.isAppWindow(sender.webContentsId)) return 'the sender is not a Packetloom window';
    if (!sender.isMainFrame) return 'the message did not come from the window\'s top frame';
    if (!isAppUrl(sender.frameUrl)) return `the sending page is not the app (${sender.frameUrl.slice(0, 100) || 'no URL'})`;
    return null;
  }

  /** Handles one `call(method, params)` from a renderer. Never throws. */
  async handleCall(sender: CallSender, method: unknown, params: unknown): Promise<ApiResult<unknown>> {
    const refused = this.senderProblem(sender);
    if (refused) return fail('bad-request', `Refused: ${refused}.`);
    if (typeof method !== 'string' || !ALLOWED.has(method)) {
      return fail('unknown-method', `Unknown method: ${typeof method === 'string' ? method.slice(0, 60) : typeof method}`);
    }
    if (params === undefined) params = {};
    if (!isPlainJson(params)) return fail('bad-request', `${method}: the arguments must be plain JSON data.`);
    const text = JSON.stringify(params);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_REQUEST_BYTES) {
      return fail('bad-request', `${method}: the arguments are ${bytes} bytes, more than the ${MAX_REQUEST_BYTES} allowed.`);
    }
    const clean: unknown = JSON.parse(text);
    const owned = this.owned(sender.webContentsId);
    if (typeof clean === 'object' && clean !== null && 'session' in clean) {
      const session = (clean as { session: unknown }).session;
      if (typeof session === 'string' && !owned.sessions.has(session)) {
        return fail('no-session', `No open session ${session.slice(0, 40)} in this window.`);
      }
    }

    let result: ApiResult<unknown>;
    try {
      result = await this.options.engine.call(method, clean);
    } catch (err) {
      result = fail('internal', `The engine failed: ${(err as Error)?.message ?? String(err)}`);
    }
    if (result.ok) this.track(sender.webContentsId, method, clean, result.value);
    return result;
  }

  private owned(id: number): Owned {
    let owned = this.owners.get(id);
    if (!owned) this.owners.set(id, (owned = { sessions: new Set(), live: new Set(), capturing: new Set() }));
    return owned;
  }

  private track(id: number, method: string, params: unknown, value: unknown): void {
    const owned = this.owned(id);
    const session = (params as { session?: unknown }).session;
    let changed = false;
    if (OPENS.has(method)) {
      const info = value as SessionInfo;
      if (method === 'restartCapture' && typeof session === 'string' && session !== info.id) {
        // A restart that replaced the session: the old one is gone.
        owned.sessions.delete(session);
        owned.live.delete(session);
        owned.capturing.delete(session);
      }
      owned.sessions.add(info.id);
      if (info.kind === 'live') {
        owned.live.add(info.id);
        owned.capturing.add(info.id);
      }
      if (method === 'openFile' && info.kind === 'file') this.options.onFileOpened?.(id, info);
      changed = true;
    } else if (method === 'close' && typeof session === 'string') {
      owned.sessions.delete(session);
      owned.live.delete(session);
      owned.capturing.delete(session);
      changed = true;
    } else if (method === 'stopCapture' && typeof session === 'string') {
      changed = owned.capturing.delete(session);
    }
    if (changed) this.options.onStateChange?.(id);
  }

  /** The window that should receive an engine event (null: nobody owns its session). */
  routeEvent(message: EventMessage): number | null {
    const payload = message.payload as { id?: unknown; session?: unknown } | null;
    const session = message.event === 'status' ? payload?.id : payload?.session;
    if (typeof session !== 'string') return null;
    for (const [id, owned] of this.owners) {
      if (!owned.sessions.has(session)) continue;
      if (message.event === 'captureStopped' && owned.capturing.delete(session)) this.options.onStateChange?.(id);
      return id;
    }
    return null;
  }

  stateOf(webContentsId: number): WindowState {
    const owned = this.owners.get(webContentsId);
    return {
      hasSession: (owned?.sessions.size ?? 0) > 0,
      capturing: (owned?.capturing.size ?? 0) > 0,
      hasLiveSession: (owned?.live.size ?? 0) > 0,
    };
  }

  /** A window closed: its sessions are closed in the engine (a running capture stops). */
  async windowClosed(webContentsId: number): Promise<void> {
    const owned = this.owners.get(webContentsId);
    this.owners.delete(webContentsId);
    if (!owned) return;
    for (const session of owned.sessions) {
      try {
        if (owned.capturing.has(session)) await this.options.engine.call('stopCapture', { session });
        await this.options.engine.call('close', { session });
      } catch {
        // The engine is gone: nothing left to close.
      }
    }
  }

  /** The app is quitting: closes every window's sessions (stopping live captures and their helpers). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.owners.keys()].map((id) => this.windowClosed(id)));
  }

  /** The engine process stopped: every session it held is gone. Returns the windows that had some. */
  engineStopped(): number[] {
    const affected = [...this.owners.entries()].filter(([, o]) => o.sessions.size > 0).map(([id]) => id);
    this.owners.clear();
    for (const id of affected) this.options.onStateChange?.(id);
    return affected;
  }
}
