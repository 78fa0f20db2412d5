/**
 * The main window's options and the security policy that goes with them, as plain data so that
 * tests check them without Electron.
 *
 * The renderer is served from the app's own scheme (see app-protocol.ts), never from the
 * network: `app://packetloom/index.html`. Everything else — navigation elsewhere, new windows,
 * permission prompts, remote content — is refused by the main process.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** The custom scheme the renderer is loaded from, and its one host. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'packetloom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Content-Security-Policy for every document the app serves (sent as a header by the app://
 * protocol, app-protocol.ts): only the app's own scripts, no eval, no inline scripts, no
 * network, no frames, no plugins, no forms. The same policy as the browser mode's
 * (electron/server/server.ts) plus the directives a desktop window can add.
 *
 * `nonce` is fresh for each response: ag-grid injects its structural CSS as <style> elements,
 * which carry the nonce (the renderer reads it from the packetloom-csp-nonce meta tag).
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    // ag-grid templates carry style="" attributes; those cannot run script.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload script (dist/preload/preload.cjs). */
  preload: string;
  /** Window icon (ignored on macOS, where the bundle's icon is used). */
  icon?: string;
  title?: string;
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 640,
    minHeight: 400,
    title: input.title ?? 'Packetloom',
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#1e1e1e',
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would otherwise open links in new windows (refused anyway: defence in depth).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      // Dropping a file must not navigate the window to it: the preload turns drops into "open".
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: true,
    },
  };
}

/**
 * Whether a frame URL is the app's own document. Only such frames may call the engine; anything
 * else (about:blank, file:, http:, a devtools extension) is refused.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * Navigation policy (`will-navigate`, `will-redirect`, `will-frame-navigate`): the window stays
 * on the app's own entry document. A reload of that document is allowed; every other target is
 * refused — remote pages, file: URLs (a dropped file), other app paths.
 */
export function isAllowedNavigation(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const parsed = new URL(url);
  return parsed.pathname === '/' || parsed.pathname === '/index.html';
}

/** Permission requests and checks (camera, notifications, geolocation, clipboard-read, …): all denied. */
export function permissionAllowed(_permission: string): false {
  return false;
}
