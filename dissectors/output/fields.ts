/**
 * Field extraction in tshark's `-T fields` manner: every occurrence of a field in the decode tree,
 * in tree order (depth first), formatted as tshark 4.0 formats it.
 */
import { expertText, GROUP_NAMES, HF_EXPERT, HF_EXPERT_GROUP, HF_EXPERT_MESSAGE, HF_EXPERT_SEVERITY, SEVERITY_NAMES } from '../core/expert.js';
import { fieldByName, type FieldDef } from '../core/fields.js';
import { fieldText, nodeLabel } from '../core/format.js';
import type { ProtoNode } from '../core/tree.js';

/** Values of each wanted field in `tree`, as text; unknown names yield no values. */
export function extractFields(tree: ProtoNode, names: readonly string[]): string[][] {
  const wanted = new Map<number, number[]>();
  const out: string[][] = names.map(() => []);
  names.forEach((n, i) => {
    const f = fieldByName(n);
    if (!f) return;
    const slots = wanted.get(f.id) ?? [];
    slots.push(i);
    wanted.set(f.id, slots);
  });
  const expertWanted = [HF_EXPERT, HF_EXPERT_MESSAGE, HF_EXPERT_SEVERITY, HF_EXPERT_GROUP].some((f) => wanted.has(f.id));
  const walk = (n: ProtoNode) => {
    const kids = n.children;
    if (!kids) return;
    for (const c of kids) {
      const f = c.field;
      if (c.expert && expertWanted) {
        // The implicit _ws.expert subtree of an expert item.
        const e = c.expert;
        const vals: [FieldDef, string][] = [
          [HF_EXPERT, expertText(e)],
          [HF_EXPERT_MESSAGE, e.message],
          [HF_EXPERT_SEVERITY, SEVERITY_NAMES[e.def.severity]],
          [HF_EXPERT_GROUP, GROUP_NAMES[e.def.group]],
        ];
        for (const [ef, text] of vals) for (const s of wanted.get(ef.id) ?? []) out[s]!.push(text);
      }
      if (f) {
        const slots = wanted.get(f.id);
        if (slots) {
          const text = valueText(f, c);
          for (const s of slots) out[s]!.push(text);
        }
      }
      walk(c);
    }
  };
  walk(tree);
  return out;
}

/** tshark prints a protocol as its tree label and a field without a value as `1`. */
function valueText(f: FieldDef, n: ProtoNode): string {
  if (f.type === 'protocol') return nodeLabel(n);
  if (f.type === 'none') return '1';
  return fieldText(f, n.value);
}

/** All nodes carrying field `abbrev`, in tree order. */
export function findNodes(tree: ProtoNode, abbrev: string): ProtoNode[] {
  const f = fieldByName(abbrev);
  const out: ProtoNode[] = [];
  if (!f) return out;
  const walk = (n: ProtoNode) => {
    for (const c of n.children ?? []) {
      if (c.field === f) out.push(c);
      walk(c);
    }
  };
  walk(tree);
  return out;
}
