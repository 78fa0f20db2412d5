import { describe, expect, it } from 'vitest';
import type { EventMessage, RequestMessage } from '../../../electron/api/contract.js';
import { EngineClient, type EngineTransport } from '../../../electron/main/engine-client.js';
import { serveEngine, type HostedEngine, type HostPort } from '../../../electron/main/engine-host.js';

/** A host process in memory: the client's transport on one side, serveEngine's port on the other. */
function fakeProcess(engine: HostedEngine) {
  let toClient: (m: unknown) => void = () => {};
  let toHost: (m: unknown) => void = () => {};
  let exit: (code: number | null) => void = () => {};
  const killed: boolean[] = [];
  const port: HostPort = {
    postMessage: (m) => queueMicrotask(() => toClient(structuredClone(m))),
    onMessage: (l) => (toHost = l),
  };
  serveEngine(engine, port);
  const transport: EngineTransport = {
    postMessage: (m: RequestMessage) => queueMicrotask(() => toHost(structuredClone(m))),
    onMessage: (l) => (toClient = l),
    onExit: (l) => (exit = l),
    kill: () => killed.push(true),
  };
  return { transport, crash: (code: number) => exit(code), killed, sendRaw: (m: unknown) => toClient(m) };
}

function echoEngine() {
  const listeners = new Map<string, (p: unknown) => void>();
  const engine: HostedEngine & { emit(e: string, p: unknown): void; hang: boolean } = {
    hang: false,
    async call(method, params) {
      if (engine.hang) return new Promise(() => {});
      if (method === 'boom') throw new Error('kaput');
      return { ok: true, value: { method, params } };
    },
    on(event, listener) {
      listeners.set(event, listener);
    },
    emit(event, payload) {
      listeners.get(event)?.(payload);
    },
  };
  return engine;
}

describe('EngineClient ↔ serveEngine', () => {
  it('matches responses to requests and forwards events', async () => {
    const engine = echoEngine();
    const proc = fakeProcess(engine);
    const events: EventMessage[] = [];
    const client = new EngineClient({ spawn: () => proc.transport, onEvent: (m) => events.push(m) });
    const [a, b] = await Promise.all([client.call('status', { session: 's1' }), client.call('hello', {})]);
    expect(a).toEqual({ ok: true, value: { method: 'status', params: { session: 's1' } } });
    expect(b).toEqual({ ok: true, value: { method: 'hello', params: {} } });
    engine.emit('status', { id: 's1', packets: 3 });
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual([{ type: 'event', event: 'status', payload: { id: 's1', packets: 3 } }]);
  });

  it('turns an engine exception into an internal error', async () => {
    const client = new EngineClient({ spawn: () => fakeProcess(echoEngine()).transport, onEvent: () => {} });
    expect(await client.call('boom', {})).toEqual({ ok: false, error: { code: 'internal', message: 'The engine failed: kaput' } });
  });

  it('fails pending calls when the host exits, reports it, and starts a new host on the next call', async () => {
    const hanging = echoEngine();
    hanging.hang = true;
    const first = fakeProcess(hanging);
    const second = fakeProcess(echoEngine());
    const spawned = [first, second];
    let spawns = 0;
    const stopped: string[] = [];
    const client = new EngineClient({ spawn: () => spawned[spawns++]!.transport, onEvent: () => {}, onStopped: (r) => stopped.push(r) });
    const pending = client.call('hello', {});
    await new Promise((r) => setTimeout(r, 0));
    first.crash(134);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('exit code 134') } });
    expect(stopped).toHaveLength(1);
    expect(await client.call('hello', {})).toMatchObject({ ok: true });
    expect(spawns).toBe(2);
  });

  it('ignores malformed messages and unknown ids', async () => {
    const proc = fakeProcess(echoEngine());
    const client = new EngineClient({ spawn: () => proc.transport, onEvent: () => {} });
    client.start();
    for (const m of [null, 5, 'x', { type: 'response', id: 999, result: { ok: true } }, { type: 'event' }]) proc.sendRaw(m);
    expect(await client.call('hello', {})).toMatchObject({ ok: true });
  });

  it('answers after dispose without starting a host', async () => {
    let spawns = 0;
    const proc = fakeProcess(echoEngine());
    const client = new EngineClient({ spawn: () => (spawns++, proc.transport), onEvent: () => {} });
    client.start();
    client.dispose();
    expect(proc.killed).toEqual([true]);
    expect(await client.call('hello', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(spawns).toBe(1);
  });

  it('reports a host that cannot start', async () => {
    const client = new EngineClient({ spawn: () => { throw new Error('no such file'); }, onEvent: () => {} });
    expect(await client.call('hello', {})).toEqual({ ok: false, error: { code: 'internal', message: 'The engine could not start: no such file' } });
  });
});

describe('currentProcessPort', () => {
  it('unwraps Electron utility-process messages ({ data }) and posts through parentPort', async () => {
    const { currentProcessPort } = await import('../../../electron/main/engine-host.js');
    const posted: unknown[] = [];
    let deliver: (e: { data: unknown }) => void = () => {};
    const proc = process as unknown as { parentPort?: unknown };
    proc.parentPort = { postMessage: (m: unknown) => posted.push(m), on: (_e: string, l: (e: { data: unknown }) => void) => (deliver = l) };
    try {
      const port = currentProcessPort();
      const received: unknown[] = [];
      port.onMessage((m) => received.push(m));
      deliver({ data: { type: 'request', id: 1 } });
      port.postMessage({ type: 'response', id: 1 });
      expect(received).toEqual([{ type: 'request', id: 1 }]);
      expect(posted).toEqual([{ type: 'response', id: 1 }]);
    } finally {
      delete proc.parentPort;
    }
  });
});
