import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  contentSecurityPolicy,
  isAllowedNavigation,
  isAppUrl,
  mainWindowOptions,
  permissionAllowed,
} from '../../../electron/main/window-options.js';

describe('main window options', () => {
  const options = mainWindowOptions({ preload: '/app/dist/preload/preload.cjs' });
  const web = options.webPreferences!;

  it('isolates and sandboxes the renderer, without Node', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and every risky feature off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.enableBlinkFeatures).toBeUndefined();
    expect(web.disableBlinkFeatures).toBe('Auxclick');
    expect(web.preload).toBe('/app/dist/preload/preload.cjs');
  });

  it('opens hidden until the first paint', () => {
    expect(options.show).toBe(false);
  });
});

describe('content security policy', () => {
  const policy = contentSecurityPolicy('bm9uY2U=');
  const directives = new Map<string, string[]>(policy.split(';').map((d): [string, string[]] => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values];
  }));

  it('denies by default and allows scripts from the app only', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('allows <style> elements only with the response\'s nonce', () => {
    expect(directives.get('style-src')).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(contentSecurityPolicy('b3RoZXI=')).toContain("'nonce-b3RoZXI='");
    // Inline styles only as attributes (ag-grid's templates), which cannot run script.
    expect(policy.match(/'unsafe-inline'/g)).toHaveLength(1);
    expect(directives.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  });

  it('allows no network, frames, plugins, base or forms', () => {
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });
});

describe('navigation and origin checks', () => {
  it('knows the app origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://packetloom/assets/main.js')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://user:pw@packetloom/index.html')).toBe(false);
    expect(isAppUrl('https://packetloom/index.html')).toBe(false);
    expect(isAppUrl('file:///app/dist/renderer/index.html')).toBe(false);
    expect(isAppUrl('about:blank')).toBe(false);
    expect(isAppUrl('')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('allows only (re)loading the entry document', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('app://packetloom/')).toBe(true);
    expect(isAllowedNavigation('app://packetloom/index.html#packet-5')).toBe(true);
    expect(isAllowedNavigation('app://packetloom/other.html')).toBe(false);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('file:///tmp/capture.pcap')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });

  it('denies every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(permissionAllowed(p)).toBe(false);
    }
  });
});
