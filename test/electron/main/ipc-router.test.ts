import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, type ApiResult, type SessionInfo } from '../../../electron/api/contract.js';
import { IpcRouter, type CallSender, type EngineLike } from '../../../electron/main/ipc-router.js';

/** Records what reaches the engine; answers open calls with new sessions. */
class FakeEngine implements EngineLike {
  calls: { method: string; params: unknown }[] = [];
  next = 1;
  fail: Error | null = null;
  async call(method: string, params: unknown): Promise<ApiResult<unknown>> {
    this.calls.push({ method, params });
    if (this.fail) throw this.fail;
    if (method === 'openFile') {
      const path = (params as { path: string }).path;
      const info: SessionInfo = { id: `s${this.next++}`, kind: 'file', path, name: path.split('/').pop()! };
      return { ok: true, value: info };
    }
    if (method === 'startCapture') return { ok: true, value: { id: `s${this.next++}`, kind: 'live', path: '/tmp/live.pcapng', name: 'lo' } };
    return { ok: true, value: { echoed: method } };
  }
}

const WINDOW = 7;
const OTHER_WINDOW = 8;
const ok: CallSender = { webContentsId: WINDOW, frameUrl: 'app://packetloom/index.html', isMainFrame: true };

function setup() {
  const engine = new FakeEngine();
  const opened: string[] = [];
  const changes: number[] = [];
  const router = new IpcRouter({
    engine,
    isAppWindow: (id) => id === WINDOW || id === OTHER_WINDOW,
    onFileOpened: (_id, info) => opened.push(info.path),
    onStateChange: (id) => changes.push(id),
  });
  return { engine, router, opened, changes };
}

describe('IpcRouter: senders', () => {
  it.each([
    ['an unknown webContents', { ...ok, webContentsId: 99 }],
    ['a subframe', { ...ok, isMainFrame: false }],
    ['a remote page', { ...ok, frameUrl: 'https://evil.example/index.html' }],
    ['a file: page', { ...ok, frameUrl: 'file:///tmp/x.html' }],
    ['another app:// host', { ...ok, frameUrl: 'app://other/index.html' }],
    ['a frame with no URL', { ...ok, frameUrl: '' }],
  ])('refuses %s without reaching the engine', async (_what, sender) => {
    const { engine, router } = setup();
    const result = await router.handleCall(sender, 'hello', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/^Refused: /) });
    expect(engine.calls).toEqual([]);
  });
});

describe('IpcRouter: methods and arguments', () => {
  it('refuses methods outside the contract', async () => {
    const { engine, router } = setup();
    for (const method of ['eval', '__proto__', 'constructor', 'toString', '', 42, null, undefined]) {
      const result = await router.handleCall(ok, method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
    expect(engine.calls).toEqual([]);
  });

  it('refuses arguments over MAX_REQUEST_BYTES', async () => {
    const { engine, router } = setup();
    const big = { filter: 'x'.repeat(MAX_REQUEST_BYTES) };
    const result = await router.handleCall(ok, 'checkFilter', big);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining(String(MAX_REQUEST_BYTES)) } });
    // Multi-byte characters count as bytes, not string length.
    const wide = { filter: 'é'.repeat(MAX_REQUEST_BYTES / 2 + 10) };
    expect((await router.handleCall(ok, 'checkFilter', wide)).ok).toBe(false);
    expect(engine.calls).toEqual([]);
    expect((await router.handleCall(ok, 'checkFilter', { filter: 'x'.repeat(1000) })).ok).toBe(true);
  });

  it('refuses what is not plain JSON', async () => {
    const { engine, router } = setup();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const deep: unknown[] = [];
    let cur = deep;
    for (let i = 0; i < 200; i++) cur.push((cur = []));
    for (const params of [new Map(), new Uint8Array(4), { a: new Date() }, { n: 10n }, { n: Number.NaN }, { f: Infinity }, cyclic, deep, [undefined], { f: () => 1 }]) {
      const result = await router.handleCall(ok, 'checkFilter', params);
      expect(result, String(params)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(engine.calls).toEqual([]);
  });

  it('routes a good call to the engine with a fresh copy of the arguments', async () => {
    const { engine, router } = setup();
    const params = { filter: 'tcp.port == 80' };
    const result = await router.handleCall(ok, 'checkFilter', params);
    expect(result).toEqual({ ok: true, value: { echoed: 'checkFilter' } });
    expect(engine.calls).toEqual([{ method: 'checkFilter', params }]);
    expect(engine.calls[0]!.params).not.toBe(params);
    await router.handleCall(ok, 'hello', undefined);
    expect(engine.calls[1]).toEqual({ method: 'hello', params: {} });
    // Undefined properties are dropped, as JSON does.
    await router.handleCall(ok, 'fields', { prefix: 'tcp.', limit: undefined });
    expect(engine.calls[2]!.params).toStrictEqual({ prefix: 'tcp.' });
  });

  it('turns an engine failure into an internal error', async () => {
    const { engine, router } = setup();
    engine.fail = new Error('host gone');
    expect(await router.handleCall(ok, 'hello', {})).toEqual({ ok: false, error: { code: 'internal', message: 'The engine failed: host gone' } });
  });
});

describe('IpcRouter: sessions belong to their window', () => {
  it('tracks opened sessions, recent files and refuses other windows', async () => {
    const { engine, router, opened, changes } = setup();
    const open = await router.handleCall(ok, 'openFile', { path: '/caps/a.pcap' });
    expect(open.ok).toBe(true);
    expect(opened).toEqual(['/caps/a.pcap']);
    expect(changes).toEqual([WINDOW]);
    expect(router.stateOf(WINDOW)).toEqual({ hasSession: true, capturing: false, hasLiveSession: false });

    expect((await router.handleCall(ok, 'status', { session: 's1' })).ok).toBe(true);
    const other = await router.handleCall({ ...ok, webContentsId: OTHER_WINDOW }, 'status', { session: 's1' });
    expect(other).toMatchObject({ ok: false, error: { code: 'no-session' } });
    expect(engine.calls.filter((c) => c.method === 'status')).toHaveLength(1);

    await router.handleCall(ok, 'close', { session: 's1' });
    expect(router.stateOf(WINDOW).hasSession).toBe(false);
    expect(await router.handleCall(ok, 'status', { session: 's1' })).toMatchObject({ ok: false, error: { code: 'no-session' } });
  });

  it('routes events to the owning window and follows the capture state', async () => {
    const { router } = setup();
    await router.handleCall(ok, 'openFile', { path: '/caps/a.pcap' });
    await router.handleCall({ ...ok, webContentsId: OTHER_WINDOW }, 'startCapture', { interfaces: ['lo'], filter: '' });
    expect(router.stateOf(OTHER_WINDOW)).toEqual({ hasSession: true, capturing: true, hasLiveSession: true });
    expect(router.routeEvent({ type: 'event', event: 'status', payload: { id: 's1' } })).toBe(WINDOW);
    expect(router.routeEvent({ type: 'event', event: 'status', payload: { id: 's2' } })).toBe(OTHER_WINDOW);
    expect(router.routeEvent({ type: 'event', event: 'status', payload: { id: 's9' } })).toBeNull();
    expect(router.routeEvent({ type: 'event', event: 'status', payload: null })).toBeNull();
    expect(router.routeEvent({ type: 'event', event: 'captureStopped', payload: { session: 's2', reason: 'done', received: 1, dropped: 0 } })).toBe(OTHER_WINDOW);
    expect(router.stateOf(OTHER_WINDOW)).toEqual({ hasSession: true, capturing: false, hasLiveSession: true });
  });

  it('closes a window\'s sessions (stopping its capture) when it closes', async () => {
    const { engine, router } = setup();
    await router.handleCall(ok, 'openFile', { path: '/caps/a.pcap' });
    await router.handleCall(ok, 'startCapture', { interfaces: ['lo'], filter: '' });
    engine.calls = [];
    await router.windowClosed(WINDOW);
    expect(engine.calls).toEqual([
      { method: 'close', params: { session: 's1' } },
      { method: 'stopCapture', params: { session: 's2' } },
      { method: 'close', params: { session: 's2' } },
    ]);
    expect(router.stateOf(WINDOW).hasSession).toBe(false);
  });

  it('closes every window\'s sessions when the app quits', async () => {
    const { engine, router } = setup();
    await router.handleCall(ok, 'openFile', { path: '/caps/a.pcap' });
    await router.handleCall({ ...ok, webContentsId: OTHER_WINDOW }, 'startCapture', { interfaces: ['lo'], filter: '' });
    engine.calls = [];
    await router.closeAll();
    expect(engine.calls.map((c) => `${c.method} ${(c.params as { session: string }).session}`).sort()).toEqual(['close s1', 'close s2', 'stopCapture s2']);
    expect(router.stateOf(WINDOW).hasSession || router.stateOf(OTHER_WINDOW).hasSession).toBe(false);
  });

  it('forgets every session when the engine stops', async () => {
    const { router } = setup();
    await router.handleCall(ok, 'openFile', { path: '/caps/a.pcap' });
    expect(router.engineStopped()).toEqual([WINDOW]);
    expect(router.stateOf(WINDOW).hasSession).toBe(false);
  });
});
