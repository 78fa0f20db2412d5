/**
 * `-T ek`: newline-delimited JSON for Elasticsearch's bulk API, in tshark 4.0's shape. Two lines
 * per packet:
 *
 *   {"index":{"_index":"packets-2009-11-13","_type":"doc"}}
 *   {"timestamp":"1258133614430","layers":{"frame":{"frame_frame_number":"1",…},"eth":{…},…}}
 *
 * `timestamp` is the packet time in milliseconds since the epoch (a string, as tshark writes it).
 * Each protocol is an object whose keys are `<protocol>_<field>` with the dots made underscores
 * (`ip_ip_src`); the children of other items are flattened into their protocol; expert items are
 * `_ws_expert` objects. Values are strings (as `-T json` prints them), booleans for boolean
 * fields, null for fields without a value. Where
 * tshark repeats a key in one object (legal in JSON text, but a later key hides an earlier one
 * for most readers, Elasticsearch included), the values are gathered into one array instead.
 *
 * With -e fields: `"layers":{"ip_src":["192.168.1.2"],"tcp_port":["49486","80"]}`, as tshark.
 */
import { formatHex } from '../core/addr.js';
import { NodeFlags, type ProtoNode } from '../core/tree.js';
import { escapeEndTags, jsonIndexName, jsonValue, PI_GROUP, PI_SEVERITY } from './json.js';

/** The bulk API's action line for a packet at `tsSec`. */
export function ekIndexLine(tsSec: number): string {
  return JSON.stringify({ index: { _index: jsonIndexName(tsSec), _type: 'doc' } });
}

/** Milliseconds since the epoch, as tshark writes `timestamp`. */
export function ekTimestamp(tsSec: number, tsNsec: number): string {
  return String(tsSec * 1000 + Math.floor(tsNsec / 1e6));
}

/** Absolute times as tshark's ek writes them: `2009-11-13T17:33:34.430569000Z` (UTC). */
export function isoTime(sec: number, nsec: number): string {
  const d = new Date(sec * 1000);
  if (!Number.isFinite(d.getTime())) return String(sec);
  return `${d.toISOString().slice(0, 19)}.${String(nsec).padStart(9, '0')}Z`;
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
  if (f.type === 'abs_time' && n.value && typeof n.value === 'object' && 'sec' in n.value) return isoTime(n.value.sec, n.value.nsec);
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

/** `tcp.flags.syn` → `tcp_tcp_flags_syn`: the field's protocol, then the field, dots made underscores. */
function fieldKey(abbrev: string): string {
  const dot = abbrev.indexOf('.');
  return `${dot < 0 ? abbrev : abbrev.slice(0, dot)}_${ekName(abbrev)}`;
}

/**
 * A node's members in `obj`: protocols (and protocol-like subtrees such as TCP options) become
 * objects of their own, fields `<protocol>_<field>` keys, expert items a `_ws_expert` object;
 * the children of other items are flattened into the same object.
 */
function members(n: ProtoNode, obj: EkObject, data: SourceData | undefined, top: boolean): void {
  for (const k of n.children ?? []) {
    const f = k.field;
    if (k.expert) {
      const e = k.expert;
      const x: EkObject = {};
      x[fieldKey(e.def.abbrev)] = null;
      x._ws_expert__ws_expert_message = e.message;
      x._ws_expert__ws_expert_severity = String(PI_SEVERITY[e.def.severity]);
      x._ws_expert__ws_expert_group = String(PI_GROUP[e.def.group]);
      put(obj, '_ws_expert', x);
      continue;
    }
    if (f && f.type === 'protocol' && top) {
      const sub: EkObject = {};
      members(k, sub, data, false);
      put(obj, ekName(f.abbrev), sub);
      continue;
    }
    if (f && f.type === 'protocol') {
      // A protocol inside a protocol (a TCP option, an IPv6 extension header): its bytes, and its
      // fields flattened into the enclosing protocol.
      const src = data?.(k.source);
      put(obj, ekName(f.abbrev), src && k.length > 0 ? formatHex(src.subarray(k.offset, k.offset + k.length), ':') : null);
    } else if (f) {
      put(obj, fieldKey(f.abbrev), nodeValue(k));
    } else if (k.label) {
      put(obj, 'text', k.label);
    }
    members(k, obj, data, false);
  }
}

/** The document line of one packet's decode tree. */
export function ekPacket(root: ProtoNode, tsSec: number, tsNsec: number, data?: SourceData): string {
  const layers: EkObject = {};
  // The root's items as members: protocols become objects, top-level fields (a reassembly
  // summary such as tcp.segments) keys of their own, as tshark writes them.
  const visible = { children: (root.children ?? []).filter((k) => !(k.flags & NodeFlags.Hidden)) } as ProtoNode;
  members(visible, layers, data, true);
  return escapeEndTags(JSON.stringify({ timestamp: ekTimestamp(tsSec, tsNsec), layers }));
}

/** The document line with only the -e fields (name → every value). */
export function ekFields(values: ReadonlyArray<readonly [string, readonly string[]]>, tsSec: number, tsNsec: number): string {
  const layers: Record<string, string[]> = {};
  for (const [name, vals] of values) if (vals.length) layers[ekName(name)] = [...vals];
  return escapeEndTags(JSON.stringify({ timestamp: ekTimestamp(tsSec, tsNsec), layers }));
}
