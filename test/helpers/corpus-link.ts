/**
 * Checking the link-layer dissectors (Ethernet, 802.1Q/802.1ad, SLL, null/loopback, raw IP), ARP
 * and DNS against tshark on the corpus:
 *
 *   - fields: the columns of fixtures/corpus/expected/<file>.fields.tsv that belong to those
 *     protocols (eth.src, eth.dst, eth.type, vlan.id, arp.*, dns.*), compared with our
 *     extractFields values joined like `-E occurrence=a -E aggregator=,`;
 *   - columns: Protocol, Info, Source and Destination of the frames whose top protocol (tshark's
 *     Protocol column) is one of ours, compared with `tshark -n -r f` run on the spot (skipped
 *     when tshark is not installed).
 *
 * Each file is dissected in order by one CaptureDissector with the full tree and the catch on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCaptureFile } from '../../electron/engine/read-capture.js';
import type { FrameMeta } from '../../dissectors/core/pinfo.js';
import { extractFields } from '../../dissectors/output/fields.js';
import { CaptureDissector } from '../../dissectors/packet.js';

export const CORPUS_DIR = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

/** TSV columns of ours. */
export function linkColumns(header: readonly string[]): string[] {
  return header.filter((h) => h === 'eth.src' || h === 'eth.dst' || h === 'eth.type' || h === 'vlan.id' || h.startsWith('arp.') || h.startsWith('dns.'));
}

/** tshark Protocol column values whose Info our dissectors write. */
export function isOurTopProtocol(p: string): boolean {
  return /^(ARP|RARP|Inverse ARP|DRARP|DNS|MDNS|LLMNR|Ethernet|VLAN|802\.1ad|SLL|N\/A|0x[0-9a-f]{4})$/.test(p);
}

export interface LinkFrame {
  num: number;
  protocol: string;
  info: string;
  src: string;
  dst: string;
  fields: string[];
}

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/i.test(f)).sort();
}

/** Dissects every frame of a corpus file and extracts `fields` (values joined with ','). */
export function dissectFile(file: string, fields: readonly string[]): LinkFrame[] {
  const frames: { meta: FrameMeta; data: Uint8Array }[] = [];
  readCaptureFile(join(CORPUS_DIR, file), (rec) => {
    frames.push({
      meta: { num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen },
      data: rec.data.slice(),
    });
  });
  const d = new CaptureDissector();
  return frames.map((f) => {
    const p = d.dissect(f.meta, f.data, true);
    const vals = extractFields(p.tree, fields);
    return { num: f.meta.num, protocol: p.protocol, info: p.info, src: p.srcText(), dst: p.dstText(), fields: vals.map((v) => v.join(',')) };
  });
}

export interface Mismatch {
  file: string;
  frame: number;
  what: string;
  ours: string;
  tshark: string;
}

/** Compares our columns of the expected TSV for one file. */
export function checkLinkFields(file: string): { cells: number; mismatches: Mismatch[] } {
  const p = join(CORPUS_DIR, 'expected', `${file}.fields.tsv`);
  if (!existsSync(p)) return { cells: 0, mismatches: [] };
  const lines = readFileSync(p, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = lines[0]!.split('\t');
  const cols = linkColumns(header);
  const idx = cols.map((c) => header.indexOf(c));
  const rows = new Map(lines.slice(1).map((l) => { const c = l.split('\t'); return [Number(c[0]), c] as const; }));
  const mismatches: Mismatch[] = [];
  let cells = 0;
  for (const fr of dissectFile(file, cols)) {
    const row = rows.get(fr.num);
    if (!row) continue;
    cols.forEach((c, i) => {
      cells++;
      const want = row[idx[i]!] ?? '';
      if (want !== fr.fields[i]) mismatches.push({ file, frame: fr.num, what: c, ours: fr.fields[i]!, tshark: want });
    });
  }
  return { cells, mismatches };
}

let tsharkOk: boolean | null = null;
let cfgDir: string | null = null;

export function haveTshark(): boolean {
  if (tsharkOk === null) tsharkOk = spawnSync('tshark', ['-v'], { encoding: 'utf8' }).status === 0;
  return tsharkOk;
}

/** tshark's summary columns (`tshark -n -r`), from an empty profile. */
export function tsharkColumns(file: string): { num: number; protocol: string; info: string; src: string; dst: string }[] {
  cfgDir ??= mkdtempSync(join(tmpdir(), 'packetloom-tshark-'));
  const args = ['-n', '-r', join(CORPUS_DIR, file), '-T', 'fields', '-E', 'separator=/t', '-e', 'frame.number', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info', '-e', '_ws.col.Source', '-e', '_ws.col.Destination'];
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, HOME: cfgDir, WIRESHARK_CONFIG_DIR: cfgDir } });
  return r.stdout.split('\n').filter((l) => l.length > 0).map((l) => {
    const c = l.split('\t');
    return { num: Number(c[0]), protocol: c[1] ?? '', info: c[2] ?? '', src: c[3] ?? '', dst: c[4] ?? '' };
  }).filter((r) => r.num > 0);
}

/** Compares Protocol/Info/Source/Destination of the frames tshark gives to our protocols. */
export function checkLinkColumns(file: string): { frames: number; exact: number; mismatches: Mismatch[] } {
  const ours = new Map(dissectFile(file, []).map((f) => [f.num, f]));
  const res = { frames: 0, exact: 0, mismatches: [] as Mismatch[] };
  for (const t of tsharkColumns(file)) {
    if (!isOurTopProtocol(t.protocol)) continue;
    const o = ours.get(t.num);
    if (!o) continue;
    res.frames++;
    let same = true;
    for (const [what, a, b] of [['protocol', o.protocol, t.protocol], ['info', o.info, t.info], ['src', o.src, t.src], ['dst', o.dst, t.dst]] as const) {
      if (a !== b) {
        same = false;
        res.mismatches.push({ file, frame: t.num, what, ours: a, tshark: b });
      }
    }
    if (same) res.exact++;
  }
  return res;
}

// ---- Unit-test helpers for the link-layer, ARP and DNS tests ----

import { expect } from 'vitest';
import { BoundsError, MalformedError } from '../../dissectors/core/errors.js';
import type { PacketInfo } from '../../dissectors/core/pinfo.js';

export { hex, hexDump } from './hex.js';

/** Dissects one frame with the catch off (bugs throw) and the full tree. */
export function dissect(linkType: number, bytes: Uint8Array, origLen = bytes.length, num = 1): PacketInfo {
  const d = new CaptureDissector({ catchErrors: false });
  return d.dissect({ num, tsSec: 1000, tsNsec: 0, hasTs: true, linkType, interfaceId: 0, origLen }, bytes, true);
}

/** Field values joined with ',' as `-T fields -E occurrence=a -E aggregator=,` prints them. */
export function fieldsOf(p: PacketInfo, names: readonly string[]): Record<string, string> {
  const vals = extractFields(p.tree, names);
  const out: Record<string, string> = {};
  names.forEach((n, i) => (out[n] = vals[i]!.join(',')));
  return out;
}

/**
 * Every truncation of a frame: captured length 0..n with the original reported length, and with
 * the reported length cut too. With the catch off only BoundsError/MalformedError may escape;
 * with it on there is always a tree, and an error leaves an expert item. Both passes (summary and
 * full tree) must agree on the columns.
 */
export function checkTruncations(linkType: number, bytes: Uint8Array, origLen = bytes.length): void {
  for (let cap = 0; cap <= bytes.length; cap++) {
    for (const rep of [origLen, cap]) {
      const data = bytes.slice(0, cap);
      const meta = { num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType, interfaceId: 0, origLen: rep };
      try {
        new CaptureDissector({ catchErrors: false }).dissect({ ...meta }, data, true);
      } catch (e) {
        if (!(e instanceof BoundsError || e instanceof MalformedError)) throw e;
      }
      const summary = new CaptureDissector().dissect({ ...meta }, data, false);
      const sumCols = [summary.protocol, summary.info, summary.srcText(), summary.dstText()];
      const full = new CaptureDissector().dissect({ ...meta }, data, true);
      expect(full.tree.children?.length ?? 0).toBeGreaterThan(0);
      // Malformed: an expert item, or (cut by the snap length) tshark 4.0's _ws.short item, which has none.
      if (full.malformed) expect(full.expertMax >= 0 || full.tree.children!.some((n) => n.field?.abbrev === '_ws.short')).toBe(true);
      expect([full.protocol, full.info, full.srcText(), full.dstText()]).toEqual(sumCols);
    }
  }
}
