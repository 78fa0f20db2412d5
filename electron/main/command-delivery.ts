/**
 * Getting app commands (menu actions, files to open) to a window's renderer, whatever state it
 * is in: loading (queued), loaded but not yet listening (queued a moment), listening
 * (delivered). A renderer signals it listens when it first subscribes with
 * `window.packetloom.onCommand` (the bridge sends CHANNEL_READY).
 *
 * A renderer that never subscribes still opens files: an "open" it has not taken within
 * READY_GRACE_MS is carried out by reloading the window with the file as its start-up hint
 * (the packetloom-open meta tag every renderer version reads) — File ▸ Open replaces the
 * capture shown, as in Wireshark. Other commands wait for a listener.
 */
import type { AppCommand } from '../preload/bridge.js';

export const READY_GRACE_MS = 3000;

export interface DeliveryDeps {
  deliver(windowId: number, command: AppCommand): void;
  reloadWithOpen(windowId: number, path: string): void;
  setTimer(callback: () => void, ms: number): { cancel(): void };
  now(): number;
}

interface WindowCommands {
  loaded: boolean;
  loadedAt: number;
  ready: boolean;
  queue: AppCommand[];
  timer: { cancel(): void } | null;
}

export class CommandDelivery {
  private readonly windows = new Map<number, WindowCommands>();

  constructor(private readonly deps: DeliveryDeps, private readonly graceMs = READY_GRACE_MS) {}

  private state(id: number): WindowCommands {
    let s = this.windows.get(id);
    if (!s) this.windows.set(id, (s = { loaded: false, loadedAt: 0, ready: false, queue: [], timer: null }));
    return s;
  }

  /** The window started (re)loading its document: the old renderer and its listeners are gone. */
  loading(id: number): void {
    const s = this.state(id);
    s.loaded = false;
    s.ready = false;
    s.timer?.cancel();
    s.timer = null;
  }

  /** The document finished loading; its renderer may subscribe shortly. */
  loaded(id: number): void {
    const s = this.state(id);
    s.loaded = true;
    s.loadedAt = this.deps.now();
    this.armFallback(id, s);
  }

  /** The renderer subscribed to commands: everything queued goes now. */
  ready(id: number): void {
    const s = this.state(id);
    s.ready = true;
    s.timer?.cancel();
    s.timer = null;
    for (const command of s.queue.splice(0)) this.deps.deliver(id, command);
  }

  send(id: number, command: AppCommand): void {
    const s = this.state(id);
    if (s.ready) {
      this.deps.deliver(id, command);
      return;
    }
    s.queue.push(command);
    if (s.loaded) this.armFallback(id, s);
  }

  closed(id: number): void {
    this.windows.get(id)?.timer?.cancel();
    this.windows.delete(id);
  }

  private armFallback(id: number, s: WindowCommands): void {
    if (s.timer || s.ready || !s.queue.some((c) => c.type === 'open')) return;
    // A renderer that has had its grace time since loading is not going to subscribe: act now.
    const wait = Math.max(0, this.graceMs - (this.deps.now() - s.loadedAt));
    s.timer = this.deps.setTimer(() => {
      s.timer = null;
      if (s.ready) return;
      // The last file asked for wins; the other commands belonged to the page being replaced.
      const open = [...s.queue].reverse().find((c): c is Extract<AppCommand, { type: 'open' }> => c.type === 'open');
      s.queue = [];
      if (open) this.deps.reloadWithOpen(id, open.path);
    }, wait);
  }
}
