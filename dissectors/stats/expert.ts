/**
 * The expert info summary (Wireshark's Analyze → Expert Information, tshark `-z expert`): every
 * expert item of the capture, counted per (severity, protocol, summary) as tshark's expert tap
 * does, with the packets that carry it.
 *
 *   const ex = new ExpertTable();
 *   dissector.pinfo.expertSink = ex.sink();   // every item as it is raised, no tree needed
 *   for each packet: dissector.dissect(meta, bytes, false);
 *   ex.entries()   // ExpertEntry[]: Wireshark's own severities (incl. comment), first seen first
 *   ex.rows()      // ExpertRow[] for the session API (electron/api/contract.ts)
 *
 * The sink is how tshark's expert tap sees items: as they are raised, under the protocol whose
 * dissector raised them (for a malformed-packet item, the one that threw); an item whose
 * definition names another (`tapProtocol`) is counted under that one. The summary pass raises
 * the same items with the same messages as a full tree (test/dissectors/expert-summary.test.ts),
 * so the table of a whole capture costs no trees.
 *
 * `addTree` counts the items of a decode tree instead (for a tap that filters on the tree): the
 * protocol of an item is the top-level protocol it hangs under (TCP for an item in a TCP option's
 * subtree; an IPv6 extension header is a top-level protocol of its own, as in Wireshark), or, for
 * a top-level item that is no protocol (a malformed-packet marker), the last protocol before it.
 * Either way, items raised inside a packet quoted by an ICMP error are not counted, as tshark's
 * taps skip them.
 */
import type { ExpertRow, Severity as ApiSeverity } from '../../electron/api/contract.js';
import { GROUP_NAMES, type Severity } from '../core/expert.js';
import type { ProtocolDef } from '../core/fields.js';
import type { ExpertSink } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';

/** Sections in tshark's order. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warn', 'note', 'chat', 'comment'];

export interface ExpertEntry {
  severity: Severity;
  /** Group as Wireshark names it ("Sequence", "Malformed" …). */
  group: string;
  /** Short name of the protocol ("TCP", "HTTP"). */
  protocol: string;
  summary: string;
  count: number;
  /** The first packet numbers carrying it (at most MAX_PACKETS). */
  packets: number[];
}

export const MAX_PACKETS = 1000;

const API_SEVERITY: Readonly<Record<Severity, ApiSeverity>> = {
  error: 'error', warn: 'warning', note: 'note', chat: 'chat', comment: 'chat',
};

function isProtocol(n: ProtoNode): boolean {
  return n.field !== null && n.field.type === 'protocol' && !n.field.abbrev.startsWith('_ws.');
}

/** IPv6 extension headers: nested in our IPv6 item, but dissectors of their own in Wireshark. */
function isOwnDissector(n: ProtoNode): boolean {
  return n.field !== null && n.field.type === 'protocol' && n.field.abbrev.startsWith('ipv6.');
}

export class ExpertTable {
  private readonly list: ExpertEntry[] = [];
  /** By severity, protocol and summary (nested maps: no key made per item; an index pass counts every one). */
  private readonly bySeverity = new Map<Severity, Map<string, Map<string, ExpertEntry>>>();

  /** Counts the expert items of one packet's decode tree. */
  addTree(root: ProtoNode, frame: number): void {
    let last = '';
    for (const n of root.children ?? []) {
      if (isProtocol(n)) last = (n.field as ProtocolDef).short;
      this.walk(n, last, frame);
    }
  }

  private walk(n: ProtoNode, proto: string, frame: number): void {
    const e = n.expert;
    // As tshark's tap: not the items of a packet quoted by an ICMP error.
    if (e && !e.inErrorPkt) this.count(e.def.severity, GROUP_NAMES[e.def.group], e.def.tapProtocol ?? proto, e.message, frame);
    const kids = n.children;
    if (kids) for (const k of kids) this.walk(k, isOwnDissector(k) ? (k.field as ProtocolDef).short : proto, frame);
  }

  /**
   * An expert sink (`pinfo.expertSink = table.sink()`) that counts every item as it is raised, in
   * the summary pass as in a full tree: the table of a whole capture without building trees. The
   * protocol is the one whose dissector raised the item (tshark's pinfo->current_proto), unless
   * the item names another (`tapProtocol`).
   */
  sink(): ExpertSink {
    return {
      item: (def, message, pinfo) => {
        // As tshark's tap: not the items of a packet quoted by an ICMP error.
        if (pinfo.inErrorPkt) return;
        const proto = def.tapProtocol ?? pinfo.current?.short ?? '';
        this.count(def.severity, GROUP_NAMES[def.group], proto, message, pinfo.meta.num);
      },
    };
  }

  /** Counts one item (for callers that raise items outside a tree). */
  count(severity: Severity, group: string, protocol: string, summary: string, frame: number): void {
    let byProto = this.bySeverity.get(severity);
    if (byProto === undefined) this.bySeverity.set(severity, (byProto = new Map()));
    let bySummary = byProto.get(protocol);
    if (bySummary === undefined) byProto.set(protocol, (bySummary = new Map()));
    let e = bySummary.get(summary);
    if (e === undefined) {
      e = { severity, group, protocol, summary, count: 0, packets: [] };
      bySummary.set(summary, e);
      this.list.push(e);
    }
    e.count++;
    if (e.packets.length < MAX_PACKETS && e.packets[e.packets.length - 1] !== frame) e.packets.push(frame);
  }

  /** Every entry, in the order first seen. */
  entries(): ExpertEntry[] {
    return this.list.map((e) => ({ ...e, packets: [...e.packets] }));
  }

  /** The entries as the session API's rows, by severity (errors first), then first seen. */
  rows(): ExpertRow[] {
    const out: ExpertRow[] = [];
    for (const sev of SEVERITY_ORDER) {
      for (const e of this.list) {
        if (e.severity !== sev) continue;
        out.push({ severity: API_SEVERITY[sev], group: e.group, protocol: e.protocol, summary: e.summary, count: e.count, packets: [...e.packets] });
      }
    }
    return out;
  }
}
