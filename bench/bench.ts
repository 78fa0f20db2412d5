/**
 * `npm run bench [-- options]`: throughput of Packetloom's read + summary path on a generated
 * 1,000,000-packet capture (bench/generate.ts), against a bare record walk and tshark.
 *
 *   (a) bare walk over the pcap record headers (1 MiB chunks) — the baseline
 *   (b) index pass: readCaptureFile → CaptureDissector({ info: false }).dissect(meta, chunk, false,
 *       start, end) in place → PacketIndex: every column but Info, which the GUI formats on demand
 *       for the rows it shows (as Wireshark's packet list does). It runs the whole TCP tracker:
 *       tcp.stream, both endpoints' RFC 9293 states, the connection summaries, Wireshark's
 *       analysis flags (expert counts go into the index), desegmentation with HTTP/DNS on top, and
 *       udp.stream — the issue-3 figure; the bench checks that the tracker saw every TCP segment.
 *   (b') the same summary pass with the Info text (what the CLI's summary lines need)
 *   (c) the CLI: `node bin/packetloom.js -r FILE` with stdout to /dev/null, as a user runs it (its
 *       summary lines sharded by flow over one thread per core), and (c1) the same on one thread
 *   (d) `tshark -n -r FILE` with stdout to /dev/null (once), and our CLI's speed-up over it
 *   (e) memory held per packet by the index (PacketIndex bytes / packets); process RSS
 *
 * Options:
 *   --packets N      capture size (default 1,000,000; e.g. 100000 for a quick run)
 *   --out FILE       capture path (default bench-data/bench-1m.pcap, bench-100k.pcap, …)
 *   --file FILE      benchmark an existing capture instead of a generated one
 *   --reps R         repetitions of (a), (b) and (b') (default 5); the CLI runs min(R, 3) times
 *   --only LIST      comma-separated subset of walk,summary,cli,tshark,engine (e.g. to profile:
 *                    node --cpu-prof dist/bench/bench.js --only summary); `summary` is both
 *                    (b) and (b'), `index` or `info` only one of them
 *   --no-cli, --no-tshark
 *
 * Targets are printed beside the figures, not asserted.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { allFields } from '../dissectors/core/fields.js';
import { defaultOut, describe, ensureBenchFile, parseArgs } from './generate.js';
import { summaryPass, type SummaryResult } from './summary-pass.js';

const TARGET_SUMMARY_PPS = 1_500_000;
/** Issue 3: the index pass with streams, endpoint states and analysis flags. */
const TARGET_STREAMS_PPS = 1_000_000;
const TARGET_CLI_VS_TSHARK = 5;
const TARGET_INDEX_BPP = 64;
const CHUNK = 1 << 20;

interface Timing {
  /** Seconds per run. */
  runs: number[];
  /** CPU seconds (user + system, all threads) per run, where measured: on a loaded machine the wall time says little. */
  cpu?: number[];
  packets: number;
}

/** Runs `fn`, adding its wall and CPU seconds to `t`. */
function timed<T>(t: Timing, fn: () => T): T {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fn();
  t.runs.push((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  (t.cpu ??= []).push((c.user + c.system) / 1e6);
  return r;
}

const cpuNote = (t: Timing) => (t.cpu ? ` (CPU ${t.cpu.map(fmtSec).join(', ')}; best ${fmtRate(t.packets / Math.min(...t.cpu))} per CPU second)` : '');

const best = (t: Timing) => Math.min(...t.runs);
const median = (t: Timing) => {
  const s = [...t.runs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

// ---- (a) bare walk ---------------------------------------------------------------------------

/** Steps over every record header of a classic pcap (either byte order) reading 1 MiB chunks. */
function bareWalk(path: string): number {
  const fd = openSync(path, 'r');
  const buf = new Uint8Array(CHUNK);
  const dv = new DataView(buf.buffer);
  try {
    if (readSync(fd, buf, 0, 24, 0) < 24) throw new Error('short file');
    const magic = dv.getUint32(0, true);
    const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
    if (!le && dv.getUint32(0, false) !== 0xa1b2c3d4 && dv.getUint32(0, false) !== 0xa1b23c4d) throw new Error(`${path}: not a classic pcap`);
    let next = 24; // file offset of the next record header
    let packets = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, next);
      if (n < 16) break;
      let p = 0;
      while (p + 16 <= n) {
        packets++;
        p += 16 + dv.getUint32(p + 8, le);
      }
      next += p;
    }
    return packets;
  } finally {
    closeSync(fd);
  }
}

// ---- (c) CLI and (d) tshark ------------------------------------------------------------------

/**
 * CPU seconds (user + system) of this process's finished children, from /proc/self/stat (cutime,
 * cstime in clock ticks of 1/100 s), or null where there is no /proc: the machine is shared, so
 * the CLI and tshark are also compared by the CPU time they took.
 */
function childCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, cutime 16 and cstime 17 (1-based, man 5 proc).
    const cutime = Number(f[16 - 3]);
    const cstime = Number(f[17 - 3]);
    return Number.isFinite(cutime) && Number.isFinite(cstime) ? (cutime + cstime) / 100 : null;
  } catch {
    return null;
  }
}

function timeCommand(cmd: string, args: string[], env?: NodeJS.ProcessEnv): { seconds: number; cpu: number | null; ok: boolean; err: string } {
  const devnull = openSync('/dev/null', 'w');
  try {
    const c0 = childCpuSeconds();
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', devnull, 'pipe'], env: env ?? process.env, maxBuffer: 64 << 20 });
    const seconds = (performance.now() - t0) / 1000;
    const c1 = childCpuSeconds();
    const cpu = c0 !== null && c1 !== null ? c1 - c0 : null;
    const err = (r.error?.message ?? '') + (r.stderr?.toString() ?? '').split('\n').filter((l) => l && !/Running as user "root"/.test(l)).slice(0, 3).join(' | ');
    return { seconds, cpu, ok: r.status === 0, err };
  } finally {
    closeSync(devnull);
  }
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

// ---- output ----------------------------------------------------------------------------------

const fmtRate = (pps: number) => (pps >= 1e6 ? `${(pps / 1e6).toFixed(2)} M/s` : `${(pps / 1e3).toFixed(1)} k/s`);
const fmtSec = (s: number) => (s < 10 ? s.toFixed(3) : s.toFixed(1)) + ' s';
const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const last = widths.length - 1;
  const line = (r: string[]) => r.map((cell, c) => (c === 0 || c === last ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), sep, ...rows.slice(1).map(line)].join('\n');
}

function main(): number {
  const rssStart = process.memoryUsage().rss;
  const a = parseArgs(process.argv.slice(2));
  let reps = 5;
  let file: string | null = null;
  let only = new Set(['walk', 'summary', 'cli', 'tshark', 'engine']);
  for (let i = 0; i < a.rest.length; i++) {
    const o = a.rest[i]!;
    if (o === '--reps') reps = Math.max(1, Number(a.rest[++i]));
    else if (o === '--file') file = a.rest[++i] ?? null;
    else if (o === '--only') only = new Set((a.rest[++i] ?? '').split(','));
    else if (o === '--no-cli') only.delete('cli');
    else if (o === '--no-tshark') only.delete('tshark');
    else throw new Error(`unknown option ${o}`);
  }

  let path: string;
  let packets: number;
  if (file) {
    path = file;
    packets = 0;
    console.log(`capture: ${path} (${mib(statSync(path).size)})`);
  } else {
    const g = ensureBenchFile({ packets: a.packets, out: a.out ?? defaultOut(a.packets), seed: a.seed, force: a.force });
    console.log(describe(g));
    path = g.path;
    packets = g.packets;
  }
  const size = statSync(path).size;
  console.log(`node ${process.version}, ${reps} repetition(s); targets are shown, not asserted\n`);

  // (a)
  let walk: Timing | null = null;
  if (only.has('walk')) {
    walk = { runs: [], packets: 0 };
    for (let i = 0; i < reps; i++) {
      const w: Timing = walk;
      w.packets = timed(w, () => bareWalk(path));
    }
    packets ||= walk.packets;
    console.log(`(a) bare walk: ${walk.packets} packets, runs ${walk.runs.map(fmtSec).join(', ')}${cpuNote(walk)}`);
  }

  // (b) and (b')
  let summary: Timing | null = null;
  let withInfo: Timing | null = null;
  let last: SummaryResult | null = null;
  let rssAfter = 0;
  const runPass = (info: boolean, name: string): Timing => {
    const t: Timing = { runs: [], packets: 0 };
    let r: SummaryResult | null = null;
    for (let i = 0; i < reps; i++) {
      r = last = null; // let the previous index go before the next pass
      r = timed(t, () => summaryPass(path, info));
      t.packets = r.packets;
    }
    // Outside the timing: the tracker's connection summaries, to show that it ran.
    const check = summaryPass(path, info, true);
    const tcpPackets = check.tcpPackets;
    console.log(`    TCP tracker: ${check.tcpSegments.toLocaleString('en-US')} segments analyzed (streams, endpoint states, analysis flags) in ${check.tcpStreams.toLocaleString('en-US')} streams, ${check.tcpStatesSeen.toLocaleString('en-US')} with endpoint states; ${tcpPackets.toLocaleString('en-US')} packets carry TCP`);
    if (check.tcpSegments < tcpPackets) console.log('    WARNING: the TCP tracker saw fewer segments than there are TCP packets');
    last = r;
    packets ||= t.packets;
    console.log(`${name}: ${t.packets} packets (${r!.malformed} malformed), runs ${t.runs.map(fmtSec).join(', ')}${cpuNote(t)}`);
    if (walk && walk.packets !== t.packets) console.log(`    WARNING: the walk counted ${walk.packets} packets, the reader ${t.packets}`);
    return t;
  };
  if (only.has('summary') || only.has('info')) {
    withInfo = runPass(true, "(b') summary pass with Info text");
    rssAfter = process.memoryUsage().rss;
  }
  if (only.has('summary') || only.has('index')) {
    summary = runPass(false, '(b) index pass (Info on demand)');
    rssAfter = process.memoryUsage().rss;
  }
  const lastPass = last as SummaryResult | null;

  // (c) and (d) need the packet count for their rates: the bare walk gives it when nothing else ran.
  if (!packets && (only.has('cli') || only.has('tshark'))) packets = bareWalk(path);

  // (c) the CLI as a user runs it (its summary lines on one thread per core, sharded by flow:
  // electron/cli/sharded-summary.ts), and (c1) the same on one thread (PACKETLOOM_THREADS=1).
  let cli: Timing | null = null;
  let cli1: Timing | null = null;
  let cliNote = '';
  const threads = availableParallelism();
  if (only.has('cli')) {
    if (!existsSync('dist/cli.js')) cliNote = 'n/a: dist/cli.js not built (electron/cli/main.ts missing?)';
    else {
      const runCli = (env: NodeJS.ProcessEnv): Timing | null => {
        const t: Timing = { runs: [], packets };
        for (let i = 0; i < Math.min(reps, 3); i++) {
          const r = timeCommand(process.execPath, ['bin/packetloom.js', '-n', '-r', path], env);
          if (!r.ok) {
            cliNote = `failed: ${r.err || 'non-zero exit'}`;
            return null;
          }
          t.runs.push(r.seconds);
          if (r.cpu !== null) (t.cpu ??= []).push(r.cpu);
        }
        return t;
      };
      cli = runCli({ ...process.env, PACKETLOOM_THREADS: undefined });
      if (cli) console.log(`(c) CLI: runs ${cli.runs.map(fmtSec).join(', ')}${cpuNote(cli)}`);
      cli1 = cli && runCli({ ...process.env, PACKETLOOM_THREADS: '1' });
      if (cli1) console.log(`(c1) CLI, one thread: runs ${cli1.runs.map(fmtSec).join(', ')}${cpuNote(cli1)}`);
    }
  }

  // (d)
  let tshark: Timing | null = null;
  let tsharkNote = '';
  if (only.has('tshark')) {
    const bin = findOnPath('tshark');
    if (!bin) tsharkNote = 'n/a: tshark not installed';
    else {
      const home = mkdtempSync(join(tmpdir(), 'packetloom-bench-'));
      try {
        console.log(`(d) tshark -n -r (once; takes a while on big files) …`);
        const r = timeCommand(bin, ['-n', '-r', path], { ...process.env, HOME: home, WIRESHARK_CONFIG_DIR: home });
        if (r.ok) tshark = { runs: [r.seconds], cpu: r.cpu === null ? undefined : [r.cpu], packets };
        else tsharkNote = `failed: ${r.err}`;
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
      if (tshark) console.log(`(d) tshark: ${fmtSec(best(tshark))}${cpuNote(tshark)}`);
    }
  }

  // Table
  const walkRate = walk ? walk.packets / best(walk) : 0;
  const rows: string[][] = [['measurement', 'best', 'median', 'best pkt/s', 'median pkt/s', 'vs (a)', 'target']];
  const rowFor = (name: string, t: Timing, target: string) => {
    const rate = t.packets / best(t);
    const vs = walkRate ? `${(rate / walkRate).toFixed(3)} (1/${(walkRate / rate).toFixed(1)})` : '';
    rows.push([name, fmtSec(best(t)), t.runs.length > 1 ? fmtSec(median(t)) : '(1 run)', fmtRate(rate), t.runs.length > 1 ? fmtRate(t.packets / median(t)) : '', vs, target]);
  };
  if (walk) rowFor('(a) bare pcap walk (record headers)', walk, 'baseline');
  if (summary) {
    const rate = summary.packets / best(summary);
    rowFor('(b) index pass (columns but Info on demand)', summary, `issue 2: >= ${fmtRate(TARGET_SUMMARY_PPS)}: ${verdict(rate >= TARGET_SUMMARY_PPS)}`);
    rowFor('    = issue 3: with streams, states, analysis flags', summary, `issue 3: >= ${fmtRate(TARGET_STREAMS_PPS)}: ${verdict(rate >= TARGET_STREAMS_PPS)}`);
    if (summary.cpu) {
      // On a loaded machine the wall time says little: the same pass per CPU second.
      const cpuRate = summary.packets / Math.min(...summary.cpu);
      rows.push(['    per CPU second (best run)', fmtSec(Math.min(...summary.cpu)), '', fmtRate(cpuRate), '', '', `issue 2: ${verdict(cpuRate >= TARGET_SUMMARY_PPS)}, issue 3: ${verdict(cpuRate >= TARGET_STREAMS_PPS)}`]);
    }
  }
  if (withInfo) rowFor("(b') summary pass with Info text", withInfo, '');
  if (cli) rowFor(`(c) CLI: packetloom -n -r > /dev/null (${Math.min(threads, 4)} threads)`, cli, '');
  else if (only.has('cli')) rows.push(['(c) CLI: packetloom -n -r > /dev/null', '-', '', '', '', '', cliNote]);
  if (cli1) rowFor('(c1) the same on one thread', cli1, '');
  if (tshark) rowFor('(d) tshark -n -r > /dev/null', tshark, '');
  else if (only.has('tshark')) rows.push(['(d) tshark -n -r > /dev/null', '-', '', '', '', '', tsharkNote]);
  if (cli && tshark) {
    const x = best(tshark) / best(cli);
    rows.push(['    CLI speed-up over tshark', `${x.toFixed(2)}x`, '', '', '', '', `>= ${TARGET_CLI_VS_TSHARK}x: ${verdict(x >= TARGET_CLI_VS_TSHARK)}`]);
    if (cli1) {
      const x1 = best(tshark) / best(cli1);
      rows.push(['    one thread over tshark', `${x1.toFixed(2)}x`, '', '', '', '', `>= ${TARGET_CLI_VS_TSHARK}x: ${verdict(x1 >= TARGET_CLI_VS_TSHARK)}`]);
    }
    if (cli1?.cpu && tshark.cpu) {
      // One thread against tshark (one thread) in CPU seconds (best runs): what a shared, loaded
      // machine's wall time hides.
      const xc = Math.min(...tshark.cpu) / Math.min(...cli1.cpu);
      rows.push(['    one thread over tshark (CPU time)', `${xc.toFixed(2)}x`, '', fmtRate(cli1.packets / Math.min(...cli1.cpu)), '', '', `>= ${TARGET_CLI_VS_TSHARK}x: ${verdict(xc >= TARGET_CLI_VS_TSHARK)}`]);
    }
  }
  if (lastPass) {
    const bpp = lastPass.index.bytesPerPacket;
    rows.push(['(e) index memory per packet', `${bpp.toFixed(1)} B`, '', '', '', `(${lastPass.untrimmedBpp.toFixed(1)} B before trim)`, `<= ${TARGET_INDEX_BPP} B: ${verdict(bpp <= TARGET_INDEX_BPP)}`]);
  }
  console.log(`\n${path}: ${packets.toLocaleString('en-US')} packets, ${mib(size)}\n`);
  console.log(table(rows));
  if (lastPass) {
    console.log(`\nindex: ${lastPass.index.count.toLocaleString('en-US')} rows x ${lastPass.index.bytesPerRow} B = ${mib(lastPass.index.byteLength)}`);
    console.log(`RSS: ${mib(rssStart)} at start, ${mib(rssAfter)} after the summary passes (index held), ${mib(process.memoryUsage().rss)} at the end`);
    // What the summary pass saw (top protocol of each packet), as a sanity check of the dissectors.
    const counts = new Map<number, number>();
    const p = lastPass.index.protocol;
    for (let i = 0; i < lastPass.index.count; i++) counts.set(p[i]!, (counts.get(p[i]!) ?? 0) + 1);
    const fields = allFields();
    const mix = [...counts].sort((x, y) => y[1] - x[1]).map(([id, n]) => `${fields[id]?.abbrev ?? id} ${((100 * n) / lastPass!.index.count).toFixed(1)}%`);
    console.log(`top protocols: ${mix.join(', ')}`);
  }
  // (f)-(i): the engine (open, first rows, full index, filter, session memory), in a process of
  // its own so that its RSS is the session's: bench/engine-bench.ts.
  if (only.has('engine')) {
    if (!existsSync('dist/bench/engine-bench.js')) console.log('\n(f)-(i) engine: n/a (dist/bench/engine-bench.js not built)');
    else spawnSync(process.execPath, ['dist/bench/engine-bench.js', path, ...(only.has('tshark') ? [] : ['--no-tshark'])], { stdio: 'inherit' });
  }
  // (j): the live-capture rate on lo (needs root, cap and a C compiler; says why not otherwise).
  if (!process.argv.includes('--only') || only.has('live')) {
    if (!existsSync('dist/bench/live.js')) console.log('\n(j) live capture: n/a (dist/bench/live.js not built)');
    else spawnSync(process.execPath, ['dist/bench/live.js'], { stdio: 'inherit' });
  }
  return 0;
}

process.exitCode = main();
