// The browser mode end to end without a browser: the real engine behind the server, driven over a
// real WebSocket — open the sample, wait for indexing, read rows and a packet, and a bad argument
// comes back as the engine's validation error.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ResponseMessage, EventMessage, SessionInfo, SessionStatus, RowsResult, PacketDetail } from '../../../electron/api/contract.js';
import { createEngine } from '../../../electron/engine/engine.js';
import { startServer, type EngineLike, type RunningServer } from '../../../electron/server/server.js';

let server: RunningServer | undefined;
let ws: WebSocket | undefined;
afterAll(async () => {
  ws?.terminate();
  await server?.close();
});

describe('server + engine', () => {
  it('serves the session API of the real engine over the WebSocket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    server = await startServer({ engine: createEngine() as unknown as EngineLike, staticDir: dir });
    ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    await new Promise<void>((ok, ko) => {
      ws!.once('open', () => ok());
      ws!.once('error', ko);
    });
    const pending = new Map<number, (r: ResponseMessage['result']) => void>();
    const events: EventMessage[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as ResponseMessage | EventMessage;
      if (m.type === 'response') pending.get(m.id)?.(m.result);
      else events.push(m);
    });
    let id = 0;
    const call = <T>(method: string, params: unknown) =>
      new Promise<T>((ok, ko) => {
        const n = ++id;
        pending.set(n, (r) => (r.ok ? ok(r.value as T) : ko(Object.assign(new Error(r.error.message), { code: r.error.code }))));
        ws!.send(JSON.stringify({ type: 'request', id: n, method, params }));
      });

    const info = await call<SessionInfo>('openSample', {});
    expect(info.name).toBe('handshake-http.pcapng');
    let status: SessionStatus;
    // Polled gently: the server's rate limit is part of what is under test.
    while ((status = await call<SessionStatus>('status', { session: info.id })).state === 'indexing') await new Promise((ok) => setTimeout(ok, 50));
    expect(status).toMatchObject({ state: 'done', packets: 30, displayed: 30 });
    const rows = await call<RowsResult>('rows', { session: info.id, start: 0, count: 5 });
    expect(rows.rows.map((r) => r.protocol)).toEqual(['ARP', 'ARP', 'ICMP', 'ICMP', 'ICMP']);
    const pkt = await call<PacketDetail>('packet', { session: info.id, no: 1 });
    expect(pkt.tree.some((n) => n.layer === 'link')).toBe(true);
    await expect(call('rows', { session: info.id, start: -1, count: 5 })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(call('nosuch', {})).rejects.toMatchObject({ code: 'unknown-method' });
    // The status events of the session reached the page that opened it.
    expect(events.every((e) => e.event !== 'status' || (e.payload as SessionStatus).id === info.id)).toBe(true);
  });
});
