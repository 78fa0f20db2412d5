/**
 * Command-line parsing for `packetloom`, in tshark's (getopt) manner:
 *
 *   -r file | -rfile | --read-file file | --read-file=file
 *   -c 10 | -c10          clusters of flags without values: -nV, -nx
 *   -e a -e b             repeatable
 *   -E key=value          repeatable
 *   --                    ends the options
 *
 * Every option is one entry of OPTIONS (its letter, long name, value, help line and what it
 * does), so a later flag (-Y, -w, -F, -i, -D, …) is one more entry. Parsing never
 * prints: it returns the options or an ArgError with a one-line message.
 */

import { EXPORT_OBJECT_PROTOCOLS, type ExportObjectProtocol } from '../../dissectors/output/export-objects.js';
import { parseDecodeAs, type DecodeAsEntry } from '../../dissectors/decode-as.js';
import { checkEnabledProtocols, heuristicNames, protocolChoices, type EnabledProtocols } from '../../dissectors/enabled-protocols.js';
import { FOLLOW_MODES, parseFollowFilter, type FollowFilter, type FollowMode, type FollowProto } from '../../dissectors/output/follow-text.js';
import { parseTableStat, TABLE_STAT_HELP, type TableStat } from './stat-args.js';
import { parseConversationSpec, parseWriteFormat, type ConversationSpec, type WriteFormat } from './export.js';
import { defaultLiveArgs, parseAutostop, parseBufferSize, parseRing, parseSnaplen, type LiveArgs } from './live.js';
import { applySecondsFormat, applyTimeFormat, DEFAULT_TIME_COLUMN, type TimeColumn } from './time-column.js';

export type OutputFormat = 'text' | 'fields' | 'json' | 'ek' | 'psml';

/** `-z follow,tcp|udp,MODE,FILTER[,RANGE]`: one stream to print at the end, as tshark's tap-follow. */
export interface FollowStat {
  kind: 'follow';
  proto: FollowProto;
  mode: FollowMode;
  filter: FollowFilter;
  /** Chunks to print (from 1), tshark's optional range `N` or `N-M`. */
  chunkMin: number;
  chunkMax: number;
}

/** `-E` settings of `-T fields` (tshark's output_fields_t). */
export interface FieldOutputOptions {
  header: boolean;
  /** Column separator (one character). */
  separator: string;
  /** 'f' first, 'l' last, 'a' all, or n ≥ 1: the n-th occurrence (n ≤ −1: counted from the last). */
  occurrence: 'f' | 'l' | 'a' | number;
  /** Between occurrences with occurrence=a (one character). */
  aggregator: string;
  /** Quote character around non-empty values, or '' for none. */
  quote: string;
  /** Start the output with a UTF-8 byte order mark. */
  bom: boolean;
}

/** The preferences `-o` sets (tshark's names). */
export const PREFERENCES = ['tcp.relative_sequence_numbers'] as const;

/**
 * `-o name:value` as tshark reads it: null when `v` is not one (no `module.name:` before a value:
 * a file name for --export-conversation), an error line for a preference Packetloom does not have,
 * else the preference and its boolean value (TRUE, in any case and with white space around, is
 * true; anything else false, as Wireshark reads a boolean preference).
 */
export function preferenceOf(v: string): { name: (typeof PREFERENCES)[number]; value: boolean } | string | null {
  const m = /^([A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+):(.*)$/s.exec(v);
  if (!m) return null;
  const name = m[1]!;
  if (!(PREFERENCES as readonly string[]).includes(name)) {
    return `-o flag "${v}" specifies a preference Packetloom does not have (it has: ${PREFERENCES.join(', ')})`;
  }
  return { name: name as (typeof PREFERENCES)[number], value: m[2]!.trim().toLowerCase() === 'true' };
}

/** `-N` letters (tshark's name resolution flags). */
export interface ResolveOptions {
  /** m: MAC address vendors and well-known MAC names. */
  mac: boolean;
  /** n: network (IP) addresses, by the names of the personal hosts file and the capture's name resolution blocks (electron/engine/hosts-file.ts). */
  network: boolean;
  /** N: external resolvers (DNS). Accepted; never used (no look-ups leave the machine). */
  external: boolean;
  /** t: transport port names (dissectors/resolve/services.ts). */
  transport: boolean;
  /** d: names from the A and AAAA records of the capture's DNS packets (shown with n, listed by -z hosts); on by default, as in tshark. */
  dns: boolean;
  /** v: VLAN id names. Accepted; no VLAN name table yet. */
  vlan: boolean;
}

export interface CliOptions {
  readFile?: string;
  /** -c: stop after this many packets. */
  count?: number;
  /** -T */
  format: OutputFormat;
  /** True when -T was given (text is the default either way). */
  formatGiven: boolean;
  /** -e, in order (repeats kept, as tshark keeps them). */
  fields: string[];
  fieldOptions: FieldOutputOptions;
  resolve: ResolveOptions;
  /** -V: the decode tree. */
  verbose: boolean;
  /** -O: the protocols the decode tree shows in full (the others are one line each); implies -V. */
  onlyProtocols?: Set<string>;
  /** -j / -J: the protocol match filter of -T json (names split on spaces, as tshark), and whether -J's children rule is on. */
  protocolFilter?: string[];
  protocolFilterChildren?: boolean;
  /** -x: hex and ASCII dump. */
  hex: boolean;
  /** -P: print the summary line even with -V / -x. */
  printSummary: boolean;
  /** -Y: display filter (Wireshark syntax); only matching packets are printed. */
  displayFilter?: string;
  /** -q: no per-packet output (statistics only). */
  quiet: boolean;
  /** -z: statistics, printed after the packets (the last given first, as tshark does). */
  stats: (FollowStat | TableStat)[];
  help: boolean;
  version: boolean;
  /** Arguments that are not options (tshark reads them as a filter). */
  positional: string[];
  /** -w: the file to write (live capture: the packets captured). */
  writeFile?: string;
  /** -F: format of the -w file when reading a file (default pcapng, as tshark). */
  writeFormat?: WriteFormat;
  /** --export-conversation tcp:N|udp:N, and -o: where its JSON goes (stdout without). */
  exportConversation?: ConversationSpec;
  outputFile?: string;
  /** -o tcp.relative_sequence_numbers:FALSE: sequence numbers as on the wire. */
  tcpAbsoluteSeq?: boolean;
  /** --states: both TCP endpoints' states at the end of each summary line. */
  states: boolean;
  /** --export-objects http,DIR: the HTTP bodies saved into DIR (electron/cli/export-objects.ts). */
  exportObjects?: { proto: ExportObjectProtocol; dir: string };
  /** -2: a two-pass analysis (electron/cli/two-pass.ts). */
  twoPass: boolean;
  /** Live capture: -i, -D, -f, -s, -B, -a, -b (electron/cli/live.ts). */
  live: LiveArgs;
  /** -t, -u: the Time column's format (time-column.ts). */
  time: TimeColumn;
  /** -l: write the output out after each packet (for a pipe reading a live capture). */
  flushEachPacket: boolean;
  /** -d: Decode As entries, in order (dissectors/decode-as.ts). */
  decodeAs: DecodeAsEntry[];
  /** --disable-protocol, --disable-heuristic, --enable-heuristic (dissectors/enabled-protocols.ts). */
  protocols: { disabled: string[]; disabledHeuristics: string[]; enabledHeuristics: string[] };
  /** Warnings to print before the packets (tshark's, e.g. -d written with one "="). */
  warnings: string[];
}

export class ArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgError';
  }
}

export function defaultOptions(): CliOptions {
  return {
    format: 'text',
    formatGiven: false,
    fields: [],
    fieldOptions: { header: false, separator: '\t', occurrence: 'a', aggregator: ',', quote: '', bom: false },
    // tshark's default: MAC names shown, and names learned from the capture's DNS answers (listed by
    // -z hosts, not shown without n) — Wireshark's `name_resolve: m` with "use captured DNS packet data".
    resolve: { mac: true, network: false, external: false, transport: false, dns: true, vlan: false },
    verbose: false,
    hex: false,
    printSummary: false,
    quiet: false,
    stats: [],
    help: false,
    version: false,
    positional: [],
    states: false,
    twoPass: false,
    live: defaultLiveArgs(),
    time: { ...DEFAULT_TIME_COLUMN },
    flushEachPacket: false,
    decodeAs: [],
    protocols: { disabled: [], disabledHeuristics: [], enabledHeuristics: [] },
    warnings: [],
  };
}

export interface OptionSpec {
  /** Single letter (`-r`). */
  short?: string;
  /** Long name without dashes (`read-file`). */
  long?: string;
  /** Name of the value in the help text; absent for flags. */
  value?: string;
  /** Section of the help text. */
  group: 'Capture' | 'Input' | 'Processing' | 'Output' | 'Miscellaneous';
  help: string;
  /** Applies the option; returns an error message for a bad value. */
  apply(o: CliOptions, value: string): string | void;
}

/** tshark's -c checks, with its messages. */
function parseCount(v: string): number | string {
  if (!/^[+-]?\d+$/.test(v.trim())) return `The specified packet count "${v}" isn't a decimal number`;
  const n = Number(v);
  if (n < 0) return `The specified packet count "${v}" is a negative number`;
  if (n === 0) return 'The specified packet count is zero';
  if (!Number.isSafeInteger(n)) return `The specified packet count "${v}" is too large`;
  return n;
}

/** One `-z` argument: `follow,tcp|udp|http,ascii|ebcdic|hex|raw|yaml,<stream>|<ip:port>,<ip:port>[,<chunk>[-<chunk>]]`, or a table. */
export function parseStat(v: string): FollowStat | TableStat | string {
  const table = parseTableStat(v);
  if (table !== null) return table;
  if (!v.startsWith('follow,')) return `Invalid -z argument "${v}"; it must be one of: follow,tcp|udp|http,ascii|ebcdic|hex|raw|yaml,<filter>[,<range>], ${TABLE_STAT_HELP}`;
  const rest = v.slice('follow,'.length);
  const c1 = rest.indexOf(',');
  const proto = c1 < 0 ? rest : rest.slice(0, c1);
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'http') return `follow - protocol "${proto}" is not supported yet (only tcp, udp and http)`;
  const r2 = c1 < 0 ? '' : rest.slice(c1 + 1);
  const c2 = r2.indexOf(',');
  const mode = (c2 < 0 ? r2 : r2.slice(0, c2)) as FollowMode;
  if (!FOLLOW_MODES.includes(mode)) return 'follow - Invalid display mode.';
  let f = c2 < 0 ? '' : r2.slice(c2 + 1);
  let chunkMin = 1;
  let chunkMax = Number.MAX_SAFE_INTEGER;
  // A trailing ",N" or ",N-M" after the filter is the chunk range.
  const m = /^(.*),(\d+)(?:-(\d+))?$/.exec(f);
  if (m && parseFollowFilter(m[1]!)) {
    f = m[1]!;
    chunkMin = Number(m[2]);
    chunkMax = m[3] !== undefined ? Number(m[3]) : chunkMin;
    if (chunkMin < 1 || chunkMin > chunkMax) return 'follow - Invalid range value.';
  }
  const filter = parseFollowFilter(f);
  // tshark's messages: a port must be 1-65535.
  if (!filter) return /:0*(,|$)/.test(f) ? 'follow - Invalid port.' : 'follow - Invalid address.';
  return { kind: 'follow', proto, mode, filter, chunkMin, chunkMax };
}

/** One `-E key=value`, interpreted as tshark's output_fields_set_option does. */
export function applyFieldOption(f: FieldOutputOptions, option: string): string | void {
  const eq = option.indexOf('=');
  const name = eq < 0 ? option : option.slice(0, eq);
  const value = eq < 0 ? '' : option.slice(eq + 1);
  const bad = `"${option}" is not a valid field output option=value pair; use header=y|n, separator=/t|/s|<char>, occurrence=f|l|a|<n>, aggregator=,|/s|<char>, quote=d|s|n or bom=y|n`;
  if (name === '' || value === '') return bad;
  const c = value[0]!;
  switch (name) {
    case 'header':
    case 'bom':
      if (c !== 'y' && c !== 'n') return bad;
      if (name === 'header') f.header = c === 'y';
      else f.bom = c === 'y';
      return;
    case 'separator':
      f.separator = c === '/' ? (value[1] === 't' ? '\t' : value[1] === 's' ? ' ' : '\\') : c;
      return;
    case 'aggregator':
      f.aggregator = c === '/' ? (value[1] === 's' ? ' ' : '\\') : c;
      return;
    case 'occurrence':
      if (c === 'f' || c === 'l' || c === 'a') {
        f.occurrence = c;
        return;
      }
      // Packetloom extension (tshark 4.0 only takes f, l and a): the n-th occurrence.
      if (/^-?[1-9]\d*$/.test(value)) {
        f.occurrence = Number(value);
        return;
      }
      return bad;
    case 'quote':
      if (c === 'd') f.quote = '"';
      else if (c === 's') f.quote = "'";
      else if (c === 'n') f.quote = '';
      else return bad;
      return;
    default:
      return bad;
  }
}

const RESOLVE_LETTERS: Readonly<Record<string, keyof ResolveOptions>> = {
  m: 'mac', n: 'network', N: 'external', t: 'transport', d: 'dns', v: 'vlan',
};

export const OPTIONS: readonly OptionSpec[] = [
  // Live capture (electron/cli/live.ts), tshark's letters.
  {
    short: 'i', long: 'interface', value: '<interface>', group: 'Capture',
    help: 'capture live on this interface (name or number from -D; repeat for more)',
    apply(o, v) { o.live.interfaces.push(v); },
  },
  {
    short: 'f', value: '<capture filter>', group: 'Capture',
    help: 'packet filter in libpcap (BPF) syntax, compiled before the capture starts',
    apply(o, v) { o.live.filter = v; },
  },
  {
    short: 's', long: 'snapshot-length', value: '<snaplen>', group: 'Capture',
    help: 'packet snapshot length (def: 65535, the most libpcap is asked for)',
    apply(o, v) { return parseSnaplen(o.live, v); },
  },
  {
    short: 'B', long: 'buffer-size', value: '<buffer size>', group: 'Capture',
    help: 'size of kernel buffer in MiB (def: 64)',
    apply(o, v) { return parseBufferSize(o.live, v); },
  },
  {
    short: 'D', long: 'list-interfaces', group: 'Capture',
    help: 'print list of interfaces and exit',
    apply(o) { o.live.list = true; },
  },
  {
    short: 'a', long: 'autostop', value: '<autostop cond.>', group: 'Capture',
    help: 'duration:NUM (s), packets:NUM, filesize:NUM (kB), files:NUM: stop the capture then',
    apply(o, v) { return parseAutostop(o.live, v); },
  },
  {
    short: 'b', long: 'ring-buffer', value: '<ringbuffer opt.>', group: 'Capture',
    help: 'filesize:NUM (kB), duration:NUM, packets:NUM: switch to the next file; files:NUM: keep only the last NUM',
    apply(o, v) { return parseRing(o.live, v); },
  },
  {
    short: 'w', value: '<outfile>', group: 'Output',
    help: 'write the captured packets, or with -r those read (and matched by -Y), to this file (pcapng; -F pcap for pcap)',
    apply(o, v) { o.writeFile = v; },
  },
  {
    short: 'r', long: 'read-file', value: '<infile>', group: 'Input',
    help: 'read packets from a pcap or pcapng file',
    apply(o, v) { o.readFile = v; },
  },
  {
    short: 'c', value: '<packet count>', group: 'Processing',
    help: 'stop after n packets (def: all)',
    apply(o, v) {
      const n = parseCount(v);
      if (typeof n === 'string') return n;
      o.count = n;
    },
  },
  {
    short: 'Y', long: 'display-filter', value: '<displayfilter>', group: 'Processing',
    help: 'packet displaY filter in Wireshark display filter syntax',
    apply(o, v) { o.displayFilter = v; },
  },
  {
    short: '2', group: 'Processing',
    help: 'perform a two-pass analysis: trees, fields and -Y show what only the end of the first pass knows, as Wireshark\'s packet details do',
    apply(o) { o.twoPass = true; },
  },
  {
    short: 'n', group: 'Processing',
    help: 'disable all name resolution (default: MAC names only, as -N m)',
    apply(o) { for (const k of Object.values(RESOLVE_LETTERS)) o.resolve[k] = false; },
  },
  {
    short: 'N', value: '<name resolve flags>', group: 'Processing',
    help: 'enable only these name resolutions: m MAC vendors, n network addresses (~/.config/wireshark/hosts, the capture\'s name resolution blocks), d with n: also the capture\'s DNS answers, t transport ports (N, v are accepted and never used: nothing is looked up outside the capture)',
    apply(o, v) {
      // As tshark's: the flags replace the earlier ones (-n, -N or the default), they do not add up.
      for (const k of Object.values(RESOLVE_LETTERS)) o.resolve[k] = false;
      for (const ch of v) {
        const key = RESOLVE_LETTERS[ch];
        if (!key) return `-N specifies unknown resolving option '${ch}'; valid options are m, n, N, t, d and v`;
        o.resolve[key] = true;
      }
    },
  },
  {
    short: 'T', value: 'fields|json|ek|psml|text', group: 'Output',
    help: 'format of text output (def: text); ek: newline-delimited JSON for Elasticsearch\'s bulk API; psml: the summary columns as XML',
    apply(o, v) {
      if (v !== 'fields' && v !== 'json' && v !== 'ek' && v !== 'psml' && v !== 'text') return `Invalid -T parameter "${v}"; it must be one of fields, json, ek, psml or text`;
      o.format = v;
      o.formatGiven = true;
    },
  },
  {
    short: 'd', value: '<layer_type>==<selector>,<decode_as_protocol>', group: 'Processing',
    help: '"Decode As": tcp.port==8888,http or udp.port==5300-5310,dns (layer types: ethertype, gre.proto, ip.proto, tcp.port, udp.port)',
    apply(o, v) {
      const r = parseDecodeAs(v);
      if (!r.ok) {
        // tshark prints the valid choices on lines of their own; here they end the one line.
        const message = r.message.replace(/\n/g, '; ');
        return r.valid ? `${message} (valid ${r.valid.what}: ${r.valid.names.join(', ')})` : message;
      }
      if (r.warning) o.warnings.push(r.warning);
      o.decodeAs.push(r.entry);
    },
  },
  {
    long: 'disable-protocol', value: '<proto_name>', group: 'Processing',
    help: 'disable dissection of proto_name (a filter name: tcp, http, dns …): its bytes show as data',
    apply(o, v) {
      const c = checkEnabledProtocols({ disabled: [v] });
      o.warnings.push(...c.warnings);
      o.protocols.disabled.push(v);
    },
  },
  {
    long: 'enable-protocol', value: '<proto_name>', group: 'Processing',
    help: 'enable dissection of proto_name (every protocol is, unless disabled: --disable-protocol wins)',
    apply(o, v) {
      if (!protocolChoices().some((p) => p.name === v)) o.warnings.push(`no protocol named "${v}" to enable`);
    },
  },
  {
    long: 'enable-heuristic', value: '<short_name>', group: 'Processing',
    help: 'enable dissection of heuristic protocol (short names: ' + heuristicNames().join(', ') + ')',
    apply(o, v) {
      const c = checkEnabledProtocols({ enabledHeuristics: [v] });
      if (c.error) return c.error;
      o.protocols.enabledHeuristics.push(v);
    },
  },
  {
    long: 'disable-heuristic', value: '<short_name>', group: 'Processing',
    help: 'disable dissection of heuristic protocol',
    apply(o, v) {
      const c = checkEnabledProtocols({ disabledHeuristics: [v] });
      if (c.error) return c.error;
      o.protocols.disabledHeuristics.push(v);
    },
  },
  {
    short: 't', value: 'a|ad|adoy|d|dd|e|r|u|ud|udoy', group: 'Output',
    help: 'output format of time stamps (def: r: rel. to first); a/ad/adoy local time (time of day, with YYYY-MM-DD or YYYY/DOY date), u/ud/udoy the same in UTC, d delta, dd delta displayed, e epoch',
    apply(o, v) { return applyTimeFormat(o.time, v); },
  },
  {
    short: 'u', value: 's|hms', group: 'Output',
    help: 'output format of seconds (def: s: seconds)',
    apply(o, v) { return applySecondsFormat(o.time, v); },
  },
  {
    short: 'l', group: 'Output',
    help: 'flush standard output after each packet',
    apply(o) { o.flushEachPacket = true; },
  },
  {
    short: 'e', value: '<field>', group: 'Output',
    help: 'field to print with -T fields or -T json (repeat for more), e.g. ip.src; _ws.col.Info etc. for columns',
    apply(o, v) { o.fields.push(v); },
  },
  {
    short: 'E', value: '<fieldsoption>=<value>', group: 'Output',
    help: 'for -T fields: header=y|n, separator=/t|/s|<char>, occurrence=f|l|a|<n>, aggregator=,|/s|<char>, quote=d|s|n, bom=y|n',
    apply(o, v) { return applyFieldOption(o.fieldOptions, v); },
  },
  {
    short: 'j', value: '<protocol match filter>', group: 'Output',
    help: 'with -T json or ek: only the children of these items (space-separated: "ip tcp.flags"); the others show "filtered"',
    apply(o, v) { o.protocolFilter = v.split(' '); },
  },
  {
    short: 'J', value: '<protocol match filter>', group: 'Output',
    help: 'as -j, and the whole subtree of each listed item',
    apply(o, v) {
      o.protocolFilter = v.split(' ');
      o.protocolFilterChildren = true;
    },
  },
  {
    short: 'V', group: 'Output',
    help: 'add output of packet tree (packet details)',
    apply(o) { o.verbose = true; },
  },
  {
    short: 'O', value: '<protocols>', group: 'Output',
    help: 'only show packet details of these protocols, comma separated (the others as one line each); implies -V',
    apply(o, v) {
      o.verbose = true;
      o.onlyProtocols ??= new Set();
      for (const p of v.split(',')) if (p.trim()) o.onlyProtocols.add(p.trim());
    },
  },
  {
    short: 'x', group: 'Output',
    help: 'add output of hex and ASCII dump (packet bytes)',
    apply(o) { o.hex = true; },
  },
  {
    short: 'P', long: 'print', group: 'Output',
    help: 'print the packet summary line even with -V or -x',
    apply(o) { o.printSummary = true; },
  },
  {
    short: 'q', group: 'Output',
    help: 'be more quiet on stdout: no packet output (e.g. with -z statistics)',
    apply(o) { o.quiet = true; },
  },
  {
    short: 'F', value: '<output file type>', group: 'Output',
    help: 'format of the -w file when reading a file: pcap or pcapng (def: pcapng)',
    apply(o, v) {
      const f = parseWriteFormat(v);
      if (f !== 'pcap' && f !== 'pcapng') return f;
      o.writeFormat = f;
    },
  },
  {
    long: 'export-conversation', value: 'tcp:<stream>|udp:<stream>', group: 'Output',
    help: 'write one conversation as JSON (summary, packets with trees and states, payload, HTTP/DNS messages; see dissectors/output/conversation.schema.json)',
    apply(o, v) {
      const c = parseConversationSpec(v);
      if (typeof c === 'string') return c;
      o.exportConversation = c;
    },
  },
  {
    short: 'o', long: 'output', value: '<file>|<name>:<value>', group: 'Output',
    help: `with --export-conversation: the JSON file to write (def: standard output); as tshark, <name>:<value> overrides a preference: ${PREFERENCES.join(', ')}`,
    apply(o, v) {
      const pref = preferenceOf(v);
      if (pref === null) {
        o.outputFile = v;
        return;
      }
      if (typeof pref === 'string') return pref;
      // The only one so far: TRUE (relative, the default) or anything else (FALSE), as Wireshark reads a boolean.
      o.tcpAbsoluteSeq = !pref.value;
    },
  },
  {
    long: 'export-objects', value: '<protocol>,<destdir>', group: 'Output',
    help: 'save all objects of this protocol (http: every message body, de-chunked and decompressed) into destdir, named as tshark names them',
    apply(o, v) {
      const comma = v.indexOf(',');
      if (comma <= 0 || comma === v.length - 1) return '"--export-objects" are specified as: <protocol>,<destdir>';
      const proto = v.slice(0, comma);
      if (!(EXPORT_OBJECT_PROTOCOLS as readonly string[]).includes(proto)) {
        return `"${proto}" isn't an export object type; the available export object types for the "--export-objects" option are: ${EXPORT_OBJECT_PROTOCOLS.join(', ')}`;
      }
      if (o.exportObjects) return `"--export-objects" already specified protocol '${proto}'`;
      o.exportObjects = { proto: proto as ExportObjectProtocol, dir: v.slice(comma + 1) };
    },
  },
  {
    long: 'states', group: 'Output',
    help: 'add both TCP endpoints\' states to each summary line: [client ESTABLISHED server SYN-RECEIVED]',
    apply(o) { o.states = true; },
  },
  {
    short: 'z', value: '<statistics>', group: 'Processing',
    help: `statistics, as tshark: follow,tcp|udp|http,ascii|ebcdic|hex|raw|yaml,<stream>|<ip:port>,<ip:port>[,<range>] (a TCP, UDP or HTTP stream); ${TABLE_STAT_HELP}`,
    apply(o, v) {
      const st = parseStat(v);
      if (typeof st === 'string') return st;
      o.stats.push(st);
    },
  },
  {
    short: 'h', long: 'help', group: 'Miscellaneous',
    help: 'display this help and exit',
    apply(o) { o.help = true; },
  },
  {
    // Handled by main() when it is the first argument, as tshark's -G.
    short: 'G', value: '[report]', group: 'Miscellaneous',
    help: 'dump a glossary and exit, as the first option: fields (def), protocols or values (-G help lists them)',
    apply() { return '-G only valid as first option'; },
  },
  {
    short: 'v', long: 'version', group: 'Miscellaneous',
    help: 'display version info and exit',
    apply(o) { o.version = true; },
  },
];

const byShort = new Map(OPTIONS.filter((o) => o.short).map((o) => [o.short!, o]));
const byLong = new Map(OPTIONS.filter((o) => o.long).map((o) => [o.long!, o]));

function optName(spec: OptionSpec): string {
  return spec.short ? `-${spec.short}` : `--${spec.long}`;
}

/** Parses `argv` (without the program name). Throws ArgError with a one-line message. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const o = defaultOptions();
  const apply = (spec: OptionSpec, value: string) => {
    const err = spec.apply(o, value);
    if (typeof err === 'string') throw new ArgError(err);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      o.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const spec = byLong.get(name);
      if (!spec) throw new ArgError(`unrecognized option: ${arg.slice(0, eq < 0 ? undefined : eq)}`);
      if (spec.value === undefined) {
        if (eq >= 0) throw new ArgError(`option --${name} doesn't take a value`);
        apply(spec, '');
        continue;
      }
      let value: string;
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i]!;
      else throw new ArgError(`option requires an argument: --${name}`);
      apply(spec, value);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A cluster: -nV, or a letter with its value attached (-c10) or following (-c 10).
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const spec = byShort.get(letter);
        if (!spec) throw new ArgError(`unrecognized option: -${letter}`);
        if (spec.value === undefined) {
          apply(spec, '');
          continue;
        }
        let value: string;
        if (j + 1 < arg.length) value = arg.slice(j + 1);
        else if (i + 1 < argv.length) value = argv[++i]!;
        else throw new ArgError(`option requires an argument: ${optName(spec)}`);
        apply(spec, value);
        break;
      }
      continue;
    }
    o.positional.push(arg);
  }
  return o;
}

/** The help text (`--help`). */
export function usage(version: string): string {
  const lines: string[] = [
    `Packetloom ${version}`,
    'Dump and analyze network traffic, tshark-style.',
    '',
    'Usage: packetloom [options] -r <infile>',
  ];
  const groups: OptionSpec['group'][] = ['Capture', 'Input', 'Processing', 'Output', 'Miscellaneous'];
  for (const g of groups) {
    lines.push('', `${g}:`);
    for (const spec of OPTIONS.filter((s) => s.group === g)) {
      const names = [spec.short ? `-${spec.short}${spec.value ? ` ${spec.value}` : ''}` : '', spec.long ? `--${spec.long}${spec.value ? ` ${spec.value}` : ''}` : '']
        .filter(Boolean)
        .join(', ');
      lines.push(names.length < 25 ? `  ${names.padEnd(25)}${spec.help}` : `  ${names}\n${' '.repeat(27)}${spec.help}`);
    }
  }
  lines.push(
    '',
    'Exit status: 0 success; 2 a bad command line (tshark uses 1 there), or the file cannot be read,',
    'or it ends early or is damaged (every packet before the damage is printed first).',
    '',
    'Plain summary lines of a file of 16 MiB or more are dissected on one thread per core (up to 4),',
    'each taking whole conversations; the output is that of one thread. PACKETLOOM_THREADS=N sets',
    'the number of threads (1: one thread).',
  );
  return lines.join('\n') + '\n';
}
