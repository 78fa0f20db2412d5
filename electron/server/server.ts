/**
 * The browser mode: an HTTP server that serves the built renderer and speaks the session API
 * (contract.ts's RequestMessage / ResponseMessage / EventMessage) over a WebSocket.
 *
 * It is meant for one user on a capture host, so it is locked down the way Jupyter is:
 *  - bound to 127.0.0.1 unless the caller says otherwise;
 *  - every HTTP request and WebSocket handshake needs the random token (in the query string, or
 *    the HttpOnly cookie set when the page was loaded with it), else 403;
 *  - a WebSocket handshake whose Origin is not this server's own page is refused (a page on
 *    another site cannot drive the engine from the user's browser); on a loopback bind the Host
 *    header must name the loopback too (DNS rebinding);
 *  - a request larger than MAX_REQUEST_BYTES gets an error response (far larger frames close
 *    the socket), and requests are rate limited per connection (token bucket);
 *  - malformed JSON or a malformed request gets an error response; nothing a client sends can
 *    throw out of a handler;
 *  - pages carry a strict Content-Security-Policy (scripts only from this origin, styles only
 *    from this origin or with the per-response nonce, no inline style attributes, no frames, no
 *    forms, no base URI).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import {
  MAX_REQUEST_BYTES,
  type ApiResult,
  type EventMessage,
  type EventName,
  type ResponseMessage,
} from '../api/contract.js';

/** What the server needs of the engine (createEngine() returns this). */
export interface EngineLike {
  call(method: string, params: unknown): Promise<ApiResult<unknown>>;
  on(event: EventName, listener: (payload: never) => void): () => void;
}

export interface RateLimit {
  /** Requests a connection may make per second, sustained. */
  perSecond: number;
  /** Requests it may make at once after a quiet spell. */
  burst: number;
}

export interface ServerOptions {
  engine: EngineLike;
  /** Folder with the built renderer (index.html, app.js, app.css). */
  staticDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** A fixed token (tests); otherwise 24 random bytes. */
  token?: string;
  /** A capture the page opens at start. */
  openPath?: string;
  rate?: RateLimit;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const DEFAULT_RATE: RateLimit = { perSecond: 200, burst: 400 };
/** Frames this much larger than a request's limit are not even read: the socket is closed (1009). */
const MAX_FRAME_BYTES = 4 * MAX_REQUEST_BYTES;
/** Requests one connection may have running at once. */
const MAX_IN_FLIGHT = 64;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** A token bucket; `now` is injectable so the arithmetic is tested without clocks. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(private readonly rate: RateLimit, private readonly now: () => number = () => performance.now()) {
    this.tokens = rate.burst;
    this.last = now();
  }
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.rate.burst, this.tokens + ((t - this.last) / 1000) * this.rate.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // ag-grid injects its structural CSS as <style> elements: they carry the nonce (styleNonce).
    `style-src 'self' 'nonce-${nonce}'`,
    // (ag-grid and React position rows and size columns through element.style, the CSSOM, which
    // CSP allows: no style="" attribute is needed; the e2e tests fail on any CSP violation.)
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A message's `id` if it has a usable one (to answer a bad request under its own id). */
function requestId(msg: unknown): number {
  if (msg && typeof msg === 'object' && 'id' in msg) {
    const id = (msg as { id: unknown }).id;
    if (typeof id === 'number' && Number.isSafeInteger(id)) return id;
  }
  return 0;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const rate = opts.rate ?? DEFAULT_RATE;
  const staticRoot = resolve(opts.staticDir);
  const loopbackBind = LOOPBACK_HOSTS.has(host);
  let port = opts.port ?? 0;
  const cookieName = () => `packetloom-${port}`;

  /** Token from the query string or the page's cookie. */
  function authorized(req: IncomingMessage, url: URL): boolean {
    return sameToken(url.searchParams.get('token'), token) || sameToken(cookieValue(req, cookieName()), token);
  }

  /** The Host header names this server (always on a loopback bind; any name otherwise). */
  function hostAllowed(req: IncomingMessage): boolean {
    const h = req.headers.host;
    if (!h) return false;
    if (!loopbackBind) return true;
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h);
    return !!m && LOOPBACK_HOSTS.has(m[1]!) && Number(m[2] ?? 80) === port;
  }

  function refuse(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(text + '\n');
  }

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req)) return refuse(res, 403, 'Forbidden: unexpected Host header.');
    if (!authorized(req, url)) return refuse(res, 403, 'Forbidden: this page needs the token printed by `npm run serve`.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = normalize(join(staticRoot, rel));
    if (!file.startsWith(staticRoot + sep)) return refuse(res, 404, 'Not found.');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return refuse(res, 404, rel === '/index.html' ? 'The renderer is not built: run `npm run build`.' : 'Not found.');
    }
    const nonce = randomBytes(16).toString('base64');
    const headers: Record<string, string> = {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Content-Security-Policy': contentSecurityPolicy(nonce),
      'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    };
    if (extname(file) === '.html') {
      const meta =
        `<meta name="packetloom-csp-nonce" content="${escapeAttr(nonce)}">` +
        (opts.openPath ? `<meta name="packetloom-open" content="${escapeAttr(opts.openPath)}">` : '') +
        `<meta name="packetloom-mode" content="browser">`;
      body = Buffer.from(body.toString('utf8').replace('<head>', '<head>' + meta));
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const http: Server = createServer((req, res) => {
    serveHttp(req, res).catch((err: unknown) => {
      if (!res.headersSent) refuse(res, 500, 'Internal error: ' + (err instanceof Error ? err.message : String(err)));
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  function rejectUpgrade(socket: Duplex, status: number, text: string): void {
    socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
    socket.destroy();
  }

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws') return rejectUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(req)) return rejectUpgrade(socket, 403, 'Forbidden');
    if (!authorized(req, url)) return rejectUpgrade(socket, 403, 'Forbidden');
    const origin = req.headers.origin;
    if (!origin || origin !== `http://${req.headers.host}`) return rejectUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => connection(ws));
  });

  /** Connections that opened each session: a session's events go to them only. */
  const owners = new Map<string, Set<WebSocket>>();
  const unsubscribe = [
    opts.engine.on('status', ((p: { id: string }) => forward('status', p.id, p)) as (payload: never) => void),
    opts.engine.on('captureStopped', ((p: { session: string }) => forward('captureStopped', p.session, p)) as (payload: never) => void),
  ];

  function forward(event: EventName, session: string, payload: unknown): void {
    const msg: EventMessage = { type: 'event', event, payload };
    const text = JSON.stringify(msg);
    for (const ws of owners.get(session) ?? []) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  function connection(ws: WebSocket): void {
    const bucket = new TokenBucket(rate);
    const mine = new Set<string>();
    let inFlight = 0;
    const send = (msg: ResponseMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const fail = (id: number, code: 'bad-request' | 'busy' | 'internal', message: string) =>
      send({ type: 'response', id, result: { ok: false, error: { code, message } } });

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
      if (size > MAX_REQUEST_BYTES) return fail(0, 'bad-request', `Request of ${size} bytes refused: the limit is ${MAX_REQUEST_BYTES} bytes.`);
      if (isBinary) return fail(0, 'bad-request', 'Binary messages are not accepted: send JSON text.');
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as Buffer).toString('utf8');
      // The limit applies before any parsing, malformed messages included; a refused request is
      // still answered under its id when one is readable, so the page's call does not hang.
      if (!bucket.take()) {
        const m = /"id"\s*:\s*(\d{1,15})\b/.exec(text.slice(0, 200));
        return fail(m ? Number(m[1]) : 0, 'busy', `Too many requests: at most ${rate.perSecond} per second (bursts of ${rate.burst}).`);
      }
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch (err) {
        return fail(0, 'bad-request', 'Malformed JSON: ' + (err instanceof Error ? err.message : String(err)));
      }
      const id = requestId(msg);
      const m = msg as { type?: unknown; method?: unknown; params?: unknown; id?: unknown };
      if (!m || typeof m !== 'object' || m.type !== 'request' || typeof m.method !== 'string' || id !== m.id) {
        return fail(id, 'bad-request', 'Not a request: expected {"type":"request","id":<integer>,"method":<string>,"params":…}.');
      }
      if (inFlight >= MAX_IN_FLIGHT) return fail(id, 'busy', `Too many requests in flight: at most ${MAX_IN_FLIGHT}.`);
      inFlight++;
      const method = m.method;
      let pending: Promise<ApiResult<unknown>>;
      try {
        pending = opts.engine.call(method, m.params ?? {});
      } catch (err) {
        pending = Promise.reject(err);
      }
      pending
        .then((result) => {
          if (result.ok && (method === 'openFile' || method === 'openSample' || method === 'startCapture' || method === 'restartCapture')) {
            const sid = (result.value as { id?: unknown }).id;
            if (typeof sid === 'string') {
              mine.add(sid);
              let set = owners.get(sid);
              if (!set) owners.set(sid, (set = new Set()));
              set.add(ws);
            }
          }
          send({ type: 'response', id, result });
        })
        .catch((err: unknown) => fail(id, 'internal', err instanceof Error ? err.message : String(err)))
        .finally(() => inFlight--);
    });

    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      // A page that goes away (closed, reloaded) leaves no session behind holding memory.
      for (const sid of mine) {
        const set = owners.get(sid);
        set?.delete(ws);
        if (set && set.size === 0) {
          owners.delete(sid);
          opts.engine.call('close', { session: sid }).catch(() => undefined);
        }
      }
    });
  }

  await new Promise<void>((ok, ko) => {
    http.once('error', ko);
    http.listen(port, host, () => {
      http.off('error', ko);
      ok();
    });
  });
  const addr = http.address();
  port = typeof addr === 'object' && addr ? addr.port : port;
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    host,
    port,
    token,
    close: async () => {
      for (const u of unsubscribe) u();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((ok) => http.close(() => ok()));
    },
  };
}
