/**
 * Running a display filter over a whole capture without dissecting it again, when the filter only
 * reads what the session's index keeps per packet: frame number and lengths, the IPv4/IPv6 source
 * and destination, TCP and UDP ports, tcp.stream, tcp.len and the TCP flags, Wireshark's TCP
 * analysis items (tcp.analysis.flags, tcp.analysis.retransmission … : whether the packet has them),
 * and the existence of the common protocols (eth, vlan, arp, ip, ipv6, tcp, udp, dns, http …).
 *
 * The compiled filter is not rewritten: it runs as always, on a small stand-in tree holding
 * exactly those fields with the values the full tree would have (the fields it does not name are
 * not needed: the filter reads nothing else). Packets whose tree the index cannot stand in for —
 * tunnels (two IP or transport layers), ICMP errors (which quote an IP header and its ports),
 * malformed packets, TCP headers whose length is unknown — are flagged F_COMPLEX by the session
 * and are dissected again. A filter that uses anything else (a field the index lacks, the bytes of
 * a protocol, `#` layer selectors, expert items) is not eligible: FastFilter.for returns null.
 */
import { allFields, fieldByName, type FieldDef } from '../../dissectors/core/fields.js';
import { NodeFlags, ProtoNode } from '../../dissectors/core/tree.js';
import type { Expr, Test } from '../../dissectors/filter/ast.js';
import type { DisplayFilter } from '../../dissectors/filter/index.js';
import { parseFilter } from '../../dissectors/filter/parser.js';
import type { Session } from './session.js';
import type { LayerSet } from './layer-sets.js';
import type { PacketInfo } from '../../dissectors/core/pinfo.js';
import { F_IPV4, F_IPV6, F_TCP, F_UDP } from './index-flags.js';
import { columnPredicate, type ColumnPredicate } from './column-filter.js';
import { ANALYSIS_FIELD_FLAGS } from '../../dissectors/tcp/tracker.js';

const f = (n: string): FieldDef => {
  const d = fieldByName(n);
  if (!d) throw new Error(`fast filter: no field ${n}`);
  return d;
};

/**
 * Protocols whose presence the layer list of a packet tells exactly. Not the protocols over TCP:
 * a segment a dissector asked more bytes for has entered it without showing it (the message is
 * shown in a later frame), so the session flags DNS over TCP packets F_COMPLEX, and HTTP or
 * data are not taken from the layer list at all.
 */
const LAYER_PROTOCOLS = new Set(['frame', 'eth', 'vlan', 'ieee8021ad', 'ethertype', 'arp', 'ip', 'ipv6', 'tcp', 'udp', 'dns', 'sll', 'null', 'raw']);

const FIELDS = {
  frameNumber: f('frame.number'), frameLen: f('frame.len'), frameCapLen: f('frame.cap_len'),
  ipSrc: f('ip.src'), ipDst: f('ip.dst'), ipAddr: f('ip.addr'),
  ip6Src: f('ipv6.src'), ip6Dst: f('ipv6.dst'), ip6Addr: f('ipv6.addr'),
  tcpSrc: f('tcp.srcport'), tcpDst: f('tcp.dstport'), tcpPort: f('tcp.port'), tcpStream: f('tcp.stream'), tcpLen: f('tcp.len'),
  tcpFlags: f('tcp.flags'),
  udpSrc: f('udp.srcport'), udpDst: f('udp.dstport'), udpPort: f('udp.port'),
};
const FLAG_FIELDS = ['tcp.flags.res', 'tcp.flags.ae', 'tcp.flags.cwr', 'tcp.flags.ece', 'tcp.flags.urg', 'tcp.flags.ack', 'tcp.flags.push', 'tcp.flags.reset', 'tcp.flags.syn', 'tcp.flags.fin'].map(f);
/** The TCP analysis items (every field of each name: tcp.analysis.duplicate_ack is two), with the flags that bring them. */
const ANALYSIS_FIELDS = Object.entries(ANALYSIS_FIELD_FLAGS).flatMap(([name, bits]) =>
  allFields().filter((d) => d.abbrev === name).map((def) => ({ def, bits })));
const VALUE_FIELDS = new Set<FieldDef>([...Object.values(FIELDS), ...FLAG_FIELDS, ...ANALYSIS_FIELDS.map((a) => a.def)]);

/** Is every field the filter reads one the index keeps (and used in a way the stand-in tree answers)? */
function eligible(t: Test): boolean {
  switch (t.k) {
    case 'and': case 'or': case 'xor':
      return eligible(t.a) && eligible(t.b);
    case 'not':
      return eligible(t.a);
    case 'value':
      if (t.e.k === 'field' && t.e.def.type === 'protocol') return t.e.layers === null && LAYER_PROTOCOLS.has(t.e.def.abbrev);
      return expr(t.e);
    case 'cmp': case 'contains': case 'matches':
      return expr(t.a) && expr(t.b);
    case 'in':
      return expr(t.a) && t.set.every((s) => expr(s.lo) && (s.hi === null || expr(s.hi)));
  }
}

function expr(e: Expr): boolean {
  switch (e.k) {
    case 'field':
      return e.layers === null && VALUE_FIELDS.has(e.def);
    case 'word': case 'string': case 'char':
      return true;
    case 'slice':
      return expr(e.of);
    case 'call':
      return e.args.every(expr);
    case 'ref':
      return false;
    case 'arith':
      return expr(e.a) && expr(e.b);
    case 'neg':
      return expr(e.a);
  }
}

const NO_BYTES = { data: new Uint8Array(0) };

export class FastFilter {
  private readonly root = new ProtoNode(null, 0, 0, null);
  private readonly n: Record<keyof typeof FIELDS, ProtoNode>;
  private readonly portA: ProtoNode;
  private readonly portB: ProtoNode;
  private readonly uportA: ProtoNode;
  private readonly uportB: ProtoNode;
  private readonly ipA: ProtoNode;
  private readonly ipB: ProtoNode;
  private readonly ip6A: ProtoNode;
  private readonly ip6B: ProtoNode;
  private readonly flagNodes: ProtoNode[];
  /** The analysis items the filter reads, and the node (without a field) whose children are those the packet has. */
  private readonly analysisNodes: { node: ProtoNode; bits: number }[];
  private readonly analysisHolder = new ProtoNode(null, 0, 0, null);
  /** Fields and protocols the filter reads: the stand-in tree holds only these. */
  private readonly needed: Set<number>;
  /** Per protocol: its node, with only the needed fields as children. */
  private readonly protoNodes = new Map<number, ProtoNode>();
  /** Per layer set (Session.layerSets): the root's children. */
  private readonly roots: (ProtoNode[] | undefined)[] = [];
  private readonly needFrame: boolean;
  private readonly needIp: boolean;
  private readonly needIp6: boolean;
  private readonly needTcp: boolean;
  private readonly needUdp: boolean;

  private constructor(private readonly filter: DisplayFilter | null, needed: Set<number>, private readonly columnar: ColumnPredicate | null = null) {
    const mk = (d: FieldDef) => new ProtoNode(d, 0, 0, 0);
    this.n = Object.fromEntries(Object.entries(FIELDS).map(([k, d]) => [k, mk(d)])) as Record<keyof typeof FIELDS, ProtoNode>;
    this.portA = mk(FIELDS.tcpPort);
    this.portB = mk(FIELDS.tcpPort);
    this.uportA = mk(FIELDS.udpPort);
    this.uportB = mk(FIELDS.udpPort);
    this.ipA = mk(FIELDS.ipAddr);
    this.ipB = mk(FIELDS.ipAddr);
    this.ip6A = mk(FIELDS.ip6Addr);
    this.ip6B = mk(FIELDS.ip6Addr);
    for (const x of [this.portA, this.portB, this.uportA, this.uportB, this.ipA, this.ipB, this.ip6A, this.ip6B]) x.flags |= NodeFlags.Hidden;
    this.flagNodes = FLAG_FIELDS.map(mk);
    this.needed = needed;
    const n = this.n;
    const kids: [number, ProtoNode[]][] = [
      [FRAME_ID, [n.frameNumber, n.frameLen, n.frameCapLen]],
      [IP_ID, [n.ipSrc, n.ipDst, this.ipA, this.ipB]],
      [IPV6_ID, [n.ip6Src, n.ip6Dst, this.ip6A, this.ip6B]],
      [TCP_ID, [n.tcpSrc, n.tcpDst, this.portA, this.portB, n.tcpStream, n.tcpLen, n.tcpFlags, ...this.flagNodes]],
      [UDP_ID, [n.udpSrc, n.udpDst, this.uportA, this.uportB]],
    ];
    const has = (id: number) => (kids.find(([p]) => p === id)?.[1] ?? []).some((c) => this.needed.has(c.field!.id));
    this.needFrame = has(FRAME_ID);
    this.needIp = has(IP_ID);
    this.needIp6 = has(IPV6_ID);
    this.needTcp = has(TCP_ID);
    this.needUdp = has(UDP_ID);
    this.analysisNodes = ANALYSIS_FIELDS.filter((a) => needed.has(a.def.id)).map((a) => ({ node: mk(a.def), bits: a.bits }));
    this.analysisHolder.children = [];
    if (this.analysisNodes.length) this.needTcp = true;
    for (const [id, cs] of kids) {
      const p = new ProtoNode(allFieldsById(id), 0, 0, null);
      const keep = cs.filter((c) => this.needed.has(c.field!.id));
      if (id === TCP_ID && this.analysisNodes.length) keep.push(this.analysisHolder);
      p.children = keep.length ? keep : null;
      this.protoNodes.set(id, p);
    }
  }

  /** A fast filter for `text` (already compiled as `filter`), or null when it is not eligible. */
  static for(text: string, filter: DisplayFilter): FastFilter | null {
    if (filter.usesExperts) return null;
    let ast: Test | null;
    try {
      ast = parseFilter(text);
    } catch {
      return null;
    }
    if (ast === null || !eligible(ast)) return null;
    // Integer comparisons on number columns need no stand-in tree at all (column-filter.ts).
    return new FastFilter(filter, new Set([...filter.treeFieldIds, ...filter.fieldIds]), columnPredicate(ast));
  }

  /**
   * A stand-in tree holding the fields `names` (for `-T fields`), or null when one of them is not
   * a field the index keeps with its value (a protocol prints its tree label: not stood in for).
   */
  static forFields(names: readonly string[]): FastFilter | null {
    const ids = new Set<number>();
    for (const n of names) {
      const d = fieldByName(n);
      // (The analysis items print as their tree labels do: not stood in for either.)
      if (!d || !VALUE_FIELDS.has(d) || ANALYSIS_FIELDS.some((x) => x.def === d)) return null;
      ids.add(d.id);
    }
    return ids.size ? new FastFilter(null, ids) : null;
  }

  /** The root's children for a layer set: the needed protocols (and those holding needed fields), in order. */
  private rootFor(sets: readonly LayerSet[], ls: number): ProtoNode[] {
    let r = this.roots[ls];
    if (r) return r;
    r = [];
    for (const id of [FRAME_ID, ...sets[ls]!.ids]) {
      if (id === FRAME_ID && r.length) continue;
      const withFields = this.protoNodes.get(id);
      if (withFields && withFields.children) r.push(withFields);
      else if (this.needed.has(id)) r.push(withFields ?? new ProtoNode(allFieldsById(id), 0, 0, null));
    }
    this.roots[ls] = r;
    return r;
  }

  /** Does packet index `i` (not F_COMPLEX) match? */
  matches(s: Session, i: number): boolean {
    if (this.columnar !== null) return this.columnar(s, i);
    return this.matchesStandIn(s, i);
  }

  /** Is the filter answered from the columns alone (column-filter.ts)? */
  get isColumnar(): boolean {
    return this.columnar !== null;
  }

  /** The same through the stand-in tree (what the columnar predicate must agree with). */
  matchesStandIn(s: Session, i: number): boolean {
    const ix = s.index;
    const c = s.columns;
    const flags = ix.flags[i]!;
    const src = s.strings.bytes[c.src[i]!]!;
    const dst = s.strings.bytes[c.dst[i]!]!;
    return this.run(s.layerSets, c.layers[i]!, flags, i + 1, ix.origLenOf(i), ix.capLen[i]!, src, 0, dst, 0, c.sport[i]!, c.dport[i]!, c.stream[i]! - 1, c.tcpLen[i]!, c.tcpFlags[i]!, c.analysis[i]!);
  }

  /** Does a packet described by these values (not F_COMPLEX) match? Addresses and ports come from `pi`. */
  matchesValues(sets: readonly LayerSet[], ls: number, flags: number, num: number, origLen: number, capLen: number, pi: PacketInfo, tcp: TcpFacts): boolean {
    return this.filter!.matches(this.standIn(sets, ls, flags, num, origLen, capLen, pi, tcp), NO_BYTES);
  }

  /** The stand-in tree of a packet described by these values (not F_COMPLEX); valid until the next call. */
  standIn(sets: readonly LayerSet[], ls: number, flags: number, num: number, origLen: number, capLen: number, pi: PacketInfo, tcp: TcpFacts): ProtoNode {
    const sport = pi.srcPort >= 0 ? pi.srcPort : 0;
    const dport = pi.dstPort >= 0 ? pi.dstPort : 0;
    return this.fill(sets, ls, flags, num, origLen, capLen, pi.srcData, pi.srcOff, pi.dstData, pi.dstOff, sport, dport, tcp.stream, tcp.len, tcp.flags, tcp.analysis);
  }

  private run(
    sets: readonly LayerSet[], ls: number, flags: number, num: number, origLen: number, capLen: number,
    src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number, sport: number, dport: number, stream: number, tcpLen: number, tcpFlags: number, analysis: number,
  ): boolean {
    return this.filter!.matches(this.fill(sets, ls, flags, num, origLen, capLen, src, srcOff, dst, dstOff, sport, dport, stream, tcpLen, tcpFlags, analysis), NO_BYTES);
  }

  /** Fills the stand-in tree (addresses: 4 or 16 bytes at `srcOff` / `dstOff`) and returns its root. */
  private fill(
    sets: readonly LayerSet[], ls: number, flags: number, num: number, origLen: number, capLen: number,
    src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number, sport: number, dport: number, stream: number, tcpLen: number, tcpFlags: number, analysis: number,
  ): ProtoNode {
    const n = this.n;
    this.root.children = this.rootFor(sets, ls);
    if (this.needFrame) {
      n.frameNumber.value = num;
      n.frameLen.value = origLen;
      n.frameCapLen.value = capLen;
    }
    if (this.needIp && flags & F_IPV4) {
      const a = readU32(src, srcOff);
      const b = readU32(dst, dstOff);
      n.ipSrc.value = this.ipA.value = a;
      n.ipDst.value = this.ipB.value = b;
    }
    if (this.needIp6 && flags & F_IPV6) {
      n.ip6Src.value = this.ip6A.value = srcOff === 0 && src.length === 16 ? src : src.subarray(srcOff, srcOff + 16);
      n.ip6Dst.value = this.ip6B.value = dstOff === 0 && dst.length === 16 ? dst : dst.subarray(dstOff, dstOff + 16);
    }
    if (this.needTcp && flags & F_TCP) {
      n.tcpSrc.value = this.portA.value = sport;
      n.tcpDst.value = this.portB.value = dport;
      n.tcpStream.value = stream;
      n.tcpLen.value = tcpLen;
      const fl = tcpFlags & 0x0fff;
      n.tcpFlags.value = fl;
      for (const fn of this.flagNodes) fn.value = fl & fn.field!.mask! ? 1 : 0;
      const an = this.analysisNodes;
      if (an.length) {
        const has = this.analysisHolder.children!;
        has.length = 0;
        for (let k = 0; k < an.length; k++) if (analysis & an[k]!.bits) has.push(an[k]!.node);
      }
    }
    if (this.needUdp && flags & F_UDP) {
      n.udpSrc.value = this.uportA.value = sport;
      n.udpDst.value = this.uportB.value = dport;
    }
    return this.root;
  }
}

function readU32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** The TCP facts of a packet as the follow tap reports them (dissectors/tcp/desegment.ts). */
export interface TcpFacts {
  stream: number;
  len: number;
  flags: number;
  /** The analysis flags shown on it (FollowSegment.analysis). */
  analysis: number;
}

function allFieldsById(id: number): FieldDef {
  return allFields()[id]!;
}


const FRAME_ID = f('frame').id;
const IP_ID = f('ip').id;
const IPV6_ID = f('ipv6').id;
const TCP_ID = f('tcp').id;
const UDP_ID = f('udp').id;
