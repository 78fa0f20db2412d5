/**
 * `-T json` equals `tshark -T json` on every capture of the corpus and of our own, packet by
 * packet, line by line, but for what is known to differ:
 *   - ours only: `tcp.state` (both endpoints' states, which tshark does not have) and
 *     `tcp.pdu.ranges` (where each application message's bytes came from);
 *   - tshark only: `eth.*.oui_resolved`, the vendor's name from Wireshark's own copy of the IEEE
 *     registry (its names differ from the registry's in ~10% of the corpus's vendors: see
 *     electron/engine/oui.ts);
 *   - packets that carry a protocol Packetloom does not dissect (TLS, X11, CDP …): skipped and
 *     counted, never more than UNDISSECTED_MAX of them.
 * Trailing commas are ignored (a dropped last member moves the comma).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldByName } from '../../../dissectors/core/fields.js';
import { runCli } from './run-cli.js';
import { KNOWN } from './json-known.js';

const DIRS = ['../../../fixtures/corpus/', '../../../fixtures/own/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
const FILES = DIRS.flatMap((d) => readdirSync(d).sort().filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(d, f)));
/** Packets of the whole corpus with a protocol we do not dissect (today 236: TLS, X11, CDP, IPP, MySQL …). */
const UNDISSECTED_MAX = 260;

const home = mkdtempSync(join(tmpdir(), 'packetloom-json-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The packets of a -T json output: each its lines, trailing commas gone. */
function packets(json: string, ours: boolean): string[][] {
  const out: string[][] = [];
  let cur: string[] | null = null;
  let skipDepth = -1;
  for (const raw of json.split('\n')) {
    const line = raw.replace(/,$/, '');
    if (line === '  {') cur = [];
    else if (line === '  }' && cur) {
      out.push(cur);
      cur = null;
    } else if (cur) {
      const indent = line.length - line.trimStart().length;
      if (skipDepth >= 0) {
        if (indent === skipDepth && (line.trim() === '}' || line.trim() === ']')) skipDepth = -1;
        continue;
      }
      // Whole members: our tcp.state tree, the -x `_raw` arrays of what only one side has.
      if ((ours && /^\s*"(tcp\.state|tcp\.pdu\.ranges_raw)": [{[]$/.test(line)) || (!ours && /^\s*"eth\.(src|dst|addr)\.oui_resolved_raw": \[$/.test(line))) {
        skipDepth = indent;
        continue;
      }
      if (ours && /^\s*"(tcp\.pdu\.ranges|\[Reason: .*)": /.test(line)) continue;
      if (!ours && /^\s*"eth\.(src|dst|addr)\.oui_resolved": /.test(line)) continue;
      cur.push(line);
    }
  }
  return out;
}

/** A protocol of the packet (its frame.protocols) that Packetloom does not know. */
function undissected(lines: readonly string[]): string | undefined {
  const p = lines.find((l) => /^\s*"frame\.protocols": /.test(l));
  const list = p ? (JSON.parse(p.trim().replace(/^"frame\.protocols": /, '')) as string).split(':') : [];
  return list.find((name) => fieldByName(name)?.type !== 'protocol');
}

// -j: only listed items show their children (frame is listed so frame.protocols tells an
// undissected protocol); -J: a listed item's whole subtree.
for (const extra of [[], ['-x'], ['-j', 'frame ip tcp.flags dns eth udp'], ['-J', 'frame tcp']]) {
  const filtered = extra[0] === '-j' || extra[0] === '-J';
  describe(`-T json ${extra.join(' ')} against tshark -T json ${extra.join(' ')}`, () => {
    let skipped = 0;
    for (const path of FILES) {
      const file = path.split('/').pop()!;
      it(file, async () => {
        const args = ['-n', '-r', path, '-T', 'json', ...extra];
        const theirs = packets(spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, HOME: home, WIRESHARK_CONFIG_DIR: home } }).stdout, false);
        const ours = packets((await runCli(args)).stdout, true);
        const known = KNOWN[file];
        if (known?.packets === 'all') return;
        expect(ours.length).toBe(theirs.length);
        const differ: number[] = [];
        let first = '';
        theirs.forEach((t, i) => {
          const o = ours[i]!;
          if (o.join('\n') === t.join('\n')) return;
          if (undissected(t) !== undefined) {
            skipped++;
            return;
          }
          differ.push(i + 1);
          const at = t.findIndex((l, j) => l !== o[j]);
          if (!first) first = `packet ${i + 1}:\n  tshark ${t[at]}\n  ours   ${o[at]}`;
        });
        if (process.env.JSON_CORPUS_REPORT) console.log(`${file} ${JSON.stringify(differ)} ${first}`);
        // Filtered, a known difference may be out of sight: fewer packets may differ, never others.
        const expected: readonly number[] = Array.isArray(known?.packets) ? known.packets : [];
        if (filtered) expect(differ.filter((p) => !expected.includes(p)), first).toEqual([]);
        else expect(differ, first).toEqual(known?.packets ?? []);
      });
    }
    it('skips no more packets with protocols it does not dissect than it used to', () => {
      expect(skipped).toBeGreaterThan(0);
      expect(skipped).toBeLessThanOrEqual(UNDISSECTED_MAX);
    });
  });
}
