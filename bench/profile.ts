/**
 * `node --enable-source-maps dist/bench/profile.js [options]`: where the index pass spends its time
 * and what it allocates, per source line, for work on the speed targets of `npm run bench`.
 *
 * Allocation figures come from V8's sampling heap profiler with collected objects included, so they
 * count every byte allocated (garbage too) and do not depend on how loaded the machine is: compare
 * them before and after a change. CPU figures are self time per function (noisy on a busy machine).
 *
 *   --file F        capture (default bench-data/bench-200k.pcap; `npm run bench -- --packets 200000` makes it)
 *   --info          the summary pass with the Info text (what the CLI needs) instead of the index pass
 *   --engine        the engine's index pass instead (Session.add: the session's columns, strings and
 *                   stream links on top of the index pass), in this thread
 *   --filter F      the engine's display filter F over every packet, once the file is indexed (a
 *                   filter the index columns cannot answer dissects packets again: full trees,
 *                   stream replays); the indexing itself is not profiled
 *   --what W        alloc (default), cpu, or both
 *   --top N         rows to print (default 40)
 *   --interval B    allocation sampling interval in bytes (default 1024)
 *   --by file       CPU self time summed per source file instead of per function (where a flat
 *                   profile's time goes by protocol and layer)
 */
import { Session } from 'node:inspector';
import { findSourceMap } from 'node:module';
import { statSync } from 'node:fs';
import { summaryPass } from './summary-pass.js';
import { Session as EngineSession } from '../electron/engine/session.js';
import { readCaptureFile } from '../electron/engine/read-capture.js';
import { FastFilter } from '../electron/engine/fast-filter.js';
import { compileFilter } from '../dissectors/filter/index.js';

/** A session over `path`, indexed as FileIndexer feeds it (without the slices). */
function indexed(path: string): EngineSession {
  const s = new EngineSession({ id: 'profile', kind: 'file', path, name: path }, statSync(path).size);
  const r = readCaptureFile(path, (rec, meta, b) => s.add(rec, b.buf, b.start, b.end, meta), undefined, { views: false });
  if (r.error) throw new Error(`${path}: ${r.error.message}`);
  s.finish('done');
  return s;
}

/** The engine's index pass: every packet into a Session. */
function enginePass(path: string): { packets: number } {
  const s = indexed(path);
  const packets = s.count;
  s.close();
  return { packets };
}

/** The display filter `text` over every packet of an indexed session, as setFilter runs it. */
function filterPass(s: EngineSession, text: string): { packets: number; matched: number } {
  const r = compileFilter(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  const fast = FastFilter.for(text, r.filter);
  let matched = 0;
  for (let i = 0; i < s.count; i++) if (s.matches(i, r.filter, fast)) matched++;
  return { packets: s.count, matched };
}

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }

function parse(argv: string[]) {
  const o = { file: 'bench-data/bench-200k.pcap', info: false, engine: false, filter: null as string | null, what: 'alloc', top: 40, interval: 1024, by: 'function' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--file') o.file = argv[++i] ?? o.file;
    else if (a === '--info') o.info = true;
    else if (a === '--engine') o.engine = true;
    else if (a === '--filter') o.filter = argv[++i] ?? null;
    else if (a === '--what') o.what = argv[++i] ?? o.what;
    else if (a === '--top') o.top = Number(argv[++i]) || o.top;
    else if (a === '--interval') o.interval = Number(argv[++i]) || o.interval;
    else if (a === '--by') o.by = argv[++i] === 'file' ? 'file' : 'function';
    else throw new Error(`unknown option ${a} (see the comment at the top of bench/profile.ts)`);
  }
  return o;
}

/** "function source/file.ts:line" for a bundle location (source maps need --enable-source-maps). */
function where(cf: CallFrame): string {
  const name = cf.functionName || '(anonymous)';
  if (!cf.url) return name;
  const sm = findSourceMap(cf.url);
  const e = sm?.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
  if (e?.originalSource) return `${name} ${e.originalSource.replace(/^.*?\/(dissectors|electron|bench)\//, '$1/')}:${(e.originalLine ?? 0) + 1}`;
  return `${name} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`;
}

function post<T>(s: Session, method: string, params?: object): Promise<T> {
  return new Promise((res, rej) => s.post(method, params ?? {}, (err, r) => (err ? rej(err) : res(r as T))));
}

function print(title: string, totals: Map<string, number>, unit: (v: number) => string, top: number): void {
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${title}: total ${unit(all)}`);
  for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${unit(v).padStart(12)} ${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`);
  }
}

interface HeapNode { callFrame: CallFrame; selfSize: number; children: HeapNode[] }
interface CpuProfile { nodes: { id: number; callFrame: CallFrame }[]; samples: number[]; timeDeltas: number[] }

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  if (!process.execArgv.includes('--enable-source-maps')) console.log('(run with node --enable-source-maps for source lines)');
  const s = new Session();
  s.connect();
  const alloc = o.what === 'alloc' || o.what === 'both';
  const cpu = o.what === 'cpu' || o.what === 'both';
  // A first pass outside the profile, so that the measured one runs optimized code.
  const session = o.filter !== null ? indexed(o.file) : null;
  const filter = o.filter;
  const pass = () => (session && filter !== null ? filterPass(session, filter) : o.engine ? enginePass(o.file) : summaryPass(o.file, o.info));
  // (A filter is run once only: its first run is what a user waits for.)
  if (!session) pass();
  if (alloc) await post(s, 'HeapProfiler.startSampling', { samplingInterval: o.interval, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  if (cpu) {
    await post(s, 'Profiler.enable');
    await post(s, 'Profiler.start');
  }
  const t0 = performance.now();
  const done = pass();
  const ms = performance.now() - t0;
  const n = done.packets;
  const what = filter !== null ? `the engine's filter "${filter}" (${'matched' in done ? done.matched : 0} matched)` : o.engine ? "the engine's index pass" : o.info ? 'summary pass with Info' : 'index pass';
  console.log(`${o.file}: ${n} packets, ${what}: ${(ms / 1000).toFixed(2)} s (profiled)`);
  // Both profiles are stopped before any source map is read (that allocates too).
  const heap = alloc ? (await post<{ profile: { head: HeapNode } }>(s, 'HeapProfiler.stopSampling')).profile : null;
  if (cpu) {
    const { profile } = await post<{ profile: CpuProfile }>(s, 'Profiler.stop');
    const byId = new Map(profile.nodes.map((x) => [x.id, x]));
    const t = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const w = where(byId.get(id)!.callFrame);
      const k = o.by === 'file' ? w.replace(/^\S+ /, '').replace(/:\d+$/, '') : w;
      t.set(k, (t.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    print('CPU self time', t, (v) => `${(v / 1000).toFixed(0)} ms`, o.top);
  }
  if (heap) {
    const t = new Map<string, number>();
    // A builtin (subarray, Map.set …) is named with the line that called it.
    const walk = (h: HeapNode, parent: string, depth: number) => {
      if (depth > 400) return;
      const here = h.callFrame.url ? where(h.callFrame) : `${h.callFrame.functionName || '(builtin)'} ← ${parent}`;
      if (h.selfSize) t.set(here, (t.get(here) ?? 0) + h.selfSize);
      for (const c of h.children) walk(c, h.callFrame.url ? here : parent, depth + 1);
    };
    walk(heap.head, '', 0);
    print('Bytes allocated per packet', t, (v) => `${(v / n).toFixed(1)} B`, o.top);
  }
  s.disconnect();
  session?.close();
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exitCode = 1;
});
