/**
 * `-T ek` equals `tshark -T ek` on every capture of the corpus and of our own, packet by packet:
 * the index lines as text, the documents as values — tshark's repeated keys in one object read
 * as one array of their values in the order written (test/helpers/json-duplicate-keys.ts), which
 * is how Packetloom writes them (a later duplicate key hides the earlier ones from most readers,
 * Elasticsearch included). The same differences are known as for `-T json` (json-known.ts,
 * json-corpus.test.ts): our `tcp.state` and `tcp.pdu.ranges`, tshark's `eth.*.oui_resolved`,
 * packets with protocols Packetloom does not dissect. With -x too (each item's bytes as `<key>_raw`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldByName } from '../../../dissectors/core/fields.js';
import { parseGatheringDuplicates } from '../../helpers/json-duplicate-keys.js';
import { KNOWN } from './json-known.js';
import { runCli } from './run-cli.js';

const DIRS = ['../../../fixtures/corpus/', '../../../fixtures/own/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
const FILES = DIRS.flatMap((d) => readdirSync(d).sort().filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(d, f)));
const UNDISSECTED_MAX = 260;

type Doc = { timestamp: string; layers: Record<string, unknown> };

const home = mkdtempSync(join(tmpdir(), 'packetloom-ek-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Drops what only one side has (the header's list), in place, at every depth. */
function trim(v: unknown, ours: boolean): unknown {
  if (Array.isArray(v)) return v.filter((x) => !(ours && typeof x === 'string' && x.startsWith('[Reason: '))).map((x) => trim(x, ours));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (ours && (k.startsWith('tcp_tcp_state') || k === 'tcp_tcp_pdu_ranges' || k === 'tcp_tcp_pdu_ranges_raw')) continue;
    if (ours && k === 'text' && typeof x === 'string' && x.startsWith('[Reason: ')) continue;
    if (!ours && /^eth_eth_(src|dst|addr)_oui_resolved(_raw)?$/.test(k)) continue;
    const t = trim(x, ours);
    if (Array.isArray(t) && t.length === 1 && ours && k === 'text') out[k] = t[0];
    else out[k] = t;
  }
  return out;
}

/**
 * tshark 4.0 writes the seconds of an absolute time past year 9999 as whatever strftime left in
 * its buffer (`586524-01-19T07:53:\ufffdhU.126329000Z`, not even UTF-8): where ours has the same
 * text up to the minutes and after the seconds, tshark's is taken to say what ours says.
 */
function garbledSeconds(ours: string, theirs: string): string {
  const m = /("frame_frame_time":"\d{5,}-\d\d-\d\dT\d\d:\d\d:)(\d\d)(\.\d{9}Z")/.exec(ours);
  if (!m) return theirs;
  // The garbage may be any bytes, a quote or a control character among them: replaced before parsing.
  const at = theirs.indexOf(m[1]!);
  const end = at < 0 ? -1 : theirs.indexOf(m[3]!, at + m[1]!.length);
  if (at < 0 || end < 0 || end - at - m[1]!.length > 12) return theirs;
  return theirs.slice(0, at) + m[0] + theirs.slice(end + m[3]!.length);
}

/** A protocol of the packet that Packetloom does not know. */
function undissected(doc: Doc): string | undefined {
  const frame = doc.layers.frame as Record<string, unknown> | undefined;
  const list = typeof frame?.frame_frame_protocols === 'string' ? frame.frame_frame_protocols.split(':') : [];
  return list.find((name) => fieldByName(name)?.type !== 'protocol');
}

/** The first path where two values differ, for the message. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
      const d = firstDifference(ao[k], bo[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ours ${JSON.stringify(a)?.slice(0, 200)}, tshark ${JSON.stringify(b)?.slice(0, 200)}`;
}

// -j: fields, and the children of fields and protocols, only where listed (frame.protocols tells
// an undissected protocol; tcp_flags in EK's underscore spelling); -J: a listed item's whole subtree.
for (const extra of [[], ['-x'], ['-j', 'frame frame.protocols eth ip ip.flags tcp tcp_flags tcp.srcport udp dns dns.flags'], ['-J', 'frame tcp']]) {
  const filtered = extra[0] === '-j' || extra[0] === '-J';
  describe(`-T ek ${extra.join(' ')} against tshark -T ek ${extra.join(' ')}`, () => {
    let skipped = 0;
    let compared = 0;
    for (const path of FILES) {
      const file = path.split('/').pop()!;
      it(file, async () => {
        const args = ['-n', '-r', path, '-T', 'ek', ...extra];
        const theirs = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, HOME: home, WIRESHARK_CONFIG_DIR: home } }).stdout.split('\n').filter((l) => l);
        const r = await runCli(args);
        const ours = r.stdout.split('\n').filter((l) => l);
        const known = KNOWN[file];
        if (known?.packets === 'all') return;
        expect(ours.length).toBe(theirs.length);
        const differ: number[] = [];
        let first = '';
        for (let i = 0; i < ours.length; i += 2) {
          expect(ours[i]).toBe(theirs[i]);
          const a = JSON.parse(ours[i + 1]!) as Doc;
          const b = parseGatheringDuplicates(garbledSeconds(ours[i + 1]!, theirs[i + 1]!)) as Doc;
          const packet = i / 2 + 1;
          const d = a.timestamp !== b.timestamp ? `timestamp: ours ${a.timestamp}, tshark ${b.timestamp}` : firstDifference(trim(a.layers, true), trim(b.layers, false));
          if (!d) {
            compared++;
            continue;
          }
          if (undissected(b) !== undefined) {
            skipped++;
            continue;
          }
          differ.push(packet);
          if (!first) first = `packet ${packet}: ${d}`;
        }
        // Filtered, a known difference may be out of sight: fewer packets may differ, never others.
        const expected: readonly number[] = Array.isArray(known?.packets) ? known.packets : [];
        if (filtered) expect(differ.filter((p) => !expected.includes(p)), first).toEqual([]);
        else expect(differ, first).toEqual(expected);
      });
    }
    it('compares packets, and skips no more with protocols it does not dissect than -T json does', () => {
      expect(compared).toBeGreaterThan(filtered ? 2500 : 3000);
      expect(skipped).toBeGreaterThan(0);
      expect(skipped).toBeLessThanOrEqual(UNDISSECTED_MAX);
    });
  });
}
