/**
 * Statistics › I/O Graphs (Wireshark's io_graph_dialog): per interval since the first packet, the
 * packets each graph's display filter matches, their bytes (frame.len) and the first of them (what
 * a click on the graph goes to). The filters run as the session's display filter does (on the index
 * columns where they can, on re-dissected, reduced trees where not), over the packets indexed so far.
 */
import type { IoGraphResult, IoGraphSpec } from '../api/contract.js';
import { compileFilter, type DisplayFilter } from '../../dissectors/filter/index.js';
import { EngineError } from './errors.js';
import { FastFilter } from './fast-filter.js';
import type { Session } from './session.js';
import { forEachSliced } from './sliced.js';

/** Most intervals one answer holds (100 s at 1 ms, a day at 1 s; the renderer draws each). */
export const MAX_IO_BUCKETS = 100_000;
/**
 * Counts in slices (sliced.ts): a filter the index columns cannot answer dissects every packet
 * again (seconds for a million), and the grid must go on scrolling meanwhile.
 */
export async function ioGraph(s: Session, interval: number, specs: IoGraphSpec[]): Promise<IoGraphResult> {
  if (!(interval > 0) || !Number.isFinite(interval)) throw new EngineError('bad-request', `ioGraph: the interval must be a positive number of seconds (got ${interval})`);
  const graphs = specs.map(({ filter }) => {
    const r = compileFilter(filter);
    if (!r.ok) throw new EngineError('filter', `ioGraph: "${filter}": ${r.error.message}`, r.error.start, r.error.end);
    const f: DisplayFilter | null = r.filter.empty ? null : r.filter;
    return { filter, f, fast: f && s.useFastFilter ? FastFilter.for(filter, f) : null };
  });
  const ix = s.index;
  const n = ix.count;
  const sec0 = n > 0 ? ix.tsSecOf(0) : 0;
  const nsec0 = n > 0 ? ix.tsNsec[0]! : 0;
  // Time since the first packet, as frame.time_relative (a packet stamped earlier counts in interval 0).
  const rel = (i: number) => ix.tsSecOf(i) - sec0 + (ix.tsNsec[i]! - nsec0) / 1e9;
  let last = 0;
  for (let i = 0; i < n; i++) last = Math.max(last, rel(i));
  // Interval k holds [k·interval, (k+1)·interval); a division on the nanosecond grid keeps 0.3 / 0.1 at 3.
  const bucketOf = (t: number) => Math.max(0, Math.floor(Math.round(t * 1e9) / Math.round(interval * 1e9)));
  const buckets = n > 0 ? bucketOf(last) + 1 : 0;
  if (buckets > MAX_IO_BUCKETS) {
    throw new EngineError('bad-request', `ioGraph: an interval of ${interval} s makes ${buckets.toLocaleString('en-US')} intervals of this capture's ${last.toFixed(3)} s; at most ${MAX_IO_BUCKETS.toLocaleString('en-US')}: choose a longer interval`);
  }
  const out = graphs.map((g) => ({ filter: g.filter, packets: new Array<number>(buckets).fill(0), bytes: new Array<number>(buckets).fill(0), first: new Array<number>(buckets).fill(0) }));
  await forEachSliced(s, 'ioGraph', n, (i) => {
    const b = bucketOf(rel(i));
    const len = ix.origLenOf(i);
    for (let k = 0; k < graphs.length; k++) {
      const g = graphs[k]!;
      if (g.f && !s.matches(i, g.f, g.fast)) continue;
      const o = out[k]!;
      o.packets[b]!++;
      o.bytes[b]! += len;
      if (o.first[b] === 0) o.first[b] = i + 1;
    }
  });
  return { interval, buckets, packets: n, graphs: out };
}
