/**
 * Running a display filter over a whole capture without dissecting it again, when the filter only
 * reads what the session's index keeps per packet: frame number and lengths, the IPv4/IPv6 source
 * and destination, TCP and UDP ports, tcp.stream, tcp.len and the TCP flags, and the existence of
 * the common protocols (eth, vlan, arp, ip, ipv6, tcp, udp, dns, http …).
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
import { F_IPV4, F_IPV6, F_TCP, F_UDP } from './index-flags.js';

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
const VALUE_FIELDS = new Set<FieldDef>([...Object.values(FIELDS), ...FLAG_FIELDS]);

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

  private constructor(private readonly filter: DisplayFilter) {
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
    this.needed = new Set([...filter.treeFieldIds, ...filter.fieldIds]);
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
    for (const [id, cs] of kids) {
      const p = new ProtoNode(allFieldsById(id), 0, 0, null);
      const keep = cs.filter((c) => this.needed.has(c.field!.id));
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
    return new FastFilter(filter);
  }

  /** The root's children for a layer set: the needed protocols (and those holding needed fields), in order. */
  private rootFor(s: Session, ls: number): ProtoNode[] {
    let r = this.roots[ls];
    if (r) return r;
    r = [];
    for (const id of [FRAME_ID, ...s.layerSets[ls]!.ids]) {
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
    const ix = s.index;
    const c = s.columns;
    const flags = ix.flags[i]!;
    const n = this.n;
    this.root.children = this.rootFor(s, c.layers[i]!);
    if (this.needFrame) {
      n.frameNumber.value = i + 1;
      n.frameLen.value = ix.origLenOf(i);
      n.frameCapLen.value = ix.capLen[i]!;
    }
    if (this.needIp && flags & F_IPV4) {
      const a = u32(s.strings.bytes[c.src[i]!]!);
      const b = u32(s.strings.bytes[c.dst[i]!]!);
      n.ipSrc.value = this.ipA.value = a;
      n.ipDst.value = this.ipB.value = b;
    }
    if (this.needIp6 && flags & F_IPV6) {
      n.ip6Src.value = this.ip6A.value = s.strings.bytes[c.src[i]!]!;
      n.ip6Dst.value = this.ip6B.value = s.strings.bytes[c.dst[i]!]!;
    }
    if (this.needTcp && flags & F_TCP) {
      n.tcpSrc.value = this.portA.value = c.sport[i]!;
      n.tcpDst.value = this.portB.value = c.dport[i]!;
      n.tcpStream.value = c.stream[i]!;
      n.tcpLen.value = c.tcpLen[i]!;
      const fl = c.tcpFlags[i]! & 0x0fff;
      n.tcpFlags.value = fl;
      for (const fn of this.flagNodes) fn.value = fl & fn.field!.mask! ? 1 : 0;
    }
    if (this.needUdp && flags & F_UDP) {
      n.udpSrc.value = this.uportA.value = c.sport[i]!;
      n.udpDst.value = this.uportB.value = c.dport[i]!;
    }
    return this.filter.matches(this.root, NO_BYTES);
  }
}

function allFieldsById(id: number): FieldDef {
  return allFields()[id]!;
}

function u32(b: Uint8Array): number {
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

const FRAME_ID = f('frame').id;
const IP_ID = f('ip').id;
const IPV6_ID = f('ipv6').id;
const TCP_ID = f('tcp').id;
const UDP_ID = f('udp').id;
