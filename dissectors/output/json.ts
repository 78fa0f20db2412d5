/**
 * `-T json` in tshark 4.0's shape (pure: the caller supplies a `write` function).
 *
 *   [
 *     {
 *       "_index": "packets-2012-11-11",
 *       "_type": "doc",
 *       "_score": null,
 *       "_source": {
 *         "layers": {
 *           "frame": { "frame.number": "1", … },
 *           "eth": { "eth.dst": "ff:ff:ff:ff:ff:ff", "eth.dst_tree": { … }, … },
 *           …
 *
 * Rules (tshark's write_json_proto_node_list with its default grouping, one key per node):
 * - the key is the field's display-filter name; a text-only item uses its label as the key;
 * - every value is a string (`fieldText`, except bytes: colon-separated hex, as tshark's JSON);
 * - a node with a value and children gives `"<name>": value` then `"<name>_tree": {children}`;
 *   a node with children but no value (protocols, text items) gives `"<name>": {children}`;
 *   a node with neither gives its label for a protocol, `""` otherwise;
 * - repeated fields repeat their key (`"ip.addr"` twice): the output is JSON text with duplicate
 *   keys, exactly as tshark writes it (a JSON parser keeps the last one);
 * - hidden and generated items are included, as tshark includes them;
 * - an expert item is `"_ws.expert": {"<expert name>": "", "_ws.expert.message": …,
 *   "_ws.expert.severity": "<Wireshark PI_ code>", "_ws.expert.group": "<PI_ code>"}`.
 *
 * `_index` is the packet's date in UTC (tshark uses the local time zone; they agree under
 * TZ=UTC), `packets-1970-01-01` for a packet without a timestamp.
 */
import { formatHex } from '../core/addr.js';
import type { ExpertGroup, Severity } from '../core/expert.js';
import { civilFromDays, fieldText, nodeLabel } from '../core/format.js';
import type { ProtocolDef } from '../core/fields.js';
import { labelOf } from './text.js';
import { rawMembers } from './json-raw.js';
import type { ProtoNode } from '../core/tree.js';

/** Wireshark's PI_* severity values, as tshark prints `_ws.expert.severity`. */
export const PI_SEVERITY: Readonly<Record<Severity, number>> = {
  comment: 0x00100000, chat: 0x00200000, note: 0x00400000, warn: 0x00600000, error: 0x00800000,
};

/** Wireshark's PI_* group values, as tshark prints `_ws.expert.group`. */
export const PI_GROUP: Readonly<Record<ExpertGroup, number>> = {
  checksum: 0x01000000, sequence: 0x02000000, 'response-code': 0x03000000, 'request-code': 0x04000000,
  undecoded: 0x05000000, reassemble: 0x06000000, malformed: 0x07000000, debug: 0x08000000,
  protocol: 0x09000000, security: 0x0a000000, comment: 0x0b000000, decryption: 0x0c000000,
  assumption: 0x0d000000, deprecated: 0x0e000000,
};

/** `packets-YYYY-MM-DD` for a time in seconds since the epoch (UTC). */
export function jsonIndexName(tsSec: number): string {
  if (!Number.isFinite(tsSec)) return 'packets-XXXX-XX-XX';
  const [y, m, d] = civilFromDays(Math.floor(tsSec / 86400));
  return `packets-${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A JSON string as Wireshark's json_dumper writes it: `</` as `<\/` (so that the text can sit in
 * an HTML script element), otherwise as JSON.stringify.
 */
export const jsonString = (s: string): string => escapeEndTags(JSON.stringify(s));
/** JSON text with every `</` (only ever inside a string) written `<\/`, as json_dumper does. */
export const escapeEndTags = (json: string): string => (json.includes('</') ? json.replaceAll('</', '<\\/') : json);
const str = jsonString;

/** A node's value as JSON text, or null when it has none (protocols but options, labels, FT_NONE). */
export function jsonValue(n: ProtoNode): string | null {
  const f = n.field;
  if (f?.type === 'protocol' && (f as ProtocolDef).bytesValue && n.value instanceof Uint8Array && n.value.length > 0) return formatHex(n.value, ':');
  if (!f || f.type === 'protocol' || f.type === 'none') return null;
  const v = n.value;
  if (v === undefined || v === null) return null;
  if (f.type === 'bytes') return formatHex(v as Uint8Array, ':');
  return fieldText(f, v);
}

/** The key a node is written under: its field's name, or a text item's label (cut as tshark cuts long labels). */
function jsonKey(n: ProtoNode): string {
  if (n.field) return n.field.abbrev;
  return n.label === null ? '' : labelOf(n, undefined);
}

/**
 * Pretty JSON text built the way Wireshark's json_dumper indents it: two spaces per level, `{}`
 * for an empty object, members on their own lines.
 */
class Pretty {
  out = '';
  /** Per open container: has it got a member yet? */
  private first: boolean[] = [];

  constructor(private level: number) {}

  private nl(): string {
    return '\n' + '  '.repeat(this.level);
  }

  private sep(): void {
    const i = this.first.length - 1;
    if (i >= 0) {
      if (!this.first[i]) this.out += ',';
      this.first[i] = false;
    }
    this.out += this.nl();
  }

  member(name: string): void {
    this.sep();
    this.out += str(name) + ': ';
  }

  /** An array element (or the value that follows `member`). */
  element(): void {
    this.sep();
  }

  value(text: string | null): void {
    this.out += text === null ? 'null' : str(text);
  }

  open(ch: '{' | '['): void {
    this.out += ch;
    this.first.push(true);
    this.level++;
  }

  close(ch: '}' | ']'): void {
    const empty = this.first.pop();
    this.level--;
    if (!empty) this.out += this.nl();
    this.out += ch;
  }
}

function writeExpert(p: Pretty, n: ProtoNode): void {
  const e = n.expert!;
  p.member('_ws.expert');
  p.open('{');
  p.member(e.def.abbrev);
  p.value('');
  p.member('_ws.expert.message');
  p.value(e.message);
  p.member('_ws.expert.severity');
  p.value(String(PI_SEVERITY[e.def.severity]));
  p.member('_ws.expert.group');
  p.value(String(PI_GROUP[e.def.group]));
  p.close('}');
}

/** -x: the bytes of data source n (0 = the frame), for the `_raw` members (json-raw.ts). */
export type RawData = (source: number) => Uint8Array | undefined;

/**
 * tshark's `-j` / `-J` protocol match filter: an item with children whose key is not listed
 * shows `{"filtered": key}` instead of them (its own value stays); with `children` (-J) a listed
 * item's whole subtree is shown.
 */
export interface JsonProtocolFilter {
  names: ReadonlySet<string>;
  children: boolean;
}

/** The filter below a listed item: none with -J (its whole subtree shows), the same with -j. */
export function innerFilter(filter: JsonProtocolFilter | null): JsonProtocolFilter | null {
  return filter?.children ? null : filter;
}

function writeChildren(p: Pretty, parent: ProtoNode, raw: RawData | undefined, within = '', filter: JsonProtocolFilter | null = null): void {
  p.open('{');
  for (const n of parent.children ?? []) writeNode(p, n, raw, within, filter);
  p.close('}');
}

function writeFiltered(p: Pretty, key: string): void {
  p.open('{');
  p.member('filtered');
  p.value(key);
  p.close('}');
}

function writeRaw(p: Pretty, key: string, members: string[]): void {
  p.member(key + '_raw');
  p.open('[');
  for (const m of members) {
    p.element();
    p.out += m;
  }
  p.close(']');
}

/** `within`: the protocol the node is in (json-raw.ts reads a few bitmasks by it). */
function writeNode(p: Pretty, n: ProtoNode, raw: RawData | undefined, within: string, filter: JsonProtocolFilter | null): void {
  if (n.expert) {
    if (filter && !filter.names.has('_ws.expert')) {
      p.member('_ws.expert');
      writeFiltered(p, '_ws.expert');
    } else writeExpert(p, n);
    return;
  }
  const key = jsonKey(n);
  const bytes = raw ? rawMembers(n, raw, within) : null;
  if (bytes) writeRaw(p, key, bytes);
  const value = jsonValue(n);
  const hasChildren = n.children !== null && n.children.length > 0;
  if (value !== null) {
    p.member(key);
    p.value(value);
  }
  if (hasChildren) {
    p.member(value !== null ? key + '_tree' : key);
    if (filter && !filter.names.has(key)) writeFiltered(p, key);
    else writeChildren(p, n, raw, n.field?.type === 'protocol' && !(n.field as ProtocolDef).bytesValue ? n.field.abbrev : within, innerFilter(filter));
  }
  if (value === null && !hasChildren) {
    p.member(key);
    p.value(n.field?.type === 'protocol' ? nodeLabel(n) : '');
  }
}

function packetHead(p: Pretty, tsSec: number): void {
  p.open('{');
  p.member('_index');
  p.value(jsonIndexName(tsSec));
  p.member('_type');
  p.value('doc');
  p.member('_score');
  p.value(null);
  p.member('_source');
  p.open('{');
  p.member('layers');
}

function packetTail(p: Pretty): void {
  p.close('}');
  p.close('}');
}

/**
 * One packet object (the full tree) as JSON text, indented as an element of the top array; with
 * `raw` (-x), each item's `_raw` member before it; with `filter` (-j, -J), only the listed items' children.
 */
export function packetJson(root: ProtoNode, tsSec: number, level = 1, raw?: RawData, filter: JsonProtocolFilter | null = null): string {
  const p = new Pretty(level);
  packetHead(p, tsSec);
  writeChildren(p, root, raw, '', filter);
  packetTail(p);
  return p.out;
}

/** One packet object for `-T json -e …`: `"layers": {"ip.src": ["10.0.0.1", …], …}`. */
export function packetFieldsJson(values: ReadonlyArray<readonly [string, readonly string[]]>, tsSec: number, level = 1): string {
  const p = new Pretty(level);
  packetHead(p, tsSec);
  p.open('{');
  for (const [name, vals] of values) {
    p.member(name);
    p.open('[');
    for (const v of vals) {
      p.element();
      p.value(v);
    }
    p.close(']');
  }
  p.close('}');
  packetTail(p);
  return p.out;
}

/** Streams the top-level array: `[`, the packets separated by commas, `]` (or `[]` when empty). */
export class JsonArrayWriter {
  private count = 0;
  constructor(private readonly write: (s: string) => void) {}

  /** Writes one packet object made by packetJson / packetFieldsJson (at level 1). */
  element(text: string): void {
    this.write((this.count === 0 ? '[\n  ' : ',\n  ') + text);
    this.count++;
  }

  end(): void {
    this.write(this.count === 0 ? '[]\n' : '\n]\n');
  }
}
