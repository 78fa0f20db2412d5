/**
 * tshark as the oracle for the TCP sequence analysis (dissectors/tcp/analysis.ts), independent of
 * our TCP dissector:
 *
 * - `extractTcp(pcap)` runs tshark 4.0 once with `-T fields` for the raw per-segment inputs
 *   (addresses, ports, raw seq/ack, flags, raw window, options) and for tshark's own results
 *   (tcp.stream, relative seq/ack/nxtseq, calculated window, every tcp.analysis.* field, the
 *   conversation timestamps, the Info column). Only frames with a TCP layer are kept.
 * - The result is cached as JSON in fixtures/corpus/expected-extra/<capture>.tcp.json
 *   (`fixtures/make-tcp-expected.sh` regenerates it; the tests only read it, so CI needs tshark
 *   only to regenerate).
 * - `feedRow` turns one cached row into analyzer input the way the TCP dissector will, and
 *   `resultCells` renders the analyzer's result as tshark would print each output field.
 * - `craftPcap` builds small Ethernet/IPv4/IPv6/TCP captures from a list of segments, for the
 *   crafted unit tests (and to ask tshark about them when it is installed).
 *
 * Run directly (`npx tsx test/helpers/tshark-tcp-input.ts`) to regenerate the cache.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  A_ACK_LOST_PACKET, A_DUPLICATE_ACK, A_FAST_RETRANSMISSION, A_KEEP_ALIVE, A_KEEP_ALIVE_ACK,
  A_LOST_PACKET, A_OUT_OF_ORDER, A_RETRANSMISSION, A_REUSED_PORTS, A_SPURIOUS_RETRANSMISSION,
  A_WINDOW_FULL, A_WINDOW_UPDATE, A_ZERO_WINDOW, A_ZERO_WINDOW_PROBE, A_ZERO_WINDOW_PROBE_ACK,
  REACH_HEADER, REACH_SEQ,
  type TcpAnalyzer, type TcpSegmentResult,
} from '../../dissectors/tcp/analysis.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '../..');
export const CORPUS_DIR = join(REPO, 'fixtures/corpus');
export const EXTRA_DIR = join(CORPUS_DIR, 'expected-extra');

/** Raw per-segment inputs (what a TCP dissector reads from the packet). */
export const IN_FIELDS = [
  'frame.number', 'frame.time_epoch', 'frame.protocols',
  'ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst',
  'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.window_size_value',
  'tcp.hdr_len', 'tcp.options', 'tcp.options.wscale.shift', 'tcp.options.sack_le', 'tcp.options.sack_re',
  'tcp.options.mss_val', 'tcp.options.timestamp.tsval', 'tcp.options.timestamp.tsecr',
] as const;

/** tshark's results that the analyzer must reproduce. */
export const OUT_FIELDS = [
  'tcp.stream', 'tcp.seq', 'tcp.ack', 'tcp.nxtseq', 'tcp.len', 'tcp.window_size',
  'tcp.window_size_scalefactor',
  'tcp.analysis', 'tcp.analysis.flags',
  'tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission',
  'tcp.analysis.spurious_retransmission', 'tcp.analysis.out_of_order',
  'tcp.analysis.lost_segment', 'tcp.analysis.ack_lost_segment',
  'tcp.analysis.duplicate_ack', 'tcp.analysis.duplicate_ack_num', 'tcp.analysis.duplicate_ack_frame',
  'tcp.analysis.zero_window', 'tcp.analysis.zero_window_probe', 'tcp.analysis.zero_window_probe_ack',
  'tcp.analysis.window_full', 'tcp.analysis.window_update',
  'tcp.analysis.keep_alive', 'tcp.analysis.keep_alive_ack', 'tcp.analysis.reused_ports',
  'tcp.analysis.initial_rtt', 'tcp.analysis.ack_rtt', 'tcp.analysis.acks_frame',
  'tcp.analysis.bytes_in_flight', 'tcp.analysis.push_bytes_sent',
  'tcp.analysis.rto', 'tcp.analysis.rto_frame',
  'tcp.time_relative', 'tcp.time_delta',
  'info.prefix',
] as const;

export type OutField = (typeof OUT_FIELDS)[number];

/** The tshark fields asked for: the inputs, the outputs, then the Info column. */
const TSHARK_FIELDS = [...IN_FIELDS, ...OUT_FIELDS.filter((f) => f !== 'info.prefix'), '_ws.col.Info'];

export interface TcpDump {
  /** Capture file name (in fixtures/corpus). */
  file: string;
  tshark: string;
  fields: string[];
  /** One row per frame with a TCP layer; cells in `fields` order (tshark's text). */
  rows: string[][];
}

export function tsharkAvailable(): boolean {
  const r = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

function tsharkVersion(): string {
  const r = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  return (r.stdout.split('\n')[0] ?? '').trim();
}

/**
 * Runs tshark with default preferences (empty HOME and config dir) and `-n`; `twoPass`: with `-2`
 * (what Wireshark's packet details show once the first pass is over).
 */
export function runTsharkFields(pcap: string, fields: readonly string[], twoPass = false): string[][] {
  const cfg = mkdtempSync(join(tmpdir(), 'tshark-cfg-'));
  try {
    const args = [...(twoPass ? ['-2'] : []), '-n', '-r', pcap, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,'];
    for (const f of fields) args.push('-e', f);
    const r = spawnSync('tshark', args, {
      encoding: 'utf8',
      env: { ...process.env, HOME: cfg, WIRESHARK_CONFIG_DIR: cfg },
      maxBuffer: 1 << 30,
    });
    if (r.error) throw r.error;
    const lines = r.stdout.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines.map((l) => l.split('\t'));
  } finally {
    rmSync(cfg, { recursive: true, force: true });
  }
}

/** The leading "[TCP …] " items of an Info column (the part the analysis writes). */
export function infoPrefixOf(info: string): string {
  const m = /^(?:\[TCP [^\]]*\] )*/.exec(info);
  return m ? m[0] : '';
}

/** tshark's view of every TCP frame of a capture. */
export function extractTcp(pcap: string): TcpDump {
  const rows = runTsharkFields(pcap, TSHARK_FIELDS);
  const protoCol = TSHARK_FIELDS.indexOf('frame.protocols');
  const out: string[][] = [];
  for (const row of rows) {
    const protos = (row[protoCol] ?? '').split(':');
    if (!protos.includes('tcp')) continue;
    const info = row.pop() ?? '';
    row.push(infoPrefixOf(info));
    out.push(row);
  }
  return { file: basename(pcap), tshark: tsharkVersion(), fields: [...IN_FIELDS, ...OUT_FIELDS], rows: out };
}

export function dumpPath(file: string): string {
  return join(EXTRA_DIR, `${file}.tcp.json`);
}

/** The cached dump of a corpus capture. */
export function loadTcpDump(file: string): TcpDump {
  return JSON.parse(readFileSync(dumpPath(file), 'utf8')) as TcpDump;
}

/** Corpus captures (pcap and pcapng), sorted. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();
}

/** Where tshark's view of the crafted scenarios is cached. */
export const CRAFTED_PATH = join(EXTRA_DIR, 'crafted.tcp.json');

export interface CraftedDump {
  tshark: string;
  fields: string[];
  scenarios: { name: string; hash: string; rows: string[][] }[];
}

/** A short hash of a scenario's segments (to notice a cache made from other segments). */
export function scenarioHash(segs: readonly CraftSeg[]): string {
  let h = 0x811c9dc5;
  const t = JSON.stringify(segs);
  for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function loadCrafted(): CraftedDump {
  return JSON.parse(readFileSync(CRAFTED_PATH, 'utf8')) as CraftedDump;
}

/** Rewrites every cached dump (needs tshark 4.0). */
export async function regenerate(): Promise<void> {
  mkdirSync(EXTRA_DIR, { recursive: true });
  for (const f of corpusFiles()) {
    const d = extractTcp(join(CORPUS_DIR, f));
    // One row per line keeps the files diff-friendly.
    const body = d.rows.map((r) => '    ' + JSON.stringify(r)).join(',\n');
    writeFileSync(
      dumpPath(f),
      `{\n  "file": ${JSON.stringify(d.file)},\n  "tshark": ${JSON.stringify(d.tshark)},\n  "fields": ${JSON.stringify(d.fields)},\n  "rows": [\n${body}${body ? '\n' : ''}  ]\n}\n`,
    );
    console.log(`${f}: ${d.rows.length} TCP frames`);
  }
  const { SCENARIOS } = await import('../dissectors/tcp/crafted-scenarios.js');
  const out: string[] = [];
  let fields: string[] = [];
  for (const sc of SCENARIOS) {
    const d = tsharkCrafted(sc.segs);
    fields = d.fields;
    if (d.rows.length !== sc.segs.length) throw new Error(`${sc.name}: tshark shows ${d.rows.length} of ${sc.segs.length} segments`);
    out.push(`    {"name": ${JSON.stringify(sc.name)}, "hash": "${scenarioHash(sc.segs)}", "rows": [\n${d.rows.map((r) => '      ' + JSON.stringify(r)).join(',\n')}\n    ]}`);
  }
  writeFileSync(
    CRAFTED_PATH,
    `{\n  "tshark": ${JSON.stringify(tsharkVersion())},\n  "fields": ${JSON.stringify(fields)},\n  "scenarios": [\n${out.join(',\n')}\n  ]\n}\n`,
  );
  console.log(`crafted scenarios: ${SCENARIOS.length}`);
}

/* ------------------------------------------------------------------------------------------ */
/* Feeding a row to the analyzer                                                               */

/** Index of each field in a dump's rows. */
export function fieldIndex(d: TcpDump): Map<string, number> {
  return new Map(d.fields.map((f, i) => [f, i]));
}

function parseIPv4(s: string, out: Uint8Array, off: number): void {
  const p = s.split('.');
  for (let i = 0; i < 4; i++) out[off + i] = Number(p[i]);
}

function parseIPv6(s: string, out: Uint8Array, off: number): void {
  let head = s;
  let tail = '';
  const dc = s.indexOf('::');
  if (dc >= 0) {
    head = s.slice(0, dc);
    tail = s.slice(dc + 2);
  }
  const words = (t: string): number[] => {
    if (t === '') return [];
    const parts = t.split(':');
    const w: number[] = [];
    for (const p of parts) {
      if (p.includes('.')) {
        const b = p.split('.').map(Number);
        w.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
      } else {
        w.push(parseInt(p, 16));
      }
    }
    return w;
  };
  const h = words(head);
  const t = words(tail);
  const all = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  for (let i = 0; i < 8; i++) {
    out[off + 2 * i] = all[i]! >> 8;
    out[off + 2 * i + 1] = all[i]! & 255;
  }
}

/**
 * frame.time_epoch text → seconds and nanoseconds as Wireshark holds them. The nanoseconds are
 * kept as the file gave them, even when invalid (≥ 10^9, or negative as a signed 32-bit number,
 * which tshark prints as a leading "-" and the absolute value).
 */
export function parseEpoch(s: string): [number, number] {
  if (s === '') return [0, 0];
  const neg = s.startsWith('-');
  const [a, b = '0'] = (neg ? s.slice(1) : s).split('.');
  const sec = Number(a);
  const nsec = Number(b);
  return neg ? [sec, -nsec] : [sec, nsec];
}

/**
 * What the TCP dissector knows about the TCP header of one row, or null when tshark's TCP
 * dissector stopped before it reached the conversation (header shorter than 16 bytes).
 */
export interface RowSegment {
  frame: number;
  tsSec: number;
  tsNsec: number;
  af: 4 | 6;
  addrs: Uint8Array;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  win: number;
  payloadLen: number;
  hdrLen: number;
  /** TCP header bytes captured. */
  hdrCaptured: number;
  wscale: number;
  sackLe: number[];
  sackRe: number[];
  /** The header is quoted inside an ICMP error. */
  quoted: boolean;
}

/** Reads the analyzer input of one row (frames with exactly one TCP layer). */
export function rowSegment(d: TcpDump, row: string[], idx = fieldIndex(d)): RowSegment | null {
  const cell = (f: string): string => row[idx.get(f)!] ?? '';
  const protos = cell('frame.protocols').split(':');
  if (protos.filter((p) => p === 'tcp').length !== 1) throw new Error(`frame ${cell('frame.number')}: not exactly one TCP layer`);
  if (cell('tcp.window_size_value') === '') return null;
  // The network layer right before TCP, and how many of its kind came before it.
  let ipN = 0;
  let ip6N = 0;
  let net: [string, number] | null = null;
  let quoted = false;
  for (const p of protos) {
    if (p === 'ip') net = ['ip', ipN++];
    else if (p === 'ipv6') net = ['ipv6', ip6N++];
    else if (p === 'icmp' || p === 'icmpv6') quoted = true;
    else if (p === 'tcp') break;
  }
  if (net === null) throw new Error(`frame ${cell('frame.number')}: no IP layer before TCP`);
  const [kind, n] = net;
  const srcs = cell(`${kind}.src`).split(',');
  const dsts = cell(`${kind}.dst`).split(',');
  const expectN = protos.filter((p) => p === kind).length;
  if (srcs.length !== expectN || dsts.length !== expectN) throw new Error(`frame ${cell('frame.number')}: ${kind} addresses do not line up`);
  const af = kind === 'ip' ? 4 : 6;
  const addrs = new Uint8Array(af === 4 ? 8 : 32);
  if (af === 4) {
    parseIPv4(srcs[n]!, addrs, 0);
    parseIPv4(dsts[n]!, addrs, 4);
  } else {
    parseIPv6(srcs[n]!, addrs, 0);
    parseIPv6(dsts[n]!, addrs, 16);
  }
  const [tsSec, tsNsec] = parseEpoch(cell('frame.time_epoch'));
  const hdrLen = Number(cell('tcp.hdr_len') || '20');
  const optHex = cell('tcp.options');
  // tshark shows the options bytes that were captured; without options, assume the header was.
  const hdrCaptured = hdrLen <= 20 ? 20 : 20 + optHex.length / 2;
  const lenCell = cell('tcp.len');
  const ws = cell('tcp.options.wscale.shift');
  const le = cell('tcp.options.sack_le');
  const re = cell('tcp.options.sack_re');
  return {
    frame: Number(cell('frame.number')),
    tsSec,
    tsNsec,
    af,
    addrs,
    srcPort: Number(cell('tcp.srcport')),
    dstPort: Number(cell('tcp.dstport')),
    seq: Number(cell('tcp.seq_raw')),
    ack: Number(cell('tcp.ack_raw')),
    flags: parseInt(cell('tcp.flags'), 16),
    win: Number(cell('tcp.window_size_value')),
    payloadLen: quoted || lenCell === '' ? -1 : Number(lenCell),
    hdrLen,
    hdrCaptured,
    wscale: ws === '' ? -1 : Number(ws.split(',')[0]),
    sackLe: le === '' ? [] : le.split(',').map(Number),
    sackRe: re === '' ? [] : re.split(',').map(Number),
    quoted,
  };
}

/** Sets the analyzer's input from a RowSegment and runs it. */
export function feedSegment(a: TcpAnalyzer, s: RowSegment): TcpSegmentResult {
  const inp = a.input;
  inp.frame = s.frame;
  inp.tsSec = s.tsSec;
  inp.tsNsec = s.tsNsec;
  inp.setAddrs(s.af, s.addrs, 0, s.addrs, s.af === 4 ? 4 : 16);
  inp.srcPort = s.srcPort;
  inp.dstPort = s.dstPort;
  inp.seq = s.seq;
  inp.ack = s.ack;
  inp.flags = s.flags;
  inp.win = s.win;
  inp.payloadLen = s.payloadLen;
  inp.hdrLen = s.hdrLen;
  inp.hdrCaptured = s.hdrCaptured;
  inp.wscale = s.wscale;
  const n = Math.min(s.sackLe.length, s.sackRe.length, 4);
  inp.sackCount = n;
  for (let i = 0; i < n; i++) {
    inp.sackLe[i] = s.sackLe[i]!;
    inp.sackRe[i] = s.sackRe[i]!;
  }
  return analyzeWhole(a);
}

/* ------------------------------------------------------------------------------------------ */
/* Rendering results as tshark prints them                                                     */

/** FT_RELATIVE_TIME as tshark -T fields prints it. */
export function relTime(sec: number, nsec: number): string {
  let sign = '';
  let n = nsec;
  if (n < 0) {
    n = -n;
    if (sec >= 0) sign = '-';
  }
  return `${sign}${sec}.${String(n).padStart(9, '0')}`;
}

const FLAG_FIELDS: [OutField, number][] = [
  ['tcp.analysis.lost_segment', A_LOST_PACKET],
  ['tcp.analysis.ack_lost_segment', A_ACK_LOST_PACKET],
  ['tcp.analysis.keep_alive', A_KEEP_ALIVE],
  ['tcp.analysis.keep_alive_ack', A_KEEP_ALIVE_ACK],
  ['tcp.analysis.zero_window', A_ZERO_WINDOW],
  ['tcp.analysis.zero_window_probe', A_ZERO_WINDOW_PROBE],
  ['tcp.analysis.zero_window_probe_ack', A_ZERO_WINDOW_PROBE_ACK],
  ['tcp.analysis.out_of_order', A_OUT_OF_ORDER],
  ['tcp.analysis.fast_retransmission', A_FAST_RETRANSMISSION],
  ['tcp.analysis.spurious_retransmission', A_SPURIOUS_RETRANSMISSION],
  ['tcp.analysis.window_update', A_WINDOW_UPDATE],
  ['tcp.analysis.window_full', A_WINDOW_FULL],
  ['tcp.analysis.reused_ports', A_REUSED_PORTS],
];

/**
 * The analyzer's result as tshark's cells for OUT_FIELDS (null result: the TCP dissector never
 * reached the conversation, so every cell is empty).
 */
export function resultCells(r: TcpSegmentResult | null, quoted = false): Record<OutField, string> {
  const c = {} as Record<OutField, string>;
  for (const f of OUT_FIELDS) c[f] = '';
  if (r === null) return c;
  c['tcp.stream'] = String(r.stream);
  c['tcp.seq'] = String(r.seq);
  if (r.analyzed) c['tcp.len'] = String(r.len);
  if (r.reach === REACH_SEQ) return c;
  c['tcp.ack'] = String(r.ack);
  if (r.analyzed) c['tcp.nxtseq'] = String(r.nxtseq);
  c['tcp.window_size'] = String(r.window);
  if (r.showScaleFactor) c['tcp.window_size_scalefactor'] = String(r.scaleFactor);
  if (r.reach === REACH_HEADER) return c;
  c['tcp.time_relative'] = relTime(r.timeRelSec, r.timeRelNsec);
  c['tcp.time_delta'] = relTime(r.timeDeltaSec, r.timeDeltaNsec);
  if (!r.hasAnalysis) return c;
  c['tcp.analysis'] = '1';
  if (r.acksFrame) {
    c['tcp.analysis.acks_frame'] = String(r.acksFrame);
    if (r.hasAckRtt) c['tcp.analysis.ack_rtt'] = relTime(r.ackRttSec, r.ackRttNsec);
  }
  if (r.hasInitialRtt) c['tcp.analysis.initial_rtt'] = relTime(r.initialRttSec, r.initialRttNsec);
  if (r.bytesInFlight) {
    c['tcp.analysis.bytes_in_flight'] = String(r.bytesInFlight);
    c['tcp.analysis.push_bytes_sent'] = String(r.pushBytesSent);
  }
  const f = r.flags;
  if (f === 0) return c;
  c['tcp.analysis.flags'] = '1';
  for (const [name, bit] of FLAG_FIELDS) if (f & bit) c[name] = '1';
  // Fast and spurious retransmissions also raise the plain retransmission expert item.
  if (f & (A_RETRANSMISSION | A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION)) c['tcp.analysis.retransmission'] = '1';
  if (r.hasRto) {
    c['tcp.analysis.rto'] = relTime(r.rtoSec, r.rtoNsec);
    c['tcp.analysis.rto_frame'] = String(r.rtoFrame);
  }
  if (r.dupAckNum !== 0) {
    // The field and the expert item share the name: two occurrences.
    if (f & A_DUPLICATE_ACK) c['tcp.analysis.duplicate_ack'] = '1,1';
    c['tcp.analysis.duplicate_ack_num'] = String(r.dupAckNum);
    c['tcp.analysis.duplicate_ack_frame'] = String(r.dupAckFrame);
  }
  // Inside an ICMP error the columns are not writable.
  if (!quoted) c['info.prefix'] = r.infoPrefix();
  return c;
}

/** tshark's cells for OUT_FIELDS of one cached row. */
export function expectedCells(d: TcpDump, row: string[], idx = fieldIndex(d)): Record<OutField, string> {
  const c = {} as Record<OutField, string>;
  for (const f of OUT_FIELDS) c[f] = row[idx.get(f)!] ?? '';
  return c;
}

/* ------------------------------------------------------------------------------------------ */
/* Crafted captures                                                                            */

/** One crafted TCP segment. */
export interface CraftSeg {
  /** Capture time in seconds (ns resolution). */
  t: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  /** Flags as letters: S A F R P U E C (SYN ACK FIN RST PSH URG ECE CWR), or a number. */
  flags: string | number;
  win: number;
  /** Payload bytes. */
  len?: number;
  mss?: number;
  ws?: number;
  sackPerm?: boolean;
  ts?: [number, number];
  sack?: [number, number][];
  /** A TCP Fast Open cookie (option 34, 8 bytes), after the other options. */
  tfoCookie?: boolean;
  /** Wrap the IP packet into an ICMP(v6) destination-unreachable error from the destination, quoting this many bytes of it. */
  icmpQuote?: number;
  /** Data offset field (header length / 4) to write instead of the real one. */
  doff?: number;
  /** Captured length of the frame (the rest is cut off, as by a snap length). */
  snap?: number;
}

const FLAG_LETTERS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, U: 0x20, E: 0x40, C: 0x80 };

export function flagBits(f: string | number): number {
  if (typeof f === 'number') return f;
  let v = 0;
  for (const ch of f) v |= FLAG_LETTERS[ch] ?? 0;
  return v;
}

function be16(b: number[], v: number): void {
  b.push((v >>> 8) & 255, v & 255);
}
function be32(b: number[], v: number): void {
  b.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}

function checksum(bytes: number[], start = 0, end = bytes.length, init = 0): number {
  let s = init;
  for (let i = start; i < end; i += 2) s += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

function addrBytes(a: string): number[] {
  const v6 = a.includes(':');
  const out = new Uint8Array(v6 ? 16 : 4);
  if (v6) parseIPv6(a, out, 0);
  else parseIPv4(a, out, 0);
  return [...out];
}

function tcpBytes(s: CraftSeg): number[] {
  const opts: number[] = [];
  if (s.mss !== undefined) { opts.push(2, 4); be16(opts, s.mss); }
  if (s.ws !== undefined) opts.push(1, 3, 3, s.ws);
  if (s.sackPerm) opts.push(1, 1, 4, 2);
  if (s.ts) { opts.push(1, 1, 8, 10); be32(opts, s.ts[0]); be32(opts, s.ts[1]); }
  if (s.sack && s.sack.length) {
    opts.push(1, 1, 5, 2 + 8 * s.sack.length);
    for (const [l, r] of s.sack) { be32(opts, l); be32(opts, r); }
  }
  if (s.tfoCookie) opts.push(34, 10, 1, 2, 3, 4, 5, 6, 7, 8);
  while (opts.length % 4) opts.push(0);
  const b: number[] = [];
  be16(b, s.sport);
  be16(b, s.dport);
  be32(b, s.seq >>> 0);
  be32(b, (s.ack ?? 0) >>> 0);
  const fl = flagBits(s.flags);
  be16(b, ((s.doff ?? (20 + opts.length) / 4) << 12) | fl);
  be16(b, s.win);
  be16(b, 0); // checksum (not verified by default)
  be16(b, 0);
  b.push(...opts);
  for (let i = 0; i < (s.len ?? 0); i++) b.push(0x78);
  return b;
}

function ipPacket(src: string, dst: string, proto: number, payload: number[], id = 1): number[] {
  const s = addrBytes(src);
  const d = addrBytes(dst);
  const b: number[] = [];
  if (s.length === 4) {
    b.push(0x45, 0);
    be16(b, 20 + payload.length);
    be16(b, id & 0xffff);
    be16(b, 0x4000);
    b.push(64, proto, 0, 0, ...s, ...d);
    const c = checksum(b, 0, 20);
    b[10] = c >>> 8;
    b[11] = c & 255;
  } else {
    be32(b, 0x60000000);
    be16(b, payload.length);
    b.push(proto, 64, ...s, ...d);
  }
  b.push(...payload);
  return b;
}

/** One crafted segment as an Ethernet frame. */
export function craftFrame(s: CraftSeg, id = 1): Uint8Array {
  let ip = ipPacket(s.src, s.dst, 6, tcpBytes(s), id);
  const v6 = s.src.includes(':');
  if (s.icmpQuote !== undefined) {
    const quote = ip.slice(0, s.icmpQuote);
    const icmp = v6 ? [1, 4, 0, 0, 0, 0, 0, 0, ...quote] : [3, 3, 0, 0, 0, 0, 0, 0, ...quote];
    if (!v6) {
      const c = checksum(icmp);
      icmp[2] = c >>> 8;
      icmp[3] = c & 255;
    }
    ip = ipPacket(s.dst, s.src, v6 ? 58 : 1, icmp, id);
  }
  const eth = [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, 0x88, 0x99, 0xaa];
  be16(eth, v6 ? 0x86dd : 0x0800);
  return Uint8Array.from([...eth, ...ip]);
}

/** A nanosecond pcap (LINKTYPE_ETHERNET) of the crafted segments. */
export function craftPcap(segs: readonly CraftSeg[]): Uint8Array {
  const out: number[] = [];
  const le32 = (v: number): void => { out.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255); };
  le32(0xa1b23c4d);
  out.push(2, 0, 4, 0);
  le32(0);
  le32(0);
  le32(65535);
  le32(1);
  segs.forEach((s, i) => {
    const f = craftFrame(s, i + 1);
    const ns = Math.round(s.t * 1e9);
    le32(Math.floor(ns / 1e9));
    le32(ns % 1e9);
    const cap = Math.min(f.length, s.snap ?? f.length);
    le32(cap);
    le32(f.length);
    for (let j = 0; j < cap; j++) out.push(f[j]!);
  });
  return Uint8Array.from(out);
}

/** tshark's view of crafted segments (needs tshark). */
export function tsharkCrafted(segs: readonly CraftSeg[]): TcpDump {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-crafted-'));
  try {
    const p = join(dir, 'crafted.pcap');
    writeFileSync(p, craftPcap(segs));
    return extractTcp(p);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Feeds crafted segments to an analyzer directly (as the dissector would), in order. */
export function feedCrafted(a: TcpAnalyzer, segs: readonly CraftSeg[]): Record<OutField, string>[] {
  return segs.map((s, i) => {
    const inp = a.input;
    const v6 = s.src.includes(':');
    const quoted = s.icmpQuote !== undefined;
    const realHdr = tcpBytes({ ...s, len: 0 }).length;
    const hdrLen = s.doff !== undefined ? s.doff * 4 : realHdr;
    const ipHdr = v6 ? 40 : 20;
    // TCP header bytes that were captured (quoted in an ICMP error, or before the snap length).
    let tcpCaptured = quoted ? s.icmpQuote! - ipHdr : Infinity;
    if (s.snap !== undefined) tcpCaptured = Math.min(tcpCaptured, s.snap - 14 - (quoted ? ipHdr + 8 : 0) - ipHdr);
    // Wireshark's TCP dissector reaches the conversation only with 16 bytes of header.
    if (tcpCaptured < 16) return resultCells(null);
    const addrs = Uint8Array.from([...addrBytes(s.src), ...addrBytes(s.dst)]);
    const ns = Math.round(s.t * 1e9);
    inp.frame = i + 1;
    inp.tsSec = Math.floor(ns / 1e9);
    inp.tsNsec = ns % 1e9;
    inp.setAddrs(v6 ? 6 : 4, addrs, 0, addrs, v6 ? 16 : 4);
    inp.srcPort = s.sport;
    inp.dstPort = s.dport;
    inp.seq = s.seq >>> 0;
    inp.ack = (s.ack ?? 0) >>> 0;
    inp.flags = flagBits(s.flags);
    inp.win = s.win;
    // tcp.len: the reported TCP length minus the header length (none if shorter, or quoted).
    const reported = realHdr + (s.len ?? 0);
    inp.payloadLen = quoted || reported < hdrLen ? -1 : reported - hdrLen;
    inp.hdrLen = hdrLen;
    inp.hdrCaptured = Math.min(tcpCaptured, 60);
    // Options the dissector could read before the captured header ends (layout of tcpBytes).
    const wsAt = 20 + (s.mss !== undefined ? 4 : 0);
    inp.wscale = s.ws !== undefined && wsAt + 4 <= tcpCaptured ? s.ws : -1;
    const sackAt = wsAt + (s.ws !== undefined ? 4 : 0) + (s.sackPerm ? 4 : 0) + (s.ts ? 12 : 0) + 4;
    const sk = (s.sack ?? []).filter((_, j) => sackAt + 8 * (j + 1) <= tcpCaptured);
    inp.sackCount = Math.min(sk.length, 4);
    sk.slice(0, 4).forEach(([l, r], j) => {
      inp.sackLe[j] = l >>> 0;
      inp.sackRe[j] = r >>> 0;
    });
    return resultCells(analyzeWhole(a), quoted);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(CORPUS_DIR)) throw new Error(`no corpus at ${CORPUS_DIR}`);
  regenerate().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

/**
 * The analyzer on its input as the TCP dissector drives it for a header whose options were read
 * without an error: analyze(), then the SYN's window-scaling check.
 */
export function analyzeWhole(a: TcpAnalyzer): TcpSegmentResult {
  const r = a.analyze();
  a.verifyWindowScaling();
  return r;
}
