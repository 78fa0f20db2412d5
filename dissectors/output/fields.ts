/**
 * Field extraction in tshark's `-T fields` manner: every occurrence of a field in the decode tree,
 * in tree order (depth first), formatted as tshark 4.0 formats it.
 */
import { fieldByName, type FieldDef } from '../core/fields.js';
import { fieldText } from '../core/format.js';
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
  const walk = (n: ProtoNode) => {
    const kids = n.children;
    if (!kids) return;
    for (const c of kids) {
      const f = c.field;
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

function valueText(f: FieldDef, n: ProtoNode): string {
  if (f.type === 'protocol' || f.type === 'none') return n.expert ? n.expert.message : f.abbrev;
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
