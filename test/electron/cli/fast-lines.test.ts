/**
 * `-Y` with plain summary lines, and `-T fields`, read the fast filter's stand-in tree
 * (electron/cli/fast-lines.ts) when the filter and the fields allow it:
 * - every filter of the tshark filter table that the stand-in can answer, on every corpus capture
 *   and our own, must select exactly the frames a full tree per packet selects, and print them
 *   exactly as the unfiltered run prints them;
 * - `-T fields` with the fields the stand-in holds must print what the tree path prints (forced by
 *   one more field the stand-in does not hold, left out of the comparison), with and without -Y.
 * The packets the stand-in cannot describe (ICMP errors, tunnels, IPv6 routing headers, malformed
 * packets) take the second-dissection path: the test checks that both paths ran.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFilter, type DisplayFilter } from '../../../dissectors/filter/index.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { fastLineCounts, StandInPass } from '../../../electron/cli/fast-lines.js';
import { runCli } from './run-cli.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const FILES = ['corpus', 'own'].flatMap((d) => readdirSync(join(FIXTURES, d)).filter((n) => /\.pcap(ng)?$/.test(n)).sort().map((n) => join(FIXTURES, d, n)));
const TABLE = (JSON.parse(readFileSync(join(FIXTURES, 'corpus/expected-extra/filters.json'), 'utf8')) as { filters: { filter: string }[] }).filters.map((r) => r.filter);

/** The table's filters that the stand-in tree answers, compiled. */
const FAST: [string, DisplayFilter][] = TABLE.flatMap((text) => {
  const r = compileFilter(text);
  if (!r.ok || r.filter.empty) return [];
  const f = StandInPass.for(text, r.filter, [], new CaptureDissector());
  if (f === null) return [];
  f.close();
  return [[text, r.filter] as [string, DisplayFilter]];
});

/** Frames each filter selects with a full tree per packet, in one pass over `path`. */
function treeFrames(path: string): Map<string, number[]> | null {
  const d = new CaptureDissector();
  const out = new Map<string, number[]>(FAST.map(([t]) => [t, []]));
  try {
    readCaptureFile(path, (rec, m) => {
      const meta = { num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen, ...(rec.comments ? { comments: rec.comments } : {}) };
      const pi = d.dissect(meta, rec.data, true);
      for (const [t, f] of FAST) if (f.matches(pi.tree, pi)) out.get(t)!.push(rec.num);
    });
  } catch {
    return null;
  }
  return out;
}

const frameOf = (line: string) => Number(line.trim().split(/\s+/)[0]);

/** Both paths ran since `before`: the stand-in, and a second dissection for packets it cannot describe. */
function bothPathsRan(before: typeof fastLineCounts, standIn: number): void {
  expect(fastLineCounts.standIn - before.standIn).toBeGreaterThan(standIn);
  expect(fastLineCounts.again - before.again).toBeGreaterThan(100);
}

describe('-Y on the stand-in tree (plain summary lines)', () => {
  it('has enough filters of the table to mean something', () => {
    expect(FAST.length).toBeGreaterThan(40);
  });

  it('selects the frames a full tree selects, and prints their lines as the unfiltered run, on every capture', async () => {
    const before = { ...fastLineCounts };
    let compared = 0;
    for (const path of FILES) {
      const want = treeFrames(path);
      if (want === null) continue;
      const all = await runCli(['-r', path]);
      const lines = new Map<number, string>();
      for (const l of all.stdout.split('\n')) if (l) lines.set(frameOf(l), l);
      for (const [text] of FAST) {
        const r = await runCli(['-r', path, '-Y', text]);
        const got = r.stdout.split('\n').filter((l) => l);
        expect(got.map(frameOf), `${path} -Y ${text}`).toEqual(want.get(text));
        for (const l of got) expect(l, `${path} -Y ${text}`).toBe(lines.get(frameOf(l)));
        expect(r.stderr).toBe(all.stderr);
        compared += got.length;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    bothPathsRan(before, 10_000);
  }, 600_000);

  const FIELDS = ['frame.number', 'frame.len', 'frame.cap_len', 'ip.src', 'ip.dst', 'ip.addr', 'ipv6.src', 'ipv6.dst', 'ipv6.addr', 'tcp.srcport', 'tcp.dstport', 'tcp.port', 'tcp.stream', 'tcp.len', 'tcp.flags', 'tcp.flags.syn', 'tcp.flags.ack', 'tcp.flags.reset', 'tcp.flags.fin', 'udp.srcport', 'udp.dstport', 'udp.port'];

  it('prints -T fields from the stand-in tree as from the full tree, with and without -Y, on every capture', async () => {
    expect(StandInPass.for(undefined, null, FIELDS, new CaptureDissector())).not.toBeNull();
    expect(StandInPass.for(undefined, null, [...FIELDS, 'eth.src'], new CaptureDissector())).toBeNull();
    const before = { ...fastLineCounts };
    let rows = 0;
    for (const path of FILES) {
      for (const y of [[], ['-Y', 'tcp.port == 80 || udp'], ['-Y', 'tcp.flags.syn == 1']]) {
        const fast = await runCli(['-r', path, ...y, '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f])]);
        // One more field the stand-in does not hold: the tree path; its column is dropped.
        const tree = await runCli(['-r', path, ...y, '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f]), '-e', 'eth.src']);
        const treeRows = tree.stdout.split('\n').map((l) => (l === '' ? l : l.slice(0, l.lastIndexOf('\t'))));
        expect(fast.stdout.split('\n'), `${path} ${y.join(' ')}`).toEqual(treeRows);
        expect(fast.stderr).toBe(tree.stderr);
        rows += treeRows.length;
      }
    }
    expect(rows).toBeGreaterThan(5_000);
    bothPathsRan(before, 5_000);
  }, 600_000);
});
