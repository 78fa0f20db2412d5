/**
 * The desktop app's main process. Thin on purpose: windows, menus, dialogs, and routing between
 * the preload bridge and the engine host. What can be decided without Electron lives in plain
 * modules beside this one (window-options, menu-template, ipc-router, engine-client,
 * recent-files, argv, app-protocol) and is tested there; this file only wires them to Electron.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, isAbsolute, join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  utilityProcess,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import {
  CHANNEL_CALL,
  CHANNEL_COMMAND,
  CHANNEL_DROP,
  CHANNEL_EVENT,
  CHANNEL_READY,
  RENDERER_ACTIONS,
  type AppCommand,
  type RendererAction,
} from '../preload/bridge.js';
import { appUrlToFile, documentBody, responseHeaders } from './app-protocol.js';
import { filesFromArgv } from './argv.js';
import { CommandDelivery } from './command-delivery.js';
import { EngineClient, type EngineTransport } from './engine-client.js';
import { IpcRouter } from './ipc-router.js';
import { menuTemplate, type MenuAction, type MenuItemSpec } from './menu-template.js';
import { RecentFiles } from './recent-files.js';
import { APP_ENTRY_URL, APP_SCHEME, isAllowedNavigation, mainWindowOptions, permissionAllowed } from './window-options.js';

const APP_NAME = 'Packetloom';
/** dist/main: the preload and the engine host are built beside this file, the renderer one level up. */
const HERE = __dirname;
const RENDERER_ROOT = join(HERE, '..', 'renderer');
const PRELOAD = join(HERE, '..', 'preload', 'preload.cjs');
const ENGINE_HOST = join(HERE, 'engine-host.cjs');
const QUIT_GRACE_MS = 3000;
const CAPTURE_FILTERS = [
  { name: 'Capture files', extensions: ['pcapng', 'pcap', 'cap', 'dmp', 'gz'] },
  { name: 'All files', extensions: ['*'] },
];

app.setName(APP_NAME);

// The scheme must be registered before 'ready'. standard + secure: the renderer gets a real
// origin (app://packetloom) that the CSP's 'self' and main's sender checks can rely on.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it received our argv through 'second-instance' and opens the file.
  app.quit();
} else {
  run();
}

function run(): void {
  const windows = new Map<number, BrowserWindow>();
  const commands = new CommandDelivery({
    deliver: (id, command) => windows.get(id)?.webContents.send(CHANNEL_COMMAND, command),
    reloadWithOpen: (id, path) => {
      startupOpen = path;
      windows.get(id)?.webContents.reload();
    },
    setTimer: (callback, ms) => {
      const timer = setTimeout(callback, ms);
      return { cancel: () => clearTimeout(timer) };
    },
    now: () => Date.now(),
  });
  let recent: RecentFiles;
  let mainWindow: BrowserWindow | null = null;
  /** Session closes still running for windows that have closed (quitting waits for them). */
  const closing = new Set<Promise<void>>();
  const track = (p: Promise<void>): void => {
    closing.add(p);
    void p.finally(() => closing.delete(p));
  };
  const startupFiles = filesFromArgv({ argv: process.argv, cwd: process.cwd(), packaged: app.isPackaged });
  let startupOpen: string | null = null;

  const engine = new EngineClient({
    spawn: spawnEngineHost,
    onEvent: (message) => {
      const id = router.routeEvent(message);
      if (id !== null) windows.get(id)?.webContents.send(CHANNEL_EVENT, message);
    },
    onStopped: (reason) => {
      console.error(`packetloom: ${reason}`);
      for (const id of router.engineStopped()) send(id, { type: 'engine-restarted', reason });
    },
  });

  const router = new IpcRouter({
    engine,
    isAppWindow: (id) => windows.has(id),
    onFileOpened: (_id, info) => {
      recent.add(info.path);
      app.addRecentDocument(info.path);
      updateMenu();
    },
    onStateChange: () => updateMenu(),
  });

  function spawnEngineHost(): EngineTransport {
    const child = utilityProcess.fork(ENGINE_HOST, [], { serviceName: `${APP_NAME} engine`, stdio: 'inherit' });
    return {
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => {
        child.kill();
      },
    };
  }

  function send(id: number, command: AppCommand): void {
    if (windows.has(id)) commands.send(id, command);
  }

  function targetWindow(): BrowserWindow {
    const focused = BrowserWindow.getFocusedWindow();
    if (focused && windows.has(focused.webContents.id)) return focused;
    if (mainWindow && !mainWindow.isDestroyed()) return mainWindow;
    return createWindow();
  }

  function openFiles(paths: readonly string[]): void {
    const win = targetWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
    for (const path of paths) send(win.webContents.id, { type: 'open', path });
  }

  function createWindow(): BrowserWindow {
    const icon = join(HERE, '..', '..', 'build', 'icon.png');
    // Electronegativity reads option literals only, so it cannot see these, which come from
    // mainWindowOptions() (window-options.ts): test/electron/main/electronegativity.test.ts runs
    // it over that function's actual result instead, where every one of these checks passes.
    const options = mainWindowOptions({ preload: PRELOAD, ...(existsSync(icon) ? { icon } : {}) });
    const win = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK NODE_INTEGRATION_JS_CHECK AUXCLICK_JS_CHECK PRELOAD_JS_CHECK WEB_SECURITY_JS_CHECK INSECURE_CONTENT_JS_CHECK EXPERIMENTAL_FEATURES_JS_CHECK BLINK_FEATURES_JS_CHECK
    const id = win.webContents.id;
    windows.set(id, win);
    mainWindow ??= win;
    win.once('ready-to-show', () => win.show());
    win.webContents.on('did-start-loading', () => {
      // A (re)load replaces the renderer: the sessions it had open are closed.
      commands.loading(id);
      track(router.windowClosed(id));
    });
    win.webContents.on('did-finish-load', () => commands.loaded(id));
    // The page's process crashed or was killed: say so and offer a fresh page (its sessions are
    // closed by the reload; the engine, in its own process, is unaffected).
    win.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      void dialog
        .showMessageBox(win, {
          type: 'error',
          message: `The ${APP_NAME} window stopped working (${details.reason}).`,
          buttons: ['Reload', 'Close'],
          defaultId: 0,
        })
        .then(({ response }) => (response === 0 ? win.webContents.reload() : win.close()));
    });
    win.on('focus', () => updateMenu());
    win.on('closed', () => {
      windows.delete(id);
      commands.closed(id);
      if (mainWindow === win) mainWindow = [...windows.values()][0] ?? null;
      track(router.windowClosed(id));
    });
    void win.loadURL(APP_ENTRY_URL);
    return win;
  }

  async function runAction(action: MenuAction, spec: MenuItemSpec): Promise<void> {
    const win = targetWindow();
    const id = win.webContents.id;
    switch (action) {
      case 'file.open': {
        const picked = await dialog.showOpenDialog(win, { title: 'Open Capture File', properties: ['openFile'], filters: CAPTURE_FILTERS });
        if (!picked.canceled && picked.filePaths[0]) send(id, { type: 'open', path: picked.filePaths[0] });
        return;
      }
      case 'file.openRecent': {
        const path = spec.path ?? '';
        if (existsSync(path)) {
          send(id, { type: 'open', path });
        } else {
          recent.remove(path);
          updateMenu();
          await dialog.showMessageBox(win, { type: 'warning', message: `The file "${path}" does not exist any more.`, detail: 'It was removed from the recent files list.' });
        }
        return;
      }
      case 'file.clearRecent':
        recent.clear();
        app.clearRecentDocuments();
        updateMenu();
        return;
      case 'file.saveAs':
      case 'file.exportPackets': {
        const picked = await dialog.showSaveDialog(win, {
          title: action === 'file.saveAs' ? 'Save Capture File As' : 'Export Displayed Packets',
          filters: [
            { name: 'pcapng', extensions: ['pcapng'] },
            { name: 'pcap', extensions: ['pcap'] },
          ],
        });
        if (picked.canceled || !picked.filePath) return;
        const format = extname(picked.filePath).toLowerCase() === '.pcap' ? 'pcap' : 'pcapng';
        send(id, { type: action === 'file.saveAs' ? 'save-as' : 'export-packets', path: picked.filePath, format });
        return;
      }
      case 'file.exportDissections': {
        const picked = await dialog.showSaveDialog(win, {
          title: 'Export Packet Dissections (displayed packets)',
          filters: [
            { name: 'Plain text (packet details)', extensions: ['txt'] },
            { name: 'CSV (packet list)', extensions: ['csv'] },
            { name: 'JSON', extensions: ['json'] },
          ],
        });
        if (picked.canceled || !picked.filePath) return;
        const ext = extname(picked.filePath).toLowerCase();
        send(id, { type: 'export-dissections', path: picked.filePath, format: ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : 'text' });
        return;
      }
      case 'file.saveAllHttpObjects': {
        const picked = await dialog.showOpenDialog(win, { title: 'Save All HTTP Objects In…', properties: ['openDirectory', 'createDirectory'] });
        if (!picked.canceled && picked.filePaths[0]) send(id, { type: 'export-objects', proto: 'http', dir: picked.filePaths[0] });
        return;
      }
      case 'file.exportConversation': {
        const picked = await dialog.showSaveDialog(win, { title: 'Export Conversation as JSON', filters: [{ name: 'JSON', extensions: ['json'] }] });
        if (!picked.canceled && picked.filePath) send(id, { type: 'export-conversation', path: picked.filePath });
        return;
      }
      case 'help.about':
        await dialog.showMessageBox(win, {
          type: 'info',
          title: `About ${APP_NAME}`,
          message: `${APP_NAME} ${app.getVersion()}`,
          detail: `Packet capture and protocol analysis.\nElectron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}.`,
        });
        return;
      default:
        if ((RENDERER_ACTIONS as readonly string[]).includes(action)) send(id, { type: 'menu', action: action as RendererAction });
    }
  }

  function toElectron(items: readonly MenuItemSpec[]): MenuItemConstructorOptions[] {
    return items.map((spec) => {
      const item: MenuItemConstructorOptions = {};
      if (spec.label !== undefined) item.label = spec.label;
      if (spec.role) item.role = spec.role as MenuItemConstructorOptions['role'];
      if (spec.accelerator) item.accelerator = spec.accelerator;
      if (spec.registerAccelerator !== undefined) item.registerAccelerator = spec.registerAccelerator;
      if (spec.type) item.type = spec.type;
      if (spec.enabled !== undefined) item.enabled = spec.enabled;
      if (spec.checked !== undefined) item.checked = spec.checked;
      if (spec.submenu) item.submenu = toElectron(spec.submenu);
      const action = spec.action;
      if (action) {
        item.click = () => {
          runAction(action, spec).catch((err: unknown) => dialog.showErrorBox(APP_NAME, (err as Error)?.message ?? String(err)));
        };
      }
      return item;
    });
  }

  function updateMenu(): void {
    if (!app.isReady()) return;
    const focused = BrowserWindow.getFocusedWindow() ?? mainWindow;
    const state = focused && !focused.isDestroyed() ? router.stateOf(focused.webContents.id) : { hasSession: false, capturing: false, hasLiveSession: false };
    Menu.setApplicationMenu(Menu.buildFromTemplate(toElectron(menuTemplate({
      platform: process.platform,
      appName: APP_NAME,
      recent: recent.files,
      devTools: !app.isPackaged,
      ...state,
    }))));
  }

  function harden(contents: WebContents): void {
    const refuse = (event: { preventDefault(): void }, url: string): void => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    };
    contents.on('will-navigate', (event) => refuse(event, event.url));
    contents.on('will-frame-navigate', (event) => refuse(event, event.url));
    contents.on('will-redirect', (event) => refuse(event, event.url));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  }

  // A second launch (`packetloom-desktop other.pcap`) hands its argv here, then quits.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = filesFromArgv({ argv, cwd: workingDirectory, packaged: app.isPackaged });
    if (app.isReady()) {
      if (files.length) openFiles(files);
      else if (mainWindow) mainWindow.focus();
    } else {
      startupFiles.push(...files);
    }
  });
  // macOS: double-clicking a .pcap in Finder, or dropping it on the Dock icon.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) openFiles([path]);
    else startupFiles.push(path);
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (windows.size === 0) createWindow();
  });
  // Before the engine host goes, its sessions are closed, so that a running capture stops its
  // helper process and finishes its file instead of being cut off (at most QUIT_GRACE_MS).
  let readyToQuit = false;
  app.on('before-quit', (event) => {
    if (readyToQuit) return;
    event.preventDefault();
    const grace = new Promise<void>((done) => setTimeout(done, QUIT_GRACE_MS));
    void Promise.race([Promise.all([router.closeAll(), ...closing]), grace]).finally(() => {
      readyToQuit = true;
      app.quit();
    });
  });
  app.on('will-quit', () => engine.dispose());

  const senderOf = (event: Electron.IpcMainEvent | Electron.IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    return { webContentsId: event.sender.id, frameUrl: frame?.url ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame };
  };
  ipcMain.on(CHANNEL_READY, (event) => {
    if (!router.senderProblem(senderOf(event))) commands.ready(event.sender.id);
  });
  ipcMain.on(CHANNEL_DROP, (event, path: unknown) => {
    if (router.senderProblem(senderOf(event))) return;
    if (typeof path === 'string' && path.length > 0 && path.length < 4096 && isAbsolute(path)) send(event.sender.id, { type: 'open', path });
  });
  ipcMain.handle(CHANNEL_CALL, (event, method: unknown, params: unknown) => {
    return router.handleCall(senderOf(event), method, params);
  });

  void app.whenReady().then(() => {
    recent = new RecentFiles(join(app.getPath('userData'), 'recent-files.json'));
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
    ses.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
    // No remote content: every request that is not the app's own scheme (or devtools) is cancelled.
    ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file://*/*'] }, (_details, callback) =>
      callback({ cancel: true }),
    );
    protocol.handle(APP_SCHEME, async (request) => {
      const file = appUrlToFile(request.url, RENDERER_ROOT);
      if (!file) return new Response('Not found', { status: 404 });
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        return new Response(`Not found: ${basename(file)}${basename(file) === 'index.html' ? ' (the renderer is not built: run npm run build)' : ''}`, { status: 404 });
      }
      const nonce = randomBytes(16).toString('base64');
      // The first document served opens the first command-line file, as the browser mode does.
      const openPath = basename(file) === 'index.html' ? startupOpen : null;
      if (openPath) startupOpen = null;
      return new Response(documentBody(file, body, { nonce, openPath }), { headers: responseHeaders(file, nonce) });
    });
    engine.start();
    updateMenu();
    // The first file goes to the renderer as it starts; any further ones as "open" commands.
    startupOpen = startupFiles.shift() ?? null;
    createWindow();
    if (startupFiles.length) openFiles(startupFiles.splice(0));
  });
}
