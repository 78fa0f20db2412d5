/**
 * The built preload (dist/preload/preload.cjs) run with a stand-in `electron` and window: it
 * exposes exactly the four members of window.packetloom, and a dropped file becomes one message
 * to main. It must be self-contained (a sandboxed preload can require only `electron`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_CALL, CHANNEL_DROP, CHANNEL_READY } from '../../../electron/preload/bridge.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const PRELOAD = join(ROOT, 'dist/preload/preload.cjs');

describe('preload bundle', () => {
  const exposed = new Map<string, any>();
  const sent: unknown[][] = [];
  const invoked: unknown[][] = [];
  const listeners = new Map<string, (e: unknown) => void>();
  const required: string[] = [];

  beforeAll(() => {
    if (!existsSync(PRELOAD)) expect(spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' }).status).toBe(0);
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: {} }),
        send: (...args: unknown[]) => sent.push(args),
        on: () => {},
      },
      webUtils: { getPathForFile: (f: { path: string }) => f.path },
    };
    const sandbox = {
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return electron;
      },
      addEventListener: (type: string, l: (e: unknown) => void) => listeners.set(type, l),
      console,
    };
    runInNewContext(readFileSync(PRELOAD, 'utf8'), { ...sandbox, globalThis: sandbox, window: sandbox });
  });

  it('requires nothing but electron', () => {
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes window.packetloom with call, on, onCommand and kind only', async () => {
    expect([...exposed.keys()]).toEqual(['packetloom']);
    const api = exposed.get('packetloom');
    expect(Object.keys(api).sort()).toEqual(['call', 'kind', 'on', 'onCommand']);
    expect(api.kind).toBe('desktop');
    expect(await api.call('hello', {})).toEqual({ ok: true, value: {} });
    expect(invoked).toEqual([[CHANNEL_CALL, 'hello', {}]]);
    expect(await api.call('require', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    api.onCommand(() => {});
    expect(sent).toContainEqual([CHANNEL_READY]);
  });

  it('turns a dropped file into one message to main, and keeps the page from navigating', () => {
    let prevented = 0;
    const preventDefault = () => prevented++;
    listeners.get('dragover')!({ preventDefault });
    listeners.get('drop')!({ preventDefault, dataTransfer: { files: [{ path: '/caps/dropped.pcapng' }, { path: '' }] } });
    listeners.get('drop')!({ preventDefault, dataTransfer: null });
    expect(prevented).toBe(3);
    expect(sent.filter(([c]) => c === CHANNEL_DROP)).toEqual([[CHANNEL_DROP, '/caps/dropped.pcapng']]);
  });
});
