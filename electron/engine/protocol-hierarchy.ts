/**
 * Statistics › Protocol Hierarchy for a session: every packet's decode tree, as the packet details
 * show it (details(): reassembled messages in the frame that completes them; the desegmented
 * streams replayed in batches, in file order), counted by
 * dissectors/stats/protocol-hierarchy.ts as Wireshark's ph_stats.c counts — in slices
 * (sliced.ts), so that the window stays live while a large capture is dissected again.
 */
import type { PhsRow, ProtocolHierarchyResult } from '../api/contract.js';
import { allFields, fieldByName } from '../../dissectors/core/fields.js';
import { TreeInterest } from '../../dissectors/core/reduced-tree.js';
import { ProtocolHierarchy, type PhsNode } from '../../dissectors/stats/protocol-hierarchy.js';
import { InOrderReplay } from './filter-replay.js';
import type { Session } from './session.js';
import { forEachSliced } from './sliced.js';

/**
 * What the hierarchy reads of a tree: its protocols (a reduced tree keeps every one) and the
 * reassembly items (`tcp.segments`, `ip.fragments` …); the rest of each tree is not built.
 */
let interest: TreeInterest | null = null;
function phsInterest(): TreeInterest {
  return (interest ??= new TreeInterest(allFields().filter((f) => f && /\.(segments|fragments)$/.test(f.abbrev)).map((f) => f.id)));
}

export async function protocolHierarchy(s: Session): Promise<ProtocolHierarchyResult> {
  const phs = new ProtocolHierarchy();
  const n = s.index.count;
  const want = phsInterest();
  // Packets asked for in file order: the desegmented streams are replayed in batches, as for the
  // CLI's second pass (a capture still being indexed is replayed one stream at a time).
  const inOrder = s.indexingStopped ? InOrderReplay.for(s) : null;
  await forEachSliced(s, 'protocolHierarchy', n, (i) => phs.addTree((inOrder?.tree(i, want) ?? s.details(i, want)).tree, s.index.origLenOf(i)));
  return { frames: phs.frames, bytes: phs.bytes, roots: phs.roots().map(row) };
}

function row(n: PhsNode): PhsRow {
  return { ...n, title: fieldByName(n.name)?.name ?? n.name, children: n.children.map(row) };
}
