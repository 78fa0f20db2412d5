/**
 * Display filters in Wireshark's language (tshark 4.0 semantics), as a pipeline:
 *
 *   lexer.ts (tokens) → parser.ts (syntax tree with positions) → check.ts (types from the field
 *   registry, literals as typed constants) → compile.ts (closures, run on every packet)
 *
 * Usage:
 *
 *   const r = compileFilter('tcp.port in {80, 443} && ip.addr == 10.0.0.0/8');
 *   if (!r.ok) show(r.error.message, r.error.start, r.error.end);
 *   else for each packet dissected with a full tree: r.filter.matches(pinfo.tree, pinfo)
 *
 * Differences from tshark 4.0: `xor` / `^^` are accepted (they came in a later Wireshark);
 * absolute times in filters are read as UTC (tshark uses the local time zone); host names are not
 * resolved (`ip.addr == example.com` is an error, as it is in tshark without name resolution);
 * field references (`${ip.src}`) never have a value (there is no selected packet).
 */
// Every protocol registers its fields on import: the registry must be complete before a filter is checked.
import '../packet.js';
import type { FieldDef } from '../core/fields.js';
import type { ProtoNode } from '../core/tree.js';
import { checkFilter } from './check.js';
import { compileProgram, type PacketData } from './compile.js';
import { FilterError, type FilterErrorInfo } from './errors.js';
import { parseFilter } from './parser.js';

export type { FilterErrorInfo } from './errors.js';
export type { PacketData } from './compile.js';

export interface DisplayFilter {
  /** The filter as written. */
  readonly text: string;
  /** True when the filter is empty (it matches every packet). */
  readonly empty: boolean;
  /** Registry ids of the fields and protocols the filter names. */
  readonly fieldIds: readonly number[];
  /** The fields and protocols the filter names. */
  readonly fields: readonly FieldDef[];
  /**
   * Everything evaluation reads from a tree: the named fields plus helpers (link-layer trailers
   * for protocol bytes, protocols counted for `#` layers). A reduced tree must keep these.
   */
  readonly treeFieldIds: readonly number[];
  /** Evaluation reads the implicit `_ws.expert*` fields: expert items must stay in the tree. */
  readonly usesExperts: boolean;
  /**
   * Does the packet with this full decode tree match? `pkt` gives the bytes (a PacketInfo will
   * do). One call at a time per filter: the filter reuses its buffers from packet to packet.
   */
  matches(tree: ProtoNode, pkt: PacketData): boolean;
}

export type CompileResult = { ok: true; filter: DisplayFilter } | { ok: false; error: FilterErrorInfo };

/** Compiles a display filter once, for use on many packets. */
export function compileFilter(text: string): CompileResult {
  try {
    const ast = parseFilter(text);
    const checked = checkFilter(ast, text);
    const prog = compileProgram(checked);
    const filter: DisplayFilter = {
      text,
      empty: ast === null,
      fieldIds: prog.fields.map((f) => f.id),
      fields: prog.fields,
      treeFieldIds: prog.treeFields.map((f) => f.id),
      usesExperts: prog.usesExperts,
      matches: (tree, pkt) => prog.matches(tree, pkt),
    };
    return { ok: true, filter };
  } catch (e) {
    if (e instanceof FilterError) return { ok: false, error: e.info() };
    throw e;
  }
}
