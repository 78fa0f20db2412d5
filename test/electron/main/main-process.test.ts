/**
 * The main process entry (dist/main/main.cjs, as built) run under Node with a stand-in for the
 * `electron` module — Electron's binary cannot be fetched here. The stand-in records what main
 * asks of Electron and lets the test play Electron's part: the ready event, the renderer's IPC
 * messages, menu clicks, dialogs, a second launch, quitting. The engine host is the real one
 * (dist/main/engine-host.cjs), forked as a Node child where Electron would start a utility
 * process. What this checks is main.ts's wiring; Electron's own behaviour is not simulated.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_CALL, CHANNEL_COMMAND, CHANNEL_DROP, CHANNEL_READY } from '../../../electron/preload/bridge.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = join(ROOT, 'dist/main/main.cjs');
const CAPTURE = join(ROOT, 'fixtures/own/handshake-http.pcapng');
const USER_DATA = mkdtempSync(join(tmpdir(), 'pl-userdata-'));

// ---------------------------------------------------------------------------------------------
// The stand-in for `electron`

interface MenuItem { label?: string; role?: string; accelerator?: string; enabled?: boolean; registerAccelerator?: boolean; click?: () => void; submenu?: MenuItem[] }

let nextContentsId = 1;
class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: [string, unknown][] = [];
  readonly mainFrame = { url: '' };
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  reloads = 0;
  send(channel: string, message: unknown): void {
    this.sent.push([channel, message]);
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  reload(): void {
    this.reloads++;
  }
}

class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.all.at(-1) ?? null;
  }
  readonly webContents = new FakeWebContents();
  loadedUrl = '';
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.all.push(this);
    electron.app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    this.webContents.emit('did-start-loading');
    this.webContents.emit('did-finish-load');
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return false;
  }
  closed = false;
  close(): void {
    this.closed = true;
  }
}

const hosts: ChildProcess[] = [];
let readyResolve: () => void = () => {};
const electron = {
  app: Object.assign(new EventEmitter(), {
    isPackaged: false,
    ready: false,
    quits: 0,
    recentDocs: [] as string[],
    setName(_n: string) {},
    getVersion: () => '0.1.0',
    getPath: (_n: string) => USER_DATA,
    requestSingleInstanceLock: () => true,
    whenReady: () => new Promise<void>((r) => (readyResolve = r)),
    isReady: () => electron.app.ready,
    quit() {
      electron.app.quits++;
    },
    addRecentDocument(p: string) {
      electron.app.recentDocs.push(p);
    },
    clearRecentDocuments() {},
  }),
  BrowserWindow: FakeBrowserWindow,
  ipcMain: Object.assign(new EventEmitter(), {
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) {
      electron.ipcMain.handlers.set(channel, fn);
    },
  }),
  Menu: {
    current: [] as MenuItem[],
    buildFromTemplate: (t: MenuItem[]) => t,
    setApplicationMenu(m: MenuItem[]) {
      electron.Menu.current = m;
    },
  },
  dialog: {
    nextOpen: '' as string,
    async showOpenDialog() {
      return { canceled: !electron.dialog.nextOpen, filePaths: [electron.dialog.nextOpen] };
    },
    nextSave: '' as string,
    async showSaveDialog() {
      const name = electron.dialog.nextSave || 'saved.pcap';
      electron.dialog.nextSave = '';
      return { canceled: false, filePath: join(USER_DATA, name) };
    },
    messages: [] as unknown[],
    async showMessageBox(_w: unknown, options: unknown) {
      electron.dialog.messages.push(options);
      return { response: 0 };
    },
    showErrorBox(_t: string, message: string) {
      throw new Error(`showErrorBox: ${message}`);
    },
  },
  protocol: {
    schemes: [] as unknown[],
    handlers: new Map<string, (r: { url: string }) => Promise<Response>>(),
    registerSchemesAsPrivileged(s: unknown[]) {
      electron.protocol.schemes.push(...s);
    },
    handle(scheme: string, fn: (r: { url: string }) => Promise<Response>) {
      electron.protocol.handlers.set(scheme, fn);
    },
  },
  session: {
    defaultSession: {
      permissionRequest: null as null | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
      permissionCheck: null as null | ((c: unknown, p: string) => boolean),
      blocked: null as null | { filter: { urls: string[] }; fn: (d: unknown, cb: (r: { cancel: boolean }) => void) => void },
      setPermissionRequestHandler(fn: any) {
        this.permissionRequest = fn;
      },
      setPermissionCheckHandler(fn: any) {
        this.permissionCheck = fn;
      },
      webRequest: {
        onBeforeRequest(filter: { urls: string[] }, fn: any) {
          electron.session.defaultSession.blocked = { filter, fn };
        },
      },
    },
  },
  utilityProcess: {
    forked: [] as string[],
    fork(path: string) {
      electron.utilityProcess.forked.push(path);
      const child = fork(path, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      hosts.push(child);
      return {
        postMessage: (m: unknown) => child.send(m as object),
        on(event: string, listener: (...a: any[]) => void) {
          child.on(event, listener);
          return this;
        },
        kill: () => child.kill(),
      };
    },
  },
};

// ---------------------------------------------------------------------------------------------

function senderEvent(win: FakeBrowserWindow, url = win.webContents.mainFrame.url) {
  const frame = url === win.webContents.mainFrame.url ? win.webContents.mainFrame : { url };
  return { sender: win.webContents, senderFrame: frame };
}

function findItem(items: MenuItem[], label: string): MenuItem {
  for (const it of items) {
    if (it.label?.replace(/&/g, '').replace('…', '') === label) return it;
    if (it.submenu) {
      try {
        return findItem(it.submenu, label);
      } catch {
        // not in this submenu
      }
    }
  }
  throw new Error(`no menu item ${label}`);
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('main process (dist/main/main.cjs) with a stand-in Electron', () => {
  let win: FakeBrowserWindow;
  const argv = process.argv;

  beforeAll(async () => {
    if (!['dist/main/main.cjs', 'dist/main/engine-host.cjs', 'dist/main/engine-host.js', 'dist/engine-worker.js', 'dist/preload/preload.cjs'].every((f) => existsSync(join(ROOT, f)))) {
      expect(spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' }).status).toBe(0);
    }
    const load = (Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown })._load;
    (Module as unknown as { _load: unknown })._load = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? electron : load.call(this, request, ...rest);
    };
    // As `electron dist/main/main.cjs capture.pcapng` would start it.
    process.argv = ['/x/electron', MAIN, CAPTURE];
    createRequire(import.meta.url)(MAIN);
    process.argv = argv;
    electron.app.ready = true;
    readyResolve();
    await tick(10);
    win = FakeBrowserWindow.all[0]!;
  });

  afterAll(() => {
    for (const h of hosts) if (h.exitCode === null) h.kill();
  });

  it('registers app:// as a privileged scheme and opens one hardened window on it', () => {
    expect(electron.protocol.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(FakeBrowserWindow.all).toHaveLength(1);
    expect(win.loadedUrl).toBe('app://packetloom/index.html');
    const web = win.options.webPreferences;
    expect(web).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(web.preload).toBe(join(ROOT, 'dist/preload/preload.cjs'));
    expect(existsSync(web.preload)).toBe(true);
  });

  it('starts the engine host from dist/main/engine-host.cjs', () => {
    expect(electron.utilityProcess.forked).toEqual([join(ROOT, 'dist/main/engine-host.cjs')]);
  });

  it('serves the renderer with the CSP and the command-line file as the start-up hint, once', async () => {
    const handler = electron.protocol.handlers.get('app')!;
    const first = await handler({ url: 'app://packetloom/index.html' });
    expect(first.status).toBe(200);
    const csp = first.headers.get('content-security-policy')!;
    const html = await first.text();
    const nonce = /packetloom-csp-nonce" content="([^"]+)"/.exec(html)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain(`'nonce-${nonce}'`);
    expect(html).toContain(`<meta name="packetloom-open" content="${CAPTURE}">`);
    const again = await (await handler({ url: 'app://packetloom/index.html' })).text();
    expect(again).not.toContain('packetloom-open');
    expect((await handler({ url: 'app://packetloom/app.js' })).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handler({ url: 'app://packetloom/no-such.js' })).status).toBe(404);
    expect((await handler({ url: 'app://elsewhere/index.html' })).status).toBe(404);
  });

  it('denies permissions and cancels network and file requests', () => {
    const ses = electron.session.defaultSession;
    let granted: boolean | undefined;
    ses.permissionRequest!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(ses.permissionCheck!({}, 'notifications')).toBe(false);
    expect(ses.blocked!.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    let cancelled: boolean | undefined;
    ses.blocked!.fn({ url: 'https://example.com/' }, (r) => (cancelled = r.cancel));
    expect(cancelled).toBe(true);
  });

  it('refuses navigation away from the app and every new window', () => {
    const contents = win.webContents;
    for (const [url, refused] of [['https://evil.example/', true], ['file:///etc/passwd', true], ['app://packetloom/index.html', false]] as const) {
      let prevented = false;
      contents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
      expect(prevented, url).toBe(refused);
    }
    let attach = false;
    contents.emit('will-attach-webview', { preventDefault: () => (attach = true) });
    expect(attach).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('routes calls from the window to the real engine and refuses other senders', async () => {
    const call = electron.ipcMain.handlers.get(CHANNEL_CALL)!;
    expect(await call(senderEvent(win), 'hello', {})).toMatchObject({ ok: true, value: { version: 1 } });
    expect(await call(senderEvent(win, 'https://evil.example/'), 'hello', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call(senderEvent(win), 'shell', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('opening a file adds it to Open Recent and enables Save As', async () => {
    const call = electron.ipcMain.handlers.get(CHANNEL_CALL)!;
    expect(findItem(electron.Menu.current, 'Save As').enabled).toBe(false);
    const opened = (await call(senderEvent(win), 'openFile', { path: CAPTURE })) as { ok: boolean };
    expect(opened.ok).toBe(true);
    expect(electron.app.recentDocs).toEqual([CAPTURE]);
    const recent = findItem(electron.Menu.current, 'Open Recent').submenu!;
    expect(recent[0]!.label).toBe(`&1 ${CAPTURE}`);
    expect(findItem(electron.Menu.current, 'Save As').enabled).not.toBe(false);
  });

  it('delivers menu and file commands once the renderer listens', async () => {
    electron.ipcMain.emit(CHANNEL_READY, senderEvent(win));
    electron.dialog.nextOpen = CAPTURE;
    findItem(electron.Menu.current, 'Open').click!();
    await tick(10);
    findItem(electron.Menu.current, 'Follow TCP Stream').click!();
    findItem(electron.Menu.current, 'Save As').click!();
    await tick(10);
    // Export Packet Dissections: the format from the file name chosen.
    for (const name of ['dissections.csv', 'dissections.json', 'dissections.txt']) {
      electron.dialog.nextSave = name;
      findItem(electron.Menu.current, 'Export Packet Dissections').click!();
      await tick(10);
    }
    // File › Export Objects: the list is the renderer's; Save All asks main for a folder.
    findItem(electron.Menu.current, 'HTTP').click!();
    electron.dialog.nextOpen = USER_DATA;
    findItem(electron.Menu.current, 'Save All HTTP Objects').click!();
    await tick(10);
    const commands = win.webContents.sent.filter(([c]) => c === CHANNEL_COMMAND).map(([, m]) => m);
    expect(commands).toEqual([
      { type: 'open', path: CAPTURE },
      { type: 'menu', action: 'analyze.followTcp' },
      { type: 'save-as', path: join(USER_DATA, 'saved.pcap'), format: 'pcap' },
      { type: 'export-dissections', path: join(USER_DATA, 'dissections.csv'), format: 'csv' },
      { type: 'export-dissections', path: join(USER_DATA, 'dissections.json'), format: 'json' },
      { type: 'export-dissections', path: join(USER_DATA, 'dissections.txt'), format: 'text' },
      { type: 'menu', action: 'file.exportObjectsHttp' },
      { type: 'export-objects', proto: 'http', dir: USER_DATA },
    ]);
  });

  it('opens a dropped file (absolute paths from the window only) and a second launch\'s file', async () => {
    const before = win.webContents.sent.length;
    electron.ipcMain.emit(CHANNEL_DROP, senderEvent(win), '/caps/dropped.pcap');
    electron.ipcMain.emit(CHANNEL_DROP, senderEvent(win), 'relative.pcap');
    electron.ipcMain.emit(CHANNEL_DROP, senderEvent(win, 'https://evil.example/'), '/caps/evil.pcap');
    electron.app.emit('second-instance', {}, ['/x/electron', MAIN, '--some-switch', 'other.pcapng'], '/home/u');
    const commands = win.webContents.sent.slice(before).map(([, m]) => m);
    expect(commands).toEqual([
      { type: 'open', path: '/caps/dropped.pcap' },
      { type: 'open', path: '/home/u/other.pcapng' },
    ]);
  });

  it('offers to reload a window whose page process crashed', async () => {
    const reloads = win.webContents.reloads;
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await tick(10);
    expect(electron.dialog.messages).toHaveLength(0);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await tick(10);
    expect(electron.dialog.messages).toEqual([expect.objectContaining({ type: 'error', message: expect.stringContaining('(crashed)') })]);
    expect(win.webContents.reloads).toBe(reloads + 1);
  });

  it('quits only after closing the sessions, then stops the engine host', async () => {
    let prevented = false;
    electron.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    for (let i = 0; i < 100 && electron.app.quits === 0; i++) await tick(20);
    expect(electron.app.quits).toBe(1);
    const host = hosts.at(-1)!;
    electron.app.emit('will-quit');
    for (let i = 0; i < 100 && host.exitCode === null && host.signalCode === null; i++) await tick(20);
    expect(host.exitCode !== null || host.signalCode !== null).toBe(true);
  });
});
