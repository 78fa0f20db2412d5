/**
 * A decode tree reduced to what a display filter reads: Wireshark's "faked" items
 * (TRY_TO_FAKE_THIS_ITEM in epan/proto.c). Running a filter that needs the tree over a whole
 * capture builds a tree for every packet, and most of its items are read by nobody.
 *
 * A reduced tree keeps every protocol item (protocol tests, `#` layers and protocol slices read
 * them), every expert item, and the fields the filter reads (DisplayFilter.treeFieldIds). Adding
 * any other field returns a stand-in (a GhostNode, one per kept node): what is set on it (a label,
 * a length, flags) goes nowhere, and what is added under it is added under the kept node it stands
 * in for, so a field the filter reads stays in the tree wherever its parent was not kept — as in
 * Wireshark. Dissectors do the same work as for a full tree (`real` is true); the few that look at
 * the children they added check `reduced`, `ghost` or `addedCount`.
 */
import { allFields, fieldsByName, type FieldDef, type ProtocolDef } from './fields.js';
import { InertNode, NodeFlags, ProtoNode, readValue, type FieldValue } from './tree.js';
import type { Tvb } from './tvb.js';

/** Which fields a reduced tree keeps, by registry id. */
export class TreeInterest {
  readonly keep: Uint8Array;
  /** Protocol items get their labels: one of the fields is a protocol (what `-e proto` prints). */
  readonly protocolLabels: boolean;

  constructor(ids: readonly number[]) {
    const fields = allFields();
    // A name registered more than once (defineFieldAgain): every registration of it.
    const fieldIds = ids.flatMap((id) => {
      const f = fields[id];
      return f ? fieldsByName(f.abbrev).map((d) => d.id).concat(id) : [id];
    });
    this.keep = new Uint8Array(fieldIds.reduce((m, id) => Math.max(m, id + 1), 0));
    for (const id of fieldIds) this.keep[id] = 1;
    this.protocolLabels = fieldIds.some((id) => fields[id]?.type === 'protocol');
  }

  wants(f: FieldDef): boolean {
    return f.type === 'protocol' || (f.id < this.keep.length && this.keep[f.id] === 1);
  }
}

export class ReducedNode extends ProtoNode {
  private standIn: GhostNode | null = null;
  private added = 0;

  constructor(field: FieldDef | null, offset: number, length: number, value: FieldValue, source: number, readonly interest: TreeInterest) {
    super(field, offset, length, value, source);
  }

  /** The root of a reduced tree for a frame of `length` bytes. */
  static root(length: number, interest: TreeInterest): ReducedNode {
    return new ReducedNode(null, 0, length, null, 0, interest);
  }

  override get reduced(): boolean {
    return true;
  }

  override get detailed(): boolean {
    return false;
  }

  override get protocolLabels(): boolean {
    return this.interest.protocolLabels;
  }

  override wants(f: FieldDef): boolean {
    return this.interest.wants(f);
  }

  override get addedCount(): number {
    return this.added;
  }

  private get stand(): GhostNode {
    return (this.standIn ??= new GhostNode(this));
  }

  override add(f: FieldDef, tvb: Tvb, off: number, len: number, value?: FieldValue): ProtoNode {
    this.added++;
    if (!this.interest.wants(f)) return this.stand;
    const v = value === undefined ? readValue(f, tvb, off, len) : value;
    return this.push(new ReducedNode(f, tvb.start + off, len, v, tvb.source, this.interest));
  }

  override addHidden(f: FieldDef, tvb: Tvb, off: number, len: number, value?: FieldValue): ProtoNode {
    return this.add(f, tvb, off, len, value).setFlags(NodeFlags.Hidden);
  }

  override addGenerated(f: FieldDef, value: FieldValue, tvb?: Tvb, off = 0, len = 0): ProtoNode {
    this.added++;
    if (!this.interest.wants(f)) return this.stand;
    const n = this.push(new ReducedNode(f, tvb ? tvb.start + off : this.offset, tvb ? len : 0, value, tvb ? tvb.source : this.source, this.interest));
    n.flags |= NodeFlags.Generated;
    return n;
  }

  override addText(): ProtoNode {
    this.added++;
    return this.stand;
  }

  override addProto(p: ProtocolDef, tvb: Tvb, off: number, len: number, label?: string): ProtoNode {
    this.added++;
    const n = this.push(new ReducedNode(p, tvb.start + off, len, p.bytesValue && tvb.has(off, len) ? tvb.bytes(off, len) : null, tvb.source, this.interest));
    n.layer = p.layer;
    if (label !== undefined) n.label = label;
    return n;
  }

  /** Expert items (and any node built elsewhere) are kept. */
  override addNode(n: ProtoNode): ProtoNode {
    this.added++;
    return this.push(n);
  }
}

/** What a reduced tree returns for a field it does not keep: adds go to the kept node it stands in for. */
class GhostNode extends InertNode {
  constructor(private readonly owner: ReducedNode) {
    super(null, owner.offset, 0, null, owner.source);
  }
  override get reduced(): boolean {
    return true;
  }
  override get ghost(): boolean {
    return true;
  }
  override wants(f: FieldDef): boolean {
    return this.owner.wants(f);
  }
  override get protocolLabels(): boolean {
    return this.owner.protocolLabels;
  }
  override add(f: FieldDef, tvb: Tvb, off: number, len: number, value?: FieldValue): ProtoNode {
    return this.owner.add(f, tvb, off, len, value);
  }
  override addHidden(f: FieldDef, tvb: Tvb, off: number, len: number, value?: FieldValue): ProtoNode {
    return this.owner.addHidden(f, tvb, off, len, value);
  }
  override addGenerated(f: FieldDef, value: FieldValue, tvb?: Tvb, off = 0, len = 0): ProtoNode {
    return this.owner.addGenerated(f, value, tvb, off, len);
  }
  override addText(): ProtoNode {
    return this.owner.addText();
  }
  override addProto(p: ProtocolDef, tvb: Tvb, off: number, len: number, label?: string): ProtoNode {
    return this.owner.addProto(p, tvb, off, len, label);
  }
  override addNode(n: ProtoNode): ProtoNode {
    return this.owner.addNode(n);
  }
}
