/** Shared helpers for the capture-file tests: read a file through a reader, the corpus, tshark. */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReader, isCaptureFileError, readerFor, sniffFormat } from '../../../dissectors/capture/open.js';
import type { CaptureFileError, CaptureFormat, CaptureMeta, CaptureReader, PacketRecord } from '../../../dissectors/capture/types.js';

export const CORPUS = '/work/shared/corpus';

export interface KeptRecord extends Omit<PacketRecord, 'data'> {
  data: Uint8Array;
}

export interface ReadResult {
  records: KeptRecord[];
  error: CaptureFileError | null;
  done: boolean;
  meta: CaptureMeta;
  offset: number;
}

export function keep(r: PacketRecord): KeptRecord {
  return { ...r, data: r.data.slice(), comments: r.comments ? [...r.comments] : undefined };
}

/** Drains a reader into `out`. */
export function drain(r: CaptureReader, out: KeptRecord[]): void {
  let rec: PacketRecord | null;
  while ((rec = r.next()) !== null) out.push(keep(rec));
}

/**
 * Reads `bytes` in chunks of `chunk` bytes (0 = whole). The reader is built directly for the
 * sniffed format and fed from byte 0, so even the magic arrives 1 byte at a time; `viaCreate`
 * goes through createReader with the first max(chunk, 4) bytes instead.
 */
export function readAll(bytes: Uint8Array, chunk = 0, viaCreate = false, format?: CaptureFormat): ReadResult {
  const size = chunk <= 0 ? Math.max(bytes.length, 1) : chunk;
  const records: KeptRecord[] = [];
  let r: CaptureReader;
  let pos = 0;
  if (viaCreate) {
    const first = bytes.subarray(0, Math.max(size, 4));
    const c = createReader(first);
    if (isCaptureFileError(c)) throw new Error(`createReader failed: ${c.message}`);
    r = c;
    pos = first.length;
  } else {
    const f = format ?? sniffFormat(bytes);
    if (f === null) throw new Error('not a capture');
    r = readerFor(f);
  }
  for (; pos < bytes.length; pos += size) {
    r.push(bytes.subarray(pos, Math.min(pos + size, bytes.length)));
    drain(r, records);
  }
  r.end();
  drain(r, records);
  return { records, error: r.error, done: r.done, meta: r.meta, offset: r.offset };
}

export function corpusFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.pcap') || f.endsWith('.pcapng'))
    .sort();
}

export function corpusBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CORPUS, name)));
}

export function corpusSize(name: string): number {
  return statSync(join(CORPUS, name)).size;
}

export interface TsvRow {
  number: string;
  time: string;
  len: string;
  capLen: string;
}

export function expectedRows(name: string): TsvRow[] {
  const text = readFileSync(join(CORPUS, 'expected', `${name}.fields.tsv`), 'utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const head = lines[0]!.split('\t');
  const ix = (n: string) => head.indexOf(n);
  const [a, b, c, d] = [ix('frame.number'), ix('frame.time_epoch'), ix('frame.len'), ix('frame.cap_len')];
  return lines.slice(1).map((l) => {
    const f = l.split('\t');
    return { number: f[a]!, time: f[b]!, len: f[c]!, capLen: f[d]! };
  });
}

export function indexRow(name: string): { exit: number; stderr: string } {
  const text = readFileSync(join(CORPUS, 'expected', 'INDEX.tsv'), 'utf8');
  for (const l of text.split('\n')) {
    const f = l.split('\t');
    if (f[0] === name) return { exit: Number(f[1]), stderr: f[3] ?? '' };
  }
  throw new Error(`${name} not in INDEX.tsv`);
}

/** `${sec}.${nsec padded to 9}` (tshark's frame.time_epoch), '' without a timestamp. */
export function epoch(r: { tsSec: number; tsNsec: number; hasTs: boolean }): string {
  return r.hasTs ? `${r.tsSec}.${String(r.tsNsec).padStart(9, '0')}` : '';
}

/** A deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Path of tshark, or throws with a clear message (tshark is required, never skipped). */
export function tsharkPath(): string {
  for (const p of ['/usr/bin/tshark', '/usr/local/bin/tshark']) if (existsSync(p)) return p;
  const w = spawnSync('sh', ['-c', 'command -v tshark'], { encoding: 'utf8' });
  if (w.status === 0 && w.stdout.trim()) return w.stdout.trim();
  throw new Error('tshark is required for the capture writer round-trip tests (install the tshark package); it was not found on PATH');
}

let cfgDir: string | null = null;

/** Runs tshark with HOME and WIRESHARK_CONFIG_DIR pointed at an empty temp dir. */
export function tshark(args: string[]): { stdout: string; stderr: string; status: number } {
  cfgDir ??= mkdtempSync(join(tmpdir(), 'packetloom-tshark-cfg-'));
  const r = spawnSync(tsharkPath(), args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, HOME: cfgDir, WIRESHARK_CONFIG_DIR: cfgDir },
  });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

export { execFileSync };

export interface BlockInfo {
  offset: number;
  type: number;
  len: number;
}

/** An independent, minimal pcapng block walk (test oracle for block positions). */
export function pcapngBlocks(bytes: Uint8Array): BlockInfo[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: BlockInfo[] = [];
  let le = true;
  for (let o = 0; o + 12 <= bytes.length; ) {
    if (v.getUint32(o, true) === 0x0a0d0d0a) le = v.getUint32(o + 8, true) === 0x1a2b3c4d;
    const type = v.getUint32(o, le);
    const len = v.getUint32(o + 4, le);
    out.push({ offset: o, type, len });
    if (len < 12) break;
    o += len;
  }
  return out;
}
