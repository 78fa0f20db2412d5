/**
 * Field extraction in tshark's `-T fields` manner: every occurrence of a field in the decode tree,
 * in tree order (depth first), formatted as tshark 4.0 formats it.
 */
import { formatHex } from '../core/addr.js';
import { expertText, GROUP_NAMES, HF_EXPERT, HF_EXPERT_GROUP, HF_EXPERT_MESSAGE, HF_EXPERT_SEVERITY, SEVERITY_NAMES } from '../core/expert.js';
import { fieldByName, fieldsByName, type FieldDef, type ProtocolDef } from '../core/fields.js';
import { fieldText, nodeLabel } from '../core/format.js';
import { NodeFlags, type ProtoNode } from '../core/tree.js';

/**
 * The wanted fields of a `-T fields` run, looked up once: for each field id, the output slots it
 * fills (a dense array by id, no Map lookup per node).
 */
export class FieldSelector {
  private readonly slots: (number[] | undefined)[] = [];
  private readonly expertWanted: boolean;
  private readonly count: number;

  constructor(names: readonly string[]) {
    this.count = names.length;
    names.forEach((n, i) => {
      // Every registration of the name (Wireshark's same-name fields).
      for (const f of fieldsByName(n)) {
        while (this.slots.length <= f.id) this.slots.push(undefined);
        (this.slots[f.id] ??= []).push(i);
      }
    });
    this.expertWanted = [HF_EXPERT, HF_EXPERT_MESSAGE, HF_EXPERT_SEVERITY, HF_EXPERT_GROUP].some((f) => this.slots[f.id] !== undefined);
  }

  /** Values of each wanted field in `tree`, as text, in tree order (depth first). */
  extract(tree: ProtoNode): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < this.count; i++) out.push([]);
    this.walk(tree, out);
    return out;
  }

  private walk(n: ProtoNode, out: string[][]): void {
    const kids = n.children;
    if (kids === null) return;
    const slots = this.slots;
    for (let k = 0; k < kids.length; k++) {
      const c = kids[k]!;
      if (c.expert !== null && this.expertWanted) {
        // The implicit _ws.expert subtree of an expert item.
        const e = c.expert;
        this.put(out, HF_EXPERT, expertText(e));
        this.put(out, HF_EXPERT_MESSAGE, e.message);
        this.put(out, HF_EXPERT_SEVERITY, SEVERITY_NAMES[e.def.severity]);
        this.put(out, HF_EXPERT_GROUP, GROUP_NAMES[e.def.group]);
      }
      const f = c.field;
      if (f !== null) {
        const s = f.id < slots.length ? slots[f.id] : undefined;
        if (s !== undefined) {
          const text = valueText(f, c);
          for (let j = 0; j < s.length; j++) out[s[j]!]!.push(text);
        }
      }
      if (c.children !== null) this.walk(c, out);
    }
  }

  private put(out: string[][], f: FieldDef, text: string): void {
    const s = f.id < this.slots.length ? this.slots[f.id] : undefined;
    if (s !== undefined) for (const i of s) out[i]!.push(text);
  }
}

/** Values of each wanted field in `tree`, as text; unknown names yield no values. */
export function extractFields(tree: ProtoNode, names: readonly string[]): string[][] {
  return new FieldSelector(names).extract(tree);
}

/**
 * tshark prints a protocol as its tree label (an option's as its bytes; a hidden one added
 * without text, as the Malformed Packet item beside a malformed expert item, as its filter name)
 * and a field without a value as `1`.
 */
function valueText(f: FieldDef, n: ProtoNode): string {
  if (f.type === 'protocol') {
    if ((f as ProtocolDef).bytesValue && n.value instanceof Uint8Array) return formatHex(n.value);
    return n.label === null && (n.flags & NodeFlags.Hidden) !== 0 ? f.abbrev : nodeLabel(n);
  }
  if (f.type === 'none') return '1';
  return fieldText(f, n.value);
}

/** All nodes carrying field `abbrev`, in tree order. */
export function findNodes(tree: ProtoNode, abbrev: string): ProtoNode[] {
  const defs = fieldsByName(abbrev);
  const out: ProtoNode[] = [];
  if (defs.length === 0) return out;
  const walk = (n: ProtoNode) => {
    for (const c of n.children ?? []) {
      if (c.field && defs.includes(c.field)) out.push(c);
      walk(c);
    }
  };
  walk(tree);
  return out;
}
