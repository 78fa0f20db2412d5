/**
 * The summary pass (no tree) raises exactly the expert items the full tree does, packet by packet:
 * the same severities and counts (the index's expert column shows them) and, through an expert
 * sink, the same items with the same messages (the engine's expert view, electron/engine/views.ts
 * `expert`, and the CLI's -z expert are made from the summary pass). Every corpus file and our own
 * captures.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaptureDissector } from '../../dissectors/packet.js';
import type { FrameMeta, PacketInfo } from '../../dissectors/core/pinfo.js';
import type { ProtoNode } from '../../dissectors/core/tree.js';
import { readCaptureFile } from '../../electron/engine/read-capture.js';
import { setFrameMeta } from '../../dissectors/capture/frame-meta.js';

const DIRS = ['../../fixtures/corpus/', '../../fixtures/own/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
const files = DIRS.flatMap((d) => readdirSync(d).sort().filter((f) => f.endsWith('.pcap') || f.endsWith('.pcapng')).map((f) => join(d, f)));

/** The expert items in a full tree: name, message, whether inside an ICMP error's quote; sorted. */
function treeItems(n: ProtoNode, out: string[] = []): string[] {
  if (n.expert) out.push(`${n.expert.def.abbrev} | ${n.expert.message} | ${n.expert.inErrorPkt}`);
  for (const c of n.children ?? []) treeItems(c, out);
  return out;
}

/** Expert items in a full tree, by severity rank. */
function treeCounts(n: ProtoNode, counts: number[]): number[] {
  if (n.expert) counts[n.expert.def.rank]!++;
  for (const c of n.children ?? []) treeCounts(c, counts);
  return counts;
}

const summaryOf = (pi: PacketInfo) => `${pi.expertMax} ${Array.from(pi.expertCounts).join('.')}`;

describe('summary pass expert items = full tree expert items', () => {
  let withItems = 0;
  for (const f of files) {
    it(f.split('/').slice(-2).join('/'), () => {
      const summary = new CaptureDissector({ info: false, catchErrors: true });
      let raised: string[] = [];
      summary.pinfo.expertSink = { item: (def, message, pinfo) => void raised.push(`${def.abbrev} | ${message} | ${pinfo.inErrorPkt}`) };
      const full = new CaptureDissector({ catchErrors: true });
      const m1: FrameMeta = { num: 0, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 0, interfaceId: 0, origLen: 0 };
      const m2: FrameMeta = { ...m1 };
      readCaptureFile(f, (rec, m) => {
        setFrameMeta(m1, rec, m);
        setFrameMeta(m2, rec, m);
        raised = [];
        const a = summaryOf(summary.dissect(m1, rec.data, false));
        const pi = full.dissect(m2, rec.data, true);
        const counts = treeCounts(pi.tree, [0, 0, 0, 0, 0]);
        const fromTree = `${counts.reduce((mx, c, r) => (c > 0 ? r : mx), -1)} ${counts.join('.')}`;
        expect(`frame ${rec.num}: ${a}`).toBe(`frame ${rec.num}: ${summaryOf(pi)}`);
        expect(`frame ${rec.num}: ${a}`).toBe(`frame ${rec.num}: ${fromTree}`);
        expect(raised.sort(), `frame ${rec.num}`).toEqual(treeItems(pi.tree).sort());
        withItems += counts.some((c) => c > 0) ? 1 : 0;
      });
    });
  }
  it('compared packets that have expert items (the comparison was not vacuous)', () => {
    expect(withItems).toBeGreaterThan(500);
  });
});
