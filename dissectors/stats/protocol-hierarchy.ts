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
import type { ProtoNode } from '../core/tree.js';

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
 * A packet's path: its top-level protocols after the frame, in order, then its top-level
 * reassembly items (`tcp.segments`, `ip.fragments` …), which Wireshark adds after the payload's
 * protocols have been dissected. Other top-level items (text lines, fields) are not protocols.
 */
export function pathOf(root: ProtoNode): string[] {
  const protos: string[] = [];
  const reassembly: string[] = [];
  for (const n of root.children ?? []) {
    const f = n.field;
    if (f === null || f.abbrev === 'frame') continue;
    if (f.type === 'protocol') protos.push(f.abbrev);
    else if (/\.(segments|fragments)$/.test(f.abbrev)) reassembly.push(f.abbrev);
  }
  return reassembly.length ? protos.concat(reassembly) : protos;
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
