import type { Tvb } from './tvb.js';
import type { FieldDef, Layer, ProtocolDef, Timestamp } from './fields.js';
import type { ExpertItem } from './expert.js';

/** A field value as stored in the tree. See FieldType for which type holds which. */
export type FieldValue = number | bigint | string | Uint8Array | Timestamp | boolean | null | undefined;

export const enum NodeFlags {
  None = 0,
  /** Not in the packet: computed by the dissector (Wireshark shows it in brackets). */
  Generated = 1,
  /** Filterable but not shown (eth.addr, ip.addr, tcp.port …). */
  Hidden = 2,
  /**
   * Text was appended to the label (Wireshark's proto_item_append_text), which Wireshark cuts at
   * its label buffer's end without the " [truncated]" mark that a label set at once gets.
   */
  LabelAppended = 4,
  /**
   * A reassembly item (`tcp.segments`) added before the reassembled bytes were dissected (a PDU
   * that TCP completes on the FIN): Wireshark's protocol hierarchy counts it before their protocols.
   */
  BeforePayload = 8,
}

/**
 * A node of the decode tree. Every node has an offset and length in its data source (the frame
 * is source 0; reassembled buffers get their own numbers), which is what the hex pane highlights.
 *
 * The same dissector code builds either a full tree (ProtoNode) or nothing at all (NULL_TREE,
 * for the summary pass): every method of the null tree returns itself and records nothing.
 */
export class ProtoNode {
  children: ProtoNode[] | null = null;
  label: string | null = null;
  flags: number = NodeFlags.None;
  expert: ExpertItem | null = null;
  /** For protocol nodes: the TCP/IP layer. */
  layer: Layer | undefined = undefined;

  constructor(
    public field: FieldDef | null,
    public offset: number,
    public length: number,
    public value: FieldValue,
    public source = 0,
  ) {}

  /** True for a real tree, false for the summary pass's null tree. */
  get real(): boolean {
    return true;
  }

  /**
   * True in a tree reduced to what a display filter reads (reduced-tree.ts): fields it does not
   * read are not there, so a dissector cannot look for them among the children.
   */
  get reduced(): boolean {
    return false;
  }

  /**
   * True where this tree shows labels and text items: a full tree. A reduced tree
   * (core/reduced-tree.ts) keeps values only (and its protocols' labels, which `-e proto` prints),
   * so dissectors format field labels and text items only when this is true — most of a full
   * tree's strings.
   */
  get detailed(): boolean {
    return true;
  }

  /**
   * True where protocol items get their labels ("Transmission Control Protocol, Src Port: …"): a
   * full tree, and a reduced tree whose fields include a protocol (`-T fields -e tcp` prints its
   * label). A display filter reads no label.
   */
  get protocolLabels(): boolean {
    return true;
  }

  /** Would a field `f` added here be kept? Dissectors skip computing a costly value nobody reads. */
  wants(_f: FieldDef): boolean {
    return true;
  }

  /** True for the stand-in a reduced tree returns for a field it does not keep. */
  get ghost(): boolean {
    return false;
  }

  /** Items added under this node so far (in a reduced tree, also those it did not keep). */
  get addedCount(): number {
    return this.children?.length ?? 0;
  }

  protected push(n: ProtoNode): ProtoNode {
    (this.children ??= []).push(n);
    return n;
  }

  /**
   * Adds a field. Without `value`, the value is read from `tvb` (big-endian) according to the
   * field's type and mask. Never throws: bytes that were not captured leave the value undefined
   * (dissectors read what they need through the Tvb, which does the bounds checks).
   */
  add(f: FieldDef, tvb: Tvb, off: number, len: number, value?: FieldValue): ProtoNode {
    const v = value === undefined ? readValue(f, tvb, off, len) : value;
    return this.push(new ProtoNode(f, tvb.start + off, len, v, tvb.source));
  }

  /** Adds a field that filters can see but the tree does not show. */
  addHidden(f: FieldDef, tvb: Tvb, off: number, len: number, value?: FieldValue): ProtoNode {
    const n = this.add(f, tvb, off, len, value);
    n.flags |= NodeFlags.Hidden;
    return n;
  }

  /** Adds a computed field (shown in brackets, like Wireshark's generated items). */
  addGenerated(f: FieldDef, value: FieldValue, tvb?: Tvb, off = 0, len = 0): ProtoNode {
    const n = this.push(new ProtoNode(f, tvb ? tvb.start + off : this.offset, tvb ? len : 0, value, tvb ? tvb.source : this.source));
    n.flags |= NodeFlags.Generated;
    return n;
  }

  /** Adds a text-only line. */
  addText(tvb: Tvb, off: number, len: number, label: string): ProtoNode {
    const n = this.push(new ProtoNode(null, tvb.start + off, len, null, tvb.source));
    n.label = label;
    return n;
  }

  /** Adds a protocol's subtree; set its length with `setLength` once the header length is known. */
  addProto(p: ProtocolDef, tvb: Tvb, off: number, len: number, label?: string): ProtoNode {
    const n = this.push(new ProtoNode(p, tvb.start + off, len, p.bytesValue && tvb.has(off, len) ? tvb.bytes(off, len) : null, tvb.source));
    n.layer = p.layer;
    if (label !== undefined) n.label = label;
    return n;
  }

  /** Adds an already-built node (used for expert items). */
  addNode(n: ProtoNode): ProtoNode {
    return this.push(n);
  }

  setLength(len: number): ProtoNode {
    this.length = len;
    return this;
  }

  setLabel(label: string): ProtoNode {
    this.label = label;
    return this;
  }

  /** Appends to the label (Wireshark's proto_item_append_text); `base` is the label so far. */
  appendLabel(text: string, base: () => string): ProtoNode {
    this.label = (this.label ?? base()) + text;
    this.flags |= NodeFlags.LabelAppended;
    return this;
  }

  setFlags(flags: number): ProtoNode {
    this.flags |= flags;
    return this;
  }
}

/** A node that keeps nothing set on it: the null tree, and a reduced tree's stand-ins (reduced-tree.ts). */
export abstract class InertNode extends ProtoNode {
  override get detailed(): boolean {
    return false;
  }
  override get protocolLabels(): boolean {
    return false;
  }
  override setLength(): ProtoNode {
    return this;
  }
  override setLabel(): ProtoNode {
    return this;
  }
  override appendLabel(): ProtoNode {
    return this;
  }
  override setFlags(): ProtoNode {
    return this;
  }
}

/** The tree of the summary pass: records nothing, allocates nothing. */
class NullNode extends InertNode {
  constructor() {
    super(null, 0, 0, null);
  }
  override get real(): boolean {
    return false;
  }
  override wants(): boolean {
    return false;
  }
  override add(): ProtoNode {
    return this;
  }
  override addHidden(): ProtoNode {
    return this;
  }
  override addGenerated(): ProtoNode {
    return this;
  }
  override addText(): ProtoNode {
    return this;
  }
  override addProto(): ProtoNode {
    return this;
  }
  override addNode(): ProtoNode {
    return this;
  }
}

export const NULL_TREE: ProtoNode = new NullNode();

/** Reads a field's value from the bytes, per its type and mask; undefined where not captured. */
export function readValue(f: FieldDef, tvb: Tvb, off: number, len: number): FieldValue {
  if (!tvb.has(off, len)) return undefined;
  switch (f.type) {
    case 'uint8': case 'uint16': case 'uint24': case 'uint32': case 'int8': case 'int16': case 'int32':
    case 'boolean': case 'framenum': {
      let v = 0;
      for (let i = 0; i < len && i < 4; i++) v = v * 256 + tvb.u8(off + i);
      if (f.mask !== undefined) {
        v = Math.floor((v >>> 0 & f.mask) / 2 ** shiftOf(f.mask)) >>> 0;
        if (f.type === 'boolean') v = v ? 1 : 0;
      } else if (f.type === 'boolean') v = v ? 1 : 0;
      if (f.type === 'int8') v = (v << 24) >> 24;
      else if (f.type === 'int16') v = (v << 16) >> 16;
      else if (f.type === 'int32') v = v | 0;
      return v;
    }
    case 'uint64':
      return len === 8 ? tvb.u64(off) : undefined;
    case 'ipv4':
      return tvb.u32(off);
    case 'ether': case 'eui64': case 'ipv6': case 'bytes':
      return tvb.bytes(off, len);
    case 'string':
      return tvb.latin1(off, len);
    default:
      return null;
  }
}

function shiftOf(mask: number): number {
  let s = 0;
  while (s < 32 && ((mask >>> s) & 1) === 0) s++;
  return s;
}
