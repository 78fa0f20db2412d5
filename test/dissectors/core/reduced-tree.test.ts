/**
 * A decode tree reduced to what a display filter reads (dissectors/core/reduced-tree.ts): it keeps
 * protocols, the fields asked for and expert items, wherever they are added; nothing set on a field
 * it did not keep reaches a kept node.
 */
import { describe, expect, it } from 'vitest';
import { EI_MALFORMED } from '../../../dissectors/core/expert.js';
import { defineField, defineProtocol } from '../../../dissectors/core/fields.js';
import { PacketInfo } from '../../../dissectors/core/pinfo.js';
import { ReducedNode, TreeInterest } from '../../../dissectors/core/reduced-tree.js';
import type { ProtoNode } from '../../../dissectors/core/tree.js';
import { Tvb } from '../../../dissectors/core/tvb.js';

const proto = defineProtocol('rt_test', 'Reduced Tree Test', 'RT');
const kept = defineField('rt_test.kept', 'Kept', 'uint8');
const other = defineField('rt_test.other', 'Other', 'uint16');
const nested = defineField('rt_test.nested', 'Nested', 'uint8');

function shape(n: ProtoNode): unknown {
  return { f: n.field?.abbrev ?? null, v: n.value ?? null, label: n.label, kids: (n.children ?? []).map(shape) };
}

describe('ReducedNode', () => {
  it('keeps protocols, the fields of interest and expert items; the rest stand in for their parent', () => {
    const tvb = Tvb.frame(Uint8Array.of(1, 2, 3, 4, 5, 6), 6);
    const root = ReducedNode.root(6, new TreeInterest([kept.id, nested.id]));
    const p = root.addProto(proto, tvb, 0, 6, 'Reduced Tree Test');
    p.add(kept, tvb, 0, 1).setLabel('Kept: 1');
    // A field not kept: its label, length and flags go nowhere, what is added under it goes to `p`.
    const o = p.add(other, tvb, 1, 2).setLabel('Other').setLength(1).setFlags(2);
    expect(o.ghost).toBe(true);
    o.add(nested, tvb, 3, 1);
    o.addText(tvb, 0, 1, 'text').addGenerated(nested, 9);
    o.addHidden(other, tvb, 4, 2);
    const pinfo = new PacketInfo();
    pinfo.reset({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: 6 }, tvb.data, root);
    pinfo.expert(o, EI_MALFORMED, tvb, 5, 1);
    expect(shape(root)).toEqual({
      f: null, v: null, label: null,
      kids: [{
        f: 'rt_test', v: null, label: 'Reduced Tree Test',
        kids: [
          { f: 'rt_test.kept', v: 1, label: 'Kept: 1', kids: [] },
          { f: 'rt_test.nested', v: 4, label: null, kids: [] },
          { f: 'rt_test.nested', v: 9, label: null, kids: [] },
          { f: EI_MALFORMED.field.abbrev, v: null, label: EI_MALFORMED.summary, kids: [] },
          // Beside a Malformed-group expert item, Wireshark's hidden "Malformed Packet" protocol item.
          { f: '_ws.malformed', v: null, label: null, kids: [] },
        ],
      }],
    });
    // Every item added under `p` counts, kept or not (desegmentation compares counts).
    expect(p.addedCount).toBe(8);
    expect(p.reduced && !p.ghost && p.real).toBe(true);
    expect(p.children![1]!.offset).toBe(3);
  });
});
