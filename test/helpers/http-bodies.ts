/**
 * Packets put before tshark on the spot: HTTP bodies, each sent in an HTTP POST of its own (one
 * frame), or any Ethernet frames; tshark and Packetloom dissect the capture, and the trees from a
 * given protocol on, the Protocol and Info columns and some fields are compared frame by frame.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treeLines } from '../../dissectors/output/text.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { fieldsOf } from './corpus-link.js';
import { CRAFT_EPOCH, httpPostFrame, pcapOf } from './tcp-frames.js';

/** The lines from the first top-level line that `start` matches to the end of the tree. */
export function linesFrom(lines: readonly string[], start: RegExp): string[] {
  const i = lines.findIndex((l) => start.test(l));
  return i < 0 ? [] : lines.slice(i).filter((l) => l !== '');
}

/** `-T fields` escapes of tshark, for comparing our raw values with its output. */
export function tsharkEscape(s: string): string {
  return s.replace(/[\b\f\n\r\t]/g, (c) => ({ '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
}

/**
 * Differences between tshark and Packetloom on `bodies` ([content type, body]): tree lines from
 * `start` on (our [Reason: …] lines of malformed packets left out: tshark has none), columns, and
 * `fields` joined with ','.
 */
export function compareBodies(bodies: readonly (readonly [string, string | Uint8Array])[], start: RegExp, fields: readonly string[]): string[] {
  return compareFrames(bodies.map(([type, body], i) => ({ what: `body ${i + 1} (${type})`, data: httpPostFrame(type, body, 40000 + i) })), start, fields);
}

/**
 * Differences between tshark and Packetloom on Ethernet frames, one per packet, as compareBodies
 * reports them (tree lines from `start` on, columns, `fields`).
 */
export function compareFrames(input: readonly { what: string; data: Uint8Array }[], start: RegExp, fields: readonly string[]): string[] {
  const frames = input.map((f, i) => ({ tsSec: CRAFT_EPOCH + i, tsNsec: 0, data: f.data }));
  const dir = mkdtempSync(join(tmpdir(), 'pl-frames-'));
  const out: string[] = [];
  try {
    const file = join(dir, 'frames.pcap');
    writeFileSync(file, pcapOf(frames));
    const env = { ...process.env, HOME: dir, WIRESHARK_CONFIG_DIR: dir };
    const v = spawnSync('tshark', ['-n', '-r', file, '-V'], { encoding: 'utf8', env, maxBuffer: 1 << 26 }).stdout.split('\n');
    const f = spawnSync('tshark', ['-n', '-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info', ...fields.flatMap((n) => ['-e', n])], { encoding: 'utf8', env, maxBuffer: 1 << 26 }).stdout.trimEnd().split('\n');
    const starts = v.map((l, i) => (l.startsWith('Frame ') ? i : -1)).filter((i) => i >= 0);
    frames.forEach((fr, i) => {
      const what = input[i]!.what;
      // The dispatcher's catch on, as in tshark: a cut or broken packet is a [Malformed Packet].
      const p = new CaptureDissector().dissect({ num: i + 1, tsSec: fr.tsSec, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: fr.data.length }, fr.data, true);
      // (tshark -V dumps the bytes of a Data item in hex: our tree text leaves that to the CLI.)
      const theirs = linesFrom(v.slice(starts[i]!, starts[i + 1] ?? v.length), start).filter((l) => !/^[0-9a-f]{4}  /.test(l));
      const mine = linesFrom(treeLines(p.tree), start).filter((l) => !/^\s+\[Reason: /.test(l));
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) out.push(`${what} tree:\n  tshark ${JSON.stringify(theirs)}\n  ours   ${JSON.stringify(mine)}`);
      const vals = fieldsOf(p, fields);
      const row = [p.protocol, p.info, ...fields.map((n) => tsharkEscape(vals[n]!))].join('\t');
      if (row !== f[i]) out.push(`${what} columns/fields:\n  tshark ${JSON.stringify(f[i])}\n  ours   ${JSON.stringify(row)}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
