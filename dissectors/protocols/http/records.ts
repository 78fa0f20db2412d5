/**
 * What the HTTP dissector's first pass decided for each message, kept for dissecting the packet
 * again (Wireshark's per-frame http data): one row per message in paged typed arrays, found by
 * frame number and the message's place in the frame (`at`). No object per message: the index
 * pass of a big capture keeps one row per HTTP message for the whole capture.
 *
 * Rows are written when their message is dissected and then kept current, as Wireshark's
 * request/response structures are: a later message sets the links it completes (`setLink`: the
 * response of a request, the next request or response, a previous response), the number of
 * exchanges of each stream is kept by stream (`setTotal`, read with `totalOf`), and a response
 * seen before any request gets the stream's request URI (`setForUri`). A revisit therefore shows
 * what Wireshark's packet details show once the first pass is over (tshark -2).
 *
 * The dissector works on a MsgRecord object (its own, reused) and copies it in and out of rows.
 */
import { FrameMap } from '../../core/frame-map.js';
import { grown } from '../../core/grow.js';

/** One message's record (the dissector's working copy). */
export interface MsgRecord {
  /** Where the message starts: its data source and offset there (recordAt), within its frame. */
  at: number;
  haveSeenHttp: boolean;
  /** Method of the request a response answers (for HEAD / CONNECT bodies). */
  pairedMethod: string | null;
  number: number;
  total: number;
  prevReq: number;
  prevRes: number;
  reqIn: number;
  resIn: number;
  nextReq: number;
  nextRes: number;
  timeSec: number;
  timeNsec: number;
  hasTime: boolean;
  forUri: string | null;
  /** The stream's id in the dissector's numbering (−1: none), for its number of exchanges. */
  conv: number;
}

export function newRecord(): MsgRecord {
  return {
    at: 0, haveSeenHttp: false, pairedMethod: null, number: 0, total: 0, prevReq: 0, prevRes: 0, reqIn: 0, resIn: 0, nextReq: 0, nextRes: 0,
    timeSec: 0, timeNsec: 0, hasTime: false, forUri: null, conv: -1,
  };
}

/** Columns a later message completes (setLink). */
export const enum RecordLink {
  PrevRes = 3,
  ResIn = 5,
  NextReq = 6,
  NextRes = 7,
}

/** Resets `rec` to what a message starts with. */
export function clearRecord(rec: MsgRecord, haveSeenHttp: boolean, at: number): void {
  rec.at = at;
  rec.haveSeenHttp = haveSeenHttp;
  rec.pairedMethod = null;
  rec.number = 0;
  rec.total = 0;
  rec.prevReq = 0;
  rec.prevRes = 0;
  rec.reqIn = 0;
  rec.resIn = 0;
  rec.nextReq = 0;
  rec.nextRes = 0;
  rec.timeSec = 0;
  rec.timeNsec = 0;
  rec.hasTime = false;
  rec.forUri = null;
  rec.conv = -1;
}

const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;
/** Unsigned columns: number, total, prevReq, prevRes, reqIn, resIn, nextReq, nextRes, conv + 1. */
const U = 9;
const HAVE_SEEN_HTTP = 1;
const HAS_TIME = 2;

/** Rows of the first page at first: a replay of one stream (the session's) holds a few messages. */
const FIRST_PAGE = 16;

class Page {
  readonly at: Float64Array;
  /** The frame's next row, −1 at the end of its chain. */
  readonly next: Int32Array;
  readonly flags: Uint8Array;
  readonly u: Uint32Array;
  readonly timeSec: Float64Array;
  readonly timeNsec: Int32Array;
  readonly pairedMethod: (string | null)[];
  readonly forUri: (string | null)[];

  constructor(readonly size: number) {
    this.at = new Float64Array(size);
    this.next = new Int32Array(size);
    this.flags = new Uint8Array(size);
    this.u = new Uint32Array(size * U);
    this.timeSec = new Float64Array(size);
    this.timeNsec = new Int32Array(size);
    this.pairedMethod = new Array<string | null>(size).fill(null);
    this.forUri = new Array<string | null>(size).fill(null);
  }

  /** The same rows in a page of `size` (the first page grows by doubling up to PAGE). */
  grown(size: number): Page {
    const p = new Page(size);
    p.at.set(this.at);
    p.next.set(this.next);
    p.flags.set(this.flags);
    p.u.set(this.u);
    p.timeSec.set(this.timeSec);
    p.timeNsec.set(this.timeNsec);
    for (let i = 0; i < this.size; i++) {
      p.pairedMethod[i] = this.pairedMethod[i]!;
      p.forUri[i] = this.forUri[i]!;
    }
    return p;
  }
}

export class MsgRecords {
  /** First row of each frame (a frame can carry several messages, chained through `next`). */
  private first = new FrameMap<number>();
  private pages: Page[] = [];
  private rows = 0;
  /** Exchanges so far, by stream id. */
  private totals = new Uint32Array(64);

  constructor(private readonly maxFrames: number) {}

  /** The row of the message at `at` in `frame`, or −1. */
  find(frame: number, at: number): number {
    let row = this.first.get(frame) ?? -1;
    for (let n = 0; row >= 0 && n < this.rows; n++) {
      const p = this.pages[row >> PAGE_BITS]!;
      const i = row & PAGE_MASK;
      if (p.at[i] === at) return row;
      row = p.next[i]!;
    }
    return -1;
  }

  /**
   * The row for the message at `at` in `frame`: the one it had (a message dissected again in the
   * first pass replaces its record) or a new one at the end of the frame's chain; −1 when the
   * bound on frames is reached (later frames are not remembered).
   */
  remember(frame: number, at: number): number {
    const head = this.first.get(frame);
    if (head === undefined) {
      if (this.first.size >= this.maxFrames) return -1;
      const row = this.newRow(at);
      this.first.set(frame, row);
      return row;
    }
    let row = head;
    for (let n = 0; n < this.rows; n++) {
      const p = this.pages[row >> PAGE_BITS]!;
      const i = row & PAGE_MASK;
      if (p.at[i] === at) return row;
      const next = p.next[i]!;
      if (next < 0) {
        const added = this.newRow(at);
        // (newRow may have grown this page into a new one.)
        this.pages[row >> PAGE_BITS]!.next[i] = added;
        return added;
      }
      row = next;
    }
    return -1;
  }

  /** The end of a pass: no room kept for more frames (they grow again if more come). */
  trim(): void {
    this.first.trim();
  }

  /** Copies row `row` into `rec`. */
  load(row: number, rec: MsgRecord): void {
    const p = this.pages[row >> PAGE_BITS]!;
    const i = row & PAGE_MASK;
    const u = p.u;
    const b = i * U;
    rec.at = p.at[i]!;
    rec.haveSeenHttp = (p.flags[i]! & HAVE_SEEN_HTTP) !== 0;
    rec.pairedMethod = p.pairedMethod[i]!;
    rec.number = u[b]!;
    rec.total = u[b + 1]!;
    rec.prevReq = u[b + 2]!;
    rec.prevRes = u[b + 3]!;
    rec.reqIn = u[b + 4]!;
    rec.resIn = u[b + 5]!;
    rec.nextReq = u[b + 6]!;
    rec.nextRes = u[b + 7]!;
    rec.timeSec = p.timeSec[i]!;
    rec.timeNsec = p.timeNsec[i]!;
    rec.hasTime = (p.flags[i]! & HAS_TIME) !== 0;
    rec.forUri = p.forUri[i]!;
    rec.conv = u[b + 8]! - 1;
  }

  /** A column of row `row` that a later message completes (rows of forgotten frames, −1, are skipped). */
  setLink(row: number, link: RecordLink, frame: number): void {
    if (row < 0) return;
    this.pages[row >> PAGE_BITS]!.u[(row & PAGE_MASK) * U + link] = frame;
  }

  /** The request URI shown on a response row. */
  setForUri(row: number, uri: string | null): void {
    if (row < 0) return;
    this.pages[row >> PAGE_BITS]!.forUri[row & PAGE_MASK] = uri;
  }

  /** Stream `conv` has had `n` exchanges so far. */
  setTotal(conv: number, n: number): void {
    if (conv < 0) return;
    if (conv >= this.totals.length) this.totals = grown(this.totals, conv + 1);
    this.totals[conv] = n;
  }

  /** The exchanges of `rec`'s stream so far (its own total when the stream has no id). */
  totalOf(rec: MsgRecord): number {
    return rec.conv >= 0 && rec.conv < this.totals.length ? this.totals[rec.conv]! : rec.total;
  }

  /** Copies `rec` into row `row` (its place, `at`, stays the row's). */
  store(row: number, rec: MsgRecord): void {
    const p = this.pages[row >> PAGE_BITS]!;
    const i = row & PAGE_MASK;
    const u = p.u;
    const b = i * U;
    p.flags[i] = (rec.haveSeenHttp ? HAVE_SEEN_HTTP : 0) | (rec.hasTime ? HAS_TIME : 0);
    p.pairedMethod[i] = rec.pairedMethod;
    u[b] = rec.number;
    u[b + 1] = rec.total;
    u[b + 2] = rec.prevReq;
    u[b + 3] = rec.prevRes;
    u[b + 4] = rec.reqIn;
    u[b + 5] = rec.resIn;
    u[b + 6] = rec.nextReq;
    u[b + 7] = rec.nextRes;
    p.timeSec[i] = rec.timeSec;
    p.timeNsec[i] = rec.timeNsec;
    p.forUri[i] = rec.forUri;
    u[b + 8] = rec.conv + 1;
  }

  private newRow(at: number): number {
    const row = this.rows++;
    const pi = row >> PAGE_BITS;
    const i = row & PAGE_MASK;
    if (pi === this.pages.length) this.pages.push(new Page(pi === 0 ? FIRST_PAGE : PAGE));
    else if (i >= this.pages[pi]!.size) this.pages[pi] = this.pages[pi]!.grown(Math.min(PAGE, this.pages[pi]!.size * 2));
    const p = this.pages[pi]!;
    p.at[i] = at;
    p.next[i] = -1;
    return row;
  }
}
