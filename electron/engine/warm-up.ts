/**
 * The JIT warm-up of a session worker that waits for its file (worker.ts): a small capture of
 * mixed traffic (mixed-traffic.ts: TCP with HTTP, DNS, ARP, ICMP, IPv6) goes through a
 * throwaway Session's index pass, so that V8 has optimized the dissectors before a file comes.
 *
 * Why: a fresh thread runs the dissectors in the interpreter first, then spends CPU compiling them
 * (some 700 functions). Measured through the engine on a 2-core machine (medians of 5-6 runs): a
 * 50,000-packet file indexed in 0.82 s cold and 0.50-0.60 s after the warm-up; 200,000 packets in
 * 1.5-1.8 s cold, 0.2-0.3 s less after it. A 20,000-packet warm-up takes about 1 CPU second, on
 * the spare worker while the app waits; a bigger one brought little more.
 *
 * The work goes in slices (`step`) between which the worker answers messages: a file that
 * arrives stops the warm-up at once (`stop`), and the session starts with whatever is warm by
 * then. The throwaway session keeps no state outside itself (its TCP tap is removed at the end).
 */
import { createReader } from '../../dissectors/capture/open.js';
import type { CaptureReader } from '../../dissectors/capture/types.js';
import { writeMixedTraffic } from './mixed-traffic.js';
import { Session } from './session.js';

/** Packets of the warm-up capture (about 7.5 MiB, held only while it runs). */
export const WARM_UP_PACKETS = 20_000;
/** Not the benchmark's seed: other hosts, names and timings than the bench file's. */
const WARM_UP_SEED = 0x77a2_11e5;
/** Longest slice of work between two looks at the event loop. */
const SLICE_MS = 10;

export class WarmUp {
  private reader: CaptureReader | null;
  private session: Session | null;
  /** Told once how the warm-up ended (run). */
  private onEnd: ((finished: boolean) => void) | null = null;
  /** Packets indexed so far. */
  packets = 0;

  constructor(packets = WARM_UP_PACKETS, seed = WARM_UP_SEED) {
    // The writer reuses its buffer after each piece: the reader gets copies.
    const pieces: Uint8Array[] = [];
    writeMixedTraffic((b) => pieces.push(b.slice()), packets, seed);
    const r = createReader(pieces[0]!);
    if (!('push' in r)) throw new Error(`warm-up capture: ${r.message}`);
    for (let i = 1; i < pieces.length; i++) r.push(pieces[i]!);
    r.end();
    r.views = false;
    this.reader = r;
    this.session = new Session({ id: 'warm-up', kind: 'file', path: '', name: 'warm-up', noFile: true });
  }

  /** True until the whole capture has been indexed (or the warm-up was stopped). */
  get running(): boolean {
    return this.reader !== null;
  }

  /** Indexes packets for about SLICE_MS; returns `running`. */
  step(): boolean {
    const r = this.reader;
    const s = this.session;
    if (r === null || s === null) return false;
    const until = performance.now() + SLICE_MS;
    for (;;) {
      const rec = r.next();
      if (rec === null) {
        s.finish('done');
        this.release();
        return false;
      }
      const b = r.bytes!;
      s.add(rec, b.buf, b.start, b.end, r.meta);
      this.packets++;
      if ((this.packets & 255) === 0 && performance.now() >= until) return true;
    }
  }

  /**
   * Runs the whole warm-up in slices (setImmediate between them, so that the thread answers
   * messages); `onEnd` is told once: true when every packet was indexed, false when it was
   * stopped or failed.
   */
  run(onEnd: (finished: boolean) => void): this {
    this.onEnd = onEnd;
    const slice = () => {
      if (!this.running) return;
      let more: boolean;
      try {
        more = this.step();
      } catch {
        this.stop();
        return;
      }
      if (more) setImmediate(slice);
      else this.end(true);
    };
    setImmediate(slice);
    return this;
  }

  /** Ends the warm-up where it is and lets its capture and session go. */
  stop(): void {
    this.release();
    this.end(false);
  }

  private release(): void {
    this.session?.close();
    this.session = null;
    this.reader = null;
  }

  private end(finished: boolean): void {
    const f = this.onEnd;
    this.onEnd = null;
    f?.(finished);
  }
}
