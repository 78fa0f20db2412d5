/**
 * `-T ek`: newline-delimited JSON for Elasticsearch's bulk API, in tshark 4.0's shape. Two lines
 * per packet:
 *
 *   {"index":{"_index":"packets-2009-11-13","_type":"doc"}}
 *   {"timestamp":"1258133614430","layers":{"frame":{"frame_frame_number":"1",…},"eth":{…},…}}
 *
 * `timestamp` is the packet time in milliseconds since the epoch (a string, as tshark writes it).
 * Each protocol is an object (also one inside another: the IP header an ICMP error quotes, an
 * IPv6 extension header) whose keys are `<registering protocol>_<field>` with the dots made
 * underscores (`ip_ip_src`, `ipv6_hopopts_ipv6_hopopts_nxt`); the children of other items are
 * flattened into their protocol, grouped by name as tshark groups them; expert items are
 * `_ws_expert` objects. Values are strings (as `-T json` prints them), booleans for boolean
 * fields, null for fields without a value, absolute times in Elasticsearch's date format but
 * frame.time_epoch (seconds, as shown). Equal to tshark 4.0's on the whole corpus
 * (test/electron/cli/ek-corpus.test.ts). Where
 * tshark repeats a key in one object (legal in JSON text, but a later key hides an earlier one
 * for most readers, Elasticsearch included), the values are gathered into one array instead.
 *
 * With -e fields: `"layers":{"ip_src":["192.168.1.2"],"tcp_port":["49486","80"]}`, as tshark.
 */
import { formatHex } from '../core/addr.js';
import { civilFromDays } from '../core/format.js';
import { fieldByName, registrarOf, type FieldDef, type ProtocolDef } from '../core/fields.js';
import { NodeFlags, type ProtoNode } from '../core/tree.js';
import { labelOf } from './text.js';
import { rawMembers } from './json-raw.js';
import { escapeEndTags, jsonIndexName, jsonValue, PI_GROUP, PI_SEVERITY, innerFilter, type JsonProtocolFilter } from './json.js';

/** The bulk API's action line for a packet at `tsSec`. */
export function ekIndexLine(tsSec: number): string {
  return JSON.stringify({ index: { _index: jsonIndexName(tsSec), _type: 'doc' } });
}

/**
 * Milliseconds since the epoch, as tshark writes `timestamp`: the seconds (as an unsigned 64-bit
 * number), then the milliseconds in three digits (`0000` at the epoch) — text, not arithmetic, so
 * that a time past 2^53 ms is exact.
 */
export function ekTimestamp(tsSec: number, tsNsec: number): string {
  const sec = tsSec < 0 ? BigInt.asUintN(64, BigInt(tsSec)).toString() : String(tsSec);
  return sec + String(Math.floor(tsNsec / 1e6)).padStart(3, '0');
}

/** Absolute times as tshark's ek writes them: `2009-11-13T17:33:34.430569000Z` (UTC). */
export function isoTime(sec: number, nsec: number): string {
  const days = Math.floor(sec / 86400);
  const t = sec - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const p2 = (n: number) => String(n).padStart(2, '0');
  // Years past 9999 (Date's ISO text would write +010000): as many digits as they need, as strftime.
  const year = y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0');
  return `${year}-${p2(m)}-${p2(d)}T${p2(Math.floor(t / 3600))}:${p2(Math.floor(t / 60) % 60)}:${p2(t % 60)}.${String(nsec).padStart(9, '0')}Z`;
}

function ekName(abbrev: string): string {
  return abbrev.replace(/\./g, '_');
}

/** The bytes of data source n (0 = the frame), for the bytes of nested protocol items. */
export type SourceData = (source: number) => Uint8Array | undefined;

type EkValue = string | boolean | null | EkObject;
interface EkObject {
  [key: string]: EkValue | EkValue[];
}

function nodeValue(n: ProtoNode): EkValue {
  const f = n.field!;
  if (f.type === 'boolean') return n.value === undefined || n.value === null ? null : Boolean(n.value);
  // Absolute times in Elasticsearch's date format, but those shown as seconds since the epoch
  // (frame.time_epoch), which tshark writes as they show.
  if (f.type === 'abs_time' && f.base !== 'unix' && n.value && typeof n.value === 'object' && 'sec' in n.value) return isoTime(n.value.sec, n.value.nsec);
  return jsonValue(n);
}

function put(obj: EkObject, key: string, v: EkValue): void {
  if (!(key in obj)) {
    obj[key] = v;
    return;
  }
  const cur = obj[key]!;
  if (Array.isArray(cur)) cur.push(v);
  else obj[key] = [cur, v];
}

/** A protocol that is an object of its own (not an option "in name only", whose value is its bytes). */
function isObjectProtocol(f: FieldDef | null): boolean {
  return f !== null && f.type === 'protocol' && !(f as ProtocolDef).bytesValue;
}


/**
 * `tcp.flags.syn` → `tcp_tcp_flags_syn`: the registering protocol, then the field, dots made
 * underscores. `ip.version` in an IPv6 header is IPv6's own field of that name (Wireshark
 * registers it twice): `ipv6_ip_version`.
 */
function fieldKey(abbrev: string, within: string): string {
  const parent = abbrev === 'ip.version' && within === 'ipv6' ? 'ipv6' : registrarOf(abbrev);
  return `${ekName(parent)}_${ekName(abbrev)}`;
}

/** -j / -J (json.ts): is `abbrev` listed? EK also takes its underscore spelling (`ip_flags`). */
function listed(filter: JsonProtocolFilter, abbrev: string): boolean {
  return filter.names.has(abbrev) || filter.names.has(ekName(abbrev));
}

/** A value the filter hides: tshark's dummy object. */
const filtered = (abbrev: string): EkObject => ({ filtered: abbrev });

function expertObject(n: ProtoNode, filter: JsonProtocolFilter | null): EkObject {
  const e = n.expert!;
  const x: EkObject = {};
  const set = (abbrev: string, key: string, v: EkValue) => {
    x[key] = filter && !listed(filter, abbrev) ? filtered(abbrev) : v;
  };
  set(e.def.abbrev, fieldKey(e.def.abbrev, ''), null);
  set('_ws.expert.message', '_ws_expert__ws_expert_message', e.message);
  set('_ws.expert.severity', '_ws_expert__ws_expert_severity', String(PI_SEVERITY[e.def.severity]));
  set('_ws.expert.group', '_ws_expert__ws_expert_group', String(PI_GROUP[e.def.group]));
  return x;
}

/** The key a node is written under in an object of protocol `within`. */
function nodeKey(n: ProtoNode, within: string): string {
  if (n.expert) return '_ws_expert';
  const f = n.field;
  if (!f) return 'text';
  return f.type === 'protocol' ? ekName(f.abbrev) : fieldKey(f.abbrev, within);
}

/** Nodes written under one key, and the table their children's groups are found in. */
interface Group {
  key: string;
  nodes: ProtoNode[];
  children: Map<string, Group> | null;
}

/**
 * tshark 4.0's ek_fill_attr: the nodes of one level grouped by name in order of first
 * appearance, each node's children (but a protocol's) grouped the same way right after it, in a
 * table shared by the children of every node of its group — all the groups going into one list.
 */
function fill(nodes: readonly ProtoNode[], table: Map<string, Group>, list: Group[], within: string, filter: JsonProtocolFilter | null): void {
  for (const n of nodes) {
    const key = nodeKey(n, within);
    let g = table.get(key);
    if (!g) {
      g = { key, nodes: [], children: null };
      table.set(key, g);
      list.push(g);
    }
    g.nodes.push(n);
    if (n.expert || isObjectProtocol(n.field) || !n.children?.length) continue;
    // Filtered (-j), a field's children are gathered only when it is listed (-J: then all of them).
    if (filter && !listed(filter, n.field?.abbrev ?? 'text')) continue;
    fill(n.children, (g.children ??= new Map()), list, within, innerFilter(filter));
  }
}

/**
 * The members of a protocol (or of the layers object) in `obj`, as tshark 4.0's EK writer makes
 * them (proto_tree_write_node_ek): the groups of fill(), each written in turn — a protocol as an
 * object of its own members, an expert item as a `_ws_expert` object, a field as its value, a
 * text item as `"text"`. tshark writes a name that two groups share (`text`, or
 * `tcp_tcp_option_kind` under each kind of TCP option) as a second key; here their values go
 * into one array, in the order tshark writes them.
 */
function members(nodes: readonly ProtoNode[], obj: EkObject, within: string, data: SourceData | undefined, raw: boolean, filter: JsonProtocolFilter | null): void {
  const list: Group[] = [];
  fill(nodes, new Map(), list, within, filter);
  for (const { key, nodes: group } of list) {
    // -x: `<key>_raw`, each node's bytes (or a flag's bits), when the group's first covers bytes.
    if (raw && data && group[0]!.field && rawMembers(group[0]!, data, within)) {
      for (const n of group) {
        const r = rawMembers(n, data, within);
        put(obj, `${key}_raw`, r ? (JSON.parse(r[0]!) as string | null) : '');
      }
    }
    for (const n of group) {
      const f = n.field;
      if (n.expert) put(obj, key, filter && !listed(filter, '_ws.expert') ? filtered('_ws.expert') : expertObject(n, innerFilter(filter)));
      else if (f && isObjectProtocol(f)) {
        if (filter && !listed(filter, f.abbrev)) {
          put(obj, key, filtered(f.abbrev));
          continue;
        }
        const sub: EkObject = {};
        members(n.children ?? [], sub, f.abbrev, data, raw, innerFilter(filter));
        put(obj, key, sub);
      } else if (filter && !listed(filter, f?.abbrev ?? 'text')) put(obj, key, filtered(f?.abbrev ?? 'text'));
      else if (f && f.type === 'protocol') {
        // An option "in name only" (TCP and IP options): its bytes.
        const src = data?.(n.source);
        put(obj, key, src && n.length > 0 ? formatHex(src.subarray(n.offset, n.offset + n.length), ':') : null);
      } else if (f) put(obj, key, nodeValue(n));
      else put(obj, key, labelOf(n, undefined));
    }
  }
}

/** The document line of one packet's decode tree. */
export function ekPacket(root: ProtoNode, tsSec: number, tsNsec: number, data?: SourceData, raw = false, filter: JsonProtocolFilter | null = null): string {
  const layers: EkObject = {};
  // The root's items as members: protocols become objects, top-level fields (a reassembly
  // summary such as tcp.segments) keys of their own, as tshark writes them.
  members((root.children ?? []).filter((k) => !(k.flags & NodeFlags.Hidden)), layers, '', data, raw, filter);
  return escapeEndTags(JSON.stringify({ timestamp: ekTimestamp(tsSec, tsNsec), layers }));
}

/** The document line with only the -e fields (name → every value). */
export function ekFields(values: ReadonlyArray<readonly [string, readonly string[]]>, tsSec: number, tsNsec: number): string {
  const layers: Record<string, string[]> = {};
  for (const [name, vals] of values) if (vals.length) layers[ekName(name)] = [...vals];
  return escapeEndTags(JSON.stringify({ timestamp: ekTimestamp(tsSec, tsNsec), layers }));
}
