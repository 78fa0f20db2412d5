// The browser-mode server over real sockets: token, origin, host, size and rate refusals, malformed
// input answered with errors, a request/response round trip and events routed to the session's page.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import WebSocket from 'ws';
import { MAX_REQUEST_BYTES, type ApiResult, type EventName, type ResponseMessage } from '../../../electron/api/contract.js';
import { startServer, TokenBucket, type EngineLike, type RunningServer } from '../../../electron/server/server.js';
import { parseServeArgs } from '../../../electron/server/args.js';

/** A small engine double: answers `hello`, opens sessions, emits status events on demand. */
class EchoEngine implements EngineLike {
  calls: { method: string; params: unknown }[] = [];
  private listeners = new Map<EventName, Set<(p: never) => void>>();
  private next = 1;
  async call(method: string, params: unknown): Promise<ApiResult<unknown>> {
    this.calls.push({ method, params });
    if (method === 'hello') return { ok: true, value: { version: 1, liveCapture: { available: false } } };
    if (method === 'openSample') return { ok: true, value: { id: `s${this.next++}`, kind: 'file', path: '/x', name: 'x' } };
    if (method === 'close') return { ok: true, value: {} };
    if (method === 'throw') throw new Error('engine bug');
    return { ok: false, error: { code: 'unknown-method', message: `no method ${method}` } };
  }
  on(event: EventName, listener: (p: never) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }
  emit(event: EventName, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: unknown) => void)(payload);
  }
}

const TOKEN = 'test-token-0123456789abcdef';
let server: RunningServer | undefined;
const sockets: WebSocket[] = [];

function staticDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pl-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  mkdirSync(join(dir, 'sub'));
  return dir;
}

async function start(engine: EngineLike, extra: Partial<Parameters<typeof startServer>[0]> = {}): Promise<RunningServer> {
  server = await startServer({ engine, staticDir: staticDir(), token: TOKEN, ...extra });
  return server;
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await server?.close();
  server = undefined;
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((ok, ko) => {
    const req = request({ host: '127.0.0.1', port: server!.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', ko);
    req.end();
  });
}

/** Opens a WebSocket; resolves with it once open, or with the HTTP status of a refused handshake. */
function connect(opts: { token?: string | null; origin?: string | null; host?: string } = {}): Promise<WebSocket | number> {
  const port = server!.port;
  const token = opts.token === undefined ? TOKEN : opts.token;
  const url = `ws://127.0.0.1:${port}/ws${token === null ? '' : `?token=${token}`}`;
  const headers: Record<string, string> = {};
  if (opts.host) headers.host = opts.host;
  const origin = opts.origin === undefined ? `http://127.0.0.1:${port}` : opts.origin;
  const ws = new WebSocket(url, { headers, ...(origin === null ? {} : { origin }) });
  sockets.push(ws);
  return new Promise((ok) => {
    ws.on('open', () => ok(ws));
    ws.on('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
    ws.on('error', () => ok(-1));
  });
}

/** Collects `n` messages. */
function messages(ws: WebSocket, n: number): Promise<unknown[]> {
  const got: unknown[] = [];
  return new Promise((ok) => {
    ws.on('message', (d) => {
      got.push(JSON.parse(d.toString()));
      if (got.length === n) ok(got);
    });
  });
}

describe('HTTP', () => {
  it('refuses requests without the token, serves with it, and then by cookie', async () => {
    await start(new EchoEngine());
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get('/app.js')).status).toBe(403);
    const page = await get(`/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const nonce = /nonce-([^']+)'/.exec(csp)![1]!;
    expect(page.body).toContain(`<meta name="packetloom-csp-nonce" content="${nonce}">`);
    const cookie = String((page.headers['set-cookie'] as string[])[0]).split(';')[0]!;
    expect(cookie).toBe(`packetloom-${server!.port}=${TOKEN}`);
    const js = await get('/app.js', { cookie });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
  });

  it('tells the page which file to open at start', async () => {
    await start(new EchoEngine(), { openPath: '/tmp/a "b".pcap' });
    const page = await get(`/?token=${TOKEN}`);
    expect(page.body).toContain('<meta name="packetloom-open" content="/tmp/a &quot;b&quot;.pcap">');
  });

  it('refuses paths outside the renderer folder and foreign Host headers', async () => {
    await start(new EchoEngine());
    expect((await get(`/../../etc/passwd?token=${TOKEN}`)).status).toBe(404);
    expect((await get(`/%2e%2e/%2e%2e/etc/passwd?token=${TOKEN}`)).status).toBe(404);
    expect((await get(`/?token=${TOKEN}`, { host: 'evil.example:80' })).status).toBe(403);
  });
});

describe('WebSocket', () => {
  it('refuses handshakes without the token, from another origin, without an origin, or for another host', async () => {
    await start(new EchoEngine());
    expect(await connect({ token: null })).toBe(403);
    expect(await connect({ token: 'nope' })).toBe(403);
    expect(await connect({ origin: 'http://evil.example' })).toBe(403);
    expect(await connect({ origin: `http://localhost:${server!.port + 1}` })).toBe(403);
    expect(await connect({ origin: null })).toBe(403);
    expect(await connect({ host: `attacker.example:${server!.port}`, origin: `http://attacker.example:${server!.port}` })).toBe(403);
    expect(await connect()).toBeInstanceOf(WebSocket);
  });

  it('round trip: a request gets its response under its id', async () => {
    const engine = new EchoEngine();
    await start(engine);
    const ws = (await connect()) as WebSocket;
    const got = messages(ws, 2);
    ws.send(JSON.stringify({ type: 'request', id: 7, method: 'hello', params: {} }));
    ws.send(JSON.stringify({ type: 'request', id: 8, method: 'nosuch', params: {} }));
    const [a, b] = (await got) as ResponseMessage[];
    expect(a).toEqual({ type: 'response', id: 7, result: { ok: true, value: { version: 1, liveCapture: { available: false } } } });
    expect(b!.id).toBe(8);
    expect(b!.result.ok).toBe(false);
  });

  it('answers malformed JSON, non-requests and engine exceptions with errors, and keeps serving', async () => {
    await start(new EchoEngine());
    const ws = (await connect()) as WebSocket;
    const got = messages(ws, 5);
    ws.send('{not json');
    ws.send(JSON.stringify({ type: 'request', id: 'x', method: 'hello' }));
    ws.send(JSON.stringify([1, 2, 3]));
    ws.send(JSON.stringify({ type: 'request', id: 3, method: 'throw', params: {} }));
    ws.send(JSON.stringify({ type: 'request', id: 4, method: 'hello', params: {} }));
    const r = (await got) as ResponseMessage[];
    expect(r[0]).toMatchObject({ id: 0, result: { ok: false, error: { code: 'bad-request' } } });
    expect(r[0]!.result.ok === false && r[0]!.result.error.message).toMatch(/Malformed JSON/);
    expect(r[1]).toMatchObject({ result: { ok: false, error: { code: 'bad-request' } } });
    expect(r[2]).toMatchObject({ result: { ok: false, error: { code: 'bad-request' } } });
    // Engine answers are asynchronous: find them by id.
    expect(r.find((m) => m.id === 3)).toMatchObject({ result: { ok: false, error: { code: 'internal', message: 'engine bug' } } });
    expect(r.find((m) => m.id === 4)).toMatchObject({ result: { ok: true } });
  });

  it('refuses requests over MAX_REQUEST_BYTES with an error, and closes on huge frames', async () => {
    await start(new EchoEngine());
    const ws = (await connect()) as WebSocket;
    const got = messages(ws, 1);
    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'hello', params: { pad: 'x'.repeat(MAX_REQUEST_BYTES) } }));
    const [r] = (await got) as ResponseMessage[];
    expect(r!.result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(r!.result.ok === false && r!.result.error.message).toContain(String(MAX_REQUEST_BYTES));
    const closed = new Promise<number>((ok) => ws.on('close', (code) => ok(code)));
    ws.send('x'.repeat(MAX_REQUEST_BYTES * 8));
    expect(await closed).toBe(1009);
  });

  it('rate-limits each connection', async () => {
    await start(new EchoEngine(), { rate: { perSecond: 1, burst: 5 } });
    const ws = (await connect()) as WebSocket;
    const got = messages(ws, 20);
    for (let i = 1; i <= 20; i++) ws.send(JSON.stringify({ type: 'request', id: i, method: 'hello', params: {} }));
    const r = (await got) as ResponseMessage[];
    const byId = new Map(r.map((m) => [m.id, m]));
    for (let i = 1; i <= 5; i++) expect(byId.get(i)!.result.ok).toBe(true);
    const refused = r.filter((m) => !m.result.ok && m.result.error.code === 'busy');
    // 20 requests against a burst of 5 refilling at 1/s: at least 10 are refused however slow the machine.
    expect(refused.length).toBeGreaterThanOrEqual(10);
    // Malformed messages count too (they cost a parse and an answer).
    const ws3 = (await connect()) as WebSocket;
    const got3 = messages(ws3, 8);
    for (let i = 0; i < 8; i++) ws3.send('{not json');
    const r3 = (await got3) as ResponseMessage[];
    expect(r3.filter((m) => !m.result.ok && m.result.error.code === 'busy').length).toBeGreaterThanOrEqual(2);
    // A second connection has its own bucket.
    const ws2 = (await connect()) as WebSocket;
    const got2 = messages(ws2, 1);
    ws2.send(JSON.stringify({ type: 'request', id: 1, method: 'hello', params: {} }));
    expect(((await got2) as ResponseMessage[])[0]!.result.ok).toBe(true);
  });

  it("routes a session's events to the page that opened it, and closes its sessions when the page goes", async () => {
    const engine = new EchoEngine();
    await start(engine);
    const a = (await connect()) as WebSocket;
    const b = (await connect()) as WebSocket;
    const opened = messages(a, 1);
    a.send(JSON.stringify({ type: 'request', id: 1, method: 'openSample', params: {} }));
    const [r] = (await opened) as ResponseMessage[];
    const sid = (r!.result as { value: { id: string } }).value.id;
    const gotB: unknown[] = [];
    b.on('message', (d) => gotB.push(JSON.parse(d.toString())));
    const ev = messages(a, 1);
    engine.emit('status', { id: sid, state: 'done' });
    expect(await ev).toEqual([{ type: 'event', event: 'status', payload: { id: sid, state: 'done' } }]);
    // b is still connected and got nothing; a round trip on b proves its messages were all delivered.
    const pong = messages(b, 1);
    b.send(JSON.stringify({ type: 'request', id: 9, method: 'hello', params: {} }));
    await pong;
    expect(gotB).toHaveLength(1);
    const closed = new Promise<void>((ok) => {
      const t = setInterval(() => {
        if (engine.calls.some((c) => c.method === 'close')) {
          clearInterval(t);
          ok();
        }
      }, 5);
    });
    a.close();
    await closed;
    expect(engine.calls.find((c) => c.method === 'close')!.params).toEqual({ session: sid });
  });
});

describe('token bucket and arguments', () => {
  it('refills at the sustained rate up to the burst', () => {
    let t = 0;
    const b = new TokenBucket({ perSecond: 2, burst: 3 }, () => t);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
    t = 499;
    expect(b.take()).toBe(false);
    t = 500;
    expect(b.take()).toBe(true);
    t = 100_000;
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
  });

  it('parses the serve command line', () => {
    expect(parseServeArgs([])).toEqual({ host: '127.0.0.1', port: 0 });
    expect(parseServeArgs(['a.pcap', '--host', '0.0.0.0', '--port=8080'])).toEqual({ file: 'a.pcap', host: '0.0.0.0', port: 8080 });
    expect(() => parseServeArgs(['--port', 'x'])).toThrow(/not a port/);
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(/not a port/);
    expect(() => parseServeArgs(['--host'])).toThrow(/needs a value/);
    expect(() => parseServeArgs(['--bogus'])).toThrow(/unknown option/);
    expect(() => parseServeArgs(['a', 'b'])).toThrow(/one capture file/);
  });
});
