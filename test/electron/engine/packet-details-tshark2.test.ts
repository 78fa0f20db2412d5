/**
 * The packet details the app shows are what Wireshark's packet details show once the first pass
 * is over: a revisit (`pinfo.visited`) for most packets, and for the segments of a stream with
 * messages over several segments a replay of the stream beside a finished first pass over it (a
 * hindsight pass, electron/engine/stream-replay.ts). They carry what only the end of the first
 * pass knows: a DNS query's `[Response In]`, an unanswered ICMP echo's `[No response seen]`, an
 * HTTP request's response and next request and `[HTTP request 1/N]` with the final N, the frame
 * where each segment's PDU is reassembled, the conversation's completeness and iRTT.
 *
 * They are compared here with `tshark -2 -V` (two passes), every layer of every packet of the
 * corpus and of our own captures. Left out, as in the single-pass comparison of the CLI's `-V`
 * with `tshark -V` (test/electron/cli/decode-tree-corpus.test.ts): what Packetloom adds (its
 * endpoint states, the SYN-flood warning), layers only one side prints, and the packets of
 * V_KNOWN (test/helpers/vtext-known.ts), each with why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { treeText } from '../../../dissectors/output/text.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { Session } from '../../../electron/engine/session.js';
import { layerProblems, V2_KNOWN, V_KNOWN } from '../../helpers/vtext-known.js';
import { vtextLayers } from '../../helpers/vtext-layers.js';

const DIRS = ['../../../fixtures/corpus/', '../../../fixtures/own/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
const FILES = DIRS.flatMap((d) => readdirSync(d).sort().filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(d, f)));

/** Layers whose two-pass items this test is about, and how many of each it compares at least. */
const TWO_PASS_LAYERS: Record<string, number> = {
  'Transmission Control Protocol': 2000, 'Hypertext Transfer Protocol': 150, 'Domain Name System': 400, 'Internet Control Message Protocol': 40,
};

const home = mkdtempSync(join(tmpdir(), 'packetloom-tshark2-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The packet details of every packet, as the engine builds them for the app, as -V text. */
function engineDetails(path: string): string | null {
  const s = new Session({ id: 't', kind: 'file', path, name: path }, statSync(path).size);
  // As tshark -n: MAC addresses unnamed.
  s.setNameResolution(false);
  try {
    const r = readCaptureFile(path, (rec, meta, b) => s.add(rec, b.buf, b.start, b.end, meta), undefined, { views: false });
    if (r.error && s.count === 0) return null;
    s.finish('done');
    let text = '';
    for (let i = 0; i < s.count; i++) {
      const pi = s.details(i);
      text += treeText(pi.tree, { hexForData: true, sourceData: (n) => (n === 0 ? pi.data : pi.sources[n - 1]?.data) });
    }
    return text;
  } finally {
    s.close();
  }
}

describe('packet details (after the first pass) against tshark -2 -V, layer by layer', () => {
  const compared = new Map<string, number>();
  for (const path of FILES) {
    const file = path.split('/').pop()!;
    it(file, () => {
      const ours = engineDetails(path);
      if (ours === null) return;
      const theirs = vtextLayers(spawnSync('tshark', ['-n', '-2', '-r', path, '-V'], { encoding: 'utf8', maxBuffer: 1 << 27, env: { ...process.env, HOME: home, WIRESHARK_CONFIG_DIR: home } }).stdout, false);
      const mine = vtextLayers(ours, true);
      const problems = layerProblems('tshark -2', theirs, mine, V2_KNOWN[file] ?? V_KNOWN[file], (name) => compared.set(name, (compared.get(name) ?? 0) + 1));
      expect(problems, problems.join('\n\n')).toEqual([]);
    });
  }
  it('compared the TCP, HTTP, DNS and ICMP layers of many packets', () => {
    const layers = Object.entries(TWO_PASS_LAYERS);
    expect(layers.map(([l, min]) => [l, (compared.get(l) ?? 0) >= min])).toEqual(layers.map(([l]) => [l, true]));
  });
});
