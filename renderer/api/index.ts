/**
 * Picks the transport at start: the Electron preload's bridge (`window.packetloom`) when it is
 * there, else the browser mode's WebSocket. The UI only ever sees a SessionApi.
 */
import type { SessionApi } from '../../electron/api/contract.js';
import { WebSocketApi } from './websocket.js';

declare global {
  interface Window {
    packetloom?: SessionApi;
  }
}

export type Mode = 'electron' | 'browser';

export function pickApi(win: Window): { api: SessionApi; mode: Mode } {
  const bridge = win.packetloom;
  if (bridge && typeof bridge.call === 'function' && typeof bridge.on === 'function') return { api: bridge, mode: 'electron' };
  return { api: WebSocketApi.forLocation(win.location), mode: 'browser' };
}

/** Startup hints the page carries (set by the browser-mode server, or the Electron main process). */
export function metaContent(doc: Document, name: string): string | null {
  return doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null;
}
