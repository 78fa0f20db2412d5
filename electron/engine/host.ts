/**
 * The session side of the engine: opens one capture session and answers the session methods on
 * it. The same host runs inside a worker thread (worker.ts, the default: indexing and
 * re-dissection never block the process that talks to the faces) or inline in the engine's own
 * thread (tests, or where no worker bundle exists). Methods throw EngineError for bad requests.
 */
import { loadHostNames } from './hosts-file.js';
import type { CaptureOptions, DecodeAsEntry, EnabledProtocols, Events, Method, SessionInfo, SessionStatus } from '../api/contract.js';
import { CaptureError, startCapture, type CaptureStopped, type LiveCapture } from '../capture/client.js';
import { EngineError } from './errors.js';
import { FileIndexer, type IndexerOptions } from './file-indexer.js';
import { Session } from './session.js';
import { sessionViews } from './views.js';

/** Longest a rows/packet call indexes before answering with what there is. */
const PUMP_MS = 250;

export interface OpenRequest {
  id: string;
  path: string;
  name: string;
  /** Decode As for every packet (checked by the engine: dissectors/decode-as.ts checkDecodeAs). */
  decodeAs?: DecodeAsEntry[];
  /** Protocols and heuristics switched off (checked by the engine: dissectors/enabled-protocols.ts). */
  protocols?: EnabledProtocols;
  statusIntervalMs?: number;
  indexer?: IndexerOptions;
}

/** A live capture to start (its session indexes the capture's write-through pcapng as it grows). */
export interface LiveRequest {
  id: string;
  options: CaptureOptions;
  statusIntervalMs?: number;
  indexer?: IndexerOptions;
}

export type CaptureStoppedEvent = Events['captureStopped'];

export class SessionHost {
  readonly session: Session;
  private readonly indexer: FileIndexer;
  private finished = false;
  private readonly waiters: (() => void)[] = [];
  /** The live capture feeding this session, while it runs. */
  private capture: LiveCapture | null = null;
  private stoppedInfo: CaptureStopped | null = null;
  private received = 0;
  private dropped = 0;

  /** Opens the file (throws EngineError 'file' when it is not a capture) and starts indexing. */
  constructor(req: OpenRequest, onStatus: (s: SessionStatus) => void, kind: 'file' | 'live' = 'file') {
    this.indexer = new FileIndexer(req.path, { ...req.indexer, growing: kind === 'live' });
    this.session = new Session({ id: req.id, kind, path: req.path, name: req.name, decodeAs: req.decodeAs, protocols: req.protocols, onStatus: (st) => onStatus(this.withCounts(st)), statusIntervalMs: req.statusIntervalMs }, this.indexer.size);
    // Host names: the personal hosts file's, the capture's NRBs and DNS answers (learned as
    // Wireshark learns them by default), shown once the app turns network names on (setNameResolution).
    this.session.useHostNames(loadHostNames(), true, false);
    if (kind === 'live') this.session.state = 'capturing';
    this.indexer.start(this.session, () => {
      this.finished = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /**
   * Starts a live capture (electron/capture/client.ts: the helper process writes a pcapng as
   * packets arrive) and a session following its file. Rejects with EngineError 'capture' (with
   * libpcap's or the helper's message) when it cannot start.
   */
  static async startLive(req: LiveRequest, onStatus: (s: SessionStatus) => void, onStopped: (e: CaptureStoppedEvent) => void): Promise<SessionHost> {
    const o = req.options;
    if (o.ring) throw new EngineError('capture', 'startCapture: ring buffers (several files) are not supported by the app yet; capture to one file');
    let host: SessionHost | null = null;
    let pending = false;
    let cap: LiveCapture;
    try {
      cap = await startCapture(o, {
        onPackets: () => {
          if (host) host.indexer.poke();
          else pending = true;
        },
        onStats: (st) => {
          if (!host) return;
          host.received = st.received;
          host.dropped = st.dropped;
        },
      });
    } catch (e) {
      if (e instanceof CaptureError) throw new EngineError('capture', e.message);
      throw e;
    }
    try {
      host = new SessionHost({ id: req.id, path: cap.path, name: o.interfaces.join(', '), decodeAs: o.decodeAs, protocols: o.protocols, statusIntervalMs: req.statusIntervalMs, indexer: req.indexer }, onStatus, 'live');
    } catch (e) {
      await cap.stop().catch(() => undefined);
      throw e;
    }
    host.capture = cap;
    if (pending) host.indexer.poke();
    const h = host;
    void cap.stopped.then(
      (st) => {
        h.stoppedInfo = st;
        h.received = st.received;
        h.dropped = st.dropped;
        h.capture = null;
        h.indexer.endOfInput();
        const reason = st.message ? `${st.reason}: ${st.message}` : st.reason;
        if (st.reason !== 'user') h.session.message = `The capture stopped (${reason}).`;
        onStopped({ session: h.info.id, reason, received: st.received, dropped: st.dropped });
      },
      (e: unknown) => {
        h.capture = null;
        h.indexer.endOfInput();
        h.session.message = `The capture failed: ${(e as Error).message}`;
        onStopped({ session: h.info.id, reason: 'error', received: h.received, dropped: h.dropped });
      },
    );
    return host;
  }

  /** The status with the live capture's counts. */
  private withCounts(st: SessionStatus): SessionStatus {
    if (this.session?.info.kind === 'live') {
      st.received = this.received;
      st.dropped = this.dropped;
    }
    return st;
  }

  /** Stops the live capture (if running) and waits until its file is indexed to the end. */
  async stopCapture(): Promise<SessionStatus> {
    if (this.session.info.kind !== 'live') throw new EngineError('capture', `stopCapture: session ${this.info.id} is not a live capture`);
    const cap = this.capture;
    if (cap) {
      try {
        await cap.stop();
      } catch (e) {
        throw new EngineError('capture', `stopCapture: ${(e as Error).message}`);
      }
    }
    await this.whenIndexed();
    return this.withCounts(this.session.status());
  }

  /** The options a live session was started with (for restartCapture). */
  liveOptions: CaptureOptions | null = null;

  get info(): SessionInfo {
    return this.session.info;
  }

  /** Resolves once indexing has stopped. */
  whenIndexed(): Promise<void> {
    if (this.finished) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  /** Runs one session method (params already validated); may return a promise. */
  call(method: Method, p: Record<string, unknown>): unknown {
    const s = this.session;
    if (s.isClosed) throw new EngineError('no-session', `${method}: session ${s.info.id} is closed`);
    switch (method) {
      case 'status':
        return this.withCounts(s.status());
      case 'stopCapture':
        return this.stopCapture();
      case 'cancel':
        if (!this.finished) this.indexer.cancel();
        return {};
      case 'close':
        this.indexer.cancel();
        s.close();
        if (this.capture) return this.capture.stop().then(() => ({}), () => ({}));
        return {};
      case 'rows': {
        const start = p.start as number;
        const count = p.count as number;
        // The first screenful comes in this call, even right after opening.
        if (!this.finished && s.displayed < start + count) this.indexer.pump(s, start + count, PUMP_MS);
        return s.rows(start, count);
      }
      case 'rowOf':
        return { index: s.rowOf(p.no as number) };
      case 'packet':
        if (!this.finished && s.count < (p.no as number)) this.indexer.pump(s, p.no as number, PUMP_MS);
        return s.packet(p.no as number);
      case 'setFilter':
        return { displayed: s.setFilter(p.filter as string) };
      case 'sort':
        s.sort(p.column as never, p.dir as never, p.field as string | undefined);
        return {};
      case 'setNameResolution':
        s.setNameResolution(p.mac as boolean);
        if (p.network !== undefined) s.setNetworkNames(p.network as boolean);
        return {};
      case 'setColumns':
        s.setColumns(p.fields as string[]);
        return {};
      default: {
        const v = sessionViews[method as keyof typeof sessionViews];
        if (v) return v(s, p as never);
        throw new EngineError('unknown-method', `${method} is not a session method`);
      }
    }
  }
}
