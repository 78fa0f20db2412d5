/**
 * Decode As (Wireshark's Analyze › Decode As…, tshark's `-d <layer type>==<selector>,<protocol>`):
 * the keys of a dissector table that this capture hands to another protocol than the one bound
 * there, or to one bound nowhere there (DNS on UDP port 5300, HTTP on TCP port 8888, a port's
 * payload as plain data). The entries are per capture (CaptureOptions.decodeAs); DissectorTable.call
 * consults them first (CaptureContext.decodeAs), so every path that looks a port up — the port
 * pair, a stream's server port, TCP desegmentation — sees the same choice, as Wireshark's
 * dissector_change_uint makes it.
 *
 * The tables and protocols offered are those of the registry (core/dispatch.ts): a protocol may be
 * chosen in a table where it is bound, or where it says so (ProtocolSpec.decodeAs, as data does in
 * every table). The parser's messages are tshark 4.0's (tshark.c's add_decode_as).
 */
import './protocols/index.js'; // the registry's tables and bindings, whoever imports this first
import { allTables, type DissectorTable, type ProtocolSpec } from './core/dispatch.js';

export interface DecodeAsEntry {
  /** The table's name, tshark's layer type: `tcp.port`, `udp.port`, `ethertype`, `ip.proto`, `gre.proto`. */
  table: string;
  /** The keys from `from` to `to`, both included (one key: from === to). */
  from: number;
  to: number;
  /** The protocol's filter name (`dns`, `http`, `data`). */
  proto: string;
}

/** Compiled entries: the chosen protocol by table and key. */
export type DecodeAsTables = ReadonlyMap<DissectorTable, ReadonlyMap<number, ProtocolSpec>>;

/** The tables Decode As can change (tshark's names), with the largest key of each. */
const KEY_MAX: Readonly<Record<string, number>> = {
  'tcp.port': 0xffff, 'udp.port': 0xffff, ethertype: 0xffff, 'ip.proto': 0xff, 'gre.proto': 0xffff,
};

export interface Choice {
  name: string;
  description: string;
}

/** The tables Decode As can change, by name ("tcp.port" and "TCP port"). */
export function decodeAsTables(): Choice[] {
  const out: Choice[] = [];
  for (const [name, t] of allTables()) if (KEY_MAX[name] !== undefined) out.push({ name, description: t.description });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function tableOf(name: string): DissectorTable | undefined {
  return KEY_MAX[name] !== undefined ? allTables().get(name) : undefined;
}

/** The protocols Decode As may choose in table `name`, by filter name ("dns" and "Domain Name System"). */
export function decodeAsProtocols(name: string): Choice[] {
  const t = tableOf(name);
  if (!t) return [];
  const seen = new Map<string, string>();
  for (const s of t.choices) seen.set(s.proto.abbrev, s.proto.name);
  return [...seen].map(([n, d]) => ({ name: n, description: d })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function specOf(t: DissectorTable, proto: string): ProtocolSpec | undefined {
  for (const s of t.choices) if (s.proto.abbrev === proto) return s;
  return undefined;
}

/** What is wrong with an entry (a message), or undefined: for entries that did not come through parseDecodeAs (the engine's API). */
export function checkDecodeAs(e: DecodeAsEntry): string | undefined {
  const t = tableOf(e.table);
  if (!t) return `Unknown layer type -- ${e.table}`;
  const max = KEY_MAX[e.table]!;
  if (!Number.isInteger(e.from) || !Number.isInteger(e.to) || e.from < 0 || e.to > max || e.from > e.to) {
    return `Invalid selector numeric range "${e.from}-${e.to}" for ${e.table} (0 to ${max})`;
  }
  if (!specOf(t, e.proto)) return `Protocol "${e.proto}" isn't valid for layer type "${e.table}"`;
  return undefined;
}

export type DecodeAsParse =
  | { ok: true; entry: DecodeAsEntry; warning?: string }
  /**
   * `list`: the valid layer types or protocols as tshark prints them after the message (one per
   * line, under a title); `valid`: their names ('' when the message stands alone).
   */
  | { ok: false; message: string; list: string; valid: { what: 'layer types' | 'protocols'; names: string[] } | null };

function listOf(title: string, choices: Choice[]): string {
  return `${title}\n${choices.map((c) => `\t${c.name} (${c.description})\n`).join('')}`;
}

/** A refusal followed by the valid layer types, or by the protocols valid for `table`. */
function refused(message: string, table?: string): DecodeAsParse {
  const choices = table === undefined ? decodeAsTables() : decodeAsProtocols(table);
  return {
    ok: false,
    message,
    list: listOf(table === undefined ? 'Valid layer types are:' : `Valid protocols for layer type "${table}" are:`, choices),
    valid: { what: table === undefined ? 'layer types' : 'protocols', names: choices.map((c) => c.name) },
  };
}

/** A refusal that stands alone (a bad selector). */
function refusedAlone(message: string): DecodeAsParse {
  return { ok: false, message, list: '', valid: null };
}

const NUMBER = /^(0x[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

/** A selector number as tshark reads it (decimal, 0x hex, 0 octal); NaN when it is not one. */
function selectorNumber(s: string): number {
  if (!NUMBER.test(s)) return NaN;
  return s.startsWith('0x') ? parseInt(s.slice(2), 16) : s.length > 1 && s.startsWith('0') ? parseInt(s.slice(1), 8) : Number(s);
}

/**
 * One `-d` argument: `tcp.port==8888,http`, `udp.port==5300-5310,dns` (a range), `tcp.port==8000:3,http`
 * (three ports from 8000), or with one `=` (tshark warns and reads it as `==`).
 */
export function parseDecodeAs(arg: string): DecodeAsParse {
  const template = `Parameter "${arg}" doesn't follow the template "<layer_type>==<selector>,<decode_as_protocol>"`;
  const eq = arg.indexOf('=');
  if (eq < 0) {
    return refused(`${template}\nUnknown layer type -- ${arg}`);
  }
  const tableName = arg.slice(0, eq);
  let rest = arg.slice(eq + 1);
  let warning: string | undefined;
  if (rest.startsWith('=')) rest = rest.slice(1);
  else warning = `WARNING: -d requires "==" instead of "=". Option will be treated as "${tableName}==${rest}"`;
  if (!tableOf(tableName)) return refused(`Unknown layer type -- ${tableName}`);
  const comma = rest.indexOf(',');
  if (comma < 0) return refused(template, tableName);
  const selector = rest.slice(0, comma);
  const proto = rest.slice(comma + 1);
  const max = KEY_MAX[tableName]!;
  let from: number;
  let to: number;
  const dash = selector.indexOf('-');
  const colon = selector.indexOf(':');
  if (dash >= 0 || colon >= 0) {
    const sep = dash >= 0 ? dash : colon;
    const a = selectorNumber(selector.slice(0, sep));
    const b = selectorNumber(selector.slice(sep + 1));
    if (Number.isNaN(a) || Number.isNaN(b) || (dash < 0 && b === 0)) return refusedAlone(`Invalid selector numeric range "${selector}"`);
    from = a;
    to = dash >= 0 ? b : a + b - 1;
    if (to < from) return refusedAlone(`Invalid selector numeric range "${selector}"`);
  } else {
    from = to = selectorNumber(selector);
    if (Number.isNaN(from)) return refusedAlone(`Invalid selector number "${selector}"`);
  }
  if (to > max) return refusedAlone(`Invalid selector numeric range "${selector}" for ${tableName} (0 to ${max})`);
  const t = tableOf(tableName)!;
  if (!specOf(t, proto)) {
    const known = [...allTables().values()].some((x) => [...x.choices].some((s) => s.proto.abbrev === proto));
    return refused(known ? `Protocol "${proto}" isn't valid for layer type "${tableName}"` : `Unknown protocol -- "${proto}"`, tableName);
  }
  const entry: DecodeAsEntry = { table: tableName, from, to, proto };
  return warning ? { ok: true, entry, warning } : { ok: true, entry };
}

/** `tcp.port==8888,http` (or `tcp.port==5300-5310,dns`): an entry as `-d` and the app's settings write it. */
export function decodeAsText(e: DecodeAsEntry): string {
  return `${e.table}==${e.from === e.to ? e.from : `${e.from}-${e.to}`},${e.proto}`;
}

/**
 * The entries as the tables read them: a later entry for the same key wins (tshark applies its
 * `-d` options in order). Null for none. Entries are expected to pass checkDecodeAs; one that does
 * not is left out.
 */
export function compileDecodeAs(entries: readonly DecodeAsEntry[] | undefined): DecodeAsTables | null {
  if (!entries || entries.length === 0) return null;
  const out = new Map<DissectorTable, Map<number, ProtocolSpec>>();
  for (const e of entries) {
    if (checkDecodeAs(e) !== undefined) continue;
    const t = tableOf(e.table)!;
    const spec = specOf(t, e.proto)!;
    let m = out.get(t);
    if (!m) out.set(t, (m = new Map()));
    for (let k = e.from; k <= e.to; k++) m.set(k, spec);
  }
  return out.size ? out : null;
}
