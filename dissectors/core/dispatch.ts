/**
 * Dispatch tables as data (Wireshark's dissector tables, gopacket's decoder maps): a protocol
 * binds itself to a key in a named table (`ethertype` 0x0800, `ip.proto` 6, `udp.port` 53) and the
 * layer below looks the key up. Heuristic lists let a protocol claim payloads by their content.
 */
import type { ProtocolDef } from './fields.js';
import type { PacketInfo } from './pinfo.js';
import type { ProtoNode } from './tree.js';
import type { Tvb } from './tvb.js';

/**
 * A dissector decodes `tvb` (its view starts at the protocol's first byte), adds to `tree`, sets
 * columns on `pinfo`, and hands the payload on. It may only throw the framework's BoundsError or
 * MalformedError (the Tvb raises them). `data` carries what the layer below wants to pass (as
 * Wireshark's `void *data`). It may return how many bytes it consumed (so the layer below can show
 * the rest as a trailer); returning nothing means "all of it".
 */
export type Dissector = (tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, data?: unknown) => number | void;

/** A heuristic dissector claims a payload by returning true. It must never throw. */
export type Heuristic = (tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, data?: unknown) => boolean;

export interface ProtocolSpec {
  proto: ProtocolDef;
  dissect: Dissector;
  /** Where this protocol is bound: [table name, key]. */
  bind?: ReadonlyArray<readonly [string, number]>;
  /**
   * Heuristic lists this protocol joins, each under Wireshark's short name (`http_tcp`, `dns_udp`:
   * what tshark's --disable-heuristic takes).
   */
  heuristics?: ReadonlyArray<{ table: string; name: string; fn: Heuristic }>;
  /**
   * Tables where Decode As may choose this protocol for any key although it is bound to none
   * there (Wireshark's dissector_add_for_decode_as); every protocol bound in a table may be
   * chosen in it anyway (dissectors/decode-as.ts).
   */
  decodeAs?: readonly string[];
}

/**
 * Runs a protocol's dissector on a view, noting the protocol for frame.protocols. Returns bytes
 * consumed; a dissector that returns 0 refused the data, and leaves no layer in frame.protocols
 * (Wireshark's call_dissector_work).
 */
export function callDissector(spec: ProtocolSpec, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, data?: unknown): number {
  const off = pinfo.ctx.disabled;
  if (off !== null && off.protocols.has(spec)) {
    // A disabled protocol called by name: its bytes go to Data instead (Wireshark's
    // call_dissector_with_data), or nowhere when Data is disabled too.
    if (off.data === null || off.data === spec) return tvb.reportedLength;
    spec = off.data;
  }
  tvb.layer = spec.proto.abbrev;
  const layers = pinfo.layerCount;
  pinfo.enter(spec.proto);
  const caller = pinfo.current;
  pinfo.current = spec.proto;
  // Not put back when the dissector throws: the catch that shows the exception does (as tshark,
  // whose pinfo->current_proto is then still the protocol that threw).
  const n = spec.dissect(tvb, pinfo, tree, data);
  pinfo.current = caller;
  if (n === 0) pinfo.layerCount = layers;
  return typeof n === 'number' ? n : tvb.reportedLength;
}

/** Whether the capture left `spec` on (a dissector looking a protocol up itself asks this before calling it). */
export function isEnabled(spec: ProtocolSpec, pinfo: PacketInfo): boolean {
  const off = pinfo.ctx.disabled;
  return off === null || !off.protocols.has(spec);
}

/** Keys below this (ports, EtherTypes, IP protocols, link types) are also kept in a plain array. */
const DIRECT_KEYS = 0x10000;

export class DissectorTable {
  private map = new Map<number, ProtocolSpec>();
  /** What Decode As may choose here: the protocols bound here and those that name this table in `decodeAs`. */
  readonly choices = new Set<ProtocolSpec>();
  /**
   * `direct[key]` for integer keys below DIRECT_KEYS, filled up to the highest one bound: an array
   * index instead of a Map lookup on every packet (a table is consulted several times per packet).
   */
  private direct: (ProtocolSpec | undefined)[] = [];
  constructor(readonly name: string, readonly description: string) {}

  add(key: number, spec: ProtocolSpec): void {
    this.map.set(key, spec);
    this.choices.add(spec);
    if (Number.isInteger(key) && key >= 0 && key < DIRECT_KEYS) {
      // Grown with explicit undefined entries (no holes, no dictionary mode) by the array builtins:
      // a loop of pushes runs in the interpreter at start-up, ~20 ms for the EtherType table.
      if (this.direct.length <= key) this.direct = this.direct.concat(new Array<ProtocolSpec | undefined>(key + 1 - this.direct.length).fill(undefined));
      this.direct[key] = spec;
    }
  }

  get(key: number): ProtocolSpec | undefined {
    return key >= 0 && key < this.direct.length ? this.direct[key] ?? this.map.get(key) : this.map.get(key);
  }

  entries(): IterableIterator<[number, ProtocolSpec]> {
    return this.map.entries();
  }

  /**
   * Calls the dissector bound to `key`: bytes it consumed, or −1 when there is none. The
   * capture's Decode As entries for this table (pinfo.ctx.decodeAs) come first; a protocol the
   * capture disabled (pinfo.ctx.disabled) counts as none, as in Wireshark's dissector_try_uint.
   */
  call(key: number, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, data?: unknown): number {
    const da = pinfo.ctx.decodeAs;
    let spec: ProtocolSpec | undefined;
    if (da !== null) spec = da.get(this)?.get(key);
    if (spec === undefined) {
      const d = this.direct;
      // Integer keys below d.length are all in `direct` (misses are undefined there, never in the map).
      spec = key >= 0 && key < d.length && (key | 0) === key ? d[key] : this.map.get(key);
      if (!spec) return -1;
    }
    if (!isEnabled(spec, pinfo)) return -1;
    return callDissector(spec, tvb, pinfo, tree, data);
  }
}

export interface HeuristicEntry {
  spec: ProtocolSpec;
  fn: Heuristic;
  /** Wireshark's short name (`http_tcp`). */
  name: string;
}

export class HeuristicTable {
  readonly list: HeuristicEntry[] = [];
  constructor(readonly name: string) {}

  /**
   * Tries each heuristic in turn, but those the capture disabled (or whose protocol it disabled);
   * true when one claimed the payload.
   */
  call(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, data?: unknown): boolean {
    const list = this.list;
    const off = pinfo.ctx.disabled;
    for (let i = 0; i < list.length; i++) {
      const h = list[i]!;
      if (off !== null && (off.heuristics.has(h) || off.protocols.has(h.spec))) continue;
      const saved = tvb.layer;
      tvb.layer = h.spec.proto.abbrev;
      const before = pinfo.layerCount;
      pinfo.enter(h.spec.proto);
      const caller = pinfo.current;
      pinfo.current = h.spec.proto;
      const claimed = h.fn(tvb, pinfo, tree, data);
      pinfo.current = caller;
      if (claimed) return true;
      pinfo.layerCount = before;
      tvb.layer = saved;
    }
    return false;
  }
}

const tables = new Map<string, DissectorTable>();
const heuristics = new Map<string, HeuristicTable>();

/** The table named `name` (created empty on first use). */
export function table(name: string, description = name): DissectorTable {
  let t = tables.get(name);
  if (!t) {
    t = new DissectorTable(name, description);
    tables.set(name, t);
  }
  return t;
}

export function heuristicTable(name: string): HeuristicTable {
  let t = heuristics.get(name);
  if (!t) {
    t = new HeuristicTable(name);
    heuristics.set(name, t);
  }
  return t;
}

export function allTables(): ReadonlyMap<string, DissectorTable> {
  return tables;
}

export function allHeuristicTables(): ReadonlyMap<string, HeuristicTable> {
  return heuristics;
}

/** Every protocol registered, in registration order. */
export function allProtocols(): ReadonlySet<ProtocolSpec> {
  return registered;
}

/**
 * What a capture switched off (Analyze › Enabled Protocols; tshark's --disable-protocol and
 * --disable-heuristic), compiled by dissectors/enabled-protocols.ts: `CaptureContext.disabled`,
 * null when nothing is, which is what the tables check per packet.
 */
export interface DisabledSet {
  protocols: ReadonlySet<ProtocolSpec>;
  heuristics: ReadonlySet<HeuristicEntry>;
  /** What a disabled protocol called by name hands its bytes to (null when Data is disabled too). */
  data: ProtocolSpec | null;
}

/** Wires each protocol's bindings and heuristics into the tables. Idempotent per spec. */
const registered = new Set<ProtocolSpec>();
export function registerProtocols(specs: readonly ProtocolSpec[]): void {
  for (const s of specs) {
    if (registered.has(s)) continue;
    registered.add(s);
    for (const [name, key] of s.bind ?? []) table(name).add(key, s);
    for (const name of s.decodeAs ?? []) table(name).choices.add(s);
    for (const h of s.heuristics ?? []) heuristicTable(h.table).list.push({ spec: s, fn: h.fn, name: h.name });
  }
}

/**
 * Tries the port tables the way Wireshark does: the lower port first, then the higher one.
 * Returns the bytes consumed, or −1 when no dissector took the payload.
 */
export function callByPorts(t: DissectorTable, src: number, dst: number, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, data?: unknown): number {
  const lo = src < dst ? src : dst;
  const hi = src < dst ? dst : src;
  const n = t.call(lo, tvb, pinfo, tree, data);
  if (hi === lo || (n >= 0 && (n > 0 || !pinfo.failOver))) return n;
  pinfo.failOver = false;
  return t.call(hi, tvb, pinfo, tree, data);
}

/**
 * Whether a table call's result (bytes consumed, 0 refused, −1 none bound) ends the search: a
 * refusal does not when the dissector asked to fail over (PacketInfo.failOver), which is cleared.
 */
export function claimedBy(n: number, pinfo: PacketInfo): boolean {
  if (n > 0) return true;
  if (n < 0) return false;
  if (!pinfo.failOver) return true;
  pinfo.failOver = false;
  return false;
}
