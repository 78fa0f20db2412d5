/**
 * Protocol hierarchy statistics (Wireshark's Statistics → Protocol Hierarchy, tshark `-z io,phs`):
 * frames and bytes per protocol path, as Wireshark's ph_stats.c counts them from the decode tree.
 *
 *   const phs = new ProtocolHierarchy();
 *   for each packet: phs.addTree(dissector.dissect(meta, bytes, true).tree, meta.origLen);
 *   phs.roots()   // PhsNode[]: eth → ip → tcp → http …
 *
 * The top-level protocols of a packet's tree after the frame item, in order, each nest under the
 * one before (eth › ip › tcp › http); see pathOf.
 * `framesLast` counts the packets whose path ends at the node (Wireshark's "End Packets").
 */
import { NodeFlags, type ProtoNode } from '../core/tree.js';

export interface PhsNode {
  /** Filter name of the protocol (or field) at this level: `eth`, `ip`, `tcp.segments`. */
  name: string;
  frames: number;
  bytes: number;
  /** Packets whose highest protocol is this one. */
  framesLast: number;
  bytesLast: number;
  children: PhsNode[];
}

/**
 * A packet's path: its top-level protocols after the frame, in order, with its top-level
 * reassembly items (`tcp.segments`, `ip.fragments` …) where Wireshark adds them: right after the
 * protocols dissected from the reassembled bytes and from what was made of them (the tree shows it
 * before them, moved up), so
 * before those of bytes dissected after it in the same frame (a TLS record that begins at the end
 * of the segment). Other top-level items (text lines, fields) are not protocols.
 */
export function pathOf(root: ProtoNode): string[] {
  const protos: string[] = [];
  const sources: number[] = [];
  let reassembly: ProtoNode[] | null = null;
  for (const n of root.children ?? []) {
    const f = n.field;
    if (f === null || f.abbrev === 'frame') continue;
    if (f.type === 'protocol') {
      protos.push(f.abbrev);
      sources.push(n.source);
    } else if (/\.(segments|fragments)$/.test(f.abbrev)) {
      (reassembly ??= []).push(n);
    }
  }
  if (reassembly === null) return protos;
  for (const r of reassembly) {
    // After the protocols of the reassembled bytes and of what was made of them (a de-chunked
    // body: later sources), before any dissected from an earlier source (the frame) after them;
    // before them when it was added before they were dissected (a PDU completed by a FIN).
    let at = sources.indexOf(r.source);
    if (at < 0) at = protos.length;
    if ((r.flags & NodeFlags.BeforePayload) === 0) while (at < protos.length && sources[at]! >= r.source) at++;
    protos.splice(at, 0, r.field!.abbrev);
    sources.splice(at, 0, -1);
  }
  return protos;
}

export class ProtocolHierarchy {
  private readonly top: PhsNode[] = [];
  /** Packets and bytes counted. */
  frames = 0;
  bytes = 0;

  /** Counts one packet (`bytes`: its length on the wire). */
  addTree(root: ProtoNode, bytes: number): void {
    this.frames++;
    this.bytes += bytes;
    let level = this.top;
    let last: PhsNode | null = null;
    for (const name of pathOf(root)) {
      let node = level.find((c) => c.name === name);
      if (!node) {
        node = { name, frames: 0, bytes: 0, framesLast: 0, bytesLast: 0, children: [] };
        level.push(node);
      }
      node.frames++;
      node.bytes += bytes;
      last = node;
      level = node.children;
    }
    if (last) {
      last.framesLast++;
      last.bytesLast += bytes;
    }
  }

  /** The top level of the hierarchy (a copy). */
  roots(): PhsNode[] {
    const copy = (n: PhsNode): PhsNode => ({ ...n, children: n.children.map(copy) });
    return this.top.map(copy);
  }
}
