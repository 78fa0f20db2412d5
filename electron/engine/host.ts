/**
 * The session side of the engine: opens one capture session and answers the session methods on
 * it. The same host runs inside a worker thread (worker.ts, the default: indexing and
 * re-dissection never block the process that talks to the faces) or inline in the engine's own
 * thread (tests, or where no worker bundle exists). Methods throw EngineError for bad requests.
 */
import type { Method, SessionInfo, SessionStatus } from '../api/contract.js';
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
  statusIntervalMs?: number;
  indexer?: IndexerOptions;
}

export class SessionHost {
  readonly session: Session;
  private readonly indexer: FileIndexer;
  private finished = false;
  private readonly waiters: (() => void)[] = [];

  /** Opens the file (throws EngineError 'file' when it is not a capture) and starts indexing. */
  constructor(req: OpenRequest, onStatus: (s: SessionStatus) => void) {
    this.indexer = new FileIndexer(req.path, req.indexer);
    this.session = new Session({ id: req.id, kind: 'file', path: req.path, name: req.name, onStatus, statusIntervalMs: req.statusIntervalMs }, this.indexer.size);
    this.indexer.start(this.session, () => {
      this.finished = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  get info(): SessionInfo {
    return this.session.info;
  }

  /** Resolves once indexing has stopped. */
  whenIndexed(): Promise<void> {
    if (this.finished) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  /** Runs one session method (params already validated). */
  call(method: Method, p: Record<string, unknown>): unknown {
    const s = this.session;
    if (s.isClosed) throw new EngineError('no-session', `${method}: session ${s.info.id} is closed`);
    switch (method) {
      case 'status':
        return s.status();
      case 'cancel':
        if (!this.finished) this.indexer.cancel();
        return {};
      case 'close':
        this.indexer.cancel();
        s.close();
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
        s.sort(p.column as never, p.dir as never);
        return {};
      default: {
        const v = sessionViews[method as keyof typeof sessionViews];
        if (v) return v(s, p as never);
        throw new EngineError('unknown-method', `${method} is not a session method`);
      }
    }
  }
}
