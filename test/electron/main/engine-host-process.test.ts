/**
 * The real engine (electron/engine/engine.ts) in its own process behind the router, as the
 * desktop app runs it — only the process is a Node child (fork) instead of an Electron
 * utilityProcess; the host entry and the message protocol are the same.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventMessage, RowsResult, SessionInfo, SessionStatus } from '../../../electron/api/contract.js';
import { EngineClient, type EngineTransport } from '../../../electron/main/engine-client.js';
import { IpcRouter, type CallSender } from '../../../electron/main/ipc-router.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const ENTRY = resolve(ROOT, 'electron/main/engine-host-entry.ts');
const CAPTURE = resolve(ROOT, 'fixtures/own/handshake-http.pcapng');

const children: ChildProcess[] = [];
function spawnHost(entry = ENTRY): EngineTransport {
  const execArgv = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = fork(entry, [], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], cwd: ROOT });
  children.push(child);
  return {
    postMessage: (m) => child.send(m),
    onMessage: (l) => child.on('message', l),
    onExit: (l) => child.on('exit', (code) => l(code)),
    kill: () => child.kill(),
  };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill();
});

const WINDOW = 1;
const sender: CallSender = { webContentsId: WINDOW, frameUrl: 'app://packetloom/index.html', isMainFrame: true };

describe('engine host process behind the router', () => {
  const events: { window: number | null; message: EventMessage }[] = [];
  const stopped: string[] = [];
  let router: IpcRouter;
  const client = new EngineClient({
    spawn: spawnHost,
    onEvent: (message) => events.push({ window: router.routeEvent(message), message }),
    onStopped: (reason) => {
      stopped.push(reason);
      router.engineStopped();
    },
  });
  router = new IpcRouter({ engine: client, isAppWindow: (id) => id === WINDOW });
  afterAll(() => client.dispose());

  it('answers hello', async () => {
    const r = await router.handleCall(sender, 'hello', {});
    expect(r).toMatchObject({ ok: true, value: { version: 1 } });
  });

  it('opens a capture, sends its status events to the window, and serves rows', async () => {
    const opened = await router.handleCall(sender, 'openFile', { path: CAPTURE });
    expect(opened.ok).toBe(true);
    const info = (opened as { value: SessionInfo }).value;
    expect(info).toMatchObject({ kind: 'file', path: CAPTURE, name: 'handshake-http.pcapng' });
    let status: SessionStatus | undefined;
    for (let i = 0; i < 200; i++) {
      const s = await router.handleCall(sender, 'status', { session: info.id });
      status = (s as { value: SessionStatus }).value;
      if (status.state !== 'indexing') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toMatchObject({ state: 'done' });
    expect(status!.packets).toBeGreaterThan(0);
    const rows = await router.handleCall(sender, 'rows', { session: info.id, start: 0, count: 3 });
    expect(rows.ok).toBe(true);
    const value = (rows as { value: RowsResult }).value;
    // As `packetloom -r` prints it: an ARP exchange first.
    expect(value.rows.map((r) => [r.no, r.protocol])).toEqual([[1, 'ARP'], [2, 'ARP'], [3, 'ICMP']]);
    expect(value.rows[0]!.info).toBe('Who has 10.99.0.2? Tell 10.99.0.1');
    const filtered = await router.handleCall(sender, 'setFilter', { session: info.id, filter: 'tcp.flags.syn == 1 && tcp.flags.ack == 0' });
    expect(filtered).toMatchObject({ ok: true });
    const syn = await router.handleCall(sender, 'rows', { session: info.id, start: 0, count: 1 });
    expect((syn as { value: RowsResult }).value.rows[0]!.info).toContain('[SYN]');
    // A status event can come before the openFile reply that names its session: nobody owns the
    // session yet, so it goes nowhere (the window also polls the status every second). Every event
    // routed at all goes to the window that opened the session.
    expect(events.some((e) => e.message.event === 'status')).toBe(true);
    const routed = events.filter((e) => e.message.event === 'status' && e.window !== null);
    expect(routed.every((e) => e.window === WINDOW)).toBe(true);
    expect(router.routeEvent({ type: 'event', event: 'status', payload: { ...status!, id: info.id } })).toBe(WINDOW);
  });

  it('passes on the engine\'s own argument validation and file errors', async () => {
    const bad = await router.handleCall(sender, 'checkFilter', { filter: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const missing = await router.handleCall(sender, 'openFile', { path: resolve(ROOT, 'no-such-file.pcap') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'file' } });
  });

  it('survives the host process dying: pending work fails cleanly, the next call gets a new host', async () => {
    const before = children.length;
    children.at(-1)!.kill('SIGKILL');
    for (let i = 0; i < 100 && stopped.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toHaveLength(1);
    expect(router.stateOf(WINDOW).hasSession).toBe(false);
    const r = await router.handleCall(sender, 'hello', {});
    expect(r.ok).toBe(true);
    expect(children.length).toBe(before + 1);
  });
});

describe('the built host, as main forks it (dist/main/engine-host.cjs)', () => {
  it('boots the ES-module host from its CommonJS entry and answers', async () => {
    const boot = resolve(ROOT, 'dist/main/engine-host.cjs');
    if (!existsSync(boot) || !existsSync(resolve(ROOT, 'dist/main/engine-host.js'))) {
      expect(spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' }).status).toBe(0);
    }
    const client = new EngineClient({ spawn: () => spawnHost(boot), onEvent: () => {} });
    try {
      expect(await client.call('hello', {})).toMatchObject({ ok: true, value: { version: 1 } });
      expect(await client.call('checkFilter', { filter: 'tcp.port ==' })).toMatchObject({ ok: true, value: { ok: false } });
    } finally {
      client.dispose();
    }
  });
});
