/**
 * Text output in tshark's manner: the decode tree as `-V` prints it (four spaces per level,
 * generated items in brackets, hidden items left out, expert items with their severity/group
 * lines, the bytes of undissected data dumped under the Data item) and the `-x` hex + ASCII dump.
 * Pure: returns strings, the caller writes them.
 */
import { GROUP_NAMES, SEVERITY_NAMES } from '../core/expert.js';
import { nodeLabel, type Resolver } from '../core/format.js';
import { NodeFlags, type ProtoNode } from '../core/tree.js';

import { fitLabelBuffer, ITEM_LABEL_LENGTH } from '../core/label-buffer.js';

export { ITEM_LABEL_LENGTH };

export interface TreeTextOptions {
  /** Name resolution for labels (`-N`). */
  resolver?: Resolver;
  /**
   * Dump the bytes of each Data item under it (tshark does this unless `-x` prints the whole
   * packet anyway). Needs `sourceData`.
   */
  hexForData?: boolean;
  /** The bytes of data source `n` (0 = the frame). */
  sourceData?: (n: number) => Uint8Array | undefined;
  /**
   * `-O`: only these protocols (filter names) are shown in full; every other top-level item is
   * its one line (tshark's "output only" protocols).
   */
  onlyProtocols?: ReadonlySet<string>;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * A label cut the way Wireshark cuts labels that do not fit its 240-byte buffer: ` [truncated]`
 * goes after the field name (`Cookie pair [truncated]: …`), or in front of a free-form label,
 * and the text is cut at a character boundary.
 */
export function truncateLabel(label: string, namePos: number): string {
  const bytes = utf8.encode(label);
  if (bytes.length < ITEM_LABEL_LENGTH) return label;
  const mark = ' [truncated]';
  const pos = utf8.encode(label.slice(0, namePos)).length;
  const withMark = new Uint8Array(bytes.length + mark.length);
  withMark.set(bytes.subarray(0, pos));
  withMark.set(utf8.encode(mark), pos);
  withMark.set(bytes.subarray(pos), pos + mark.length);
  // tshark 4.0 ends the text at the character holding byte 238 (its label keeps 238 bytes: the
  // corpus's long HTTP lines and cookies show it), never splitting a character.
  let end = ITEM_LABEL_LENGTH - 2;
  while (end > 0 && (withMark[end]! & 0xc0) === 0x80) end--;
  return utf8Decoder.decode(withMark.subarray(0, end));
}

/**
 * A label that text was appended to, cut as proto_item_append_text cuts it: at the end of the
 * 240-byte buffer (239 bytes and the NUL), with no mark, never splitting a character.
 */
export function cutAppendedLabel(label: string): string {
  return fitLabelBuffer(label);
}

/** A node's label as tshark prints it (value names, units; cut as Wireshark cuts long labels). */
export function labelOf(n: ProtoNode, res: Resolver | undefined): string {
  const label = nodeLabel(n, res);
  if (label.length < ITEM_LABEL_LENGTH / 3 || (label.length < ITEM_LABEL_LENGTH && isAscii(label))) return label; // cannot reach 240 bytes
  if (n.flags & NodeFlags.LabelAppended) return cutAppendedLabel(label);
  const generic = n.label === null && n.field !== null && n.field.type !== 'protocol' && n.field.type !== 'none';
  return truncateLabel(label, generic ? n.field!.name.length : 0);
}

/** Only ASCII: as many UTF-8 bytes as characters (most labels; a scan is cheaper than encoding). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The lines of an expert item: `[Expert Info (Chat/Sequence): …]` and its three sub-lines. */
function expertLines(n: ProtoNode, level: number, out: string[]): void {
  const e = n.expert!;
  const sev = SEVERITY_NAMES[e.def.severity];
  const group = GROUP_NAMES[e.def.group];
  out.push(indent(level) + `[Expert Info (${sev}/${group}): ${e.message}]`);
  out.push(indent(level + 1) + `[${e.message}]`);
  out.push(indent(level + 1) + `[Severity level: ${sev}]`);
  out.push(indent(level + 1) + `[Group: ${group}]`);
}

const INDENTS: string[] = [''];
function indent(level: number): string {
  while (INDENTS.length <= level) INDENTS.push(INDENTS[INDENTS.length - 1] + '    ');
  return INDENTS[level]!;
}

function walk(n: ProtoNode, level: number, opts: TreeTextOptions, out: string[]): void {
  if (n.flags & NodeFlags.Hidden) return;
  if (n.expert) {
    expertLines(n, level, out);
    return;
  }
  let label = labelOf(n, opts.resolver);
  if (n.flags & NodeFlags.Generated) label = `[${label}]`;
  out.push(indent(level) + label);
  if (opts.hexForData && n.field?.abbrev === 'data' && n.field.type === 'protocol') {
    const src = opts.sourceData?.(n.source);
    if (src && n.offset <= src.length) {
      out.push('');
      const bytes = src.subarray(n.offset, Math.min(src.length, n.offset + n.length));
      if (bytes.length) out.push(...hexDumpLines(bytes));
    }
  }
  if (n.children) for (const c of n.children) walk(c, level + 1, opts, out);
}

/** The tree under `root` (its children are the top-level items), one string per line. */
export function treeLines(root: ProtoNode, opts: TreeTextOptions = {}): string[] {
  const out: string[] = [];
  const only = opts.onlyProtocols;
  if (root.children) {
    for (const c of root.children) {
      if (only && !(c.field?.type === 'protocol' && only.has(c.field.abbrev))) {
        // -O: a protocol not asked for is its summary line only.
        if (c.flags & NodeFlags.Hidden) continue;
        if (c.expert) expertLines(c, 0, out);
        else out.push(c.flags & NodeFlags.Generated ? `[${labelOf(c, opts.resolver)}]` : labelOf(c, opts.resolver));
        continue;
      }
      walk(c, 0, opts, out);
    }
  }
  return out;
}

/** `-V` text of one packet: every line with its newline (tshark then prints an empty line). */
export function treeText(root: ProtoNode, opts: TreeTextOptions = {}): string {
  const lines = treeLines(root, opts);
  return lines.length ? lines.join('\n') + '\n' : '';
}

const HEX = '0123456789abcdef';

/**
 * tshark's hex dump lines: offset (4 hex digits, more when the data needs them), two spaces,
 * 16 bytes as `xx ` in two groups of 8 (no extra gap), two spaces, the bytes as ASCII (`.` for
 * anything outside 0x20..0x7e). The last line's ASCII column stays aligned.
 */
export function hexDumpLines(bytes: Uint8Array): string[] {
  const length = bytes.length;
  const out: string[] = [];
  if (length === 0) return out;
  const last = length - 1;
  const digits = last >= 0x10000000 ? 8 : last >= 0x1000000 ? 7 : last >= 0x100000 ? 6 : last >= 0x10000 ? 5 : 4;
  for (let ad = 0; ad < length; ad += 16) {
    let hex = '';
    let ascii = '';
    const end = Math.min(length, ad + 16);
    for (let i = ad; i < end; i++) {
      const c = bytes[i]!;
      hex += HEX[c >> 4]! + HEX[c & 15]! + ' ';
      ascii += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    }
    out.push(ad.toString(16).padStart(digits, '0') + '  ' + hex.padEnd(48, ' ') + '  ' + ascii);
  }
  return out;
}

/** `-x` hex dump of `bytes`: every line with its newline. */
export function hexDump(bytes: Uint8Array): string {
  const lines = hexDumpLines(bytes);
  return lines.length ? lines.join('\n') + '\n' : '';
}

/**
 * A data source's title as tshark prints it before its bytes: `Reassembled IPv4 (1480 bytes)`
 * (Wireshark's get_data_source_name adds the size to the name; a name that has it already is kept).
 */
export function sourceName(name: string, length: number): string {
  return /\(\d+ bytes?\)$/.test(name) ? name : `${name} (${length} byte${length === 1 ? '' : 's'})`;
}

/** A buffer to dump: the frame, or a reassembled buffer with its tab name. */
export interface NamedSource {
  name: string;
  data: Uint8Array;
}

/**
 * `-x` for a packet with its data sources, as tshark prints them: with more than one source,
 * each is introduced by `<name>:` (the frame's name is `Frame (N bytes)`). Like tshark, stops at
 * the first empty source.
 */
export function packetHexDump(sources: readonly NamedSource[]): string {
  let s = '';
  const multiple = sources.length > 1;
  for (const src of sources) {
    if (multiple) s += `${src.name}:\n`;
    if (src.data.length === 0) break;
    s += hexDump(src.data);
  }
  return s;
}
