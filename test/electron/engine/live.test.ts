/**
 * Live capture through the engine: a session that follows the capture helper's write-through
 * pcapng (electron/capture/client.ts) — pings on lo show up as rows while capturing, stopCapture
 * indexes the file to its end, and capture errors come back as 'capture' error values. Needs
 * the helper (npm run build) and the privilege to capture (root here); without them the engine
 * must say so, which is checked instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiResult, Events, SessionStatus } from '../../../electron/api/contract.js';
import { createEngine, type Engine } from '../../../electron/engine/engine.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HELPER = join(ROOT, 'dist/capture-helper.js');
const canCapture = existsSync(HELPER) && process.getuid?.() === 0;

/** Fails (never skips) where live capture cannot run: CI runs as root after the build. */
function requireCapture(): void {
  expect(canCapture, 'live capture needs root and the built capture helper (npm run build; .ci/run as root)').toBe(true);
}

const engines: Engine[] = [];
afterAll(async () => {
  for (const e of engines) await e.shutdown();
});

async function ok<T>(p: Promise<ApiResult<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('engine: live capture', () => {
  it('says whether live capture is available', async () => {
    const e = createEngine({ mode: 'inline' });
    engines.push(e);
    const h = await ok(e.call('hello', {}));
    expect(h.liveCapture.available).toBe(existsSync(HELPER));
    if (!h.liveCapture.available) expect(h.liveCapture.reason).toMatch(/helper/);
  });

  it('captures pings on lo into a session, rows while capturing, then stops', async () => {
    requireCapture();
    for (const mode of ['inline', 'worker'] as const) {
      const e = createEngine({ mode });
      engines.push(e);
      const stopped: Events['captureStopped'][] = [];
      const statuses: SessionStatus[] = [];
      e.on('captureStopped', (x) => stopped.push(x));
      e.on('status', (s) => statuses.push(s));
      expect((await ok(e.call('interfaces', {}))).some((i) => i.name === 'lo' && i.loopback)).toBe(true);
      const info = await ok(e.call('startCapture', { interfaces: ['lo'], filter: 'icmp' }));
      expect(info.kind).toBe('live');
      expect(info.name).toBe('lo');
      execFileSync('ping', ['-c', '3', '-i', '0.2', '127.0.0.1'], { stdio: 'ignore' });
      // Rows arrive while the capture runs.
      let live = await ok(e.call('status', { session: info.id }));
      for (let k = 0; k < 200 && live.packets < 6; k++) {
        await new Promise((r) => setTimeout(r, 25));
        live = await ok(e.call('status', { session: info.id }));
      }
      expect(live.state).toBe('capturing');
      expect(live.packets).toBe(6);
      const rows = await ok(e.call('rows', { session: info.id, start: 0, count: 10 }));
      expect(rows.complete).toBe(false);
      expect(rows.rows.map((r) => r.protocol)).toEqual(Array(6).fill('ICMP'));
      expect(rows.rows[0]!.info).toMatch(/^Echo \(ping\) request/);
      const st = await ok(e.call('stopCapture', { session: info.id }));
      expect(st.state).toBe('done');
      expect(st.packets).toBe(6);
      expect(st.received).toBe(6);
      expect(st.dropped).toBe(0);
      expect(stopped).toEqual([{ session: info.id, reason: 'user', received: 6, dropped: 0 }]);
      expect(statuses.some((s) => s.state === 'capturing')).toBe(true);
      expect((await ok(e.call('rows', { session: info.id, start: 0, count: 10 }))).complete).toBe(true);
      const conn = await ok(e.call('properties', { session: info.id }));
      expect(conn.packets).toBe(6);
      expect(conn.format).toBe('pcapng');
      // Restart: a new session on a new file, the old one closed.
      const again = await ok(e.call('restartCapture', { session: info.id }));
      expect(again.id).not.toBe(info.id);
      expect((await e.call('status', { session: info.id })).ok).toBe(false);
      await ok(e.call('stopCapture', { session: again.id }));
      await e.shutdown();
    }
  });

  it('dissects a capture with its Decode As entries, and a restart takes new ones and protocols switched off (checked before it stops)', async () => {
    requireCapture();
    const e = createEngine({ mode: 'inline' });
    engines.push(e);
    const waitRows = async (id: string, n: number) => {
      for (let k = 0; k < 200; k++) {
        const st = await ok(e.call('status', { session: id }));
        if (st.packets >= n) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      return (await ok(e.call('rows', { session: id, start: 0, count: 10 }))).rows;
    };
    const info = await ok(e.call('startCapture', { interfaces: ['lo'], filter: 'icmp', decodeAs: [{ table: 'ip.proto', from: 1, to: 1, proto: 'data' }] }));
    execFileSync('ping', ['-c', '1', '127.0.0.1'], { stdio: 'ignore' });
    const asData = await waitRows(info.id, 2);
    expect(asData).toHaveLength(2);
    expect(asData.every((r) => r.protocol !== 'ICMP' && !/Echo/.test(r.info))).toBe(true);
    // A bad entry: refused, and the capture goes on.
    const bad = await e.call('restartCapture', { session: info.id, decodeAs: [{ table: 'ip.proto', from: 1, to: 1, proto: 'http' }] });
    expect(bad.ok ? '' : bad.error.message).toBe('restartCapture: Decode As ip.proto==1-1,http: Protocol "http" isn\'t valid for layer type "ip.proto"');
    expect((await ok(e.call('status', { session: info.id }))).state).toBe('capturing');
    // None now: ICMP again.
    const again = await ok(e.call('restartCapture', { session: info.id, decodeAs: [] }));
    execFileSync('ping', ['-c', '1', '127.0.0.1'], { stdio: 'ignore' });
    const icmp = await waitRows(again.id, 2);
    expect(icmp.map((r) => r.protocol)).toEqual(['ICMP', 'ICMP']);
    // Enabled Protocols: ICMP switched off, its bytes are data after IPv4 (as tshark --disable-protocol icmp).
    const noIcmp = await ok(e.call('restartCapture', { session: again.id, protocols: { disabled: ['icmp'] } }));
    execFileSync('ping', ['-c', '1', '127.0.0.1'], { stdio: 'ignore' });
    const off = await waitRows(noIcmp.id, 2);
    expect(off.map((r) => `${r.protocol} ${r.info}`)).toEqual(['IPv4 ICMP (1)', 'IPv4 ICMP (1)']);
    const badOff = await e.call('restartCapture', { session: noIcmp.id, protocols: { disabledHeuristics: ['nosuch'] } });
    expect(badOff.ok ? '' : badOff.error.message).toBe("restartCapture: Enabled Protocols: No such protocol nosuch, can't disable");
    await ok(e.call('stopCapture', { session: noIcmp.id }));
  });

  it('returns capture errors as values', async () => {
    requireCapture();
    const e = createEngine({ mode: 'inline' });
    engines.push(e);
    const bad = await e.call('startCapture', { interfaces: ['lo'], filter: 'icmp and' });
    expect(bad.ok ? '' : bad.error.code).toBe('capture');
    const gone = await e.call('startCapture', { interfaces: ['no-such-if0'], filter: '' });
    expect(gone.ok ? '' : gone.error.code).toBe('capture');
    const ring = await e.call('startCapture', { interfaces: ['lo'], filter: '', ring: { files: 2, filesizeKB: 10 } });
    expect(ring.ok ? '' : ring.error.code).toBe('capture');
    const f = await ok(e.call('checkCaptureFilter', { filter: 'tcp port 80' }));
    expect(f.ok).toBe(true);
    const g = await ok(e.call('checkCaptureFilter', { filter: 'tcp port' }));
    expect(g.ok).toBe(false);
    expect(g.message).toMatch(/syntax error|parse/);
    const info = await ok(e.call('openSample', {}));
    const notLive = await e.call('stopCapture', { session: info.id });
    expect(notLive.ok ? '' : notLive.error.code).toBe('capture');
  });
});
