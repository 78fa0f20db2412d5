/**
 * Half-open connections counted per server address and port over a sliding time window. A
 * connection is half-open from its first SYN until the handshake completes or it is reset or
 * closed. When the count for one server goes above the threshold, the packet where it crossed
 * gets a "possible SYN flood" warning; the alarm re-arms once the count falls back to the
 * threshold or below.
 */

export interface SynFloodOptions {
  /** Window length in seconds (default 10). */
  windowSec?: number;
  /** Alert above this many half-open connections to one server within the window (default 100). */
  threshold?: number;
}

export const SYN_FLOOD_DEFAULTS = { windowSec: 10, threshold: 100 } as const;

interface ServerWindow {
  /** SYN times and streams, oldest first; `head` is the first live entry. */
  times: number[];
  streams: number[];
  head: number;
  /** Half-open streams still inside the window (each such stream has its key in streamServer). */
  open: number;
  alarmed: boolean;
}

/** What syn() returns: one object, valid until the next call. */
export interface SynResult {
  count: number;
  crossed: boolean;
}

export class HalfOpenMonitor {
  readonly windowSec: number;
  readonly threshold: number;
  /** By server key: a string, or a number where the caller can make one (cheaper to hash). */
  private servers = new Map<string | number, ServerWindow>();
  /**
   * Server key of each half-open stream (to resolve it), by stream number (dense): no map entry
   * made and deleted per connection.
   */
  private streamServer: (string | number | undefined)[] = [];
  private readonly result: SynResult = { count: 0, crossed: false };

  constructor(opts: SynFloodOptions = {}) {
    this.windowSec = opts.windowSec ?? SYN_FLOOD_DEFAULTS.windowSec;
    this.threshold = opts.threshold ?? SYN_FLOOD_DEFAULTS.threshold;
  }

  /** The end of the last pass: the windows and the half-open streams go (no SYN comes any more). */
  release(): void {
    this.servers = new Map();
    this.streamServer = [];
  }

  /**
   * A new connection attempt (first SYN of a stream) to `server` at time `t` (seconds). Returns the
   * half-open count for that server after it, negated when this SYN crossed the threshold.
   */
  syn(server: string | number, stream: number, t: number): SynResult {
    let w = this.servers.get(server);
    if (!w) {
      w = { times: [], streams: [], head: 0, open: 0, alarmed: false };
      this.servers.set(server, w);
    }
    this.expire(w, t);
    w.times.push(t);
    w.streams.push(stream);
    if (this.streamServer[stream] === undefined) w.open++;
    while (this.streamServer.length < stream) this.streamServer.push(undefined);
    this.streamServer[stream] = server;
    const count = w.open;
    let crossed = false;
    if (count > this.threshold && !w.alarmed) {
      w.alarmed = true;
      crossed = true;
    } else if (count <= this.threshold) {
      w.alarmed = false;
    }
    const r = this.result;
    r.count = count;
    r.crossed = crossed;
    return r;
  }

  /** The stream is no longer half-open (established, reset or closed). */
  resolve(stream: number): void {
    const server = this.streamServer[stream];
    if (server === undefined) return;
    this.streamServer[stream] = undefined;
    const w = this.servers.get(server);
    if (!w) return;
    w.open--;
    if (w.open <= this.threshold) w.alarmed = false;
  }

  /** Half-open connections to `server` now (as of the last SYN seen for it). */
  count(server: string | number): number {
    return this.servers.get(server)?.open ?? 0;
  }

  /** Every server with its current half-open count (for a live table). */
  counts(): Map<string | number, number> {
    const m = new Map<string | number, number>();
    for (const [k, w] of this.servers) if (w.open) m.set(k, w.open);
    return m;
  }

  private expire(w: ServerWindow, t: number): void {
    const from = t - this.windowSec;
    while (w.head < w.times.length && w.times[w.head]! < from) {
      const s = w.streams[w.head]!;
      if (this.streamServer[s] !== undefined) {
        w.open--;
        this.streamServer[s] = undefined;
      }
      w.head++;
    }
    // Compact now and then so memory stays bounded by the window.
    if (w.head > 1024 && w.head * 2 > w.times.length) {
      w.times = w.times.slice(w.head);
      w.streams = w.streams.slice(w.head);
      w.head = 0;
    }
  }
}
