/**
 * A decode tree (dissectors/core/tree.ts ProtoNode) as the session API's TreeNode: labels as
 * Wireshark shows them (output/text.ts's label logic; generated items in brackets, expert items
 * as `[Expert Info (Note/Sequence): …]` with their three lines), hidden items left out, and for
 * every node its field name, data source, offset and length (for the hex pane), TCP/IP layer,
 * expert severity, and the value as a display filter writes it ("Apply as filter").
 */
import type { Severity as ApiSeverity, TreeNode } from '../api/contract.js';
import { GROUP_NAMES, SEVERITY_NAMES, type Severity } from '../../dissectors/core/expert.js';
import { formatHex } from '../../dissectors/core/addr.js';
import { fieldText } from '../../dissectors/core/format.js';
import { NodeFlags, type ProtoNode } from '../../dissectors/core/tree.js';
import { labelOf } from '../../dissectors/output/text.js';
import type { Resolver } from '../../dissectors/core/format.js';

/** Wireshark's severities as the API names them (a comment counts as chat: the API has no comment level). */
export function apiSeverity(s: Severity): ApiSeverity {
  switch (s) {
    case 'error': return 'error';
    case 'warn': return 'warning';
    case 'note': return 'note';
    default: return 'chat';
  }
}

/** The literal a display filter uses for this node's value, or undefined when it has none. */
export function filterValueOf(n: ProtoNode): string | undefined {
  const f = n.field;
  if (!f || n.value === undefined || n.value === null) return undefined;
  switch (f.type) {
    case 'protocol':
    case 'none':
      return undefined;
    case 'string':
    case 'abs_time':
      return JSON.stringify(fieldText(f, n.value));
    case 'bytes': {
      const b = n.value as Uint8Array;
      return b.length === 0 ? undefined : formatHex(b, ':');
    }
    default:
      return fieldText(f, n.value);
  }
}

function convert(n: ProtoNode, res: Resolver | undefined): TreeNode {
  const f = n.field;
  if (n.expert) {
    const e = n.expert;
    const sev = SEVERITY_NAMES[e.def.severity];
    const group = GROUP_NAMES[e.def.group];
    const at = { source: n.source, offset: n.offset, length: n.length };
    return {
      label: `[Expert Info (${sev}/${group}): ${e.message}]`,
      field: e.def.abbrev,
      ...at,
      severity: apiSeverity(e.def.severity),
      children: [
        { label: `[${e.message}]`, field: '_ws.expert.message', filterValue: JSON.stringify(e.message), ...at, generated: true },
        { label: `[Severity level: ${sev}]`, field: '_ws.expert.severity', filterValue: JSON.stringify(sev), ...at, generated: true },
        { label: `[Group: ${group}]`, field: '_ws.expert.group', filterValue: JSON.stringify(group), ...at, generated: true },
      ],
    };
  }
  let label = labelOf(n, res);
  const generated = (n.flags & NodeFlags.Generated) !== 0;
  if (generated) label = `[${label}]`;
  const out: TreeNode = { label, field: f ? f.abbrev : '', source: n.source, offset: n.offset, length: n.length };
  const fv = filterValueOf(n);
  if (fv !== undefined) out.filterValue = fv;
  if (n.layer) out.layer = n.layer;
  if (generated) out.generated = true;
  if (f?.type === 'framenum' && typeof n.value === 'number' && n.value > 0) out.goTo = n.value;
  const kids = n.children;
  if (kids) {
    const c: TreeNode[] = [];
    for (const k of kids) if (!(k.flags & NodeFlags.Hidden)) c.push(convert(k, res));
    if (c.length) out.children = c;
  }
  return out;
}

/** The top-level items of a packet's tree (the root's children); labels name what `res` resolves. */
export function treeView(root: ProtoNode, res?: Resolver): TreeNode[] {
  const out: TreeNode[] = [];
  for (const k of root.children ?? []) if (!(k.flags & NodeFlags.Hidden)) out.push(convert(k, res));
  return out;
}
