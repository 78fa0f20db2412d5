/**
 * `-Y` with plain summary lines decides on the fast filter's stand-in tree (electron/cli/fast-lines.ts)
 * when the filter allows it: every filter of the tshark filter table that the stand-in can answer,
 * on every corpus capture and our own, must select exactly the frames a full tree per packet
 * selects, and print them exactly as the unfiltered run prints them. The packets the stand-in
 * cannot describe (ICMP errors, tunnels, malformed packets) take the second-dissection path: the
 * test checks that both paths ran.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFilter, type DisplayFilter } from '../../../dissectors/filter/index.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { fastLineCounts, FastLineFilter } from '../../../electron/cli/fast-lines.js';
import { runCli } from './run-cli.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const FILES = ['corpus', 'own'].flatMap((d) => readdirSync(join(FIXTURES, d)).filter((n) => /\.pcap(ng)?$/.test(n)).sort().map((n) => join(FIXTURES, d, n)));
const TABLE = (JSON.parse(readFileSync(join(FIXTURES, 'corpus/expected-extra/filters.json'), 'utf8')) as { filters: { filter: string }[] }).filters.map((r) => r.filter);

/** The table's filters that the stand-in tree answers, compiled. */
const FAST: [string, DisplayFilter][] = TABLE.flatMap((text) => {
  const r = compileFilter(text);
  if (!r.ok || r.filter.empty) return [];
  const f = FastLineFilter.for(text, r.filter, new CaptureDissector());
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
    // Both paths ran: the stand-in, and a second dissection for packets it cannot describe.
    expect(fastLineCounts.standIn - before.standIn).toBeGreaterThan(10_000);
    expect(fastLineCounts.again - before.again).toBeGreaterThan(100);
  }, 600_000);
});
