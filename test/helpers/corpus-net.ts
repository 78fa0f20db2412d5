/**
 * Checking the network and transport dissectors (IPv4, IPv6, ICMP, ICMPv6, UDP, TCP) against
 * tshark 4.0.17.
 *
 * On the corpus (test/dissectors/protocols/net-corpus.test.ts):
 *   - fields: every column of fixtures/corpus/expected/<file>.fields.tsv that belongs to those
 *     protocols (with the stream tracker's tcp.stream, tcp.seq, tcp.ack, udp.stream), compared
 *     with our extractFields values joined like `-E occurrence=a -E aggregator=,`;
 *   - columns: Protocol, Info, Source and Destination of the frames whose top protocol tshark
 *     says is one of ours, compared with `tshark -n -r f` (run on the spot; skipped when tshark
 *     is not installed), with the differences that wait for TCP reassembly told apart
 *     (columnGap).
 * Each file is dissected with the full tree and the catch on, in file order, by one
 * CaptureDissector (so IP reassembly and ICMP request/response matching see the frames as
 * tshark's single pass does). Frames tshark shows and we deliberately do not (pcapng custom
 * blocks, test/corpus/known-differences.ts) are left out when pairing frames.
 *
 * For the unit tests (test/dissectors/protocols/{ipv4,ipv6,icmp,icmpv6,udp,tcp}.test.ts):
 * hexDump, dissect, dissectFrames, fieldsOf / fieldsOrExperts and checkTruncations.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { readCaptureFile } from '../../electron/engine/read-capture.js';
import { BoundsError, MalformedError } from '../../dissectors/core/errors.js';
import type { FrameMeta, PacketInfo } from '../../dissectors/core/pinfo.js';
import { extractFields, findNodes } from '../../dissectors/output/fields.js';
import { CaptureDissector, type DissectOptions } from '../../dissectors/packet.js';
import { tsharkOnlyFrames } from '../corpus/known-differences.js';

export const CORPUS_DIR = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

export interface CorpusFile {
  file: string;
  path: string;
  frames: { meta: FrameMeta; data: Uint8Array }[];
}

/** Corpus capture files (sorted), read through the capture engine; `only` filters by name. */
export function loadCorpus(only?: (file: string) => boolean): CorpusFile[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => /\.(pcap|pcapng)$/i.test(f) && (!only || only(f)))
    .sort()
    .map((file) => {
      const path = join(CORPUS_DIR, file);
      const frames: CorpusFile['frames'] = [];
      readCaptureFile(path, (rec) => {
        frames.push({
          meta: { num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen },
          data: rec.data.slice(),
        });
      });
      return { file, path, frames };
    });
}

/** Field prefixes this check covers. */
export const NET_PREFIXES = ['ip.', 'ipv6.', 'icmp.', 'icmpv6.', 'tcp.', 'udp.'] as const;
/**
 * Columns left out. None since the stream tracker (dissectors/tcp/tracker.ts, udp/conversations.ts)
 * is installed: tcp.stream, the relative tcp.seq/tcp.ack and udp.stream are compared too.
 */
export const NET_EXCLUDED = new Set<string>();
/** tshark Protocol column values whose Info our dissectors write. */
export const NET_TOP_PROTOCOLS = new Set(['IPv4', 'IPv6', 'ICMP', 'ICMPv6', 'TCP', 'UDP']);

export interface ExpectedTsv {
  header: string[];
  /** Rows by frame number (1-based). */
  rows: Map<number, string[]>;
}

/** tshark's expected per-frame fields for a corpus file (null when there is no TSV). */
export function readExpectedTsv(file: string): ExpectedTsv | null {
  const p = join(CORPUS_DIR, 'expected', `${file}.fields.tsv`);
  if (!existsSync(p)) return null;
  const lines = readFileSync(p, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = lines[0]!.split('\t');
  const rows = new Map<number, string[]>();
  for (const l of lines.slice(1)) {
    const cells = l.split('\t');
    rows.set(Number(cells[0]), cells);
  }
  return { header, rows };
}

/** The TSV columns this check covers. */
export function netColumns(header: readonly string[]): string[] {
  return header.filter((h) => NET_PREFIXES.some((p) => h.startsWith(p)) && !NET_EXCLUDED.has(h));
}

export interface DissectedFrame {
  num: number;
  protocol: string;
  info: string;
  src: string;
  dst: string;
  /** Field values joined with ',' (tshark's `-E aggregator=,`), in the order asked for. */
  fields: string[];
}

/** Dissects every frame of a corpus file (full tree, catch on) and extracts `fields`. */
export function dissectCorpusFile(cf: CorpusFile, fields: readonly string[]): DissectedFrame[] {
  const d = new CaptureDissector();
  const out: DissectedFrame[] = [];
  for (const f of cf.frames) {
    const p = d.dissect({ ...f.meta }, f.data, true);
    const vals = extractFields(p.tree, fields);
    out.push({ num: f.meta.num, protocol: p.protocol, info: p.info, src: p.srcText(), dst: p.dstText(), fields: vals.map((v) => v.join(',')) });
  }
  return out;
}

let tsharkOk: boolean | null = null;
let cfgDir: string | null = null;

/** True when tshark can be run here. */
export function haveTshark(): boolean {
  if (tsharkOk === null) {
    const r = spawnSync('tshark', ['-v'], { encoding: 'utf8' });
    tsharkOk = r.status === 0;
  }
  return tsharkOk;
}

/** Runs tshark with an empty profile (so no personal preference changes the output). */
export function runTshark(args: readonly string[]): string {
  cfgDir ??= mkdtempSync(join(tmpdir(), 'packetloom-tshark-'));
  const r = spawnSync('tshark', args as string[], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, HOME: cfgDir, WIRESHARK_CONFIG_DIR: cfgDir },
  });
  if (r.error) throw r.error;
  return r.stdout;
}

/** tshark's `-T fields` for `fields` (all occurrences joined with ','), one array per frame. */
export function tsharkFields(path: string, fields: readonly string[], extra: readonly string[] = []): string[][] {
  const args = ['-n', '-r', path, ...extra, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', '-E', 'separator=/t'];
  for (const f of fields) args.push('-e', f);
  return runTshark(args).split('\n').filter((l, i, a) => l.length > 0 || i < a.length - 1).map((l) => l.split('\t'));
}

export interface TsharkColumns {
  num: number;
  protocol: string;
  info: string;
  src: string;
  dst: string;
}

/**
 * tshark's summary columns (`extra`: more tshark options, e.g. `-o
 * tcp.relative_sequence_numbers:FALSE` to compare with the TCP dissector without its stream tracker).
 */
export function tsharkColumns(path: string, extra: readonly string[] = []): TsharkColumns[] {
  const rows = tsharkFields(path, ['frame.number', '_ws.col.Protocol', '_ws.col.Info', '_ws.col.Source', '_ws.col.Destination'], extra);
  return rows.filter((r) => r[0] !== '').map((r) => ({ num: Number(r[0]), protocol: r[1] ?? '', info: r[2] ?? '', src: r[3] ?? '', dst: r[4] ?? '' }));
}

export interface Mismatch {
  file: string;
  /** tshark's frame number. */
  frame: number;
  what: string;
  ours: string;
  tshark: string;
}

/**
 * Our frame number for each tshark frame number: tshark also counts the frames it shows and we
 * deliberately do not (pcapng custom blocks, test/corpus/known-differences.ts), so the frames are
 * paired in order with those left out.
 */
export function pairFrames(file: string, tsharkNums: readonly number[]): Map<number, number> {
  const skip = tsharkOnlyFrames(file);
  const out = new Map<number, number>();
  let ours = 0;
  for (const n of [...tsharkNums].sort((x, y) => x - y)) if (!skip.has(n)) out.set(n, ++ours);
  return out;
}

export interface FieldCheck {
  /** Cells compared (frames × columns). */
  cells: number;
  mismatches: Mismatch[];
}

/** Compares the covered TSV columns of one file (`frames`: from dissectCorpusFile with netColumns). */
export function checkFields(cf: CorpusFile, frames?: readonly DissectedFrame[]): FieldCheck {
  const exp = readExpectedTsv(cf.file);
  if (!exp) return { cells: 0, mismatches: [] };
  const cols = netColumns(exp.header);
  const idx = cols.map((c) => exp.header.indexOf(c));
  const ours = new Map((frames ?? dissectCorpusFile(cf, cols)).map((f) => [f.num, f]));
  const mismatches: Mismatch[] = [];
  let cells = 0;
  for (const [tnum, onum] of pairFrames(cf.file, [...exp.rows.keys()])) {
    const row = exp.rows.get(tnum)!;
    const fr = ours.get(onum);
    cols.forEach((c, i) => {
      cells++;
      const want = row[idx[i]!] ?? '';
      const got = fr?.fields[i] ?? '<no frame>';
      if (want !== got) mismatches.push({ file: cf.file, frame: tnum, what: c, ours: got, tshark: want });
    });
  }
  return { cells, mismatches };
}

/**
 * TCP Info text that comes from TCP reassembly (not built yet): the "[TCP segment of a
 * reassembled PDU]" suffix and a trailing reassembly error.
 */
export function stripTcpReassembly(info: string): string {
  return info.replace(/ \[TCP segment of a reassembled PDU\]$/, '').replace(/\[Reassembly error, protocol TCP: [^\]]*\]$/, '');
}

/**
 * Why a frame's columns may differ from tshark's until TCP reassembly exists: tshark marks a
 * segment whose data it keeps for a PDU ("[TCP segment of a reassembled PDU]"), and shows TCP where
 * we show the protocol above it (HTTP), because without reassembly each segment — also a
 * retransmitted one — goes up on its own.
 */
export type ColumnGap = 'reassembly';

/** The reassembly-dependent reason for a column difference, or null for a real disagreement. */
export function columnGap(ours: TsharkColumns, ts: TsharkColumns): ColumnGap | null {
  if (ours.src !== ts.src || ours.dst !== ts.dst) return null;
  if (ours.protocol !== ts.protocol) return ts.protocol === 'TCP' && !NET_TOP_PROTOCOLS.has(ours.protocol) ? 'reassembly' : null;
  return ts.protocol === 'TCP' && stripTcpReassembly(ours.info) === stripTcpReassembly(ts.info) ? 'reassembly' : null;
}

export interface ColumnCheck {
  /** Frames whose top protocol (per tshark) is one of ours. */
  frames: number;
  /** Frames whose four columns all match exactly. */
  exact: number;
  /** Frames that differ for a reason TCP reassembly will remove. */
  gaps: Record<ColumnGap, number>;
  /** Everything else, column by column. */
  mismatches: Mismatch[];
}

/**
 * Compares Protocol/Info/Source/Destination for the frames tshark gives to our protocols
 * (`frames`: from dissectCorpusFile).
 */
export function checkColumns(cf: CorpusFile, ts: readonly TsharkColumns[], frames?: readonly DissectedFrame[]): ColumnCheck {
  const ours = new Map((frames ?? dissectCorpusFile(cf, [])).map((f) => [f.num, f]));
  const pairs = pairFrames(cf.file, ts.map((t) => t.num));
  const res: ColumnCheck = { frames: 0, exact: 0, gaps: { reassembly: 0 }, mismatches: [] };
  for (const t of ts) {
    if (!NET_TOP_PROTOCOLS.has(t.protocol)) continue;
    const o = ours.get(pairs.get(t.num) ?? -1);
    if (!o) continue;
    res.frames++;
    if (o.protocol === t.protocol && o.info === t.info && o.src === t.src && o.dst === t.dst) {
      res.exact++;
      continue;
    }
    const gap = columnGap({ num: o.num, protocol: o.protocol, info: o.info, src: o.src, dst: o.dst }, t);
    if (gap) {
      res.gaps[gap]++;
      continue;
    }
    for (const [what, a, b] of [['protocol', o.protocol, t.protocol], ['info', o.info, t.info], ['src', o.src, t.src], ['dst', o.dst, t.dst]] as const) {
      if (a !== b) res.mismatches.push({ file: cf.file, frame: t.num, what, ours: a, tshark: b });
    }
  }
  return res;
}

// ---- Unit-test helpers for the IP, ICMP, UDP and TCP tests ----

export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;

export { hex, hexDump } from './hex.js';

export interface TestFrame {
  bytes: Uint8Array;
  /** On-the-wire length (default: the bytes' length). */
  origLen?: number;
  linkType?: number;
  tsSec?: number;
  tsNsec?: number;
}

/**
 * Dissects frames in order through one CaptureDissector (so cross-packet state is shared), with
 * the catch off and the full tree; returns what each frame gave (columns and the fields asked for).
 */
export function dissectFrames(frames: readonly TestFrame[], fields: readonly string[] = []): DissectedFrame[] {
  const d = new CaptureDissector({ catchErrors: false });
  return frames.map((f, i) => {
    const p = d.dissect(
      { num: i + 1, tsSec: f.tsSec ?? 1_700_000_000 + i, tsNsec: f.tsNsec ?? 0, hasTs: true, linkType: f.linkType ?? LINKTYPE_ETHERNET, interfaceId: 0, origLen: f.origLen ?? f.bytes.length },
      f.bytes,
      true,
    );
    return { num: i + 1, protocol: p.protocol, info: p.info, src: p.srcText(), dst: p.dstText(), fields: extractFields(p.tree, fields).map((v) => v.join(',')) };
  });
}

/** Dissects one frame with the catch off (bugs throw) and the full tree. */
export function dissect(bytes: Uint8Array, linkType = LINKTYPE_ETHERNET, origLen = bytes.length, options: DissectOptions = {}): PacketInfo {
  const d = new CaptureDissector({ ...options, catchErrors: false });
  return d.dissect({ num: 1, tsSec: 1_700_000_000, tsNsec: 0, hasTs: true, linkType, interfaceId: 0, origLen }, bytes, true);
}

/** Field values joined with ',' as `-T fields -E occurrence=a -E aggregator=,` prints them. */
export function fieldsOf(p: PacketInfo, names: readonly string[]): Record<string, string> {
  const vals = extractFields(p.tree, names);
  const out: Record<string, string> = {};
  names.forEach((n, i) => (out[n] = vals[i]!.join(',')));
  return out;
}

/**
 * Like `fieldsOf`, but an expert item's name gives the items' messages (what tshark shows as
 * `_ws.expert.message` for them; `-e <expert name>` itself prints only `1`).
 */
export function fieldsOrExperts(p: PacketInfo, names: readonly string[]): Record<string, string> {
  const out = fieldsOf(p, names);
  for (const n of names) {
    const nodes = findNodes(p.tree, n);
    if (nodes.length > 0 && nodes.every((x) => x.expert)) out[n] = nodes.map((x) => x.expert!.message).join(',');
  }
  return out;
}

/**
 * Every truncation of a frame (after `before`, dissected first through the same dissectors for
 * cross-packet state): captured length 0..n with the original reported length, and with the
 * reported length cut too. With the catch off only BoundsError/MalformedError may escape; with it
 * on there is always a tree, a frame that threw is marked malformed and carries an expert item,
 * and the summary pass agrees with the full tree on the columns and on whether it threw.
 */
export function checkTruncations(bytes: Uint8Array, opts: { linkType?: number; origLen?: number; before?: readonly TestFrame[]; options?: DissectOptions } = {}): void {
  const o = opts.options ?? {};
  const linkType = opts.linkType ?? LINKTYPE_ETHERNET;
  const origLen = opts.origLen ?? bytes.length;
  const before = opts.before ?? [];
  const prime = (d: CaptureDissector, full: boolean) => {
    before.forEach((f, i) => d.dissect({ num: i + 1, tsSec: 1_700_000_000 + i, tsNsec: 0, hasTs: true, linkType: f.linkType ?? linkType, interfaceId: 0, origLen: f.origLen ?? f.bytes.length }, f.bytes, full));
  };
  const num = before.length + 1;
  for (let cap = 0; cap <= bytes.length; cap++) {
    for (const rep of new Set([origLen, cap])) {
      const data = bytes.slice(0, cap);
      const meta = { num, tsSec: 1_700_000_000 + num, tsNsec: 0, hasTs: true, linkType, interfaceId: 0, origLen: rep };
      let threw = false;
      const off = new CaptureDissector({ ...o, catchErrors: false });
      prime(off, true);
      try {
        off.dissect({ ...meta }, data, true);
      } catch (e) {
        if (!(e instanceof BoundsError || e instanceof MalformedError)) throw e;
        threw = true;
      }
      const s = new CaptureDissector(o);
      prime(s, false);
      const summary = s.dissect({ ...meta }, data, false);
      const sumCols = [summary.protocol, summary.info, summary.srcText(), summary.dstText(), summary.malformed];
      const f = new CaptureDissector(o);
      prime(f, true);
      const full = f.dissect({ ...meta }, data, true);
      expect(full.tree.children?.length ?? 0).toBeGreaterThan(0);
      expect(full.malformed).toBe(threw);
      // Malformed: an expert item, or (cut by the snap length) tshark 4.0's _ws.short item, which has none.
      if (threw) expect(full.expertMax >= 0 || full.tree.children!.some((n) => n.field?.abbrev === '_ws.short')).toBe(true);
      expect([full.protocol, full.info, full.srcText(), full.dstText(), full.malformed]).toEqual(sumCols);
    }
  }
}
